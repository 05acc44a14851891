/**
 * "Did you mean": the known name closest to a mistyped one, the way git and
 * npm suggest commands. Close means an edit distance (Damerau-Levenshtein:
 * insert, delete, replace, swap two neighbours) of at most 1 for names up to
 * 4 characters and 2 for longer ones, so `lsit` finds `list` and `--jsn`
 * finds `--json`, but `x` finds nothing.
 *
 * @packageDocumentation
 */

/** Edit distance with adjacent swaps counting 1 (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name closest to `typed`, or `undefined` when none is close
 * enough. Case is ignored; on a tie the first in `known` wins.
 */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const limit = Math.min(t.length, k.length) <= 4 ? 1 : 2;
    const dist = editDistance(t, k.toLowerCase());
    if (dist <= limit && dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}
