/**
 * classify() throughput over the bounce-sample texts, this build against
 * another build measured in the same run (alternating, so machine noise
 * cancels mostly), timed by this process's CPU time. Prints min / median /
 * max of texts per CPU second and of the ratio this / base per run; asserts
 * nothing.
 *
 *   git worktree add /tmp/cls-base <commit> && (cd /tmp/cls-base/packages/codes && npm run generate && npx tsdown)
 *   npx tsdown && BENCH_BASE_DIST=/tmp/cls-base/packages/codes/dist npx tsx bench/throughput.ts
 *
 * The texts: for each labelled recipient, what bench/bounce-text.ts reads
 * (Diagnostic-Code or the bounce's own paragraph), classified without
 * context (a base build may not take one); with BENCH_TEXTS=sisimai, the
 * diagnostic texts as Sisimai reports them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { failureLabels } from './labelled.js';
import { bounceText } from './bounce-text.js';

const here = dirname(fileURLToPath(import.meta.url));
const BOUNCES = resolve(process.env.MAILSTATUS_SHARED ?? join(here, '../../../../shared'), 'bounce-samples');
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS) || 11);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 200);

type Classify = (x: string) => unknown;
async function load(dir: string): Promise<Classify> {
  const file = join(resolve(dir), 'index.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: build it first (npx tsdown)`);
  return ((await import(pathToFileURL(file).href)) as { classify: Classify }).classify;
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(3));
  return `min ${f(s[0]!)}  median ${f(s[Math.floor(s.length / 2)]!)}  max ${f(s[s.length - 1]!)}`;
}

/** Milliseconds of this process's CPU time (user + system): steadier than the wall clock on a shared machine. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Texts per CPU second of `classify` over `texts`, `ROUNDS` passes. */
function measure(classify: Classify, texts: readonly string[]): number {
  const t0 = cpuMs();
  for (let r = 0; r < ROUNDS; r++) for (const t of texts) classify(t);
  return (ROUNDS * texts.length) / ((cpuMs() - t0) / 1000);
}

async function main(): Promise<void> {
  if (!existsSync(BOUNCES)) return console.log(`throughput: ${BOUNCES} is absent; nothing to measure`);
  const base = process.env.BENCH_BASE_DIST;
  if (base === undefined)
    return console.log('throughput: set BENCH_BASE_DIST to the dist folder of the build to compare with (see the header)');
  const mine = await load(join(here, '../dist'));
  const theirs = await load(base);
  // BENCH_TEXTS=sisimai: the diagnostic texts as Sisimai reports them (perl with Sisimai needed).
  const texts =
    process.env.BENCH_TEXTS === 'sisimai'
      ? (await import('./sisimai-compare.js')).runSisimai(BOUNCES).records.map((r) => r.diagnosis)
      : failureLabels.map((l) => bounceText(readFileSync(join(BOUNCES, l.file)), l.recipient).text);
  // Warm up both.
  measure(mine, texts);
  measure(theirs, texts);
  const a: number[] = [];
  const b: number[] = [];
  const ratio: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternate which goes first, so neither always runs on a warmer machine.
    const [x, y] =
      run % 2 === 0 ? [measure(mine, texts), measure(theirs, texts)] : (([q, p]) => [p, q])([measure(theirs, texts), measure(mine, texts)]);
    a.push(x!);
    b.push(y!);
    ratio.push(x! / y!);
  }
  console.log(`classify over ${texts.length} bounce texts x ${ROUNDS}, ${RUNS} runs`);
  console.log(`  this build  texts/s  ${stats(a)}`);
  console.log(`  base build  texts/s  ${stats(b)}  (${base})`);
  console.log(`  ratio this/base      ${stats(ratio)}`);
}

await main();
