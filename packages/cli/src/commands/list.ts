/**
 * `mailstatus list`: the registry's enumerated codes, or the RFC 5321 reply
 * codes, filtered.
 *
 * @packageDocumentation
 */

import { enhancedStatuses, replyCodes, type EnhancedStatusInfo, type ReplyCodeInfo } from '@mailstatus/codes';
import type { ListOptions } from '../argv.js';

/** What `mailstatus list` found: one kind of row or the other. */
export type ListResult =
  | { readonly kind: 'enhanced'; readonly filtered: boolean; readonly entries: readonly EnhancedStatusInfo[] }
  | { readonly kind: 'reply-codes'; readonly filtered: boolean; readonly entries: readonly ReplyCodeInfo[] };

/**
 * A search for a concrete code such as `5.7.26` also finds the registry's
 * `X.7.26`: the registry writes the class as X (RFC 3463 section 2).
 */
function searchTerms(search: string): string[] {
  const s = search.trim().toLowerCase();
  const terms = [s];
  if (/^[245]\.[0-9]{1,3}\.[0-9]{1,3}$/.test(s)) terms.push(`x${s.slice(1)}`);
  return terms;
}

function matchesAny(haystacks: readonly string[], terms: readonly string[]): boolean {
  return haystacks.some((h) => {
    const lower = h.toLowerCase();
    return terms.some((t) => lower.includes(t));
  });
}

/**
 * Lists registry entries (or reply codes with `replyCodes`), keeping those
 * that match every filter given. An empty result is returned as such; the
 * caller decides that it means "not found".
 */
export function list(options: Omit<ListOptions, 'command' | 'json'>): ListResult {
  const filtered = options.class !== undefined || options.subject !== undefined || options.search !== undefined;
  const terms = options.search !== undefined ? searchTerms(options.search) : undefined;
  if (options.replyCodes) {
    const entries = replyCodes.filter(
      (r) =>
        (options.class === undefined || Math.floor(r.code / 100) === options.class) &&
        (terms === undefined || matchesAny([String(r.code), r.name, r.text, r.note ?? ''], terms)),
    );
    return { kind: 'reply-codes', filtered, entries };
  }
  const cls = options.class;
  const entries = enhancedStatuses.filter(
    (e) =>
      (cls === undefined || (cls !== 3 && e.classes.includes(cls))) &&
      (options.subject === undefined || e.subject === options.subject) &&
      (terms === undefined || matchesAny([e.code, e.name, e.sample, e.description], terms)),
  );
  return { kind: 'enhanced', filtered, entries };
}
