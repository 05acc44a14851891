/**
 * Turns whatever {@link classify} is given into one shape: reply code,
 * enhanced code, text, command and client error code.
 *
 * @packageDocumentation
 * @internal
 */

import { toSmtpCommand, type SmtpCommand } from '../command.js';
import { parseEnhancedCode, type ParsedEnhancedCode } from '../enhanced-code.js';
import { extractReply, type ExtractedReply } from '../extract.js';

/**
 * The most text the patterns look at. RFC 5321 section 4.5.3.1.5 limits a
 * reply line to 512 octets and real multi-line replies stay under a few KiB;
 * the cap bounds the work on hostile or accidental megabyte inputs.
 */
export const MAX_CLASSIFY_TEXT = 16 * 1024;

/** @internal */
export interface NormalizedInput {
  /** A reply code 200-599, when one was given or found. */
  readonly code: number | undefined;
  readonly enhanced: ParsedEnhancedCode | undefined;
  /** The reply text as given (not yet lower-cased), at most {@link MAX_CLASSIFY_TEXT} characters. */
  readonly text: string;
  readonly command: SmtpCommand | undefined;
  /** A client-side error code such as `ECONNECTION` (nodemailer) or `ECONNREFUSED` (Node). */
  readonly clientError: string | undefined;
  /** The outcome a DSN gave as context says (its Status class, else its Action); it wins over the codes in prose. */
  readonly dsnOutcome: 'success' | 'transient' | 'permanent' | undefined;
}

/** An input with nothing usable (also what `classify` reads when a getter or proxy of the input throws). @internal */
export const EMPTY: NormalizedInput = {
  code: undefined,
  enhanced: undefined,
  text: '',
  command: undefined,
  clientError: undefined,
  dsnOutcome: undefined,
};

/**
 * Reads a string (through `extractReply`), a parsed reply, `{ code, enhanced,
 * text }`, a nodemailer error or an `Error`. May throw only if a getter of
 * the input throws; `classify` catches that.
 * @internal
 */
export function normalizeInput(input: unknown, context?: unknown): NormalizedInput {
  const n =
    typeof input === 'string'
      ? fromString(input)
      : typeof input === 'object' && input !== null
        ? fromObject(input as Record<string, unknown>)
        : typeof input === 'number'
          ? { ...EMPTY, code: replyCode(input) }
          : EMPTY;
  return typeof context === 'object' && context !== null ? withContext(n, context as Record<string, unknown>) : n;
}

/**
 * Applies what the caller knows about the failure (`ClassifyContext`):
 * - `command` (nodemailer's, a DSN's, or a name such as `"RCPT TO"`) wins
 *   over the command the text names;
 * - a DSN `Status` wins over the codes quoted in the prose unless they agree
 *   (RFC 3464 section 2.3.4: the Status is the reporting MTA's verdict), for
 *   the reason and the outcome; a Status of X.0.0 says only the class, so
 *   the prose's codes, when there are any, decide;
 * - a DSN `Action` (RFC 3464 section 2.3.3) gives the outcome when neither a
 *   specific Status nor a code in the prose does: `failed` permanent,
 *   `delayed` transient, `delivered`, `relayed`, `expanded` success.
 * @internal
 */
export function withContext(
  n: NormalizedInput,
  c: { readonly command?: unknown; readonly status?: unknown; readonly action?: unknown },
): NormalizedInput {
  const command = cachedCommand(c.command) ?? n.command;
  // A log's `dsn=5.1.1` is most often the code its reply quotes (`550 5.1.1`): that code, read already.
  const status =
    typeof c.status !== 'string' ? undefined : n.enhanced !== undefined && c.status === n.enhanced.code ? n.enhanced : statusCode(c.status);
  const action = outcomeOfAction(c.action);
  const inProse = n.code !== undefined || n.enhanced !== undefined;
  let enhanced = n.enhanced;
  let dsnOutcome: NormalizedInput['dsnOutcome'];
  if (status !== undefined && status.subject === 0 && status.detail === 0) {
    // X.0.0 says only the class: the prose's codes say more, and without
    // them the Action (Gmail writes 4.0.0 with "failed" for an NXDOMAIN).
    enhanced ??= status;
    dsnOutcome = inProse ? undefined : (action ?? OUTCOME_OF_CLASS[status.class]);
  } else if (status !== undefined) {
    if (enhanced?.code !== status.code) enhanced = status;
    dsnOutcome = OUTCOME_OF_CLASS[status.class];
  } else dsnOutcome = inProse ? undefined : action;
  if (command === n.command && enhanced === n.enhanced && dsnOutcome === undefined) return n;
  return { code: n.code, enhanced, text: n.text, command, clientError: n.clientError, dsnOutcome };
}

const OUTCOME_OF_CLASS: Readonly<Record<number, 'success' | 'transient' | 'permanent'>> = { 2: 'success', 4: 'transient', 5: 'permanent' };

function outcomeOfAction(v: unknown): NormalizedInput['dsnOutcome'] {
  if (typeof v !== 'string') return undefined;
  // The words as the log readers and DSN parsers give them, without a trim or a copy.
  const a = v === 'failed' || v === 'delayed' || v === 'delivered' ? v : v.trim().toLowerCase();
  return a === 'failed'
    ? 'permanent'
    : a === 'delayed'
      ? 'transient'
      : a === 'delivered' || a === 'relayed' || a === 'expanded'
        ? 'success'
        : undefined;
}

function fromString(s: string): NormalizedInput {
  return s.length === 0 ? EMPTY : fromExtracted(s, extractReply(s));
}

/** A non-empty string `s` whose reply `extractReply(s)` already found (or did not). @internal */
export function fromExtracted(s: string, r: ExtractedReply | undefined): NormalizedInput {
  // One object shape for every result (no spreads): classify reads these fields per line.
  if (r === undefined)
    return { code: undefined, enhanced: undefined, text: cap(s), command: undefined, clientError: undefined, dsnOutcome: undefined };
  // extractReply gives the text after the code; when there is none, the
  // words around the code are all there is.
  const text = r.text.length > 0 ? r.text : s;
  return {
    code: replyCode(r.code),
    enhanced: r.enhanced === undefined ? undefined : parsedEnhanced(r.enhanced),
    text: cap(text),
    command: r.command,
    clientError: undefined,
    dsnOutcome: undefined,
  };
}

/**
 * A reply already split into its codes and text (a log reader's `550 5.1.1
 * text`), as `fromObject` reads `{ code, enhanced, text }`: without the
 * checks an unknown object needs. `code` is a reply code 200-599.
 * @internal
 */
export function fromReply(code: number, enhanced: string | undefined, text: string): NormalizedInput {
  let e = enhanced === undefined ? undefined : parsedEnhanced(enhanced);
  let t = text;
  if (e === undefined && t.length > 0) {
    // RFC 2034 section 4: the enhanced code leads the text.
    const lead = leadingEnhanced(t);
    if (lead) {
      e = lead.code;
      t = t.slice(lead.end);
    }
  }
  return { code, enhanced: e, text: cap(t), command: undefined, clientError: undefined, dsnOutcome: undefined };
}

/** A DSN Status's code: as `leadingEnhanced` reads it, from the cache when it is one bare token. */
function statusCode(status: string): ParsedEnhancedCode | undefined {
  if (status.length <= 11 && !/[ \t]/.test(status)) return parsedEnhanced(status);
  return leadingEnhanced(status)?.code;
}

/**
 * A mail log repeats a handful of enhanced codes and commands millions of
 * times: parsed codes are kept by their string (at most
 * {@link CACHE_LIMIT} of each; the cache starts over when full, so memory
 * stays bounded whatever the input). The parsed codes are immutable.
 */
const CACHE_LIMIT = 512;
const enhancedCache = /* @__PURE__ */ new Map<string, ParsedEnhancedCode | undefined>();
const commandCache = /* @__PURE__ */ new Map<string, SmtpCommand | undefined>();

/** `compute(key)`, kept in `cache` (see {@link CACHE_LIMIT}). */
function remembered<V>(cache: Map<string, V>, key: string, compute: (key: string) => V): V {
  let value = cache.get(key);
  if (value === undefined && !cache.has(key)) {
    value = compute(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value as V;
}

function parsedEnhanced(v: string): ParsedEnhancedCode | undefined {
  return remembered(enhancedCache, v, enhancedCode);
}

/** {@link toSmtpCommand}, kept by the string. */
function cachedCommand(v: unknown): SmtpCommand | undefined {
  return typeof v === 'string' ? remembered(commandCache, v, toSmtpCommand) : undefined;
}

function fromObject(o: Record<string, unknown>): NormalizedInput {
  // nodemailer's SMTP errors: responseCode, response (the raw reply), command,
  // and code as a string such as 'EENVELOPE' or 'ECONNECTION'.
  const response = typeof o.response === 'string' ? fromString(o.response) : EMPTY;
  const clientError = errorCode(o.code);
  let code = replyCode(o.responseCode) ?? replyCode(o.code) ?? response.code;
  let enhanced = enhancedCode(o.enhanced) ?? response.enhanced;
  let text = textOf(o.text) ?? textOf(o.lines) ?? response.text;
  let cmd = response.command;
  if (code === undefined && enhanced === undefined && text.length > 0) {
    // `{ text: '550 5.1.1 ...' }`: the codes may be inside the text.
    const inner = fromString(text);
    code = inner.code;
    enhanced = inner.enhanced;
    text = inner.text;
    cmd ??= inner.command;
  } else if (enhanced === undefined && text.length > 0) {
    // `{ code: 550, text: '5.1.1 User unknown' }` (RFC 2034 section 4: the
    // enhanced code leads the text).
    const lead = leadingEnhanced(text);
    if (lead) {
      enhanced = lead.code;
      text = text.slice(lead.end);
    }
  }
  if (code === undefined && enhanced === undefined && text.length === 0 && typeof o.message === 'string') {
    // An Error whose message is the reply ("550 5.1.1 User unknown").
    const m = fromString(o.message);
    if (clientError === undefined || m.code !== undefined)
      return { ...m, command: toSmtpCommand(o.command) ?? cmd ?? m.command, clientError };
    text = m.text;
  }
  // The command given wins over the one the text names.
  return { code, enhanced, text: cap(text), command: toSmtpCommand(o.command) ?? cmd, clientError, dsnOutcome: undefined };
}

function cap(s: string): string {
  return s.length > MAX_CLASSIFY_TEXT ? s.slice(0, MAX_CLASSIFY_TEXT) : s;
}

/** A reply code 200-599 from a number or a three-digit string (RFC 5321 section 4.2). */
function replyCode(v: unknown): number | undefined {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.length === 3) n = Number(v);
  else return undefined;
  return Number.isInteger(n) && n >= 200 && n <= 599 ? n : undefined;
}

function enhancedCode(v: unknown): ParsedEnhancedCode | undefined {
  if (typeof v === 'string') return parseEnhancedCode(v.length <= 11 ? v : v.trim());
  if (typeof v === 'object' && v !== null) {
    const e = v as Record<string, unknown>;
    if (typeof e.code === 'string') return parseEnhancedCode(e.code);
    if (typeof e.class === 'number' && typeof e.subject === 'number' && typeof e.detail === 'number') {
      return parseEnhancedCode(`${e.class}.${e.subject}.${e.detail}`);
    }
  }
  return undefined;
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    let s = '';
    for (let i = 0; i < v.length && s.length < MAX_CLASSIFY_TEXT; i++) if (typeof v[i] === 'string') s += (s ? ' ' : '') + (v[i] as string);
    return s;
  }
  return undefined;
}

/** `E` followed by capitals, digits and `_`: nodemailer's and Node's error codes. */
function errorCode(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length < 2 || v.length > 32 || v.charCodeAt(0) !== 69 /* E */) return undefined;
  for (let i = 1; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return undefined;
  }
  return v;
}

function leadingEnhanced(text: string): { code: ParsedEnhancedCode; end: number } | undefined {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  let j = i;
  while (j < text.length && j - i <= 11 && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 9) j++;
  const code = parseEnhancedCode(text.slice(i, j));
  return code ? { code, end: j } : undefined;
}
