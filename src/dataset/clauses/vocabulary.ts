/**
 * Art.10(2)(d) — vocabulary skew, spanforge's heuristic exactly (specs/spanforge.md §f.2) so verdicts agree:
 * the most frequent word's share of all words of three or more characters; under 30 words → low; > 40 % →
 * high; > 20 % → medium; only low passes. The words are counted by the scanner's core pass (`CoreTotals`).
 */
import type { DatasetClause } from "./clause.js";

export type SkewSignal = "low" | "medium" | "high";

export function skewSignal(maxCount: number, total: number): SkewSignal {
  if (total < 30) return "low";
  const ratio = maxCount / total;
  return ratio > 0.4 ? "high" : ratio > 0.2 ? "medium" : "low";
}

export const vocabularySkew: DatasetClause<null> = {
  id: "Art.10(2)(d)",
  title: "Bias detection — vocabulary distribution",
  refs: ["EU AI Act Art. 10(2)(f)", "EU AI Act Art. 10(2)(g)"],
  init: () => null,
  row() {},
  merge() {},
  save: () => null,
  load: () => null,
  judge(_state, totals) {
    const words = totals.words;
    const max = words.maxCount();
    const signal = totals.rows === 0 ? "low" : skewSignal(max, words.total);
    // With a pruned table, any word may be under-counted by `errorBound`: the verdict is exact when the
    // signal is the same at both ends of that interval.
    const upper = skewSignal(max + words.errorBound, words.total);
    const ratio = words.total === 0 ? 0 : max / words.total;
    const detail =
      `Vocabulary skew signal: ${signal.toUpperCase()} — ${signal === "low" ? "acceptable" : "REVIEW RECOMMENDED"}` +
      (upper !== signal ? ` (could be ${upper.toUpperCase()} within the counting error)` : "");
    return {
      status: totals.rows > 0 && signal === "low" && upper === "low" ? "pass" : "fail",
      detail,
      evidence: {
        signal,
        words: words.total,
        distinctWords: words.distinct(),
        topWordShare: Number(ratio.toFixed(6)),
        errorBoundShare: words.total === 0 ? 0 : Number((words.errorBound / words.total).toFixed(6)),
      },
    };
  },
};
