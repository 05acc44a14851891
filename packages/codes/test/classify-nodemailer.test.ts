/**
 * classify() on the errors nodemailer really throws: a loopback smtp-server
 * refuses recipients, messages and connections the way real servers do, and
 * each error nodemailer raises is classified as caught.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, type Classification } from '../src/classify/classify.js';
import { listenLoopback, sendError } from './helpers/smtp.js';

/** What the server answers, by recipient local part. */
const RCPT_REPLIES: Record<string, [number, string]> = {
  unknown: [550, '5.1.1 <unknown@example.com>: Recipient address rejected: User unknown in local recipient table'],
  full: [452, '4.2.2 <full@example.com>: Mailbox full'],
  grey: [450, '4.2.0 <grey@example.com>: Recipient address rejected: Greylisted, see http://postgrey.example/'],
  relay: [554, '5.7.1 <relay@example.org>: Relay access denied'],
  ratelimit: [421, '4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your DKIM domain'],
  mismatch: [550, '4.2.2 mailbox full'],
};

let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1024,
    onRcptTo(address, _session, callback) {
      const local = address.address.split('@')[0]!;
      const reply = RCPT_REPLIES[local];
      if (!reply) return callback();
      const err = Object.assign(new Error(reply[1]), { responseCode: reply[0] });
      return callback(err);
    },
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const tooBig = (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded;
        if (tooBig)
          return callback(Object.assign(new Error('5.3.4 Message size exceeds fixed maximum message size'), { responseCode: 552 }));
        return callback();
      });
    },
  });
  port = await listenLoopback(server.server, (p, h) => server.listen(p, h));
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

describe('classify on real nodemailer errors', () => {
  it.each([
    [
      'unknown@example.com',
      { outcome: 'permanent', reason: 'unknown-recipient', action: 'suppress', code: 550, enhanced: '5.1.1', command: 'RCPT' },
    ],
    ['full@example.com', { outcome: 'transient', reason: 'mailbox-full', action: 'retry', retryable: true, code: 452 }],
    ['grey@example.com', { outcome: 'transient', reason: 'greylisted', action: 'retry', retryable: true }],
    ['relay@example.org', { outcome: 'permanent', reason: 'relay-denied', action: 'fix-sender' }],
    ['ratelimit@example.com', { outcome: 'transient', reason: 'rate-limited', action: 'throttle', code: 421, source: 'enhanced' }],
  ] as [string, Partial<Classification>][])('%s', async (to, expected) => {
    const err = await sendError(port, to);
    // A 421 makes the server close the connection: nodemailer says ECONNECTION, with the reply.
    expect((err as { code?: string }).code).toBe(expected.code === 421 ? 'ECONNECTION' : 'EENVELOPE');
    expect(classify(err), JSON.stringify(err)).toMatchObject(expected);
  });

  it('reports 550 4.2.2 as a conflict', async () => {
    const c = classify(await sendError(port, 'mismatch@example.com'));
    expect(c).toMatchObject({ outcome: 'permanent', reason: 'mailbox-full' });
    expect(c.conflicts.map((x) => x.kind)).toEqual(['class-mismatch']);
  });

  it('classifies a message over the SIZE limit', async () => {
    const err = await sendError(port, 'ok@example.com', 'x'.repeat(4096));
    expect(classify(err)).toMatchObject({ outcome: 'permanent', reason: 'message-too-large' });
  });

  it('classifies a refused connection as a network failure', async () => {
    // A port that was just free: nothing listens there.
    const free = await new Promise<number>((done) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => done(p));
      });
    });
    const err = await sendError(free, 'ok@example.com', 'hello');
    expect(['ECONNECTION', 'ESOCKET', 'ECONNREFUSED']).toContain((err as { code?: string }).code);
    expect(classify(err)).toMatchObject({ outcome: 'transient', reason: 'network', action: 'retry', retryable: true, source: 'network' });
  });
});
