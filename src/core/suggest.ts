/**
 * "Did you mean": the closest known name to a mistyped one, by edit distance (a swapped pair of letters counts
 * as one edit, as typing mistakes do), or one the typed text begins. Nothing when no name is close.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((d[i - 1]?.[j] ?? 0) + 1, (d[i]?.[j - 1] ?? 0) + 1, (d[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[i - 2]?.[j - 2] ?? 0) + 1);
      }
      (d[i] as number[])[j] = best;
    }
  }
  return d[a.length]?.[b.length] ?? 0;
}

/** The known name closest to `typed`, if one is close enough to be what was meant. */
export function closest(typed: string, known: Iterable<string>): string | undefined {
  const lower = typed.toLowerCase();
  // Up to a third of the letters wrong (at least one, at most three): further than that is a different word.
  const allowed = Math.max(1, Math.min(3, Math.floor(lower.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  if (best) return best.name;
  if (lower.length >= 3) {
    const started = [...known].filter((name) => name.toLowerCase().startsWith(lower));
    if (started.length === 1) return started[0];
  }
  return undefined;
}

/** ` (did you mean "x"?)`, or nothing. */
export function didYouMean(
  typed: string,
  known: Iterable<string>,
  quote: (name: string) => string = JSON.stringify,
): string {
  const name = closest(typed, known);
  return name === undefined ? "" : ` (did you mean ${quote(name)}?)`;
}
