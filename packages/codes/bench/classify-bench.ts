/**
 * Throughput of classify() and its linearity on large inputs. Prints
 * figures; asserts nothing (speed targets live here, not in tests).
 *
 *   npx tsx bench/classify-bench.ts
 *
 * Inputs: the diagnostic lines of ../shared/bounce-samples (every line of
 * each .eml that holds a reply code or a failure keyword, i.e. what a
 * bounce processor hands to classify), whole .eml files as prose, a set of
 * typical one-line replies, and 64 KiB - 1 MiB adversarial strings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, type ClassifyInput } from '../src/classify/classify.js';

const here = dirname(fileURLToPath(import.meta.url));
const BOUNCES = resolve(process.env.MAILSTATUS_SHARED ?? join(here, '../../../../shared'), 'bounce-samples');

function time(label: string, inputs: readonly unknown[], minMs = 500): void {
  // Warm up, then run whole passes until minMs has passed.
  for (const x of inputs) classify(x as ClassifyInput);
  let n = 0;
  let bytes = 0;
  const size = inputs.reduce<number>((s, x) => s + (typeof x === 'string' ? x.length : 64), 0);
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (const x of inputs) classify(x as ClassifyInput);
    n += inputs.length;
    bytes += size;
    t = performance.now();
  }
  const s = (t - t0) / 1000;
  console.log(
    `${label.padEnd(46)} ${String(Math.round(n / s)).padStart(9)} calls/s  ${(bytes / s / 1e6).toFixed(1).padStart(7)} MB/s  ${(((t - t0) * 1000) / n).toFixed(2).padStart(8)} us/call`,
  );
}

const typical = [
  '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table',
  '552-5.2.2 The email account that you tried to reach is over quota.\r\n552 5.2.2 Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp',
  '451 4.7.1 Greylisted, please try again in 5 minutes',
  '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
  '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints',
  "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
  '250 2.0.0 Ok: queued as 4Z9abc',
  { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 user unknown', command: 'RCPT TO' },
  { code: 'ECONNECTION', command: 'CONN' },
];
time('typical replies (9 shapes)', typical);

if (existsSync(BOUNCES)) {
  const files = readdirSync(BOUNCES).filter((f) => f.endsWith('.eml'));
  const emails = files.map((f) => readFileSync(join(BOUNCES, f), 'latin1'));
  const keyword = /\b[245][0-5]\d\b|unknown|quota|full|denied|rejected|blocked|expired|timed out/i;
  const lines = emails.flatMap((e) => e.split(/\r?\n/).filter((l) => l.length > 8 && l.length < 1000 && keyword.test(l)));
  console.log(`bounce corpus: ${files.length} emails, ${lines.length} diagnostic-looking lines`);
  time('bounce-corpus lines', lines);
  time('bounce-corpus whole emails as prose', emails);
} else {
  console.log(`(${BOUNCES} absent: corpus figures skipped)`);
}

console.log('\nlinearity (time per call should grow with the size, not faster):');
const shapes: [string, (n: number) => string][] = [
  ['letters', (n) => 'a'.repeat(n)],
  ['550 + pattern prefixes', (n) => `550 ${'greylis'.repeat(Math.floor(n / 7))}`],
  ['550 + regex bait', (n) => `550 ${'exceed '.repeat(Math.floor(n / 7))}`],
  ['550-5.7.1 lines', (n) => `${'550-5.7.1 spam\r\n'.repeat(Math.floor(n / 16))}550 5.7.1 end`],
  ['digits and dots', (n) => '5.5.5.'.repeat(Math.floor(n / 6))],
];
for (const [label, make] of shapes) {
  const figures: string[] = [];
  for (const size of [64 << 10, 256 << 10, 1 << 20]) {
    const s = make(size);
    classify(s);
    const runs = 5;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) classify(s);
    figures.push(`${size >> 10} KiB ${((performance.now() - t0) / runs).toFixed(2)} ms`);
  }
  console.log(`  ${label.padEnd(26)} ${figures.join('   ')}`);
}
