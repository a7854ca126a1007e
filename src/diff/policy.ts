/**
 * The diff policy: per metric a direction, a tolerance, an optional hard limit and what a missing value
 * means. The built-in default reproduces torchcomply's rules (parity +0.02, ε +5.0, accuracy −0.02,
 * fairness_passed true→false, drift_detected false→true) and adds perfecXion's continuous limits
 * (drift_score > 0.1, demographic_parity > 0.05), each judged only where the snapshot reports it.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { parse as parseYaml } from "yaml";
import policySchema from "../../schemas/policy.schema.json" with { type: "json" };
import { ConfigError } from "../config/config.js";
import { GateError, readGatedText } from "../io/gate.js";

export type Direction = "higher-is-better" | "lower-is-better" | "true-is-good" | "false-is-good" | "equal";

export interface MetricRule {
  readonly direction: Direction;
  readonly tolerance?: number | { readonly absolute: number } | { readonly relative: number };
  readonly limit?: number | boolean;
  readonly missing?: "fail" | "warn" | "ignore";
  /** The current snapshot must report the metric, even when the baseline did not. */
  readonly required?: boolean;
}

export interface Policy {
  readonly metrics: Readonly<Record<string, MetricRule>>;
}

export const DEFAULT_POLICY: Policy = {
  metrics: {
    fairness_parity: { direction: "lower-is-better", tolerance: 0.02 },
    epsilon: { direction: "lower-is-better", tolerance: 5.0 },
    accuracy: { direction: "higher-is-better", tolerance: 0.02 },
    // Stricter than torchcomply: a gate that stays failed (false→false) is a failure, not "OK".
    fairness_passed: { direction: "true-is-good", limit: true },
    drift_detected: { direction: "false-is-good", limit: false },
    drift_score: { direction: "lower-is-better", tolerance: 0, limit: 0.1, missing: "ignore" },
    demographic_parity: { direction: "lower-is-better", tolerance: 0, limit: 0.05, missing: "ignore" },
  },
};

let validator: ValidateFunction<Policy> | undefined;

export function validatePolicy(value: unknown, source: string): Policy {
  validator ??= new Ajv2020({ allErrors: true, strict: true }).compile<Policy>(policySchema);
  if (!validator(value)) {
    const problems = (validator.errors ?? []).map(
      (e) => `${e.instancePath || "(top level)"}: ${e.message ?? "is invalid"}`,
    );
    throw new ConfigError(`${source}: invalid policy\n  ${[...new Set(problems)].join("\n  ")}`);
  }
  return value;
}

/** Policies are a few lines; anything larger is not one. */
const POLICY_MAX_BYTES = 1024 * 1024;

export async function loadPolicy(path: string, options: { workspace?: string | undefined } = {}): Promise<Policy> {
  const text = await readGatedText(path, path, { workspace: options.workspace, maxBytes: POLICY_MAX_BYTES }).catch(
    (error: unknown) => {
      throw new ConfigError(error instanceof GateError ? error.message : `${path}: cannot read the policy file`);
    },
  );
  let value: unknown;
  try {
    value = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(
      `${path}: not valid ${path.endsWith(".json") ? "JSON" : "YAML"} (${(error as Error).message.split("\n")[0]})`,
    );
  }
  return validatePolicy(value, path);
}
