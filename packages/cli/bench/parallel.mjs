#!/usr/bin/env node
// classify on every core, against a bare Node readline loop over the same
// file, in the same run (run `npx tsdown` first). Prints figures; asserts
// nothing.
//
//   node bench/parallel.mjs [--size 100] [--runs 5] [--jobs 1,2] [--base OTHER/bin/mailstatus.js] [--profile]
//                           [--bounce] [--copies 20] [--fit] [--only classify|fit|bounce]
//
// 1. A mixed Postfix/Exim/Sendmail log of --size MB (bench/make-log.mjs,
//    seed 1) in a temp dir.
// 2. Rounds, alternating so a busy machine disturbs every variant alike:
//    `node` with a readline loop that counts lines (the baseline), then
//    `mailstatus classify --jobs N` (summary) and `--json` to /dev/null for
//    each N, and the same for --base (another build, e.g. before a change).
//    Wall time and peak RSS of the whole process (`/usr/bin/time -v`).
// 3. min/median/max MB/s, the ratio of medians to readline, peak RSS, and
//    the load average before and after (other work on the machine).
// 4. --profile: a `node --cpu-prof` run of `classify --jobs 1` and its top
//    self-time entries.
// 5. --fit: where the time goes. The summary with each --jobs at half, one
//    and two times --size: a least-squares line through the medians gives
//    the fixed cost (start-up, and the JIT warming up in each thread) and
//    the steady rate, and from them what the default --jobs assumes (the
//    pool's warm-up in MB of one thread's work, each thread's share of a core,
//    the size from which the pool pays). Then how much a second core gives on
//    this machine: two `classify --jobs 1` processes at once against one
//    alone, same file.
// 6. --bounce: the shared bounce samples (../shared/bounce-samples, *.eml)
//    copied --copies times into one flat folder; `mailstatus bounce --json
//    --jobs N` (and --base) against `perl -MSisimai -e 'Sisimai->make(FOLDER)'`
//    as whole processes, alternating, min/median/max seconds and the ratio.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../../../scripts/shared-data.mjs';
import { makeLog } from './make-log.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'mailstatus.js');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
};
const size = Number(arg('size', '100'));
const runs = Number(arg('runs', '5'));
const jobsList = arg('jobs', '1,2').split(',').map(Number);
const base = arg('base', undefined);
const profile = process.argv.includes('--profile');
const only = arg('only', '');
const bounce = process.argv.includes('--bounce') || only === 'bounce';
const copies = Number(arg('copies', '20'));
const fit = process.argv.includes('--fit') || only === 'fit';
if (!existsSync(join(here, '..', 'dist', 'main.mjs'))) {
  console.error('bench: dist/main.mjs is missing: run `npx tsdown` in packages/cli first');
  process.exit(1);
}
if (!existsSync('/usr/bin/time')) {
  console.error('bench: /usr/bin/time is missing (apt-get install time): it measures the peak RSS');
  process.exit(1);
}

const READLINE = `const rl=require('node:readline').createInterface({input:require('node:fs').createReadStream(process.argv[1]),crlfDelay:Infinity});let n=0;rl.on('line',()=>{n++});rl.on('close',()=>{if(n<1)process.exit(3)});`;

/** One run: wall seconds and peak RSS in MB of `node ...args`, output to /dev/null. */
function once(args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-v', process.execPath, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(-400)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(err);
      resolve({ seconds, cpu: Number(user?.[1]) + Number(sys?.[1]), rssMB: Number(rss?.[1]) / 1024 });
    });
  });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const f1 = (x) => x.toFixed(1);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const dir = mkdtempSync(join(tmpdir(), 'mailstatus-parallel-'));
try {
  if (only === '' || only === 'classify') await classifyBench();
  if (fit) await fitBench();
  if (bounce) await bounceBench();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function classifyBench() {
  const file = join(dir, `mixed-${size}MB.log`);
  const made = await makeLog(file, size, 1);
  const mb = statSync(file).size / 1e6;
  const variants = [['readline loop', ['-e', READLINE, file]]];
  for (const [label, b] of [['mailstatus', bin], ...(base ? [['base', base]] : [])]) {
    for (const jobs of jobsList) {
      const j = label === 'base' && jobs !== 1 ? null : jobs;
      if (j === null) continue;
      // A --base build may predate --jobs: it runs on one thread as it was.
      const jobArgs = label === 'base' ? [] : ['--jobs', String(jobs)];
      variants.push([`${label} classify${label === 'base' ? '' : ` --jobs ${jobs}`}`, [b, 'classify', ...jobArgs, file]]);
      variants.push([`${label} classify${label === 'base' ? '' : ` --jobs ${jobs}`} --json`, [b, 'classify', ...jobArgs, '--json', file]]);
    }
  }
  console.log(
    `## classify vs readline: ${f1(mb)} MB, ${made.lines} lines (mixed Postfix/Exim/Sendmail), ${runs} rounds; load average before: ${load()}`,
  );
  const results = variants.map(() => []);
  for (const [, args] of variants) await once(args); // warm the file cache and the JIT caches
  for (let r = 0; r < runs; r++) {
    for (let v = 0; v < variants.length; v++) results[v].push(await once(variants[v][1]));
  }
  const rate = (rs) => stats(rs.map((x) => mb / x.seconds));
  const baseline = rate(results[0]).median;
  for (let v = 0; v < variants.length; v++) {
    const mbs = rate(results[v]);
    const rss = stats(results[v].map((x) => x.rssMB));
    const cpu = stats(results[v].map((x) => x.cpu));
    console.log(
      `${variants[v][0].padEnd(40)} MB/s min ${f1(mbs.min)} median ${f1(mbs.median)} max ${f1(mbs.max)}` +
        `  (x${(mbs.median / baseline).toFixed(2)} readline)  CPU s median ${cpu.median.toFixed(2)}` +
        `  peak RSS MB min ${f1(rss.min)} median ${f1(rss.median)} max ${f1(rss.max)}`,
    );
  }
  console.log(`goals: classify >= 0.5x readline with 2 cores; peak RSS <= 150 MB. Load average after: ${load()}`);
  if (profile) cpuProfile(file);
}

/** Fixed cost and steady rate per --jobs, and the second core's worth (see step 5 above). */
async function fitBench() {
  const sizes = [size / 2, size, size * 2];
  const files = [];
  for (const mb of sizes) {
    const file = join(dir, `fit-${mb}MB.log`);
    await makeLog(file, mb, 1);
    files.push(file);
  }
  console.log(`\n## where the time goes: the summary at ${sizes.join(', ')} MB, ${runs} rounds; load average before: ${load()}`);
  const seconds = jobsList.map(() => sizes.map(() => []));
  for (let r = 0; r < runs; r++)
    for (let j = 0; j < jobsList.length; j++)
      for (let k = 0; k < sizes.length; k++)
        seconds[j][k].push((await once([bin, 'classify', '--jobs', String(jobsList[j]), files[k]])).seconds);
  const fits = [];
  for (let j = 0; j < jobsList.length; j++) {
    const xs = files.map((f) => statSync(f).size / 1e6);
    const ys = seconds[j].map((s) => stats(s).median);
    const { intercept, slope } = line(xs, ys);
    fits.push({ jobs: jobsList[j], fixed: intercept, rate: 1 / slope });
    console.log(
      `--jobs ${jobsList[j]}: median s ${ys.map((y) => y.toFixed(2)).join(' / ')}` +
        `  fixed ${intercept.toFixed(2)} s, then ${f1(1 / slope)} MB/s`,
    );
  }
  poolCost(fits);
  const alone = [];
  const pair = [];
  const args = [bin, 'classify', '--jobs', '1', files[0]];
  for (let r = 0; r < runs; r++) {
    alone.push((await once(args)).seconds);
    const both = await Promise.all([once(args), once(args)]);
    pair.push(Math.max(both[0].seconds, both[1].seconds));
  }
  const a = stats(alone).median;
  const p2 = stats(pair).median;
  console.log(
    `two \`classify --jobs 1\` at once: ${p2.toFixed(2)} s against ${a.toFixed(2)} s alone (median):` +
      ` two cores do x${((2 * a) / p2).toFixed(2)} the work of one here. Load average after: ${load()}`,
  );
}

/**
 * What the fit says of the default --jobs (POOL_COST.summary in
 * src/pool/classify-parallel.ts): the MB one thread classifies in the time a
 * pool's warm-up adds, each pool thread's share of a core, and the input
 * size from which the pool pays.
 */
function poolCost(fits) {
  const one = fits.find((f) => f.jobs === 1);
  const pool = fits.find((f) => f.jobs > 1);
  if (one === undefined || pool === undefined) return;
  const warmUpMb = (pool.fixed - one.fixed) * one.rate;
  const efficiency = pool.rate / one.rate / pool.jobs;
  const gain = pool.jobs * efficiency;
  const from = gain > 1 ? `${f1((warmUpMb * gain) / (gain - 1))} MB` : 'never';
  console.log(
    `the pool with --jobs ${pool.jobs} here: warm-up worth ${f1(warmUpMb)} MB of one thread's work, each thread ${efficiency.toFixed(2)} of a core:` +
      ` it pays from ${from} (POOL_COST.summary in src/pool/classify-parallel.ts)`,
  );
}

/** The least-squares line through the points. */
function line(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** mailstatus bounce against Sisimai, whole processes, over the shared samples copied `copies` times. */
async function bounceBench() {
  const src = join(sharedDir(), 'bounce-samples');
  if (!existsSync(src)) return console.log(`\n(bounce bench skipped: ${src} is absent)`);
  const perl = spawnSync('perl', ['-MSisimai', '-e', 'print $Sisimai::VERSION'], { encoding: 'utf8' });
  if (perl.status !== 0) return console.log('\n(bounce bench skipped: perl -MSisimai fails: apt-get install libsisimai-perl)');
  // One flat folder: Sisimai reads a Maildir-like folder without descending into subfolders.
  const folder = join(dir, 'bounces');
  mkdirSync(folder);
  const emls = readdirSync(src).filter((f) => f.endsWith('.eml'));
  for (let c = 1; c <= copies; c++) for (const f of emls) copyFileSync(join(src, f), join(folder, `c${c}-${f}`));
  const variants = [
    [`perl -MSisimai (${perl.stdout})`, null, ['perl', '-MSisimai', '-e', `Sisimai->make("${folder}")`]],
    ...jobsList.map((j) => [`mailstatus bounce --json --jobs ${j}`, [bin, 'bounce', '--json', '--jobs', String(j), folder]]),
    // A --base build as it runs by default.
    ...(base ? [['base bounce --json', [base, 'bounce', '--json', folder]]] : []),
  ];
  console.log(
    `\n## bounce: ${emls.length} samples x ${copies} = ${emls.length * copies} files, ${runs} rounds; load average before: ${load()}`,
  );
  const results = variants.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let v = 0; v < variants.length; v++) {
      const [, nodeArgs, cmd] = variants[v];
      results[v].push(nodeArgs ? await once(nodeArgs) : await onceCmd(cmd));
    }
  }
  const sisimai = stats(results[0].map((x) => x.seconds)).median;
  for (let v = 0; v < variants.length; v++) {
    const s = stats(results[v].map((x) => x.seconds));
    const rss = stats(results[v].map((x) => x.rssMB));
    console.log(
      `${variants[v][0].padEnd(40)} s min ${s.min.toFixed(2)} median ${s.median.toFixed(2)} max ${s.max.toFixed(2)}` +
        `  (x${(sisimai / s.median).toFixed(1)} faster than Sisimai)  peak RSS MB median ${f1(rss.median)}`,
    );
  }
  console.log(`goal: >= 10x Sisimai as a whole process. Load average after: ${load()}`);
}

/** Like {@link once} for any command. */
function onceCmd([cmd, ...args]) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-v', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}: ${err.slice(-400)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, rssMB: Number(rss?.[1]) / 1024 });
    });
  });
}

/** A CPU profile of `classify --jobs 1` (and of --base), and the top self-time entries. */
function cpuProfile(file) {
  for (const [label, b] of [['mailstatus', bin], ...(base ? [['base', base]] : [])]) {
    const out = mkdtempSync(join(tmpdir(), 'mailstatus-prof-'));
    const run = (extra) =>
      spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, b, 'classify', ...extra, file], { stdio: 'ignore' }).status;
    // One thread: a --base build that predates --jobs runs on one anyway (and rejects the option).
    if (run(['--jobs', '1']) !== 0) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      run([]);
    }
    const name = readdirSync(out).find((f) => f.endsWith('.cpuprofile'));
    if (name) printTop(label, JSON.parse(readFileSync(join(out, name), 'utf8')));
    rmSync(out, { recursive: true, force: true });
  }
}

function printTop(label, p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  p.samples.forEach((id, i) => {
    const cf = byId.get(id).callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}`.replace(/-[\w-]{8}\.mjs/, '.mjs');
    const dt = p.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`\n## CPU profile, ${label} classify (one thread): ${(total / 1e3).toFixed(0)} ms sampled, top self time`);
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
}
