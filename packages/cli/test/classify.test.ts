import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyLogLine } from '@mailstatus/codes';
import { afterAll, describe, expect, it } from 'vitest';
import { openSources, SummaryBuilder, type ClassifySource, type LineRecord } from '../src/commands/classify.js';
import { InputError } from '../src/errors.js';
import { recordJson, renderRecords } from '../src/output.js';
import { streamedBatches } from './helpers/streamed.js';

/** A source that yields `text` in chunks of `size` bytes. */
function source(name: string, text: string | Buffer, size = 7): ClassifySource {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  return {
    name,
    open: async function* () {
      for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
    },
  };
}

async function run(sources: ClassifySource[], maxLineBytes?: number) {
  const records: LineRecord[] = [];
  const summary = new SummaryBuilder();
  for await (const batch of streamedBatches(sources, maxLineBytes)) {
    records.push(...batch.records);
    summary.add(batch);
  }
  return { records, summary: summary.build() };
}

const LOG = [
  'Nov 28 10:00:01 mx postfix/smtp[1]: A1: to=<a@example.com>, relay=mx[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx[192.0.2.1] said: 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
  '2024-11-28 10:00:02 1tX-0001-AB ** b@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.2]: SMTP error from remote mail server after RCPT TO:<b@example.org>: 550 5.1.1 <b@example.org>: User unknown',
  'Diagnostic-Code: smtp; 452 4.2.2 Mailbox full',
  '451 4.7.1 Greylisted, please try again in 5 minutes',
  '',
  '250 2.0.0 Ok: queued as ABC',
  'Nov 28 10:00:03 mx postfix/qmgr[2]: A1: removed',
];

describe('classify: the lines of a stream, read by the main thread (readTasks, taskRecords)', () => {
  it('classifies each line with classifyLogLine() and numbers the lines', async () => {
    const { records } = await run([source('mail.log', `${LOG.join('\n')}\n`)]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const r of records) {
      expect(r.file).toBe('mail.log');
      const line = LOG[r.line - 1]!;
      if (line === '') expect(r.skipped).toBe('blank');
      else expect(r.result).toEqual(classifyLogLine(line).result);
    }
    expect(records.map((r) => r.result?.reason)).toEqual([
      'unknown-recipient',
      'unknown-recipient',
      'mailbox-full',
      'greylisted',
      undefined,
      'success',
      undefined,
    ]);
    // A Postfix line about no delivery is skipped, not counted as unknown.
    expect(records[6]!.skipped).toBe('no-status');
    expect(records[0]!.fields).toMatchObject({ format: 'postfix', recipient: 'a@example.com', dsn: '5.1.1', status: 'bounced' });
  });

  it('reads CRLF and a last line without a line end the same way', async () => {
    const a = await run([source('a', LOG.join('\r\n'))]);
    const b = await run([source('a', `${LOG.join('\n')}\n`)]);
    expect(a.records).toEqual(b.records);
  });

  it('numbers lines per file and keeps files in order', async () => {
    const { records, summary } = await run([source('one', 'x\ny\n'), source('two', '550 5.1.1 no\n')]);
    expect(records.map((r) => `${r.file}:${r.line}`)).toEqual(['one:1', 'one:2', 'two:1']);
    expect(summary.files).toEqual([
      { file: 'one', lines: 2, binary: 0, truncated: 0 },
      { file: 'two', lines: 1, binary: 0, truncated: 0 },
    ]);
  });

  it('an empty input gives an empty summary', async () => {
    const { records, summary } = await run([source('-', '')]);
    expect(records).toEqual([]);
    expect(summary).toMatchObject({ lines: 0, classified: 0, groups: [], files: [{ file: '-', lines: 0 }] });
  });

  it('skips and counts lines with NUL bytes, and still classifies the rest', async () => {
    const input = Buffer.concat([Buffer.from('550 5.1.1 a\n'), Buffer.from([0x7f, 0x45, 0, 0x4c, 0x46, 10]), Buffer.from('550 5.1.1 b\n')]);
    const { records, summary } = await run([source('bin', input, 3)]);
    expect(records.map((r) => r.skipped ?? r.result!.reason)).toEqual(['unknown-recipient', 'binary', 'unknown-recipient']);
    expect(summary).toMatchObject({ lines: 3, classified: 2, binary: 1 });
  });

  it('classifies the head of an over-long line and counts it', async () => {
    const long = `550 5.1.1 ${'x'.repeat(5000)}`;
    const { records, summary } = await run([source('long', `${long}\nok 250\n`, 1000)], 1024);
    expect(records[0]).toMatchObject({ line: 1, truncated: true });
    expect(records[0]!.text).toHaveLength(1024);
    expect(records[0]!.result!.reason).toBe('unknown-recipient');
    expect(summary.truncated).toBe(1);
    expect(summary.lines).toBe(2);
  });
});

describe('SummaryBuilder', () => {
  it('counts by outcome and by (outcome, reason), largest first, with the first line as example', async () => {
    const lines = ['550 5.1.1 a', '550 5.1.1 b', '', '451 4.7.1 Greylisted', '550 5.1.1 c'];
    const { summary } = await run([source('f', lines.join('\n'))]);
    expect(summary).toMatchObject({ lines: 5, classified: 4, blank: 1, binary: 0, truncated: 0 });
    expect(summary.outcomes).toEqual({ success: 0, intermediate: 0, transient: 1, permanent: 3, unknown: 0 });
    expect(summary.groups.map((g) => [g.outcome, g.reason, g.count])).toEqual([
      ['permanent', 'unknown-recipient', 3],
      ['transient', 'greylisted', 1],
    ]);
    expect(summary.groups[0]!.example).toEqual({ file: 'f', line: 1, text: '550 5.1.1 a' });
  });
});

describe('openSources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailstatus-cli-test-'));
  const file = join(dir, 'ok.log');
  writeFileSync(file, '550 5.1.1 a\n');
  mkdirSync(join(dir, 'sub'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns a source per file with its size, and stdin for "-"', async () => {
    const stdin = () => (async function* () {})();
    const s = await openSources([file, '-'], stdin);
    expect(s.map((x) => x.name)).toEqual([file, '-']);
    expect(s[0]!.size).toBe(12);
  });
  it.each([
    [['nope.log'], /nope\.log: no such file: check the path/],
    [['SUB'], /is a directory/],
    [['-', '-'], /stdin \("-"\) is given twice/],
  ])('%j -> InputError', async (files, message) => {
    const paths = files.map((f) => (f === 'SUB' ? join(dir, 'sub') : f === 'nope.log' ? join(dir, 'nope.log') : f));
    await expect(openSources(paths, () => (async function* () {})())).rejects.toThrow(InputError);
    await expect(openSources(paths, () => (async function* () {})())).rejects.toThrow(message);
  });
});

describe('recordJson (the NDJSON shape)', () => {
  it('has file, line and the flattened classification; absent fields are left out, as in the library', async () => {
    const { records } = await run([source('f', '550 5.1.1 User unknown\n\nno code here\n')]);
    expect(recordJson(records[0]!)).toEqual({
      file: 'f',
      line: 1,
      outcome: 'permanent',
      reason: 'unknown-recipient',
      action: 'suppress',
      retryable: false,
      code: 550,
      enhanced: '5.1.1',
      source: 'enhanced',
      matchedRule: 'X.1.1',
      conflicts: [],
    });
    expect(recordJson(records[1]!)).toEqual({ file: 'f', line: 2, skipped: 'blank' });
    const noCode = recordJson(records[2]!);
    expect(noCode).toMatchObject({ line: 3, outcome: 'unknown' });
    for (const key of ['code', 'enhanced', 'command']) expect(noCode).not.toHaveProperty(key);
    expect(Object.values(noCode)).not.toContain(null);
  });
});

describe('renderRecords', () => {
  it('writes exactly JSON.stringify(recordJson(r)) per line', async () => {
    const input = [...LOG, '550 4.2.2 conflict here', 'x'.repeat(3000), 'file "quoted" \\ back\tslash', '\u0000bin'].join('\n');
    const { records } = await run([source('dir/"odd" name.log', input)], 1024);
    expect(records.some((r) => r.truncated)).toBe(true);
    expect(records.some((r) => r.skipped === 'binary')).toBe(true);
    expect(records.some((r) => (r.result?.conflicts.length ?? 0) > 0)).toBe(true);
    expect(renderRecords(records)).toBe(records.map((r) => `${JSON.stringify(recordJson(r))}\n`).join(''));
  });
});
