/**
 * The Action's inputs merged into the config file. Inputs ADD checks to the file's; they never replace or
 * relax what the file sets (its checks, thresholds, waivers, limits, failOn). The merged value passes through
 * the same schema validation as a file, so a bad input fails with the same kind of located message.
 *
 * A pure function of values: the Action calls it with the file it read, and a caller that reads the config
 * from elsewhere (the base branch) gets exactly the same result for the same values.
 */

import { failsGate } from "../core/decide.js";
import type { FailOn } from "../core/model.js";
import {
  assertConfigValue,
  type ChainInputConfig,
  ConfigError,
  type ConfigFile,
  type DatasetInputConfig,
  type DiffInput,
  type GateConfig,
  resolveConfig,
} from "./config.js";

/** How messages name the inputs' part of the config. */
export const INPUTS_SOURCE = "action inputs";

/**
 * What the inputs add, in config-file shape. Paths are absolute (the Action resolves them against the
 * workspace, where the config file's own paths resolve against its folder).
 */
export interface ConfigInputs {
  readonly failOn?: FailOn;
  readonly chain?: readonly ChainInputConfig[];
  readonly events?: ConfigFile["events"];
  /** Judged with the dataset options of the config file's `datasets` section (see `mergeInputs`). */
  readonly datasets?: readonly { readonly paths: readonly string[] }[];
  readonly diff?: DiffInput;
}

/** A config file's parsed (not yet validated) value, where it came from, and the folder its paths resolve in. */
export interface ConfigFileValue {
  readonly value: unknown;
  readonly source: string;
  readonly baseDir: string;
}

/** The inputs behind each section of `ConfigInputs`, for messages. */
const INPUT_NAMES: Readonly<Record<string, string>> = {
  failOn: "`fail-on`",
  chain: "`chains`, `chain-format`, `chain-key-env`, `chain-key-map`, `chain-anchor`",
  events: "`events`, `frameworks`, `period-from`, `period-to`, `model`, `model-registry`",
  datasets: "`datasets`",
  diff: "`snapshot`, `baseline`, `policy`",
};

function labelInputPath(instancePath: string): string {
  const section = instancePath.split("/")[1] ?? "";
  const names = INPUT_NAMES[section];
  return names ? `${instancePath} (from the inputs ${names})` : instancePath;
}

/**
 * The dataset options (everything but the paths) that paths given as inputs are judged with: those of the
 * config file's only `datasets` entry, the defaults when it has none. With several entries there is no one
 * right choice, so that is a config error asking to list the paths in the file.
 */
function datasetOptionsForInputs(file: ConfigFile, source: string): Omit<DatasetInputConfig, "paths"> {
  const entries = file.datasets ?? [];
  if (entries.length > 1) {
    throw new ConfigError(
      `input \`datasets\`: ${source} has ${entries.length} \`datasets\` entries with their own options, so the input's paths have no one set of thresholds to be judged with; list them in the entry they belong to in ${source} instead`,
    );
  }
  const [entry] = entries;
  if (!entry) return {};
  const { paths: _paths, optional: _optional, ...options } = entry;
  return options;
}

/**
 * The config file's value (or none) with the inputs added, validated and resolved. Throws a `ConfigError`
 * naming the file or the inputs and the failing path.
 */
export function mergeInputs(
  file: ConfigFileValue | undefined,
  inputs: ConfigInputs,
  options: { readonly workspace: string },
): GateConfig {
  const fileValue: ConfigFile = file ? validated(file.value, file.source) : {};
  const source = file?.source ?? INPUTS_SOURCE;
  assertConfigValue(inputs, INPUTS_SOURCE, labelInputPath);

  // failOn: the file's (its default when it has a file but no failOn) is a floor the input may only raise.
  const fileFailOn: FailOn | undefined = file ? (fileValue.failOn ?? "fail") : undefined;
  if (inputs.failOn !== undefined && fileFailOn !== undefined && !failsGate(fileFailOn, inputs.failOn)) {
    throw new ConfigError(
      `input \`fail-on: ${inputs.failOn}\` would relax ${source}'s failOn (${fileFailOn}); the input may only tighten it (warn is stricter than fail, fail than error)`,
    );
  }
  if (inputs.diff && fileValue.diff) {
    throw new ConfigError(
      `input \`snapshot\`: ${source} has a \`diff\` section already, and an input never replaces the file's checks; compare this snapshot in ${source} instead`,
    );
  }
  const datasetOptions = inputs.datasets?.length ? datasetOptionsForInputs(fileValue, source) : {};
  const failOn = inputs.failOn ?? fileFailOn;
  const merged: ConfigFile = {
    ...fileValue,
    ...(failOn ? { failOn } : {}),
    ...concat("chain", fileValue.chain, inputs.chain),
    ...concat("events", fileValue.events, inputs.events),
    ...concat(
      "datasets",
      fileValue.datasets,
      inputs.datasets?.map((dataset) => ({ ...datasetOptions, paths: dataset.paths })),
    ),
    ...((inputs.diff ?? fileValue.diff) ? { diff: inputs.diff ?? fileValue.diff } : {}),
  };
  return resolveConfig(merged, { source, baseDir: file?.baseDir ?? options.workspace });
}

function validated(value: unknown, source: string): ConfigFile {
  assertConfigValue(value, source);
  return value;
}

/** `{ key: [...a, ...b] }`, or nothing when both are empty (the schema wants a listed section non-empty). */
function concat<K extends string, T>(
  key: K,
  a: readonly T[] | undefined,
  b: readonly T[] | undefined,
): { [P in K]?: T[] } {
  const all = [...(a ?? []), ...(b ?? [])];
  return (all.length > 0 ? { [key]: all } : {}) as { [P in K]?: T[] };
}
