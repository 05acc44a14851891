/**
 * The classification rules through an update, so that a registry change never
 * waits for a person to write one:
 *
 * - a registry entry (new, or occurring in a new class) without a reason for a
 *   class gets one derived from its class, its subject and its associated
 *   reply codes, recorded in registry-sources/classification.derived.json;
 * - a derived rule stays listed "to review" while classification.json still
 *   holds exactly what was derived: a person editing it (or deleting its
 *   record) ends that;
 * - the rule of an entry upstream removed moves to the real-world overrides,
 *   one per class, because servers keep sending the code.
 *
 * classification.json keeps its layout: only the lines of the rules that
 * change are rewritten (one rule or override per line, as the file is kept).
 */
import { existsSync } from 'node:fs';
import type { EnhancedStatusInfo } from '../../../packages/codes/src/types.js';
import { buildFromSources } from '../generate.js';
import { jsonInMemory, readJsonFile } from '../load/json.js';
import type { ReviewedOverrides } from '../load/reviewed.js';
import type { Model } from '../model/model.js';
import { display, type Paths } from '../paths.js';
import { formatProblem, GeneratorError } from '../problems.js';
import type { Manifest, SourceBytes } from '../sources/manifest.js';
import { compareRegistryCodes } from './names.js';

type Reasons = Record<string, string>;
type EnhancedRule = Readonly<Record<string, unknown>>;

/** The parts of classification.json the update reads and writes. */
export interface RulesData {
  readonly enhanced: Readonly<Record<string, EnhancedRule>>;
  readonly overrides: readonly Readonly<Record<string, unknown>>[];
  readonly replyCodes?: Readonly<Record<string, string>>;
}

/** One derived rule: the classes it gave a reason for, and how. */
export interface DerivedRule {
  readonly code: string;
  /** Class -> reason, for the classes derived (a person's reasons for other classes are kept). */
  readonly derived: Readonly<Reasons>;
  /** How each reason was derived, in words. */
  readonly from: string;
}

/** The rule of a removed entry, now in the overrides. */
export interface MovedRule {
  readonly code: string;
  readonly overrides: readonly { readonly id: string; readonly code: string; readonly reason: string }[];
}

/** The record of one derived rule: the whole rule as written, the classes derived, how, and when. */
export interface DerivedRecord {
  readonly rule: EnhancedRule;
  readonly derived: Readonly<Reasons>;
  readonly from: string;
  readonly since: string;
}

/** registry-sources/classification.derived.json */
export interface DerivedFile {
  readonly $comment?: unknown;
  readonly rules: Readonly<Record<string, DerivedRecord>>;
}

/** The rules after an update, the new texts of both files, and what changed. */
export interface RulesPlan {
  readonly text: string;
  readonly derivedText: string;
  readonly derived: readonly DerivedRule[];
  readonly moved: readonly MovedRule[];
}

/** The derived-rules record, or an empty one. */
export function readDerived(paths: Paths): DerivedFile {
  if (!existsSync(paths.derivedRulesFile)) return { $comment: DERIVED_COMMENT, rules: {} };
  return readJsonFile<DerivedFile>(paths.derivedRulesFile, display(paths.root, paths.derivedRulesFile)).data;
}

const DERIVED_COMMENT = [
  'Classification rules npm run registry:update derived for registry entries that classification.json had no reason for.',
  'A rule is "to review" (npm test lists it) while classification.json holds it exactly as recorded here under "rule".',
  'Editing the rule in classification.json (a reason, or a note saying it was reviewed) ends that; delete the record when you like.',
];

/**
 * classification.json for the new registry, in memory: rules derived and
 * moved, then checked with the model. Problems left are a person's (the rule
 * file was broken before) and become blockers.
 */
export function planClassification(
  paths: Paths,
  manifest: Manifest,
  bytes: SourceBytes,
  reviewed: ReviewedOverrides,
  bare: Model,
  today: string,
) {
  if (!existsSync(paths.classificationFile)) {
    return {
      model: buildFromSources(paths, manifest, bytes, { ...reviewed, classification: null }) as Model | undefined,
      rules: undefined,
      ruleBlockers: [] as string[],
    };
  }
  const file = readJsonFile(paths.classificationFile, display(paths.root, paths.classificationFile));
  const rules = planRules(file.text, readDerived(paths), bare.entries, today);
  try {
    const model = buildFromSources(paths, manifest, bytes, { ...reviewed, classification: jsonInMemory(rules.text, file.file) });
    return { model: model as Model | undefined, rules, ruleBlockers: [] as string[] };
  } catch (e) {
    if (!(e instanceof GeneratorError)) throw e;
    const ruleBlockers = e.problems.map(
      (p) => `${formatProblem(p)} (review ${file.file} for the new registry, then run npm run registry:update again)`,
    );
    return { model: undefined, rules, ruleBlockers };
  }
}

/**
 * Derives the missing reasons and moves the rules of removed entries.
 * `today` dates the derived records and the moved rules' comments.
 */
function planRules(text: string, derivedFile: DerivedFile, entries: readonly EnhancedStatusInfo[], today: string): RulesPlan {
  const data = JSON.parse(text) as RulesData;
  if (!derivedFile.$comment) derivedFile = { $comment: DERIVED_COMMENT, ...derivedFile };
  const enhanced: Record<string, EnhancedRule> = { ...data.enhanced };
  const records = { ...derivedFile.rules };
  const derived: DerivedRule[] = [];
  for (const e of entries) {
    const rule = enhanced[e.code] ?? {};
    const missing = e.classes.filter((c) => rule[String(c)] === undefined);
    if (missing.length === 0) continue;
    const how = missing.map((c) => deriveReason(e, c, data));
    const d: DerivedRule = {
      code: e.code,
      derived: Object.fromEntries(missing.map((c, i) => [String(c), how[i]!.reason])),
      from: how.map((h) => h.from).join('; '),
    };
    enhanced[e.code] = { ...rule, ...d.derived };
    records[e.code] = { rule: enhanced[e.code]!, derived: { ...records[e.code]?.derived, ...d.derived }, from: d.from, since: today };
    derived.push(d);
  }
  const present = new Set(entries.map((e) => e.code as string));
  const moved: MovedRule[] = [];
  const overrides = [...data.overrides];
  for (const [code, rule] of Object.entries(data.enhanced)) {
    if (present.has(code)) continue;
    const m = movedRule(code, rule, today);
    overrides.push(...m.lines);
    moved.push(m.moved);
    delete enhanced[code];
    delete records[code];
  }
  const sorted = Object.fromEntries(Object.entries(enhanced).sort(([a], [b]) => compareRegistryCodes(a, b)));
  let out = text;
  if (derived.length > 0 || moved.length > 0) out = replaceBlock(out, 'enhanced', sorted);
  if (moved.length > 0) out = replaceBlock(out, 'overrides', overrides);
  const sortedRecords = Object.fromEntries(Object.entries(records).sort(([a], [b]) => compareRegistryCodes(a, b)));
  const derivedText = `${JSON.stringify({ ...derivedFile, rules: sortedRecords }, null, 2)}\n`;
  return { text: out, derivedText, derived, moved };
}

/**
 * A reason for class `c` of an entry: class 2 is success (RFC 3463 section
 * 3.1); otherwise the reason most rules of the same subject give for that
 * class when it is most of them; else the subject's own generic entry
 * (`X.7.0` for subject 7); else the reply-code table's reason for an
 * associated reply code of that class; else `other`.
 */
function deriveReason(e: EnhancedStatusInfo, c: number, data: RulesData): { reason: string; from: string } {
  if (c === 2) return { reason: 'success', from: 'class 2: success (RFC 3463 section 3.1)' };
  const counts = new Map<string, number>();
  let total = 0;
  for (const [code, rule] of Object.entries(data.enhanced)) {
    const r = rule[String(c)];
    if (code.split('.')[1] !== String(e.subject) || typeof r !== 'string' || rule.generic === true) continue;
    counts.set(r, (counts.get(r) ?? 0) + 1);
    total++;
  }
  const [top] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (top && top[1] * 2 > total) {
    return { reason: top[0], from: `class ${c}: ${top[0]}, as ${top[1]} of ${total} rules of subject X.${e.subject}` };
  }
  const generic = data.enhanced[`X.${e.subject}.0`]?.[String(c)];
  if (typeof generic === 'string') {
    const split = top ? ` (the subject's rules disagree: at most ${top[1]} of ${total} agree)` : '';
    return { reason: generic, from: `class ${c}: ${generic}, as X.${e.subject}.0 has it${split}` };
  }
  const byReply = e.replyCodes.codes.filter((r) => Math.floor(r / 100) === c).map((r) => [r, data.replyCodes?.[String(r)]] as const);
  const found = byReply.find(([, r]) => r !== undefined);
  if (found) return { reason: found[1]!, from: `class ${c}: ${found[1]}, as the reply-code table maps ${found[0]}` };
  return { reason: 'other', from: `class ${c}: other (no rule of subject X.${e.subject} and no mapped reply code)` };
}

function movedRule(code: string, rule: EnhancedRule, today: string) {
  const note = typeof rule.note === 'string' ? ` ${rule.note}` : '';
  const lines = ['4', '5']
    .filter((c) => typeof rule[c] === 'string')
    .map((c) => {
      const concrete = code.replace(/^X/, c);
      return {
        id: `iana-removed-${concrete}`,
        code: concrete,
        reason: rule[c] as string,
        comment: `IANA removed ${code} from the registry (npm run registry:update, ${today}); servers keep sending it.${note}`,
      };
    });
  return { lines, moved: { code, overrides: lines.map(({ id, code: c, reason }) => ({ id, code: c, reason })) } };
}

/** A JSON value on one line, spaced as classification.json writes its rules: `{ "4": "other", "5": "policy" }`. */
export function oneLine(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const members = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(v);
}

/**
 * Rewrites the members of a top-level object or array of the file, one per
 * line, between its opening line (`  "enhanced": {`) and its closing line at
 * the same indentation; everything else keeps its bytes.
 */
export function replaceBlock(text: string, key: string, value: Readonly<Record<string, unknown>> | readonly unknown[]): string {
  const lines = text.split('\n');
  const open = lines.findIndex((l) => l.startsWith(`  ${JSON.stringify(key)}: `));
  const close = open < 0 ? -1 : lines.findIndex((l, i) => i > open && /^ {2}[\]}]/.test(l));
  if (open < 0 || close < 0)
    throw new Error(`classification.json: no top-level "${key}" laid out one member per line; cannot update it in place`);
  const members = Array.isArray(value)
    ? value.map((v) => `    ${oneLine(v)}`)
    : Object.entries(value).map(([k, v]) => `    ${JSON.stringify(k)}: ${oneLine(v)}`);
  const body = members.map((m, i) => (i < members.length - 1 ? `${m},` : m));
  return [...lines.slice(0, open + 1), ...body, ...lines.slice(close)].join('\n');
}

/** The derived rules that classification.json still holds exactly as written by the update (the ones to review). */
export function unreviewedRules(rules: RulesData, derivedFile: DerivedFile): DerivedRule[] {
  return Object.entries(derivedFile.rules ?? {})
    .filter(([code, r]) => rules.enhanced[code] !== undefined && oneLine(rules.enhanced[code]) === oneLine(r.rule))
    .map(([code, r]) => ({ code, derived: r.derived, from: r.from }));
}
