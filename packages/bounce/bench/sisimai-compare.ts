/**
 * Compares parseBounce with Sisimai per recipient over ../shared/bounce-samples:
 * recipients found, status, reply code, kind (feedback, auto-reply), outcome
 * and reason (through sisimaiEquivalents). Prints the figures and every
 * disagreement; the verdicts on them live in @mailstatus/fixtures
 * (src/labels/bounce-reports.ts).
 *
 *   npx tsx bench/sisimai-compare.ts [--verbose]
 *   SISIMAI_JSON=/tmp/sisimai.json npx tsx bench/sisimai-compare.ts   # reuse a dump
 *
 * Needs perl with Sisimai (Debian: libsisimai-perl) unless SISIMAI_JSON is
 * given. Nothing from the corpus or Sisimai's output is written to the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnhancedCode, sisimaiEquivalents, type Reason } from '@mailstatus/codes';
import { bounceReasons, sisimaiVerdicts } from '@mailstatus/fixtures';
import { sharedDir } from '../../../scripts/shared-data.mjs';
import { runSisimai, type SisimaiRecord } from '../../codes/bench/sisimai-compare.js';
import { parseBounce } from '../src/index.js';
import type { BounceReport, BounceRecipient } from '../src/types.js';

export type { SisimaiRecord };

export function samplesDir(): string {
  return resolve(sharedDir(), 'bounce-samples');
}

/** Sisimai's records for every .eml in dir (packages/codes/bench/sisimai-dump.pl), or the dump named by SISIMAI_JSON. */
export function sisimaiRecords(dir: string): { version: string; records: SisimaiRecord[] } {
  const cached = process.env.SISIMAI_JSON;
  if (cached === undefined || !existsSync(cached)) return runSisimai(dir);
  const json = JSON.parse(readFileSync(cached, 'utf8')) as { sisimai: string; records: SisimaiRecord[] };
  return { version: json.sisimai, records: json.records };
}

export function emlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort();
}

/** Sisimai's outcome: from its reason and status class. */
function sisimaiOutcome(r: SisimaiRecord): string {
  if (r.reason === 'delivered') return 'success';
  const c = r.status[0] ?? r.replycode[0];
  return c === '5' ? 'permanent' : c === '4' ? 'transient' : c === '2' ? 'success' : 'unknown';
}

/** A Sisimai status that the bounce stated (not one of Sisimai's X.0.9xx guesses). */
export function statedStatus(s: string): string | undefined {
  const p = parseEnhancedCode(s);
  return p !== undefined && p.detail < 900 && !(p.subject === 0 && p.detail === 0) ? p.code : undefined;
}

export interface Row {
  readonly file: string;
  readonly recipient: string;
  readonly sisimai: SisimaiRecord | undefined;
  readonly ours: BounceRecipient | undefined;
  readonly report: BounceReport;
}

export interface Figures {
  rows: Row[];
  sisimaiRecipients: number;
  found: number;
  extra: number;
  status: [number, number];
  code: [number, number];
  outcome: [number, number];
  reason: [number, number];
  feedback: [number, number];
  kind: [number, number];
  autoReply: [number, number];
  disagreements: string[];
}

/** Pairs Sisimai's recipients with ours and counts agreement per field. */
export function compareAll(dir: string, records: readonly SisimaiRecord[]): Figures {
  const byFile = new Map<string, SisimaiRecord[]>();
  for (const r of records) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const f: Figures = {
    rows: [],
    sisimaiRecipients: records.length,
    found: 0,
    extra: 0,
    status: [0, 0],
    code: [0, 0],
    outcome: [0, 0],
    reason: [0, 0],
    feedback: [0, 0],
    kind: [0, 0],
    autoReply: [0, 0],
    disagreements: [],
  };
  const bump = (pair: [number, number], ok: boolean) => {
    pair[1]++;
    if (ok) pair[0]++;
  };
  for (const file of emlFiles(dir)) {
    const report = parseBounce(readFileSync(join(dir, file)));
    const theirs = byFile.get(file) ?? [];
    const ours = new Map(report.recipients.map((r) => [r.recipient.toLowerCase(), r]));
    for (const s of theirs) {
      const key = s.recipient.toLowerCase();
      const o = ours.get(key);
      ours.delete(key);
      f.rows.push({ file, recipient: key, sisimai: s, ours: o, report });
      if (s.reason === 'feedback') bump(f.feedback, report.kind === 'feedback');
      if (s.reason === 'vacation') bump(f.autoReply, report.kind === 'auto-reply');
      const expectedKinds =
        s.reason === 'feedback'
          ? ['feedback']
          : s.reason === 'vacation'
            ? ['auto-reply']
            : s.reason === 'delivered'
              ? ['success']
              : ['failure', 'delay'];
      bump(f.kind, expectedKinds.includes(report.kind));
      if (!expectedKinds.includes(report.kind)) f.disagreements.push(`${file} ${key}: kind sisimai ${s.reason} ours ${report.kind}`);
      if (o === undefined) {
        if (s.recipient.endsWith('.invalid') && report.kind === 'feedback') {
          f.found++;
          continue;
        }
        f.disagreements.push(
          `${file} ${key}: recipient missing (kind ${report.kind}, reader ${report.reader ?? '-'}, ours: ${report.recipients.map((r) => r.recipient).join(' ') || 'none'})`,
        );
        continue;
      }
      f.found++;
      const stated = statedStatus(s.status);
      if (stated !== undefined) {
        bump(f.status, o.status === stated);
        if (o.status !== stated) f.disagreements.push(`${file} ${key}: status sisimai ${s.status} ours ${o.status ?? '-'}`);
      }
      const replycode = String(s.replycode);
      if (replycode !== '' && replycode !== '0') {
        bump(f.code, String(o.code ?? '') === replycode);
        if (String(o.code ?? '') !== replycode) f.disagreements.push(`${file} ${key}: code sisimai ${s.replycode} ours ${o.code ?? '-'}`);
      }
      if (s.reason !== 'feedback' && s.reason !== 'vacation') {
        const so = sisimaiOutcome(s);
        if (so !== 'unknown') {
          bump(f.outcome, o.classification.outcome === so);
          if (o.classification.outcome !== so)
            f.disagreements.push(`${file} ${key}: outcome sisimai ${so} (${s.status}) ours ${o.classification.outcome}`);
        }
        const ok = sisimaiEquivalents(o.classification.reason as Reason).includes(s.reason as never);
        bump(f.reason, ok);
        if (!ok) f.disagreements.push(`${file} ${key}: reason sisimai ${s.reason} ours ${o.classification.reason}`);
      }
    }
    for (const [key, o] of ours) {
      f.extra++;
      f.rows.push({ file, recipient: key, sisimai: undefined, ours: o, report });
      f.disagreements.push(
        `${file} ${key}: not reported by sisimai (kind ${report.kind}, reader ${report.reader ?? '-'}, sources ${o.sources.recipient})`,
      );
    }
    if (theirs.length === 0 && report.recipients.length === 0)
      f.rows.push({ file, recipient: '', sisimai: undefined, ours: undefined, report });
  }
  return f;
}

export function formatFigures(version: string, f: Figures): string {
  const pct = ([a, b]: [number, number]) => `${b === 0 ? '-' : ((a / b) * 100).toFixed(1)}% (${a}/${b})`;
  return [
    `Sisimai ${version}: ${f.sisimaiRecipients} recipients`,
    `recipients found:            ${pct([f.found, f.sisimaiRecipients])}`,
    `recipients Sisimai lacks:    ${f.extra} (${((f.extra / Math.max(1, f.found + f.extra)) * 100).toFixed(1)}% of ours)`,
    `status (stated by Sisimai):  ${pct(f.status)}`,
    `reply code:                  ${pct(f.code)}`,
    `outcome:                     ${pct(f.outcome)}`,
    `reason (sisimaiEquivalents): ${pct(f.reason)}`,
    `kind:                        ${pct(f.kind)}`,
    `feedback recognised:         ${pct(f.feedback)}`,
    `auto-reply recognised:       ${pct(f.autoReply)}`,
  ].join('\n');
}

/**
 * The disagreements no verdict in @mailstatus/fixtures covers: each line of
 * `f.disagreements` that names a file, recipient and field judged there is
 * settled (the verdict says who is right); the rest are open.
 */
export function openDisagreements(f: Figures): { settled: string[]; open: string[] } {
  const settled: string[] = [];
  const open: string[] = [];
  for (const d of f.disagreements) {
    if (/: reason sisimai /.test(d)) continue; // reasons: judged in bounce-reasons.ts (issue 10)
    const [file, who] = d.split(' ');
    const field = /: (status|code|outcome|kind) sisimai/.exec(d)?.[1] ?? 'recipient';
    const key = (who ?? '').replace(/:$/, '');
    const hit = sisimaiVerdicts.some(
      (v) => v.file === file && v.field === field && (field === 'kind' || v.recipient === key || v.sisimai === key),
    );
    (hit ? settled : open).push(d);
  }
  return { settled, open };
}

/** Outcome and reason of parseBounce against the judged labels of bounce-reasons.ts (delivery failures only). */
export function againstLabels(dir: string): { outcome: [number, number]; reason: [number, number]; missing: string[] } {
  const outcome: [number, number] = [0, 0];
  const reason: [number, number] = [0, 0];
  const missing: string[] = [];
  const reports = new Map<string, BounceReport>();
  for (const l of bounceReasons) {
    if (l.excluded !== undefined) continue;
    const report = reports.get(l.file) ?? parseBounce(readFileSync(join(dir, l.file)));
    reports.set(l.file, report);
    const x =
      report.recipients.find((y) => y.recipient.toLowerCase() === l.recipient) ??
      (report.recipients.length === 1 ? report.recipients[0] : undefined);
    if (x === undefined) {
      missing.push(`${l.file} ${l.recipient}`);
      continue;
    }
    outcome[1]++;
    reason[1]++;
    if (x.classification.outcome === l.outcome) outcome[0]++;
    if (l.reasons.includes(x.classification.reason)) reason[0]++;
  }
  return { outcome, reason, missing };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = samplesDir();
  if (!existsSync(dir)) {
    console.error(`sisimai-compare: ${dir} is absent (set MAILSTATUS_SHARED)`);
    process.exit(1);
  }
  const { version, records } = sisimaiRecords(dir);
  const f = compareAll(dir, records);
  console.log(formatFigures(version, f));
  const labels = againstLabels(dir);
  const p = ([a, b]: [number, number]) => `${((a / Math.max(1, b)) * 100).toFixed(1)}% (${a}/${b})`;
  console.log(
    `against bounce-reasons.ts labels: outcome ${p(labels.outcome)}, reason accepted ${p(labels.reason)}, recipients not found ${labels.missing.length}`,
  );
  const { settled, open } = openDisagreements(f);
  const byVerdict = new Map<string, number>();
  for (const v of sisimaiVerdicts) byVerdict.set(`${v.field} ${v.verdict}`, (byVerdict.get(`${v.field} ${v.verdict}`) ?? 0) + 1);
  console.log(`verdicts in @mailstatus/fixtures: ${sisimaiVerdicts.length} (${[...byVerdict].map(([k, n]) => `${k}: ${n}`).join(', ')})`);
  console.log(
    `disagreements on recipient/kind/status/code/outcome: ${settled.length + open.length}, settled by a verdict ${settled.length}, open ${open.length}`,
  );
  for (const d of open) console.log(`  open: ${d}`);
  if (process.argv.includes('--verbose')) console.log(`\ndisagreements (${f.disagreements.length}):\n${f.disagreements.join('\n')}`);
}
