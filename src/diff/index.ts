/**
 * The snapshot-diff check: current snapshot + resolved baseline + policy → one CheckResult (one clause per
 * judged metric, a finding per failing one).
 */
import { readFile } from "node:fs/promises";
import type { CheckResult } from "../core/model.js";
import type { ResolvedBaseline } from "./baseline.js";
import { diffCheckResult, diffSnapshots } from "./diff.js";
import type { Policy } from "./policy.js";
import { parseSnapshot, SnapshotError } from "./snapshot.js";

export async function runDiffCheck(options: {
  /** The current snapshot: where to read it, and how reports name it. */
  current: { path: string; displayPath: string };
  baseline: ResolvedBaseline;
  policy: Policy;
}): Promise<CheckResult> {
  const text = await readFile(options.current.path, "utf8").catch(() => {
    throw new SnapshotError(`${options.current.displayPath}: cannot read the snapshot`);
  });
  const current = parseSnapshot(text, options.current.displayPath);
  const baseline = parseSnapshot(options.baseline.text, options.baseline.source.label);
  return diffCheckResult({
    diffs: diffSnapshots(baseline, current, options.policy),
    baseline: options.baseline.source,
    currentPath: options.current.displayPath,
    currentText: text,
  });
}
