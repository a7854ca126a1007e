/**
 * The Action's inputs, read in one place into one typed object, then added to the config file (given, or
 * found in the workspace) into the same `GateConfig` the CLI uses: inputs add checks, they never replace or
 * relax the file's (see `mergeInputs`). Input errors are config errors: the run fails with the fix, before
 * any check runs.
 */

import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { FormatChoice } from "../checks/chain/index.js";
import { DEFAULT_KEY_ENV } from "../checks/chain/keys.js";
import { CONFIG_FILE_NAMES, ConfigError, type GateConfig, readConfigFile } from "../config/config.js";
import { type ConfigInputs, mergeInputs } from "../config/merge.js";
import type { FailOn } from "../core/model.js";
import type { GoverningConfig } from "../gate/pull-request.js";
import { displayPath } from "../io/expand.js";

/** Every input the Action reads: exactly the `inputs` that action.yml declares (a test holds them equal). */
export const INPUT_NAMES = [
  "config",
  "chains",
  "chain-format",
  "chain-key-env",
  "chain-key-map",
  "chain-anchor",
  "events",
  "frameworks",
  "period-from",
  "period-to",
  "model",
  "model-registry",
  "datasets",
  "snapshot",
  "baseline",
  "policy",
  "fail-on",
  "comment",
  "github-token",
  "signing-key",
  "hmac-key",
  "artifact-name",
  "sarif",
  "matrix",
] as const;

export type InputName = (typeof INPUT_NAMES)[number];

export type CommentMode = "auto" | "always" | "never";

export interface ActionInputs {
  readonly config: string | undefined;
  readonly chains: readonly string[];
  readonly chainFormat: FormatChoice;
  readonly chainKeyEnv: string;
  readonly chainKeyMap: string | undefined;
  readonly chainAnchor: string | undefined;
  readonly snapshot: string | undefined;
  /** A file, git:<ref>:<path>, or auto (default): the snapshot at the merge base / before the push. */
  readonly baseline: string;
  readonly policy: string | undefined;
  readonly events: readonly string[];
  /** Map the `events` input to these frameworks' clauses (with the period, model and registry below). */
  readonly frameworks: readonly string[];
  readonly periodFrom: string | undefined;
  readonly periodTo: string | undefined;
  readonly model: string | undefined;
  readonly modelRegistry: string | undefined;
  readonly datasets: readonly string[];
  readonly failOn: FailOn | undefined;
  readonly comment: CommentMode;
  readonly githubToken: string;
  readonly signingKey: string | undefined;
  readonly hmacKey: string | undefined;
  readonly artifactName: string | undefined;
  readonly sarif: string | undefined;
  readonly matrix: string | undefined;
}

/** A newline-separated list input: one path or glob per line; blank lines and `#` comments ignored. */
export function listInput(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T | undefined {
  if (value === "") return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`input \`${name}\` must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

const optional = (value: string): string | undefined => (value === "" ? undefined : value);

export function readInputs(getInput: (name: InputName) => string): ActionInputs {
  const keyEnv = getInput("chain-key-env") || DEFAULT_KEY_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) {
    throw new ConfigError("input `chain-key-env` takes the NAME of an environment variable, not a key");
  }
  return {
    config: optional(getInput("config")),
    chains: listInput(getInput("chains")),
    chainFormat:
      oneOf("chain-format", getInput("chain-format"), ["auto", "torchcomply", "spanforge"] as const) ?? "auto",
    chainKeyEnv: keyEnv,
    chainKeyMap: optional(getInput("chain-key-map")),
    chainAnchor: optional(getInput("chain-anchor")),
    snapshot: optional(getInput("snapshot")),
    baseline: getInput("baseline") || "auto",
    policy: optional(getInput("policy")),
    events: listInput(getInput("events")),
    frameworks: listInput(getInput("frameworks")),
    periodFrom: optional(getInput("period-from")),
    periodTo: optional(getInput("period-to")),
    model: optional(getInput("model")),
    modelRegistry: optional(getInput("model-registry")),
    datasets: listInput(getInput("datasets")),
    failOn: oneOf("fail-on", getInput("fail-on"), ["error", "fail", "warn"] as const),
    comment: oneOf("comment", getInput("comment"), ["auto", "always", "never"] as const) ?? "auto",
    githubToken: getInput("github-token"),
    signingKey: optional(getInput("signing-key")),
    hmacKey: optional(getInput("hmac-key")),
    artifactName: optional(getInput("artifact-name")),
    sarif: optional(getInput("sarif")),
    matrix: optional(getInput("matrix")),
  };
}

export interface ResolvedActionConfig {
  readonly config: GateConfig;
  /** The config file used, if any (named in the signed statement). */
  readonly configFile: { readonly path: string; readonly name: string } | undefined;
}

/** An input that only qualifies another one must not be set alone: it would be ignored, silently. */
function requireCompanions(inputs: ActionInputs): void {
  const alone = (name: string, set: boolean, needs: string, needed: boolean): void => {
    if (set && !needed)
      throw new ConfigError(`input \`${name}\` applies to the \`${needs}\` input: set \`${needs}\` too`);
  };
  alone("chain-key-map", inputs.chainKeyMap !== undefined, "chains", inputs.chains.length > 0);
  alone("chain-anchor", inputs.chainAnchor !== undefined, "chains", inputs.chains.length > 0);
  alone("policy", inputs.policy !== undefined, "snapshot", inputs.snapshot !== undefined);
  alone("frameworks", inputs.frameworks.length > 0, "events", inputs.events.length > 0);
  for (const [name, value] of [
    ["period-from", inputs.periodFrom],
    ["period-to", inputs.periodTo],
    ["model", inputs.model],
    ["model-registry", inputs.modelRegistry],
  ] as const) {
    alone(name, value !== undefined, "frameworks", inputs.frameworks.length > 0);
  }
}

/** The checks the inputs add, in config-file shape, every path resolved against the workspace. */
export function inputsAsConfig(inputs: ActionInputs, workspace: string): ConfigInputs {
  requireCompanions(inputs);
  const at = (path: string): string => resolve(workspace, path);
  const mapping =
    inputs.frameworks.length === 0
      ? undefined
      : {
          frameworks: inputs.frameworks,
          ...(inputs.periodFrom ? { from: inputs.periodFrom } : {}),
          ...(inputs.periodTo ? { to: inputs.periodTo } : {}),
          ...(inputs.model ? { model: inputs.model } : {}),
          ...(inputs.modelRegistry ? { registry: at(inputs.modelRegistry) } : {}),
          keyEnv: inputs.chainKeyEnv,
        };
  return {
    ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
    ...(inputs.chains.length > 0
      ? {
          chain: [
            {
              paths: inputs.chains.map(at),
              format: inputs.chainFormat,
              keyEnv: inputs.chainKeyEnv,
              ...(inputs.chainKeyMap ? { keyMap: at(inputs.chainKeyMap) } : {}),
              ...(inputs.chainAnchor ? { anchor: at(inputs.chainAnchor) } : {}),
            },
          ],
        }
      : {}),
    ...(inputs.events.length > 0
      ? { events: [{ paths: inputs.events.map(at), ...(mapping ? { mapping } : {}) }] }
      : {}),
    ...(inputs.datasets.length > 0 ? { datasets: [{ paths: inputs.datasets.map(at) }] } : {}),
    ...(inputs.snapshot
      ? {
          diff: {
            snapshot: at(inputs.snapshot),
            baseline:
              inputs.baseline === "auto" || inputs.baseline.startsWith("git:") ? inputs.baseline : at(inputs.baseline),
            ...(inputs.policy ? { policy: at(inputs.policy) } : {}),
          },
        }
      : {}),
  };
}

async function findConfigFile(workspace: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(workspace, name);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  return undefined;
}

/**
 * The config file (the `config` input, else the first of comply-gate.yml/.yaml/.json in the workspace) with
 * the inputs added. The file is always read when there is one, whatever inputs are set.
 */
export async function actionConfig(
  inputs: ActionInputs,
  workspace: string,
  governing?: GoverningConfig,
): Promise<ResolvedActionConfig> {
  const configPath =
    governing?.path ??
    (inputs.config === undefined ? await findConfigFile(workspace) : resolve(workspace, inputs.config));
  const added = inputsAsConfig(inputs, workspace);
  const addsChecks = added.chain || added.events || added.datasets || added.diff;
  if (configPath === undefined && !addsChecks) {
    throw new ConfigError(
      `nothing to check: add ${CONFIG_FILE_NAMES[0]}, set the \`config\` input, or list evidence in \`chains\`, \`events\`, \`datasets\` or \`snapshot\``,
    );
  }
  // On a pull request the policy chose the config (the head's, or the base's copy from git).
  const file = governing
    ? { value: governing.value, source: governing.source, baseDir: governing.baseDir }
    : configPath
      ? { value: await readConfigFile(configPath), source: configPath, baseDir: dirname(configPath) }
      : undefined;
  return {
    config: mergeInputs(file, added, { workspace }),
    configFile: configPath ? { path: configPath, name: displayPath(configPath, workspace) } : undefined,
  };
}
