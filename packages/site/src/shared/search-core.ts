/**
 * Client-side search over the prebuilt index (`search-index.json`, written
 * by the build): every query word must occur in an entry's code, name or
 * text; a match on the code ranks first, then on the title.
 *
 * @packageDocumentation
 */

/** One entry of the index. */
export interface SearchEntry {
  /** Path relative to the site root. */
  readonly p: string;
  /** The code as people type it: `"X.7.26"`, `"550"`, `"5.7.606-5.7.649"`. */
  readonly c: string;
  /** The title shown: sample text, reply name. */
  readonly t: string;
  /** More text searched but not shown: constant name, description, reason. */
  readonly x: string;
}

/** Fold case and a leading class digit so `5.7.26`, `4.7.26` and `x.7.26` all find `X.7.26`. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/\b[245x]\.(\d{1,3}\.\d{1,3})\b/g, 'x.$1');
}

function score(entry: SearchEntry, words: readonly string[]): number {
  const code = normalize(entry.c);
  const title = normalize(entry.t);
  const all = `${code} ${title} ${normalize(entry.x)}`;
  let total = 0;
  for (const w of words) {
    if (!all.includes(w)) return 0;
    total += code === w ? 100 : code.startsWith(w) ? 50 : title.includes(w) ? 10 : 1;
  }
  return total;
}

/** The entries that match every word of `query`, best first, at most `limit`. */
export function search(index: readonly SearchEntry[], query: string, limit = 20): SearchEntry[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return index
    .map((entry, i) => ({ entry, i, s: score(entry, words) }))
    .filter((r) => r.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, limit)
    .map((r) => r.entry);
}
