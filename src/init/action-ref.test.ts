import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultActionRef, packageRootOf, parseActionRef } from "./action-ref.js";

const RELEASE = "4f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c";
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  }).trim();

/** comply-gate as npm installs it into a project: node_modules/comply-gate with its package.json. */
function installed(manifest: Record<string, unknown>): { project: string; root: string } {
  const project = mkdtempSync(join(tmpdir(), "comply-gate-ref-"));
  const root = join(project, "node_modules/comply-gate");
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "comply-gate", version: "1.0.0", ...manifest }));
  return { project, root };
}

describe("the Action the workflow runs", () => {
  it("is the release commit npm recorded (gitHead) in a published package", async () => {
    const { root } = installed({ gitHead: RELEASE });
    expect(packageRootOf(join(root, "dist"))).toBe(root);
    expect(await defaultActionRef(root)).toEqual({
      repository: "comply-gate/comply-gate",
      ref: RELEASE,
      pinned: true,
      tag: "v1",
      source: "package.json gitHead",
    });
  });

  it("is never the commit of the project comply-gate is installed in", async () => {
    const { project, root } = installed({});
    git(project, "init", "--quiet");
    git(project, "commit", "--quiet", "--allow-empty", "-m", "the user's project");
    const ref = await defaultActionRef(root);
    expect(ref).toEqual({ repository: "comply-gate/comply-gate", ref: "v1", pinned: false, source: "none" });
  });

  it("is the HEAD of a comply-gate checkout it runs from", async () => {
    const { root } = installed({});
    git(root, "init", "--quiet");
    git(root, "commit", "--quiet", "--allow-empty", "-m", "comply-gate itself");
    const ref = await defaultActionRef(root);
    expect(ref.source).toBe("git checkout");
    expect(ref.ref).toBe(git(root, "rev-parse", "HEAD"));
  });

  it("--action-ref takes OWNER/REPO@REF; only a 40-hex ref is pinned", () => {
    expect(parseActionRef(`a-b/c.d@${RELEASE}`)).toMatchObject({ repository: "a-b/c.d", ref: RELEASE, pinned: true });
    expect(parseActionRef("a/b@v1")).toMatchObject({ ref: "v1", pinned: false });
    for (const bad of ["a/b", "a@v1", "a/b@", "a/b@v1 x", "a/b/c@v1"]) expect(parseActionRef(bad)).toBeUndefined();
  });
});
