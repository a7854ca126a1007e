/**
 * The config file (`comply-gate.yml`, `.yaml` or `.json`): parsed, validated once against
 * `schemas/config.schema.json`, defaults applied and paths resolved against the file's folder.
 * Every problem is a `ConfigError` naming the file, the failing path and the expected shape.
 */

import { readFile } from "node:fs/promises";
import { basename, dirname, extname, resolve } from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { LineCounter, parseDocument } from "yaml";
import configSchema from "../../schemas/config.schema.json" with { type: "json" };
import type { FormatChoice } from "../checks/chain/index.js";
import { DEFAULT_KEY_ENV, refusedKeyName } from "../checks/chain/keys.js";
import { jsonErrorMessage } from "../core/json/syntax-message.js";
import { type Limits, limitsWith } from "../core/limits.js";
import type { FailOn } from "../core/model.js";
import { didYouMean } from "../core/suggest.js";
import { DEFAULT_WAIVER_MAX_DAYS, type Waiver, waiverProblems } from "../core/waivers.js";
import { type DatasetOptions, type DatasetThresholds, datasetOptions } from "../dataset/options.js";

export const CONFIG_FILE_NAMES = ["comply-gate.yml", "comply-gate.yaml", "comply-gate.json"] as const;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** The config as written (what the schema describes). */
export interface ConfigFile {
  readonly version?: 1;
  readonly failOn?: FailOn;
  readonly chain?: readonly ChainInputConfig[];
  readonly diff?: DiffInput;
  readonly events?: readonly {
    readonly paths: readonly string[];
    readonly optional?: boolean;
    readonly mapping?: MappingConfig;
  }[];
  readonly isolation?: { readonly a: string; readonly b: string; readonly strict?: boolean };
  readonly scope?: readonly { readonly path: string; readonly org?: string; readonly team?: string }[];
  readonly datasets?: readonly DatasetInputConfig[];
  readonly limits?: Partial<Limits>;
  readonly waivers?: readonly Waiver[];
  /** How many days ahead a waiver may end (default 90). */
  readonly waiverMaxDays?: number;
}

export interface DatasetInputConfig {
  readonly paths: readonly string[];
  readonly optional?: boolean;
  readonly labelColumn?: string;
  readonly idColumns?: readonly string[];
  readonly consentFields?: readonly string[];
  readonly sourceFields?: readonly string[];
  readonly requiredColumns?: readonly string[];
  readonly specialCategories?: readonly string[];
  readonly thresholds?: Partial<DatasetThresholds>;
}

/** One dataset (all its files' rows judged together), with defaults applied. */
export interface DatasetInput {
  readonly paths: readonly string[];
  readonly optional: boolean;
  readonly options: DatasetOptions;
}

/** Regulatory mapping of an events input (paths as written; resolved into `EventsInput.mapping`). */
export interface MappingConfig {
  readonly frameworks: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly model?: string;
  readonly registry?: string;
  readonly maxAgeDays?: number;
  readonly keyEnv?: string;
  readonly attestation?: string;
}

export interface EventsInput {
  readonly paths: readonly string[];
  readonly optional: boolean;
  /** Map the events to these frameworks' clauses too. */
  readonly mapping?: MappingConfig;
}

export interface IsolationInput {
  readonly a: string;
  readonly b: string;
  /** Every event must carry an org_id (default on, as spanforge documents it). */
  readonly strict: boolean;
}

/** At least one of `org` and `team` is set (the schema requires it). */
export interface ScopeInput {
  readonly path: string;
  readonly org: string | undefined;
  readonly team: string | undefined;
}

/** The snapshot diff: paths relative to the config file; `baseline` may be `git:<ref>:<path>`. */
export interface DiffInput {
  readonly snapshot: string;
  readonly baseline: string;
  readonly policy?: string;
  /** Earlier snapshots, for the trend chart. */
  readonly history?: readonly string[];
}

export interface ChainInputConfig {
  readonly paths: readonly string[];
  readonly format?: FormatChoice;
  readonly keyEnv?: string;
  readonly keyMap?: string;
  readonly anchor?: string;
  readonly optional?: boolean;
}

/** One chain input with defaults applied; relative file names resolved against `baseDir`. */
export interface ChainInput {
  readonly paths: readonly string[];
  readonly format: FormatChoice;
  readonly keyEnv: string;
  readonly keyMap: string | undefined;
  readonly anchor: string | undefined;
  readonly optional: boolean;
}

export interface GateConfig {
  readonly failOn: FailOn;
  /** The folder paths are resolved against. */
  readonly baseDir: string;
  readonly chain: readonly ChainInput[];
  /** Snapshot and policy resolved against `baseDir`; a `git:` baseline is kept as written. */
  readonly diff?: DiffInput;
  readonly events?: readonly EventsInput[];
  readonly isolation?: IsolationInput;
  readonly scope?: readonly ScopeInput[];
  readonly datasets?: readonly DatasetInput[];
  /** What the run may read (defaults for anything the config does not set). */
  readonly limits: Limits;
  /** Known failures silenced until a date; `source` names the config file in the report. */
  readonly waivers?: { readonly source: string; readonly list: readonly Waiver[]; readonly maxDays: number };
}

/** Compiled on first use: commands that take no config never pay for the validator. */
let validator: ValidateFunction<ConfigFile> | undefined;
function validateConfig(value: unknown): value is ConfigFile {
  validator ??= new Ajv2020({ allErrors: true, strict: true }).compile<ConfigFile>(configSchema);
  return validator(value);
}

/** The keys the schema object holding `additionalProperties` at `schemaPath` allows (for "did you mean"). */
function knownKeys(schemaPath: string): string[] {
  let node: unknown = configSchema;
  for (const segment of schemaPath.replace(/^#\//, "").split("/").slice(0, -1)) {
    node = (node as Record<string, unknown> | undefined)?.[
      decodeURIComponent(segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    ];
  }
  const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "(top level)" : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      return `${where}: unknown key ${JSON.stringify(key)}${didYouMean(key, knownKeys(error.schemaPath))}`;
    }
    case "enum":
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${where}: must be ${JSON.stringify(params.allowedValue)}`;
    case "required":
      return `${where}: missing required key ${JSON.stringify(params.missingProperty)}`;
    default:
      return `${where}: ${error.message ?? "is invalid"}`;
  }
}

/**
 * Validate a parsed config value against the schema; a problem is a `ConfigError` that names `source` and the
 * failing path. `label` may add to a path what it means to the user (e.g. the Action input behind it).
 */
export function assertConfigValue(
  value: unknown,
  source: string,
  label: (instancePath: string) => string = (path) => path,
): asserts value is ConfigFile {
  if (!validateConfig(value)) {
    const problems = (validator?.errors ?? []).map((error) =>
      describeError({ ...error, instancePath: error.instancePath === "" ? "" : label(error.instancePath) }),
    );
    throw new ConfigError(`${source}: invalid config\n  ${[...new Set(problems)].join("\n  ")}`);
  }
}

/** Key names the runner sets (public values) cannot name a signing key: one problem per such name. */
function keyNameProblems(config: ConfigFile): string[] {
  const named = [
    ...(config.chain ?? []).map((input, i) => [`/chain/${i}/keyEnv`, input.keyEnv] as const),
    ...(config.events ?? []).map((input, i) => [`/events/${i}/mapping/keyEnv`, input.mapping?.keyEnv] as const),
  ];
  return named.flatMap(([at, name]) => {
    const refused = name === undefined ? undefined : refusedKeyName(name);
    return refused === undefined ? [] : [`${at}: ${refused}`];
  });
}

/** Validate an already-parsed config value and apply defaults. `source` names the file in messages. */
export function resolveConfig(value: unknown, options: { source: string; baseDir: string }): GateConfig {
  assertConfigValue(value, options.source);
  const config = value;
  const problems = [...keyNameProblems(config), ...waiverProblems(config.waivers ?? [])];
  if (problems.length > 0) throw new ConfigError(`${options.source}: invalid config\n  ${problems.join("\n  ")}`);
  const chain = (config.chain ?? []).map(
    (input): ChainInput => ({
      paths: input.paths.map((path) => resolve(options.baseDir, path)),
      format: input.format ?? "auto",
      keyEnv: input.keyEnv ?? DEFAULT_KEY_ENV,
      keyMap: input.keyMap === undefined ? undefined : resolve(options.baseDir, input.keyMap),
      anchor: input.anchor === undefined ? undefined : resolve(options.baseDir, input.anchor),
      optional: input.optional ?? false,
    }),
  );
  const at = (path: string): string => resolve(options.baseDir, path);
  const events = (config.events ?? []).map(
    (input): EventsInput => ({
      paths: input.paths.map(at),
      optional: input.optional ?? false,
      ...(input.mapping
        ? {
            mapping: {
              ...input.mapping,
              ...(input.mapping.registry ? { registry: at(input.mapping.registry) } : {}),
              ...(input.mapping.attestation ? { attestation: at(input.mapping.attestation) } : {}),
            },
          }
        : {}),
    }),
  );
  const isolation = config.isolation
    ? { a: at(config.isolation.a), b: at(config.isolation.b), strict: config.isolation.strict ?? true }
    : undefined;
  const scope = (config.scope ?? []).map((input) => ({ path: at(input.path), org: input.org, team: input.team }));
  const datasets = (config.datasets ?? []).map((input): DatasetInput => {
    const { paths, optional, ...rest } = input;
    return { paths: paths.map(at), optional: optional ?? false, options: datasetOptions(rest) };
  });
  if (
    chain.length === 0 &&
    !config.diff &&
    events.length === 0 &&
    !isolation &&
    scope.length === 0 &&
    datasets.length === 0
  ) {
    throw new ConfigError(
      `${options.source}: the config lists no checks (add a \`chain\`, \`events\`, \`datasets\` or \`diff\` section)`,
    );
  }
  const diff = config.diff
    ? {
        snapshot: resolve(options.baseDir, config.diff.snapshot),
        // `auto` and `git:<ref>:<path>` are read from git, not from a file: kept as written.
        baseline:
          config.diff.baseline === "auto" || config.diff.baseline.startsWith("git:")
            ? config.diff.baseline
            : resolve(options.baseDir, config.diff.baseline),
        ...(config.diff.policy ? { policy: resolve(options.baseDir, config.diff.policy) } : {}),
        ...(config.diff.history ? { history: config.diff.history.map((path) => resolve(options.baseDir, path)) } : {}),
      }
    : undefined;
  return {
    failOn: config.failOn ?? "fail",
    baseDir: options.baseDir,
    chain,
    ...(diff ? { diff } : {}),
    ...(events.length > 0 ? { events } : {}),
    ...(isolation ? { isolation } : {}),
    ...(scope.length > 0 ? { scope } : {}),
    ...(datasets.length > 0 ? { datasets } : {}),
    limits: limitsWith(config.limits),
    ...(config.waivers && config.waivers.length > 0
      ? {
          waivers: {
            source: basename(options.source),
            list: config.waivers,
            maxDays: config.waiverMaxDays ?? DEFAULT_WAIVER_MAX_DAYS,
          },
        }
      : {}),
  };
}

/** Parse config text: JSON for `.json`, YAML otherwise (YAML errors carry line and column). */
export function parseConfigText(text: string, source: string): unknown {
  if (extname(source).toLowerCase() === ".json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${source}: ${jsonErrorMessage(error)}`);
    }
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const [first] = document.errors;
  if (first) {
    const at = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(`${source}:${at.line}:${at.col}: not valid YAML (${first.message.split("\n")[0]})`);
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml refuses a document whose aliases expand past the count (a "billion laughs" file).
    throw new ConfigError(`${source}: not accepted as YAML (${(error as Error).message.split("\n")[0]})`);
  }
}

/** The config file's parsed value, not yet validated (the Action merges its inputs into it first). */
export async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `${path}: cannot read the config file (${code === "ENOENT" ? "no such file" : (code ?? "error")})`,
    );
  }
  return parseConfigText(text, path);
}

export async function loadConfig(path: string): Promise<GateConfig> {
  return resolveConfig(await readConfigFile(path), { source: path, baseDir: dirname(resolve(path)) });
}
