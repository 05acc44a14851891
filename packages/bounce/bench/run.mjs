#!/usr/bin/env node
/**
 * Benchmarks (run with node --expose-gc for the heap figures) of the BUILT package (../dist/index.js) and CLI (packages/cli).
 * Prints figures, asserts nothing: speed and memory targets live here, never
 * in tests.
 *
 *   node bench/run.mjs                  # all sections
 *   node bench/run.mjs corpus process   # some: corpus, process, hostile, bundle
 *   BENCH_RUNS=9 node bench/run.mjs     # runs per figure (default 5)
 *   BENCH_COPIES=20                     # copies of the samples (default 20)
 *   BENCH_CLOCK=cpu                     # corpus section by CPU time instead of wall clock
 *
 * corpus:  in-process parseBounce messages/s over the shared samples repeated
 *          BENCH_COPIES times, against Sisimai's per-message rate measured in
 *          the same run (perl, timed inside perl so its start-up is excluded).
 * process: whole process `mailstatus bounce <folder> --json` against
 *          `perl -MSisimai -e 'Sisimai->make("<folder>")'`, alternating runs,
 *          with peak RSS of each (GNU time).
 * hostile: time and heap for the broken inputs of test/bad-input.test.ts.
 * bundle:  esbuild browser bundle (minified) and its gzip size.
 * Ratios are per run (both sides back to back); min / median / max printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sharedDir } from '../../../scripts/shared-data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(here, '..');
const dist = join(pkgDir, 'dist/index.js');
const cliBin = resolve(pkgDir, '../cli/bin/mailstatus.js');
if (!existsSync(dist)) {
  console.error(`bench: ${dist} is missing: build first (npm run build)`);
  process.exit(1);
}
const { parseBounce } = await import(dist);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 5);
/** BENCH_CLOCK=cpu: in-process figures by CPU time (user + system) on both sides, steadier on a busy machine. */
const CPU_CLOCK = process.env.BENCH_CLOCK === 'cpu';
const clock = CPU_CLOCK
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();
const COPIES = Math.max(1, Number(process.env.BENCH_COPIES) || 20);
const samples = resolve(sharedDir(), 'bounce-samples');
const sections = process.argv.slice(2);
const want = (s) => sections.length === 0 || sections.includes(s);

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const stats = (xs, f = (x) => x.toFixed(0)) => {
  const s = sorted(xs);
  return `${f(s[0])} / ${f(s[s.length >> 1])} / ${f(s[s.length - 1])}`;
};
const load = () => loadavg()[0].toFixed(2);
const haveSisimai = spawnSync('perl', ['-MSisimai', '-e', '1']).status === 0;

/** The samples copied COPIES times under distinct names into a fresh folder. */
function corpusFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'bounce-bench-'));
  const files = readdirSync(samples).filter((f) => f.endsWith('.eml'));
  for (let k = 0; k < COPIES; k++) for (const f of files) copyFileSync(join(samples, f), join(dir, `c${String(k).padStart(2, '0')}-${f}`));
  return { dir, count: files.length * COPIES };
}

/** Sisimai's messages/s inside perl (start-up excluded). */
function sisimaiRate(dir, count) {
  const script = CPU_CLOCK
    ? 'my @a = times; my $r = Sisimai->make($ARGV[0], delivered => 1) || []; my @b = times; printf "%.6f %d\\n", $b[0] + $b[1] - $a[0] - $a[1], scalar @$r'
    : 'my $t = time; my $r = Sisimai->make($ARGV[0], delivered => 1) || []; printf "%.6f %d\\n", time - $t, scalar @$r';
  const out = execFileSync('perl', ['-MSisimai', '-MTime::HiRes=time', '-e', script, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const [secs, found] = out.trim().split(' ').map(Number);
  return { rate: count / secs, found };
}

if (want('corpus')) {
  if (!existsSync(samples)) console.log(`corpus: skipped, ${samples} is absent (set MAILSTATUS_SHARED)`);
  else {
    const { dir, count } = corpusFolder();
    const bytes = readdirSync(dir)
      .sort()
      .map((f) => new Uint8Array(readFileSync(join(dir, f))));
    for (const b of bytes) parseBounce(b); // warm-up: one pass
    const ours = [];
    const theirs = [];
    const ratios = [];
    let recipients = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = clock();
      recipients = 0;
      for (const b of bytes) recipients += parseBounce(b).recipients.length;
      const rate = count / ((clock() - t) / 1000);
      ours.push(rate);
      if (haveSisimai) {
        const s = sisimaiRate(dir, count);
        theirs.push(s.rate);
        ratios.push(rate / s.rate);
      }
    }
    console.log(
      `corpus: ${count} messages (${COPIES} copies of ${count / COPIES}), ${recipients} recipients per pass, ${CPU_CLOCK ? 'CPU time' : 'wall clock'}, load ${load()}`,
    );
    console.log(`  parseBounce in process:   ${stats(ours)} msgs/s (min / median / max of ${RUNS})`);
    if (haveSisimai) {
      console.log(`  Sisimai->make in perl:    ${stats(theirs)} msgs/s`);
      console.log(`  ratio (goal >= 10):       ${stats(ratios, (x) => x.toFixed(1))}`);
    } else console.log('  Sisimai: perl cannot load it (apt-get install libsisimai-perl)');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time (ms), CPU time (user + system, ms) and peak RSS (KiB) of a command, by GNU time. */
function timed(cmd, args) {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-500)}`);
  const [rss, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms, rss, cpu: (user + sys) * 1000 };
}

if (want('process')) {
  if (!existsSync(samples) || !haveSisimai || !existsSync('/usr/bin/time'))
    console.log('process: skipped (needs ../shared, perl with Sisimai and /usr/bin/time)');
  else if (!existsSync(resolve(pkgDir, '../cli/dist'))) console.log('process: skipped, build packages/cli first');
  else {
    const { dir, count } = corpusFolder();
    const ours = [];
    const theirs = [];
    const ratios = [];
    const rssOurs = [];
    const rssTheirs = [];
    const cpuOurs = [];
    const cpuTheirs = [];
    const cpuRatios = [];
    for (let r = 0; r < RUNS; r++) {
      const a = timed('node', [cliBin, 'bounce', dir, '--json']);
      const b = timed('perl', ['-MSisimai', '-e', `Sisimai->make($ARGV[0])`, dir]);
      ours.push(a.ms);
      theirs.push(b.ms);
      ratios.push(b.ms / a.ms);
      rssOurs.push(a.rss / 1024);
      rssTheirs.push(b.rss / 1024);
      cpuOurs.push(a.cpu);
      cpuTheirs.push(b.cpu);
      cpuRatios.push(b.cpu / a.cpu);
    }
    console.log(`process: ${count} messages, whole process, ${RUNS} alternating runs, load ${load()}`);
    console.log(
      `  mailstatus bounce --json: ${stats(ours)} ms wall, ${stats(cpuOurs)} ms CPU, peak RSS ${stats(rssOurs, (x) => x.toFixed(1))} MiB`,
    );
    console.log(
      `  perl Sisimai->make:       ${stats(theirs)} ms wall, ${stats(cpuTheirs)} ms CPU, peak RSS ${stats(rssTheirs, (x) => x.toFixed(1))} MiB`,
    );
    console.log(
      `  speed-up, wall (goal >= 5): ${stats(ratios, (x) => x.toFixed(1))}; by CPU time: ${stats(cpuRatios, (x) => x.toFixed(1))}`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

if (want('hostile')) {
  const dsn = (body) =>
    `From: MAILER-DAEMON@mx.example.net\nSubject: Undeliverable\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; kim@example.com\nAction: failed\nStatus: 5.1.1\n\n--b\nContent-Type: message/rfc822\n\nSubject: x\n\n${body}\n--b--\n`;
  let nested = 'Content-Type: text/plain\n\nleaf';
  for (let i = 0; i < 100; i++) nested = `Content-Type: multipart/mixed; boundary="n${i}"\n\n--n${i}\n${nested}\n--n${i}--`;
  const cases = {
    '10 MB returned part': dsn('x'.repeat(10 * 1024 * 1024)),
    '10,000 headers': `${Array.from({ length: 10_000 }, (_, i) => `X-F${i}: ${i}`).join('\n')}\n${dsn('')}`,
    'nesting 100 deep': `From: a@b.example\n${nested}`,
    '1 MB invalid base64': dsn('')
      .replace('Content-Type: message/delivery-status', 'Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64')
      .replace('Final-Recipient', '!*'.repeat(512 * 1024)),
    '1 MB of "=" in QP': dsn('')
      .replace(
        'Content-Type: message/delivery-status',
        'Content-Type: message/delivery-status\nContent-Transfer-Encoding: quoted-printable',
      )
      .replace('Final-Recipient', '='.repeat(1 << 20)),
    '1 MB without line breaks': dsn('').replace('Final-Recipient', 'a'.repeat(1 << 20)),
    '100,000 boundaries': `From: a@b.example\nContent-Type: multipart/mixed; boundary="z"\n\n${'--z\n\nx\n'.repeat(100_000)}--z--\n`,
    '4 MB of random bytes': Uint8Array.from({ length: 4 << 20 }, (_, i) => (i * 2654435761) >>> 24),
  };
  console.log(`hostile inputs (time min / median / max ms of ${RUNS}, heap growth of one call):`);
  for (const [name, input] of Object.entries(cases)) {
    const ms = [];
    let problems = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      problems = parseBounce(input).problems;
      ms.push(performance.now() - t);
    }
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const keep = parseBounce(input);
    const grew = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    console.log(
      `  ${name.padEnd(26)} ${stats(ms, (x) => x.toFixed(1)).padEnd(20)} heap +${grew.toFixed(1)} MiB  problems: ${problems.map((p) => p.kind).join(', ') || '-'}${keep ? '' : ''}`,
    );
  }
}

if (want('bundle')) {
  const { build } = await import('esbuild');
  const r = await build({
    entryPoints: [join(pkgDir, 'src/index.ts')],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  const code = r.outputFiles[0].contents;
  console.log(
    `bundle: esbuild --platform=browser --minify: ${(code.length / 1024).toFixed(1)} KiB, gzip ${(gzipSync(code).length / 1024).toFixed(1)} KiB (includes @mailstatus/codes' classify tables)`,
  );
}
