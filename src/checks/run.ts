/**
 * Runs the configured checks: the one entry point both shells (CLI and Action) call.
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";

import type {
  ChainInput,
  DatasetInput,
  DiffInput,
  EventsInput,
  GateConfig,
  IsolationInput,
  MappingConfig,
  ScopeInput,
} from "../config/config.js";
import { ConfigError } from "../config/config.js";
import { worstOf } from "../core/decide.js";
import { DEFAULT_LIMITS, type Limits } from "../core/limits.js";
import type { Checkpoint, CheckResult } from "../core/model.js";
import { applyWaivers } from "../core/waivers.js";
import type { DatasetPartial } from "../dataset/accumulator.js";
import type { Shard } from "../dataset/plan.js";
import { DATASET_EXTENSIONS } from "../dataset/plan.js";
import { type DatasetProgress, scanDataset } from "../dataset/scan.js";
import { BaselineError, type ResolvedBaseline, resolveBaseline } from "../diff/baseline.js";
import { runDiffCheck } from "../diff/index.js";
import { DEFAULT_POLICY, loadPolicy } from "../diff/policy.js";
import { SnapshotError } from "../diff/snapshot.js";
import { displayPath, expandInputs, type InputFile, type ReadInput } from "../io/expand.js";
import { refusalOf } from "../io/gate.js";
import { type AnchorCheckpoint, loadCheckpoints } from "./chain/checkpoints.js";
import { checkChainFile, missingLogResult } from "./chain/index.js";
import { DEFAULT_KEY_ENV, keyFromEnv, loadKeyMap, resolveKeys } from "./chain/keys.js";
import { checkEventsFile } from "./events/index.js";
import { isolationViolations, readEventRefs, scopeViolations, tenancyResult } from "./events/tenancy.js";
import { findFramework, frameworkKeys } from "./mapping/frameworks.js";
import { MappingError, mapEvents } from "./mapping/index.js";
import { type Period, parsePeriod } from "./mapping/period.js";
import { loadRegistry, type RegisteredModel } from "./mapping/registry.js";

export interface RunContext {
  /** Report paths are relative to this folder. */
  readonly cwd: string;
  /** Where signing keys are read from (the process environment in the shells, a plain object in tests). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Logs at least this large are verified in parallel byte ranges (default 64 MiB). */
  readonly parallelMinBytes?: number;
  /** Datasets are cut into units of about this many bytes (default 8 MiB): the granularity of threads and shards. */
  readonly datasetUnitBytes?: number;
  /** The date waivers are judged against (default: now). */
  readonly today?: Date;
  /** Scan only this shard of each dataset (the other checks run in shard 1 only). */
  readonly shard?: Shard;
  /** Told as each dataset unit finishes (the CLI draws a progress line on a terminal). */
  readonly onDatasetProgress?: (target: string, done: DatasetProgress) => void;
  /** Told what the report does not show but the user should know: a worker's work redone in the main thread. */
  readonly onNotice?: (message: string) => void;
  /** What one run may read (default `DEFAULT_LIMITS`). */
  readonly limits?: Limits;
  /** Files whose real path lies outside this folder are not read (set for config-driven runs and the Action). */
  readonly workspace?: string;
  /** Told of each file a check read (`runChecks` lists them in `ChecksOutput.read`). */
  readonly onRead?: (input: ReadInput) => void;
}

/** Tell the context that the file at `path` (absolute) was read. */
function noteRead(context: RunContext, path: string): void {
  const absolute = resolve(context.cwd, path);
  context.onRead?.({ name: displayPath(absolute, context.cwd), path: absolute });
}

/** Expand an input's paths within the run's limits and workspace. */
export function expand(paths: readonly string[], extensions: readonly string[], context: RunContext) {
  const limits = limitsOf(context);
  return expandInputs(paths, {
    cwd: context.cwd,
    extensions,
    maxFiles: limits.maxFiles,
    maxFileBytes: limits.maxFileBytes,
    ...(context.workspace === undefined ? {} : { workspace: context.workspace }),
  });
}

/** An error result per refused pattern or file: past a limit, or outside the workspace. */
export function refusedResults(refused: readonly { target: string; reason: string }[], check: string): CheckResult[] {
  return refused.map(({ target, reason }) => ({
    id: check,
    target,
    status: "error",
    summary: reason,
    metrics: {},
    clauses: [],
    findings: [{ rule: "input.refused", severity: "error", message: reason, location: { path: target } }],
  }));
}

export interface ChecksOutput {
  readonly results: CheckResult[];
  readonly checkpoints: Checkpoint[];
  /** Shard runs: each dataset's partial state, for `comply-gate merge`. */
  readonly partials?: DatasetPartial[];
  /** Every file the checks read, by name (`runChecks` fills it): what a signed statement names. */
  readonly read?: ReadInput[];
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

/** Results for configured paths that matched nothing, each named as the user wrote it (or relative to cwd). */
function unmatchedResults(
  unmatched: readonly string[],
  options: { check: string; optional: boolean; cwd: string },
): CheckResult[] {
  return unmatched.map((pattern) =>
    missingInputResult({
      check: options.check,
      target: pattern.startsWith("/") ? displayPath(pattern, options.cwd) : pattern,
      optional: options.optional,
    }),
  );
}

/**
 * A single file a check reads because its input names it (a key map, an anchor, a registry, an attestation):
 * refused, as a config error, when it resolves outside the workspace or is not a regular file (a named pipe
 * would hang the run).
 */
async function gate(path: string, context: RunContext): Promise<void> {
  const refused = await refusalOf(path, { workspace: context.workspace });
  if (refused) throw new ConfigError(`${displayPath(path, context.cwd)}: ${refused}`);
}

/** The run's limits (the defaults unless the config sets them). */
function limitsOf(context: RunContext): Limits {
  return context.limits ?? DEFAULT_LIMITS;
}

/**
 * Expand a configured input: its files, and a result for each path that matched nothing (an error, or a skip
 * when the input is optional) or was refused (always an error).
 */
async function expandInput(
  input: { readonly paths: readonly string[]; readonly optional: boolean },
  options: { readonly check: string; readonly extensions: readonly string[] },
  context: RunContext,
) {
  const { files, unmatched, refused } = await expand(input.paths, options.extensions, context);
  for (const file of files) noteRead(context, file.path);
  const absent = [
    ...unmatchedResults(unmatched, { check: options.check, optional: input.optional, cwd: context.cwd }),
    ...refusedResults(refused, options.check),
  ];
  return { files, absent, refused: refused.length };
}

export async function runChainInput(input: ChainInput, context: RunContext): Promise<ChecksOutput> {
  return runChainInputs([input], context);
}

/**
 * Every chain input, then the anchors' verdict on logs that are gone: a checkpoint that no log checked in
 * this run matched (by its first entry, or a legacy checkpoint by path) is a failure naming the log by its
 * old path and id. Logs renamed, moved to another folder or left out of the paths cannot escape an anchor.
 */
export async function runChainInputs(inputs: readonly ChainInput[], context: RunContext): Promise<ChecksOutput> {
  const output: ChecksOutput = { results: [], checkpoints: [] };
  const anchors = new Map<string, { checkpoints: AnchorCheckpoint[]; matched: Set<AnchorCheckpoint> }>();
  for (const input of inputs) {
    const { files, absent } = await expandInput(input, { check: "chain", extensions: [".jsonl"] }, context);
    for (const path of [input.keyMap, input.anchor]) if (path !== undefined) await gate(path, context);
    const keyMap = input.keyMap === undefined ? undefined : await loadKeyMap(input.keyMap);
    if (input.keyMap !== undefined) noteRead(context, input.keyMap);
    let anchor = input.anchor === undefined ? undefined : anchors.get(input.anchor);
    if (input.anchor !== undefined && anchor === undefined) {
      anchor = { checkpoints: await loadCheckpoints(input.anchor), matched: new Set() };
      anchors.set(input.anchor, anchor);
      noteRead(context, input.anchor);
    }
    const keys = resolveKeys({ keyEnv: input.keyEnv, keyMap, env: context.env });
    output.results.push(...absent);
    for (const file of files) {
      const { result, checkpoint, anchored } = await checkChainFile(file, {
        format: input.format,
        keys,
        checkpoints: anchor?.checkpoints,
        maxLineBytes: limitsOf(context).maxLineBytes,
        ...(context.parallelMinBytes === undefined ? {} : { parallelMinBytes: context.parallelMinBytes }),
        ...(context.onNotice ? { onNotice: context.onNotice } : {}),
      });
      output.results.push(result);
      if (checkpoint) output.checkpoints.push(checkpoint);
      if (anchored) anchor?.matched.add(anchored);
    }
  }
  for (const { checkpoints, matched } of anchors.values()) {
    output.results.push(...checkpoints.filter((c) => !matched.has(c)).map(missingLogResult));
  }
  return output;
}

export async function runEventsInput(input: EventsInput, context: RunContext): Promise<CheckResult[]> {
  const { files, absent } = await expandInput(input, { check: "events", extensions: [".jsonl", ".json"] }, context);
  const results = absent;
  const options = {
    maxLineBytes: limitsOf(context).maxLineBytes,
    ...(context.parallelMinBytes === undefined ? {} : { parallelMinBytes: context.parallelMinBytes }),
  };
  for (const file of files) results.push(await checkEventsFile(file, options));
  if (input.mapping && files.length > 0) {
    const target = input.paths.map((p) => displayPath(p, context.cwd)).join(", ");
    results.push(...(await runMapping(input.mapping, { files, target }, context)));
  }
  return results;
}

/** Map the events to each framework's clauses. Wrong options (framework, dates, registry) are a MappingError. */
export async function runMapping(
  mapping: MappingConfig,
  events: { files: readonly InputFile[]; target: string },
  context: RunContext,
): Promise<CheckResult[]> {
  const frameworks = mapping.frameworks.map((name) => {
    const framework = findFramework(name);
    if (!framework) throw new MappingError(`unknown framework ${JSON.stringify(name)} (known: ${frameworkKeys()})`);
    return framework;
  });
  let period: Period;
  try {
    period = parsePeriod({ from: mapping.from, to: mapping.to });
  } catch (error) {
    throw new MappingError((error as Error).message);
  }
  for (const path of [mapping.registry, mapping.attestation]) if (path !== undefined) await gate(path, context);
  let registry: Map<string, RegisteredModel> | undefined;
  if (mapping.registry !== undefined) {
    try {
      registry = await loadRegistry(mapping.registry, displayPath(mapping.registry, context.cwd));
      noteRead(context, mapping.registry);
    } catch (error) {
      throw new MappingError((error as Error).message);
    }
  }
  if (mapping.attestation !== undefined) noteRead(context, mapping.attestation);
  const key = keyFromEnv(mapping.keyEnv ?? DEFAULT_KEY_ENV, context.env);
  const results: CheckResult[] = [];
  for (const framework of frameworks) {
    results.push(
      await mapEvents({
        files: events.files,
        target: events.target,
        framework,
        period,
        key,
        ...(mapping.model === undefined ? {} : { model: mapping.model }),
        ...(mapping.maxAgeDays === undefined ? {} : { maxAgeDays: mapping.maxAgeDays }),
        ...(registry ? { registry } : {}),
        ...(mapping.attestation === undefined
          ? {}
          : { attestation: { path: mapping.attestation, displayPath: displayPath(mapping.attestation, context.cwd) } }),
      }),
    );
  }
  return results;
}

async function refsOf(path: string, context: RunContext) {
  const shown = displayPath(path, context.cwd);
  const refused = await refusalOf(path, { workspace: context.workspace });
  if (refused) return { shown, refs: [], problems: [{ path: shown, line: 1, reason: refused }] };
  try {
    const { refs, problems } = await readEventRefs(path);
    noteRead(context, path);
    return { shown, refs, problems: problems.map((p) => ({ ...p, path: shown })) };
  } catch (error) {
    const reason = `cannot read the events (${(error as NodeJS.ErrnoException).code ?? "error"})`;
    return { shown, refs: [], problems: [{ path: shown, line: 1, reason }] };
  }
}

export async function runIsolationInput(input: IsolationInput, context: RunContext): Promise<CheckResult> {
  const [a, b] = await Promise.all([refsOf(input.a, context), refsOf(input.b, context)]);
  return tenancyResult({
    id: "isolation",
    target: `${a.shown} ↔ ${b.shown}`,
    types: ["missing_org_id", "mixed_org_ids", "shared_org_id"],
    violations: isolationViolations(a.refs, b.refs, { strict: input.strict }),
    paths: (group) => (group === "b" ? b.shown : a.shown),
    events: a.refs.length + b.refs.length,
    problems: [...a.problems, ...b.problems],
  });
}

export async function runScopeInput(input: ScopeInput, context: RunContext): Promise<CheckResult> {
  const events = await refsOf(input.path, context);
  return tenancyResult({
    id: "scope",
    target: events.shown,
    types: [
      ...(input.org === undefined ? [] : (["wrong_org_id"] as const)),
      ...(input.team === undefined ? [] : (["wrong_team_id"] as const)),
    ],
    violations: scopeViolations(events.refs, { org: input.org, team: input.team }),
    paths: () => events.shown,
    events: events.refs.length,
    problems: events.problems,
  });
}

/** One dataset: every file its paths match, judged as one set of rows. */
export async function runDatasetInput(
  input: DatasetInput,
  context: RunContext,
): Promise<{ result: CheckResult; partial?: DatasetPartial }> {
  // Paths that matched nothing, or whose files were refused: part of the dataset is absent.
  const {
    files,
    absent: missing,
    refused,
  } = await expandInput(input, { check: "dataset", extensions: DATASET_EXTENSIONS }, context);
  const target = input.paths.map((path) => displayPath(path, context.cwd)).join(", ");
  if (files.length === 0 && missing[0]) {
    const findings = missing.flatMap((m) => m.findings);
    const status = worstOf(missing);
    return { result: { ...missing[0], target, status, findings } };
  }
  const limits = limitsOf(context);
  const outcome = await scanDataset({
    files,
    target,
    options: input.options,
    maxLineBytes: limits.maxLineBytes,
    maxFileBytes: limits.maxFileBytes,
    maxDecompressionRatio: limits.maxDecompressionRatio,
    maxNesting: limits.maxNesting,
    timeBudgetSeconds: limits.timeBudgetSeconds,
    ...(context.onDatasetProgress
      ? { onProgress: (done: DatasetProgress) => context.onDatasetProgress?.(target, done) }
      : {}),
    ...(context.shard ? { shard: context.shard } : {}),
    ...(context.onNotice ? { onNotice: context.onNotice } : {}),
    ...(context.datasetUnitBytes === undefined ? {} : { unitBytes: context.datasetUnitBytes }),
    ...(context.parallelMinBytes === undefined ? {} : { parallelMinBytes: context.parallelMinBytes }),
  });
  if (missing.length === 0) return outcome;
  // Part of the dataset is absent: an error, unless the input is optional and nothing was refused.
  const findings = [...missing.flatMap((m) => m.findings), ...outcome.result.findings];
  const status =
    (input.optional && refused === 0) || outcome.result.status === "error" ? outcome.result.status : "error";
  return { ...outcome, result: { ...outcome.result, status, findings } };
}

export interface DiffContext extends RunContext {
  /** Resolves `auto` (the Action: the snapshot at the PR's merge base, or at the commit before a push). */
  readonly resolveAutoBaseline?: (input: DiffInput) => Promise<ResolvedBaseline>;
}

/** The snapshot diff as configured; unreadable snapshots are an `error` result, an invalid policy a config error. */
export async function runDiffInput(input: DiffInput, context: DiffContext): Promise<CheckResult> {
  const policy = input.policy ? await loadPolicy(input.policy, { workspace: context.workspace }) : DEFAULT_POLICY;
  if (input.policy) noteRead(context, input.policy);
  const shownPath = displayPath(input.snapshot, context.cwd);
  try {
    const baseline =
      input.baseline === "auto"
        ? await (context.resolveAutoBaseline ?? noAutoBaseline)(input)
        : await resolveBaseline(input.baseline, { cwd: context.cwd, workspace: context.workspace });
    noteBaselineRead(context, baseline);
    const history = input.history
      ? (await expand(input.history, [".json"], context)).files.map((file) => file.path)
      : [];
    for (const file of history) noteRead(context, file);
    const result = await runDiffCheck({
      current: { path: input.snapshot, displayPath: shownPath },
      baseline,
      policy,
      history,
      ...(context.workspace === undefined ? {} : { workspace: context.workspace }),
    });
    noteRead(context, resolve(context.cwd, input.snapshot));
    return result;
  } catch (error) {
    if (!(error instanceof SnapshotError || error instanceof BaselineError)) throw error;
    return {
      id: "diff",
      target: shownPath,
      status: "error",
      summary: error.message,
      metrics: {},
      clauses: [],
      findings: [{ rule: "diff.unreadable", severity: "error", message: error.message, location: { path: shownPath } }],
    };
  }
}

/** A baseline file by its path; one read from git as `git:<commit>:<path>`, by the digest of its text. */
function noteBaselineRead(context: RunContext, baseline: ResolvedBaseline): void {
  const { sha, path } = baseline.source;
  if (sha === undefined) noteRead(context, resolve(context.cwd, path));
  else
    context.onRead?.({
      name: `git:${sha}:${path}`,
      sha256: createHash("sha256").update(baseline.text, "utf8").digest("hex"),
    });
}

async function noAutoBaseline(): Promise<ResolvedBaseline> {
  throw new BaselineError(
    "baseline `auto` (the snapshot at the pull request's merge base) needs the GitHub Action; elsewhere give a file or git:<ref>:<path>",
  );
}

/**
 * Run every configured check. Paths come from a config file, which a pull request can change: unless the
 * caller says otherwise, files outside the working directory (the workspace) are not read.
 */
export async function runChecks(config: GateConfig, given: DiffContext): Promise<ChecksOutput> {
  const read = new Map<string, ReadInput>();
  const onRead = (input: ReadInput): void => {
    read.set(input.name, input);
    given.onRead?.(input);
  };
  const context: DiffContext = { workspace: given.cwd, ...given, limits: config.limits, onRead };
  const checked = await runConfiguredChecks(config, context);
  const output = { ...checked, read: [...read.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) };
  if (!config.waivers) return output;
  // Waivers expire by calendar day (UTC): the same inputs give the same report on the same day.
  const today = (given.today ?? new Date()).toISOString().slice(0, 10);
  return {
    ...output,
    results: applyWaivers(output.results, config.waivers.list, {
      today,
      source: config.waivers.source,
      maxDays: config.waivers.maxDays,
    }),
  };
}

async function runConfiguredChecks(config: GateConfig, context: DiffContext): Promise<ChecksOutput> {
  const output: { results: CheckResult[]; checkpoints: Checkpoint[]; partials?: DatasetPartial[] } = {
    results: [],
    checkpoints: [],
  };
  const first = context.shard === undefined || context.shard.index === 1;
  for (const input of config.datasets ?? []) {
    const { result, partial } = await runDatasetInput(input, context);
    output.results.push(result);
    if (partial) {
      output.partials ??= [];
      output.partials.push(partial);
    }
  }
  if (!first) return output;
  const chains = await runChainInputs(config.chain, context);
  output.results.push(...chains.results);
  output.checkpoints.push(...chains.checkpoints);
  for (const input of config.events ?? []) output.results.push(...(await runEventsInput(input, context)));
  if (config.isolation) output.results.push(await runIsolationInput(config.isolation, context));
  for (const input of config.scope ?? []) output.results.push(await runScopeInput(input, context));
  if (config.diff) output.results.push(await runDiffInput(config.diff, context));
  return output;
}
