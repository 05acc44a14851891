/**
 * The prose readers on small synthetic bounces shaped like each MTA's
 * (wording paraphrased, addresses and hosts invented).
 */
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../src/index.js';
import { proseMessage } from './messages.js';

const one = (from: string, subject: string, body: string, headers: string[] = []) => {
  const r = parseBounce(proseMessage(from, subject, body, headers));
  return { r, x: r.recipients[0] };
};

describe('prose readers', () => {
  it('Exchange / Microsoft 365, HTML only: Diagnostic information for administrators, Remote Server returned', () => {
    const html = [
      'From: Microsoft Outlook <postmaster@outlook.example>',
      'To: sender@example.org',
      'Subject: Undeliverable: hello',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><p><b>Your message to henry@example.com couldn&#39;t be delivered.</b></p>',
      '<p>Diagnostic information for administrators:</p><p>Generating server: BN1PR01.prod.outlook.example</p>',
      '<p>henry@example.com<br>Remote Server returned &#39;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup&#39;</p>',
      '</body></html>',
      '',
    ].join('\n');
    const r = parseBounce(html);
    expect(r.reader).toBe('exchange');
    expect(r.recipients[0]).toMatchObject({ recipient: 'henry@example.com', status: '5.1.10', code: 550 });
    expect(r.recipients[0]!.diagnostic).toMatch(/^550 5\.1\.10 RESOLVER\.ADR\.RecipientNotFound/);
  });

  it('Exchange 2003: <server #5.x.x smtp;...> after the address', () => {
    const { r, x } = one(
      'postmaster@ex.example.net',
      'Undeliverable: hello',
      'Your message did not reach some or all of the intended recipients.\n\nThe following recipient(s) could not be reached:\n\n      ivy@example.com on 1/5/2026 10:00 AM\n            The e-mail account does not exist at the organization this message was sent to.\n            <ex.example.net #5.1.1 smtp;550 5.1.1 User unknown>\n',
    );
    expect(r.reader).toBe('exchange');
    expect(x).toMatchObject({ recipient: 'ivy@example.com', status: '5.1.1', code: 550 });
  });

  it('Gmail: the address indented, the reply under "The response from the remote server was"', () => {
    const { r, x } = one(
      'Mail Delivery Subsystem <mailer-daemon@googlemail.example>',
      'Delivery Status Notification (Failure)',
      'Delivery to the following recipient failed permanently:\n\n     jack@example.com\n\nThe response from the remote server was:\n550 5.2.1 The email account that you tried to reach is disabled.\n',
    );
    expect(r.reader).toBe('gmail');
    expect(x).toMatchObject({ recipient: 'jack@example.com', status: '5.2.1', code: 550, dsnAction: 'failed' });
  });

  it('Exim: retry timeout exceeded, X-Failed-Recipients', () => {
    const { r, x } = one(
      'Mail Delivery System <Mailer-Daemon@mx.example.net>',
      'Mail delivery failed: returning message to sender',
      'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  kate@example.com\n    retry timeout exceeded\n',
      ['X-Failed-Recipients: kate@example.com'],
    );
    expect(r.reader).toBe('exim');
    expect(x).toMatchObject({ recipient: 'kate@example.com', diagnostic: 'retry timeout exceeded', dsnAction: 'failed' });
  });

  it('Sendmail: the transcript gives each recipient its own reply and command', () => {
    const { r } = one(
      'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
      'Returned mail: see transcript for details',
      '   ----- The following addresses had permanent fatal errors -----\n<leo@example.com>\n<mia@example.com>\n\n   ----- Transcript of session follows -----\n... while talking to mx.example.com.:\n>>> RCPT To:<leo@example.com>\n<<< 550 5.1.1 <leo@example.com>... User unknown\n>>> RCPT To:<mia@example.com>\n<<< 452 4.2.2 <mia@example.com>... Mailbox full\n',
    );
    expect(r.reader).toBe('sendmail');
    expect(r.recipients.map((x) => [x.recipient, x.status, x.code, x.command, x.remoteMta])).toEqual([
      ['leo@example.com', '5.1.1', 550, 'RCPT', 'mx.example.com'],
      ['mia@example.com', '4.2.2', 452, 'RCPT', 'mx.example.com'],
    ]);
  });

  it('OpenSMTPD: "addr: reason" lines', () => {
    const { r, x } = one(
      'Mailer Daemon <MAILER-DAEMON@mx.example.net>',
      'Delivery status notification: error',
      '    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\n    An error has occurred while attempting to deliver a message for\n    the following list of recipients:\n\nnina@example.com: 550 5.1.1 Invalid recipient\n',
    );
    expect(r.reader).toBe('opensmtpd');
    expect(x).toMatchObject({ recipient: 'nina@example.com', code: 550, status: '5.1.1' });
  });

  it('Lotus Domino: "was not delivered to: addr because: reason"', () => {
    const { r, x } = one(
      'Postmaster <postmaster@notes.example.net>',
      'DELIVERY FAILURE: User oscar not listed in Domino Directory',
      'Your message\n\n  Subject: hello\n\nwas not delivered to:\n\n  oscar@example.com\n\nbecause:\n\n  User oscar (oscar@example.com) not listed in Domino Directory\n',
    );
    expect(r.reader).toBe('domino');
    expect(x).toMatchObject({ recipient: 'oscar@example.com' });
    expect(x!.diagnostic).toMatch(/not listed in Domino Directory/);
  });

  it('MDaemon: RCPT To line and the reply after it in the session transcript', () => {
    const { r, x } = one(
      'MDaemon@mail.example.net',
      'Permanent Delivery Failure',
      'The attached message had PERMANENT fatal delivery errors!\n\n--- Session Transcript ---\n Mon 2026-01-05 10:00:00.000: Attempting SMTP connection to [mx.example.com]\n Mon 2026-01-05 10:00:01.000: RCPT To:<ruth@example.com>\n Mon 2026-01-05 10:00:01.100: 550 5.1.1 <ruth@example.com>... User unknown\n--- End Transcript ---\n',
    );
    expect(r.reader).toBe('mdaemon');
    expect(x).toMatchObject({ recipient: 'ruth@example.com', status: '5.1.1', code: 550, command: 'RCPT', remoteMta: 'mx.example.com' });
  });

  it('Amazon SES notification by SNS e-mail, folded JSON; a complaint is feedback', () => {
    const json = JSON.stringify({
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bouncedRecipients: [
          { emailAddress: 'pam@example.com', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
        ],
      },
    });
    const folded = json.replace(/(.{70})/g, '$1\n ');
    const { r, x } = one('AWS Notifications <no-reply@sns.amazonaws.com>', 'AWS Notification Message', folded);
    expect(r.reader).toBe('amazonses');
    expect(x).toMatchObject({ recipient: 'pam@example.com', status: '5.1.1', code: 550, dsnAction: 'failed' });
    const complaint = JSON.stringify({
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'quinn@example.com' }] },
    });
    const c = parseBounce(proseMessage('AWS Notifications <no-reply@sns.amazonaws.com>', 'AWS Notification Message', complaint));
    expect([c.kind, c.recipients[0]!.recipient]).toEqual(['feedback', 'quinn@example.com']);
    // The notification states actions: a complained recipient has none, where a prose bounce's recipient has `failed`.
    expect(c.recipients[0]!.dsnAction).toBeUndefined();
  });

  it('a DSN without Diagnostic-Code takes the diagnostic from the prose and says so', () => {
    const msg = [
      'From: MAILER-DAEMON@mx.example.net',
      'Subject: Undelivered Mail Returned to Sender',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      '                   The mail system',
      '',
      '<rose@example.com>: host mx.example.com[192.0.2.7] said: 550 5.7.1 Relaying',
      '    denied (in reply to RCPT TO command)',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; rose@example.com',
      'Action: failed',
      'Status: 5.7.1',
      '--b--',
      '',
    ].join('\n');
    const x = parseBounce(msg).recipients[0]!;
    expect(x).toMatchObject({ status: '5.7.1', code: 550, command: 'RCPT', remoteMta: 'mx.example.com' });
    expect(x.sources).toMatchObject({ status: 'dsn', diagnostic: 'prose', command: 'prose' });
  });
});
