/**
 * Flags: each command declares its own (type, value placeholder, help line); this module turns them into
 * `parseArgs` options and holds the checks several commands share.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { didYouMean } from "../core/suggest.js";
import type { Shard } from "../dataset/plan.js";
import { UsageError } from "./errors.js";

export interface Flag {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** How the value is shown in help, e.g. `FILE`. */
  readonly value?: string;
  readonly help: string;
}

export type Flags = Readonly<Record<string, Flag>>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** `--fail-on`: the least severe status that fails the gate. */
export const FAIL_ON = ["error", "fail", "warn"] as const;

export const HELP_FLAG: Flags = { help: { type: "boolean", short: "h", help: "show this command's usage" } };

/** The flags of every command that prints a report. */
export const OUTPUT_FLAGS: Flags = {
  json: { type: "boolean", help: "print the canonical JSON report" },
  out: {
    type: "string",
    value: "FILE",
    help: "write the report to FILE (as --json or FILE's ending says: .json .sarif .html .md; else text)",
  },
  quiet: { type: "boolean", short: "q", help: "text output: only what did not pass" },
  verbose: { type: "boolean", short: "v", help: "text output: every finding" },
  ...HELP_FLAG,
};

/**
 * Parse a command's arguments. Unknown or malformed flags are refused in one line that names the fix (the
 * closest known flag, the value a flag needs), never in parseArgs' own words.
 */
export function parse(args: readonly string[], flags: Flags): ParsedArgs {
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = {
      type: flag.type,
      ...(flag.short ? { short: flag.short } : {}),
      ...(flag.multiple ? { multiple: true } : {}),
    };
  }
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const flag = Object.hasOwn(flags, token.name) ? flags[token.name] : undefined;
    if (flag === undefined) {
      const known = Object.keys(flags);
      const typed = token.rawName.replace(/^-+/, "");
      throw new UsageError(`unknown flag ${token.rawName}${didYouMean(typed, known, (name) => `--${name}`)}`);
    }
    const shown = `--${token.name}`;
    if (flag.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))) {
      throw new UsageError(`${shown} needs a value: ${shown} ${flag.value ?? "VALUE"}`);
    }
    if (flag.type === "boolean" && token.inlineValue) throw new UsageError(`${shown} takes no value`);
  }
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Not expected after the checks above; still one line, without parseArgs' error code.
    throw new UsageError(
      (error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, "").split("\n")[0] ?? "bad flags",
    );
  }
}

/** A string flag's value, if given. */
export function text(values: ParsedArgs["values"], name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

export function envName(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new UsageError(`${flag} takes the NAME of an environment variable (letters, digits, _), not a key`);
  }
  return value;
}

/** `--shard i/n`: this run scans shard i of n (1 ≤ i ≤ n). */
export function shardFlag(value: unknown): Shard | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === "string" ? /^(\d{1,6})\/(\d{1,6})$/.exec(value) : null;
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || index < 1 || count < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 (got ${JSON.stringify(value)})`);
  }
  return { index, count };
}
