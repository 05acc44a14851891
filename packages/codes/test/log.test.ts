/**
 * Mail log lines (Postfix, Exim, Sendmail), written for these tests in each
 * server's documented format: the fields read and the classification they
 * lead to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, classifyLogLine, readLogLine } from '../src/index.js';

const PF = 'Nov 28 10:00:01 mx1 postfix/smtp[4711]: 4B1C52A0F1:';
const EXIM = '2024-11-28 10:00:01 1tAbCd-000Xyz-Ab';
const SM = 'Nov 28 10:00:01 mx1 sm-mta[1234]: 4ASA01x1001234:';
/** Every key of LogFields, in the order of the interface: each reader starts from the same object. */
const KEYS = [
  'format',
  'queueId',
  'recipient',
  'recipients',
  'relay',
  'dsn',
  'status',
  'action',
  'reply',
  'command',
  'router',
  'transport',
];

describe('readLogLine: Postfix', () => {
  it('reads to=, relay=, dsn=, status= and the reply after said: with its command', () => {
    expect(
      readLogLine(
        `${PF} to=<bob@example.com>, orig_to=<b@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))`,
      ),
    ).toEqual({
      format: 'postfix',
      queueId: '4B1C52A0F1',
      recipient: 'bob@example.com',
      relay: 'mx.example.com[192.0.2.1]:25',
      dsn: '5.1.1',
      status: 'bounced',
      action: 'failed',
      reply: '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
      command: 'RCPT TO',
    });
  });
  it.each([
    ['sent', 'delivered'],
    ['deferred', 'delayed'],
    ['bounced', 'failed'],
    ['expired', 'failed'],
  ])('status=%s stands for Action %s', (status, action) => {
    expect(readLogLine(`${PF} to=<a@example.com>, relay=none, delay=1, dsn=4.4.1, status=${status}`)?.action).toBe(action);
  });
  it('keeps the local text of a status without said:', () => {
    const f = readLogLine(
      `${PF} to=<a@example.com>, relay=none, delay=300, delays=300/0/0/0, dsn=4.4.1, status=deferred (connect to mx.example.com[192.0.2.1]:25: Connection timed out)`,
    );
    expect(f?.reply).toBe('connect to mx.example.com[192.0.2.1]:25: Connection timed out');
    expect(f?.command).toBeUndefined();
  });
  it('reads an smtpd NOQUEUE reject: the reply, the command and to=', () => {
    const f = readLogLine(
      'Nov 28 10:00:02 mx1 postfix/smtpd[3303]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 <carol@example.net>: Relay access denied; from=<x@example.biz> to=<carol@example.net> proto=ESMTP helo=<example.biz>',
    );
    expect(f).toMatchObject({
      status: 'reject',
      recipient: 'carol@example.net',
      command: 'RCPT',
      reply: '554 5.7.1 <carol@example.net>: Relay access denied',
    });
  });
  it.each([
    ['postfix/smtpd[2201]: warning: hostname x.example.com does not resolve to address 192.0.2.1', 'postfix'],
    ['postfix/master[1]: fatal: bind 0.0.0.0 port 25: Address already in use', 'postfix'],
    ['postfix/anvil[1]: statistics: max connection rate 1/60s for (smtp:192.0.2.1) at Nov 28 10:00:01', 'postfix'],
    ['postfix/smtpd[2201]: NOQUEUE: filter: RCPT from x[192.0.2.1]: <x[192.0.2.1]>: Client host triggers FILTER', 'postfix'],
    ['sm-mta[1234]: NOQUEUE: connect from x.example.com [192.0.2.1]', 'sendmail'],
  ])('takes no queue id from a word in its place: %j', (tail, format) => {
    expect(readLogLine(`Nov 28 10:00:01 mx1 ${tail}`)).toEqual({ format });
  });
  it('still reads the refusals logged with NOQUEUE, without a queue id', () => {
    expect(
      readLogLine(
        'Nov 28 10:00:01 mx1 postfix/smtpd[2201]: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 5.7.1 no; from=<a@example.com> to=<b@example.com>',
      ),
    ).toEqual({ format: 'postfix', status: 'reject', recipient: 'b@example.com', reply: '554 5.7.1 no', command: 'RCPT' });
    expect(
      readLogLine(
        'Nov 28 10:00:01 mx1 sm-mta[1234]: NOQUEUE: ruleset=check_rcpt, arg1=<b@example.com>, relay=x [192.0.2.9], reject=550 5.7.1 <b@example.com>... Relaying denied',
      ),
    ).toMatchObject({ format: 'sendmail', queueId: undefined, status: 'reject', recipient: 'b@example.com', command: 'RCPT' });
  });
  it('reads an RFC 3339 syslog head and a multi-instance program name', () => {
    expect(
      readLogLine(
        '2024-11-28T10:00:01.123456+00:00 mx1 postfix-out/smtp[77]: 4Y7k3s0Jv9z2xQ: to=<a@example.com>, relay=none, dsn=5.4.4, status=bounced (Host or domain name not found)',
      ),
    ).toMatchObject({
      format: 'postfix',
      queueId: '4Y7k3s0Jv9z2xQ',
      dsn: '5.4.4',
    });
  });
  it('gives only the format and queue id for lines that are not about a delivery', () => {
    expect(
      readLogLine('Nov 28 10:00:01 mx1 postfix/qmgr[2201]: 4B1C52A0F1: from=<alice@example.org>, size=4242, nrcpt=1 (queue active)'),
    ).toEqual({ format: 'postfix', queueId: '4B1C52A0F1' });
    expect(readLogLine('Nov 28 10:00:01 mx1 postfix/smtpd[2201]: connect from unknown[192.0.2.9]')).toEqual({ format: 'postfix' });
  });
});

describe('readLogLine: Postfix status lines, whatever the order and spacing of their fields', () => {
  const reply = 'host mx.example.com[192.0.2.1] said: 550 5.1.1 No such user (in reply to RCPT TO command))';
  const usual = `${PF} to=<bob@example.com>, orig_to=<b@example.com>, relay=mx.example.com[192.0.2.1]:25, conn_use=2, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (${reply}`;
  const expected = {
    format: 'postfix',
    queueId: '4B1C52A0F1',
    recipient: 'bob@example.com',
    relay: 'mx.example.com[192.0.2.1]:25',
    dsn: '5.1.1',
    status: 'bounced',
    action: 'failed',
    reply: '550 5.1.1 No such user',
    command: 'RCPT TO',
  };
  it('reads the usual order, with the fields in the order of the API (JSON output is stable)', () => {
    const f = readLogLine(usual);
    expect(f).toEqual(expected);
    expect(Object.keys(JSON.parse(JSON.stringify(f)))).toEqual(Object.keys(expected));
  });
  it('reads the same fields in another order or with other fields between', () => {
    for (const line of [
      `${PF} relay=mx.example.com[192.0.2.1]:25, to=<bob@example.com>, delay=1.2, dsn=5.1.1, status=bounced (${reply}`,
      `${PF} to=<bob@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, x=1, dsn=5.1.1, status=bounced (${reply}`,
    ]) {
      const f = readLogLine(line);
      expect(f).toEqual(expected);
      expect(Object.keys(JSON.parse(JSON.stringify(f)))).toEqual(Object.keys(expected));
    }
  });
  it('leaves out empty fields in either order', () => {
    const empty = { format: 'postfix', queueId: '4B1C52A0F1', status: 'bounced', action: 'failed' };
    expect(readLogLine(`${PF} to=<>, relay=, delay=1, delays=1, dsn=, status=bounced`)).toEqual(empty);
    expect(readLogLine(`${PF} relay=, to=<>, delay=1, dsn=, status=bounced`)).toEqual(empty);
  });
  it('reads (in reply to X command) only at the end, for a command of 1 to 40 characters on one line', () => {
    const line = (tail: string) =>
      `${PF} to=<a@example.com>, relay=mx, delay=1, delays=1, dsn=5.0.0, status=bounced (host mx said: 550 no${tail})`;
    expect(readLogLine(line(' \t (in reply to RCPT TO command)'))).toMatchObject({ reply: '550 no', command: 'RCPT TO' });
    expect(readLogLine(line('(in reply to DATA command)'))).toMatchObject({ reply: '550 no', command: 'DATA' });
    expect(readLogLine(line(` (in reply to ${'X'.repeat(41)} command)`))?.command).toBeUndefined();
    expect(readLogLine(line(' (in reply to RCPT\nTO command)'))).toMatchObject({ reply: '550 no (in reply to RCPT\nTO command)' });
    expect(readLogLine(line(' (in reply to RCPT TO command) later'))?.command).toBeUndefined();
    expect(readLogLine(line(' (in reply to (in reply to X command)'))?.command).toBe('(in reply to X');
  });
  it('reads a greeting refused ("refused to talk to me:") as the reply to the connection', () => {
    const line = `${PF} to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/1/0, dsn=4.7.0, status=deferred (host mx.example.com[192.0.2.1] refused to talk to me: 421 4.7.0 Try again later)`;
    expect(readLogLine(line)).toMatchObject({ reply: '421 4.7.0 Try again later', command: 'CONNECT', action: 'delayed' });
    expect(classifyLogLine(line).result).toMatchObject({ code: 421, enhanced: '4.7.0', command: 'CONNECT', outcome: 'transient' });
    // "said:" wins where both occur: the greeting's words may be part of a reply.
    const said = `${PF} to=<a@example.com>, relay=mx, delay=1, delays=0/0/1/0, dsn=5.0.0, status=bounced (host mx said: 550 you refused to talk to me: no (in reply to MAIL FROM command))`;
    expect(readLogLine(said)).toMatchObject({ reply: '550 you refused to talk to me: no', command: 'MAIL FROM' });
  });
  it("reads postscreen's reject, whose client is [ip]:port, and a milter's END-OF-MESSAGE", () => {
    expect(
      readLogLine(
        'Nov 28 10:00:01 mx1 postfix/postscreen[77]: NOQUEUE: reject: RCPT from [192.0.2.9]:5555: 550 5.7.1 Service unavailable; client [192.0.2.9] blocked using zen.spamhaus.org; from=<a@example.org>, to=<b@example.com>, proto=ESMTP, helo=<x>',
      ),
    ).toMatchObject({
      status: 'reject',
      recipient: 'b@example.com',
      command: 'RCPT',
      reply: '550 5.7.1 Service unavailable; client [192.0.2.9] blocked using zen.spamhaus.org',
    });
    const milter =
      'Nov 28 10:00:01 mx1 postfix/cleanup[77]: 4B1C52A0F1: milter-reject: END-OF-MESSAGE from x[192.0.2.9]: 5.7.1 Rejected by policy; from=<a@example.org> to=<b@example.com> proto=ESMTP helo=<x>';
    expect(readLogLine(milter)).toMatchObject({ reply: '5.7.1 Rejected by policy', command: 'END-OF-MESSAGE' });
    expect(classifyLogLine(milter).result).toMatchObject({ command: 'END-OF-DATA', enhanced: '5.7.1' });
  });
  it('takes a queue id of 1 to 24 letters and digits only', () => {
    const line = (id: string) =>
      `Nov 28 10:00:01 mx1 postfix/smtp[4711]: ${id}: to=<a@example.com>, relay=none, delay=1, dsn=5.0.0, status=bounced`;
    expect(readLogLine(line('A'.repeat(24)))?.queueId).toBe('A'.repeat(24));
    expect(readLogLine(line('A'.repeat(25)))).toEqual({ format: 'postfix' });
    expect(readLogLine(line('4B1C-52A0'))).toEqual({ format: 'postfix' });
    // Control characters are not letters or digits.
    expect(readLogLine(line('4B1C\u001052A0'))).toEqual({ format: 'postfix' });
  });
  it('gives no Action for a status word Postfix does not write, whatever its name', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'queued']) {
      const fields = readLogLine(`${PF} to=<a@example.com>, relay=none, delay=1, delays=0/0/0/1, dsn=5.0.0, status=${word}`)!;
      expect(fields.status).toBe(word);
      expect(fields.action).toBeUndefined();
    }
    expect(readLogLine(`${PF} to=<a@example.com>, relay=none, delay=1, delays=0/0/0/1, dsn=5.0.0, status=expired`)?.action).toBe('failed');
  });
});

describe('readLogLine: the program a syslog line names', () => {
  const line = (program: string) =>
    `Nov 28 10:00:01 mx1 ${program}: 4ASA01x1001234: to=<a@example.com>, relay=mx., dsn=2.0.0, stat=Sent (ok)`;
  it('reads sendmail, sm-mta and sm-msp-queue as Sendmail, with or without a pid', () => {
    for (const program of ['sendmail[1]', 'sm-mta', 'sm-msp-queue[77]']) expect(readLogLine(line(program))?.format).toBe('sendmail');
  });
  it('reads no other program, nor a line without a syslog time, host and program', () => {
    for (const program of ['sendmailx[1]', 'sm-mta2', 'sm-mta[x]', 'sm-mta[]']) expect(readLogLine(line(program))).toBeUndefined();
    expect(readLogLine('Nov 28 10:00:01 postfix/smtp[1]: 4B1C52A0F1: removed')).toBeUndefined();
    expect(readLogLine('Nov 28 10:00:01  mx1 postfix/smtp[1]: 4B1C52A0F1: removed')).toBeUndefined();
    expect(readLogLine('2024-11-28T10:00:01+0100 mx1 postfix/smtp[1]: 4B1C52A0F1: removed')).toEqual({
      format: 'postfix',
      queueId: '4B1C52A0F1',
    });
    expect(readLogLine('2024-11-28T10:00:01+01 mx1 postfix/smtp[1]: 4B1C52A0F1: removed')).toBeUndefined();
  });
});

describe('readLogLine: Exim', () => {
  it('reads ** with R=, T=, H= and the remote reply after the command', () => {
    expect(
      readLogLine(
        `${EXIM} ** bob@example.com <postmaster@example.com> R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 <bob@example.com>: User unknown`,
      ),
    ).toEqual({
      format: 'exim',
      queueId: '1tAbCd-000Xyz-Ab',
      recipient: 'bob@example.com',
      status: '**',
      action: 'failed',
      router: 'dnslookup',
      transport: 'remote_smtp',
      relay: 'mx.example.com',
      reply: '550 5.1.1 <bob@example.com>: User unknown',
      command: 'RCPT TO',
    });
  });
  it('reads == with defer (errno) and a command without an address', () => {
    expect(
      readLogLine(
        `${EXIM} == bob@example.com R=dnslookup T=remote_smtp defer (-44) H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after end of data: 451 4.7.1 Greylisted, try again later`,
      ),
    ).toMatchObject({
      status: '==',
      action: 'delayed',
      command: 'end of data',
      reply: '451 4.7.1 Greylisted, try again later',
    });
  });
  it('reads => with the C= confirmation, Exim 4.97 long ids, and ** of a router failure', () => {
    expect(
      readLogLine(
        '2024-11-28 10:00:01.250 +0100 [3121] 1tAbCd-00000001aB3-0Qmd => bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1] C="250 2.0.0 OK 1732784401 x1si - gsmtp"',
      ),
    ).toMatchObject({
      queueId: '1tAbCd-00000001aB3-0Qmd',
      action: 'delivered',
      reply: '250 2.0.0 OK 1732784401 x1si - gsmtp',
    });
    expect(readLogLine(`${EXIM} ** nobody@nowhere.invalid: Unrouteable address`)).toMatchObject({
      recipient: 'nobody@nowhere.invalid',
      action: 'failed',
      reply: 'Unrouteable address',
    });
  });
  it('gives no action for an arrival and reads rejections without a message id', () => {
    expect(readLogLine(`${EXIM} <= alice@example.org H=client.example.org [192.0.2.7] P=esmtps S=4242`)).toEqual({
      format: 'exim',
      queueId: '1tAbCd-000Xyz-Ab',
      status: '<=',
    });
    expect(
      readLogLine(
        '2024-11-28 10:00:01 H=(helo.example) [192.0.2.9] F=<x@example.biz> temporarily rejected RCPT <bob@example.com>: greylisted',
      ),
    ).toMatchObject({
      status: 'reject',
      action: 'delayed',
      recipient: 'bob@example.com',
      command: 'RCPT',
      reply: 'greylisted',
    });
  });
});

describe('readLogLine: Sendmail', () => {
  it('reads to=, relay=, dsn= and stat= (failure, Deferred: with a reply, Sent)', () => {
    const head = `${SM} to=<bob@example.com>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.example.com. [192.0.2.1]`;
    expect(readLogLine(`${head}, dsn=5.1.1, stat=User unknown`)).toEqual({
      format: 'sendmail',
      queueId: '4ASA01x1001234',
      recipient: 'bob@example.com',
      relay: 'mx.example.com. [192.0.2.1]',
      dsn: '5.1.1',
      status: 'User unknown',
      action: 'failed',
      reply: 'User unknown',
    });
    expect(readLogLine(`${head}, dsn=4.0.0, stat=Deferred: 421 4.3.2 Service not available`)).toMatchObject({
      status: 'Deferred',
      action: 'delayed',
      reply: '421 4.3.2 Service not available',
    });
    expect(readLogLine(`${head}, dsn=2.0.0, stat=Sent (4ASB0Zb1001299 Message accepted for delivery)`)).toMatchObject({
      status: 'Sent',
      action: 'delivered',
      reply: '4ASB0Zb1001299 Message accepted for delivery',
    });
  });
  it('reads a ruleset reject with its command', () => {
    expect(
      readLogLine(
        `Nov 28 10:00:01 mx1 sendmail[1234]: 4ASA01x1001234: ruleset=check_rcpt, arg1=<bob@example.com>, relay=client.example [192.0.2.9], reject=550 5.7.1 <bob@example.com>... Relaying denied`,
      ),
    ).toMatchObject({
      status: 'reject',
      recipient: 'bob@example.com',
      command: 'RCPT',
      reply: '550 5.7.1 <bob@example.com>... Relaying denied',
    });
  });
});

describe('readLogLine: Sendmail recipient lists and Exim through syslog', () => {
  it('reads every address of a Sendmail to= list, with or without angle brackets', () => {
    const angled = readLogLine(
      `${SM} to=<a@example.com>,<b@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.example.com. [192.0.2.1], dsn=5.1.1, stat=User unknown`,
    );
    expect(angled).toMatchObject({
      recipient: 'a@example.com',
      recipients: ['a@example.com', 'b@example.org'],
      dsn: '5.1.1',
      action: 'failed',
    });
    const bare = readLogLine(
      `${SM} to=a@example.com,b@example.org,c@example.net, delay=00:00:01, mailer=esmtp, relay=mx.example.com. [192.0.2.1], dsn=2.0.0, stat=Sent (Ok: queued as 123)`,
    );
    expect(bare).toMatchObject({
      recipient: 'a@example.com',
      recipients: ['a@example.com', 'b@example.org', 'c@example.net'],
      action: 'delivered',
    });
    // A comma inside a quoted name or angle brackets belongs to the address.
    expect(
      readLogLine(`${SM} to="Doe,J" <j@example.com>,<k@example.com>, delay=00:00:01, dsn=4.2.2, stat=Deferred: 452 4.2.2 Mailbox full`),
    ).toMatchObject({
      recipient: '"Doe,J" <j@example.com>',
      recipients: ['"Doe,J" <j@example.com>', 'k@example.com'],
    });
  });
  it('leaves recipients out when the line names one recipient', () => {
    const one = readLogLine(`${SM} to=<a@example.com>, delay=00:00:01, mailer=esmtp, dsn=5.1.1, stat=User unknown`)!;
    expect(one.recipient).toBe('a@example.com');
    expect(one.recipients).toBeUndefined();
  });
  it('reads the reply after the host an older Exim names first', () => {
    expect(
      readLogLine(
        `${EXIM} ** a@example.com R=dnslookup T=remote_smtp H=mx [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<a@example.com>: host mx.example.com [192.0.2.1]: 550 5.1.1 User unknown`,
      ),
    ).toMatchObject({ reply: '550 5.1.1 User unknown', command: 'RCPT TO' });
  });
  it("reads Exim lines logged through syslog: deliveries with or without Exim's own date, and rejections", () => {
    const head = 'Nov 28 10:00:01 mx1 exim[1234]:';
    expect(
      readLogLine(
        `${head} 1tAbCd-000Xyz-Ab ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 User unknown`,
      ),
    ).toMatchObject({
      format: 'exim',
      queueId: '1tAbCd-000Xyz-Ab',
      status: '**',
      recipient: 'bob@example.com',
      reply: '550 5.1.1 User unknown',
      command: 'RCPT TO',
    });
    expect(
      readLogLine(
        `Nov 28 10:00:01 mx1 exim4[1234]: 2024-11-28 10:00:01 1tAbCd-000Xyz-Ab == bob@example.com R=dnslookup T=remote_smtp defer (-44) H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 451 4.7.1 Greylisted`,
      ),
    ).toMatchObject({ status: '==', action: 'delayed', reply: '451 4.7.1 Greylisted' });
    const reject = `${head} H=(helo) [192.0.2.9] F=<a@example.com> rejected RCPT <bob@example.com>: relay not permitted`;
    expect(readLogLine(reject)).toEqual({
      format: 'exim',
      status: 'reject',
      action: 'failed',
      recipient: 'bob@example.com',
      reply: 'relay not permitted',
      command: 'RCPT',
    });
    expect(classifyLogLine(reject).result).toMatchObject({ reason: 'relay-denied' });
    // A rejection with no text after it: no reply, as every field that is absent.
    expect(readLogLine(`${head} H=(helo) [192.0.2.9] F=<a@example.com> rejected RCPT <bob@example.com>: `)?.reply).toBeUndefined();
    expect(
      readLogLine(
        'Nov 28 10:00:01 mx1 sendmail[1234]: 4ASA01x1001234: ruleset=check_rcpt, arg1=<bob@example.com>, relay=client.example, reject=',
      ),
    ).toEqual({
      format: 'sendmail',
      queueId: '4ASA01x1001234',
      status: 'reject',
      recipient: 'bob@example.com',
      relay: 'client.example',
      command: 'RCPT',
    });
    // Exim's other syslog lines (queue runs, connections) are in no delivery format.
    expect(readLogLine(`${head} Start queue run: pid=4321`)).toBeUndefined();
  });
});

describe('readLogLine: one shape for every line', () => {
  it.each([
    `${PF} to=<bob@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx said: 550 no (in reply to RCPT TO command))`,
    `${PF} relay=none, to=<bob@example.com>, delay=1, dsn=4.4.1, status=deferred (connect timed out)`,
    `${PF} removed`,
    'Nov 28 10:00:01 mx1 postfix/smtpd[2201]: connect from unknown[192.0.2.9]',
    'Nov 28 10:00:01 mx1 postfix/smtpd[2201]: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 5.7.1 no; from=<a@example.com> to=<b@example.com>',
    `${EXIM} ** bob@example.com R=dnslookup T=remote_smtp H=mx [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 no`,
    `${EXIM} <= alice@example.com H=client [192.0.2.9] P=esmtp S=1234`,
    `${EXIM} H=(helo) [192.0.2.9] F=<a@example.com> rejected RCPT <bob@example.com>: relay not permitted`,
    `${SM} to=<a@example.com>,<b@example.com>, delay=00:00:01, mailer=esmtp, dsn=5.1.1, stat=User unknown`,
    `${SM} ruleset=check_rcpt, arg1=<bob@example.com>, relay=client.example, reject=550 5.7.1 Relaying denied`,
    'Nov 28 10:00:01 mx1 sendmail[1234]: starting daemon',
  ])('%j has every key of LogFields, in order', (line) => {
    expect(Object.keys(readLogLine(line)!)).toEqual(KEYS);
  });
});

describe('readLogLine: other text', () => {
  it.each([
    '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown',
    'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
    'Nov 28 10:00:01 mx1 dovecot[99]: imap-login: Login: user=<bob>',
    '2024-11-28 10:00:01 Start queue run: pid=4242',
    '',
  ])('%j is in no known format', (line) => expect(readLogLine(line)).toBeUndefined());
});

describe('classifyLogLine', () => {
  it('classifies a line that has only dsn= and status=', () => {
    const { result } = classifyLogLine(`${PF} to=<bob@example.com>, relay=none, delay=0.1, delays=0/0/0/0, dsn=5.1.1, status=bounced`);
    expect(result).toMatchObject({ outcome: 'permanent', reason: 'unknown-recipient', enhanced: '5.1.1', inferred: false });
    // The same line through classify alone holds no code it can read.
    expect(classify(`${PF} to=<bob@example.com>, relay=none, delay=0.1, delays=0/0/0/0, dsn=5.1.1, status=bounced`).reason).toBe('other');
  });
  it("gives the command the line names to classify: a MAIL FROM refusal is the sender's", () => {
    const { result } = classifyLogLine(
      `${EXIM} ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after MAIL FROM:<alice@example.org> SIZE=4242: 550 5.1.0 Sender rejected`,
    );
    expect(result).toMatchObject({ outcome: 'permanent', command: 'MAIL', side: 'sender' });
  });
  it("reads Postfix's expired message (status=expired, no dsn=) as RFC 3463's 5.4.7", () => {
    const { fields, result } = classifyLogLine(
      'Nov 28 10:00:01 mx1 postfix/qmgr[2201]: 4B1C52A0F1: from=<alice@example.org>, status=expired, returned to sender',
    );
    expect(fields).toMatchObject({ status: 'expired', action: 'failed', dsn: undefined });
    expect(result).toMatchObject({ outcome: 'permanent', reason: 'expired', matchedRule: 'X.4.7' });
    // A dsn= the line logs stays the status.
    expect(
      classifyLogLine(`${PF} to=<a@example.com>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=expired (connect to mx: timed out)`)
        .result?.enhanced,
    ).toBe('4.4.1');
  });
  it('takes the outcome from the status word when no code says it', () => {
    expect(
      classifyLogLine(`${EXIM} == bob@example.com R=dnslookup T=remote_smtp defer (-53): retry time not reached for any host`).result
        ?.outcome,
    ).toBe('transient');
    expect(
      classifyLogLine(`${PF} to=<a@example.com>, relay=local, delay=0.2, dsn=2.0.0, status=sent (delivered to mailbox)`).result?.outcome,
    ).toBe('success');
  });
  it('a DSN status wins over the reply it summarises when they disagree, as in a DSN', () => {
    const { result } = classifyLogLine(
      `${SM} to=<bob@example.com>, delay=00:00:01, mailer=esmtp, pri=120, relay=mx.example.com. [192.0.2.1], dsn=5.2.2, stat=User unknown`,
    );
    expect(result).toMatchObject({ enhanced: '5.2.2', reason: 'mailbox-full' });
  });
  it('leaves lines that are not about a delivery unclassified', () => {
    for (const line of [
      'Nov 28 10:00:01 mx1 postfix/qmgr[2201]: 4B1C52A0F1: removed',
      'Nov 28 10:00:01 mx1 postfix/cleanup[2201]: 4B1C52A0F1: message-id=<20241128100001.4242@example.org>',
      `${EXIM} <= alice@example.org H=client.example.org [192.0.2.7] P=esmtps S=4242`,
    ]) {
      expect(classifyLogLine(line).result).toBeUndefined();
      expect(classifyLogLine(line).fields).toBeDefined();
    }
  });
  it('reads a quoted reply by its leading codes, as classify reads the reply alone (multi-line replies joined by Postfix included)', () => {
    const reply =
      "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp";
    const line = `${PF} to=<bob@example.com>, relay=gmail-smtp-in.l.google.com[192.0.2.5]:25, delay=0.5, delays=0/0/0.2/0.3, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.5] said: ${reply} (in reply to RCPT TO command))`;
    const viaLog = classifyLogLine(line).result!;
    const alone = classify(reply, {
      status: '5.1.1',
      action: 'failed',
      command: 'RCPT TO',
      remoteMta: 'gmail-smtp-in.l.google.com[192.0.2.5]:25',
    });
    expect(viaLog).toEqual(alone);
    expect(viaLog).toMatchObject({ code: 550, enhanced: '5.1.1', command: 'RCPT', reason: 'unknown-recipient' });
    // A reply code without an enhanced code, and text that is not a reply.
    expect(
      classifyLogLine(
        `${EXIM} ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 No such user here`,
      ).result,
    ).toMatchObject({
      code: 550,
      enhanced: undefined,
      reason: 'unknown-recipient',
    });
  });
  it('classifies a line about no delivery that quotes a reply (Postfix before it tries the next MX)', () => {
    const line = `${PF} host mx1.example.com[192.0.2.1] said: 451 4.3.0 Temporary lookup failure (in reply to RCPT TO command)`;
    expect(classifyLogLine(line)).toEqual({ fields: { format: 'postfix', queueId: '4B1C52A0F1' }, result: classify(line) });
    expect(classifyLogLine(line).result).toMatchObject({ outcome: 'transient', code: 451 });
  });
  it('reads a phrase broken across the lines of a joined multi-line reply without enhanced codes whole', () => {
    // "The mailbox" / "is full" on two lines: the text rule matches, not only the bare reply code.
    const reply = '552-The mailbox 552-is full 552 try later';
    const line = `${PF} to=<bob@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.0.0, status=bounced (host mx.example.com[192.0.2.1] said: ${reply} (in reply to RCPT TO command))`;
    expect(classifyLogLine(line).result).toMatchObject({ reason: 'mailbox-full', matchedRule: 'mailbox-full', code: 552 });
  });

  it.each([
    'Nov 28 10:00:01 mx1 postfix/qmgr[550]: 4B1C52A0F1: removed',
    'Nov 28 10:00:01 mx1 postfix/smtpd[421]: connect from unknown[192.0.2.9]',
    'Nov 28 10:00:01 mx1 sm-mta[451]: 4ASA01x1001234: from=<a@example.com>, size=1234, class=0, nrcpt=1',
    '2024-11-28T10:00:01.5+01:00 2001:db8::25 postfix/qmgr[250]: 4B1C52A0F1: removed',
    '2024-11-28 10:00:01 [421] 1tAbCd-000Xyz-Ab Completed',
  ])('takes no pid for a reply code: %j is about no delivery', (line) => {
    expect(classifyLogLine(line).fields).toBeDefined();
    expect(classifyLogLine(line).result).toBeUndefined();
  });
  it("classifies another program's syslog line by its text after program[pid]: ", () => {
    const head = 'Nov 28 10:00:01 mx1 amavis[550]: ';
    expect(classifyLogLine(`${head}(01234-05) Blocked SPAM {RejectedInbound}`)).toEqual({
      result: classify('(01234-05) Blocked SPAM {RejectedInbound}'),
    });
    expect(classifyLogLine(`${head}(01234-05) Blocked SPAM {RejectedInbound}`).result?.code).toBeUndefined();
    expect(classifyLogLine(`${head}(01234-05) Passed CLEAN, 250 2.0.0 Ok, queued as 4B1C52A0F1`).result).toMatchObject({ code: 250 });
  });
  it('classifies text in no known format whole, as classify does', () => {
    const line = 'Diagnostic-Code: smtp; 452 4.2.2 Mailbox full';
    expect(classifyLogLine(line)).toEqual({ result: classify(line) });
  });
});

describe('classifyLogLine: the log path gives what classify gives for the same reply and context', () => {
  // What the log path hands classify, spelled out with the public API: the
  // codes a quoted reply starts with (RFC 5321 section 4.2, RFC 2034 section 4)
  // as `{ code, enhanced, text }`, the other text as it is, and the fields as
  // the context.
  const HEAD = /^([2-5][0-5][0-9])([ -])(?:([245]\.(?:0|[1-9][0-9]{0,2})\.(?:0|[1-9][0-9]{0,2}))(?: |$))?/;
  function viaClassify(line: string) {
    const f = readLogLine(line)!;
    const ctx = {
      ...(f.dsn !== undefined ? { status: f.dsn } : {}),
      ...(f.action !== undefined ? { action: f.action } : {}),
      ...(f.command !== undefined ? { command: f.command } : {}),
      ...(f.relay !== undefined ? { remoteMta: f.relay } : {}),
    };
    if (f.reply === undefined) return classify('', ctx);
    const m = HEAD.exec(f.reply);
    if (m === null) return classify(f.reply, ctx);
    let text = f.reply.slice(m[0].length);
    if (m[2] === '-') {
      const rest = m[3] === undefined ? '' : `${m[3]} `;
      text = text.replaceAll(` ${m[1]}-${rest}`, ' ').replace(` ${m[1]} ${rest}`, ' ');
    }
    return classify(m[3] === undefined ? { code: Number(m[1]), text } : { code: Number(m[1]), enhanced: m[3], text }, ctx);
  }
  const replies = [
    '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown',
    '550-5.7.26 This mail is unauthenticated 550-5.7.26 please set up SPF 550 5.7.26 and DKIM',
    '452 4.2.2 The email account that you tried to reach is over quota',
    '421-4.7.0 Try again later 421 4.7.0 closing connection',
    '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
    '550 No such user here',
    '451 Greylisted, come back later',
    '550 5.01.1 leading zero is not an enhanced code',
    '550 5.1.1: Mailbox unavailable',
    '250 2.0.0 Ok: queued as 4B1C52A0F1',
    '550 5.7.606 Access denied, banned sending IP [192.0.2.1]',
    'connect to mx.example.com[192.0.2.1]:25: Connection timed out',
    'Host or domain name not found. Name service error for name=example.com type=MX',
    '550 5.1.1000 a detail of four digits is not an enhanced code',
    '560 5.1.1 a second digit above 5 is not a reply code',
    '550-5.1.1',
    '421-no enhanced code 421-on any line 421 of the reply',
    '552-The mailbox 552-is full 552 try later; 552 messages were sent',
  ];
  const statuses = [
    ['5.1.1', 'bounced'],
    ['4.4.1', 'deferred'],
    ['5.0.0', 'bounced'],
    ['4.0.0', 'expired'],
    ['2.0.0', 'sent'],
  ] as const;
  const commands = ['', ' (in reply to RCPT TO command)', ' (in reply to end of DATA command)', ' (in reply to MAIL FROM command)'];
  const lines: string[] = [];
  for (const reply of replies)
    for (const [dsn, status] of statuses) {
      for (const cmd of commands)
        lines.push(
          `${PF} to=<bob@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=${dsn}, status=${status} (host mx.example.com[192.0.2.1] said: ${reply}${cmd})`,
        );
      lines.push(`${PF} to=<bob@example.com>, relay=none, delay=1, dsn=${dsn}, status=${status} (${reply})`);
      lines.push(
        `${SM} to=<bob@example.com>, delay=00:00:01, mailer=esmtp, relay=mx.example.com. [192.0.2.1], dsn=${dsn}, stat=Deferred: ${reply}`,
      );
    }
  for (const reply of replies) {
    lines.push(
      `${EXIM} ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: ${reply}`,
    );
    lines.push(
      `${EXIM} == bob@example.com R=dnslookup T=remote_smtp defer (-44) H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after end of data: ${reply}`,
    );
    lines.push(
      `Nov 28 10:00:01 mx1 postfix/smtpd[4711]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: ${reply}; from=<a@example.com> to=<bob@example.com> proto=ESMTP helo=<x>`,
    );
  }
  it.each(lines)('%s', (line) => {
    expect(readLogLine(line)).toBeDefined();
    expect(classifyLogLine(line).result).toEqual(viaClassify(line));
  });
});

describe('readLogLine and classifyLogLine on any line', () => {
  // Lines put together from the pieces the readers look for, in any order, with noise between them.
  const piece = fc.constantFrom(
    'Nov 28 10:00:01 ',
    '2024-11-28T10:00:01+01:00 ',
    '2024-11-28 10:00:01 ',
    'mx1 ',
    'postfix/smtp[550]: ',
    'sm-mta[421]: ',
    'exim[1]: ',
    'dovecot[99]: ',
    '4B1C52A0F1: ',
    'NOQUEUE: ',
    'warning: ',
    '1tAbCd-000Xyz-Ab ',
    'to=<a@example.com>, ',
    'relay=mx[192.0.2.1]:25, ',
    'delay=1, delays=0/0/0/1, ',
    'dsn=5.1.1, ',
    'status=bounced ',
    '(host mx said: 550 5.1.1 no (in reply to RCPT TO command))',
    '(host mx refused to talk to me: 421 busy)',
    'reject: RCPT from x[192.0.2.9]: 554 5.7.1 no; ',
    '** ',
    '== ',
    '<= ',
    'R=dnslookup T=remote_smtp ',
    ': ',
    'stat=Deferred: 451 4.3.0 later',
    ' ',
    '[',
    ']',
    '\u00a0',
  );
  const line = fc.tuple(fc.array(piece, { maxLength: 12 }), fc.string({ maxLength: 8 })).map(([ps, s]) => ps.join('') + s);

  it('never throws; the fields have every key, and a result comes with a known outcome', () => {
    fc.assert(
      fc.property(line, (l) => {
        const fields = readLogLine(l);
        if (fields !== undefined) expect(Object.keys(fields)).toEqual(KEYS);
        const { fields: again, result } = classifyLogLine(l);
        expect(again).toEqual(fields);
        if (result !== undefined) expect(['success', 'transient', 'permanent', 'unknown', 'intermediate']).toContain(result.outcome);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads no reply code from any pid of 1 to 4 digits', () => {
    for (const program of ['postfix/qmgr', 'sm-mta', 'postfix/smtpd']) {
      for (let pid = 1; pid < 10_000; pid++) {
        expect(classifyLogLine(`Nov 28 10:00:01 mx1 ${program}[${pid}]: 4B1C52A0F1: removed`).result, `${program}[${pid}]`).toBeUndefined();
      }
    }
  });
});
