#!/usr/bin/env node
// Benchmarks of the built CLI (run `npx tsdown` first). Prints figures; asserts nothing.
//
//   node bench/run.mjs [--runs 20] [--sizes 25,100] [--only startup|classify]
//
// 1. Cold start: `node bin/mailstatus.js explain 5.1.1` against `node -e 0`,
//    alternating, min/median/max wall time and the ratio of medians; with
//    --json the command line goes through the argv parser.
// 2. classify throughput: synthetic mail logs (bench/make-log.mjs, seeded) of
//    each size in a temp dir; MB/s (wall, and per CPU-second, which a busy
//    machine disturbs less) and peak RSS of the whole process
//    (`/usr/bin/time -v` when present, else maxRSS reported from inside via
//    `node --import`), for the summary and the --json output.
// 3. Where the time goes: the same lines through `classify` alone,
//    in-process, from @mailstatus/codes' dist, in µs per line.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeLog } from './make-log.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const bin = join(pkg, 'bin', 'mailstatus.js');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
};
const runs = Number(arg('runs', '20'));
const sizes = arg('sizes', '25,100').split(',').map(Number);
const only = arg('only', '');

if (!existsSync(join(pkg, 'dist', 'main.mjs'))) {
  console.error('bench: dist/main.mjs is missing: run `npx tsdown` in packages/cli first');
  process.exit(1);
}

const ms = (ns) => Number(ns) / 1e6;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const fmt = (x) => `min ${x.min.toFixed(1)} ms, median ${x.median.toFixed(1)} ms, max ${x.max.toFixed(1)} ms`;

const hasTime = existsSync('/usr/bin/time');

/** One run: wall time (ms) and, with /usr/bin/time, CPU time (user + sys, ms), which a busy machine disturbs less. */
function timeOnce(args) {
  const [cmd, argv] = hasTime ? ['/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  const wall = ms(process.hrtime.bigint() - t0);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

function startup() {
  console.log(
    `\n## Cold start (${runs} runs each, alternating; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
  const cases = [
    ['node -e 0', ['-e', '0']],
    ['mailstatus --version', [bin, '--version']],
    ['mailstatus explain 5.1.1', [bin, 'explain', '5.1.1']],
    // An option sends the command line through the argv parser.
    ['mailstatus explain --json 5.1.1', [bin, 'explain', '--json', '5.1.1']],
  ];
  const wall = cases.map(() => []);
  const cpu = cases.map(() => []);
  // One warm-up of each so the OS file cache is the same for all.
  for (const [, args] of cases) timeOnce(args);
  for (let i = 0; i < runs; i++) {
    cases.forEach(([, args], k) => {
      const t = timeOnce(args);
      wall[k].push(t.wall);
      cpu[k].push(t.cpu);
    });
  }
  const w = wall.map(stats);
  const c = cpu.map(stats);
  cases.forEach(([name], k) => {
    console.log(`${name.padEnd(32)} wall ${fmt(w[k])}`);
    if (hasTime) console.log(`${''.padEnd(32)} cpu  ${fmt(c[k])}`);
  });
  const last = cases.length - 1;
  console.log(
    `explain/node ratio: wall median ${(w[last].median / w[0].median).toFixed(2)}, wall min ${(w[last].min / w[0].min).toFixed(2)}` +
      (hasTime ? `, cpu median ${(c[last].median / c[0].median).toFixed(2)}` : '') +
      '; goal <= 1.3',
  );
}

const RSS_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss_kb="+process.resourceUsage().maxRSS+"\\n"))`;

/** Runs the CLI on `file`, output to /dev/null; returns seconds and peak RSS in MB. */
function runClassify(file, extra) {
  return new Promise((resolve, reject) => {
    const nodeArgs = hasTime ? [bin, 'classify', ...extra, file] : ['--import', RSS_HOOK, bin, 'classify', ...extra, file];
    const [cmd, args] = hasTime ? ['/usr/bin/time', ['-v', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = ms(process.hrtime.bigint() - t0) / 1000;
      if (code !== 0) return reject(new Error(`classify exited ${code}: ${err.slice(-500)}`));
      const m = hasTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(err) : /maxrss_kb=(\d+)/.exec(err);
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(err);
      const cpu = user && sys ? Number(user[1]) + Number(sys[1]) : NaN;
      resolve({ seconds, cpu, rssMB: m ? Number(m[1]) / 1024 : NaN });
    });
  });
}

async function classifyBench() {
  const dir = mkdtempSync(join(tmpdir(), 'mailstatus-bench-'));
  try {
    console.log(`\n## classify throughput (logs in ${dir}, peak RSS via ${hasTime ? '/usr/bin/time -v' : 'process.resourceUsage()'})`);
    let sample;
    const results = { summary: [], '--json': [] };
    for (const size of sizes) {
      const file = join(dir, `mail-${size}MB.log`);
      const made = await makeLog(file, size, 1);
      const mb = statSync(file).size / 1e6;
      sample ??= { file, lines: made.lines };
      for (const [label, extra] of [
        ['summary', []],
        ['--json', ['--json']],
      ]) {
        const r = await runClassify(file, extra);
        results[label].push({ mb, seconds: r.seconds });
        console.log(
          `${String(size).padStart(4)} MB, ${String(made.lines).padStart(8)} lines, ${label.padEnd(8)}: ` +
            `${r.seconds.toFixed(2)} s, ${(mb / r.seconds).toFixed(1)} MB/s` +
            (Number.isNaN(r.cpu) ? ', ' : ` (${(mb / r.cpu).toFixed(1)} MB per CPU-second), `) +
            `${((r.seconds * 1e6) / made.lines).toFixed(2)} µs/line, peak RSS ${r.rssMB.toFixed(1)} MB`,
        );
      }
    }
    // The difference between the largest and smallest run removes the fixed
    // costs (start-up, building the rule tables) and leaves the streaming rate.
    for (const [label, rs] of Object.entries(results)) {
      if (rs.length < 2) continue;
      const [a, b] = [rs[0], rs[rs.length - 1]];
      console.log(
        `${label.padEnd(8)} streaming rate between ${a.mb.toFixed(0)} and ${b.mb.toFixed(0)} MB: ${((b.mb - a.mb) / (b.seconds - a.seconds)).toFixed(1)} MB/s`,
      );
    }
    console.log('goals: >= 50 MB/s, peak RSS < 150 MB and about the same at every size');
    if (sample) await breakdown(sample.file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where a line's time goes: splitting and decoding vs `classify` itself. */
async function breakdown(file) {
  const codes = await import('@mailstatus/codes');
  if (typeof codes.classify !== 'function') {
    console.log('(breakdown skipped: this build of @mailstatus/codes has no classify)');
    return;
  }
  const buf = readFileSync(file);
  let t0 = process.hrtime.bigint();
  const lines = buf.toString('utf8').split('\n');
  const split = ms(process.hrtime.bigint() - t0);
  // Warm up the JIT and the lazily built rule tables.
  for (let i = 0; i < Math.min(20000, lines.length); i++) codes.classify(lines[i]);
  t0 = process.hrtime.bigint();
  for (const l of lines) codes.classify(l);
  const cls = ms(process.hrtime.bigint() - t0);
  let extract = NaN;
  if (typeof codes.extractReply === 'function') {
    t0 = process.hrtime.bigint();
    for (const l of lines) codes.extractReply(l);
    extract = ms(process.hrtime.bigint() - t0);
  }
  const n = lines.length;
  const us = (t) => ((t * 1000) / n).toFixed(2);
  console.log(`\n## Per line, in-process (${n} lines of ${(buf.length / 1e6).toFixed(0)} MB)`);
  console.log(`split + decode        ${us(split)} µs/line`);
  console.log(`extractReply alone    ${us(extract)} µs/line`);
  console.log(`classify (incl. extract) ${us(cls)} µs/line = ${(buf.length / 1e6 / (cls / 1000)).toFixed(1)} MB/s ceiling`);
}

if (only !== 'classify') startup();
if (only !== 'startup') await classifyBench();
