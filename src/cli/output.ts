/** How a command's report leaves the CLI: stdout in the chosen format, `--out`, `--bundle`. */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ChecksOutput } from "../checks/run.js";
import type { FailOn, Report } from "../core/model.js";
import { serializeReport } from "../core/report.js";
import type { Shard } from "../dataset/plan.js";
import { buildBundle } from "../report/bundle.js";
import { renderHtml } from "../report/html.js";
import { configurationSubjects, inputSubjects } from "../report/inputs.js";
import { renderSummary } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { renderTerminal, useColor } from "../report/terminal.js";
import { UsageError } from "./errors.js";
import type { ParsedArgs } from "./flags.js";
import type { CliIo } from "./io.js";

export const OUTPUT_FORMATS = ["text", "json", "markdown", "sarif", "html"] as const;

export interface OutputFlags {
  readonly format: (typeof OUTPUT_FORMATS)[number];
  /** Text output: only what did not pass (--quiet), or every finding (--verbose). */
  readonly detail?: "quiet" | "verbose";
  readonly out: string | undefined;
  /** Write the report bundle (report, signed statement, seal, SARIF, summary) into this folder. */
  readonly bundle?: { readonly dir: string; readonly signingKeyEnv?: string; readonly hmacKeyEnv?: string };
  /** How the configuration is named in a signed statement. */
  readonly configFile?: { readonly path: string; readonly name: string };
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
export function outputFlags(values: ParsedArgs["values"]): OutputFlags {
  return {
    format: values.json === true ? "json" : "text",
    out: typeof values.out === "string" ? values.out : undefined,
    ...detailFlag(values),
  };
}

export async function writeOrFail(target: string, bytes: string | Buffer, flag: string): Promise<void> {
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
    inputs: await inputSubjects(report, io.cwd),
    configuration: await configurationSubjects({ configFile: flags.configFile }),
    signingKey,
    hmacKey,
  });
  const dir = resolve(io.cwd, bundle.dir);
  await mkdir(dir, { recursive: true }).catch(() => undefined);
  for (const [name, bytes] of built.files) await writeOrFail(join(dir, name), bytes, "--bundle");
}

export async function emit(report: Report, flags: OutputFlags, io: CliIo): Promise<void> {
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
