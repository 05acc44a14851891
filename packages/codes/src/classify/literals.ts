/**
 * The literal substrings that every match of a restricted pattern regex must
 * contain. `classify` looks for them with the same automaton as the
 * `contains` substrings, and runs a regex only when its literals are all in
 * the text: most replies then never run any of the regexes.
 *
 * The answer is an AND of ORs: `"exceed(s|ed|ing)? .{0,40}quota"` needs
 * `exceed` and `quota` (`[["exceed"], ["quota"]]`), `"\\b(spf|dkim)\\b"` needs
 * `spf` or `dkim` (`[["spf", "dkim"]]`). It must never claim a literal the
 * regex can do without, or a reply would be classified differently; so
 * anything not understood here (escapes of letters, classes, look-arounds,
 * quantified atoms, non-ASCII characters) simply contributes nothing, and a
 * regex with no provable literal is always run.
 *
 * @packageDocumentation
 * @internal
 */

/** AND of ORs of literal strings; an empty list proves nothing (always run the regex). @internal */
export type RequiredLiterals = readonly (readonly string[])[];

/**
 * What every match of `source` (a valid JavaScript regex source, no flags)
 * must contain, as ASCII literals. Never throws; proves less when unsure.
 * @internal
 */
export function requiredLiterals(source: string): RequiredLiterals {
  try {
    const parser = new Parser(source);
    const alternatives = parser.alternation();
    // Anything left over (an unbalanced ")") means we did not read it right.
    if (parser.i !== source.length) return [];
    return oneOf(alternatives);
  } catch {
    return [];
  }
}

/** A group or the whole regex: it matches when one alternative does; what do all alternatives share? */
function oneOf(alternatives: readonly RequiredLiterals[]): RequiredLiterals {
  if (alternatives.length === 1) return alternatives[0]!;
  const union = new Set<string>();
  for (const alt of alternatives) {
    if (alt.length === 0) return [];
    // Any one required OR-set of each alternative will do; take the one whose
    // shortest literal is longest (the rarest to find by chance).
    let pick = alt[0]!;
    for (const set of alt) if (shortest(set) > shortest(pick)) pick = set;
    for (const s of pick) union.add(s);
  }
  return [[...union]];
}

function shortest(set: readonly string[]): number {
  let n = Infinity;
  for (const s of set) n = Math.min(n, s.length);
  return n;
}

/** Letters and digits: after a backslash they mean something else (`\b`, `\d`, `\x41`, `\1`). */
function isWordish(c: string): boolean {
  return isDigit(c) || isLetter(c);
}

function isDigit(c: string): boolean {
  return c.length === 1 && c >= '0' && c <= '9';
}

function isLetter(c: string): boolean {
  return c.length === 1 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function isHex(c: string): boolean {
  return isDigit(c) || (c.length === 1 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
}

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  /** Alternatives up to a `)` or the end. */
  alternation(): RequiredLiterals[] {
    const alts: RequiredLiterals[] = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  /** One alternative: literal runs and groups, up to `|`, `)` or the end. */
  sequence(): RequiredLiterals {
    const s = this.s;
    const out: (readonly string[])[] = [];
    let run = '';
    const flush = () => {
      if (run.length > 0) out.push([run]);
      run = '';
    };
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '|' || c === ')') break;
      if (c === '(') {
        flush();
        this.i++;
        let lookaround = false;
        if (s[this.i] === '?') {
          // (?:...) groups like (...); look-arounds and named groups prove nothing here.
          lookaround = s[this.i + 1] !== ':';
          this.i += 2;
          if (lookaround && s[this.i - 1] === '<' && s[this.i] !== '=' && s[this.i] !== '!') {
            while (this.i < s.length && s[this.i] !== '>') this.i++;
            this.i++;
          }
        }
        const inner = this.alternation();
        if (s[this.i] !== ')') throw new Error('unbalanced group');
        this.i++;
        if (this.quantifier()) continue; // an optional or repeated group proves nothing
        if (!lookaround) out.push(...oneOf(inner).filter((set) => set.length > 0));
        continue;
      }
      if (c === '?' || c === '*' || c === '+' || (c === '{' && this.isBraces())) {
        // The atom before the quantifier may be absent or repeated: it is not a fixed literal.
        run = run.slice(0, -1);
        flush();
        this.quantifier();
        continue;
      }
      if (c === '\\') {
        const n = s[this.i + 1] ?? '';
        this.i += 2;
        if (n.length === 1 && n.charCodeAt(0) < 128 && !isWordish(n) && n.charCodeAt(0) >= 32) {
          run += n;
          continue;
        }
        flush();
        // Skip what the escape reads after its letter (\x41, \u0041, \cJ, \12,
        // \k<name>), so that it is not taken for literal text; skipping too
        // much only proves less.
        if (n === 'x') this.skip(isHex, 2);
        else if (n === 'u') this.skip(isHex, 4);
        else if (n === 'c') this.skip(isLetter, 1);
        else if (isDigit(n)) this.skip(isDigit, Infinity);
        else if (n === 'k' && s[this.i] === '<') this.i = s.includes('>', this.i) ? s.indexOf('>', this.i) + 1 : s.length;
        continue;
      }
      if (c === '[') {
        flush();
        // A class is one character that varies: skip it (in a class the first "]" closes it).
        this.i++;
        if (s[this.i] === '^') this.i++;
        while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
        if (this.i >= s.length) throw new Error('unclosed class');
        this.i++;
        continue;
      }
      this.i++;
      const code = c.charCodeAt(0);
      // ".", "^", "$" and the characters that are only literal by accident are not fixed text.
      if (c === '.' || c === '^' || c === '$' || c === '{' || c === '}' || c === ']' || code < 32 || code >= 127) flush();
      else run += c;
    }
    flush();
    return out;
  }

  /** Skips up to `max` characters for which `ok` holds. */
  skip(ok: (c: string) => boolean, max: number): void {
    for (let k = 0; k < max && this.i < this.s.length && ok(this.s[this.i]!); k++) this.i++;
  }

  /** `{m}` / `{m,}` / `{m,n}` at the cursor. */
  isBraces(): boolean {
    const s = this.s;
    let j = this.i + 1;
    if (!isDigit(s[j] ?? '')) return false;
    while (isDigit(s[j] ?? '')) j++;
    if (s[j] === ',') for (j++; isDigit(s[j] ?? '');) j++;
    return s[j] === '}';
  }

  /** Skips a quantifier (with a lazy `?`) at the cursor; whether there was one. */
  quantifier(): boolean {
    const c = this.s[this.i];
    if (c === '?' || c === '*' || c === '+') this.i++;
    else if (c === '{' && this.isBraces()) this.i = this.s.indexOf('}', this.i) + 1;
    else return false;
    if (this.s[this.i] === '?') this.i++;
    return true;
  }
}
