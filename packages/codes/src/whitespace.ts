/**
 * Whitespace as JavaScript knows it: what `\s` matches and
 * `String.prototype.trim` removes (ECMA-262 WhiteSpace and LineTerminator:
 * tab, LF, VT, FF, CR, space, NBSP, U+1680, U+2000-U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000, U+FEFF), for loops that read character codes.
 *
 * @packageDocumentation
 * @internal
 */

/** ASCII whitespace as JavaScript's `\s` knows it: tab, LF, VT, FF, CR, space. @internal */
export function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Whether the UTF-16 unit or code point `c` is whitespace (see the module). @internal */
export function isWhiteSpace(c: number): boolean {
  if (c > 32 && c < 160) return false;
  return (
    isAsciiSpace(c) ||
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
