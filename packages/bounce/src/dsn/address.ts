/**
 * Address-type values of DSN fields: `rfc822; user@example.com` (RFC 3464
 * section 2.3.1, xtext of RFC 3461 section 4 in `Original-Recipient`), and
 * `utf-8; ...` (RFC 6533 section 3, unitext with `\x{HHHH}` escapes).
 *
 * @packageDocumentation
 */

/** `<a@b>` to `a@b`; `undefined` stays. */
export function stripAngles(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /<([^<>]*)>/.exec(v);
  return (m ? m[1]! : v).trim() || undefined;
}

/**
 * RFC 3461 section 4: `+HH` is the byte HH. Only the bytes an encoder must
 * escape (below `!`, above `~`, `+` and `=`) are decoded, so a plain
 * `user+ab@example.com` (a sub-address) is left alone.
 */
export function decodeXtext(s: string): string {
  return s.replace(/\+([0-9A-F]{2})/g, (m, h: string) => {
    const c = parseInt(h, 16);
    return c < 0x21 || c > 0x7e || c === 0x2b || c === 0x3d ? String.fromCharCode(c) : m;
  });
}

/** RFC 6533 section 3: `\x{HHHH}` is the code point HHHH (embedded-unicode-char). */
export function decodeUnitext(s: string): string {
  return s.replace(/\\x\{([0-9A-Fa-f]{1,6})\}/g, (m, h: string) => {
    const cp = parseInt(h, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/**
 * A recipient field's value without its address type, decoded: xtext for
 * `rfc822` when it holds `+HH`, unitext for `utf-8`. A value without a type
 * is taken as an address. Returns `undefined` for an empty address.
 */
export function decodeAddressValue(v: string): string | undefined {
  const semi = v.indexOf(';');
  const type = semi === -1 ? 'rfc822' : v.slice(0, semi).trim().toLowerCase();
  let addr = (semi === -1 ? v : v.slice(semi + 1)).trim();
  if (type === 'utf-8') addr = decodeUnitext(decodeXtext(addr));
  else if (addr.includes('+')) addr = decodeXtext(addr);
  addr = stripAngles(addr.replace(/\s*\(.*\)\s*$/, '')) ?? '';
  return addr === '' ? undefined : addr;
}
