/**
 * Automatic replies (RFC 3834): `Auto-Submitted: auto-replied`, and the
 * headers and subjects that vacation programs use without it.
 *
 * @packageDocumentation
 */

import type { BounceView } from './view.js';

const SUBJECT =
  /^\s*(?:auto(?:matic)?[ -]?(?:reply|response|antwort)|auto:|out of (?:the )?office|vacation|abwesenheit|absence|r[ée]ponse automatique|automatische antwort|away from)/i;

/** Whether the message is an automatic reply rather than a bounce. */
export function detectAutoReply(view: BounceView): boolean {
  const h = view.headers;
  const auto = h.get('auto-submitted')?.toLowerCase();
  if (auto !== undefined && auto.startsWith('auto-replied')) return true;
  if (
    h.get('x-autoreply') !== undefined ||
    h.get('x-autorespond') !== undefined ||
    h.get('x-autoreply-from') !== undefined ||
    h.get('x-mail-autoreply') !== undefined
  )
    return true;
  const precedence = h.get('precedence')?.toLowerCase();
  if (precedence === 'auto_reply') return true;
  return SUBJECT.test(view.subject);
}
