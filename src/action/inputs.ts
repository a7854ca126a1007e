/**
 * The Action's inputs, read in one place into one typed object, then merged with the config file into the
 * same `GateConfig` the CLI uses (inputs override file values). Input errors are config errors: the run
 * fails with the fix, before any check runs.
 */

import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { FormatChoice } from "../checks/chain/index.js";
import { DEFAULT_KEY_ENV } from "../checks/chain/keys.js";
import { CONFIG_FILE_NAMES, ConfigError, type GateConfig, loadConfig, resolveConfig } from "../config/config.js";
import { DEFAULT_LIMITS } from "../core/limits.js";
import type { FailOn } from "../core/model.js";
import { DEFAULT_DATASET_OPTIONS } from "../dataset/options.js";
import type { GoverningConfig } from "../gate/pull-request.js";
import { displayPath } from "../io/expand.js";

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

export function readInputs(getInput: (name: string) => string): ActionInputs {
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

/**
 * The config file (given, or found in the workspace) with the inputs applied on top. On a pull request the
 * policy decides which config file governs (`governing`: the head's, or the base's copy read from git).
 */
export async function actionConfig(
  inputs: ActionInputs,
  workspace: string,
  governing?: GoverningConfig,
): Promise<ResolvedActionConfig> {
  let configPath = governing?.path ?? (inputs.config === undefined ? undefined : resolve(workspace, inputs.config));
  if (
    configPath === undefined &&
    inputs.chains.length === 0 &&
    inputs.snapshot === undefined &&
    inputs.events.length === 0 &&
    inputs.datasets.length === 0
  ) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = resolve(workspace, name);
      if ((await stat(candidate).catch(() => undefined))?.isFile()) {
        configPath = candidate;
        break;
      }
    }
    if (configPath === undefined) {
      throw new ConfigError(
        `nothing to check: add ${CONFIG_FILE_NAMES[0]}, set the \`config\` input, list logs in \`chains\`, or set \`snapshot\``,
      );
    }
  }
  const base: GateConfig = governing
    ? resolveConfig(governing.value, { source: governing.source, baseDir: governing.baseDir })
    : configPath
      ? await loadConfig(configPath)
      : { failOn: "fail", baseDir: workspace, chain: [], limits: DEFAULT_LIMITS };
  const chain =
    inputs.chains.length === 0
      ? base.chain
      : [
          ...base.chain,
          {
            paths: inputs.chains.map((path) => resolve(workspace, path)),
            format: inputs.chainFormat,
            keyEnv: inputs.chainKeyEnv,
            keyMap: inputs.chainKeyMap === undefined ? undefined : resolve(workspace, inputs.chainKeyMap),
            anchor: inputs.chainAnchor === undefined ? undefined : resolve(workspace, inputs.chainAnchor),
            optional: false,
          },
        ];
  const diff =
    inputs.snapshot === undefined
      ? base.diff
      : {
          snapshot: resolve(workspace, inputs.snapshot),
          baseline:
            inputs.baseline === "auto" || inputs.baseline.startsWith("git:")
              ? inputs.baseline
              : resolve(workspace, inputs.baseline),
          ...(inputs.policy
            ? { policy: resolve(workspace, inputs.policy) }
            : base.diff?.policy
              ? { policy: base.diff.policy }
              : {}),
        };
  if (inputs.frameworks.length > 0 && inputs.events.length === 0) {
    throw new ConfigError("input `frameworks` maps the `events` input: list the event files in `events` too");
  }
  const mapping =
    inputs.frameworks.length === 0
      ? undefined
      : {
          frameworks: inputs.frameworks,
          ...(inputs.periodFrom ? { from: inputs.periodFrom } : {}),
          ...(inputs.periodTo ? { to: inputs.periodTo } : {}),
          ...(inputs.model ? { model: inputs.model } : {}),
          ...(inputs.modelRegistry ? { registry: resolve(workspace, inputs.modelRegistry) } : {}),
          keyEnv: inputs.chainKeyEnv,
        };
  const events =
    inputs.events.length === 0
      ? base.events
      : [
          ...(base.events ?? []),
          {
            paths: inputs.events.map((path) => resolve(workspace, path)),
            optional: false,
            ...(mapping ? { mapping } : {}),
          },
        ];
  const datasets =
    inputs.datasets.length === 0
      ? base.datasets
      : [
          ...(base.datasets ?? []),
          {
            paths: inputs.datasets.map((path) => resolve(workspace, path)),
            optional: false,
            options: DEFAULT_DATASET_OPTIONS,
          },
        ];
  return {
    config: {
      ...base,
      chain,
      failOn: inputs.failOn ?? base.failOn,
      ...(diff ? { diff } : {}),
      ...(events ? { events } : {}),
      ...(datasets ? { datasets } : {}),
    },
    configFile: configPath ? { path: configPath, name: displayPath(configPath, workspace) } : undefined,
  };
}
