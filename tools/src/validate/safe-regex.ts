/**
 * A checker for the small regular-expression dialect that
 * registry-sources/classification.json allows in text patterns. The dialect
 * is chosen so that any pattern runs in time linear in the text with a
 * backtracking engine (V8's Irregexp): from each start position the engine
 * can only try a bounded number of paths.
 *
 * Allowed: literal characters, escapes of punctuation, `\b \d \s \w`,
 * `.`, character classes `[...]`, groups `(...)`/`(?:...)` with `|`, `^`, `$`,
 * the quantifier `?` (not after another quantifier), and at most ONE bounded
 * repetition `{m}` or `{m,n}` with `n <= 64` on a single atom.
 *
 * Refused: `*`, `+`, `{m,}`, a quantifier after a group other than `?`, `?`
 * after a group that contains a quantifier, lazy quantifiers, back-references,
 * named groups, look-arounds, upper-case letters (we match lower-cased text),
 * and anything longer than 200 characters.
 */

/** The largest `n` allowed in `{m,n}`. */
export const MAX_REPEAT = 64;

/** The longest pattern source allowed. */
export const MAX_REGEX_LENGTH = 200;

/**
 * Returns what is wrong with `source` under the dialect above, or an empty
 * list when it is acceptable. Never throws.
 */
export function checkSafeRegex(source: string): string[] {
  const problems: string[] = [];
  if (typeof source !== 'string' || source.length === 0) return ['must be a non-empty string'];
  if (source.length > MAX_REGEX_LENGTH) problems.push(`is ${source.length} characters long; at most ${MAX_REGEX_LENGTH}`);
  try {
    new RegExp(source);
  } catch (e) {
    problems.push(`does not compile: ${(e as Error).message}`);
    return problems;
  }
  let repeats = 0;
  // One entry per open group: whether something inside it is quantified.
  const groups: boolean[] = [];
  // What the previous token was, to know what a quantifier applies to.
  let prev: 'none' | 'atom' | 'group' | 'quantifier' = 'none';
  let prevGroupHasQuantifier = false;
  const markQuantified = () => {
    if (groups.length > 0) groups[groups.length - 1] = true;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (/[1-9]/.test(n)) problems.push(`back-reference \\${n} at ${i}`);
      else if (n === 'k') problems.push(`named back-reference at ${i}`);
      else if (/[A-Z]/.test(n)) problems.push(`upper-case escape \\${n} at ${i} (the text is lower-cased; use \\b \\d \\s \\w or a class)`);
      i++;
      prev = n === 'b' ? 'none' : 'atom';
      continue;
    }
    if (c === '[') {
      // A class is one atom; skip to its closing bracket, honouring escapes.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      const body = source.slice(i, j + 1);
      if (/[A-Z]/.test(body.replace(/\\./g, ''))) problems.push(`upper-case letter in class ${body} (the text is lower-cased)`);
      i = j;
      prev = 'atom';
      continue;
    }
    if (c === '(') {
      if (source[i + 1] === '?') {
        if (source[i + 2] !== ':') problems.push(`look-around or named group at ${i}: only (?:...) is allowed`);
        else i += 2;
      }
      groups.push(false);
      prev = 'none';
      continue;
    }
    if (c === ')') {
      prevGroupHasQuantifier = groups.pop() ?? false;
      if (prevGroupHasQuantifier) markQuantified();
      prev = 'group';
      continue;
    }
    if (c === '*' || c === '+') {
      problems.push(`unbounded quantifier ${c} at ${i}: use {m,n} with n <= ${MAX_REPEAT}`);
      prev = 'quantifier';
      continue;
    }
    if (c === '?') {
      if (prev === 'quantifier') problems.push(`lazy or doubled quantifier at ${i}`);
      else if (prev === 'none') problems.push(`quantifier ? at ${i} has nothing to repeat`);
      else if (prev === 'group' && prevGroupHasQuantifier) problems.push(`? at ${i} applies to a group that holds a quantifier`);
      markQuantified();
      prev = 'quantifier';
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) {
        problems.push(`unescaped { at ${i}`);
        continue;
      }
      const hi = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
      if (hi === Infinity) problems.push(`open repetition ${m[0]} at ${i}: give an upper bound <= ${MAX_REPEAT}`);
      else if (hi > MAX_REPEAT) problems.push(`repetition ${m[0]} at ${i} is over ${MAX_REPEAT}`);
      if (prev === 'group') problems.push(`repetition ${m[0]} at ${i} applies to a group: only single characters or classes may repeat`);
      else if (prev !== 'atom') problems.push(`repetition ${m[0]} at ${i} has nothing to repeat`);
      repeats++;
      markQuantified();
      i += m[0].length - 1;
      prev = 'quantifier';
      continue;
    }
    if (/[A-Z]/.test(c)) problems.push(`upper-case letter ${c} at ${i} (the text is lower-cased)`);
    prev = c === '|' || c === '^' || c === '$' ? 'none' : 'atom';
  }
  if (repeats > 1) problems.push(`has ${repeats} {m,n} repetitions; at most one (two would multiply the work per position)`);
  return problems;
}
