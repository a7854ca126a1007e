/**
 * Turns what a user wrote (files, directories, globs) into a sorted, de-duplicated list of files, and says
 * which patterns matched nothing, so the caller can fail closed instead of checking an empty set.
 */
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { isInside, refusalOf } from "./gate.js";

export interface InputFile {
  /** Absolute path to read. */
  readonly path: string;
  /** Relative to the working directory, `/`-separated: how reports name the file. */
  readonly displayPath: string;
}

/**
 * A file a check read, for the signed statement: named as reports name it and read from `path`; or content
 * that is no file in the workspace (a `git:` baseline), named `git:<commit>:<path>` with the SHA-256 of its
 * text as read.
 */
export type ReadInput =
  | { readonly name: string; readonly path: string }
  | { readonly name: string; readonly sha256: string };

export interface ExpandedInputs {
  readonly files: readonly InputFile[];
  /** Patterns or paths that matched no file. */
  readonly unmatched: readonly string[];
  /** Patterns or files not read, with the reason (a limit, or a path outside the workspace). */
  readonly refused: readonly { readonly target: string; readonly reason: string }[];
}

export interface ExpandOptions {
  readonly cwd: string;
  /** File endings a directory contributes, e.g. [".jsonl"]. Explicit files are taken whatever their ending. */
  readonly extensions: readonly string[];
  /** At most this many files in all (default: no limit). */
  readonly maxFiles?: number;
  /** Larger files are refused (default: no limit). */
  readonly maxFileBytes?: number;
  /** Files whose real path (symlinks followed) lies outside this folder are refused. */
  readonly workspace?: string;
}

export function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  const shown = rel === "" ? "." : isAbsolute(rel) ? absolutePath : rel;
  return shown.split(sep).join("/");
}

export async function expandInputs(patterns: readonly string[], options: ExpandOptions): Promise<ExpandedInputs> {
  const found = new Set<string>();
  const unmatched: string[] = [];
  const refused: { target: string; reason: string }[] = [];
  const maxFiles = options.maxFiles ?? Number.POSITIVE_INFINITY;
  const directoryPatterns = options.extensions.map((ext) => `**/*${ext}`);
  const shown = (path: string) => displayPath(path, options.cwd);
  for (const pattern of patterns) {
    let matches: string[] = [];
    if (isDynamicPattern(pattern)) {
      matches = await glob(pattern, {
        cwd: options.cwd,
        absolute: true,
        onlyFiles: true,
        expandDirectories: false,
        followSymbolicLinks: false,
      });
    } else {
      const absolute = resolve(options.cwd, pattern);
      const info = await stat(absolute).catch(() => undefined);
      if (info?.isDirectory()) {
        // A link to a folder is not walked into: a link to `/` committed inside the folder would otherwise
        // list every matching file on the runner.
        matches = await glob(directoryPatterns, {
          cwd: absolute,
          absolute: true,
          onlyFiles: true,
          expandDirectories: false,
          followSymbolicLinks: false,
        });
      } else if (info) {
        matches = [absolute];
      }
    }
    if (matches.length === 0) unmatched.push(pattern);
    const fresh = matches.map((match) => resolve(match)).filter((path) => !found.has(path));
    if (found.size + fresh.length > maxFiles) {
      refused.push({
        target: pattern.startsWith("/") ? shown(pattern) : pattern,
        reason: `matches ${found.size + fresh.length} files in all, more than the limit of ${maxFiles} (limits.maxFiles): nothing it matches was read`,
      });
      continue;
    }
    for (const path of fresh) found.add(path);
  }
  const workspace =
    options.workspace === undefined ? undefined : await realpath(options.workspace).catch(() => undefined);
  const kept: string[] = [];
  for (const path of found) {
    const reason = await refusal(path, { ...options, workspace });
    if (reason) refused.push({ target: shown(path), reason });
    else kept.push(path);
  }
  const files = kept
    .map((path) => ({ path, displayPath: shown(path) }))
    .sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  return { files, unmatched, refused };
}

/** Why a matched file is not read, if it is not. */
async function refusal(
  path: string,
  options: { maxFileBytes?: number | undefined; workspace: string | undefined },
): Promise<string | undefined> {
  if (options.workspace !== undefined) {
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined || !isInside(real, options.workspace)) {
      return "resolves outside the workspace (a `../` path or a symlink): not read";
    }
  }
  // A named pipe or device would block or never end; a directory is no file.
  const kind = await refusalOf(path, {});
  if (kind) return kind;
  if (options.maxFileBytes !== undefined) {
    const size = (await stat(path).catch(() => undefined))?.size ?? 0;
    if (size > options.maxFileBytes) {
      return `${size} bytes, more than the limit of ${options.maxFileBytes} (limits.maxFileBytes): not read`;
    }
  }
  return undefined;
}
