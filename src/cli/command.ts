/** A subcommand: its name, its usage and flags (the help text is made from them), and what it does. */
import type { Flags, ParsedArgs } from "./flags.js";
import type { CliIo } from "./io.js";
import type { CommandRun } from "./output.js";

export interface Command {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** What follows `comply-gate <name>`: the arguments, e.g. `<path|dir|glob>... [flags]`. */
  readonly usage: string;
  /** Every flag the command takes; its help lists them with their help lines. */
  readonly flags: Flags;
  /** More help after the flags (formats, what an argument may be). */
  readonly details?: string;
  /** The exit codes, when they are not the gate's (0 passed, 1 failed, 2 usage, config or input error). */
  readonly exitCodes?: string;
  /** An exit code, or a report for the shared report-and-exit step. */
  readonly run: (args: ParsedArgs, io: CliIo) => Promise<number | CommandRun>;
}
