import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { git } from "../../test/helpers/git.js";
import { BaselineError, resolveBaseline, resolveMergeBaseBaseline } from "./baseline.js";

const snapshot = (parity: number): string =>
  JSON.stringify({
    run_id: "r",
    fairness_parity: parity,
    fairness_passed: true,
    epsilon: 4.0,
    drift_detected: false,
    accuracy: 0.9,
  });

/**
 * origin: main has 60 commits (the snapshot committed early, parity 0.05); the PR branch, forked from main,
 * regresses parity to 0.09 AND rewrites baseline.json to 0.09 to hide it; main moves on after the fork.
 */
let origin: string;
let mergeBase: string;
let baseSha: string;
let headSha: string;

beforeAll(() => {
  origin = mkdtempSync(join(tmpdir(), "comply-gate-origin-"));
  git(origin, "init", "-q", "-b", "main");
  writeFileSync(join(origin, "snapshot.json"), snapshot(0.05));
  writeFileSync(join(origin, "baseline.json"), snapshot(0.05));
  git(origin, "add", ".");
  git(origin, "commit", "-q", "-m", "baseline");
  for (let i = 0; i < 60; i++) {
    writeFileSync(join(origin, "train.log"), `epoch ${i}\n`);
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", `train ${i}`);
  }
  mergeBase = git(origin, "rev-parse", "HEAD");
  git(origin, "checkout", "-q", "-b", "pr");
  for (let i = 0; i < 3; i++) {
    writeFileSync(join(origin, "model.txt"), `v${i}\n`);
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", `pr ${i}`);
  }
  writeFileSync(join(origin, "snapshot.json"), snapshot(0.09));
  writeFileSync(join(origin, "baseline.json"), snapshot(0.09)); // the PR "updates" its own baseline
  git(origin, "add", ".");
  git(origin, "commit", "-q", "-m", "retrain");
  headSha = git(origin, "rev-parse", "HEAD");
  git(origin, "checkout", "-q", "main");
  writeFileSync(join(origin, "README"), "main moves on\n");
  git(origin, "add", ".");
  git(origin, "commit", "-q", "-m", "after the fork");
  baseSha = git(origin, "rev-parse", "HEAD");
}, 60_000); // 60 commits: seconds on a loaded runner

describe("baseline from the base branch", () => {
  it("resolves the merge base in a full clone and records ref, commit, path and blob", async () => {
    const clone = mkdtempSync(join(tmpdir(), "comply-gate-full-"));
    git(clone, "clone", "-q", "--branch", "pr", origin, ".");
    const { source, text } = await resolveMergeBaseBaseline({ cwd: clone, baseSha, headSha, path: "snapshot.json" });
    expect(source.sha).toBe(mergeBase);
    expect(source.path).toBe("snapshot.json");
    expect(source.blob).toBe(git(clone, "rev-parse", `${mergeBase}:snapshot.json`));
    expect(JSON.parse(text).fairness_parity).toBe(0.05);
  });

  it("deepens a shallow clone (fetch-depth 1) until the merge base is there", async () => {
    const clone = mkdtempSync(join(tmpdir(), "comply-gate-shallow-"));
    git(clone, "clone", "-q", "--depth", "1", "--branch", "pr", `file://${origin}`, ".");
    expect(git(clone, "rev-parse", "--is-shallow-repository")).toBe("true");
    const { source } = await resolveMergeBaseBaseline({ cwd: clone, baseSha, headSha, path: "snapshot.json" });
    expect(source.sha).toBe(mergeBase);
  });

  it("says how to fix it when deepening is not allowed to reach the merge base", async () => {
    const clone = mkdtempSync(join(tmpdir(), "comply-gate-shallow-"));
    git(clone, "clone", "-q", "--depth", "1", "--branch", "pr", `file://${origin}`, ".");
    await expect(
      resolveMergeBaseBaseline({ cwd: clone, baseSha, headSha, path: "snapshot.json", maxDeepen: 0 }),
    ).rejects.toThrow(/no merge base .* after deepening 0 times: check out with fetch-depth: 0/);
  });

  it("a PR that rewrites its committed baseline file cannot change the baseline used", async () => {
    const clone = mkdtempSync(join(tmpdir(), "comply-gate-pr-"));
    git(clone, "clone", "-q", "--branch", "pr", origin, ".");
    const run = await runCli(["diff", `git:${mergeBase}:baseline.json`, "snapshot.json"], { cwd: clone });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/fairness_parity +0\.05 +0\.09 +\+0\.04 +lower-is-better +regressed \(fail\)/);
    // while the working tree's baseline.json (edited by the PR) would have hidden it:
    expect((await runCli(["diff", "baseline.json", "snapshot.json"], { cwd: clone })).code).toBe(0);
  });

  it.each([
    ["git:--upload-pack=evil:snapshot.json", /is not a valid git ref/],
    ["git:main..pr:snapshot.json", /is not a valid git ref/],
    ["git:main:../secret.json", /without "\.\."/],
    ["git:main:-x", /without "\.\."/],
    ["git:nope:snapshot.json", /nope is not a commit in this repository/],
    ["git:main:absent.json", /absent\.json does not exist at main/],
  ])("refuses %s before or instead of running git with it", async (spec, message) => {
    await expect(resolveBaseline(spec, { cwd: origin })).rejects.toThrow(BaselineError);
    await expect(resolveBaseline(spec, { cwd: origin })).rejects.toThrow(message);
  });
});

describe("comply-gate diff exit codes", () => {
  it("0 without regressions, 1 with one, 2 for unreadable input or an invalid policy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-diff-"));
    writeFileSync(join(dir, "a.json"), snapshot(0.05));
    writeFileSync(join(dir, "b.json"), snapshot(0.09));
    writeFileSync(join(dir, "bad-policy.yml"), "metrics:\n  auc: {direction: sideways}\n");
    expect((await runCli(["diff", "a.json", "a.json"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["diff", "a.json", "b.json"], { cwd: dir })).code).toBe(1);
    const missing = await runCli(["diff", "a.json", "nope.json"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read \(no such file\)/);
    const policy = await runCli(["diff", "a.json", "b.json", "--policy", "bad-policy.yml"], { cwd: dir });
    expect(policy.code).toBe(2);
    expect(policy.stderr).toMatch(/invalid policy/);
  });

  it("passes torchcomply's real snapshot against itself, showing its unmeasured accuracy as not measured", async () => {
    const real = "fixtures/peers/torchcomply/10_connected_pipeline__compliance_snapshot.json";
    const run = await runCli(["diff", real, real, "--json"]);
    const report = JSON.parse(run.stdout);
    expect(report.checks[0].clauses.find((c: { id: string }) => c.id === "accuracy")).toMatchObject({
      status: "skip",
      evidence: { baseline: "null", current: "null", status: "not measured" },
    });
    expect(report.checks[0].status).toBe("pass");
    expect(run.code).toBe(0);
    const text = await runCli(["diff", real, real]);
    expect(text.stdout).toMatch(/accuracy +null +null +.*not measured/);
  });

  it("passes two identical generic snapshots whose policy metrics are absent from both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-same-"));
    const file = join(dir, "metrics.json");
    writeFileSync(file, JSON.stringify({ metrics: { f1: 0.8 } }));
    const run = await runCli(["diff", file, file, "--json"]);
    expect(run.code).toBe(0);
    const clauses = JSON.parse(run.stdout).checks[0].clauses as { id: string; status: string }[];
    expect(clauses.filter((c) => c.status === "fail")).toEqual([]);
    expect(clauses.find((c) => c.id === "accuracy")?.status).toBe("skip");
  });

  it("still fails a metric the baseline reported and the current snapshot dropped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-dropped-"));
    writeFileSync(join(dir, "before.json"), JSON.stringify({ metrics: { accuracy: 0.9 } }));
    writeFileSync(join(dir, "after.json"), JSON.stringify({ metrics: { f1: 0.8 } }));
    const run = await runCli(["diff", join(dir, "before.json"), join(dir, "after.json"), "--json"]);
    expect(run.code).toBe(1);
    const accuracy = JSON.parse(run.stdout).checks[0].clauses.find((c: { id: string }) => c.id === "accuracy");
    expect(accuracy).toMatchObject({ status: "fail", evidence: { status: "missing" } });
  });
});
