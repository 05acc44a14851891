/**
 * Stable names through an update (STYLE.md: names are data): every name in
 * registry-sources/names.json is kept as it is, even when IANA rewrites the
 * sample text it was derived from. A new entry gets a name derived from its
 * sample text (made unique with a number); a code that is gone loses its name,
 * which is a removal and therefore a major change.
 */
import type { NamesFile } from '../load/reviewed.js';
import { isIdentifier } from '../validate/reviewed.js';

/** names.json as read, with its optional comment. */
export type NamesData = NamesFile & { readonly $comment?: unknown };

/** What an entry or reply code needs for a name: its code and the text to derive one from. */
export interface Nameable {
  readonly code: string;
  readonly text: string;
}

/** The names after an update, and what changed. */
export interface NamesPlan {
  readonly data: NamesData;
  /** The file's new text (same format as before: two-space JSON, trailing newline). */
  readonly text: string;
  readonly added: { readonly enhanced: Readonly<Record<string, string>>; readonly reply: Readonly<Record<string, string>> };
  readonly removed: { readonly enhanced: Readonly<Record<string, string>>; readonly reply: Readonly<Record<string, string>> };
  /** Names a person should pick: a new entry without sample text is named after its code meanwhile. */
  readonly toReview: readonly string[];
}

/** Words that read better in a fixed spelling inside a PascalCase name. */
const SPELLING: Readonly<Record<string, string>> = {
  'utf-8': 'Utf8',
  dkim: 'Dkim',
  spf: 'Spf',
  arc: 'Arc',
  dns: 'Dns',
  mx: 'Mx',
  rrvs: 'Rrvs',
  requiretls: 'RequireTls',
  tls: 'Tls',
};

/**
 * A PascalCase identifier from a sample text: `Bad destination mailbox
 * address` -> `BadDestinationMailboxAddress`, `Bad sender's system address`
 * -> `BadSendersSystemAddress`. Returns an empty string when the text has no
 * letters or digits (X.6.10's sample text is empty); the caller must then ask
 * for a reviewed name.
 */
export function deriveName(sample: string): string {
  const words = sample
    .toLowerCase()
    .replace(/'/g, '')
    .split(/[^a-z0-9-]+/)
    .flatMap((w) => (SPELLING[w] ? [w] : w.split('-')))
    .filter((w) => w.length > 0);
  let name = words.map((w) => SPELLING[w] ?? w[0]!.toUpperCase() + w.slice(1)).join('');
  if (/^[0-9]/.test(name)) name = `Code${name}`;
  return name;
}

/** Registry codes in registry order: subject, then detail, numerically. */
export function compareRegistryCodes(a: string, b: string): number {
  const [, as = 0, ad = 0] = a.split('.').map(Number);
  const [, bs = 0, bd = 0] = b.split('.').map(Number);
  return as - bs || ad - bd || a.localeCompare(b);
}

/**
 * Plans names.json for the registry entries and reply codes of the new
 * upstream. `shown` is the file as named in messages.
 */
export function planNames(current: NamesData, entries: readonly Nameable[], replyCodes: readonly Nameable[], shown: string): NamesPlan {
  const toReview: string[] = [];
  const group = (table: Readonly<Record<string, string>>, items: readonly Nameable[], prefix: string, what: string) => {
    const keep = new Set(items.map((i) => i.code));
    const next: Record<string, string> = {};
    const removed: Record<string, string> = {};
    for (const [code, name] of Object.entries(table)) (keep.has(code) ? next : removed)[code] = name;
    // A removed entry's name is never given to another code: old code would silently change meaning.
    const taken = new Set(Object.values(table));
    const added: Record<string, string> = {};
    for (const item of items) {
      if (next[item.code] !== undefined) continue;
      const derived = deriveName(item.text);
      const base = derived !== '' && isIdentifier(derived) ? derived : `${prefix}${item.code.replace(/\W/g, '_')}`;
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
      if (base !== derived) {
        toReview.push(
          `${what} ${item.code} is new and has no ${prefix === 'Reply' ? 'text' : 'sample text'} to derive a constant name from: ` +
            `named ${name} after its code; give it a PascalCase name in ${shown} before this is published`,
        );
      }
      taken.add(name);
      next[item.code] = name;
      added[item.code] = name;
    }
    return { next, added, removed };
  };
  const enhanced = group(current.enhanced ?? {}, entries, 'Entry', 'registry entry');
  const reply = group(current.reply ?? {}, replyCodes, 'Reply', 'reply code');
  const sortedEnhanced = Object.fromEntries(Object.entries(enhanced.next).sort(([a], [b]) => compareRegistryCodes(a, b)));
  // Integer-like keys ("250") are enumerated in ascending order by JavaScript itself.
  const data: NamesData = { ...current, enhanced: sortedEnhanced, reply: reply.next };
  return {
    data,
    text: `${JSON.stringify(data, null, 2)}\n`,
    added: { enhanced: enhanced.added, reply: reply.added },
    removed: { enhanced: enhanced.removed, reply: reply.removed },
    toReview,
  };
}

/** The names restricted to the codes of one registry snapshot (for building the model of the pinned files). */
export function namesFor(names: NamesFile, entryCodes: readonly string[], replyCodes: readonly string[]): NamesFile {
  const pick = (table: Readonly<Record<string, string>>, keys: readonly string[]) =>
    Object.fromEntries(keys.filter((k) => table[k] !== undefined).map((k) => [k, table[k]!]));
  return { enhanced: pick(names.enhanced, entryCodes), reply: pick(names.reply, replyCodes) };
}
