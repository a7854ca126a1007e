/** A subcommand: its name, its usage and flags (the help text is made from them), and what it does. */
import type { Flags, ParsedArgs } from "./flags.js";
import type { CliIo } from "./io.js";
import type { CommandRun } from "./output.js";

export interface Command {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** The usage after `comply-gate `, e.g. `chain <path|dir|glob>...`; continuation lines are indented. */
  readonly usage: string;
  readonly flags: Flags;
  /** More help after the flags (formats, exit codes particular to the command). */
  readonly details?: string;
  /** An exit code, or a report for the shared report-and-exit step. */
  readonly run: (args: ParsedArgs, io: CliIo) => Promise<number | CommandRun>;
}
