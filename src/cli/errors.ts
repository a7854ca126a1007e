/** The errors the CLI reports as one line and exit 2, not as an internal error. */
import { CheckpointError } from "../checks/chain/checkpoints.js";
import { KeyMapError } from "../checks/chain/keys.js";
import { MappingError } from "../checks/mapping/index.js";
import { ConfigError } from "../config/config.js";
import type { CheckResult } from "../core/model.js";
import { MergeError } from "../dataset/merge-reports.js";

/** A mistake on the command line: the message says what to change. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const isUserError = (error: unknown): error is Error =>
  error instanceof UsageError ||
  error instanceof ConfigError ||
  error instanceof KeyMapError ||
  error instanceof CheckpointError ||
  error instanceof MergeError ||
  error instanceof MappingError;

/** On the command line, a path that matches nothing is a usage error (exit 2), not a failed check. */
export function refuseMissing(results: readonly CheckResult[]): void {
  const missing = results.filter((result) => result.findings.some((f) => f.rule === "input.missing"));
  if (missing.length > 0) {
    throw new UsageError(`no such file, directory or glob match: ${missing.map((r) => r.target).join(", ")}`);
  }
}
