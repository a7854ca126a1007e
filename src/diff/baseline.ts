/**
 * Where the baseline comes from. A pull request must not be able to choose its own baseline, so in CI the
 * baseline is read from git (`git show <commit>:<path>`) at the merge base of the PR's base and head, never
 * from the working tree the PR controls. Refs and paths are validated before they reach git, and never in a
 * position where git could take them for options.
 */
import { resolve } from "node:path";
import { simpleGit } from "simple-git";
import { displayPath } from "../io/expand.js";
import { GateError, readGatedText } from "../io/gate.js";
import type { BaselineSource } from "./diff.js";
import { SNAPSHOT_MAX_BYTES } from "./snapshot.js";

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaselineError";
  }
}

export interface ResolvedBaseline {
  readonly text: string;
  readonly source: BaselineSource;
}

// A ref: names, commit ids, and the ~ / ^ suffixes; never a leading "-" (an option) and never "..".
const REF = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/~^-]+$/;
const SHA = /^[0-9a-f]{40}$/;

function validatePath(path: string, spec: string): string {
  const segments = path.split("/");
  if (path === "" || path.startsWith("/") || path.startsWith("-") || path.includes("\0") || segments.includes("..")) {
    throw new BaselineError(
      `${spec}: the path must be relative to the repository root, without ".." (got ${JSON.stringify(path)})`,
    );
  }
  return path;
}

function gitMessage(error: unknown): string {
  return ((error as Error).message ?? String(error)).split("\n").find((line) => line.trim() !== "") ?? "git failed";
}

/** Read `path` as it is at commit `ref` (a validated ref), recording commit and blob ids. */
async function readAtCommit(cwd: string, ref: string, path: string, label: string): Promise<ResolvedBaseline> {
  const git = simpleGit({ baseDir: cwd });
  let sha: string;
  try {
    sha = (await git.revparse([`${ref}^{commit}`])).trim();
  } catch (error) {
    throw new BaselineError(`${label}: ${ref} is not a commit in this repository (${gitMessage(error)})`);
  }
  let blob: string;
  let text: string;
  try {
    blob = (await git.revparse([`${sha}:${path}`])).trim();
  } catch {
    throw new BaselineError(`${label}: ${path} does not exist at ${ref} (${sha.slice(0, 12)})`);
  }
  // The blob's size first: a baseline is read whole, so an oversized one is refused before it is.
  const size = Number((await git.raw(["cat-file", "-s", blob]).catch(() => "0")).trim());
  if (!(size <= SNAPSHOT_MAX_BYTES)) {
    throw new BaselineError(`${label}: larger than the limit of ${SNAPSHOT_MAX_BYTES} bytes for a snapshot: not read`);
  }
  try {
    text = await git.show([`${sha}:${path}`]);
  } catch {
    throw new BaselineError(`${label}: ${path} cannot be read at ${ref} (${sha.slice(0, 12)})`);
  }
  return { text, source: { label, ref, sha, path, blob } };
}

/** A baseline given as a file path or as `git:<ref>:<path>`. */
export async function resolveBaseline(
  spec: string,
  options: { cwd: string; workspace?: string | undefined },
): Promise<ResolvedBaseline> {
  if (!spec.startsWith("git:")) {
    const path = resolve(options.cwd, spec);
    const shown = displayPath(path, options.cwd);
    const text = await readGatedText(path, shown, { workspace: options.workspace, maxBytes: SNAPSHOT_MAX_BYTES }).catch(
      (error: unknown) => {
        throw new BaselineError(error instanceof GateError ? error.message : `${spec}: cannot read the baseline file`);
      },
    );
    return { text, source: { label: shown, path: shown } };
  }
  const rest = spec.slice(4);
  const colon = rest.indexOf(":");
  if (colon <= 0) throw new BaselineError(`${spec}: expected git:<ref>:<path>`);
  const ref = rest.slice(0, colon);
  if (!REF.test(ref)) throw new BaselineError(`${spec}: ${JSON.stringify(ref)} is not a valid git ref`);
  const path = validatePath(rest.slice(colon + 1), spec);
  return readAtCommit(options.cwd, ref, path, spec);
}

/**
 * The merge base of a pull request's base and head commits. A shallow clone is deepened (50 commits at a time,
 * up to `maxDeepen` times) until the merge base is there. Also where the gate's policy is read from.
 */
export async function findMergeBase(options: {
  cwd: string;
  baseSha: string;
  headSha: string;
  maxDeepen?: number;
}): Promise<string> {
  const { cwd, baseSha, headSha } = options;
  if (!SHA.test(baseSha) || !SHA.test(headSha))
    throw new BaselineError("the pull request's base and head must be commit ids");
  const git = simpleGit({ baseDir: cwd });
  const hasCommit = async (sha: string): Promise<boolean> =>
    git.raw(["cat-file", "-e", `${sha}^{commit}`]).then(
      () => true,
      () => false,
    );
  if (!(await hasCommit(baseSha))) {
    await git.fetch(["--depth=50", "origin", baseSha]).catch((error: unknown) => {
      throw new BaselineError(
        `cannot fetch the base commit ${baseSha.slice(0, 12)} from origin (${gitMessage(error)})`,
      );
    });
  }
  const maxDeepen = options.maxDeepen ?? 20;
  for (let round = 0; ; round++) {
    try {
      const mergeBase = (await git.raw(["merge-base", baseSha, headSha])).trim();
      if (SHA.test(mergeBase)) return mergeBase;
    } catch {
      // no merge base yet: deepen below
    }
    const shallow = (await git.revparse(["--is-shallow-repository"]).catch(() => "false")).trim() === "true";
    if (!shallow || round >= maxDeepen) {
      throw new BaselineError(
        shallow
          ? `no merge base between ${baseSha.slice(0, 12)} and ${headSha.slice(0, 12)} after deepening ${round} times: check out with fetch-depth: 0`
          : `no merge base between ${baseSha.slice(0, 12)} and ${headSha.slice(0, 12)}: the histories are unrelated`,
      );
    }
    await git.fetch(["--deepen=50", "origin"]).catch((error: unknown) => {
      throw new BaselineError(`cannot deepen the shallow clone from origin (${gitMessage(error)})`);
    });
  }
}

/** The baseline of a pull request: `path` at the merge base of its base and head commits. */
export async function resolveMergeBaseBaseline(options: {
  cwd: string;
  baseSha: string;
  headSha: string;
  path: string;
  maxDeepen?: number;
}): Promise<ResolvedBaseline> {
  const path = validatePath(options.path, options.path);
  const mergeBase = await findMergeBase(options);
  return readAtCommit(options.cwd, mergeBase, path, `${path} at the merge base ${mergeBase.slice(0, 12)}`);
}
