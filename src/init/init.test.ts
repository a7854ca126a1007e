import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";

const KEY = { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" };

/** A scratch repository holding the demo evidence in the places a project would keep it. */
function scratchRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-init-"));
  for (const folder of ["logs", "data", "reports", "node_modules/x"]) mkdirSync(join(dir, folder), { recursive: true });
  copyFileSync("fixtures/demo/torchcomply_audit_chain.jsonl", join(dir, "logs/audit_chain.jsonl"));
  copyFileSync("fixtures/demo/spanforge_events.jsonl", join(dir, "logs/events.jsonl"));
  copyFileSync("fixtures/demo/train.jsonl", join(dir, "data/train.jsonl"));
  // A held-out split, shipped compressed: rows of its own (not repeats of the training rows).
  const valid = readFileSync("fixtures/demo/train.jsonl", "utf8").replaceAll('"text":"', '"text":"held out: ');
  writeFileSync(join(dir, "data/valid.jsonl.gz"), gzipSync(valid));
  copyFileSync("fixtures/snapshots/baseline.json", join(dir, "reports/compliance_snapshot.json"));
  writeFileSync(join(dir, "package.json"), '{"name": "models", "metrics": {"not": "a snapshot"}, "checks": []}\n');
  writeFileSync(join(dir, "node_modules/x/ignored.csv"), "a,b\n1,2\n");
  return dir;
}

describe("comply-gate init", () => {
  it("detects the evidence, writes a config and a workflow, and `check` then runs with no manual edit", async () => {
    const dir = scratchRepository();
    const init = await runCli(["init"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("torchcomply audit chains:\n    logs/audit_chain.jsonl");
    expect(init.stdout).toContain("spanforge signed events (chain and event checks):\n    logs/events.jsonl");
    expect(init.stdout).toContain("datasets (Article 10 scan):\n    data/train.jsonl\n    data/valid.jsonl.gz");
    expect(init.stdout).toContain(
      "compliance snapshots (diff, commented out: it needs a baseline):\n    reports/compliance_snapshot.json",
    );
    expect(init.stdout).not.toContain("ignored.csv");
    const config = readFileSync(join(dir, "comply-gate.yml"), "utf8");
    expect(config.split("\n")[0]).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/comply-gate@[\d.]+\/schemas\/config\.schema\.json$/,
    );
    const check = await runCli(["check", "--json"], { cwd: dir, env: KEY });
    expect(check.code, check.stdout).toBe(0);
    const report = JSON.parse(check.stdout);
    expect(report.checks.map((c: { id: string; target: string }) => `${c.id} ${c.target}`)).toEqual([
      "dataset data/train.jsonl, data/valid.jsonl.gz",
      "chain logs/audit_chain.jsonl",
      "chain logs/events.jsonl",
      "events logs/events.jsonl",
    ]);
  });

  it("writes a fork-safe workflow: pull_request, read-only permissions, actions pinned, the key from a secret", async () => {
    const dir = scratchRepository();
    await runCli(["init"], { cwd: dir });
    const workflow = readFileSync(join(dir, ".github/workflows/comply-gate.yml"), "utf8");
    expect(workflow).toMatch(/^on:\n {2}pull_request:\n/m);
    expect(workflow).not.toContain("pull_request_target");
    expect(workflow).toMatch(/^permissions:\n {2}contents: read\n/m);
    for (const [, ref] of workflow.matchAll(/uses: (\S+)/g)) expect(ref).toMatch(/@[0-9a-f]{40}$/);
    expect(workflow).toContain("SPANFORGE_SIGNING_KEY: ${{ secrets.SPANFORGE_SIGNING_KEY }}");
  });

  it("is idempotent, and never overwrites a changed file without --force", async () => {
    const dir = scratchRepository();
    await runCli(["init"], { cwd: dir });
    const again = await runCli(["init"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("unchanged  comply-gate.yml");
    writeFileSync(join(dir, "comply-gate.yml"), "version: 1\nchain:\n  - paths: [logs/audit_chain.jsonl]\n");
    const kept = await runCli(["init"], { cwd: dir });
    expect(kept.code).toBe(2);
    expect(kept.stdout).toContain(
      "kept       comply-gate.yml (it differs from what init would write; --force overwrites it)",
    );
    expect(readFileSync(join(dir, "comply-gate.yml"), "utf8")).toBe(
      "version: 1\nchain:\n  - paths: [logs/audit_chain.jsonl]\n",
    );
    const forced = await runCli(["init", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("rewrote    comply-gate.yml");
  });

  it("in a folder without evidence, says so and writes a config that `check` refuses (nothing to check)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-init-empty-"));
    const init = await runCli(["init"], { cwd: dir });
    expect(init.stdout).toContain("no evidence found");
    const check = await runCli(["check"], { cwd: dir });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("the config lists no checks");
  });
});
