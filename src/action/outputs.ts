/** The Action's outputs: exactly the `outputs` that action.yml declares (a test holds them equal). */
import * as core from "@actions/core";

export const OUTPUT_NAMES = [
  "verdict",
  "report-path",
  "report-digest",
  "predicate-path",
  "summary-path",
  "failed-checks",
  "root-hashes",
  "artifact-id",
  "artifact-url",
  "comment-id",
  "signing-key-fingerprint",
] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];

/** The only way the Action sets an output: a name action.yml does not declare does not compile. */
export function setOutput(name: OutputName, value: string): void {
  core.setOutput(name, value);
}
