import { describe, expect, it } from 'vitest';
import { parseBounce } from '../src/index.js';
import { dsnMessage, proseMessage } from './messages.js';

describe('parseBounce: RFC 3464 reports', () => {
  const base = {
    recipients: [
      {
        final: 'rfc822; one@example.com',
        original: 'rfc822;first@example.com',
        diagnostic: 'smtp; 550 5.1.1 <one@example.com>:\n Recipient address rejected: User unknown',
        remoteMta: 'dns; mx.example.com',
      },
      {
        final: 'rfc822;two@example.com',
        status: '4.2.2',
        action: 'delayed',
        diagnostic: 'smtp; 452 4.2.2 Mailbox full',
        extra: ['Last-Attempt-Date: Mon, 5 Jan 2026 11:00:00 +0000', 'Will-Retry-Until: Fri, 9 Jan 2026 10:00:00 +0000'],
      },
      { final: 'x-unix; three@example.com', status: '5.0.0', diagnostic: 'x-unix; mailbox unavailable' },
    ],
  };

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads several recipients, folded fields and prefixes with %s line ends', (_name, eol) => {
    const r = parseBounce(dsnMessage({ ...base, eol }));
    expect(r.kind).toBe('failure');
    expect(r.reader).toBe('rfc3464');
    expect(r.reportingMta).toBe('mx.example.net');
    expect(r.arrivalDate).toBe('Mon, 5 Jan 2026 10:00:00 +0000');
    expect(r.original).toEqual({
      messageId: 'orig-1@example.org',
      subject: 'Hello wörld',
      from: 'Sender <sender@example.org>',
      to: 'first@example.com',
    });
    expect(r.recipients.map((x) => x.recipient)).toEqual(['one@example.com', 'two@example.com', 'three@example.com']);
    const [one, two, three] = r.recipients;
    expect(one).toMatchObject({
      originalRecipient: 'first@example.com',
      dsnAction: 'failed',
      status: '5.1.1',
      code: 550,
      diagnosticType: 'smtp',
      remoteMta: 'mx.example.com',
    });
    expect(one!.diagnostic).toBe('550 5.1.1 <one@example.com>: Recipient address rejected: User unknown');
    expect(one!.sources).toMatchObject({ recipient: 'dsn', status: 'dsn', diagnostic: 'dsn' });
    expect(one!.classification).toMatchObject({ outcome: 'permanent', reason: 'unknown-recipient' });
    expect(two).toMatchObject({
      dsnAction: 'delayed',
      status: '4.2.2',
      code: 452,
      lastAttempt: 'Mon, 5 Jan 2026 11:00:00 +0000',
      willRetryUntil: 'Fri, 9 Jan 2026 10:00:00 +0000',
    });
    expect(two!.classification.outcome).toBe('transient');
    expect(three).toMatchObject({ diagnosticType: 'x-unix', status: '5.0.0' });
    expect(r.problems).toEqual([]);
  });

  it.each(['base64', 'quoted-printable'] as const)('decodes a %s delivery-status part', (enc) => {
    const r = parseBounce(dsnMessage({ ...base, statusEncoding: enc }));
    expect(r.recipients.map((x) => x.status)).toEqual(['5.1.1', '4.2.2', '5.0.0']);
  });

  it('finds the report inside a nested multipart, and reads text/rfc822-headers', () => {
    const r = parseBounce(dsnMessage({ ...base, nestInMixed: true, returnedType: 'text/rfc822-headers' }));
    expect(r.recipients).toHaveLength(3);
    expect(r.original?.messageId).toBe('orig-1@example.org');
  });

  it('delay and success kinds follow the DSN actions', () => {
    expect(parseBounce(dsnMessage({ recipients: [{ final: 'rfc822;a@example.com', action: 'delayed', status: '4.4.1' }] })).kind).toBe(
      'delay',
    );
    const ok = parseBounce(dsnMessage({ recipients: [{ final: 'rfc822;a@example.com', action: 'relayed', status: '2.0.0' }] }));
    expect(ok.kind).toBe('success');
    expect(ok.recipients[0]!.classification.outcome).toBe('success');
  });
});

describe('parseBounce: RFC 6533 reports', () => {
  it('decodes utf-8 addresses (unitext) and xtext in Original-Recipient', () => {
    const r = parseBounce(
      dsnMessage({
        statusType: 'message/global-delivery-status',
        returnedType: 'message/global-headers',
        recipients: [
          {
            final: 'utf-8; j\\x{00F6}rg@b\\x{00FC}cher.example',
            original: 'rfc822;a+2Bb+3Dc@example.com',
            diagnostic: 'smtp; 550 5.1.1 unknown',
          },
        ],
      }),
    );
    expect(r.recipients[0]).toMatchObject({ recipient: 'jörg@bücher.example', originalRecipient: 'a+b=c@example.com', status: '5.1.1' });
  });

  it('reads a field type as RFC 3464 writes it, an atom before ";", however long; text before a ";" is not one', () => {
    const r = parseBounce(
      dsnMessage({
        recipients: [
          { final: 'rfc822; a@example.com', diagnostic: 'X-Outbound-Mail-Relay; Host or domain name not found' },
          { final: 'rfc822; b@example.com', diagnostic: '550 blocked; see https://example.com' },
        ],
      }),
    );
    expect(r.recipients.map((x) => [x.diagnosticType, x.diagnostic])).toEqual([
      ['x-outbound-mail-relay', 'Host or domain name not found'],
      [undefined, '550 blocked; see https://example.com'],
    ]);
  });

  it("reads the Status code by RFC 3463's grammar: a comment after it is fine, a leading zero is no code", () => {
    const r = parseBounce(
      dsnMessage({
        recipients: [
          { final: 'rfc822; a@example.com', status: '5.2.2 (mailbox full)' },
          { final: 'rfc822; b@example.com', status: '5.01.1' },
        ],
      }),
    );
    expect(r.recipients.map((x) => x.status)).toEqual(['5.2.2', undefined]);
  });

  it('keeps a sub-address that only looks like xtext', () => {
    const r = parseBounce(dsnMessage({ recipients: [{ final: 'rfc822; user+ab@example.com' }] }));
    expect(r.recipients[0]!.recipient).toBe('user+ab@example.com');
  });
});

describe('parseBounce: prose bounces', () => {
  it('Postfix: host said, in reply to RCPT TO', () => {
    const r = parseBounce(
      proseMessage(
        'MAILER-DAEMON@mx.example.net (Mail Delivery System)',
        'Undelivered Mail Returned to Sender',
        'This is the mail system at host mx.example.net.\n\n                   The mail system\n\n<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1\n    <bob@example.com>: Recipient address rejected: User unknown (in reply to\n    RCPT TO command)\n',
      ),
    );
    expect(r.reader).toBe('postfix');
    expect(r.recipients[0]).toMatchObject({
      recipient: 'bob@example.com',
      status: '5.1.1',
      code: 550,
      command: 'RCPT',
      remoteMta: 'mx.example.com',
      dsnAction: 'failed',
    });
    expect(r.recipients[0]!.sources).toMatchObject({ recipient: 'prose', status: 'prose', code: 'prose' });
  });

  it('the command in the vocabulary of @mailstatus/codes: the reply to the message itself is END-OF-DATA, from prose as from a DSN', () => {
    const prose = parseBounce(
      proseMessage(
        'MAILER-DAEMON@mx.example.net (Mail Delivery System)',
        'Undelivered Mail Returned to Sender',
        'This is the mail system at host mx.example.net.\n\n                   The mail system\n\n<bob@example.com>: host mx.example.com[192.0.2.1] said: 554 5.7.1\n    Message rejected as spam (in reply to end of\n    DATA command)\n',
      ),
    );
    expect(prose.recipients[0]).toMatchObject({ recipient: 'bob@example.com', command: 'END-OF-DATA' });
    expect(prose.recipients[0]!.classification.command).toBe('END-OF-DATA');
    const dsn = parseBounce(
      dsnMessage({
        recipients: [
          {
            final: 'rfc822; bob@example.com',
            status: '5.7.1',
            diagnostic: 'smtp; 554 5.7.1 Message rejected as spam (in reply to end of DATA command)',
          },
        ],
      }),
    );
    expect(dsn.recipients[0]).toMatchObject({ recipient: 'bob@example.com', command: 'END-OF-DATA' });
  });

  it('Sendmail: a transcript whose RCPT TO and DATA were accepted gives the reply to the message (">>> ."), not the positive ones', () => {
    const session = ['>>> RCPT To:<leo@example.com>\n<<< 250 2.1.5 Ok\n', ''];
    for (const rcpt of session) {
      const r = parseBounce(
        proseMessage(
          'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
          'Returned mail: see transcript for details',
          `   ----- The following addresses had permanent fatal errors -----\n<leo@example.com>\n\n   ----- Transcript of session follows -----\n... while talking to mx.example.com.:\n${rcpt}>>> DATA\n<<< 354 go ahead\n>>> .\n<<< 554 5.7.1 <leo@example.com>... Message rejected as spam\n`,
        ),
      );
      expect(r.reader).toBe('sendmail');
      expect(r.recipients).toHaveLength(1);
      expect(r.recipients[0]).toMatchObject({ recipient: 'leo@example.com', status: '5.7.1', code: 554, command: 'END-OF-DATA' });
      expect(r.recipients[0]!.classification).toMatchObject({ outcome: 'permanent', reason: 'spam-content' });
    }
  });

  it('Exim: the failed address block, after RCPT TO', () => {
    const r = parseBounce(
      proseMessage(
        'Mail Delivery System <Mailer-Daemon@mx.example.net>',
        'Mail delivery failed: returning message to sender',
        'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  carol@example.com\n    host mx.example.com [192.0.2.2]\n    SMTP error from remote mail server after RCPT TO:<carol@example.com>:\n    550 5.2.1 Mailbox disabled\n',
        ['X-Failed-Recipients: carol@example.com'],
      ),
    );
    expect(r.reader).toBe('exim');
    expect(r.recipients[0]).toMatchObject({ recipient: 'carol@example.com', status: '5.2.1', code: 550, command: 'RCPT' });
  });

  it('qmail: <addr>: then Remote host said', () => {
    const r = parseBounce(
      proseMessage(
        'MAILER-DAEMON@mx.example.net',
        'failure notice',
        "Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n\n<dave@example.com>:\n192.0.2.3 does not like recipient.\nRemote host said: 550 5.1.1 No such user\n\n--- Below this line is a copy of the message.\n\nTo: dave@example.com\nSubject: hi\n",
      ),
    );
    expect(r.reader).toBe('qmail');
    expect(r.recipients.map((x) => [x.recipient, x.code, x.status])).toEqual([['dave@example.com', 550, '5.1.1']]);
    expect(r.original?.to).toBe('dave@example.com');
  });

  it('falls back on X-Failed-Recipients, then the returned To, and says so', () => {
    const header = parseBounce(
      proseMessage('MAILER-DAEMON@mx.example.net', 'Mail delivery failed', 'Something went wrong.', [
        'X-Failed-Recipients: erin@example.com',
      ]),
    );
    expect(header.recipients[0]).toMatchObject({ recipient: 'erin@example.com', sources: { recipient: 'header' } });
    const to = parseBounce(
      proseMessage(
        'MAILER-DAEMON@mx.example.net',
        'Undeliverable',
        'It failed.\n\n--- Below this line is a copy of the message.\n\nTo: frank@example.com\nSubject: x\n',
      ),
    );
    expect(to.recipients[0]).toMatchObject({ recipient: 'frank@example.com', sources: { recipient: 'fallback' } });
  });
});

describe('parseBounce: feedback, auto-replies, other mail', () => {
  it('reads an ARF feedback report (RFC 5965)', () => {
    const arf = [
      'From: abuse@isp.example',
      'To: abuse@example.org',
      'Subject: FW: spam',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=feedback-report; boundary="f"',
      '',
      '--f',
      'Content-Type: text/plain',
      '',
      'This is an abuse report.',
      '--f',
      'Content-Type: message/feedback-report',
      '',
      'Feedback-Type: abuse',
      'User-Agent: SomeISP/1.0',
      'Version: 1',
      'Original-Mail-From: <sender@example.org>',
      'Original-Rcpt-To: <grace@isp.example>',
      'Source-IP: 192.0.2.9',
      '',
      '--f',
      'Content-Type: text/rfc822-headers',
      '',
      'Message-ID: <m1@example.org>',
      'To: grace@isp.example',
      '--f--',
      '',
    ].join('\n');
    const r = parseBounce(arf);
    expect(r.kind).toBe('feedback');
    expect(r.feedback).toEqual({
      feedbackType: 'abuse',
      userAgent: 'SomeISP/1.0',
      sourceIp: '192.0.2.9',
      originalMailFrom: 'sender@example.org',
    });
    expect(r.recipients.map((x) => [x.recipient, x.sources.recipient])).toEqual([['grace@isp.example', 'header']]);
  });

  it.each([
    [['Auto-Submitted: auto-replied'], 'Re: hello'],
    [['X-Autoreply: yes'], 'Re: hello'],
    [[], 'Out of Office: back Monday'],
    [['Precedence: auto_reply'], 'hello'],
  ])('recognises an auto-reply (%j, %s)', (headers, subject) => {
    expect(parseBounce(proseMessage('Heidi <heidi@example.com>', subject, 'I am away until Monday.', headers)).kind).toBe('auto-reply');
  });

  it('says not-bounce for ordinary mail', () => {
    const r = parseBounce(proseMessage('Ivan <ivan@example.com>', 'Lunch?', 'Shall we meet at noon?'));
    expect(r.kind).toBe('not-bounce');
    expect(r.recipients).toEqual([]);
  });

  it('takes strings, Uint8Array and ArrayBuffer alike, and rejects other types with a TypeError', () => {
    const s = dsnMessage({ recipients: [{ final: 'rfc822;a@example.com' }] });
    const bytes = new TextEncoder().encode(s);
    expect(parseBounce(bytes).recipients[0]!.recipient).toBe('a@example.com');
    expect(parseBounce(bytes.buffer as ArrayBuffer).recipients[0]!.recipient).toBe('a@example.com');
    expect(() => parseBounce(42 as never)).toThrow(/must be a string, a Uint8Array or an ArrayBuffer, not number/);
  });
});
