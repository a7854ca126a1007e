import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";

const CLI = `${process.execPath} ${resolve("dist/cli.js")}`;
const env = {
  ...process.env,
  SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef",
  COMPLY_GATE_BIN: CLI,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env, encoding: "utf8" });

/** A repository with the demo evidence and its init config, one commit, and a bare remote to push to. */
async function repository(): Promise<{ dir: string; remote: string }> {
  const root = mkdtempSync(join(tmpdir(), "comply-gate-hook-"));
  const dir = join(root, "work");
  const remote = join(root, "remote.git");
  mkdirSync(join(dir, "logs"), { recursive: true });
  git(root, "init", "--quiet", "--bare", remote);
  git(dir, "init", "--quiet", "-b", "main");
  copyFileSync("fixtures/demo/torchcomply_audit_chain.jsonl", join(dir, "logs/audit_chain.jsonl"));
  expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "evidence");
  git(dir, "remote", "add", "origin", remote);
  return { dir, remote };
}

const push = (dir: string, extra: Record<string, string> = {}) =>
  spawnSync("git", ["push", "--quiet", "origin", "main"], { cwd: dir, env: { ...env, ...extra }, encoding: "utf8" });

describe("comply-gate install-hook", () => {
  it("installs an executable pre-push hook; a push of good evidence goes through", async () => {
    const { dir } = await repository();
    const install = await runCli(["install-hook"], { cwd: dir });
    expect(install.code).toBe(0);
    expect(install.stdout).toContain("installed .git/hooks/pre-push");
    expect(statSync(join(dir, ".git/hooks/pre-push")).mode & 0o111).not.toBe(0);
    const ok = push(dir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain("comply-gate: checking refs/heads/main (the working tree)");
  }, 60_000);

  it("refuses a push whose commit fails the gate, checking the pushed commit, not the working tree", async () => {
    const { dir } = await repository();
    await runCli(["install-hook"], { cwd: dir });
    copyFileSync("fixtures/tampered/torchcomply_deleted_entry.jsonl", join(dir, "logs/audit_chain.jsonl"));
    git(dir, "commit", "--quiet", "-am", "a tampered chain");
    // Repair the working tree without committing: the hook must still check the commit being pushed.
    copyFileSync("fixtures/demo/torchcomply_audit_chain.jsonl", join(dir, "logs/audit_chain.jsonl"));
    const refused = push(dir);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/comply-gate: checking refs\/heads\/main at [0-9a-f]{40}/);
    expect(refused.stderr).toContain(
      "comply-gate: the gate failed; push refused (git push --no-verify skips the hook)",
    );
    expect(push(dir, { COMPLY_GATE_SKIP_HOOK: "1" }).status).toBe(0); // the documented opt-out
  }, 60_000);

  it("runs the CLI that installed it, by absolute path, never npx", async () => {
    const { dir } = await repository();
    await runCli(["install-hook"], { cwd: dir });
    const hook = readFileSync(join(dir, ".git/hooks/pre-push"), "utf8");
    expect(hook).toContain(`node_bin='${process.execPath}'`);
    expect(hook).toContain(`cli_js='${resolve("dist/cli.js")}'`);
    expect(hook).not.toContain("npx");
    const { COMPLY_GATE_BIN: _, ...withoutOverride } = env;
    const ok = spawnSync("git", ["push", "--quiet", "origin", "main"], {
      cwd: dir,
      env: withoutOverride,
      encoding: "utf8",
    });
    expect(ok.status, ok.stderr).toBe(0);
  }, 60_000);

  it("refuses the push saying it could not run comply-gate, not that the gate failed, when the CLI is gone", async () => {
    const { dir } = await repository();
    await runCli(["install-hook"], { cwd: dir });
    const path = join(dir, ".git/hooks/pre-push");
    const gone = join(dir, "moved-away/cli.js");
    writeFileSync(path, readFileSync(path, "utf8").replace(/^cli_js=.*$/m, `cli_js='${gone}'`));
    const { COMPLY_GATE_BIN: _, ...withoutOverride } = env;
    const refused = spawnSync("git", ["push", "--quiet", "origin", "main"], {
      cwd: dir,
      env: withoutOverride,
      encoding: "utf8",
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`${gone}: not found (comply-gate moved or was removed`);
    expect(refused.stderr).toContain("comply-gate: could not run comply-gate (not found or not executable");
    expect(refused.stderr).not.toContain("the gate failed");
    const broken = push(dir, { COMPLY_GATE_BIN: join(dir, "no-such-command") });
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain("comply-gate: could not run comply-gate (");
  }, 60_000);

  it("never replaces someone else's pre-push hook without --force, and refuses outside git", async () => {
    const { dir } = await repository();
    writeFileSync(join(dir, ".git/hooks/pre-push"), "#!/bin/sh\nexit 0\n");
    const refused = await runCli(["install-hook"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(".git/hooks/pre-push exists and is not comply-gate's: --force replaces it");
    expect((await runCli(["install-hook", "--force"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, ".git/hooks/pre-push"), "utf8")).toContain("# comply-gate pre-push hook");
    const outside = await runCli(["install-hook"], { cwd: mkdtempSync(join(tmpdir(), "comply-gate-nogit-")) });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("install-hook must run inside a git repository");
  }, 60_000);
});
