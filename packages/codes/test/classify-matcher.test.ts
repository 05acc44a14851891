/**
 * The pattern matcher behind classify() (src/classify/matcher.ts) against a
 * plain reference: fold the text as the patterns see it (lower-case, one
 * space per whitespace run, address tokens as "@"), then try every pattern
 * in order with `includes` and the regex. The matcher folds on the fly,
 * scans UTF-8 bytes, completes its automaton lazily, stops early and skips
 * regexes whose literals are absent; none of that may change an answer.
 * Also: the literals every regex needs (src/classify/literals.ts), and the
 * bounded caches of the input side.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import { requiredLiterals } from '../src/classify/literals.js';
import { buildMatcher, firstMatch, normalizeText } from '../src/classify/matcher.js';
import { compiledRules } from '../src/classify/rules.js';
import { classificationRules as rules } from '../src/generated/classification.js';

/**
 * The folding, written out independently of the matcher: NFKC, lower case,
 * final sigma and sharp s folded, whitespace runs as one space, and every run
 * of ASCII other than the space, "<" and ">" that holds an "@" as "@" (a
 * space, "<", ">" or a non-ASCII character ends a run).
 */
function fold(s: string): string {
  const t = s.normalize('NFKC').toLowerCase().replace(/ς/g, 'σ').replace(/ß/g, 'ss').replace(/\s+/g, ' ');
  let out = '';
  let run = '';
  const flush = () => {
    out += run.includes('@') ? '@' : run;
    run = '';
  };
  for (const ch of t) {
    if (ch !== ' ' && ch !== '<' && ch !== '>' && ch.charCodeAt(0) < 128) run += ch;
    else {
      flush();
      out += ch;
    }
  }
  flush();
  return out;
}

const patterns = compiledRules().patterns;

/** The first applicable pattern, in order, that matches; -1 when none. */
function reference(text: string, digit: number, strongOnly: boolean): number {
  const t = fold(text);
  if (t.length === 0) return -1;
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i]!;
    if (strongOnly && !p.strong) continue;
    if (p.outcomeDigit !== 0 && p.outcomeDigit !== digit) continue;
    if ((p.contains ?? []).some((s) => s.length > 0 && t.includes(s)) || p.regex?.test(t) === true) return i;
  }
  return -1;
}

const CONTEXTS: readonly [number, boolean][] = [0, 4, 5].flatMap((d) => [[d, false] as [number, boolean], [d, true] as [number, boolean]]);
const matcher = buildMatcher(patterns);

function agree(text: string): void {
  for (const [digit, strong] of CONTEXTS) {
    expect(firstMatch(matcher, text, digit, strong), `${JSON.stringify(text.slice(0, 200))} digit ${digit} strong ${strong}`).toBe(
      reference(text, digit, strong),
    );
  }
}

const substrings = rules.patterns.flatMap((p) => p.contains ?? []);
const regexSamples = [
  "this user doesn't have a yahoo.com account",
  'your ip is listed in zen',
  'not listed in domino directory',
  'rejected by rbl',
  'spf check failed',
  'dkim=fail',
  'user has exceeded their allotted quota',
  'broken mime parts',
  'delivery failed 20 attempts',
  '450 busy - please try later',
];

describe('the folding', () => {
  it('is the one the matcher documents', () => {
    for (const s of ['', ' ', 'A  B', ' Spam@Example.com  said\tNO ', 'x\u00a0\u2028y', 'İ K', 'a@ b @c'])
      expect(normalizeText(s)).toBe(fold(s));
  });
});

describe('matcher = reference', () => {
  // Every substring in the ways real text disguises it: case, folded
  // whitespace, the two characters that lower-case to ASCII, glued to an
  // address (then it is masked), next to an address, at the very end.
  const variants = (s: string): string[] => [
    `x ${s} y`,
    s,
    s.toUpperCase(),
    `${s.replace(/ /g, ' \t\r\n ')}.`,
    s.replace(/ /g, '\u00a0'),
    s.replace(/ /g, '\u3000\u2029'),
    s.replace(/k/g, '\u212a'),
    s.replace(/i/, '\u0130'),
    `${s}@example.com and more`,
    `<bob@example.com> ${s}`,
    `a@b ${s} c@d`,
    `mailto:${s.replace(/ /g, '@')}`,
    `é${s}é`,
    `${'x '.repeat(40)}${s}`,
  ];
  it.each(substrings.map((s) => [s]))('%s', (s) => {
    for (const v of variants(s)) agree(v);
  });

  it('on the regex samples and around them', () => {
    for (const s of regexSamples)
      for (const v of [s, s.toUpperCase(), `${s}@x`, `x@${s}`, s.replace(/ /g, '  '), `${substrings[0]} ${s}`]) agree(v);
  });

  it('when a later text holds a lower pattern (no early stop too soon)', () => {
    const byIndex = rules.patterns.map((p) => p.contains?.[0]).filter((s): s is string => s !== undefined);
    for (let k = 1; k < byIndex.length; k++) agree(`${byIndex[k]} ${'filler '.repeat(k)}${byIndex[k - 1]}`);
    agree(`${byIndex.slice().reverse().join(' ')}`);
  });

  it('never with a word holding two spaces in a row (the normalized text has none)', () => {
    const m = buildMatcher([{ contains: ['a  b', 'c d'], regex: undefined, outcomeDigit: 0, strong: false }]);
    expect(firstMatch(m, 'a  b', 0, false)).toBe(-1);
    expect(firstMatch(m, 'c \t\u3000 d', 0, false)).toBe(0);
  });

  it('builds the non-ASCII automaton only for a text that may hold one of its words', () => {
    const m = buildMatcher([
      { contains: ['user unknown'], regex: undefined, outcomeDigit: 0, strong: false },
      { contains: ['存在しない', 'не существует'], regex: undefined, outcomeDigit: 0, strong: false },
    ]);
    expect(m.wide?.firstPattern).toBe(1);
    expect(firstMatch(m, 'User Unknown', 0, false)).toBe(0);
    expect(firstMatch(m, 'no such mailbox', 0, false)).toBe(-1);
    // Non-ASCII, but none of the words' first non-ASCII characters: still no scan, so nothing to build.
    expect(firstMatch(m, 'Empfänger unbekannt', 0, false)).toBe(-1);
    expect(m.wide?.automaton).toBeUndefined();
    expect(firstMatch(m, 'ユーザーは存在しない', 0, false)).toBe(1);
    expect(m.wide?.automaton).toBeDefined();
    expect(firstMatch(m, 'ящик не существует', 0, false)).toBe(1);
  });

  it('on long texts (past the shared buffer) and binary-looking ones', () => {
    agree(`${'a'.repeat(20_000)} ${substrings[5]}`);
    agree(`${'ü'.repeat(17_000)} ${substrings[7]}`);
    agree(`${'\u{1F600}'.repeat(9_000)}${substrings[9]}`);
    agree(`\u0000\uffff\ud800${substrings[3]}\udc00`);
    agree(`${'a@b '.repeat(3000)}${substrings[11]} <x@y>${substrings[12]}@z ${'é@ü '.repeat(100)}${substrings[13]}`);
  });

  it('on random texts built from the rules', () => {
    const piece = fc.oneof(
      fc.constantFrom(...substrings),
      fc.constantFrom(...regexSamples),
      fc.constantFrom(
        '@',
        'a@b',
        ' ',
        '\t',
        '\u00a0',
        '\u2028',
        'İ',
        '\u212a',
        'K',
        'Σ',
        '😀',
        '\ud800',
        'é',
        'T ',
        'failed 7 attempts',
        '<',
        '>',
        '＠',
      ),
      fc.string({ maxLength: 5 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    const text = fc
      .tuple(fc.array(piece, { maxLength: 10 }), fc.constantFrom('', ' ', '@', '\u3000', 'x'))
      .map(([parts, sep]) => parts.join(sep));
    fc.assert(
      fc.property(text, (t) => {
        agree(t);
        agree(t.toUpperCase());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('literals a regex needs', () => {
  it.each([
    ["doesn't have an? [^ ]{1,64} account", [["doesn't have a"], [' '], [' account']]],
    ['(^|[^t] )listed in', [['listed in']]],
    ['\\brbl\\b', [['rbl']]],
    ['\\b(spf|dkim)\\b', [['spf', 'dkim']]],
    ['exceed(s|ed|ing)? .{0,40}quota', [['exceed'], [' '], ['quota']]],
    ['failed [0-9]{1,4} attempts', [['failed '], [' attempts']]],
    ['abc?d', [['ab'], ['d']]],
    ['a|bc', [['a', 'bc']]],
    ['a|b?', []],
    ['(ab)?cd', [['cd']]],
    ['(?:ab|cd)e', [['ab', 'cd'], ['e']]],
    ['x(?=abc)y', [['x'], ['y']]],
    ['\\x41bc', [['bc']]],
    ['\\u0041\\.z', [['.z']]],
    ['\\cJq', [['q']]],
    ['(a)\\1b', [['a'], ['b']]],
    ['[abc]def', [['def']]],
    ['[]]x', [['x']]],
    ['a{2}b', [['b']]],
    ['a{x}', [['a'], ['x']]],
    ['ab+c', [['a'], ['c']]],
    ['é+x', [['x']]],
  ] as [string, string[][]][])('%s', (source, expected) => {
    expect(requiredLiterals(source)).toEqual(expected);
  });

  it('only ever lists text every match contains', () => {
    const sources = [
      ...rules.patterns.flatMap((p) => (p.regex !== undefined ? [p.regex] : [])),
      'a(bc|de)?f',
      '(x|yz)w',
      '^ab|cd$',
      'q\\.r',
      '[^a]b{1,3}c',
    ];
    const text = fc
      .array(
        fc.constantFrom(
          'a',
          'b',
          'c',
          'd',
          'e',
          'f',
          'w',
          'x',
          'y',
          'z',
          'q',
          '.',
          'r',
          ' ',
          "doesn't have a",
          'account',
          'listed in',
          'rbl',
          'spf',
          'dkim',
          'exceed',
          'quota',
          'mime',
          'failed',
          'attempts',
          '12',
          'busy',
          'ed',
        ),
        { maxLength: 12 },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        for (const source of sources) {
          if (!new RegExp(source).test(t)) continue;
          for (const set of requiredLiterals(source))
            expect(
              set.some((s) => t.includes(s)),
              `${source} on ${JSON.stringify(t)}`,
            ).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('proves nothing from what it cannot read', () => {
    for (const source of ['(', 'a)', '[abc', '\\']) expect(requiredLiterals(source)).toEqual([]);
  });
});

describe('input caches stay correct and bounded', () => {
  it('reads every enhanced code and command right past the cache size', () => {
    for (let subject = 0; subject < 30; subject++) {
      for (let detail = 0; detail < 30; detail++) {
        const code = `5.${subject}.${detail}`;
        const c = classify(`550 ${code} x (in reply to ${detail % 2 === 0 ? 'RCPT TO' : 'end of DATA'} command)`);
        expect(c.enhanced).toBe(code);
        expect(c.command).toBe(detail % 2 === 0 ? 'RCPT' : 'END-OF-DATA');
      }
    }
  });
});
