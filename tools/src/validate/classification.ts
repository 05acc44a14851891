/**
 * Checks registry-sources/classification.json (shape:
 * packages/codes/src/classify/vocabulary.ts) against the vocabulary of
 * classify() and the registry as read, and records every problem with its
 * file and line:
 *
 * - every reason is described once, with valid actions, a KumoMTA class and
 *   Sisimai reasons from the known lists;
 * - every registry entry is mapped, in every class it can occur in, to a
 *   valid reason (`"2"` only to `success`, `"4"`/`"5"` never to it), and
 *   nothing is mapped that the registry does not have;
 * - override codes are valid codes or ranges, outside nothing they should
 *   not touch, with unique ids;
 * - text patterns have unique ids, exactly one of `contains`/`regex`,
 *   case-folded (NFKC, lower case) substrings, two characters at least in
 *   CJK, regexes in the linear-time dialect of
 *   ./safe-regex.ts, and no substring that an earlier pattern always wins
 *   (dead rules are reported so the order stays meaningful);
 * - reply-code tables use real reply codes, known commands and valid reasons;
 * - client error codes look like `EXXX` and map to a valid reason and outcome.
 */
import { ruleCommand, smtpCommands, type SmtpCommand } from '../../../packages/codes/src/command.js';
import { foldText } from '../../../packages/codes/src/classify/matcher.js';
import { actions, kumoBounceClasses, reasons, sides, sisimaiReasons } from '../../../packages/codes/src/classify/vocabulary.js';
import type { ProblemList } from '../problems.js';
import { checkSafeRegex } from './safe-regex.js';

/** One registry entry as the validator needs it (the generator's model entries fit). */
export interface RegistryCodeClasses {
  /** `"X.1.1"`. */
  readonly code: string;
  /** The classes the entry can occur in, e.g. `[4, 5]`. */
  readonly classes: readonly number[];
}

const REASONS: ReadonlySet<string> = new Set(reasons);
const ACTIONS: ReadonlySet<string> = new Set(actions);
const KUMO: ReadonlySet<string> = new Set(kumoBounceClasses);
const SISIMAI: ReadonlySet<string> = new Set(sisimaiReasons);
const SIDES: ReadonlySet<string> = new Set(sides);
/** The commands classify looks rules up by: HELO/LHLO read EHLO's, BDAT and END-OF-DATA read DATA's. */
const COMMANDS: ReadonlySet<string> = new Set(smtpCommands.filter((c) => ruleCommand(c) === c));
const TOP_KEYS = [
  '$comment',
  'reasons',
  'enhanced',
  'overrides',
  'patterns',
  'outcomeWords',
  'replyCodes',
  'commandReplyCodes',
  'clientErrors',
];
const ENHANCED_CODE = /^([245])\.([1-9]\d{0,2}|0)\.([1-9]\d{0,2}|0)$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

/**
 * Validates the parsed classification file.
 *
 * @param json - The parsed JSON.
 * @param file - The path to show in messages.
 * @param registryCodes - Every registry entry with the classes it can occur in.
 * @param lineOf - The 1-based line of the first occurrence of a string in the
 *   file's text (0 when absent); messages use it to point at a key.
 * @param problems - Where each problem goes (line 0 for the whole file).
 */
export function validateClassification(
  json: unknown,
  file: string,
  registryCodes: readonly RegistryCodeClasses[],
  lineOf: (needle: string) => number,
  problems: ProblemList,
): void {
  const add = (needle: string, message: string) => problems.add(file, needle ? lineOf(needle) : 0, message);
  if (!isObj(json)) {
    add(
      '',
      'must be a JSON object with "reasons", "enhanced", "overrides", "patterns", "replyCodes", "commandReplyCodes" and "clientErrors"',
    );
    return;
  }
  for (const k of Object.keys(json))
    if (!TOP_KEYS.includes(k)) add(`"${k}"`, `unknown top-level key "${k}" (allowed: ${TOP_KEYS.join(', ')})`);
  for (const k of TOP_KEYS.slice(1)) if (!(k in json)) add('', `missing top-level key "${k}"`);

  const reason = (v: unknown, needle: string, where: string) => {
    if (typeof v !== 'string' || !REASONS.has(v)) add(needle, `${where}: ${show(v)} is not a reason (one of ${reasons.join(', ')})`);
  };

  checkReasons(json.reasons, add);
  checkEnhanced(json.enhanced, registryCodes, add, reason);
  const ids = new Map<string, string>();
  const uniqueId = (id: unknown, needle: string, where: string): boolean => {
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(id)) {
      add(needle, `${where}: "id" must be lower-case letters, digits, dots and dashes, got ${show(id)}`);
      return false;
    }
    const first = ids.get(id);
    if (first) add(needle, `${where}: duplicate id "${id}" (first used in ${first})`);
    else ids.set(id, where);
    return true;
  };
  checkOverrides(json.overrides, add, reason, uniqueId);
  checkPatterns(json.patterns, add, reason, uniqueId);
  checkReplyCodes(json.replyCodes, json.commandReplyCodes, add, reason);
  checkClientErrors(json.clientErrors, add, reason);
  checkOutcomeWords(json.outcomeWords, add);
}

type Add = (needle: string, message: string) => void;
type CheckReason = (v: unknown, needle: string, where: string) => void;

function checkReasons(v: unknown, add: Add): void {
  if (!isObj(v)) return add('"reasons"', '"reasons" must be an object keyed by reason');
  for (const r of reasons) if (!(r in v)) add('"reasons"', `reason "${r}" is not described in "reasons"`);
  for (const [r, rule] of Object.entries(v)) {
    const needle = `"${r}": {`;
    if (!REASONS.has(r)) {
      add(needle, `"reasons" has "${r}", which classify() does not know (packages/codes/src/classify/vocabulary.ts lists the reasons)`);
      continue;
    }
    if (!isObj(rule)) {
      add(needle, `reasons.${r} must be an object`);
      continue;
    }
    if (typeof rule.description !== 'string' || rule.description.trim() === '')
      add(needle, `reasons.${r}.description must be a non-empty string`);
    const a = rule.action;
    if (!isObj(a)) add(needle, `reasons.${r}.action must be { "transient": action, "permanent": action }`);
    else {
      for (const k of ['transient', 'permanent']) {
        if (typeof a[k] !== 'string' || !ACTIONS.has(a[k] as string))
          add(needle, `reasons.${r}.action.${k}: ${show(a[k])} is not an action (one of ${actions.join(', ')})`);
      }
      if (r !== 'success' && (a.transient === 'none' || a.permanent === 'none'))
        add(needle, `reasons.${r}.action: "none" is only for success`);
    }
    if (r === 'success' ? rule.kumo !== null : typeof rule.kumo !== 'string' || !KUMO.has(rule.kumo)) {
      add(
        needle,
        r === 'success'
          ? 'reasons.success.kumo must be null (KumoMTA classifies failures only)'
          : `reasons.${r}.kumo: ${show(rule.kumo)} is not a KumoMTA bounce class (one of ${kumoBounceClasses.join(', ')})`,
      );
    }
    if (typeof rule.side !== 'string' || !SIDES.has(rule.side))
      add(needle, `reasons.${r}.side: ${show(rule.side)} is not a side (one of ${sides.join(', ')})`);
    else if (a !== undefined && isObj(a) && (a.transient === 'suppress' || a.permanent === 'suppress') && rule.side !== 'recipient') {
      add(needle, `reasons.${r}: "suppress" is only for a problem on the recipient's side, but side is "${rule.side}"`);
    }
    if (rule.byWords !== undefined && rule.byWords !== 'transient' && rule.byWords !== 'permanent')
      add(needle, `reasons.${r}.byWords must be "transient" or "permanent" when given, got ${show(rule.byWords)}`);
    for (const k of Object.keys(rule))
      if (!['description', 'action', 'kumo', 'sisimai', 'side', 'byWords'].includes(k)) add(needle, `reasons.${r}: unknown key "${k}"`);
    if (!Array.isArray(rule.sisimai) || rule.sisimai.length === 0)
      add(needle, `reasons.${r}.sisimai must be a non-empty array, the closest Sisimai reason first`);
    else
      for (const s of rule.sisimai)
        if (typeof s !== 'string' || !SISIMAI.has(s))
          add(needle, `reasons.${r}.sisimai: ${show(s)} is not a Sisimai reason (one of ${sisimaiReasons.join(', ')})`);
  }
}

function checkEnhanced(v: unknown, registry: readonly RegistryCodeClasses[], add: Add, reason: CheckReason): void {
  if (!isObj(v)) return add('"enhanced"', '"enhanced" must be an object keyed by registry code ("X.1.1")');
  const known = new Map(registry.map((e) => [e.code, e.classes]));
  for (const e of registry) {
    const rule = v[e.code];
    if (rule === undefined) {
      add(
        '"enhanced"',
        `registry entry ${e.code} is not mapped: add "${e.code}": { ${e.classes.map((c) => `"${c}": reason`).join(', ')} }`,
      );
      continue;
    }
    if (!isObj(rule)) continue; // reported below
    for (const c of e.classes) {
      if (rule[String(c)] === undefined)
        add(`"${e.code}": {`, `${e.code} can occur in class ${c} (registry: associated codes) but has no reason for "${c}"`);
    }
  }
  for (const [code, rule] of Object.entries(v)) {
    const needle = `"${code}": {`;
    if (!known.has(code)) {
      add(needle, `${code} is not in the registry${/^X\.\d+\.\d+$/.test(code) ? ': put real-world codes in "overrides"' : ''}`);
      continue;
    }
    if (!isObj(rule)) {
      add(needle, `${code} must be an object like { "4": reason, "5": reason }`);
      continue;
    }
    for (const [k, r] of Object.entries(rule)) {
      if (k === 'generic') {
        if (typeof r !== 'boolean') add(needle, `${code}.generic must be true or false`);
      } else if (k === 'note') {
        if (typeof r !== 'string') add(needle, `${code}.note must be a string`);
      } else if (k === '2') {
        if (r !== 'success') add(needle, `${code}: class 2 is success (RFC 3463 section 3.1), so "2" must be "success", got ${show(r)}`);
      } else if (k === '4' || k === '5') {
        reason(r, needle, `${code}."${k}"`);
        if (r === 'success') add(needle, `${code}: class ${k} is a failure, so "${k}" cannot be "success"`);
      } else add(needle, `${code}: unknown key "${k}" (classes "2", "4", "5", "generic", "note")`);
    }
  }
}

type UniqueId = (id: unknown, needle: string, where: string) => boolean;

/**
 * What every override and text pattern must have: a unique id, a reason that
 * is a failure, and a reviewer's comment. Returns the needle that points at
 * the rule's line.
 */
function checkRuleHead(
  rule: Obj,
  where: string,
  kind: string,
  commentSays: string,
  add: Add,
  reason: CheckReason,
  uniqueId: UniqueId,
): string {
  const needle = `"id": "${String(rule.id)}"`;
  uniqueId(rule.id, needle, where);
  reason(rule.reason, needle, `${where}.reason`);
  if (rule.reason === 'success') add(needle, `${where}: ${kind} cannot make a failure a success`);
  if (typeof rule.comment !== 'string' || rule.comment.trim() === '') add(needle, `${where}: "comment" must say ${commentSays}`);
  return needle;
}

function checkOverrides(v: unknown, add: Add, reason: CheckReason, uniqueId: UniqueId): void {
  if (!Array.isArray(v)) return add('"overrides"', '"overrides" must be an array');
  v.forEach((o, i) => {
    const where = `overrides[${i}]`;
    if (!isObj(o)) return add('"overrides"', `${where} must be an object`);
    const needle = checkRuleHead(o, where, 'an override', 'where the code comes from', add, reason, uniqueId);
    const code = typeof o.code === 'string' ? o.code : '';
    const [lo, hi, extra] = code.split('-');
    const a = ENHANCED_CODE.exec(lo ?? '');
    const b = hi === undefined ? a : ENHANCED_CODE.exec(hi);
    if (!a || !b || extra !== undefined)
      add(
        needle,
        `${where}.code: ${show(o.code)} must be an enhanced code such as "5.7.606" or a range "5.7.606-5.7.649" (RFC 3463 section 2: no leading zeros)`,
      );
    else if (a[1] === '2') add(needle, `${where}.code: class 2 is success and needs no override`);
    else if (a[1] !== b[1] || a[2] !== b[2] || Number(a[3]) > Number(b[3]))
      add(needle, `${where}.code: a range must keep class and subject and go upwards (${code})`);
    if (o.contains !== undefined) checkSubstrings(o.contains, needle, `${where}.contains`, add);
    checkSource(o.source, needle, where, add);
    checkExamples(o.examples, undefined, needle, where, add);
    for (const k of Object.keys(o))
      if (!['id', 'code', 'contains', 'reason', 'comment', 'source', 'examples'].includes(k)) add(needle, `${where}: unknown key "${k}"`);
  });
}

/** Han, Hiragana, Katakana, Hangul: scripts written without spaces between words. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

function checkSubstrings(v: unknown, needle: string, where: string, add: Add): v is string[] {
  if (!Array.isArray(v) || v.length === 0) {
    add(needle, `${where} must be a non-empty array of case-folded strings`);
    return false;
  }
  let ok = true;
  for (const s of v) {
    // The matcher sees the text NFKC-normalized, case-folded and with whitespace runs as one space.
    if (
      typeof s !== 'string' ||
      s.length === 0 ||
      s.length > 100 ||
      /[\x00-\x1f\x7f]/.test(s) ||
      s !== foldText(s) ||
      s !== s.replace(/\s+/g, ' ')
    ) {
      add(
        needle,
        `${where}: ${show(s)} must be 1-100 characters, NFKC-normalized and case-folded (lower case; "σ" not "ς", "ss" not "ß"), no control characters, single spaces (the text is folded the same way)`,
      );
      ok = false;
    } else if (CJK.test(s) && [...s].length < 2) {
      // No spaces between words in these scripts: one character would match inside any word.
      add(needle, `${where}: ${show(s)} is a single CJK character; give at least two (there are no word boundaries to lean on)`);
      ok = false;
    }
  }
  return ok;
}

/** `source`: where a rule comes from, a provider's public page (https URL) or a shared sample (`bounce-samples/<file>.eml`). */
function checkSource(v: unknown, needle: string, where: string, add: Add): void {
  if (v === undefined) return;
  const list = Array.isArray(v) ? v : [v];
  for (const s of list) {
    if (
      typeof s !== 'string' ||
      !(/^https?:\/\/\S+$/.test(s) || /^bounce-samples\/[\w.-]+\.eml$/.test(s) || /^RFC \d+( section [\d.]+)?$/.test(s))
    ) {
      add(needle, `${where}.source: ${show(s)} must be a URL, "bounce-samples/<file>.eml" or "RFC <n> section <x>" (one or a list)`);
    }
  }
}

/** `examples`: texts the rule is for, written by the reviewer (never copied from a bounce); each must hold one of its substrings. */
function checkExamples(v: unknown, contains: unknown, needle: string, where: string, add: Add): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || x.length === 0 || x.length > 300)) {
    add(needle, `${where}.examples must be a non-empty array of texts (1-300 characters each)`);
    return;
  }
  if (!Array.isArray(contains)) return;
  for (const x of v as string[]) {
    const t = foldText(x).replace(/\s+/g, ' ');
    if (!contains.some((c) => typeof c === 'string' && t.includes(c)))
      add(needle, `${where}.examples: ${show(x)} holds none of the rule's substrings`);
  }
}

interface SeenPattern {
  readonly id: string;
  readonly strings: readonly string[];
  readonly outcome: unknown;
  readonly strong: boolean;
}

function checkPatterns(v: unknown, add: Add, reason: CheckReason, uniqueId: UniqueId): void {
  if (!Array.isArray(v)) return add('"patterns"', '"patterns" must be an array (order matters: the first match wins)');
  const earlier: SeenPattern[] = [];
  v.forEach((p, i) => {
    const where = `patterns[${i}]`;
    if (!isObj(p)) return add('"patterns"', `${where} must be an object`);
    const needle = checkRuleHead(p, where, 'a text pattern', 'what real reply it is for', add, reason, uniqueId);
    if (p.outcome !== undefined && p.outcome !== 'transient' && p.outcome !== 'permanent')
      add(needle, `${where}.outcome must be "transient" (4xx) or "permanent" (5xx), got ${show(p.outcome)}`);
    if (p.strong !== undefined && typeof p.strong !== 'boolean') add(needle, `${where}.strong must be true or false`);
    checkSource(p.source, needle, where, add);
    checkExamples(p.examples, p.contains, needle, where, add);
    for (const k of Object.keys(p))
      if (!['id', 'contains', 'regex', 'reason', 'outcome', 'strong', 'comment', 'source', 'examples'].includes(k))
        add(needle, `${where}: unknown key "${k}"`);
    const hasContains = p.contains !== undefined;
    const hasRegex = p.regex !== undefined;
    if (hasContains === hasRegex) return add(needle, `${where} needs exactly one of "contains" and "regex"`);
    if (hasRegex) {
      for (const problem of checkSafeRegex(p.regex as string)) add(needle, `${where}.regex ${show(p.regex)} ${problem}`);
      return;
    }
    if (!checkSubstrings(p.contains, needle, `${where}.contains`, add)) return;
    const strings = p.contains as string[];
    const me: SeenPattern = { id: String(p.id), strings, outcome: p.outcome, strong: p.strong === true };
    for (const s of strings) {
      // A string that contains an earlier pattern's string can never decide:
      // the earlier pattern matches the same text first.
      const winner = earlier.find(
        (e) => (e.outcome === undefined || e.outcome === me.outcome) && (e.strong || !me.strong) && e.strings.some((t) => s.includes(t)),
      );
      if (winner)
        add(needle, `${where}.contains: "${s}" never decides: the earlier pattern "${winner.id}" matches it first (reorder or remove it)`);
    }
    if (new Set(strings).size !== strings.length) add(needle, `${where}.contains lists a string twice`);
    earlier.push(me);
  });
}

function checkReplyCodes(v: unknown, byCommand: unknown, add: Add, reason: CheckReason): void {
  const checkTable = (t: unknown, needle: string, where: string) => {
    if (!isObj(t)) return add(needle, `${where} must be an object keyed by reply code ("550")`);
    for (const [code, r] of Object.entries(t)) {
      // RFC 5321 section 4.2: a failure reply is 4yz or 5yz with y in 0-5.
      if (!/^[45][0-5]\d$/.test(code))
        add(needle, `${where}: "${code}" is not a failure reply code (4yz or 5yz, y 0-5; RFC 5321 section 4.2)`);
      reason(r, needle, `${where}."${code}"`);
      if (r === 'success') add(needle, `${where}."${code}": a failure reply cannot be a success`);
    }
  };
  checkTable(v, '"replyCodes"', 'replyCodes');
  if (!isObj(byCommand)) return add('"commandReplyCodes"', '"commandReplyCodes" must be an object keyed by command');
  for (const [cmd, t] of Object.entries(byCommand)) {
    if (!COMMANDS.has(cmd)) {
      const shared = (smtpCommands as readonly string[]).includes(cmd)
        ? ` ("${cmd}" reads the rules of "${ruleCommand(cmd as SmtpCommand)}")`
        : '';
      add(`"${cmd}": {`, `commandReplyCodes: unknown command "${cmd}"${shared} (one of ${[...COMMANDS].join(', ')})`);
    }
    checkTable(t, `"${cmd}": {`, `commandReplyCodes.${cmd}`);
  }
}

function checkClientErrors(v: unknown, add: Add, reason: CheckReason): void {
  if (!isObj(v)) return add('"clientErrors"', '"clientErrors" must be an object keyed by error code ("ECONNECTION")');
  for (const [code, rule] of Object.entries(v)) {
    const needle = `"${code}": {`;
    if (!/^E[A-Z0-9_]+$/.test(code))
      add(needle, `clientErrors: "${code}" does not look like a Node/nodemailer error code (E followed by capitals)`);
    if (!isObj(rule)) {
      add(needle, `clientErrors.${code} must be { "reason": ..., "outcome": ... }`);
      continue;
    }
    reason(rule.reason, needle, `clientErrors.${code}.reason`);
    if (rule.reason === 'success') add(needle, `clientErrors.${code}: an error cannot be a success`);
    if (rule.outcome !== 'transient' && rule.outcome !== 'permanent')
      add(needle, `clientErrors.${code}.outcome must be "transient" or "permanent"`);
  }
}

function checkOutcomeWords(v: unknown, add: Add): void {
  if (!isObj(v))
    return add(
      '"outcomeWords"',
      '"outcomeWords" must be { "permanent": [...], "transient": [...] } (words that settle the outcome of a text without a code)',
    );
  for (const k of ['permanent', 'transient']) {
    if (!checkSubstrings(v[k], '"outcomeWords"', `outcomeWords.${k}`, add)) continue;
    // They are flag words of the ASCII automaton (packages/codes/src/classify/matcher.ts).
    for (const w of v[k] as string[])
      if (/[^\x00-\x7f]/.test(w))
        add('"outcomeWords"', `outcomeWords.${k}: ${show(w)} must be ASCII (the outcome words are looked for by the ASCII automaton)`);
  }
  for (const k of Object.keys(v))
    if (!['permanent', 'transient', 'comment'].includes(k)) add('"outcomeWords"', `outcomeWords: unknown key "${k}"`);
}
