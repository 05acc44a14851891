#!/usr/bin/env node
/**
 * Benchmarks of the BUILT package (../dist/index.js: run `npx tsdown` in
 * packages/codes first). Prints figures, asserts nothing: speed targets live
 * here, never in tests.
 *
 *   node bench/run.mjs                 # all sections
 *   node bench/run.mjs parse describe  # some sections: parse, describe, huge, classify, bundle
 *   BENCH_RUNS=11 node bench/run.mjs   # more runs per figure (default 7)
 *   BENCH_DIST=/tmp/build node bench/run.mjs  # another build directory
 *   BENCH_CLOCK=cpu node bench/run.mjs # time by process CPU time, not wall clock
 *
 * Every figure is the min / median / max of BENCH_RUNS runs. Ratios are taken
 * per run (the two sides measured back to back) so machine noise cancels
 * mostly; the load average is printed before and after each figure so the
 * rest of it is visible (on a busy machine, trust medians and ratios, and
 * repeat). Targets: parseReply / naive regex >= 1.0 on single lines;
 * describe / Map.get >= 0.5; 1 MB pathological inputs in milliseconds, not
 * seconds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sharedDir } from '../../../scripts/shared-data.mjs';
import { prng } from '../../../scripts/prng.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(here, '..');
// BENCH_DIST points at another build of the package (e.g. `npx tsdown -d /tmp/x`).
const dist = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST, 'index.js') : join(pkgDir, 'dist/index.js');
if (!existsSync(dist)) {
  console.error(`bench: ${dist} is missing: build first (cd packages/codes && npx tsdown)`);
  process.exit(1);
}
const lib = await import(dist);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 7);
const CPU_CLOCK = process.env.BENCH_CLOCK === 'cpu';
/** Milliseconds: wall clock, or with BENCH_CLOCK=cpu this process's CPU time (user + system, all threads). */
const now = CPU_CLOCK
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();
const CORES = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
/** The 1-minute load average against the core count: above 1 per core, other work competes for the CPU. */
const load = () => `load ${loadavg()[0].toFixed(2)} on ${CORES} cores`;
const SHARED = sharedDir();
const sections = new Set(process.argv.slice(2));
const want = (name) => sections.size === 0 || sections.has(name);

// ---------------------------------------------------------------------------
// Measuring

/**
 * A fresh loop for each measured function (built with `new Function`) so
 * that the call sites of different functions do not share type feedback and
 * slow each other down: each side gets the same, monomorphic harness.
 */
function makeLoop(fn, inputs) {
  const loop = new Function(
    'fn',
    'inputs',
    `return function loop(iterations) {
      const n = inputs.length;
      let sink = 0;
      for (let i = 0; i < iterations; i++) {
        const r = fn(inputs[i % n]);
        sink += r === undefined || r === null ? 0 : 1;
      }
      return sink;
    };`,
  );
  return loop(fn, inputs);
}

/** Ops per second of `loop` over about `ms` milliseconds (after a calibration pass). */
function opsPerSecond(loop, ms = 150) {
  let iterations = 1000;
  for (;;) {
    const t0 = now();
    loop(iterations);
    const dt = now() - t0;
    if (dt >= ms) return (iterations / dt) * 1000;
    iterations = Math.ceil(iterations * Math.min(10, Math.max(2, (ms * 1.2) / Math.max(dt, 0.01))));
  }
}

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  return { min: v[0], median: v[Math.floor(v.length / 2)], max: v[v.length - 1] };
}

const fmtOps = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(1)} k/s`);
const fmtMs = (x) => `${x.toFixed(2)} ms`;
const fmtRatio = (x) => x.toFixed(2);
const row = (label, s, fmt) =>
  console.log(
    `  ${label.padEnd(44)} min ${fmt(s.min).padStart(11)}   median ${fmt(s.median).padStart(11)}   max ${fmt(s.max).padStart(11)}`,
  );

/**
 * Measures `a` against the baseline `b` RUNS times, back to back; prints
 * ops/s of each and the ratio a/b of each run, with the load before and after.
 */
function compare(title, aLabel, a, bLabel, b, inputs) {
  console.log(`\n${title}  (${inputs.length} inputs, ${RUNS} runs, ${load()})`);
  const la = makeLoop(a, inputs);
  const lb = makeLoop(b, inputs);
  // Warm up both until optimized.
  opsPerSecond(la, 100);
  opsPerSecond(lb, 100);
  const ra = [];
  const rb = [];
  const ratio = [];
  for (let i = 0; i < RUNS; i++) {
    const y = opsPerSecond(lb);
    const x = opsPerSecond(la);
    ra.push(x);
    rb.push(y);
    ratio.push(x / y);
  }
  row(aLabel, stats(ra), fmtOps);
  row(`${bLabel} (baseline)`, stats(rb), fmtOps);
  row(`ratio ${aLabel} / ${bLabel}`, stats(ratio), fmtRatio);
  console.log(`  (after: ${load()})`);
  return stats(ratio);
}

/**
 * The baseline of the huge inputs: one pass of V8's native regexp loop over
 * the whole input (a sticky one-class `*`, which no input here stops early),
 * so a ratio says how many such passes a function costs, whatever the load.
 */
const ONE_PASS = /[^\0]*/y;
const onePass = (s) => {
  ONE_PASS.lastIndex = 0;
  ONE_PASS.test(s);
  return ONE_PASS.lastIndex;
};

/** Milliseconds per call of `fn(input)` on a huge input, RUNS times, each run also timing {@link onePass} just before. */
function timeHuge(fn, input) {
  fn(input); // warm
  onePass(input);
  const times = [];
  const ratios = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = now();
    onePass(input);
    const base = now() - t0;
    t0 = now();
    fn(input);
    const t = now() - t0;
    times.push(t);
    ratios.push(t / Math.max(base, 1e-3));
  }
  return { ms: stats(times), ratio: stats(ratios) };
}

// ---------------------------------------------------------------------------
// parseReply against the naive baseline

const NAIVE = /^(\d{3})[ -](\d\.\d{1,3}\.\d{1,3})?/;
/** The baseline: reads the code and the enhanced code, validates nothing else. */
const naive = (s) => {
  const m = NAIVE.exec(s);
  return m === null ? undefined : m[2] === undefined ? m[1] : m[2];
};

const SHORT_LINES = [
  '250 2.0.0 Ok: queued as 4ZxYz12abc',
  '250 OK',
  '250 2.1.5 Ok',
  '221 2.0.0 Bye',
  '354 End data with <CR><LF>.<CR><LF>',
  '550 5.1.1 User unknown',
  '421 4.7.0 Try again later',
  '452 4.2.2 Mailbox full',
  '250 2.0.0 OK  1700000000 a1si5 - gsmtp',
  '334 VXNlcm5hbWU6',
];
const LONG_LINES = [
  '550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
  '550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
  '550 5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users',
  '451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77719) [BN8NAM12FT045.eop-nam12.prod.protection.outlook.com]',
  '554 5.7.1 Message rejected because of unacceptable content. For help, please quote incident ID 1234567.',
];

function benchParse() {
  const parse = lib.parseReply;
  const ratios = {};
  ratios.short = compare('parseReply vs naive regex: short single lines', 'parseReply', parse, 'naive regex', naive, SHORT_LINES);
  ratios.long = compare(
    'parseReply vs naive regex: long single lines (80-130 chars)',
    'parseReply',
    parse,
    'naive regex',
    naive,
    LONG_LINES,
  );
  ratios.mixed = compare('parseReply vs naive regex: all single lines', 'parseReply', parse, 'naive regex', naive, [
    ...SHORT_LINES,
    ...LONG_LINES,
  ]);
  const multi = [
    '250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8\r\n',
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n550-5.1.1 double-checking the recipient's email address for typos or\r\n550 5.1.1 unnecessary spaces. a1si5 - gsmtp\r\n",
  ];
  compare('parseReply vs naive regex: multi-line replies (the regex reads only line 1)', 'parseReply', parse, 'naive regex', naive, multi);
  compare('safeParseReply vs parseReply: single lines', 'safeParseReply', lib.safeParseReply, 'parseReply', parse, [
    ...SHORT_LINES,
    ...LONG_LINES,
  ]);
  return ratios;
}

// ---------------------------------------------------------------------------
// describe against a plain Map.get

function benchDescribe() {
  const keys = [];
  for (const r of lib.replyCodes) keys.push(String(r.code), r.code);
  for (const e of lib.enhancedStatuses) keys.push(e.code, `5${e.code.slice(1)}`, `4${e.code.slice(1)}`);
  // The same keys, in a fixed shuffled order, for both sides.
  const rand = prng(42);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  const map = new Map(keys.map((k) => [k, lib.describe(k)]));
  const get = (k) => map.get(k);
  const registered = compare('describe vs Map.get: registered codes (strings and numbers)', 'describe', lib.describe, 'Map.get', get, keys);
  const stringKeys = keys.filter((k) => typeof k === 'string');
  compare('describe vs Map.get: string keys only', 'describe', lib.describe, 'Map.get', get, stringKeys);
  const slow = ['5.7.606', '4.7.500', ' 550 ', 'x.1.1', '5.9.1', 'abc', '__proto__', '9.9.9'];
  const slowMap = new Map(slow.map((k) => [k, lib.describe(k)]));
  const repeated = compare(
    'describe vs Map.get: slow path, repeated inputs (unregistered, whitespace, garbage)',
    'describe',
    lib.describe,
    'Map.get',
    (k) => slowMap.get(k),
    slow,
  );
  // 4000 distinct inputs in a cycle: more than describe remembers (1024), so every call computes its result.
  const fresh = [];
  // Unregistered codes (subject 0-4, detail 100-999: each pair once), some with a space, and garbage.
  for (let i = 0; i < 4000; i++) {
    const code = `${'245'[i % 3]}.${Math.floor(i / 900)}.${100 + (i % 900)}`;
    fresh.push(i % 4 === 3 ? `zz${i}` : i % 4 === 2 ? ` ${code}` : code);
  }
  const freshMap = new Map(fresh.map((k) => [k, lib.describe(k)]));
  const firstSight = compare(
    'describe vs Map.get: slow path, first sight (4000 distinct inputs, none remembered)',
    'describe',
    lib.describe,
    'Map.get',
    (k) => freshMap.get(k),
    fresh,
  );
  return { registered, repeated, firstSight };
}

// ---------------------------------------------------------------------------
// 1 MB pathological inputs

function benchHuge() {
  const MB = 1 << 20;
  const inputs = {
    'digit run (1 MB of "5")': '5'.repeat(MB),
    '"550 " + "5." x 512K': '550 ' + '5.'.repeat(MB / 2),
    '"5.5.5.5..." (no code)': '5.'.repeat(MB / 2),
    'endless "550-x" lines': '550-x\r\n'.repeat(MB / 7),
    'endless "550-5.1.1 x" lines': '550-5.1.1 x\r\n'.repeat(MB / 13),
    '"550 " + 1 MB text, no newline': '550 ' + 'a'.repeat(MB),
    '"550" + 1 MB spaces + "5.1.1"': '550' + ' '.repeat(MB) + '5.1.1',
    '"550 5.1.1 " repeated': '550 5.1.1 '.repeat(MB / 10),
    '"(in" repeated': '550 x (in'.repeat(MB / 9),
  };
  // The strings above are ropes until flattened; flatten them so every function sees the same flat string.
  for (const k of Object.keys(inputs)) inputs[k] = Buffer.from(inputs[k], 'utf8').toString('utf8');
  const fns = {
    parseReply: (s) => {
      try {
        return lib.parseReply(s, { maxLineLength: Infinity });
      } catch {
        return undefined;
      }
    },
    safeParseReply: (s) => lib.safeParseReply(s),
    extractReply: (s) => lib.extractReply(s),
    describe: (s) => lib.describe(s),
  };
  console.log(
    `\n1 MB pathological inputs: ms per call, and the ratio to one native regexp pass over the input measured in the same run (${RUNS} runs, ${load()})`,
  );
  for (const [name, input] of Object.entries(inputs)) {
    console.log(` ${name} (${input.length} chars)`);
    for (const [fname, fn] of Object.entries(fns)) {
      const { ms, ratio } = timeHuge(fn, input);
      console.log(
        `  ${fname.padEnd(16)} min ${fmtMs(ms.min).padStart(10)}  median ${fmtMs(ms.median).padStart(10)}  max ${fmtMs(ms.max).padStart(10)}` +
          `   / one pass: min ${fmtRatio(ratio.min).padStart(6)}  median ${fmtRatio(ratio.median).padStart(6)}  max ${fmtRatio(ratio.max).padStart(6)}`,
      );
    }
  }
  console.log(`  (after: ${load()})`);
}

// ---------------------------------------------------------------------------
// HOOK: classify throughput over the bounce-samples diagnostic texts.
// The classify owner may replace the body; it runs whatever `classify` the
// built package exports, over each Diagnostic-Code field (with its folded
// lines) of ../shared/bounce-samples, and compares with extractReply alone.

function benchClassify() {
  const dir = join(SHARED, 'bounce-samples');
  if (typeof lib.classify !== 'function') {
    console.log('\nclassify: skipped (the built package exports no classify yet)');
    return;
  }
  if (!existsSync(dir)) {
    console.log(`\nclassify: skipped (${dir} is absent; set MAILSTATUS_SHARED)`);
    return;
  }
  const texts = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.eml'))) {
    const raw = readFileSync(join(dir, f), 'latin1');
    const re = /^Diagnostic-Code:[^\n]*(?:\n[ \t][^\n]*)*/gim;
    for (let m = re.exec(raw); m; m = re.exec(raw)) texts.push(m[0]);
  }
  compare(
    'classify vs extractReply: bounce-samples Diagnostic-Code texts',
    'classify',
    lib.classify,
    'extractReply',
    lib.extractReply,
    texts,
  );
}

// ---------------------------------------------------------------------------
// Bundle sizes: esbuild, minified and tree-shaken, then gzip.

async function benchBundle() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.log('\nbundle sizes: skipped (esbuild is not installed)');
    return;
  }
  const entries = {
    '{ ReplyCode }': "export { ReplyCode } from '@mailstatus/codes';",
    '{ EnhancedStatus }': "export { EnhancedStatus } from '@mailstatus/codes';",
    '{ EnhancedStatus, withClass }': "export { EnhancedStatus, withClass } from '@mailstatus/codes';",
    '{ parseReply }': "export { parseReply } from '@mailstatus/codes';",
    '{ extractReply }': "export { extractReply } from '@mailstatus/codes';",
    '{ formatReply, replyError }': "export { formatReply, replyError } from '@mailstatus/codes';",
    '{ describe }': "export { describe } from '@mailstatus/codes';",
    '{ classify }': "export { classify } from '@mailstatus/codes';",
    'whole package (export *)': "export * from '@mailstatus/codes';",
  };
  console.log('\nbundle sizes (esbuild --bundle --minify, tree shaking, ESM; gzip -9)');
  for (const [label, contents] of Object.entries(entries)) {
    try {
      const out = await esbuild.build({
        stdin: { contents, resolveDir: pkgDir, loader: 'js', sourcefile: 'entry.js' },
        bundle: true,
        minify: true,
        treeShaking: true,
        format: 'esm',
        platform: 'neutral',
        // Resolve the package name to this build, whatever node_modules holds.
        alias: { '@mailstatus/codes': dist },
        write: false,
        logLevel: 'silent',
      });
      const code = out.outputFiles[0].contents;
      const gz = gzipSync(code, { level: 9 }).length;
      console.log(`  ${label.padEnd(34)} ${String(code.length).padStart(8)} B min   ${String(gz).padStart(7)} B gzip`);
    } catch (e) {
      console.log(`  ${label.padEnd(34)} failed: ${String(e.message).split('\n')[0]}`);
    }
  }
}

// ---------------------------------------------------------------------------

console.log(`@mailstatus/codes bench: node ${process.version}, ${RUNS} runs per figure, ${CPU_CLOCK ? 'CPU time' : 'wall clock'}, ${dist}`);
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}; load average (1, 5, 15 min) ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')} on ${CORES} cores`,
);
const summary = {};
if (want('parse')) summary.parse = benchParse();
if (want('describe')) summary.describe = benchDescribe();
if (want('huge')) benchHuge();
if (want('classify')) benchClassify();
if (want('bundle')) await benchBundle();
if (summary.parse || summary.describe) {
  console.log(`\nsummary: ratios against the baseline of the same run (targets: parse >= 1.0, describe >= 0.5); ${load()}`);
  const line = (label, v, target) =>
    console.log(
      `  ${label.padEnd(44)} min ${fmtRatio(v.min)}   median ${fmtRatio(v.median)}   max ${fmtRatio(v.max)}   ${v.median >= target ? 'meets' : 'below'} ${target.toFixed(1)}`,
    );
  if (summary.parse) for (const [k, v] of Object.entries(summary.parse)) line(`parseReply / naive regex, ${k}`, v, 1.0);
  if (summary.describe) {
    line('describe / Map.get, registered', summary.describe.registered, 0.5);
    line('describe / Map.get, slow path repeated', summary.describe.repeated, 0.5);
    line('describe / Map.get, slow path first sight', summary.describe.firstSight, 0.5);
  }
}
