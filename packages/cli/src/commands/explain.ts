/**
 * `mailstatus explain`: what a reply code, an enhanced status code or a
 * whole reply means, and what to do about it. All the knowledge comes from
 * `@mailstatus/codes` (`describe`, `parseReply`, `extractReply`, `classify`);
 * this module only decides which of them the input is and assembles the
 * answer.
 *
 * @packageDocumentation
 */

import {
  classify,
  describe,
  enhancedStatuses,
  extractReply,
  reasonInfo,
  safeParseReply,
  type Classification,
  type EnhancedCodeDescription,
  type Reference,
  type ReplyCodeDescription,
} from '@mailstatus/codes';
import { InputError } from '../errors.js';

/**
 * What `mailstatus explain` found. `--json` prints this object, keys in this
 * order. A field that does not apply is left out (never `null`), the
 * convention of `@mailstatus/codes` and of `classify --json`.
 */
export interface Explanation {
  /** The input as given (trimmed). */
  readonly input: string;
  /** What the input was: a reply code alone, an enhanced code alone, or a reply (possibly found inside a log line). */
  readonly kind: 'reply-code' | 'enhanced-code' | 'reply';
  /** The reply code (`550`); absent when the input has none. */
  readonly code?: number;
  /** The enhanced status code (`"5.1.1"`, or `"X.1.1"` as given); absent when the input has none. */
  readonly enhanced?: string;
  /** From `classify`: success, intermediate, transient, permanent or unknown. */
  readonly outcome: Classification['outcome'];
  /** From `classify`: why, at the level an operator acts on. */
  readonly reason: Classification['reason'];
  /** From `classify`: what to do. */
  readonly action: Classification['action'];
  readonly retryable: boolean;
  /** Whether every code in the input is in the registry (enhanced) or RFC 5321 (reply). */
  readonly registered: boolean;
  /** One line: the registry's sample text, else the RFC's reply text, else the class and subject. */
  readonly summary: string;
  /** What the code means: the registry description, else the RFC text, else the class and subject meanings. */
  readonly description: string;
  /** The reviewed one-line meaning of `reason`. */
  readonly reasonDescription: string;
  /** The reply's text without its codes; absent when the input was a code alone. */
  readonly text?: string;
  /** Disagreements inside the reply (`classify`'s conflicts). */
  readonly conflicts: Classification['conflicts'];
  /** Remarks about the codes: a class the registry does not list for the entry, a deprecated or unregistered code. */
  readonly notes: readonly string[];
  /** Which kind of rule decided the reason (`classify`'s `source`). */
  readonly source: Classification['source'];
  /** The rule that decided (`classify`'s `matchedRule`). */
  readonly matchedRule?: string;
  /** The command the reply answered; absent when the input does not say. */
  readonly command?: string;
  /** For a reply code alone: the registry entries that list it as an associated reply code. */
  readonly associatedEnhancedCodes: readonly string[];
  /** The documents that define the codes, without duplicates. */
  readonly references: readonly Reference[];
  /** `describe()` of the reply code; absent when there is none. */
  readonly replyCode?: ReplyCodeDescription;
  /** `describe()` of the enhanced code; absent when there is none. */
  readonly enhancedCode?: EnhancedCodeDescription;
}

function codeOnly(input: string): ReplyCodeDescription | EnhancedCodeDescription | undefined {
  // describe() takes "550", "5.1.1" and "X.1.1"; a longer input is a reply.
  return input.length <= 12 ? describe(input) : undefined;
}

interface Found {
  readonly kind: Explanation['kind'];
  readonly code: number | undefined;
  readonly enhanced: string | undefined;
  readonly text: string | undefined;
  readonly classification: Classification;
  /** Why a code-shaped token where RFC 2034 puts the enhanced code was not taken as one. */
  readonly problem?: string;
}

/** Decides what the input is; `undefined` when it holds no code at all. */
function find(input: string): Found | undefined {
  const alone = codeOnly(input);
  if (alone?.kind === 'reply') {
    return { kind: 'reply-code', code: alone.code, enhanced: undefined, text: undefined, classification: classify({ code: alone.code }) };
  }
  if (alone?.kind === 'enhanced') {
    return {
      kind: 'enhanced-code',
      code: undefined,
      enhanced: alone.code,
      text: undefined,
      classification: classify({ enhanced: alone.code }),
    };
  }
  // A whole reply, possibly multi-line (RFC 5321 section 4.2.1); no 512-octet
  // limit here: pasted replies are often re-wrapped.
  const parsed = safeParseReply(input, { maxLineLength: Infinity });
  if (parsed.ok) {
    const r = parsed.reply;
    const problem = r.enhancedProblem?.message;
    if (r.enhanced !== undefined) return { kind: 'reply', code: r.code, enhanced: r.enhanced, text: r.text, classification: classify(r) };
    // No enhanced code where RFC 2034 puts it: one in the text, such as
    // qmail's "(#5.7.1)", is found by the tolerant extraction classify uses.
    const inText = extractReply(input);
    if (inText?.enhanced !== undefined && inText.code === r.code) {
      return {
        kind: 'reply',
        code: r.code,
        enhanced: inText.enhanced,
        text: inText.text,
        classification: classify(input),
        ...(problem ? { problem } : {}),
      };
    }
    return { kind: 'reply', code: r.code, enhanced: undefined, text: r.text, classification: classify(r), ...(problem ? { problem } : {}) };
  }
  // A reply inside a log line, a DSN field or an error message.
  const extracted = extractReply(input);
  if (extracted !== undefined) {
    return {
      kind: 'reply',
      code: extracted.code,
      enhanced: extracted.enhanced,
      text: extracted.text,
      classification: classify(input),
    };
  }
  return undefined;
}

/** References without duplicates (by URL), in order. */
function uniqueReferences(lists: readonly (readonly Reference[] | undefined)[]): Reference[] {
  const seen = new Set<string>();
  const out: Reference[] = [];
  for (const list of lists) {
    for (const r of list ?? []) {
      if (seen.has(r.url)) continue;
      seen.add(r.url);
      out.push(r);
    }
  }
  return out;
}

function enhancedMeaning(d: EnhancedCodeDescription): { summary: string; description: string } {
  if (d.registered) return { summary: d.sample || d.name || d.registryCode, description: d.description ?? '' };
  const parts = [d.classInfo?.summary, d.subjectInfo?.summary ?? `unregistered subject ${d.subject}`].filter(Boolean);
  const description = [d.classInfo?.description, d.subjectInfo?.description].filter(Boolean).join(' ');
  return { summary: `${parts.join(', ')} (not registered)`, description };
}

function replyMeaning(d: ReplyCodeDescription): { summary: string; description: string } {
  if (d.registered && d.text) return { summary: d.text, description: d.text };
  return {
    summary: `${d.severityTitle}, ${d.categoryTitle} (not a standard reply code)`,
    description: `${d.severityDescription} ${d.categoryDescription}`.trim(),
  };
}

/**
 * Explains one code or reply.
 *
 * @throws {@link InputError} when the input holds neither a valid reply code
 * nor a valid enhanced status code (`9.9.9`, prose).
 */
export function explain(rawInput: string): Explanation {
  const input = rawInput.trim();
  if (input.length === 0) {
    throw new InputError('nothing to explain: give a code such as 550 or 5.1.1, or a reply such as "550 5.1.1 User unknown"');
  }
  const found = find(input);
  if (found === undefined) {
    const shown = input.length > 60 ? `${input.slice(0, 57)}...` : input;
    throw new InputError(
      `${JSON.stringify(shown)} is not a reply code, an enhanced status code or an SMTP reply: give e.g. 550, 5.1.1 or "550 5.1.1 User unknown"`,
    );
  }
  const replyCode = found.code !== undefined ? (describe(found.code) as ReplyCodeDescription | undefined) : undefined;
  const enhancedCode = found.enhanced !== undefined ? (describe(found.enhanced) as EnhancedCodeDescription | undefined) : undefined;
  const meaning = enhancedCode?.registered
    ? enhancedMeaning(enhancedCode)
    : replyCode?.registered
      ? replyMeaning(replyCode)
      : enhancedCode
        ? enhancedMeaning(enhancedCode)
        : replyCode
          ? replyMeaning(replyCode)
          : { summary: '', description: '' };

  const notes: string[] = [];
  if (found.problem !== undefined) notes.push(found.problem);
  if (enhancedCode?.registered && enhancedCode.classListed === false) {
    notes.push(
      `the registry lists ${enhancedCode.registryCode} for class ${enhancedCode.classes?.join(' and ')} only, not ${enhancedCode.class}`,
    );
  }
  if (enhancedCode?.deprecated) {
    notes.push(`${enhancedCode.registryCode} is deprecated${enhancedCode.replacedBy ? `: use ${enhancedCode.replacedBy}` : ''}`);
  }
  if (enhancedCode && !enhancedCode.registered) notes.push(`${enhancedCode.code} is not in the IANA registry`);
  if (replyCode && !replyCode.registered) notes.push(`${replyCode.code} is not a reply code RFC 5321 defines`);

  const associated =
    found.kind === 'reply-code' && replyCode
      ? enhancedStatuses.filter((e) => e.replyCodes.codes.includes(replyCode.code)).map((e) => e.code)
      : [];
  const c = found.classification;
  // Key order is reading order in --json: the answer first, the details after.
  return {
    input,
    kind: found.kind,
    ...(found.code !== undefined ? { code: found.code } : {}),
    ...(found.enhanced !== undefined ? { enhanced: found.enhanced } : {}),
    outcome: c.outcome,
    reason: c.reason,
    action: c.action,
    retryable: c.retryable,
    registered: (replyCode?.registered ?? true) && (enhancedCode?.registered ?? true),
    summary: meaning.summary,
    description: meaning.description,
    reasonDescription: reasonInfo(c.reason)?.description ?? '',
    ...(found.text !== undefined ? { text: found.text } : {}),
    conflicts: c.conflicts,
    notes,
    source: c.source,
    ...(c.matchedRule !== undefined ? { matchedRule: c.matchedRule } : {}),
    ...(c.command !== undefined ? { command: c.command } : {}),
    associatedEnhancedCodes: associated,
    references: uniqueReferences([enhancedCode?.references, replyCode?.references]),
    ...(replyCode !== undefined ? { replyCode } : {}),
    ...(enhancedCode !== undefined ? { enhancedCode } : {}),
  };
}
