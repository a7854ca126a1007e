/**
 * The snapshot-diff check: current snapshot + resolved baseline + policy → one CheckResult (one clause per
 * judged metric, a finding per failing one).
 */
import type { CheckResult } from "../core/model.js";
import { GateError, readGatedText } from "../io/gate.js";
import type { ResolvedBaseline } from "./baseline.js";
import { diffCheckResult, diffSnapshots } from "./diff.js";
import type { Policy } from "./policy.js";
import { parseSnapshot, SNAPSHOT_MAX_BYTES, type Snapshot, SnapshotError } from "./snapshot.js";

/** A snapshot file's text, through the workspace gate (`workspace` absent: a path the user typed). */
export async function readSnapshotText(path: string, shown: string, workspace: string | undefined): Promise<string> {
  try {
    return await readGatedText(path, shown, { workspace, maxBytes: SNAPSHOT_MAX_BYTES });
  } catch (error) {
    if (error instanceof GateError) throw new SnapshotError(error.message);
    throw error;
  }
}

/** Earlier snapshots (files, oldest first): unreadable ones are skipped, they only draw a chart. */
async function readHistory(files: readonly string[], workspace: string | undefined): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  for (const file of files) {
    const text = await readSnapshotText(file, file, workspace).catch(() => undefined);
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
  /** Files whose real path lies outside this folder are not read (absent: paths the user typed). */
  workspace?: string;
}): Promise<CheckResult> {
  const text = await readSnapshotText(options.current.path, options.current.displayPath, options.workspace);
  const current = parseSnapshot(text, options.current.displayPath);
  const baseline = parseSnapshot(options.baseline.text, options.baseline.source.label);
  return diffCheckResult({
    diffs: diffSnapshots(baseline, current, options.policy),
    baseline: options.baseline.source,
    currentPath: options.current.displayPath,
    currentText: text,
    history: [...(await readHistory(options.history ?? [], options.workspace)), baseline, current],
  });
}
