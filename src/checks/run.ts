/**
 * Runs the configured checks: the one entry point both shells (CLI and Action) call.
 */
import type { ChainInput, GateConfig } from "../config/config.js";
import type { Checkpoint, CheckResult } from "../core/model.js";
import { displayPath, expandInputs } from "../io/expand.js";
import { loadCheckpoints } from "./chain/checkpoints.js";
import { checkChainFile } from "./chain/index.js";
import { loadKeyMap, resolveKeys } from "./chain/keys.js";

export interface RunContext {
  /** Report paths are relative to this folder. */
  readonly cwd: string;
  /** Where signing keys are read from (the process environment in the shells, a plain object in tests). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Logs at least this large are verified in parallel byte ranges (default 64 MiB). */
  readonly parallelMinBytes?: number;
}

export interface ChecksOutput {
  readonly results: CheckResult[];
  readonly checkpoints: Checkpoint[];
}

/** A check result for a configured path that matched no file: an error, or a warning when optional. */
export function missingInputResult(options: { check: string; target: string; optional: boolean }): CheckResult {
  const severity = options.optional ? "warn" : "error";
  const message = options.optional
    ? "no file matches this path (the input is marked optional)"
    : "no file matches this path: nothing was checked (mark the input `optional: true` if it may be absent)";
  return {
    id: options.check,
    target: options.target,
    status: severity,
    summary: message,
    metrics: {},
    clauses: [],
    findings: [{ rule: "input.missing", severity, message, location: { path: options.target } }],
  };
}

export async function runChainInput(input: ChainInput, context: RunContext): Promise<ChecksOutput> {
  const { files, unmatched } = await expandInputs(input.paths, { cwd: context.cwd, extensions: [".jsonl"] });
  const keyMap = input.keyMap === undefined ? undefined : await loadKeyMap(input.keyMap);
  const checkpoints = input.anchor === undefined ? undefined : await loadCheckpoints(input.anchor);
  const keys = resolveKeys({ keyEnv: input.keyEnv, keyMap, env: context.env });
  const output: ChecksOutput = { results: [], checkpoints: [] };
  for (const pattern of unmatched) {
    const target = pattern.startsWith("/") ? displayPath(pattern, context.cwd) : pattern;
    output.results.push(missingInputResult({ check: "chain", target, optional: input.optional }));
  }
  for (const file of files) {
    const { result, checkpoint } = await checkChainFile(file, {
      format: input.format,
      keys,
      checkpoints,
      ...(context.parallelMinBytes === undefined ? {} : { parallelMinBytes: context.parallelMinBytes }),
    });
    output.results.push(result);
    if (checkpoint) output.checkpoints.push(checkpoint);
  }
  return output;
}

export async function runChecks(config: GateConfig, context: RunContext): Promise<ChecksOutput> {
  const output: ChecksOutput = { results: [], checkpoints: [] };
  for (const input of config.chain) {
    const part = await runChainInput(input, context);
    output.results.push(...part.results);
    output.checkpoints.push(...part.checkpoints);
  }
  return output;
}
