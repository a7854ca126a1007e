/**
 * Turns what a user wrote (files, directories, globs) into a sorted, de-duplicated list of files, and says
 * which patterns matched nothing, so the caller can fail closed instead of checking an empty set.
 */
import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";

export interface InputFile {
  /** Absolute path to read. */
  readonly path: string;
  /** Relative to the working directory, `/`-separated: how reports name the file. */
  readonly displayPath: string;
}

export interface ExpandedInputs {
  readonly files: readonly InputFile[];
  /** Patterns or paths that matched no file. */
  readonly unmatched: readonly string[];
}

export interface ExpandOptions {
  readonly cwd: string;
  /** File endings a directory contributes, e.g. [".jsonl"]. Explicit files are taken whatever their ending. */
  readonly extensions: readonly string[];
}

export function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  const shown = rel === "" ? "." : isAbsolute(rel) ? absolutePath : rel;
  return shown.split(sep).join("/");
}

export async function expandInputs(patterns: readonly string[], options: ExpandOptions): Promise<ExpandedInputs> {
  const found = new Set<string>();
  const unmatched: string[] = [];
  const directoryPatterns = options.extensions.map((ext) => `**/*${ext}`);
  for (const pattern of patterns) {
    let matches: string[] = [];
    if (isDynamicPattern(pattern)) {
      matches = await glob(pattern, { cwd: options.cwd, absolute: true, onlyFiles: true, expandDirectories: false });
    } else {
      const absolute = resolve(options.cwd, pattern);
      const info = await stat(absolute).catch(() => undefined);
      if (info?.isDirectory()) {
        matches = await glob(directoryPatterns, {
          cwd: absolute,
          absolute: true,
          onlyFiles: true,
          expandDirectories: false,
        });
      } else if (info) {
        matches = [absolute];
      }
    }
    if (matches.length === 0) unmatched.push(pattern);
    for (const match of matches) found.add(resolve(match));
  }
  const files = [...found]
    .map((path) => ({ path, displayPath: displayPath(path, options.cwd) }))
    .sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  return { files, unmatched };
}
