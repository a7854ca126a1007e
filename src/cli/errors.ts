/**
 * The errors the CLI reports as one line and exit 2, not as an internal error: a usage error (the command line
 * is wrong: the usage hint follows) and an input error (a file, folder or variable it names cannot be used).
 */
import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { isDynamicPattern } from "tinyglobby";
import { CheckpointError } from "../checks/chain/checkpoints.js";
import { KeyMapError } from "../checks/chain/keys.js";
import { MappingError } from "../checks/mapping/index.js";
import { ConfigError } from "../config/config.js";
import type { CheckResult } from "../core/model.js";
import { MergeError } from "../dataset/merge-reports.js";

/** A mistake on the command line: the message says what to change; the usage hint follows it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A path or variable the command was given cannot be used (missing, empty, unreadable, not what it must be). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export const isUserError = (error: unknown): error is Error =>
  error instanceof UsageError ||
  error instanceof InputError ||
  error instanceof ConfigError ||
  error instanceof KeyMapError ||
  error instanceof CheckpointError ||
  error instanceof MergeError ||
  error instanceof MappingError;

/** Why a path could not be read, with the system's reason: `cannot read x (EACCES: permission denied)`. */
export function readFailure(shown: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `${shown}: no such file or folder`;
  if (code === "EISDIR") return `${shown}: a folder, not a file`;
  // Node's message is "CODE: reason, syscall 'path'": keep the code and the reason, not the path again.
  const reason = ((error as Error).message ?? "").split(",")[0] || code || "I/O error";
  return `cannot read ${shown} (${reason})`;
}

/** Read a file the command was given, or say in one line why it cannot be. */
export async function readInput(path: string, shown: string): Promise<Buffer> {
  try {
    const handle = await open(path, "r");
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InputError(readFailure(shown, error));
  }
}

/** Files named on the command line that exist but cannot be opened are refused up front, with the reason. */
export async function refuseUnreadable(paths: readonly string[], cwd: string): Promise<void> {
  for (const path of paths) {
    if (isDynamicPattern(path)) continue;
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info?.isFile()) continue;
    try {
      await (await open(absolute, "r")).close();
    } catch (error) {
      throw new InputError(readFailure(path, error));
    }
  }
}

/** `*.jsonl or *.json`; past six endings, the first six and how many more. */
function endings(extensions: readonly string[]): string {
  const shown = extensions.slice(0, 6).map((ext) => `*${ext}`);
  if (extensions.length > 6) return `${shown.join(", ")} or ${extensions.length - 6} more endings`;
  return shown.length <= 1 ? (shown[0] ?? "matching") : `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
}

/**
 * On the command line, a path that matches nothing is an input error (exit 2), not a failed check, said as it
 * is: a path that does not exist, a folder with no file of the kind the command reads, a glob matching nothing.
 */
export async function refuseMissing(
  results: readonly CheckResult[],
  options: { cwd: string; extensions: readonly string[] },
): Promise<void> {
  const missing = results.filter((result) => result.findings.some((f) => f.rule === "input.missing"));
  if (missing.length === 0) return;
  const reasons: string[] = [];
  for (const { target } of missing) {
    const info = await stat(resolve(options.cwd, target)).catch(() => undefined);
    if (info?.isDirectory()) reasons.push(`${target}: empty folder — no ${endings(options.extensions)} files in it`);
    else if (isDynamicPattern(target)) reasons.push(`${target}: no file matches this glob`);
    else reasons.push(`${target}: no such file or folder`);
  }
  throw new InputError(reasons.join("; "));
}
