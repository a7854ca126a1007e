/**
 * Append-only across runs. A checkpoint `{path, entries, head}` from an earlier report says "this log held
 * `entries` entries and the head after the last of them was `head`". The log verified now must still hold
 * that head at that position: a cut tail or a rewritten history (which each tool alone accepts) fails here.
 */
import type { FindingCollector } from "../../core/findings.js";
import type { Checkpoint } from "../../core/model.js";

export class AnchorWatcher {
  private readonly expected: Checkpoint | undefined;
  private readonly findings: FindingCollector;
  private readonly path: string;
  private matched = false;

  constructor(options: { expected: Checkpoint | undefined; findings: FindingCollector; path: string }) {
    this.expected = options.expected;
    this.findings = options.findings;
    this.path = options.path;
  }

  get active(): boolean {
    return this.expected !== undefined;
  }

  /** Called after every entry with its 1-based position in the file and the head after it. */
  observe(position: number, head: string, line: number): void {
    const expected = this.expected;
    if (!expected || position !== expected.entries) return;
    if (head === expected.head) {
      this.matched = true;
      return;
    }
    this.findings.add(
      "chain.anchor",
      "fail",
      `entry ${position} no longer has the checkpointed head ${expected.head} (found ${head || "no hash"}): the log was rewritten since the checkpoint`,
      { path: this.path, line },
    );
  }

  /** Called once at the end with the number of entries read and the last line number. */
  finish(entries: number, lastLine: number): void {
    const expected = this.expected;
    if (!expected || this.matched) return;
    if (entries < expected.entries) {
      this.findings.add(
        "chain.anchor",
        "fail",
        `the log holds ${entries} entries but the checkpoint recorded ${expected.entries}: ${expected.entries - entries} entries were cut from the tail`,
        { path: this.path, line: Math.max(lastLine, 1) },
      );
    }
  }
}

/** The checkpoint for `path` among an anchor file's checkpoints (paths compared as written in reports). */
export function checkpointFor(checkpoints: readonly Checkpoint[], path: string): Checkpoint | undefined {
  return checkpoints.find((checkpoint) => checkpoint.path === path);
}
