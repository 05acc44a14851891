/**
 * Pure functions from validated inputs to the model the emitters write out.
 * Sorted numerically (subject, then detail; reply codes ascending).
 */
import type {
  CommandReplies,
  EnhancedClass,
  EnhancedClassInfo,
  EnhancedStatusGrammar,
  EnhancedStatusInfo,
  EnhancedSubjectInfo,
  PinnedSource,
  Reference,
  RegistryCode,
  ReplyCategory,
  ReplyCodeInfo,
  ReplyDigitInfo,
  ReplySeverity,
} from '../../../packages/codes/src/types.js';
import type { AssociatedReplyCodes } from '../../../packages/codes/src/types.js';
import type { Rfc3463Grammar } from '../load/rfc3463.js';
import type { NamesFile, SupplementFile } from '../load/reviewed.js';
import type { Upstream } from '../load/upstream.js';
import type { Manifest } from '../sources/manifest.js';
import { parseAssociatedCodes } from '../load/associated-codes.js';
import type { DroppedCorrection } from '../load/corrections.js';
import { parseReference, REGISTRY_URL } from '../load/references.js';
import { misplacedDescription, type RawEntry } from '../load/registry.js';
import type { Problem } from '../problems.js';

/** Everything the emitters need. */
export interface Model {
  readonly registryName: string;
  readonly updated: string;
  readonly sources: readonly PinnedSource[];
  readonly grammar: EnhancedStatusGrammar;
  readonly classes: readonly EnhancedClassInfo[];
  readonly subjects: readonly EnhancedSubjectInfo[];
  readonly entries: readonly EnhancedStatusInfo[];
  readonly replyCodes: readonly ReplyCodeInfo[];
  readonly severities: readonly ReplyDigitInfo[];
  readonly categories: readonly ReplyDigitInfo[];
  /** Command -> replies, in RFC order; "EHLO or HELO" is split into EHLO and HELO. */
  readonly commands: readonly (readonly [string, CommandReplies])[];
  readonly anyCommand: readonly number[];
  /** registry-sources/classification.json as validated, when present. */
  readonly classification?: unknown;
  /** Content defects of the inputs, each with what the tables do about it. */
  readonly warnings: readonly Problem[];
  /** Reviewed corrections that upstream made obsolete (also among the warnings). */
  readonly droppedCorrections: readonly DroppedCorrection[];
  /** The reviewed files read (names inside registry-sources/) with the sha256 of their text, for the banners. */
  readonly reviewed: readonly { readonly name: string; readonly sha256: string }[];
}

/** The validated inputs (the grammar is there: validation stops without it). */
export interface ModelInputs {
  readonly manifest: Manifest;
  readonly upstream: Upstream & { readonly grammar: Rfc3463Grammar };
  readonly names: NamesFile;
  readonly supplement: SupplementFile;
  readonly classification?: unknown;
  readonly warnings: readonly Problem[];
  readonly droppedCorrections: readonly DroppedCorrection[];
  readonly reviewed: Model['reviewed'];
}

const SEVERITY: Readonly<Record<number, ReplySeverity>> = {
  2: 'positive-completion',
  3: 'positive-intermediate',
  4: 'transient-negative',
  5: 'permanent-negative',
};
const CATEGORY: Readonly<Record<number, ReplyCategory>> = {
  0: 'syntax',
  1: 'information',
  2: 'connections',
  3: 'unspecified',
  4: 'unspecified',
  5: 'mail-system',
};

const RFC5321_4_2_3: Reference = parseReference('[RFC5321], Section 4.2.3 (Standards Track)', REGISTRY_URL);

const subCodes = (code: string) => code.split('.').slice(1).map(Number) as [number, number];

export function buildModel(i: ModelInputs): Model {
  const { classRows, subjectRows, rfc5321, grammar } = i.upstream;
  const entries = modelEntries(i);
  const replyCodes = modelReplyCodes(i);
  const commands = modelCommands(rfc5321.commands);

  return {
    registryName: i.manifest.registry.name,
    updated: i.manifest.registry.updated,
    sources: i.manifest.sources.map(({ name, url, sha256, size, retrieved }) => ({ name, url, sha256, size, retrieved })),
    grammar: {
      classes: grammar.classes as EnhancedClass[],
      subjectDigits: grammar.subjectDigits,
      detailDigits: grammar.detailDigits,
      noLeadingZeros: grammar.noLeadingZeros,
    },
    classes: classRows.map((r) => ({
      class: Number(r.code[0]) as EnhancedClass,
      code: r.code,
      summary: r.summary,
      description: r.description,
      references: r.references,
    })),
    subjects: subjectRows
      .map((r) => ({
        subject: Number(r.code.split('.')[1]),
        code: r.code,
        summary: r.summary,
        description: r.description,
        references: r.references,
      }))
      .sort((a, b) => a.subject - b.subject),
    entries,
    replyCodes,
    severities: rfc5321.severities.map(({ digit, title, description }) => ({ digit, title, description })),
    categories: rfc5321.categories.map(({ digit, title, description }) => ({ digit, title, description })),
    commands,
    anyCommand: rfc5321.anyCommand.map((c) => c.code),
    ...(i.classification !== undefined ? { classification: i.classification } : {}),
    warnings: i.warnings,
    droppedCorrections: i.droppedCorrections,
    reviewed: i.reviewed,
  };
}

/** The enumerated registry entries with their reviewed names, by subject then detail. */
function modelEntries(i: ModelInputs): EnhancedStatusInfo[] {
  return i.upstream.entryRows
    .map((r): EnhancedStatusInfo => {
      const [subject, detail] = subCodes(r.code);
      const { description, replyCodes, note } = described(r);
      return {
        code: r.code as RegistryCode,
        subject,
        detail,
        name: i.names.enhanced[r.code]!,
        sample: r.sample,
        description,
        replyCodes,
        classes: classesOf(replyCodes, description),
        references: r.references,
        submitter: r.submitter,
        changeController: r.changeController,
        deprecated: r.deprecated,
        ...(r.deprecated && r.duplicateOf ? { replacedBy: r.duplicateOf as RegistryCode } : {}),
        ...(note ? { note } : {}),
      };
    })
    .sort((a, b) => a.subject - b.subject || a.detail - b.detail);
}

/**
 * The reply codes of RFC 5321 section 4.2.3, each with the supplement's extra
 * references, then the codes only the supplement defines; by code.
 */
function modelReplyCodes(i: ModelInputs): ReplyCodeInfo[] {
  const { rfc5321 } = i.upstream;
  const supplement = new Map(i.supplement.codes.map((s) => [s.code, s]));
  const replyCodes: ReplyCodeInfo[] = [];
  const addReply = (code: number, text: string, source: ReplyCodeInfo['source'], references: Reference[], note?: string) =>
    replyCodes.push({
      code,
      name: i.names.reply[String(code)]!,
      text,
      severity: SEVERITY[Math.floor(code / 100)]!,
      category: CATEGORY[Math.floor(code / 10) % 10]!,
      source,
      references,
      ...(note ? { note } : {}),
    } as ReplyCodeInfo);
  for (const r of rfc5321.replyCodes) {
    const s = supplement.get(r.code);
    addReply(r.code, r.text, 'rfc5321', [RFC5321_4_2_3, ...(s ? s.references.map((x) => parseReference(x, REGISTRY_URL)) : [])], s?.note);
  }
  for (const s of i.supplement.codes) {
    if (rfc5321.replyCodes.some((r) => r.code === s.code)) continue;
    addReply(
      s.code,
      s.text!,
      'supplement',
      s.references.map((x) => parseReference(x, REGISTRY_URL)),
      s.note,
    );
  }
  return replyCodes.sort((a, b) => a.code - b.code);
}

/** The command-reply sequences of RFC 5321 section 4.3.2, "EHLO or HELO" listed under both names. */
function modelCommands(sequences: ModelInputs['upstream']['rfc5321']['commands']): [string, CommandReplies][] {
  const commands: [string, CommandReplies][] = [];
  for (const c of sequences) {
    // DATA's success is the 250 after the message content; its errors are those
    // of the DATA command and those after <CRLF>.<CRLF> (RFC 5321 section 4.3.2).
    const replies: CommandReplies = c.afterData
      ? {
          intermediate: c.intermediate,
          success: unique([...c.success, ...c.afterData.success]),
          error: unique([...c.error, ...c.afterData.error]),
          afterData: { success: c.afterData.success, error: c.afterData.error },
        }
      : { intermediate: c.intermediate, success: c.success, error: c.error };
    const names = c.command.includes(' or ') ? c.command.split(' or ') : [c.command];
    for (const n of names) commands.push([n.trim(), replies]);
  }
  return commands;
}

/**
 * An entry's description and reply codes, degraded gracefully where IANA's
 * row is defective (validate/registry.ts warns about the same rows): a
 * description in the reply-code column is read as the description; a missing
 * one is stood in for by the sample text. `note` says which, for the TSDoc.
 */
function described(r: RawEntry): { description: string; replyCodes: AssociatedReplyCodes; note?: string } {
  if (misplacedDescription(r)) {
    return {
      description: r.basic,
      replyCodes: parseAssociatedCodes(''),
      note: 'IANA gives this description in the "Associated basic status code" column.',
    };
  }
  if (r.description === '' && r.sample !== '')
    return { description: r.sample, replyCodes: r.replyCodes, note: 'IANA gives no description; the sample text stands in.' };
  return { description: r.description, replyCodes: r.replyCodes };
}

/**
 * The classes an entry can occur in (documented on `EnhancedStatusInfo.classes`):
 * from the reply codes' first digits when given; `[4, 5]` when not, or `[5]`
 * when the description says the code is only useful for permanent failures;
 * `[2, 4, 5]` for `Any`.
 */
export function classesOf(assoc: AssociatedReplyCodes, description: string): EnhancedClass[] {
  if (assoc.any) return [2, 4, 5];
  const set = new Set<EnhancedClass>();
  for (const c of assoc.codes) {
    const d = Math.floor(c / 100);
    if (d === 2 || d === 4 || d === 5) set.add(d);
  }
  for (const d of assoc.otherClasses) if (d === 2 || d === 4 || d === 5) set.add(d);
  if (set.size === 0) {
    if (/only useful for permanent failures/i.test(description)) set.add(5);
    else (set.add(4), set.add(5));
  }
  return [...set].sort();
}

function unique(xs: readonly number[]): number[] {
  return [...new Set(xs)];
}
