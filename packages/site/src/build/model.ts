/**
 * What the pages say, gathered once from the tested packages:
 * `@mailstatus/codes` (registry tables, reply codes, command replies,
 * classification rules, `classify`) and `@mailstatus/fixtures` (examples),
 * plus the reviewers' comments on the real-world overrides, which the
 * runtime rules leave out (`registry-sources/classification.json`).
 *
 * @packageDocumentation
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  classificationRules,
  classify,
  commandReplies,
  enhancedStatuses,
  type Action,
  type EnhancedClass,
  type EnhancedStatusInfo,
  type Outcome,
  type Reason,
  type ReplyCodeInfo,
  toRegistryCode,
  withClass,
} from '@mailstatus/codes';
import { realWorldReplies, registryReplies, transcripts, type ReplyFixture } from '@mailstatus/fixtures';

/** What classify says for one input. */
export interface Verdict {
  readonly input: string;
  readonly outcome: Outcome;
  readonly reason: Reason;
  readonly action: Action;
}

/** A real-world code outside the registry (or a registered one used otherwise), from the classification overrides. */
export interface RelatedCode {
  readonly id: string;
  /** `"5.7.606-5.7.649"` or `"5.1.10"`. */
  readonly code: string;
  readonly reason: Reason;
  /** Words the override needs in the text, when any. */
  readonly contains: readonly string[];
  /** Where the code comes from (the reviewers' comment in the JSON). */
  readonly comment: string;
  readonly subject: number;
  readonly detail: number;
}

/** A fixture reply shown as an example. */
export interface Example {
  readonly id: string;
  readonly input: string;
  readonly command: string | undefined;
  readonly source: string | undefined;
  readonly description: string | undefined;
  readonly verdict: Verdict;
}

const CLASSIFICATION_JSON = fileURLToPath(new URL('../../../../registry-sources/classification.json', import.meta.url));

/** The reviewers' comments, by override id (they are not shipped in the runtime rules). */
function overrideComments(): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(CLASSIFICATION_JSON, 'utf8');
  } catch (error) {
    throw new Error(
      `site build: cannot read ${CLASSIFICATION_JSON} (${(error as Error).message}); the override comments come from it: point CLASSIFICATION_JSON in src/build/model.ts at the reviewed rules`,
    );
  }
  const json = JSON.parse(text) as { overrides?: { id: string; comment?: string }[] };
  return new Map((json.overrides ?? []).map((o) => [o.id, o.comment ?? '']));
}

/** Every override, with its subject and first detail parsed from the code (`"5.7.606-5.7.649"` -> 7, 606). */
export const relatedCodes: readonly RelatedCode[] = (() => {
  const comments = overrideComments();
  return classificationRules.overrides.map((o) => {
    const [, subject = '0', detail = '0'] = /^\d\.(\d{1,3})\.(\d{1,3})/.exec(o.code) ?? [];
    return {
      id: o.id,
      code: o.code,
      reason: o.reason,
      contains: o.contains ?? [],
      comment: comments.get(o.id) ?? '',
      subject: Number(subject),
      detail: Number(detail),
    };
  });
})();

/** classify's verdict for an input and the command it answered. */
export function verdictOf(input: string, command?: string): Verdict {
  const c = command ? classify({ text: input, command }) : classify(input);
  return { input, outcome: c.outcome, reason: c.reason, action: c.action };
}

/** The reply code an example of `entry` in class `cls` uses: the first associated one of that class, else x50 / 250. */
export function sampleReplyCode(entry: EnhancedStatusInfo, cls: EnhancedClass): number {
  const listed = entry.replyCodes.codes.find((c) => Math.floor(c / 100) === cls);
  return listed ?? (cls === 2 ? 250 : cls === 4 ? 450 : 550);
}

/** One class of an entry: whether the registry lists it, and classify's verdict on a reply that carries it. */
export interface ClassRow {
  readonly cls: EnhancedClass;
  readonly listed: boolean;
  readonly code: string;
  readonly verdict: Verdict;
}

/** The three class rows of an entry. */
export function classRows(entry: EnhancedStatusInfo): ClassRow[] {
  return ([2, 4, 5] as const).map((cls) => {
    const code = withClass(entry.code, cls);
    const reply = `${sampleReplyCode(entry, cls)} ${code} ${entry.sample || entry.name}`;
    return { cls, listed: entry.classes.includes(cls), code, verdict: verdictOf(reply) };
  });
}

/**
 * Real-world codes related to an entry, all in its subject: for an entry the
 * rules call generic (X.0.0, X.7.1: the code says little, providers say more
 * with their own codes) every one of the subject; otherwise those with its
 * detail or one of its reasons.
 */
export function relatedTo(entry: EnhancedStatusInfo, rows: readonly ClassRow[]): RelatedCode[] {
  const generic = classificationRules.enhanced[entry.code]?.generic === true;
  const reasons = new Set(rows.filter((r) => r.listed && r.cls !== 2).map((r) => r.verdict.reason));
  return relatedCodes.filter((o) => o.subject === entry.subject && (generic || o.detail === entry.detail || reasons.has(o.reason)));
}

function toExample(f: ReplyFixture): Example {
  return {
    id: f.id,
    input: f.input,
    command: f.command,
    source: f.source,
    description: f.description,
    verdict: verdictOf(f.input, f.command),
  };
}

/** The registry form of a fixture's enhanced code (`"5.1.1"` -> `"X.1.1"`), or undefined. */
function registryForm(f: ReplyFixture): string | undefined {
  const e = f.expected.parse.enhanced;
  return e ? toRegistryCode(e) : undefined;
}

/** Fixture replies with an entry's code: the real-world ones, then up to `generated` single-line registry ones. */
export function examplesOf(entry: EnhancedStatusInfo, generated = 3): Example[] {
  const real = realWorldReplies.filter((f) => registryForm(f) === entry.code);
  const made = registryReplies.filter((f) => f.registry?.code === entry.code && f.registry.form === 'single').slice(0, generated);
  return [...real, ...made].map(toExample);
}

/** The server replies of the fixture sessions with a reply code, each with the command it answered. */
function sessionReplies(code: number): Example[] {
  return transcripts.flatMap((t) =>
    t.expected.replies
      .filter((r) => r.parse.code === code)
      .map((r) => {
        const input = t.input.turns[r.turn]?.text ?? '';
        return {
          id: `${t.id}#${r.turn}`,
          input,
          command: r.command,
          source: t.source,
          description: t.description ? `From a session: ${t.description}` : undefined,
          verdict: verdictOf(input, r.command),
        };
      }),
  );
}

/** Fixture replies with a reply code: the real-world ones, then replies from the fixture sessions; at most `limit`. */
export function examplesOfReply(code: number, limit = 6): Example[] {
  const real = realWorldReplies.filter((f) => f.expected.parse.code === code).map(toExample);
  const seen = new Set(real.map((e) => e.input));
  const sessions = sessionReplies(code).filter((e) => !seen.has(e.input) && seen.add(e.input));
  return [...real, ...sessions].slice(0, limit);
}

/** The commands whose replies (RFC 5321 section 4.3.2) include `code`, with the role it plays. */
export function commandsOf(code: number): { command: string; role: string }[] {
  const out: { command: string; role: string }[] = [];
  for (const [command, r] of Object.entries(commandReplies)) {
    if (r.intermediate.includes(code)) out.push({ command, role: 'intermediate' });
    if (r.success.includes(code)) out.push({ command, role: 'success' });
    if (r.error.includes(code)) out.push({ command, role: 'error' });
    if (r.afterData?.success.includes(code)) out.push({ command, role: 'success after the message content' });
    if (r.afterData?.error.includes(code)) out.push({ command, role: 'error after the message content' });
  }
  return out;
}

/** Registry entries that name `code` among their associated reply codes. */
export function entriesWithReply(reply: ReplyCodeInfo): EnhancedStatusInfo[] {
  return enhancedStatuses.filter((e) => e.replyCodes.codes.includes(reply.code));
}

/** The command-specific reasons classify uses for a reply code (`commandReplyCodes`), e.g. RCPT 550 -> unknown-recipient. */
export function commandVerdicts(code: number): { command: string; verdict: Verdict }[] {
  return Object.entries(classificationRules.commandReplyCodes)
    .filter(([, table]) => table && String(code) in table)
    .map(([command]) => ({ command, verdict: verdictOf(`${code} `, command) }));
}
