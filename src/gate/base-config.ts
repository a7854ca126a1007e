/**
 * Reading the gate's policy from git: the config file as it is at a commit (the pull request's merge base),
 * and whether a file the config refers to (a diff policy, a key map, an anchor, a baseline) still has the
 * content it has there. Paths are validated before they reach git, and always follow `<sha>:./`, so git reads
 * them relative to the workspace and never takes them for options.
 */
import { stat } from "node:fs/promises";
import { join, posix } from "node:path";
import { simpleGit } from "simple-git";
import { CONFIG_FILE_NAMES } from "../config/config.js";

export class PolicyReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyReadError";
  }
}

export interface FileAtCommit {
  /** Relative to the workspace, `/`-separated. */
  readonly path: string;
  readonly text: string;
  /** The git blob id. */
  readonly blob: string;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A workspace-relative path git may be given, or undefined (absolute, `..`, an option, a NUL). */
export function gitPath(path: string): string | undefined {
  const normal = posix.normalize(path.split("\\").join("/"));
  if (normal === "" || normal === "." || normal.startsWith("/") || normal.startsWith("-") || normal.includes("\0")) {
    return undefined;
  }
  if (normal === ".." || normal.startsWith("../")) return undefined;
  return normal;
}

/** `path` at commit `sha` (relative to `cwd`), or undefined when the commit has no such file. */
export async function readAtCommit(options: {
  cwd: string;
  sha: string;
  path: string;
}): Promise<FileAtCommit | undefined> {
  if (!SHA.test(options.sha)) throw new PolicyReadError(`${options.sha}: not a commit id`);
  const path = gitPath(options.path);
  if (path === undefined) throw new PolicyReadError(`${options.path}: not a path inside the repository`);
  const git = simpleGit({ baseDir: options.cwd });
  const spec = `${options.sha}:./${path}`;
  let blob: string;
  try {
    blob = (await git.raw(["rev-parse", "--verify", "--quiet", spec])).trim();
  } catch {
    return undefined;
  }
  if (!SHA.test(blob)) return undefined;
  const type = (await git.raw(["cat-file", "-t", blob])).trim();
  if (type !== "blob") return undefined;
  return { path, text: await git.raw(["cat-file", "blob", blob]), blob };
}

/** The config at a commit: `path` when the workflow names one, else the first of comply-gate.yml/.yaml/.json. */
export async function configAtCommit(options: {
  cwd: string;
  sha: string;
  path: string | undefined;
}): Promise<FileAtCommit | undefined> {
  for (const path of options.path === undefined ? CONFIG_FILE_NAMES : [options.path]) {
    const file = await readAtCommit({ cwd: options.cwd, sha: options.sha, path });
    if (file) return file;
  }
  return undefined;
}

/**
 * The blob id a working-tree file would have in git (`git hash-object`, with the repository's filters and
 * object format), or undefined when it is absent.
 */
export async function workingTreeBlob(options: { cwd: string; path: string }): Promise<string | undefined> {
  const path = gitPath(options.path);
  if (path === undefined) return undefined;
  const exists = await stat(join(options.cwd, path)).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) return undefined;
  return (await simpleGit({ baseDir: options.cwd }).raw(["hash-object", "--", path])).trim();
}
