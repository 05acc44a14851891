import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgv } from '../src/argv.js';
import { splitMbox } from '../src/commands/bounce.js';
import { runMain } from './helpers/run-main.js';

/** A small hand-written RFC 3464 report for one recipient. */
function dsn(rcpt: string, status = '5.1.1', action = 'failed'): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: sender@example.org',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${rcpt}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} <${rcpt}>: Recipient address rejected: User unknown`,
    '--b1--',
    '',
  ].join('\r\n');
}

const notBounce = 'From: a@example.org\nTo: b@example.org\nSubject: hello\n\nJust a note.\n';

/** runMain, plus the NDJSON lines of a `--json` run. */
async function run(args: string[], stdin?: string) {
  const r = await runMain(args, { stdin });
  const json = r.out.trim() !== '' && args.includes('--json');
  return {
    ...r,
    lines: json
      ? r.out
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [],
  };
}

describe('mailstatus bounce', () => {
  it('parses its arguments', () => {
    expect(parseArgv(['bounce'])).toEqual({ command: 'bounce', json: false, paths: ['-'] });
    expect(parseArgv(['bounce', 'a.eml', 'Maildir', '--json'])).toEqual({ command: 'bounce', json: true, paths: ['a.eml', 'Maildir'] });
  });

  it('reads a file and prints NDJSON per recipient, DSN action apart from classify action', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bounce-cli-'));
    writeFileSync(join(dir, 'one.eml'), dsn('kim@example.com'));
    const r = await run(['bounce', '--json', join(dir, 'one.eml')]);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({
      kind: 'failure',
      recipient: 'kim@example.com',
      dsnAction: 'failed',
      status: '5.1.1',
      code: 550,
      outcome: 'permanent',
      reason: 'unknown-recipient',
      action: 'suppress',
    });
    // One key order in every record: the message's fields, then the recipient's, then the problems.
    const order = ['file', 'kind', 'reader', 'messageId', 'recipient', 'dsnAction', 'status', 'code', 'outcome', 'reason', 'action'];
    const rest = ['command', 'remoteMta', 'diagnostic', 'problems'];
    const keys = Object.keys(r.lines[0]!);
    expect(keys).toEqual([...order, ...rest].filter((k) => keys.includes(k)));
    expect(keys.slice(-1)).toEqual(['problems']);
  });

  it('walks a Maildir recursively, in name order, and gives recipient null for a message with none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bounce-maildir-'));
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'cur', '1.eml'), dsn('a@example.com'));
    writeFileSync(join(dir, 'new', '2.eml'), dsn('b@example.com', '4.2.2', 'delayed'));
    writeFileSync(join(dir, 'new', '3.eml'), notBounce);
    const r = await run(['bounce', '--json', dir]);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => [l.recipient, l.kind])).toEqual([
      ['a@example.com', 'failure'],
      ['b@example.com', 'delay'],
      [null, 'not-bounce'],
    ]);
    // Absent fields are left out (the --json convention); recipient alone stays, as null.
    expect(Object.keys(r.lines[2]!).sort()).toEqual(['file', 'kind', 'problems', 'recipient']);
    expect(Object.values(r.lines[0]!)).not.toContain(null);
  });

  it('splits an mbox at From lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bounce-mbox-'));
    const mbox = `From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n${dsn('x@example.com').replace(/\r\n/g, '\n')}\nFrom MAILER-DAEMON Thu Jan  1 00:00:01 2026\n${dsn('y@example.com').replace(/\r\n/g, '\n')}`;
    writeFileSync(join(dir, 'box'), mbox);
    expect(splitMbox(Buffer.from(mbox))).toHaveLength(2);
    const r = await run(['bounce', '--json', join(dir, 'box')]);
    expect(r.lines.map((l) => [l.file, l.recipient])).toEqual([
      [`${join(dir, 'box')}#1`, 'x@example.com'],
      [`${join(dir, 'box')}#2`, 'y@example.com'],
    ]);
  });

  it('reads stdin with "-" and prints a table', async () => {
    const r = await run(['bounce', '-'], dsn('kim@example.com'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^-  failure \(rfc3464\)\n/);
    expect(r.out).toMatch(/kim@example\.com\s+failed\s+5\.1\.1\s+550\s+permanent\s+unknown-recipient\s+suppress/);
  });

  it('reads everything but exits 1 when an input is not email', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bounce-notemail-'));
    writeFileSync(join(dir, 'a.eml'), dsn('a@example.com'));
    writeFileSync(join(dir, 'b.txt'), 'just some notes\nnothing else\n');
    const r = await run(['bounce', '--json', dir]);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.kind)).toEqual(['failure', 'not-bounce']);
    expect(r.err).toMatch(/^mailstatus: 1 input is not email \(no message headers\): .*b\.txt\n$/);
  });

  it('exits 1 with a clear message for a missing path or empty input', async () => {
    const r = await run(['bounce', '/nonexistent/bounce.eml']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^mailstatus: \/nonexistent\/bounce\.eml: no such file or folder/);
    const empty = await run(['bounce', mkdtempSync(join(tmpdir(), 'bounce-empty-'))]);
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/no message found/);
  });
});
