/**
 * The classification rules, compiled on first use: the text patterns into
 * one Aho-Corasick automaton (so matching is one pass over the text, however
 * many substrings the rules list), the few restricted regexes into RegExp
 * objects, and the overrides into numeric ranges.
 *
 * Nothing runs at import time: {@link compiledRules} builds the tables on
 * its first call and keeps them.
 *
 * @packageDocumentation
 * @internal
 */

import type { ClassificationRules, Reason } from './classification-types.js';
import { classificationRules } from './generated/classification.js';

/** One text pattern, ready to test. @internal */
export interface CompiledPattern {
  readonly id: string;
  readonly reason: Reason;
  /** 4 or 5 when the pattern applies only to that outcome; 0 for any. */
  readonly outcomeDigit: 0 | 4 | 5;
  readonly strong: boolean;
  /** Set for `regex` patterns; `contains` patterns are in the automaton. */
  readonly regex: RegExp | undefined;
}

/** One override with its code parsed. @internal */
export interface CompiledOverride {
  readonly id: string;
  readonly cls: number;
  readonly subject: number;
  readonly lo: number;
  readonly hi: number;
  readonly contains: readonly string[] | undefined;
  readonly reason: Reason;
}

/** @internal */
export interface CompiledRules {
  readonly raw: ClassificationRules;
  readonly patterns: readonly CompiledPattern[];
  readonly overrides: readonly CompiledOverride[];
  /**
   * The patterns that match `text`, as flags indexed like `patterns`; only
   * the `contains` patterns (regexes are tested by the caller, lazily).
   */
  readonly scan: (text: string) => Uint8Array;
}

let compiled: CompiledRules | undefined;

/** The compiled rules, built on the first call. @internal */
export function compiledRules(): CompiledRules {
  return (compiled ??= compile(classificationRules));
}

/** Builds the matcher for a rules object (exported for tests of broken rule sets). @internal */
export function compile(raw: ClassificationRules): CompiledRules {
  const patterns: CompiledPattern[] = raw.patterns.map((p) => ({
    id: p.id,
    reason: p.reason,
    outcomeDigit: p.outcome === 'transient' ? 4 : p.outcome === 'permanent' ? 5 : 0,
    strong: p.strong === true,
    regex: p.regex !== undefined ? new RegExp(p.regex) : undefined,
  }));
  const overrides: CompiledOverride[] = [];
  for (const o of raw.overrides) {
    const range = o.code.split('-');
    const a = (range[0] ?? '').split('.').map(Number);
    const b = (range[1] ?? range[0] ?? '').split('.').map(Number);
    if (a.length !== 3 || b.length !== 3) continue; // the generator rejects these; never crash here
    overrides.push({ id: o.id, cls: a[0]!, subject: a[1]!, lo: a[2]!, hi: b[2]!, contains: o.contains, reason: o.reason });
  }
  const automaton = buildAutomaton(raw.patterns.map((p) => p.contains ?? []));
  return {
    raw,
    patterns,
    overrides,
    scan: (text) => runAutomaton(automaton, text, patterns.length),
  };
}

/**
 * Aho-Corasick over 7-bit characters (the validator keeps every substring
 * ASCII). A transition is looked up in one Map keyed `node * 128 + char`,
 * which stays a small integer; a character >= 128 sends the scan back to the
 * root, since no substring contains one.
 */
interface Automaton {
  readonly next: Map<number, number>;
  readonly fail: Int32Array;
  /** For each node, the patterns whose substrings end here (own and through fail links). */
  readonly out: ReadonlyArray<readonly number[] | undefined>;
}

function buildAutomaton(substrings: readonly (readonly string[])[]): Automaton {
  const next = new Map<number, number>();
  const own: number[][] = [[]];
  let nodes = 1;
  substrings.forEach((list, pattern) => {
    for (const s of list) {
      let node = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i) & 127;
        const key = node * 128 + c;
        let n = next.get(key);
        if (n === undefined) {
          n = nodes++;
          next.set(key, n);
          own.push([]);
        }
        node = n;
      }
      if (!own[node]!.includes(pattern)) own[node]!.push(pattern);
    }
  });
  // Children per node for the breadth-first pass.
  const children: number[][] = Array.from({ length: nodes }, () => []);
  for (const [key, child] of next) children[Math.floor(key / 128)]!.push(key % 128, child);
  const fail = new Int32Array(nodes);
  const out: (number[] | undefined)[] = new Array(nodes);
  const queue: number[] = [];
  for (let k = 0; k < children[0]!.length; k += 2) {
    const child = children[0]![k + 1]!;
    fail[child] = 0;
    queue.push(child);
  }
  out[0] = undefined;
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    const mine = own[node]!;
    const inherited = out[fail[node]!];
    const merged = inherited ? [...new Set([...mine, ...inherited])].sort((x, y) => x - y) : mine.slice().sort((x, y) => x - y);
    out[node] = merged.length > 0 ? merged : undefined;
    const kids = children[node]!;
    for (let k = 0; k < kids.length; k += 2) {
      const c = kids[k]!;
      const child = kids[k + 1]!;
      let f = fail[node]!;
      let target = next.get(f * 128 + c);
      while (target === undefined && f !== 0) {
        f = fail[f]!;
        target = next.get(f * 128 + c);
      }
      fail[child] = target ?? 0;
      queue.push(child);
    }
  }
  return { next, fail, out };
}

function runAutomaton(a: Automaton, text: string, count: number): Uint8Array {
  const hits = new Uint8Array(count);
  const { next, fail, out } = a;
  let node = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      node = 0;
      continue;
    }
    for (;;) {
      const n = next.get(node * 128 + c);
      if (n !== undefined) {
        node = n;
        break;
      }
      if (node === 0) break;
      node = fail[node]!;
    }
    const o = out[node];
    if (o !== undefined) for (let k = 0; k < o.length; k++) hits[o[k]!] = 1;
  }
  return hits;
}
