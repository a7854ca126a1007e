/**
 * The CLI shell: argv → config → the same core the Action runs → stdout/stderr → exit code.
 * Exit codes: 0 gate passed, 1 gate failed (any `fail` or `error`), 2 usage or config error.
 */

import { execFile } from "node:child_process";
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { type ParseArgsConfig, parseArgs, promisify } from "node:util";
import packageJson from "../../package.json" with { type: "json" };
import { CheckpointError } from "../checks/chain/checkpoints.js";
import type { FormatChoice } from "../checks/chain/index.js";
import { DEFAULT_KEY_ENV, KeyMapError } from "../checks/chain/keys.js";
import { MappingError } from "../checks/mapping/index.js";
import {
  type ChecksOutput,
  expand,
  type RunContext,
  refusedResults,
  runChainInput,
  runChecks,
  runDatasetInput,
  runDiffInput,
  runEventsInput,
  runIsolationInput,
  runMapping,
  runScopeInput,
} from "../checks/run.js";
import { CONFIG_FILE_NAMES, ConfigError, type GateConfig, loadConfig } from "../config/config.js";
import type { CheckResult, FailOn, Report } from "../core/model.js";
import { buildReport, serializeReport, subjectFromEnv } from "../core/report.js";
import { MergeError, mergeShardReports } from "../dataset/merge-reports.js";
import { type DatasetOptions, DEFAULT_DATASET_OPTIONS, datasetOptions } from "../dataset/options.js";
import type { Shard } from "../dataset/plan.js";
import { detectEvidence } from "../init/detect.js";
import { CONFIG_FILE, configText, describeFound, WORKFLOW_FILE, workflowText } from "../init/files.js";
import { HOOK_MARKER, prePushHook } from "../init/hook.js";
import { displayPath, type ReadInput } from "../io/expand.js";
import { buildBundle } from "../report/bundle.js";
import { renderHtml } from "../report/html.js";
import { configurationSubjects, inputSubjects } from "../report/inputs.js";
import { renderComment, renderSummary } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { renderTerminal, useColor } from "../report/terminal.js";
import { validateReport, verifyReportBundle } from "../report/verify.js";
import { type ProgressSink, progressLine } from "./progress.js";

const execFileAsync = promisify(execFile);

export const EXIT_PASS = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly fileExists: (path: string) => Promise<boolean>;
  /** Whether stdout is a terminal (colour); absent: not one. */
  readonly isTTY?: boolean;
  /** Whether stderr is a terminal (the progress line); absent: not one. */
  readonly stderrIsTTY?: boolean;
}

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const USAGE = `Usage:
  comply-gate chain <path|dir|glob>... [--format auto|torchcomply|spanforge] [--key-env NAME]
                    [--key-map FILE] [--anchor FILE] [--fail-on error|fail|warn] [--json] [--out FILE]
  comply-gate events <file|dir|glob>... [--json] [--out FILE]
  comply-gate isolation <a> <b> [--strict | --no-strict] [--json] [--out FILE]
  comply-gate scope <file> --org ID [--team ID] [--json] [--out FILE]
  comply-gate map <events>... --framework NAME [--framework NAME]... [--from DATE] [--to DATE] [--model ID]
                  [--registry FILE] [--max-age DAYS] [--key-env NAME] [--attestation FILE] [--json] [--out FILE]
                  (frameworks: eu_ai_act, gdpr, iso_42001, nist_ai_rmf, soc2, hipaa)
  comply-gate dataset <path|dir|glob>... [--shard i/n] [--label-column NAME] [--json] [--out FILE]
  comply-gate merge <shard-report.json>... [--config FILE] [--json] [--out FILE]
  comply-gate diff <baseline> <current> [--policy FILE] [--json] [--out FILE]
                   (<baseline>: a file, or git:<ref>:<path> read from git)
  comply-gate check [--config FILE] [--format text|json|markdown|sarif|html] [--json] [--out FILE] [--shard i/n]
                    [--bundle DIR [--signing-key-env NAME] [--hmac-key-env NAME]]
  comply-gate verify-report <report.json> [--public-key FILE] [--hmac-key-env NAME]
  comply-gate render <report.json> [--format markdown|comment|text|sarif|html] [--key KEY]
  comply-gate init [--force]   (detect evidence here; write comply-gate.yml and a GitHub workflow)
  comply-gate install-hook [--force]   (a git pre-push hook that runs \`comply-gate check\` on what is pushed)
  comply-gate --help | --version

Exit codes: 0 gate passed (or report verified), 1 gate failed (or verification failed), 2 usage or config error.
Text output: --quiet shows only what did not pass, --verbose every finding; colour on a terminal unless NO_COLOR
is set (FORCE_COLOR=1 forces it).
Keys are read from environment variables only (chain HMAC key: ${DEFAULT_KEY_ENV} by default; report
signing key: an Ed25519 private key in PEM).`;

const FORMATS = ["auto", "torchcomply", "spanforge"] as const;
const FAIL_ON = ["error", "fail", "warn"] as const;

/**
 * `COMPLY_GATE_PARALLEL_MIN_BYTES`: inputs at least this large are checked on all cores (default 64 MiB for
 * logs, 16 MiB for datasets). `COMPLY_GATE_DATASET_UNIT_BYTES`: the size datasets are cut into (default 8 MiB).
 */
/** The progress line of the invocation an io belongs to (made in `main`). */
const progressOf = new WeakMap<CliIo, ProgressSink>();

function runContext(io: CliIo): RunContext {
  const bytes = (name: string): number | undefined => {
    const raw = io.env[name];
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (!(Number.isSafeInteger(parsed) && parsed >= 0)) throw new UsageError(`${name} must be a whole number of bytes`);
    return parsed;
  };
  const parallelMinBytes = bytes("COMPLY_GATE_PARALLEL_MIN_BYTES");
  const datasetUnitBytes = bytes("COMPLY_GATE_DATASET_UNIT_BYTES");
  const progress = progressOf.get(io);
  return {
    cwd: io.cwd,
    env: io.env,
    ...(progress ? { onDatasetProgress: progress.unit } : {}),
    onNotice: (message) => {
      progress?.end(); // the note on a line of its own; the progress line is drawn again after it
      io.stderr(`comply-gate: note: ${message}\n`);
    },
    ...(parallelMinBytes === undefined ? {} : { parallelMinBytes }),
    ...(datasetUnitBytes === undefined ? {} : { datasetUnitBytes: Math.max(1, datasetUnitBytes) }),
  };
}
function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains unknown or malformed flags well; keep its sentence, drop its error code.
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""));
  }
}

const OUTPUT_OPTIONS = {
  json: { type: "boolean" },
  out: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const;

async function runChainCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, {
    ...OUTPUT_OPTIONS,
    format: { type: "string" },
    "key-env": { type: "string" },
    "key-map": { type: "string" },
    anchor: { type: "string" },
    "fail-on": { type: "string" },
  });
  if (positionals.length === 0) throw new UsageError("chain needs at least one path, directory or glob");
  const keyEnv = envName(values["key-env"], "--key-env") ?? DEFAULT_KEY_ENV;
  const format: FormatChoice = oneOf(values.format as string | undefined, FORMATS, "--format") ?? "auto";
  const failOn = oneOf(values["fail-on"] as string | undefined, FAIL_ON, "--fail-on") ?? "fail";
  const input = {
    paths: positionals.map((path) => resolve(io.cwd, path)),
    format,
    keyEnv,
    keyMap: values["key-map"] === undefined ? undefined : resolve(io.cwd, values["key-map"] as string),
    anchor: values.anchor === undefined ? undefined : resolve(io.cwd, values.anchor as string),
    optional: false,
  };
  const output = await runChainInput(input, runContext(io));
  refuseMissing(output.results);
  return { output, failOn, flags: outputFlags(values) };
}

const OUTPUT_FORMATS = ["text", "json", "markdown", "sarif", "html"] as const;

interface OutputFlags {
  readonly format: (typeof OUTPUT_FORMATS)[number];
  /** Text output: only what did not pass (--quiet), or every finding (--verbose). */
  readonly detail?: "quiet" | "verbose";
  readonly out: string | undefined;
  /** Write the report bundle (report, signed statement, seal, SARIF, summary) into this folder. */
  readonly bundle?: { readonly dir: string; readonly signingKeyEnv?: string; readonly hmacKeyEnv?: string };
  /** How the configuration is named in a signed statement. */
  readonly configFile?: { readonly path: string; readonly name: string };
  /** The files the checks read, named in a signed statement. */
  readonly read?: readonly ReadInput[] | undefined;
}

/** What a command hands to the shared report-and-exit step. */
interface CommandRun {
  readonly output: ChecksOutput;
  readonly failOn: FailOn;
  readonly flags: OutputFlags;
  readonly shard?: Shard;
}

/** `--shard i/n`: this run scans shard i of n (1 ≤ i ≤ n). */
function shardFlag(value: unknown): Shard | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === "string" ? /^(\d{1,6})\/(\d{1,6})$/.exec(value) : null;
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || index < 1 || count < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 (got ${JSON.stringify(value)})`);
  }
  return { index, count };
}

async function runDatasetCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, {
    ...OUTPUT_OPTIONS,
    shard: { type: "string" },
    "label-column": { type: "string" },
  });
  if (positionals.length === 0) throw new UsageError("dataset needs at least one file, directory or glob");
  const shard = shardFlag(values.shard);
  const labelColumn = values["label-column"] as string | undefined;
  const input = {
    paths: positionals.map((p) => resolve(io.cwd, p)),
    optional: false,
    options: datasetOptions({ labelColumn }),
  };
  const { result, partial } = await runDatasetInput(input, { ...runContext(io), ...(shard ? { shard } : {}) });
  refuseMissing([result]);
  const output: ChecksOutput = { results: [result], checkpoints: [], ...(partial ? { partials: [partial] } : {}) };
  return { output, failOn: "fail", flags: outputFlags(values), ...(shard ? { shard } : {}) };
}

/**
 * Combine shard reports into the report a single run gives: every shard of the same count must be there,
 * each dataset's units exactly once. Dataset options come from the config (the same one the shards used).
 */
async function runMergeCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, { ...OUTPUT_OPTIONS, config: { type: "string" } });
  if (positionals.length === 0) throw new UsageError("merge needs the shard reports (JSON) to combine");
  const reports: Report[] = [];
  for (const path of positionals) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(resolve(io.cwd, path), "utf8"));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`${path}: cannot read the shard report (${code ?? "not valid JSON"})`);
    }
    const problems = validateReport(parsed);
    if (problems.length > 0) throw new UsageError(`${path}: not a comply-gate report (${problems[0]})`);
    const report = parsed as Report;
    if (!report.shard) throw new UsageError(`${path}: not a shard report (run with --shard i/n)`);
    reports.push(report);
  }
  const count = reports[0]?.shard?.count ?? 0;
  const seen = new Set<number>();
  for (const [i, report] of reports.entries()) {
    const shard = report.shard as NonNullable<Report["shard"]>;
    if (shard.count !== count)
      throw new UsageError(`${positionals[i]}: shard of ${shard.count}, the others of ${count}`);
    if (seen.has(shard.index)) throw new UsageError(`${positionals[i]}: shard ${shard.index}/${count} given twice`);
    seen.add(shard.index);
  }
  const absent = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (absent.length > 0)
    throw new UsageError(`missing shard report(s): ${absent.map((k) => `${k}/${count}`).join(", ")}`);
  const config = values.config === undefined ? undefined : await loadConfig(resolve(io.cwd, values.config as string));
  const merged = mergeShardReports(reports, {
    optionsFor: (target) => datasetOptionsFor(config, target, io.cwd),
  });
  return {
    output: { results: merged.results, checkpoints: merged.checkpoints },
    failOn: config?.failOn ?? reports[0]?.policy.failOn ?? "fail",
    flags: outputFlags(values),
  };
}

/** The options a config gives the dataset a shard report names (defaults when there is no config). */
function datasetOptionsFor(config: GateConfig | undefined, target: string, cwd: string): DatasetOptions {
  const input = config?.datasets?.find((d) => d.paths.map((path) => displayPath(path, cwd)).join(", ") === target);
  return input?.options ?? DEFAULT_DATASET_OPTIONS;
}

/** On the command line, a path that matches nothing is a usage error (exit 2), not a failed check. */
function refuseMissing(results: readonly CheckResult[]): void {
  const missing = results.filter((result) => result.findings.some((f) => f.rule === "input.missing"));
  if (missing.length > 0) {
    throw new UsageError(`no such file, directory or glob match: ${missing.map((r) => r.target).join(", ")}`);
  }
}

function detailFlag(values: Record<string, unknown>): { detail?: "quiet" | "verbose" } {
  if (values.quiet === true && values.verbose === true)
    throw new UsageError("--quiet and --verbose contradict each other");
  return values.quiet === true ? { detail: "quiet" } : values.verbose === true ? { detail: "verbose" } : {};
}

function outputFlags(values: Record<string, unknown>): OutputFlags {
  return {
    format: values.json === true ? "json" : "text",
    out: typeof values.out === "string" ? values.out : undefined,
    ...detailFlag(values),
  };
}

function envName(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new UsageError(`${flag} takes the NAME of an environment variable (letters, digits, _), not a key`);
  }
  return value;
}

async function findConfig(io: CliIo): Promise<string> {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(io.cwd, name);
    if (await io.fileExists(candidate)) return candidate;
  }
  throw new UsageError(`no config file: create ${CONFIG_FILE_NAMES[0]} or pass --config FILE`);
}

async function runDiffCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, { ...OUTPUT_OPTIONS, policy: { type: "string" } });
  if (positionals.length !== 2) throw new UsageError("diff takes a baseline and a current snapshot");
  const [baseline, current] = positionals as [string, string];
  const input = {
    snapshot: resolve(io.cwd, current),
    baseline: baseline.startsWith("git:") ? baseline : resolve(io.cwd, baseline),
    ...(values.policy === undefined ? {} : { policy: resolve(io.cwd, values.policy as string) }),
  };
  const result = await runDiffInput(input, runContext(io));
  // For `diff`, input that cannot be read is a usage error (exit 2), as the contract says.
  const unreadable = result.findings.find((f) => f.rule === "diff.unreadable");
  if (unreadable) throw new UsageError(unreadable.message);
  return { output: { results: [result], checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
}

async function runEventsCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, OUTPUT_OPTIONS);
  if (positionals.length === 0) throw new UsageError("events needs at least one file, directory or glob");
  const results = await runEventsInput(
    { paths: positionals.map((p) => resolve(io.cwd, p)), optional: false },
    runContext(io),
  );
  refuseMissing(results);
  return { output: { results, checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
}

async function runMapCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, {
    ...OUTPUT_OPTIONS,
    framework: { type: "string", multiple: true },
    from: { type: "string" },
    to: { type: "string" },
    model: { type: "string" },
    registry: { type: "string" },
    "max-age": { type: "string" },
    "key-env": { type: "string" },
    attestation: { type: "string" },
  });
  if (positionals.length === 0) throw new UsageError("map needs at least one events file, directory or glob");
  const frameworks = (values.framework as string[] | undefined) ?? [];
  if (frameworks.length === 0) throw new UsageError("map needs --framework NAME");
  const maxAge = values["max-age"] === undefined ? undefined : Number(values["max-age"]);
  if (maxAge !== undefined && !(Number.isFinite(maxAge) && maxAge > 0)) {
    throw new UsageError("--max-age must be a positive number of days");
  }
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const file = (name: string) => (text(name) === undefined ? undefined : resolve(io.cwd, text(name) as string));
  const mapping = {
    frameworks,
    ...(text("from") === undefined ? {} : { from: text("from") as string }),
    ...(text("to") === undefined ? {} : { to: text("to") as string }),
    ...(text("model") === undefined ? {} : { model: text("model") as string }),
    ...(file("registry") === undefined ? {} : { registry: file("registry") as string }),
    ...(file("attestation") === undefined ? {} : { attestation: file("attestation") as string }),
    ...(maxAge === undefined ? {} : { maxAgeDays: maxAge }),
    ...(envName(values["key-env"], "--key-env") === undefined ? {} : { keyEnv: values["key-env"] as string }),
  };
  const context = runContext(io);
  const paths = positionals.map((p) => resolve(io.cwd, p));
  const { files, unmatched, refused } = await expand(paths, [".jsonl", ".json"], context);
  if (unmatched.length > 0) {
    const shown = unmatched.map((u) => JSON.stringify(displayPath(u, io.cwd))).join(", ");
    throw new UsageError(`no events file matches ${shown}`);
  }
  const target = paths.map((p) => displayPath(p, io.cwd)).join(", ");
  const results = [
    ...refusedResults(refused, "mapping"),
    ...(files.length > 0 ? await runMapping(mapping, { files, target }, context) : []),
  ];
  return { output: { results, checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
}

async function runIsolationCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, {
    ...OUTPUT_OPTIONS,
    strict: { type: "boolean" },
    "no-strict": { type: "boolean" },
  });
  if (positionals.length !== 2) throw new UsageError("isolation takes two event files, one per tenant");
  if (values.strict && values["no-strict"]) throw new UsageError("--strict and --no-strict contradict each other");
  const [a, b] = positionals as [string, string];
  const input = { a: resolve(io.cwd, a), b: resolve(io.cwd, b), strict: values["no-strict"] !== true };
  const result = await runIsolationInput(input, runContext(io));
  return { output: { results: [result], checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
}

async function runScopeCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, { ...OUTPUT_OPTIONS, org: { type: "string" }, team: { type: "string" } });
  if (positionals.length !== 1) throw new UsageError("scope takes one event file");
  if (typeof values.org !== "string" || values.org === "") throw new UsageError("scope needs --org ID");
  const input = {
    path: resolve(io.cwd, positionals[0] as string),
    org: values.org,
    team: values.team as string | undefined,
  };
  const result = await runScopeInput(input, runContext(io));
  return { output: { results: [result], checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
}

async function runCheckCommand(args: readonly string[], io: CliIo): Promise<CommandRun> {
  const { values, positionals } = parse(args, {
    ...OUTPUT_OPTIONS,
    config: { type: "string" },
    format: { type: "string" },
    bundle: { type: "string" },
    "signing-key-env": { type: "string" },
    "hmac-key-env": { type: "string" },
    shard: { type: "string" },
  });
  if (positionals.length > 0) {
    throw new UsageError(`check takes no positional arguments (got ${positionals.join(" ")})`);
  }
  const shard = shardFlag(values.shard);
  const format =
    oneOf(values.format as string | undefined, OUTPUT_FORMATS, "--format") ?? (values.json ? "json" : "text");
  const signingKeyEnv = envName(values["signing-key-env"], "--signing-key-env");
  const hmacKeyEnv = envName(values["hmac-key-env"], "--hmac-key-env");
  if ((signingKeyEnv || hmacKeyEnv) && values.bundle === undefined) {
    throw new UsageError("--signing-key-env and --hmac-key-env sign a bundle: add --bundle DIR");
  }
  const configPath = values.config === undefined ? await findConfig(io) : resolve(io.cwd, values.config as string);
  const config: GateConfig = await loadConfig(configPath);
  const output = await runChecks(config, { ...runContext(io), ...(shard ? { shard } : {}) });
  const bundle =
    typeof values.bundle === "string"
      ? { dir: values.bundle, ...(signingKeyEnv ? { signingKeyEnv } : {}), ...(hmacKeyEnv ? { hmacKeyEnv } : {}) }
      : undefined;
  const flags: OutputFlags = {
    format,
    out: typeof values.out === "string" ? values.out : undefined,
    ...detailFlag(values),
    configFile: { path: configPath, name: displayPath(configPath, io.cwd) },
    ...(bundle ? { bundle } : {}),
  };
  return { output, failOn: config.failOn, flags, ...(shard ? { shard } : {}) };
}

async function writeOrFail(target: string, bytes: string | Buffer, flag: string): Promise<void> {
  try {
    await writeFile(target, bytes);
  } catch (error) {
    throw new UsageError(`${flag}: cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

function signingKeyFrom(envName: string, io: CliIo): KeyObject {
  const pem = io.env[envName];
  if (pem === undefined || pem.trim() === "")
    throw new UsageError(`--signing-key-env: environment variable ${envName} is not set`);
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "ed25519") throw new Error("not Ed25519");
    return key;
  } catch {
    // Never echo the value: it is a private key (or was meant to be).
    throw new UsageError(`--signing-key-env: ${envName} does not hold an Ed25519 private key in PEM`);
  }
}

async function writeBundle(report: Report, flags: OutputFlags, io: CliIo): Promise<void> {
  const bundle = flags.bundle;
  if (!bundle) return;
  const signingKey = bundle.signingKeyEnv ? signingKeyFrom(bundle.signingKeyEnv, io) : undefined;
  const hmacKey = bundle.hmacKeyEnv ? io.env[bundle.hmacKeyEnv] : undefined;
  if (bundle.hmacKeyEnv && (hmacKey === undefined || hmacKey === "")) {
    throw new UsageError(`--hmac-key-env: environment variable ${bundle.hmacKeyEnv} is not set`);
  }
  const built = buildBundle({
    report,
    inputs: await inputSubjects({ report, read: flags.read, cwd: io.cwd }),
    configuration: await configurationSubjects({ configFile: flags.configFile }),
    signingKey,
    hmacKey,
  });
  const dir = resolve(io.cwd, bundle.dir);
  await mkdir(dir, { recursive: true }).catch(() => undefined);
  for (const [name, bytes] of built.files) await writeOrFail(join(dir, name), bytes, "--bundle");
}

async function emit(report: Report, flags: OutputFlags, io: CliIo): Promise<void> {
  const bytes = serializeReport(report);
  if (flags.out !== undefined) await writeOrFail(resolve(io.cwd, flags.out), bytes, "--out");
  await writeBundle(report, flags, io);
  switch (flags.format) {
    case "json":
      io.stdout(`${bytes}\n`);
      break;
    case "markdown":
      io.stdout(renderSummary(report));
      break;
    case "sarif":
      io.stdout(`${JSON.stringify(renderSarif(report), null, 2)}\n`);
      break;
    case "html":
      io.stdout(renderHtml(report));
      break;
    default:
      io.stdout(
        renderTerminal(report, {
          color: useColor({ isTTY: io.isTTY ?? false, env: io.env }),
          quiet: flags.detail === "quiet",
          ...(flags.detail === "verbose" ? { maxFindingsPerCheck: Number.POSITIVE_INFINITY } : {}),
        }),
      );
  }
}

/**
 * Re-render a report someone else produced (e.g. a fork PR's artifact in a workflow_run job): it is validated
 * against the schema first, and the Markdown is made here, never taken from the untrusted run.
 */
async function runRender(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: "string" },
    key: { type: "string" },
    help: { type: "boolean" },
  });
  if (positionals.length !== 1) throw new UsageError("render takes one report file");
  const format =
    oneOf(values.format as string | undefined, ["markdown", "comment", "text", "sarif", "html"] as const, "--format") ??
    "markdown";
  const text = await readFile(resolve(io.cwd, positionals[0] as string), "utf8").catch(() => undefined);
  if (text === undefined) throw new UsageError(`${positionals[0]}: cannot read the report`);
  let report: Report;
  try {
    report = JSON.parse(text) as Report;
  } catch {
    throw new UsageError(`${positionals[0]}: not JSON`);
  }
  const problems = validateReport(report);
  if (problems.length > 0)
    throw new UsageError(`${positionals[0]}: not a valid comply-gate report: ${problems.slice(0, 3).join("; ")}`);
  const key = typeof values.key === "string" ? values.key : "comply-gate";
  if (format === "comment") io.stdout(renderComment(report, { key }));
  else if (format === "text") io.stdout(renderTerminal(report));
  else if (format === "sarif") io.stdout(`${JSON.stringify(renderSarif(report), null, 2)}\n`);
  else if (format === "html") io.stdout(renderHtml(report));
  else io.stdout(renderSummary(report));
  return EXIT_PASS;
}

/**
 * `comply-gate init`: detect the evidence under the working folder, write `comply-gate.yml` and a workflow, say
 * what was found. Idempotent: an identical file is left alone; a different one is kept unless `--force`.
 */
async function runInit(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError("init takes no paths: it looks at the working folder");
  const found = await detectEvidence(io.cwd);
  const localSchema = "node_modules/comply-gate/schemas/config.schema.json";
  const schemaUrl = (await io.fileExists(join(io.cwd, localSchema)))
    ? `./${localSchema}`
    : `https://unpkg.com/comply-gate@${packageJson.version}/schemas/config.schema.json`;
  const files: [string, string][] = [
    [CONFIG_FILE, configText(found, { schemaUrl })],
    [WORKFLOW_FILE, workflowText(found, { version: packageJson.version })],
  ];
  io.stdout(`Evidence found under ${io.cwd}:\n${describeFound(found)}`);
  let kept = 0;
  for (const [name, text] of files) {
    const path = join(io.cwd, name);
    const existing = await readFile(path, "utf8").catch(() => undefined);
    if (existing === text) {
      io.stdout(`unchanged  ${name}\n`);
      continue;
    }
    if (existing !== undefined && values.force !== true) {
      io.stdout(`kept       ${name} (it differs from what init would write; --force overwrites it)\n`);
      kept++;
      continue;
    }
    await mkdir(join(path, ".."), { recursive: true });
    await writeOrFail(path, text, name);
    io.stdout(`${existing === undefined ? "wrote     " : "rewrote   "} ${name}\n`);
  }
  io.stdout("Next: npx comply-gate check\n");
  return kept > 0 ? EXIT_USAGE : EXIT_PASS;
}

/** `comply-gate install-hook`: write the pre-push hook into this repository's hooks folder (core.hooksPath honoured). */
async function runInstallHook(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError("install-hook takes no arguments");
  let hooks: string;
  try {
    const { stdout } = await execFileAsync("git", ["rev-parse", "--git-path", "hooks"], { cwd: io.cwd });
    hooks = resolve(io.cwd, stdout.trim());
  } catch {
    throw new UsageError("install-hook must run inside a git repository");
  }
  const path = join(hooks, "pre-push");
  const existing = await readFile(path, "utf8").catch(() => undefined);
  if (existing !== undefined && !existing.includes(HOOK_MARKER) && values.force !== true) {
    throw new UsageError(`${displayPath(path, io.cwd)} exists and is not comply-gate's: --force replaces it`);
  }
  await mkdir(hooks, { recursive: true });
  await writeOrFail(path, prePushHook({ version: packageJson.version }), "install-hook");
  await chmod(path, 0o755);
  io.stdout(
    `installed ${displayPath(path, io.cwd)}: every git push runs comply-gate check first.\n` +
      "Skip it once with git push --no-verify (or COMPLY_GATE_SKIP_HOOK=1); remove it by deleting the file.\n",
  );
  return EXIT_PASS;
}

async function runVerifyReport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    "public-key": { type: "string" },
    "hmac-key-env": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (positionals.length !== 1) throw new UsageError("verify-report takes one report file");
  const hmacKeyEnv = envName(values["hmac-key-env"], "--hmac-key-env");
  if (values["public-key"] === undefined && hmacKeyEnv === undefined) {
    throw new UsageError("verify-report needs --public-key FILE (Ed25519 signature) or --hmac-key-env NAME (seal)");
  }
  const reportPath = resolve(io.cwd, positionals[0] as string);
  const read = async (path: string): Promise<Buffer | undefined> => readFile(path).catch(() => undefined);
  const reportBytes = await read(reportPath);
  if (!reportBytes) throw new UsageError(`${positionals[0]}: cannot read the report`);
  let publicKey: KeyObject | undefined;
  if (values["public-key"] !== undefined) {
    const pem = await read(resolve(io.cwd, values["public-key"] as string));
    if (!pem) throw new UsageError(`--public-key ${values["public-key"]}: cannot read the key`);
    try {
      publicKey = createPublicKey(pem);
    } catch {
      throw new UsageError(`--public-key ${values["public-key"]}: not a public key in PEM`);
    }
  }
  const hmacKey = hmacKeyEnv ? io.env[hmacKeyEnv] : undefined;
  if (hmacKeyEnv && (hmacKey === undefined || hmacKey === "")) {
    throw new UsageError(`--hmac-key-env: environment variable ${hmacKeyEnv} is not set`);
  }
  const sibling = (suffix: string): string => reportPath.replace(/\.json$/, "") + suffix;
  const steps = verifyReportBundle({
    reportName: basename(reportPath),
    reportBytes,
    envelopeBytes: await read(sibling(".intoto.json")),
    publicKey,
    sealText: (await read(sibling(".hmac")))?.toString("utf8"),
    hmacKey,
  });
  for (const step of steps) io.stdout(`${step.ok ? "ok  " : "FAIL"}  ${step.name}: ${step.detail}\n`);
  const ok = steps.every((step) => step.ok);
  io.stdout(ok ? "Verified.\n" : "Verification FAILED.\n");
  return ok ? EXIT_PASS : EXIT_GATE_FAILED;
}

const isUserError = (error: unknown): error is Error =>
  error instanceof UsageError ||
  error instanceof ConfigError ||
  error instanceof KeyMapError ||
  error instanceof CheckpointError ||
  error instanceof MergeError ||
  error instanceof MappingError;

/** Run the CLI; returns the exit code. Never throws for user errors and never prints a stack trace. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let progress: ProgressSink | undefined;
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? EXIT_USAGE : EXIT_PASS;
    }
    if (command === "--version" || command === "-v") {
      io.stdout(`${packageJson.version}\n`);
      return EXIT_PASS;
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(`${USAGE}\n`);
      return EXIT_PASS;
    }
    progress = progressLine({
      write: io.stderr,
      isTTY: io.stderrIsTTY ?? false,
      env: io.env,
      quiet: rest.includes("--quiet") || rest.includes("-q"),
    });
    if (progress) progressOf.set(io, progress);
    if (command === "verify-report") return await runVerifyReport(rest, io);
    if (command === "init") return await runInit(rest, io);
    if (command === "install-hook") return await runInstallHook(rest, io);
    if (command === "render") return await runRender(rest, io);
    let run: CommandRun;
    if (command === "chain") run = await runChainCommand(rest, io);
    else if (command === "diff") run = await runDiffCommand(rest, io);
    else if (command === "events") run = await runEventsCommand(rest, io);
    else if (command === "isolation") run = await runIsolationCommand(rest, io);
    else if (command === "scope") run = await runScopeCommand(rest, io);
    else if (command === "map") run = await runMapCommand(rest, io);
    else if (command === "check") run = await runCheckCommand(rest, io);
    else if (command === "dataset") run = await runDatasetCommand(rest, io);
    else if (command === "merge") run = await runMergeCommand(rest, io);
    else throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    progress?.end();

    const report = buildReport({
      results: run.output.results,
      checkpoints: run.output.checkpoints,
      policy: { failOn: run.failOn },
      subject: subjectFromEnv(io.env),
      toolVersion: packageJson.version,
      ...(run.shard
        ? {
            shard: {
              ...run.shard,
              partials: (run.output.partials ?? []) as unknown as Readonly<Record<string, unknown>>[],
            },
          }
        : {}),
    });
    await emit(report, { ...run.flags, read: run.output.read }, io);
    return report.verdict === "pass" ? EXIT_PASS : EXIT_GATE_FAILED;
  } catch (error) {
    progress?.end();
    if (isUserError(error)) {
      io.stderr(`comply-gate: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr("Run 'comply-gate --help' for usage.\n");
      return EXIT_USAGE;
    }
    // A bug must still fail the gate, readably; the stack only on request.
    const detail = io.env.COMPLY_GATE_DEBUG ? `\n${(error as Error).stack ?? ""}` : "";
    io.stderr(`comply-gate: internal error: ${(error as Error).message ?? String(error)}${detail}\n`);
    return EXIT_GATE_FAILED;
  }
}
