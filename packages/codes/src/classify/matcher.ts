/**
 * The text side of `classify`: finds the first text pattern, in the reviewed
 * order, that matches a reply text, in one pass over the text.
 *
 * The patterns see the text lower-cased, every run of whitespace as one
 * space, and every whitespace-separated token holding an `@` (an address)
 * as `@` (see {@link normalizeText}). Instead of building that string, the
 * scan masks the addresses in the text's UTF-8 bytes, folds the characters
 * as it reads them (runs of whitespace are loops of the automaton) and feeds
 * them to an Aho-Corasick automaton over every `contains` substring. The automaton is a transition table over UTF-8 bytes: one row per
 * node, one column per byte class (each byte value that occurs in a
 * substring is a class; every other byte is class 0, which leads back to the
 * root), rows a power of two wide. Building it costs one step per character of the
 * substrings; a row is completed from its failure node's row the first time
 * a scan needs it. The build runs once per thread, before V8 has compiled
 * any of it, so its loops are plain indexed loops without callbacks: about
 * 10 ms in a fresh process, most of the 17 ms the first `classify` of a
 * text costs. The scan keeps the lowest applicable pattern index and
 * stops as soon as no lower pattern applies. The few restricted regexes run only when the literals they need
 * (./literals.ts) were seen, on the normalized string, built only
 * then.
 *
 * Nothing is built before the first text needs scanning: `classify` on a
 * bare code (`mailstatus explain 5.1.1`) never pays for the automaton, and
 * the automaton of the non-ASCII substrings waits for a text that may hold
 * one of them. Memory, for the reviewed rules: the ASCII table (about
 * 10 000 nodes of 64 two-byte entries, 1.3 MB), the non-ASCII one once
 * built (about 3 600 nodes of 128, 0.9 MB), a 48 KiB byte buffer, nothing
 * per call.
 *
 * @packageDocumentation
 * @internal
 */

import { requiredLiterals } from './literals.js';
import { isAsciiSpace, isWhiteSpace } from '../whitespace.js';

/** What the matcher needs to know of one pattern. @internal */
export interface MatcherPattern {
  /** Lower-case ASCII substrings (the validator's rule); any of them matches. */
  readonly contains: readonly string[] | undefined;
  /** A restricted regex over the normalized text, when the pattern has one. */
  readonly regex: RegExp | undefined;
  /** 4 or 5 when the pattern applies only to that outcome; 0 for any. */
  readonly outcomeDigit: number;
  /** Whether the pattern beats a specific registry code. */
  readonly strong: boolean;
}

/**
 * Unicode case folding as the patterns need it: NFKC (full-width letters,
 * ligatures and compatibility forms become their plain forms: "ＵＳＥＲ" ->
 * "USER", "ﬁ" -> "fi", the KELVIN SIGN -> "K"), then lower case, then the two
 * full case foldings lower-casing misses for our languages: Greek final sigma
 * "ς" -> "σ" and German "ß" -> "ss" (Unicode CaseFolding.txt). Substrings in
 * the rules are written folded (the generator checks), texts are folded
 * before matching.
 * @internal
 */
export function foldText(s: string): string {
  const t = s.normalize('NFKC').toLowerCase();
  return t.includes('ς') || t.includes('ß') ? t.replace(/ς/g, 'σ').replace(/ß/g, 'ss') : t;
}

/** Whether every UTF-16 unit of `s` is ASCII. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * What the patterns see: case-folded ({@link foldText}), every run of
 * whitespace one space (so phrases survive line folding), and every address
 * (a run of ASCII characters other than spaces holding an `@`) replaced by
 * `@`, so that `<spam-reports@example.com>` cannot look like spam. A
 * non-ASCII character, `<` and `>` end such a run: Chinese and Japanese
 * write no space between an address and the words around it
 * ("用户test@qq.com不存在"), and "unknown user<bob@example.com>" keeps its
 * words.
 * The scan below reads the text exactly this way without building it; the
 * string is built only for the regexes and the overrides' `contains`.
 * @internal
 */
export function normalizeText(s: string): string {
  if (s.length === 0) return s;
  let t = (isAscii(s) ? s.toLowerCase() : foldText(s)).replace(/\s+/g, ' ');
  if (t.includes('@')) t = t.replace(ADDRESS, '@');
  return t;
}

/** An address as the patterns see it: ASCII other than the space, `<` and `>` around an `@` (whitespace is folded to spaces first). */
const ADDRESS = /[\x00-\x1f\x21-\x3b=\x3f-\x7f]*@[\x00-\x1f\x21-\x3b=\x3f-\x7f]*/g;

/** Larger than any text length: "no pattern can still match". */
const NEVER = 0x3fffffff;
/** "<", ">" and "@": the first two end an address token (see {@link normalizeText}). */
const LESS_THAN = 60;
const GREATER_THAN = 62;
const AT_SIGN = 64;
/** Which patterns apply: `(strongOnly ? 3 : 0) + (digit 4 -> 1, 5 -> 2, else 0)`. */
const CONTEXTS = 6;
/**
 * The longest text `classify` scans is MAX_CLASSIFY_TEXT (16 Ki UTF-16 code
 * units); UTF-8 takes at most 3 bytes per code unit. Longer texts (only
 * internal callers) get a buffer of their own.
 */
const SHARED_BUFFER_UNITS = 16 * 1024;

/** The automaton and the per-pattern tables. @internal */
export interface Matcher {
  /** How many patterns (outputs below this are pattern indexes, from it literal ids). */
  readonly patternCount: number;
  /** Byte classes: columns used in each row of `delta`. */
  readonly classes: number;
  /** Rows of `delta` are `1 << shift` wide (a power of two >= classes: a shift, not a multiply, per byte). */
  readonly shift: number;
  /**
   * UTF-8 byte -> class, ASCII letters folded to lower case, ASCII whitespace
   * the class of " ". Bytes of non-ASCII characters are
   * classes of their own when a substring holds them (the automaton runs
   * over UTF-8 bytes, so "存在しない" is five three-byte steps).
   */
  readonly byteClass: Uint8Array;
  /** Byte -> class of the byte as it is (for {@link scanFlags}). */
  readonly rawClass: Uint8Array;
  /**
   * The class of " " (0 when no substring holds it). A node reached by a
   * space stays where it is on the next one: a run of whitespace is one
   * space to the patterns.
   */
  readonly spaceClass: number;
  /**
   * Whether every word is ASCII: then every byte of a non-ASCII character is
   * class 0, which leads to the root, so a run of such characters (other
   * than spaces) leaves the scan at the root whatever it holds.
   */
  readonly asciiWords: boolean;
  /** Transition table: `delta[(node << shift) + class]`; `lazy` where the row is not complete yet. */
  readonly delta: Uint16Array | Uint32Array;
  /** The entry of `delta` not computed yet (an id no node has). */
  readonly lazy: number;
  /** Failure links (the longest proper suffix of a node that is a node too). */
  readonly fail: Int32Array;
  /** 1 for the rows of `delta` that are complete. */
  readonly rowDone: Uint8Array;
  /** The nodes with outputs (a pattern or literal ends there) are numbered from this one on. */
  readonly outputFrom: number;
  /** Outputs of node `n` are `outIds[outStart[n] .. outStart[n + 1]]`, ascending: pattern indexes, then `patternCount + literal`. */
  readonly outStart: Int32Array;
  readonly outIds: Int32Array;
  /** Whether pattern `p` applies in a context: `applies[context * patternCount + p]`. */
  readonly applies: Uint8Array;
  /** `need[context * (patternCount + 1) + best]`: the shortest literal (bytes) of an applicable pattern below `best` (NEVER if none). */
  readonly need: Int32Array;
  /** Regex patterns in order: index, and the literal ids they need (AND of ORs; empty: always run). */
  readonly regexes: readonly RegexGate[];
  /** Per literal id (minus patternCount): the scan that last saw it. */
  readonly seen: Uint32Array;
  /** Counts the scans, so that `seen` needs no clearing between them. */
  scanNo: number;
  /** How many literals the last scan saw. */
  marked: number;
  /** The UTF-8 bytes of the text being scanned; allocated on the first scan. */
  buffer: Uint8Array | undefined;
  /**
   * The substrings that hold non-ASCII characters (the languages other than
   * English), scanned only in texts that hold some: ASCII texts, nearly all,
   * keep the narrow table of the ASCII substrings.
   */
  readonly wide: WideWords | undefined;
  /** Whether the last text scanned held a non-ASCII character. */
  sawWide: boolean;
  /** The bytes the last scan read (its text folded and encoded), which the wide scan of the same text reads too. */
  scanned: Encoded | undefined;
  /** Per flag group (see {@link buildMatcher}), its words' literal ids minus `patternCount`. */
  readonly flags: readonly (readonly number[])[];
  /** The text and scan number of the last scan that ran to the end of its text (no early stop), or `undefined`. */
  lastFull: { text: string; scanNo: number } | undefined;
}

/**
 * The substrings with non-ASCII characters: what tells whether a text needs
 * their scan, and their automaton, built the first time one does (its
 * table is the widest, and ASCII logs never need it).
 */
interface WideWords {
  /** The patterns with only their non-ASCII substrings. */
  readonly patterns: readonly MatcherPattern[];
  /** The lowest index of a pattern with such a substring. */
  readonly firstPattern: number;
  /**
   * 1 at each code point that is the first non-ASCII character of some word
   * (every match holds one), so a text holding none of them needs no wide
   * scan (see {@link mayMatchWide}); `undefined` when a word's first such
   * character is beyond the BMP.
   */
  readonly keyChars: Uint8Array | undefined;
  automaton: Matcher | undefined;
}

/** A regex pattern and the literal ids every match of it contains (AND of ORs; empty: always run it). */
interface RegexGate {
  readonly index: number;
  readonly regex: RegExp;
  readonly gate: readonly (readonly number[])[];
}

/** A string the automaton looks for: a `contains` substring (id: its pattern) or a regex literal (id: `patternCount + k`). */
interface Word {
  readonly bytes: Uint8Array;
  readonly id: number;
}

/** The trie as built, before the failure links. */
interface Trie {
  readonly delta: Uint16Array | Uint32Array;
  readonly lazy: number;
  readonly nodes: number;
  readonly depth: Int32Array;
  readonly parent: Int32Array;
  readonly via: Int32Array;
  readonly own: Map<number, number[]>;
}

const utf8 = (s: string): Uint8Array => {
  encoder ??= typeof TextEncoder === 'function' ? new TextEncoder() : null;
  return encoder !== null ? (encoder as unknown as { encode(s: string): Uint8Array }).encode(s) : encodeByHand(s).bytes;
};

/** Does `s` hold a non-ASCII character? */
const hasWide = (s: string): boolean => !isAscii(s);

/**
 * Builds the automata: one over the patterns' ASCII substrings and the
 * regexes' literals, and one over the substrings with non-ASCII characters
 * (`wide`), whose byte table is several times wider. @internal
 */
export function buildMatcher(patterns: readonly MatcherPattern[], flags: readonly (readonly string[])[] = []): Matcher {
  const narrow = patterns.map((p) => ({ ...p, contains: p.contains?.filter((s) => !hasWide(s)) }));
  const wide = patterns.map((p) => ({ ...p, contains: p.contains?.filter(hasWide), regex: undefined }));
  const firstPattern = wide.findIndex((p) => (p.contains?.length ?? 0) > 0);
  return automaton(
    narrow,
    flags,
    firstPattern === -1 ? undefined : { patterns: wide, firstPattern, keyChars: keyChars(wide), automaton: undefined },
  );
}

/** The automaton of the wide words, built on first use. */
function wideAutomaton(w: WideWords): Matcher {
  return (w.automaton ??= automaton(w.patterns, [], undefined));
}

/**
 * One Aho-Corasick automaton over the patterns' substrings, the regexes'
 * literals and the flag words (ASCII words whose presence a full scan records,
 * such as the outcome words: see {@link flagged}).
 */
function automaton(patterns: readonly MatcherPattern[], flagWords: readonly (readonly string[])[], wide: WideWords | undefined): Matcher {
  const P = patterns.length;
  const { words, regexes, minLen, literals, flags } = collectWords(patterns, flagWords);
  const { classes, byteClass, rawClass } = byteClasses(words);
  const shift = 32 - Math.clz32(classes - 1 || 1);
  const trie = buildTrie(words, rawClass, classes, shift);
  const links = failureLinks(trie, shift);
  const { delta, fail, outs, outputFrom } = outputsLast(trie, links.fail, links.outs, shift, rawClass[32]!);
  const { outStart, outIds } = outputRanges(outs, trie.nodes);
  const rowDone = new Uint8Array(trie.nodes);
  rowDone[0] = 1;
  const { applies, need } = contextTables(patterns, minLen);
  return {
    patternCount: P,
    classes,
    shift,
    byteClass,
    rawClass,
    spaceClass: rawClass[32]!,
    asciiWords: rawClass.subarray(128).every((c) => c === 0),
    delta,
    lazy: trie.lazy,
    fail,
    rowDone,
    outputFrom,
    outStart,
    outIds,
    applies,
    need,
    regexes,
    seen: new Uint32Array(literals),
    scanNo: 0,
    marked: 0,
    buffer: undefined,
    wide,
    sawWide: false,
    scanned: undefined,
    flags,
    lastFull: undefined,
  };
}

/** See {@link WideWords.keyChars}: the first non-ASCII character of each `contains` substring. */
function keyChars(patterns: readonly MatcherPattern[]): Uint8Array | undefined {
  const keys = new Uint8Array(0x10000);
  for (const p of patterns)
    for (const s of p.contains ?? []) {
      const k = [...s].find((ch) => ch.charCodeAt(0) > 127);
      if (k === undefined) continue;
      const cp = k.codePointAt(0)!;
      if (cp > 0xffff) return undefined;
      keys[cp] = 1;
    }
  return keys;
}

/**
 * Whether the folded bytes of a text hold a character of `w.keyChars`
 * (always, without that table): without one no word of `w` can match.
 */
function mayMatchWide(w: WideWords, e: Encoded): boolean {
  const keys = w.keyChars;
  if (keys === undefined) return true;
  const b = e.bytes;
  for (let i = 0; i < e.length; i++) {
    const c = b[i]!;
    if (c < 0xc0) continue; // ASCII and continuation bytes
    const cp = codePointAt(b, i);
    if (cp > 0xffff || keys[cp] === 1) return true;
  }
  return false;
}

/** The words to look for, the regexes with their literal gates, and each pattern's shortest word in bytes. */
function collectWords(
  patterns: readonly MatcherPattern[],
  flagWords: readonly (readonly string[])[],
): { words: Word[]; regexes: RegexGate[]; minLen: number[]; literals: number; flags: number[][] } {
  const P = patterns.length;
  // Literal ids for the regex gates, shared between regexes.
  const literalIds = new Map<string, number>();
  const regexes: RegexGate[] = [];
  const minLen = new Array<number>(P).fill(NEVER);
  const words: Word[] = [];
  const add = (s: string, id: number, index: number) => {
    const bytes = utf8(s);
    words.push({ bytes, id });
    minLen[index] = Math.min(minLen[index]!, bytes.length);
  };
  patterns.forEach((p, index) => {
    for (const s of p.contains ?? []) if (s.length > 0) add(s, index, index); // an empty substring never matches
    if (p.regex === undefined) return;
    // A set that one character satisfies (" " in "doesn't have an? [^ ]{1,64} account") is open in nearly
    // every text, and as a literal it would stop the scan at every space: it is left out of the gate.
    const sets = requiredLiterals(p.regex.source).filter((set) => set.every((s) => s.length > 1));
    const gate = sets.map((set) =>
      set.map((s) => {
        let id = literalIds.get(s);
        if (id === undefined) {
          id = P + literalIds.size;
          literalIds.set(s, id);
          add(s, id, index);
        } else minLen[index] = Math.min(minLen[index]!, utf8(s).length);
        return id;
      }),
    );
    regexes.push({ index, regex: p.regex, gate });
  });
  // Flag words are literals too (shared with the regexes'), outside every pattern's minimum.
  const flags = flagWords.map((group) =>
    group
      .filter((s) => s.length > 0 && !hasWide(s))
      .map((s) => {
        let id = literalIds.get(s);
        if (id === undefined) {
          id = P + literalIds.size;
          literalIds.set(s, id);
          words.push({ bytes: utf8(s), id });
        }
        return id - P;
      }),
  );
  return { words, regexes, minLen, literals: literalIds.size, flags };
}

/**
 * Byte classes: every byte value that occurs in a word is a class; class 0
 * is every other byte (it leads back to the root). `byteClass` folds ASCII
 * capitals onto lower case and ASCII whitespace onto " ".
 */
function byteClasses(words: readonly Word[]): { classes: number; byteClass: Uint8Array; rawClass: Uint8Array } {
  const rawClass = new Uint8Array(256);
  let classes = 1;
  for (let w = 0; w < words.length; w++) {
    const bytes = words[w]!.bytes;
    for (let i = 0; i < bytes.length; i++) if (rawClass[bytes[i]!] === 0) rawClass[bytes[i]!] = classes++;
  }
  const byteClass = new Uint8Array(256);
  for (let c = 0; c < 256; c++) byteClass[c] = isAsciiSpace(c) ? rawClass[32]! : rawClass[c >= 65 && c <= 90 ? c + 32 : c]!;
  return { classes, byteClass, rawClass };
}

/**
 * The trie, straight into the transition table. Every entry starts as `lazy`
 * (an id no node has): the rows are completed only when a scan first needs
 * them (see `materialize`), so building costs one step per byte of the
 * words, not one per node and class.
 */
function buildTrie(words: readonly Word[], classOf: Uint8Array, classes: number, shift: number): Trie {
  let cap = 1;
  for (let w = 0; w < words.length; w++) cap += words[w]!.bytes.length;
  const lazy = cap;
  const delta = cap < 0xffff ? new Uint16Array(cap << shift).fill(lazy) : new Uint32Array(cap << shift).fill(lazy);
  const depth = new Int32Array(cap);
  const parent = new Int32Array(cap);
  const via = new Int32Array(cap);
  const own = new Map<number, number[]>();
  let nodes = 1;
  for (let w = 0; w < words.length; w++) {
    const { bytes, id } = words[w]!;
    let node = 0;
    for (let i = 0; i < bytes.length; i++) {
      const cls = classOf[bytes[i]!]!;
      const k = (node << shift) + cls;
      let next = delta[k]!;
      if (next === lazy) {
        next = nodes++;
        delta[k] = next;
        depth[next] = i + 1;
        parent[next] = node;
        via[next] = cls;
      }
      node = next;
    }
    const list = own.get(node);
    if (list === undefined) own.set(node, [id]);
    else if (!list.includes(id)) list.push(id);
  }
  // The root's row is complete already: no child means "stay at the root".
  for (let c = 0; c < classes; c++) if (delta[c] === lazy) delta[c] = 0;
  // A run of whitespace is one space: a node reached by a space stays on the next one (a word
  // holding two spaces in a row can never match, as on the normalized text).
  const space = classOf[32]!;
  if (space !== 0) for (let v = 1; v < nodes; v++) if (via[v] === space) delta[(v << shift) + space] = v;
  return { delta, lazy, nodes, depth, parent, via, own };
}

/**
 * Breadth first (nodes in order of depth: the order of the words' bytes is
 * not that, so sort by depth with a counting pass): the failure links,
 * following the failure chain of the parent through real children only, and
 * each node's outputs (its own and its failure node's).
 */
function failureLinks(t: Trie, shift: number): { fail: Int32Array; outs: (readonly number[] | undefined)[] } {
  const { nodes, depth, parent, via, delta, lazy, own } = t;
  const byDepth = new Int32Array(nodes);
  let maxDepth = 0;
  for (let v = 0; v < nodes; v++) maxDepth = Math.max(maxDepth, depth[v]!);
  const depthStart = new Int32Array(maxDepth + 2);
  for (let v = 0; v < nodes; v++) depthStart[depth[v]! + 1]!++;
  for (let d = 0; d <= maxDepth; d++) depthStart[d + 1]! += depthStart[d]!;
  for (let v = 0; v < nodes; v++) byDepth[depthStart[depth[v]!]!++] = v;
  const fail = new Int32Array(nodes);
  const outs: (readonly number[] | undefined)[] = new Array(nodes);
  for (let k = 1; k < nodes; k++) {
    const v = byDepth[k]!;
    const u = parent[v]!;
    const c = via[v]!;
    let f = 0;
    if (u !== 0) {
      // The longest proper suffix that is also a prefix: a child by `c` of some node on u's failure chain.
      for (let g = fail[u]!; ; g = fail[g]!) {
        const next = delta[(g << shift) + c]!;
        if (next !== lazy && next !== 0 && parent[next] === g) {
          f = next;
          break;
        }
        if (g === 0) break;
      }
    }
    fail[v] = f;
    outs[v] = mergeOutputs(own.get(v), outs[f]);
  }
  return { fail, outs };
}

/**
 * The nodes renumbered so that those with outputs come last (the root stays
 * 0: it has none): the scan tells an output node by its number, without a
 * table read per byte.
 */
function outputsLast(
  t: Trie,
  fail: Int32Array,
  outs: readonly (readonly number[] | undefined)[],
  shift: number,
  space: number,
): { delta: Uint16Array | Uint32Array; fail: Int32Array; outs: (readonly number[] | undefined)[]; outputFrom: number } {
  const { nodes, lazy } = t;
  const id = new Int32Array(nodes);
  let next = 0;
  for (let v = 0; v < nodes; v++) if (outs[v] === undefined) id[v] = next++;
  const outputFrom = next;
  for (let v = 0; v < nodes; v++) if (outs[v] !== undefined) id[v] = next++;
  // The table holds only the trie's edges, the root's row and the space loops so far (see buildTrie).
  // Each entry is copied under the new numbers: the root's row, the edge into each node, each space loop.
  const from = t.delta;
  const delta = (from instanceof Uint16Array ? new Uint16Array(nodes << shift) : new Uint32Array(nodes << shift)).fill(lazy);
  for (let c = 0; c < 1 << shift; c++) delta[c] = from[c] === lazy ? lazy : id[from[c]!]!;
  const { parent, via } = t;
  const newFail = new Int32Array(nodes);
  const newOuts: (readonly number[] | undefined)[] = new Array(nodes);
  for (let v = 0; v < nodes; v++) {
    const w = id[v]!;
    // The edge into v, unless a space loop took its place (a word with two spaces in a row: see buildTrie).
    if (v > 0 && from[(parent[v]! << shift) + via[v]!] === v) delta[(id[parent[v]!]! << shift) + via[v]!] = w;
    if (from[(v << shift) + space] === v) delta[(w << shift) + space] = w;
    newFail[w] = id[fail[v]!]!;
    newOuts[w] = outs[v];
  }
  return { delta, fail: newFail, outs: newOuts, outputFrom };
}

/** The outputs as ranges of one array. */
function outputRanges(outs: readonly (readonly number[] | undefined)[], nodes: number): { outStart: Int32Array; outIds: Int32Array } {
  const outStart = new Int32Array(nodes + 1);
  let total = 0;
  for (let node = 0; node < nodes; node++) {
    outStart[node] = total;
    total += outs[node]?.length ?? 0;
  }
  outStart[nodes] = total;
  const outIds = new Int32Array(total);
  for (let node = 0; node < nodes; node++) {
    const list = outs[node];
    if (list !== undefined) for (let k = 0; k < list.length; k++) outIds[outStart[node]! + k] = list[k]!;
  }
  return { outStart, outIds };
}

/** Per context (strong only or not; outcome digit), which patterns apply and the shortest word that could still beat each index. */
function contextTables(patterns: readonly MatcherPattern[], minLen: readonly number[]): { applies: Uint8Array; need: Int32Array } {
  const P = patterns.length;
  const applies = new Uint8Array(CONTEXTS * P);
  const need = new Int32Array(CONTEXTS * (P + 1));
  for (let ctx = 0; ctx < CONTEXTS; ctx++) {
    const strongOnly = ctx >= 3;
    const digit = ctx % 3 === 1 ? 4 : ctx % 3 === 2 ? 5 : 0;
    let shortest = NEVER;
    for (let p = 0; p < P; p++) {
      need[ctx * (P + 1) + p] = shortest;
      const pat = patterns[p]!;
      const ok = !(strongOnly && !pat.strong) && (pat.outcomeDigit === 0 || pat.outcomeDigit === digit);
      applies[ctx * P + p] = ok ? 1 : 0;
      if (ok) shortest = Math.min(shortest, minLen[p]!);
    }
    need[ctx * (P + 1) + P] = shortest;
  }
  return { applies, need };
}

/** The union of a node's own outputs and its failure node's (sorted, no repeats; shared when one side is empty). */
function mergeOutputs(mine: number[] | undefined, inherited: readonly number[] | undefined): readonly number[] | undefined {
  if (mine === undefined) return inherited;
  if (mine.length > 1) mine.sort((x, y) => x - y);
  if (inherited === undefined) return mine;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < mine.length || j < inherited.length) {
    const x = i < mine.length ? mine[i]! : Infinity;
    const y = j < inherited.length ? inherited[j]! : Infinity;
    out.push(x <= y ? x : y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}

/** The code point of the UTF-8 sequence led by `b[i]` (>= 0x80; TextEncoder's output is well formed). Astral planes: 0x10000 (none matters here). */
function codePointAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0xe0) return ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f);
  if (c < 0xf0) return ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
  return 0x10000;
}

/**
 * Whether the UTF-8 sequence at `b[i]` (>= 0x80) is whitespace beyond ASCII
 * (`isWhiteSpace`); only the lead bytes C2, E1, E2, E3 and EF start one
 * (U+00A0, U+1680, U+2000-U+205F, U+3000, U+FEFF).
 */
function isWideSpaceAt(b: Uint8Array, i: number): boolean {
  const c = b[i]!;
  return (c === 0xc2 || c === 0xe1 || c === 0xe2 || c === 0xe3 || c === 0xef) && isWhiteSpace(codePointAt(b, i));
}

/** The end of the run of non-ASCII characters other than spaces that starts at `b[i]` (>= 0x80). */
function wideRunEnd(b: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80 || isWideSpaceAt(b, i)) return i;
    i += c < 0xc0 ? 1 : sequenceLength(c);
  }
  return n;
}

/** Bytes of the UTF-8 sequence led by `c` (>= 0xc0). */
function sequenceLength(c: number): number {
  return c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/** Whether byte `c` may be part of an address token: ASCII other than whitespace, `<` and `>` (see {@link normalizeText}). */
function inToken(c: number): boolean {
  return c < 128 && c !== LESS_THAN && c !== GREATER_THAN && !isAsciiSpace(c);
}

/**
 * Replaces every address token of the folded bytes `b[0..n)` by one `@`, as
 * {@link normalizeText} does; returns the new length. One pass: the bytes
 * between tokens move down once, each to where the masked text has come
 * (`w`), so the positions still to read stay those of `s`: when `ascii`, the
 * bytes are `s` itself and its native `indexOf` finds the next `@`.
 */
function maskAddresses(b: Uint8Array, n: number, s: string, ascii: boolean): number {
  let w = 0;
  let r = 0;
  for (let at = ascii ? s.indexOf('@') : nextAt(b, 0, n); at >= 0; at = ascii ? s.indexOf('@', r) : nextAt(b, r, n)) {
    let start = at;
    while (start > r && inToken(b[start - 1]!)) start--;
    let end = at + 1;
    while (end < n && inToken(b[end]!)) end++;
    b.copyWithin(w, r, start);
    w += start - r;
    b[w++] = AT_SIGN;
    r = end;
  }
  b.copyWithin(w, r, n);
  return w + n - r;
}

/** The index of the first `@` in `b[from..end)`, or -1. */
function nextAt(b: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i++) if (b[i] === AT_SIGN) return i;
  return -1;
}

/** The part of TextEncoder (WHATWG Encoding; Node >= 11, browsers, Deno, Bun) the matcher uses. */
interface Utf8Encoder {
  encode(source: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { written: number };
}
let encoder: Utf8Encoder | null | undefined;

/**
 * Where `node` goes on class `cls`, completing the node's row (and those of
 * its failure chain) first: an entry missing from a row is the failure
 * node's entry. Only the rows a scan reaches are ever completed, a few
 * hundred in practice.
 */
function materialize(m: Matcher, node: number, cls: number): number {
  const { delta, fail, rowDone, lazy, shift, classes } = m;
  const chain: number[] = [];
  for (let u = node; rowDone[u] === 0; u = fail[u]!) chain.push(u);
  for (let k = chain.length - 1; k >= 0; k--) {
    const u = chain[k]!;
    const row = u << shift;
    const frow = fail[u]! << shift;
    for (let c = 0; c < classes; c++) if (delta[row + c] === lazy) delta[row + c] = delta[frow + c]!;
    rowDone[u] = 1;
  }
  return delta[(node << shift) + cls]!;
}

/**
 * The index of the first pattern, in order, that applies (`digit` 4/5, 0
 * when the outcome is unknown: restricted patterns are then skipped;
 * `strongOnly`: only `strong` patterns) and matches `text` as
 * {@link normalizeText} would make it; -1 when none.
 * @internal
 */
export function firstMatch(m: Matcher, text: string, digit: number, strongOnly: boolean, full = false): number {
  if (text.length === 0) return -1;
  const ctx = (strongOnly ? 3 : 0) + (digit === 4 ? 1 : digit === 5 ? 2 : 0);
  const scanNo = (m.scanNo = m.scanNo === 0xffffffff ? restartScans(m) : m.scanNo + 1);
  let best = scan(m, text, ctx, scanNo, full);
  m.lastFull = full ? { text, scanNo } : undefined;
  // The substrings in other scripts, only for a text that has such characters.
  // (Not when a narrow pattern already won that comes before every wide one.)
  // It reads the bytes the narrow scan folded and encoded; a text holding no
  // character that starts the non-ASCII part of a word needs no wide scan.
  if (m.sawWide && m.wide !== undefined && best > m.wide.firstPattern && mayMatchWide(m.wide, m.scanned!))
    best = Math.min(best, scan(wideAutomaton(m.wide), text, ctx, 0, false, m.scanned));
  const regexes = m.regexes;
  let normalized: string | undefined;
  for (let k = 0; k < regexes.length; k++) {
    const r = regexes[k]!;
    if (r.index >= best) break;
    // Most texts hold none of the literals: then only a regex that needs none can match.
    if (m.applies[ctx * m.patternCount + r.index] === 0 || (r.gate.length > 0 && (m.marked === 0 || !gateOpen(m, r.gate, scanNo))))
      continue;
    normalized ??= normalizeText(text);
    if (r.regex.test(normalized)) return r.index;
  }
  return best === m.patternCount ? -1 : best;
}

/**
 * Whether a word of flag group `group` occurs in `text` (folded as
 * {@link normalizeText} folds it). Reads the marks of the last scan when it
 * ran over the same text to the end (classify's text step does, for a text
 * without a code), else scans it now.
 * @internal
 */
export function flagged(m: Matcher, text: string, group: number): boolean {
  if (text.length === 0) return false;
  if (m.lastFull === undefined || m.lastFull.text !== text) firstMatch(m, text, 0, false, true);
  const scanNo = m.lastFull!.scanNo;
  for (const id of m.flags[group] ?? []) if (m.seen[id] === scanNo) return true;
  return false;
}

function restartScans(m: Matcher): number {
  m.seen.fill(0);
  return 1;
}

function gateOpen(m: Matcher, gate: readonly (readonly number[])[], scanNo: number): boolean {
  const P = m.patternCount;
  for (const set of gate) {
    let any = false;
    for (const id of set) if (m.seen[id - P] === scanNo) any = true;
    if (!any) return false;
  }
  return true;
}

/** UTF-8 bytes in a buffer, and how many of them hold the text. */
interface Encoded {
  readonly bytes: Uint8Array;
  readonly length: number;
}

/** UTF-8 by hand, for a runtime without TextEncoder (surrogate pairs as two 3-byte units: no rule holds one). */
function encodeByHand(s: string): Encoded {
  const bytes = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes[n++] = c;
    else if (c < 0x800) ((bytes[n++] = 0xc0 | (c >> 6)), (bytes[n++] = 0x80 | (c & 0x3f)));
    else ((bytes[n++] = 0xe0 | (c >> 12)), (bytes[n++] = 0x80 | ((c >> 6) & 0x3f)), (bytes[n++] = 0x80 | (c & 0x3f)));
  }
  return { bytes, length: n };
}

/** The UTF-8 bytes of `s` and their count (into the matcher's reused buffer when `s` fits). */
function encode(m: Matcher, s: string): Encoded {
  encoder ??= typeof TextEncoder === 'function' ? new TextEncoder() : null;
  if (encoder === null) return encodeByHand(s);
  const bytes = s.length <= SHARED_BUFFER_UNITS ? (m.buffer ??= new Uint8Array(SHARED_BUFFER_UNITS * 3)) : new Uint8Array(s.length * 3);
  return { bytes, length: encoder.encodeInto(s, bytes).written };
}

/**
 * The bytes the patterns see: `s` as is when it is ASCII (the scan folds
 * ASCII capitals itself), else case-folded first ({@link foldText}); the
 * addresses masked ({@link maskAddresses}). A UTF-8 encoding longer than the
 * string means a non-ASCII character (`m.sawWide`).
 */
function foldedBytes(m: Matcher, s: string): Encoded {
  let e = encode(m, s);
  m.sawWide = e.length !== s.length;
  if (m.sawWide) {
    // classify may scan a text twice (the second time to its end, for the outcome words): fold it once.
    if (s !== lastFolded.from) lastFolded = { from: s, to: foldText(s) };
    e = encode(m, lastFolded.to);
  } else if (!s.includes('@')) return e;
  return { bytes: e.bytes, length: maskAddresses(e.bytes, e.length, s, !m.sawWide) };
}

/** The last text {@link foldedBytes} folded, and its folded form. */
let lastFolded: { from: string; to: string } = { from: '', to: '' };

/**
 * One pass over `s`, folded as {@link normalizeText} folds it: the lowest
 * applicable `contains` pattern (`patternCount` when none); marks the regex
 * literals seen in `m.seen` with `scanNo`.
 *
 * The scan reads the UTF-8 bytes of the text (TextEncoder.encodeInto into a
 * reused buffer): reading a byte array is several times cheaper than
 * charCodeAt on the sliced strings that extractReply hands over. The
 * addresses are masked in the bytes first, and runs of whitespace are loops
 * of the automaton, so an ASCII byte is one table step. The loop is one
 * function on purpose: it is the hot path of classify, and its state lives
 * in locals.
 */
function scan(m: Matcher, s: string, ctx: number, scanNo: number, full = false, folded?: Encoded): number {
  const P = m.patternCount;
  m.marked = 0;
  m.sawWide = false;
  // A full scan reads to the end whatever the patterns need (the flag words may still come).
  let needLen = full ? 0 : m.need[ctx * (P + 1) + P]!;
  // Every byte gives the automaton at most one step; a UTF-8 text is at least as long in bytes.
  if (needLen > s.length * 3) return P;
  const { bytes: b, length: n } = (m.scanned = folded ?? foldedBytes(m, s));
  if (needLen > n) return P;
  const { delta, byteClass, outputFrom, outStart, outIds, applies, need, seen, shift, spaceClass, lazy, asciiWords } = m;
  const appliesAt = ctx * P;
  const needAt = ctx * (P + 1);
  let best = P;
  let marked = 0;
  let node = 0;
  let i = 0;
  while (i < n) {
    const c = b[i++]!;
    let cls = byteClass[c]!;
    if (c >= 128) {
      if (isWideSpaceAt(b, i - 1)) {
        // (Only these lead bytes start a space beyond ASCII: U+00A0, U+1680, U+2000-U+205F, U+3000, U+FEFF.)
        i += sequenceLength(c) - 1;
        cls = spaceClass;
      } else if (asciiWords) {
        // Non-ASCII characters lead to the root here: the whole run up to a space or an ASCII byte leaves the scan there.
        i = wideRunEnd(b, i - 1, n);
        node = 0;
        continue;
      }
    }
    const next = delta[(node << shift) + cls]!;
    node = next !== lazy ? next : materialize(m, node, cls);
    if (node >= outputFrom) {
      // Regex literals are marked; an applicable lower pattern becomes best.
      for (let k = outStart[node]!, end = outStart[node + 1]!; k < end; k++) {
        const id = outIds[k]!;
        if (id >= P) {
          if (seen[id - P] !== scanNo) {
            seen[id - P] = scanNo;
            marked++;
          }
        } else if (id < best && applies[appliesAt + id] === 1) {
          best = id;
          if (!full) needLen = need[needAt + best]!;
        }
      }
      // Nothing below best can match any more.
      if (needLen === NEVER) break;
    }
  }
  m.marked = marked;
  return best;
}

/**
 * The patterns whose `contains` substrings occur in `text` as given (no
 * folding, but a run of spaces counts as one), as flags indexed like the
 * patterns: for tests.
 * @internal
 */
export function scanFlags(m: Matcher, text: string): Uint8Array {
  const hits = new Uint8Array(m.patternCount);
  flagHits(m, text, hits);
  if (m.wide !== undefined) flagHits(wideAutomaton(m.wide), text, hits);
  return hits;
}

function flagHits(m: Matcher, text: string, hits: Uint8Array): void {
  const { bytes, length } = encode(m, text);
  let node = 0;
  for (let i = 0; i < length; i++) {
    const cls = m.rawClass[bytes[i]!]!;
    const next = m.delta[(node << m.shift) + cls]!;
    node = next !== m.lazy ? next : materialize(m, node, cls);
    for (let k = m.outStart[node]!; k < m.outStart[node + 1]!; k++) {
      const id = m.outIds[k]!;
      if (id < m.patternCount) hits[id] = 1;
    }
  }
}
