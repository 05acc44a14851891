/**
 * `mailstatus classify --jobs N` on the BUILT command (`npx tsdown` first):
 * the output with one thread and with two is byte-identical, for NDJSON and
 * the summary, from a file and from stdin (where the pool starts only once
 * the input is large), on a generated multi-MB mixed Postfix/Exim/Sendmail
 * log (bench/make-log.mjs, seeded).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { makeLog } from '../bench/make-log.mjs';
import { sharedDir, sharedSkipMessage } from '../../../scripts/shared-data.mjs';
import { POOL_MIN_FILES } from '../src/commands/bounce-tasks.js';
import { POOL_MIN_BYTES } from '../src/pool/classify-parallel.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(pkg, 'bin', 'mailstatus.js');
const dir = mkdtempSync(join(tmpdir(), 'mailstatus-jobs-'));
const log = join(dir, 'mail.log');

function run(args: string[], input?: Buffer, command = 'classify') {
  const r = spawnSync(process.execPath, [bin, command, ...args], {
    input: input ?? '',
    maxBuffer: 256 << 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

beforeAll(async () => {
  // 6 MB: three times the size at which the pool starts, so both paths run.
  await makeLog(log, 6, 7);
  // A line longer than a read (256 KiB) and one with a NUL, to cross task boundaries.
  writeFileSync(log, `${readFileSync(log, 'utf8')}550 5.1.1 ${'x'.repeat(300_000)}\nbinary \0 line\nlast line without LF 452 4.2.2 full`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('classify --jobs', () => {
  it('the log is larger than the size at which the pool starts', () => {
    expect(readFileSync(log).length).toBeGreaterThan(2 * POOL_MIN_BYTES);
  });

  it('--json: byte-identical with --jobs 1 and --jobs 2, one record per line', () => {
    const one = run(['--json', '--jobs', '1', log]);
    const two = run(['--json', '--jobs', '2', log]);
    expect(one.status).toBe(1); // the NUL line
    expect(two.status).toBe(1);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    const lines = one.stdout.toString().trimEnd().split('\n');
    expect(lines).toHaveLength(readFileSync(log, 'utf8').split('\n').length);
    expect(lines.map((l) => JSON.parse(l).line)).toEqual(lines.map((_, i) => i + 1));
  });

  it('summary: identical with --jobs 1 and --jobs 2', () => {
    const one = run(['--jobs', '1', log]);
    const two = run(['--jobs', '2', log]);
    expect(two.stdout.toString()).toBe(one.stdout.toString());
    expect(one.stdout.toString()).toMatch(/ classified, \d+ without a delivery status, 1 binary \(skipped\), 1 over 64 KiB/);
  });

  it('summary: a file read in segments by each thread gives what the same bytes read as a stream give', () => {
    const file = run(['--jobs', '2', log]);
    const stream = run(['--jobs', '2', '-'], readFileSync(log));
    expect(file.stdout.toString().replaceAll(log, 'stdin')).toBe(stream.stdout.toString());
    expect(file.stdout.toString()).toMatch(/line \d+: /);
  });

  it('stdin (size unknown): identical with --jobs 1 and --jobs 3', () => {
    const input = readFileSync(log);
    const one = run(['--json', '--jobs', '1'], input);
    const three = run(['--json', '--jobs', '3'], input);
    expect(three.stdout.equals(one.stdout)).toBe(true);
    expect(one.stdout.length).toBeGreaterThan(1000);
  });

  it.each([['0'], ['x'], ['257'], ['1.5']])('--jobs %s is a usage error', (value) => {
    const r = run(['--jobs', value, log]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mailstatus: --jobs must be a whole number from 1 to 256, e.g. --jobs 2, got ${JSON.stringify(value)}\n`);
  });
});

const BOUNCES = join(sharedDir(), 'bounce-samples');
const haveBounces = existsSync(BOUNCES);
if (!haveBounces) console.warn(sharedSkipMessage('bounce --jobs on the shared bounce samples', BOUNCES));

describe.skipIf(!haveBounces)('bounce --jobs (shared bounce samples, three copies)', () => {
  const folder = join(dir, 'bounces');
  beforeAll(() => {
    for (const copy of ['a', 'b', 'c']) cpSync(BOUNCES, join(folder, copy), { recursive: true });
  });

  it('three copies are enough files to start the pool', () => {
    expect(3 * readdirSync(BOUNCES).length).toBeGreaterThan(2 * POOL_MIN_FILES);
  });

  it.each([['--json'], []])('%j: byte-identical with --jobs 1 and --jobs 2, stderr too', (...extra) => {
    const one = run([...extra, '--jobs', '1', folder], undefined, 'bounce');
    const two = run([...extra, '--jobs', '2', folder], undefined, 'bounce');
    expect(two.status).toBe(one.status);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    expect(one.stdout.length).toBeGreaterThan(10_000);
  });
});
