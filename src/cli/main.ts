/**
 * The CLI shell: argv → the command's module (commands/) → the same core the Action runs → stdout/stderr → exit
 * code. Exit codes: 0 gate passed, 1 gate failed (any `fail` or `error`), 2 usage or config error.
 */

import packageJson from "../../package.json" with { type: "json" };
import { buildReport, subjectFromEnv } from "../core/report.js";
import { COMMANDS, commandNamed } from "./commands/index.js";
import { attachProgress } from "./context.js";
import { isUserError, UsageError } from "./errors.js";
import { parse } from "./flags.js";
import { type CliIo, EXIT_GATE_FAILED, EXIT_PASS, EXIT_USAGE } from "./io.js";
import { emit } from "./output.js";
import { type ProgressSink, progressLine } from "./progress.js";
import { topLevelUsage } from "./usage.js";

export { type CliIo, EXIT_GATE_FAILED, EXIT_PASS, EXIT_USAGE } from "./io.js";

const USAGE = topLevelUsage(COMMANDS);

/** Run the CLI; returns the exit code. Never throws for user errors and never prints a stack trace. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let progress: ProgressSink | undefined;
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout(`${USAGE}\n`);
      return name === undefined ? EXIT_USAGE : EXIT_PASS;
    }
    if (name === "--version" || name === "-v") {
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
    if (progress) attachProgress(io, progress);
    const command = commandNamed(name);
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
    const run = await command.run(parse(rest, command.flags), io);
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
    await emit(report, run.flags, io);
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
