/**
 * classify() per line over a realistic mail log, split by phase. Prints
 * figures; asserts nothing (speed targets live in benchmarks, never in tests).
 *
 *   npx tsx bench/classify-lines.ts                      # 40 000 generated lines
 *   BENCH_LINES=80000 BENCH_RUNS=9 npx tsx bench/classify-lines.ts
 *   BENCH_LOG=/tmp/mail.log npx tsx bench/classify-lines.ts
 *   CLASSIFY_SRC=/tmp/other/src npx tsx bench/classify-lines.ts   # another copy of src/, for A/B
 *
 * The lines come from the CLI's seeded log generator
 * (packages/cli/bench/make-log.mjs: Postfix, Exim, DSN fields, bare replies;
 * about a third carry no reply at all) or from BENCH_LOG. Every figure is the
 * min / median / max over BENCH_RUNS passes of the mean µs per line.
 *
 * Phases (each measured alone, over the same lines):
 * - extract: `extractReply(line)` (extract.ts, not classify's own code);
 * - input: `normalizeInput(line)` minus extract: codes, command, capping;
 * - text: the pattern search over the reply text (normalisation included),
 *   as `decide` runs it for the line's outcome;
 * - decide: the rest of `classify` (outcome, tables, result object).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(process.env.CLASSIFY_SRC ?? join(here, '../src'));
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS) || 7);
const LINES = Math.max(1000, Number(process.env.BENCH_LINES) || 40_000);

type Fn = (x: string) => unknown;
const load = async (name: string): Promise<Record<string, unknown>> =>
  (await import(pathToFileURL(join(src, name)).href)) as Record<string, unknown>;
/** The module as this tree names it, else as a build before the classify/ folder did (CLASSIFY_SRC may point at one). */
const loadEither = async (name: string, before: string): Promise<Record<string, unknown>> =>
  existsSync(join(src, name)) || existsSync(join(src, name.replace(/\.js$/, '.ts'))) ? load(name) : load(before);
const classifyMod = await loadEither('classify/classify.js', 'classify.js');
const inputMod = await loadEither('classify/input.js', 'classify-input.js');
const extractMod = await load('extract.js');
const classify = classifyMod.classify as Fn;
const normalizeInput = inputMod.normalizeInput as (x: unknown) => {
  code?: number;
  enhanced?: { class: number };
  text: string;
  clientError?: string;
};
const extractReply = extractMod.extractReply as Fn;
// The pattern search alone: `compiledRules().firstMatch` (@internal).
const textPhase = (
  (await loadEither('classify/rules.js', 'classify-rules.js')).compiledRules as () => {
    firstMatch: (text: string, digit: number, strongOnly: boolean) => number;
  }
)().firstMatch;

async function readLines(): Promise<string[]> {
  let log: Buffer;
  if (process.env.BENCH_LOG) log = readFileSync(process.env.BENCH_LOG);
  else {
    const makeLog = join(here, '../../cli/bench/make-log.mjs');
    const { lineMaker } = (await import(pathToFileURL(makeLog).href)) as { lineMaker: (seed: number) => () => string };
    const next = lineMaker(1);
    log = Buffer.from(Array.from({ length: LINES }, next).join('\n'));
  }
  // One flat string per line, decoded from the bytes the way the CLI's line
  // splitter does (not slices of one big string, nor the generator's ropes).
  const out: string[] = [];
  for (let start = 0; start < log.length && out.length < LINES;) {
    let end = log.indexOf(10, start);
    if (end < 0) end = log.length;
    if (end > start) out.push(log.toString('utf8', start, end));
    start = end + 1;
  }
  return out;
}

const lines = await readLines();
// What the text phase sees per line: the text, the outcome digit and whether
// only strong patterns count (a specific, non-generic registry code), as decide() would ask.
const rulesRaw = (await load('generated/classification.js')).classificationRules as { enhanced: Record<string, { generic?: boolean }> };
const textJobs = lines.map((l) => {
  const n = normalizeInput(l);
  const digit = n.code !== undefined ? Math.floor(n.code / 100) : n.enhanced !== undefined ? n.enhanced.class : 0;
  const e = n.enhanced as { class: number; subject: number; detail: number } | undefined;
  const entry = e !== undefined && e.class !== 2 ? rulesRaw.enhanced[`X.${e.subject}.${e.detail}`] : undefined;
  return {
    text: n.text,
    digit: digit === 4 || digit === 5 ? digit : 0,
    strong: entry !== undefined && entry.generic !== true,
    skip: digit === 2 || digit === 3,
  };
});
const noReply = lines.filter((l) => extractReply(l) === undefined).length;
const bytes = lines.reduce((s, l) => s + Buffer.byteLength(l) + 1, 0);

/** Mean µs per line of one pass; `pass` runs once per line. */
function perLine(pass: () => number): number {
  const t0 = performance.now();
  const sink = pass();
  const dt = performance.now() - t0;
  if (sink === -1) console.log('');
  return (dt * 1000) / lines.length;
}

const passes: Record<string, () => number> = {
  classify: () => {
    let s = 0;
    for (let i = 0; i < lines.length; i++) s += classify(lines[i]!) === undefined ? 0 : 1;
    return s;
  },
  extract: () => {
    let s = 0;
    for (let i = 0; i < lines.length; i++) s += extractReply(lines[i]!) === undefined ? 0 : 1;
    return s;
  },
  input: () => {
    let s = 0;
    for (let i = 0; i < lines.length; i++) s += normalizeInput(lines[i]!).text.length;
    return s;
  },
  text: () => {
    let s = 0;
    for (let i = 0; i < textJobs.length; i++) {
      const j = textJobs[i]!;
      if (!j.skip) s += textPhase(j.text, j.digit, j.strong) < 0 ? 0 : 1;
    }
    return s;
  },
};

// Warm up every pass (JIT, lazily built tables), then interleave the runs so
// that a busy machine disturbs all phases alike.
for (const p of Object.values(passes)) p();
const results: Record<string, number[]> = Object.fromEntries(Object.keys(passes).map((k) => [k, []]));
for (let r = 0; r < RUNS; r++) for (const [k, p] of Object.entries(passes)) results[k]!.push(perLine(p));

const stats = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};
const f = (x: number) => x.toFixed(2).padStart(6);
const row = (label: string, s: { min: number; median: number; max: number }, extra = '') =>
  console.log(`${label.padEnd(34)} min ${f(s.min)}  median ${f(s.median)}  max ${f(s.max)} µs/line${extra}`);

console.log(`src: ${src}`);
console.log(
  `${lines.length} lines, ${(bytes / 1e6).toFixed(1)} MB, ${noReply} (${((noReply / lines.length) * 100).toFixed(0)}%) without a reply; ${RUNS} runs`,
);
const c = stats(results.classify!);
row('classify (whole)', c, `   = ${(bytes / lines.length / c.median).toFixed(1)} MB/s at the median`);
const e = stats(results.extract!);
const inp = stats(results.input!);
const t = stats(results.text!);
row('  extract (extractReply)', e);
row('  input shaping (input - extract)', stats(results.input!.map((x, i) => x - results.extract![i]!)));
row('  text (normalise + patterns)', t);
row('  decide (whole - input - text)', stats(results.classify!.map((x, i) => x - results.input![i]! - results.text![i]!)));
void inp;

// Per-line distribution of one warm pass, by kind of line: the slowest lines matter for tails.
const each: number[] = [];
for (let i = 0; i < lines.length; i++) {
  const t0 = performance.now();
  classify(lines[i]!);
  each.push((performance.now() - t0) * 1000);
}
const q = [...each].sort((a, b) => a - b);
const pct = (p: number) => q[Math.min(q.length - 1, Math.floor(q.length * p))]!.toFixed(2);
console.log(
  `single calls (timer resolution ~0.1 µs): p50 ${pct(0.5)}  p90 ${pct(0.9)}  p99 ${pct(0.99)}  max ${q[q.length - 1]!.toFixed(2)} µs`,
);
