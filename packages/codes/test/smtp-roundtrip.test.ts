/**
 * The round trip a mail application lives in: a server rejects RCPT and DATA
 * with replies built by formatReply/replyError, nodemailer (the client) throws,
 * and classify() reads the error as caught. Single-line replies go through
 * the real smtp-server; multi-line replies through a small SMTP server that
 * writes formatReply's output byte for byte (smtp-server 3.x folds a callback's
 * message into one line, see replyError).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenLoopback, sendError } from './helpers/smtp.js';
import { EnhancedStatus, ReplyCode, classify, formatReply, replyError, withClass, type ReplyInput } from '../src/index.js';

const RCPT: Record<string, ReplyInput> = {
  'unknown@example.com': {
    code: ReplyCode.MailboxUnavailable,
    enhanced: withClass(EnhancedStatus.BadDestinationMailboxAddress, 5),
    text: 'No such user here',
  },
  'full@example.com': {
    code: ReplyCode.InsufficientSystemStorage,
    enhanced: withClass(EnhancedStatus.MailboxFull, 4),
    text: 'Mailbox full, try again later',
  },
  'grey@example.com': {
    code: ReplyCode.MailboxTemporarilyUnavailable,
    enhanced: '4.2.0',
    text: 'Greylisted, please try again in 5 minutes',
  },
};
const DATA_REJECT: ReplyInput = {
  code: ReplyCode.TransactionFailed,
  enhanced: '5.7.1',
  text: 'Message rejected as spam by content filter',
};

describe('smtp-server rejects with replyError; nodemailer throws; classify reads it', () => {
  let server: SMTPServer;
  let port = 0;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, cb) {
        const r = RCPT[address.address];
        cb(r ? replyError(r) : null);
      },
      onData(stream, _session, cb) {
        stream.resume();
        stream.on('end', () => cb(replyError(DATA_REJECT)));
      },
    });
    port = await listenLoopback(server.server, (p, h) => server.listen(p, h));
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it.each([
    ['unknown@example.com', 550, '5.1.1', 'permanent', 'unknown-recipient', 'suppress'],
    ['full@example.com', 452, '4.2.2', 'transient', 'mailbox-full', 'retry'],
    ['grey@example.com', 450, '4.2.0', 'transient', 'greylisted', 'retry'],
  ])('RCPT %s -> %i %s -> %s %s', async (to, code, enhanced, outcome, reason, action) => {
    const err = await sendError(port, to);
    expect(err?.responseCode).toBe(code);
    expect(err?.command).toBe('RCPT TO');
    const c = classify(err);
    expect(c).toMatchObject({ outcome, reason, action, code, enhanced });
  });

  it('DATA rejected after the content -> permanent spam-content', async () => {
    const err = await sendError(port, 'ok@example.com');
    expect(err?.responseCode).toBe(554);
    expect(err?.response).toMatch(/^554 5\.7\.1 Message rejected as spam/);
    expect(classify(err)).toMatchObject({ outcome: 'permanent', reason: 'spam-content', code: 554, enhanced: '5.7.1' });
  });
});

describe('multi-line replies written by formatReply reach nodemailer intact', () => {
  let server: Server;
  let port = 0;
  const MULTI_RCPT: ReplyInput = {
    code: 550,
    enhanced: '5.1.1',
    text: [
      'The email account that you tried to reach does not exist. Please try',
      "double-checking the recipient's email address for typos or",
      'unnecessary spaces. For more information, go to',
      'https://support.example/mail/?p=NoSuchUser',
    ],
  };
  const MULTI_DATA: ReplyInput = {
    code: 550,
    enhanced: '5.7.26',
    text: [
      'This mail has been blocked because the sender is unauthenticated.',
      'The sender must authenticate with at least one of SPF or DKIM.',
    ],
  };

  /** A minimal SMTP server: every reply it sends is formatReply's output. */
  function session(sock: Socket) {
    const say = (r: ReplyInput) => sock.write(formatReply(r));
    let buf = '';
    let inData = false;
    say({ code: 220, text: 'mx.example.test ESMTP ready' });
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            say(MULTI_DATA);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') say({ code: 250, text: ['mx.example.test greets you', 'PIPELINING', '8BITMIME', 'SMTPUTF8'] });
        else if (verb === 'MAIL') say({ code: 250, enhanced: '2.1.0', text: 'Sender OK' });
        else if (verb === 'RCPT') say(line.includes('nobody@') ? MULTI_RCPT : { code: 250, enhanced: '2.1.5', text: 'Recipient OK' });
        else if (verb === 'DATA') {
          inData = true;
          say({ code: 354, text: 'Start mail input; end with <CRLF>.<CRLF>' });
        } else if (verb === 'QUIT') {
          say({ code: 221, enhanced: '2.0.0', text: 'Bye' });
          sock.end();
        } else if (verb === 'RSET') say({ code: 250, enhanced: '2.0.0', text: 'OK' });
        else say({ code: 502, enhanced: '5.5.1', text: 'Command not implemented' });
      }
    });
    sock.on('error', () => undefined);
  }

  beforeAll(async () => {
    server = createServer(session);
    port = await listenLoopback(server);
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it('RCPT: a Gmail-style multi-line 550 5.1.1 -> unknown-recipient, suppress', async () => {
    const err = await sendError(port, 'nobody@example.test');
    expect(err?.responseCode).toBe(550);
    expect(err?.response).toContain('550-5.1.1 The email account that you tried to reach does not exist.');
    expect(classify(err)).toMatchObject({
      outcome: 'permanent',
      reason: 'unknown-recipient',
      action: 'suppress',
      code: 550,
      enhanced: '5.1.1',
    });
  });

  it('DATA: a multi-line 550 5.7.26 after the content -> sender-authentication, fix-sender', async () => {
    const err = await sendError(port, 'someone@example.test');
    expect(err?.responseCode).toBe(550);
    expect(err?.response).toMatch(/^550-5\.7\.26 This mail has been blocked/);
    expect(classify(err)).toMatchObject({
      outcome: 'permanent',
      reason: 'sender-authentication',
      action: 'fix-sender',
      enhanced: '5.7.26',
    });
  });
});
