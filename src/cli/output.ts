/** How a command's report leaves the CLI: stdout in the chosen format, `--out`, `--bundle`. */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ChecksOutput } from "../checks/run.js";
import type { FailOn, Report } from "../core/model.js";
import { serializeReport } from "../core/report.js";
import type { Shard } from "../dataset/plan.js";
import type { ReadInput } from "../io/expand.js";
import { OutputRefused, writeOutputFile } from "../io/write-output.js";
import { runFromEnv } from "../report/attestation.js";
import { buildBundle } from "../report/bundle.js";
import { renderHtml } from "../report/html.js";
import { configurationSubjects, inputSubjects } from "../report/inputs.js";
import { renderSummary } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { renderTerminal, useColor } from "../report/terminal.js";
import { InputError, UsageError } from "./errors.js";
import { oneOf, type ParsedArgs, text } from "./flags.js";
import type { CliIo } from "./io.js";

export const OUTPUT_FORMATS = ["text", "json", "markdown", "sarif", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputFlags {
  /** What the report is rendered as: on stdout, or into `out` when it is given. */
  readonly format: OutputFormat;
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

/** What a report-printing command hands to the shared report-and-exit step. */
export interface CommandRun {
  readonly output: ChecksOutput;
  readonly failOn: FailOn;
  readonly flags: OutputFlags;
  readonly shard?: Shard;
}

export function detailFlag(values: ParsedArgs["values"]): { detail?: "quiet" | "verbose" } {
  if (values.quiet === true && values.verbose === true)
    throw new UsageError("--quiet and --verbose contradict each other");
  return values.quiet === true ? { detail: "quiet" } : values.verbose === true ? { detail: "verbose" } : {};
}

/** The output of a command with the plain output flags (`--json`, `--out`, `--quiet`, `--verbose`). */
/** What an `--out` file's name says it holds, when no flag says. */
const FORMAT_BY_ENDING: readonly [string, OutputFormat][] = [
  [".sarif", "sarif"],
  [".sarif.json", "sarif"],
  [".json", "json"],
  [".html", "html"],
  [".htm", "html"],
  [".md", "markdown"],
  [".markdown", "markdown"],
];

/**
 * The output format: `--format` (on commands that have it), else `--json`, else the ending of the `--out`
 * file (`report.json` holds JSON, `report.html` HTML …), else text.
 */
export function chooseFormat(values: ParsedArgs["values"], options: { formatFlag: boolean }): OutputFormat {
  const flag = options.formatFlag ? oneOf(text(values, "format"), OUTPUT_FORMATS, "--format") : undefined;
  if (flag !== undefined && values.json === true && flag !== "json") {
    throw new UsageError(`--json and --format ${flag} contradict each other (--json is --format json)`);
  }
  if (flag !== undefined) return flag;
  if (values.json === true) return "json";
  const out = text(values, "out")?.toLowerCase();
  return FORMAT_BY_ENDING.find(([ending]) => out?.endsWith(ending))?.[1] ?? "text";
}

/** The output of a command with the plain output flags (`--json`, `--out`, `--quiet`, `--verbose`). */
export function outputFlags(values: ParsedArgs["values"], options = { formatFlag: false }): OutputFlags {
  return { format: chooseFormat(values, options), out: text(values, "out"), ...detailFlag(values) };
}

export async function writeOrFail(target: string, bytes: string | Buffer, flag: string): Promise<void> {
  try {
    // Never through a link: the pre-push hook runs on a checkout whose files a pull request wrote.
    await writeOutputFile(target, bytes);
  } catch (error) {
    if (error instanceof OutputRefused) throw new InputError(`${flag}: ${error.message}`);
    const reason = ((error as Error).message ?? "").split(",")[0] || "I/O error";
    throw new InputError(`${flag}: cannot write ${target} (${reason})`);
  }
}

function signingKeyFrom(envName: string, io: CliIo): KeyObject {
  const pem = io.env[envName];
  if (pem === undefined || pem.trim() === "")
    throw new InputError(`--signing-key-env: environment variable ${envName} is not set`);
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "ed25519") throw new Error("not Ed25519");
    return key;
  } catch {
    // Never echo the value: it is a private key (or was meant to be).
    throw new InputError(`--signing-key-env: ${envName} does not hold an Ed25519 private key in PEM`);
  }
}

async function writeBundle(report: Report, flags: OutputFlags, io: CliIo): Promise<void> {
  const bundle = flags.bundle;
  if (!bundle) return;
  const signingKey = bundle.signingKeyEnv ? signingKeyFrom(bundle.signingKeyEnv, io) : undefined;
  const hmacKey = bundle.hmacKeyEnv ? io.env[bundle.hmacKeyEnv] : undefined;
  if (bundle.hmacKeyEnv && (hmacKey === undefined || hmacKey === "")) {
    throw new InputError(`--hmac-key-env: environment variable ${bundle.hmacKeyEnv} is not set`);
  }
  const built = buildBundle({
    report,
    inputs: await inputSubjects({ report, read: flags.read, cwd: io.cwd }),
    configuration: await configurationSubjects({ configFile: flags.configFile }),
    signingKey,
    hmacKey,
    run: runFromEnv(io.env),
  });
  const dir = resolve(io.cwd, bundle.dir);
  await mkdir(dir, { recursive: true }).catch(() => undefined);
  for (const [name, bytes] of built.files) await writeOrFail(join(dir, name), bytes, "--bundle");
}

/** The report as `format`. */
export function renderReport(
  report: Report,
  format: OutputFormat,
  options: { color: boolean; detail?: "quiet" | "verbose" | undefined; category?: string | undefined },
): string {
  switch (format) {
    case "json":
      return `${serializeReport(report)}\n`;
    case "markdown":
      return renderSummary(report);
    case "sarif":
      // The config file is the code-scanning category, as in the bundle's SARIF.
      return `${JSON.stringify(renderSarif(report, options.category ? { category: options.category } : {}), null, 2)}\n`;
    case "html":
      return renderHtml(report);
    default:
      return renderTerminal(report, {
        color: options.color,
        quiet: options.detail === "quiet",
        ...(options.detail === "verbose" ? { maxFindingsPerCheck: Number.POSITIVE_INFINITY } : {}),
      });
  }
}

/**
 * Print the report, write `--out` and `--bundle`. With `--out`, the file holds the chosen format (a text file
 * every finding, unless --quiet) and the terminal still shows the text report, so a CI log keeps the verdict.
 */
export async function emit(report: Report, flags: OutputFlags, io: CliIo): Promise<void> {
  if (flags.out !== undefined) {
    const bytes =
      flags.format === "json"
        ? serializeReport(report) // the canonical bytes, as the bundle holds them
        : renderReport(report, flags.format, {
            color: false,
            detail: flags.detail ?? "verbose",
            category: flags.configFile?.name,
          });
    await writeOrFail(resolve(io.cwd, flags.out), bytes, "--out");
  }
  await writeBundle(report, flags, io);
  const color = useColor({ isTTY: io.isTTY ?? false, env: io.env });
  const format = flags.out === undefined ? flags.format : "text";
  io.stdout(renderReport(report, format, { color, detail: flags.detail, category: flags.configFile?.name }));
}
