/**
 * The snapshot-diff check: current snapshot + resolved baseline + policy → one CheckResult (one clause per
 * judged metric, a finding per failing one).
 */
import { readFile } from "node:fs/promises";
import type { CheckResult } from "../core/model.js";
import type { ResolvedBaseline } from "./baseline.js";
import { diffCheckResult, diffSnapshots } from "./diff.js";
import type { Policy } from "./policy.js";
import { parseSnapshot, type Snapshot, SnapshotError } from "./snapshot.js";

/** Earlier snapshots (files, oldest first): unreadable ones are skipped, they only draw a chart. */
async function readHistory(files: readonly string[]): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) continue;
    try {
      snapshots.push(parseSnapshot(text, file));
    } catch {
      // not a snapshot: no point on the chart
    }
  }
  return snapshots;
}

export async function runDiffCheck(options: {
  /** The current snapshot: where to read it, and how reports name it. */
  current: { path: string; displayPath: string };
  baseline: ResolvedBaseline;
  policy: Policy;
  history?: readonly string[];
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
    history: [...(await readHistory(options.history ?? [])), baseline, current],
  });
}
