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
import type { RawEntry, RawTableRow } from '../load/registry.js';
import type { Rfc3463Grammar } from '../load/rfc3463.js';
import type { Rfc5321 } from '../load/rfc5321.js';
import type { Manifest } from '../sources/manifest.js';
import type { NamesFile, SupplementFile } from '../validate/reviewed.js';
import { classesOf, parseAssociatedCodes } from './associated-codes.js';
import { parseReference, parseReferences } from './references.js';

export const REGISTRY_URL = 'https://www.iana.org/assignments/smtp-enhanced-status-codes/';

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
}

export interface ModelInputs {
  readonly manifest: Manifest;
  readonly classRows: readonly RawTableRow[];
  readonly subjectRows: readonly RawTableRow[];
  readonly entryRows: readonly RawEntry[];
  readonly rfc5321: Rfc5321;
  readonly grammar: Rfc3463Grammar;
  readonly names: NamesFile;
  readonly supplement: SupplementFile;
  readonly classification?: unknown;
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
  const entries = i.entryRows
    .map((r): EnhancedStatusInfo => {
      const [subject, detail] = subCodes(r.code);
      const replyCodes = parseAssociatedCodes(r.basic);
      const dup = /duplicate of (X\.\d+\.\d+)/i.exec(r.description);
      const deprecated = /\bdeprecated\b/i.test(r.description);
      return {
        code: r.code as RegistryCode,
        subject,
        detail,
        name: i.names.enhanced[r.code]!,
        sample: r.sample,
        description: r.description,
        replyCodes,
        classes: classesOf(replyCodes, r.description),
        references: parseReferences(r.reference, REGISTRY_URL),
        submitter: r.submitter,
        changeController: r.changeController,
        deprecated,
        ...(deprecated && dup ? { replacedBy: dup[1] as RegistryCode } : {}),
      };
    })
    .sort((a, b) => a.subject - b.subject || a.detail - b.detail);

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
  for (const r of i.rfc5321.replyCodes) {
    const s = supplement.get(r.code);
    addReply(r.code, r.text, 'rfc5321', [RFC5321_4_2_3, ...(s ? s.references.map((x) => parseReference(x, REGISTRY_URL)) : [])], s?.note);
  }
  for (const s of i.supplement.codes) {
    if (i.rfc5321.replyCodes.some((r) => r.code === s.code)) continue;
    addReply(s.code, s.text!, 'supplement', s.references.map((x) => parseReference(x, REGISTRY_URL)), s.note);
  }
  replyCodes.sort((a, b) => a.code - b.code);

  const commands: [string, CommandReplies][] = [];
  for (const c of i.rfc5321.commands) {
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

  return {
    registryName: i.manifest.registry.name,
    updated: i.manifest.registry.updated,
    sources: i.manifest.sources.map(({ name, url, sha256, size, retrieved }) => ({ name, url, sha256, size, retrieved })),
    grammar: {
      classes: i.grammar.classes as EnhancedClass[],
      subjectDigits: i.grammar.subjectDigits,
      detailDigits: i.grammar.detailDigits,
      noLeadingZeros: i.grammar.noLeadingZeros,
    },
    classes: i.classRows.map((r) => ({
      class: Number(r.code[0]) as EnhancedClass,
      code: r.code,
      summary: r.summary,
      description: r.description,
      references: parseReferences(r.reference, REGISTRY_URL),
    })),
    subjects: i.subjectRows
      .map((r) => ({
        subject: Number(r.code.split('.')[1]),
        code: r.code,
        summary: r.summary,
        description: r.description,
        references: parseReferences(r.reference, REGISTRY_URL),
      }))
      .sort((a, b) => a.subject - b.subject),
    entries,
    replyCodes,
    severities: i.rfc5321.severities.map(({ digit, title, description }) => ({ digit, title, description })),
    categories: i.rfc5321.categories.map(({ digit, title, description }) => ({ digit, title, description })),
    commands,
    anyCommand: i.rfc5321.anyCommand.map((c) => c.code),
    ...(i.classification !== undefined ? { classification: i.classification } : {}),
  };
}

function unique(xs: readonly number[]): number[] {
  return [...new Set(xs)];
}
