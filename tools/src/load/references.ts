/**
 * IANA's reference column in structured form: `[RFC3463] (Standards Track)`,
 * `[RFC7372], Section 3.3 (Standards Track)`, `[draft-levine-mailbomb-header-00]`,
 * several joined by `; `. Total: text it cannot read becomes `kind: "other"`.
 */
import type { Reference } from '../../../packages/codes/src/types.js';

/** Where a reference that is no RFC or draft links: the registry itself. */
export const REGISTRY_URL = 'https://www.iana.org/assignments/smtp-enhanced-status-codes/';

const ONE = /^\[([^\]]+)\](?:\s*,?\s*Section\s+([\d.]*\d))?\s*(?:\(([^)]*)\))?$/i;
const LOOSE = /^(RFC\s?\d+)(?:\s*,?\s*Section\s+([\d.]*\d))?$/i;

export function parseReference(raw: string, fallbackUrl: string): Reference {
  const text = raw.trim();
  const m = ONE.exec(text) ?? LOOSE.exec(text);
  if (!m) return { kind: 'other', id: text, url: fallbackUrl };
  const id = m[1]!.replace(/\s+/g, '');
  const section = m[2];
  const status = m[3]?.trim() || undefined;
  const rfc = /^RFC(\d+)$/i.exec(id);
  if (rfc) {
    const n = Number(rfc[1]);
    return {
      kind: 'rfc',
      id: `RFC${n}`,
      rfc: n,
      ...(section ? { section } : {}),
      ...(status ? { status } : {}),
      url: `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`,
    };
  }
  if (/^draft-[a-z0-9-]+$/i.test(id)) {
    return { kind: 'draft', id, ...(status ? { status } : {}), url: `https://datatracker.ietf.org/doc/html/${id}` };
  }
  return { kind: 'other', id, ...(status ? { status } : {}), url: fallbackUrl };
}

export function parseReferences(raw: string, fallbackUrl: string): Reference[] {
  return raw
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => parseReference(s, fallbackUrl));
}
