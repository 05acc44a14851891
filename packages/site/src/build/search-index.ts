/**
 * The prebuilt search index: registry entries, reply codes, classes,
 * subjects and the real-world codes of the classification overrides.
 *
 * @packageDocumentation
 */

import {
  classificationRules,
  enhancedClasses,
  enhancedStatuses,
  enhancedSubjects,
  replyCodes,
  type EnhancedStatusInfo,
} from '@mailstatus/codes';
import { classPath, enhancedPath, replyPath, subjectPath } from '../shared/routes.js';
import type { SearchEntry } from '../shared/search-core.js';
import { relatedCodes } from './model.js';

const short = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The reasons classify gives an entry (`mailbox-full`), so the words of the reason find it. */
function reasonsOf(entry: EnhancedStatusInfo): string {
  const rule = classificationRules.enhanced[entry.code];
  return [...new Set([rule?.['4'], rule?.['5']].filter(Boolean))].map((r) => String(r).replace(/-/g, ' ')).join(' ');
}

/** Every entry of the index, in the order ties are shown. */
export function searchIndex(): SearchEntry[] {
  return [
    ...enhancedStatuses.map((e) => ({
      p: enhancedPath(e.code),
      c: e.code,
      t: e.sample || e.name,
      x: `${e.name} ${reasonsOf(e)} ${short(e.description)}`,
    })),
    ...replyCodes.map((r) => ({ p: replyPath(r.code), c: String(r.code), t: r.name, x: r.text })),
    ...enhancedClasses.map((c) => ({ p: classPath(c.class), c: c.code, t: c.summary, x: 'class' })),
    ...enhancedSubjects.map((s) => ({ p: subjectPath(s.subject), c: s.code, t: s.summary, x: 'subject' })),
    ...relatedCodes.map((o) => ({ p: subjectPath(o.subject), c: o.code, t: `${o.reason} (real-world)`, x: short(o.comment) })),
  ];
}
