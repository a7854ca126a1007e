/**
 * The CLI shell: argv → the command's module (commands/) → the same core the Action runs → stdout/stderr → exit
 * code. Exit codes: 0 gate passed, 1 gate failed (any `fail` or `error`), 2 usage, config or input error.
 */

import packageJson from "../../package.json" with { type: "json" };
import { buildReport, subjectFromEnv } from "../core/report.js";
import { didYouMean } from "../core/suggest.js";
import type { Command } from "./command.js";
import { COMMANDS, commandNamed } from "./commands/index.js";
import { attachProgress } from "./context.js";
import { isUserError, UsageError } from "./errors.js";
import { parse } from "./flags.js";
import { type CliIo, EXIT_GATE_FAILED, EXIT_PASS, EXIT_USAGE } from "./io.js";
import { emit } from "./output.js";
import { type ProgressSink, progressLine } from "./progress.js";
import { commandHelp, topLevelUsage } from "./usage.js";

export { type CliIo, EXIT_GATE_FAILED, EXIT_PASS, EXIT_USAGE } from "./io.js";

const USAGE = topLevelUsage(COMMANDS);

const unknownCommand = (name: string) =>
  new UsageError(
    `unknown command ${JSON.stringify(name)}${didYouMean(
      name,
      COMMANDS.map((c) => c.name),
    )}`,
  );

/** A message of several lines (a config's problems, one per line) as one: `head: first; second`. */
function oneLine(message: string): string {
  const [head, ...rest] = message.split("\n").map((line) => line.trim());
  return rest.length === 0 ? (head ?? "") : `${head}: ${rest.filter((line) => line !== "").join("; ")}`;
}

/** `--help` or `-h` among a command's arguments (before a `--` that ends the flags). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** Run the CLI; returns the exit code. Never throws for user errors and never prints a stack trace. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let progress: ProgressSink | undefined;
  const [name, ...rest] = argv;
  let command: Command | undefined;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const asked = name === "help" ? rest[0] : undefined;
      const about = asked === undefined ? undefined : commandNamed(asked);
      if (asked !== undefined && !about) throw unknownCommand(asked);
      io.stdout(`${about ? commandHelp(about) : USAGE}\n`);
      return name === undefined ? EXIT_USAGE : EXIT_PASS;
    }
    if (name === "--version" || name === "-v") {
      io.stdout(`${packageJson.version}\n`);
      return EXIT_PASS;
    }
    command = commandNamed(name);
    if (!command) {
      if (name.startsWith("-")) {
        throw new UsageError(`unknown flag ${name}${didYouMean(name, ["--help", "--version"], String)}`);
      }
      throw unknownCommand(name);
    }
    if (asksForHelp(rest)) {
      io.stdout(`${commandHelp(command)}\n`);
      return EXIT_PASS;
    }
    const args = parse(rest, command.flags);
    progress = progressLine({
      write: io.stderr,
      isTTY: io.stderrIsTTY ?? false,
      env: io.env,
      quiet: args.values.quiet === true,
    });
    if (progress) attachProgress(io, progress);
    const run = await command.run(args, io);
    if (typeof run === "number") return run;
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
      // One line: what is wrong and the fix; the usage hint only when the command line itself is wrong.
      const hint =
        error instanceof UsageError
          ? `${/[.!?]$/.test(error.message) ? "" : "."} Run 'comply-gate ${command ? `${command.name} ` : ""}--help' for usage.`
          : "";
      io.stderr(`comply-gate: ${oneLine(error.message)}${hint}\n`);
      return EXIT_USAGE;
    }
    // A bug must still fail the gate, readably; the stack only on request.
    const detail = io.env.COMPLY_GATE_DEBUG ? `\n${(error as Error).stack ?? ""}` : "";
    io.stderr(`comply-gate: internal error: ${(error as Error).message ?? String(error)}${detail}\n`);
    return EXIT_GATE_FAILED;
  }
}
