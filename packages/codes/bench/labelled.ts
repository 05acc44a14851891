/**
 * classify() on the labelled bounce corpus: the bounces of
 * ../shared/bounce-samples with the reasons a careful operator accepts
 * (packages/fixtures/src/labels/bounce-reasons.ts). Prints, overall and per
 * reason: reason accepted, `other` where the text names a cause, outcome
 * right (overall and where a code is present), wrong suppressions, Sisimai's
 * own score on the same labels, and agreement with Sisimai (strict and with
 * equivalents).
 *
 *   npx tsx bench/labelled.ts            # both inputs (reader; Sisimai's text when perl has Sisimai)
 *   npx tsx bench/labelled.ts --verbose  # and every miss
 *
 * Two inputs per label: "reader", the Diagnostic-Code or body text with the
 * DSN Status and Action as context (bench/bounce-text.ts, no Sisimai needed;
 * what the test asserts on), and "sisimai", the diagnostic text as Sisimai
 * reports it with the command it found.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bounceReasons, type BounceReasonLabel } from '../../fixtures/src/labels/bounce-reasons.js';
import { classify, type Classification, type ClassifyContext } from '../src/classify/classify.js';
import { sideOf, sisimaiEquivalents, toSisimaiReason } from '../src/classify/mappings.js';
import { reasons as allReasons, type Reason } from '../src/classify/vocabulary.js';
import { bounceText } from './bounce-text.js';

/** One label with what classify said. */
export interface Scored {
  readonly label: BounceReasonLabel;
  readonly ours: Classification;
  /** Whether the text held a reply or enhanced code (or a DSN Status was given). */
  readonly hasCode: boolean;
  readonly reasonOk: boolean;
  readonly outcomeOk: boolean;
  /** We said suppress and the label says not to. */
  readonly wrongSuppress: boolean;
  /** A wrong suppression for a problem the label puts on the sender's side, ours or the network's (its first reason's side). */
  readonly wrongSideSuppress: boolean;
  /** We said `other` though the label names a cause. */
  readonly abstained: boolean;
}

/** The figures for a set of scored labels. */
export interface Figures {
  readonly n: number;
  readonly reasonAccepted: number;
  readonly abstained: number;
  readonly outcomeRight: number;
  readonly withCode: number;
  readonly outcomeRightWithCode: number;
  readonly wrongSuppressions: readonly Scored[];
  readonly wrongSideSuppressions: readonly Scored[];
}

/** The labels that are delivery failures (feedback reports and auto-replies are left out). */
export const failureLabels: readonly BounceReasonLabel[] = bounceReasons.filter((l) => l.excluded === undefined);

/** Scores one classification against its label. */
export function score(label: BounceReasonLabel, ours: Classification, hasCode: boolean): Scored {
  return {
    label,
    ours,
    hasCode,
    reasonOk: label.reasons.includes(ours.reason),
    outcomeOk: ours.outcome === label.outcome,
    wrongSuppress: ours.action === 'suppress' && !label.suppress,
    wrongSideSuppress: ours.action === 'suppress' && !label.suppress && ['sender', 'local', 'network'].includes(sideOf(label.reasons[0]!)),
    abstained: ours.reason === 'other' && !label.reasons.includes('other'),
  };
}

export function figures(list: readonly Scored[]): Figures {
  const withCode = list.filter((s) => s.hasCode);
  return {
    n: list.length,
    reasonAccepted: list.filter((s) => s.reasonOk).length,
    abstained: list.filter((s) => s.abstained).length,
    outcomeRight: list.filter((s) => s.outcomeOk).length,
    withCode: withCode.length,
    outcomeRightWithCode: withCode.filter((s) => s.outcomeOk).length,
    wrongSuppressions: list.filter((s) => s.wrongSuppress),
    wrongSideSuppressions: list.filter((s) => s.wrongSideSuppress),
  };
}

/** classify() on every failure label, reading the text from `bounces` (the folder of .eml files). */
export function scoreWithReader(bounces: string): Scored[] {
  return failureLabels.map((label) => {
    const b = bounceText(readFileSync(join(bounces, label.file)), label.recipient);
    const context: ClassifyContext = {
      ...(b.status !== undefined ? { status: b.status } : {}),
      ...(b.action !== undefined ? { action: b.action } : {}),
      ...(b.command !== undefined ? { command: b.command } : {}),
    };
    const ours = classify(b.text, context);
    return score(label, ours, ours.code !== undefined || ours.enhanced !== undefined);
  });
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

/** The report lines for one input. */
export function formatFigures(title: string, list: readonly Scored[]): string {
  const f = figures(list);
  const lines = [
    `${title}: ${f.n} labelled recipients`,
    `  reason accepted          ${pct(f.reasonAccepted, f.n)}  (${f.reasonAccepted}/${f.n})`,
    `  other, cause named       ${pct(f.abstained, f.n)}  (${f.abstained})`,
    `  outcome right            ${pct(f.outcomeRight, f.n)}  (${f.outcomeRight}/${f.n}); where a code is present ${pct(f.outcomeRightWithCode, f.withCode)} (${f.outcomeRightWithCode}/${f.withCode})`,
    `  wrong suppressions       ${f.wrongSuppressions.length}${f.wrongSuppressions.length > 0 ? `: ${f.wrongSuppressions.map((s) => s.label.file).join(', ')}` : ''}; of them for the sender's side, ours or the network: ${f.wrongSideSuppressions.length}`,
    '  per labelled reason (first accepted reason): accepted / n',
  ];
  for (const r of allReasons) {
    const mine = list.filter((s) => s.label.reasons[0] === r);
    if (mine.length > 0)
      lines.push(
        `    ${r.padEnd(24)} ${pct(mine.filter((s) => s.reasonOk).length, mine.length)}  (${mine.filter((s) => s.reasonOk).length}/${mine.length})`,
      );
  }
  return lines.join('\n');
}

/** The misses, one line each (file, recipient, ours, accepted). */
export function formatMisses(list: readonly Scored[]): string {
  return list
    .filter((s) => !s.reasonOk || !s.outcomeOk || s.wrongSuppress)
    .map(
      (s) =>
        `  ${s.label.file} ${s.label.recipient ?? '-'}: ${s.ours.outcome}/${s.ours.reason}/${s.ours.action} (${s.ours.matchedRule ?? 'none'}); label ${s.label.outcome}/${s.label.reasons.join('|')}${s.label.suppress ? '/suppress' : ''}`,
    )
    .join('\n');
}

/** Sisimai's reason counted right for a label: one of the accepted reasons' equivalents. */
export function sisimaiAccepted(label: BounceReasonLabel, sisimaiReason: string): boolean {
  return label.reasons.some((r: Reason) => (sisimaiEquivalents(r) as readonly string[]).includes(sisimaiReason));
}

/** Agreement of ours with Sisimai: strict (its closest name) and with equivalents. */
export function agreement(ours: Reason, sisimaiReason: string): { strict: boolean; equivalent: boolean } {
  return {
    strict: toSisimaiReason(ours) === sisimaiReason,
    equivalent: (sisimaiEquivalents(ours) as readonly string[]).includes(sisimaiReason),
  };
}

async function main(): Promise<void> {
  // MAILSTATUS_SHARED, else ../shared beside the checkout (as test/shared.ts).
  const BOUNCES = resolve(
    process.env.MAILSTATUS_SHARED ?? join(dirname(fileURLToPath(import.meta.url)), '../../../../shared'),
    'bounce-samples',
  );
  if (!existsSync(BOUNCES)) {
    console.log(`labelled: ${BOUNCES} is absent (put ../shared beside the checkout, or set MAILSTATUS_SHARED); nothing to measure`);
    return;
  }
  const verbose = process.argv.includes('--verbose');
  const reader = scoreWithReader(BOUNCES);
  console.log(formatFigures('classify, reader text + DSN Status/Action', reader));
  if (verbose) console.log(formatMisses(reader));

  const { haveSisimai, runSisimai } = await import('./sisimai-compare.js');
  if (!haveSisimai()) {
    console.log('labelled: perl cannot load Sisimai; the comparison with Sisimai is left out');
    return;
  }
  const { version, records } = runSisimai(BOUNCES);
  const byKey = new Map(records.map((r) => [`${r.file} ${r.recipient.toLowerCase()}`, r]));
  const onSisimaiText: Scored[] = [];
  const sisimaiScores: { label: BounceReasonLabel; reason: string; ok: boolean }[] = [];
  const agree: { sisimai: string; strict: boolean; equivalent: boolean }[] = [];
  for (const label of failureLabels) {
    const r = label.recipient === null ? undefined : byKey.get(`${label.file} ${label.recipient}`);
    if (r === undefined) continue;
    const ours = classify(r.diagnosis, r.command !== '' ? { command: r.command } : undefined);
    onSisimaiText.push(score(label, ours, ours.code !== undefined || ours.enhanced !== undefined));
    sisimaiScores.push({ label, reason: r.reason, ok: sisimaiAccepted(label, r.reason) });
    const mine = reader.find((s) => s.label === label)!.ours.reason;
    agree.push({ sisimai: r.reason, ...agreement(mine, r.reason) });
  }
  console.log(formatFigures(`\nclassify, Sisimai ${version}'s diagnostic text + command`, onSisimaiText));
  if (verbose) console.log(formatMisses(onSisimaiText));
  const ok = sisimaiScores.filter((s) => s.ok).length;
  console.log(
    `\nSisimai ${version} on the same labels: reason accepted ${pct(ok, sisimaiScores.length)} (${ok}/${sisimaiScores.length}; Sisimai reads no recipient in ${failureLabels.length - sisimaiScores.length})`,
  );
  const strict = agree.filter((a) => a.strict).length;
  const eq = agree.filter((a) => a.equivalent).length;
  console.log(
    `agreement with Sisimai (reader input): strict ${pct(strict, agree.length)} (${strict}/${agree.length}), with equivalents ${pct(eq, agree.length)} (${eq}/${agree.length})`,
  );
  console.log('  per Sisimai reason: strict / equivalents / n');
  for (const reason of [...new Set(agree.map((a) => a.sisimai))].sort()) {
    const mine = agree.filter((a) => a.sisimai === reason);
    console.log(
      `    ${reason.padEnd(16)} ${pct(mine.filter((a) => a.strict).length, mine.length)} ${pct(mine.filter((a) => a.equivalent).length, mine.length)}  (${mine.length})`,
    );
  }
}

if (process.argv[1] !== undefined && /labelled\.ts$/.test(process.argv[1])) await main();
