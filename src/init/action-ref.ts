/**
 * Which Action the workflow `init` writes runs, pinned by commit SHA (a tag can be moved; a SHA cannot).
 * The SHA is, in order: the one `--action-ref` gives; the `gitHead` of the package's own package.json (the
 * release commit the `v1` tag points at: npm records gitHead in the registry's metadata but not in the tarball,
 * so the release stamps it before packing, `npm pkg set gitHead=$(git rev-parse HEAD)`); in a git checkout of
 * comply-gate, its HEAD. When none is known, the workflow names the `v1` tag and says how to pin it.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** Where comply-gate lives on GitHub (the Action's `uses:` and the config schema's raw URL). */
export const CANONICAL_REPOSITORY = "comply-gate/comply-gate";
/** The major version tag the Action is published under. */
export const ACTION_MAJOR = "v1";

const SHA = /^[0-9a-f]{40}$/;

export interface ActionRef {
  /** `owner/repo`. */
  readonly repository: string;
  /** A 40-hex commit SHA when pinned; otherwise the tag or branch to use. */
  readonly ref: string;
  readonly pinned: boolean;
  /** The tag a pinned SHA stands for (the `# v1` comment tools such as Dependabot read); none when unknown. */
  readonly tag?: string;
  /** Where the ref came from: said in init's output. */
  readonly source: "--action-ref" | "package.json gitHead" | "git checkout" | "none";
}

/** `OWNER/REPO@REF` as `--action-ref` takes it; undefined when it is not that shape. */
export function parseActionRef(text: string): ActionRef | undefined {
  const match = /^([A-Za-z0-9-]+\/[A-Za-z0-9_.-]+)@([A-Za-z0-9_./-]+)$/.exec(text);
  if (!match) return undefined;
  const [, repository, ref] = match as unknown as [string, string, string];
  return { repository, ref, pinned: SHA.test(ref), source: "--action-ref" };
}

/** The folder of the comply-gate package this code runs from (the nearest package.json named comply-gate). */
export function packageRootOf(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "comply-gate") return dir;
      } catch {
        // not a readable manifest: keep looking upwards
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** HEAD of `root` when `root` is itself the top of a git checkout (not a package inside someone's repository). */
async function checkoutHead(root: string): Promise<string | undefined> {
  try {
    const git = (...args: string[]) => execFileAsync("git", args, { cwd: root, timeout: 10_000 });
    const top = (await git("rev-parse", "--show-toplevel")).stdout.trim();
    if (realpathSync(top) !== realpathSync(root)) return undefined;
    const head = (await git("rev-parse", "HEAD")).stdout.trim();
    return SHA.test(head) ? head : undefined;
  } catch {
    return undefined; // no git, or not a checkout
  }
}

/** The Action this installation of comply-gate stands for: pinned when its commit can be known. */
export async function defaultActionRef(packageRoot: string | undefined): Promise<ActionRef> {
  const unpinned: ActionRef = { repository: CANONICAL_REPOSITORY, ref: ACTION_MAJOR, pinned: false, source: "none" };
  if (packageRoot === undefined) return unpinned;
  let gitHead: unknown;
  try {
    gitHead = (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { gitHead?: unknown }).gitHead;
  } catch {
    gitHead = undefined;
  }
  const pinned = (ref: string, source: ActionRef["source"]): ActionRef => ({
    repository: CANONICAL_REPOSITORY,
    ref,
    pinned: true,
    tag: ACTION_MAJOR,
    source,
  });
  if (typeof gitHead === "string" && SHA.test(gitHead)) return pinned(gitHead, "package.json gitHead");
  const head = await checkoutHead(packageRoot);
  return head ? pinned(head, "git checkout") : unpinned;
}

/** The config schema at the Action's ref, for editors, when comply-gate is not installed in node_modules. */
export function schemaUrlAt(action: ActionRef): string {
  return `https://raw.githubusercontent.com/${action.repository}/${action.ref}/schemas/config.schema.json`;
}
