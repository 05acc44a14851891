/**
 * Compares classify() with Sisimai over the real bounce corpus in
 * ../shared/bounce-samples: Sisimai reads each bounce (bench/sisimai-dump.pl),
 * we classify the diagnostic text it extracted, and a result agrees when
 * Sisimai's reason is one of sisimaiEquivalents(our reason).
 *
 *   npx tsx bench/sisimai-compare.ts [--verbose]
 *
 * Needs perl with Sisimai (Debian: apt-get install libsisimai-perl). Nothing
 * from the corpus or Sisimai's output is written to the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, type Classification } from '../src/classify/classify.js';
import { sisimaiEquivalents } from '../src/classify/mappings.js';
import { parseEnhancedCode } from '../src/enhanced-code.js';
import type { Reason } from '../src/classify/vocabulary.js';

const here = dirname(fileURLToPath(import.meta.url));

/** One recipient as Sisimai saw it. */
export interface SisimaiRecord {
  readonly file: string;
  readonly recipient: string;
  readonly reason: string;
  /** Sisimai's delivery status; `X.0.9xx` values are Sisimai's own pseudo-codes. */
  readonly status: string;
  readonly replycode: string;
  readonly command: string;
  readonly diagnosis: string;
  readonly action: string;
}

/** Sisimai reasons that are not delivery failures of an SMTP reply: left out of the comparison. */
export const NOT_COMPARED: ReadonlySet<string> = new Set(['feedback', 'vacation', 'delivered']);

/**
 * Sisimai 4.x has no `authfailure` or `requireptr` (5.x added them) and files
 * SPF, DKIM, DMARC and reverse-DNS refusals under `blocked`. Debian's package
 * is 4.x, so the report also gives the agreement with this one difference
 * allowed; everything else must match {@link sisimaiEquivalents} as is.
 */
export const SISIMAI4_EXTRA: Readonly<Partial<Record<Reason, readonly string[]>>> = { 'sender-authentication': ['blocked'] };

/** Whether perl can load Sisimai here. */
export function haveSisimai(): boolean {
  try {
    execFileSync('perl', ['-MSisimai', '-e', '1'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs bench/sisimai-dump.pl over every .eml file in `dir`. */
export function runSisimai(dir: string): { version: string; records: SisimaiRecord[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => join(dir, f));
  const out = execFileSync('perl', [join(here, 'sisimai-dump.pl'), ...files], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  const json = JSON.parse(out) as { sisimai: string; records: SisimaiRecord[] };
  return { version: json.sisimai, records: json.records };
}

/** One compared recipient. */
export interface Comparison {
  readonly record: SisimaiRecord;
  /** classify(diagnosis) alone. */
  readonly ours: Classification;
  readonly agrees: boolean;
  /** classify() given also the DSN's status (when it is a real code) and the command Sisimai found. */
  readonly withStatus: Classification;
  readonly agreesWithStatus: boolean;
  /** `agrees`, or the only difference is Sisimai 4's taxonomy ({@link SISIMAI4_EXTRA}). */
  readonly agreesSisimai4: boolean;
}

/** The agreement figures. */
export interface ComparisonReport {
  readonly compared: readonly Comparison[];
  /** Records left out: not a failure (feedback, vacation) or no diagnostic text. */
  readonly skipped: number;
  readonly agreement: number;
  readonly agreementWithStatus: number;
  readonly agreementSisimai4: number;
}

/** Classifies every record's diagnostic text and counts agreement with Sisimai. */
export function compare(records: readonly SisimaiRecord[]): ComparisonReport {
  const compared: Comparison[] = [];
  let skipped = 0;
  for (const record of records) {
    if (NOT_COMPARED.has(record.reason) || record.diagnosis.trim() === '') {
      skipped++;
      continue;
    }
    const ours = classify(record.diagnosis);
    // Sisimai's X.0.9xx statuses are its own guesses, not the DSN's.
    const status = parseEnhancedCode(record.status);
    const real = status !== undefined && status.detail < 900 ? status.code : undefined;
    const withStatus = classify({ ...(real ? { enhanced: real } : {}), text: record.diagnosis, command: record.command || undefined });
    const agrees = sisimaiEquivalents(ours.reason).includes(record.reason as never);
    const agreesWithStatus = sisimaiEquivalents(withStatus.reason).includes(record.reason as never);
    const agreesSisimai4 = agrees || (SISIMAI4_EXTRA[ours.reason] ?? []).includes(record.reason);
    compared.push({ record, ours, agrees, withStatus, agreesWithStatus, agreesSisimai4 });
  }
  const n = compared.length || 1;
  return {
    compared,
    skipped,
    agreement: compared.filter((c) => c.agrees).length / n,
    agreementWithStatus: compared.filter((c) => c.agreesWithStatus).length / n,
    agreementSisimai4: compared.filter((c) => c.agreesSisimai4).length / n,
  };
}

/** The report as text: figures, then the disagreements grouped by (Sisimai, ours). */
export function formatReport(version: string, r: ComparisonReport, verbose = false): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Sisimai ${version}: ${r.compared.length} recipients compared (${r.skipped} skipped: feedback/vacation or no diagnostic text)`,
    `agreement, diagnostic text only:        ${pct(r.agreement)} (${r.compared.filter((c) => c.agrees).length}/${r.compared.length})`,
    `agreement, text + DSN status + command: ${pct(r.agreementWithStatus)} (${r.compared.filter((c) => c.agreesWithStatus).length}/${r.compared.length})`,
    `agreement, text only, allowing Sisimai 4's 'blocked' for SPF/DKIM/DMARC/PTR: ${pct(r.agreementSisimai4)} (${r.compared.filter((c) => c.agreesSisimai4).length}/${r.compared.length})`,
    '',
    'disagreements (text only), sisimai -> ours:',
  ];
  const groups = new Map<string, Comparison[]>();
  for (const c of r.compared) {
    if (c.agrees) continue;
    const key = `${c.record.reason} -> ${c.ours.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(list.length).padStart(3)}  ${key}: ${list.map((c) => c.record.file).join(', ')}`);
    if (verbose)
      for (const c of list)
        lines.push(`         ${c.record.file} [${c.ours.matchedRule ?? '-'}] ${c.record.diagnosis.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = resolve(process.env.MAILSTATUS_SHARED ?? join(here, '../../../../shared'), 'bounce-samples');
  if (!existsSync(dir)) {
    console.error(`sisimai-compare: ${dir} is absent (set MAILSTATUS_SHARED)`);
    process.exitCode = 1;
  } else if (!haveSisimai()) {
    console.error('sisimai-compare: perl cannot load Sisimai (Debian: apt-get install libsisimai-perl)');
    process.exitCode = 1;
  } else {
    const { version, records } = runSisimai(dir);
    console.log(formatReport(version, compare(records), process.argv.includes('--verbose')));
  }
}
