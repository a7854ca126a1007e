import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { runChecks } from "../checks/run.js";
import { loadConfig } from "../config/config.js";
import { buildReport } from "../core/report.js";
import { ENVELOPE_FILE } from "./bundle.js";
import { inputSubjects } from "./inputs.js";

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
const digestOf = (dir: string, name: string) => sha256(readFileSync(join(dir, name)));

/** A temporary repository holding `files` (name → text) and this config. */
function repository(files: Record<string, string>, config: string): string {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-inputs-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, "comply-gate.yml"), config);
  return dir;
}

/** The statement's input subjects for the repository's config, as the shells compute them. */
async function subjectsOf(dir: string) {
  const config = await loadConfig(join(dir, "comply-gate.yml"));
  const output = await runChecks(config, { cwd: dir, env: {} });
  const report = buildReport({
    results: output.results,
    checkpoints: output.checkpoints,
    policy: { failOn: config.failOn },
    subject: { event: "local", trust: "local" },
    toolVersion: "test",
  });
  return inputSubjects({ report, read: output.read, cwd: dir });
}

const ROWS = '{"text": "a sentence about the weather", "source": "web", "consent": true}\n';
const CSV = "text,source,consent\nan ordinary sentence,web,true\n";

describe("the statement's input subjects", () => {
  it("name each file of a dataset given as a directory, by its own digest", async () => {
    const dir = repository(
      { "data/a.jsonl": ROWS, "data/b.csv": CSV, "data/deeper/c.jsonl": ROWS.replace("web", "crm") },
      "datasets:\n  - paths: [data/]\n",
    );
    expect(await subjectsOf(dir)).toEqual(
      ["data/a.jsonl", "data/b.csv", "data/deeper/c.jsonl"].map((name) => ({
        name,
        digest: { sha256: digestOf(dir, name) },
      })),
    );
  });

  it("name each file a glob matched, and only those", async () => {
    const dir = repository(
      { "data/one.csv": CSV, "data/two.csv": CSV.replace("web", "crm"), "data/other.jsonl": ROWS },
      'datasets:\n  - paths: ["data/*.csv"]\n',
    );
    expect((await subjectsOf(dir)).map((s) => s.name)).toEqual(["data/one.csv", "data/two.csv"]);
  });

  it("name both sides of an isolation check", async () => {
    const event = (org: string) => `${JSON.stringify({ event_id: `e-${org}`, org_id: org })}\n`;
    const dir = repository(
      { "tenants/a.jsonl": event("acme"), "tenants/b.jsonl": event("globex") },
      "isolation:\n  a: tenants/a.jsonl\n  b: tenants/b.jsonl\n",
    );
    expect(await subjectsOf(dir)).toEqual([
      { name: "tenants/a.jsonl", digest: { sha256: digestOf(dir, "tenants/a.jsonl") } },
      { name: "tenants/b.jsonl", digest: { sha256: digestOf(dir, "tenants/b.jsonl") } },
    ]);
  });

  it("name a diff's snapshot, baseline, policy and history", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-inputs-"));
    for (const name of ["regressed.json", "baseline.json"]) copyFileSync(`fixtures/snapshots/${name}`, join(dir, name));
    mkdirSync(join(dir, "history"));
    for (const name of readdirSync("fixtures/snapshots/history")) {
      copyFileSync(`fixtures/snapshots/history/${name}`, join(dir, "history", name));
    }
    writeFileSync(
      join(dir, "policy.yml"),
      "metrics:\n  accuracy:\n    direction: higher-is-better\n    tolerance: 0.01\n",
    );
    writeFileSync(
      join(dir, "comply-gate.yml"),
      "diff:\n  snapshot: regressed.json\n  baseline: baseline.json\n  policy: policy.yml\n  history: [history]\n",
    );
    const names = (await subjectsOf(dir)).map((s) => s.name);
    const history = readdirSync(join(dir, "history")).map((name) => `history/${name}`);
    expect(history.length).toBeGreaterThan(0);
    expect(names).toEqual(["baseline.json", ...history, "policy.yml", "regressed.json"].sort());
  });

  it("name a git: baseline by its commit and path, with the digest of its text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-inputs-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
        cwd: dir,
        encoding: "utf8",
      }).trim();
    git("init", "-q");
    copyFileSync("fixtures/snapshots/baseline.json", join(dir, "metrics.json"));
    git("add", "metrics.json");
    git("commit", "-q", "-m", "baseline");
    const commit = git("rev-parse", "HEAD");
    copyFileSync("fixtures/snapshots/regressed.json", join(dir, "metrics.json"));
    writeFileSync(join(dir, "comply-gate.yml"), "diff:\n  snapshot: metrics.json\n  baseline: git:HEAD:metrics.json\n");
    expect(await subjectsOf(dir)).toEqual([
      {
        name: `git:${commit}:metrics.json`,
        digest: { sha256: sha256(readFileSync("fixtures/snapshots/baseline.json")) },
      },
      { name: "metrics.json", digest: { sha256: digestOf(dir, "metrics.json") } },
    ]);
  });

  it("name a chain's anchor file, and are what `check --bundle` signs", async () => {
    const keys = generateKeyPairSync("ed25519");
    const pem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const out = mkdtempSync(join(tmpdir(), "comply-gate-inputs-bundle-"));
    const run = await runCli(
      ["check", "--config", "fixtures/demo/comply-gate.yml", "--bundle", out, "--signing-key-env", "SIGNING_PEM"],
      { env: { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef", SIGNING_PEM: pem } },
    );
    expect(run.stderr).toBe("");
    const envelope = JSON.parse(readFileSync(join(out, ENVELOPE_FILE), "utf8")) as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")) as {
      subject: { name: string; digest: { sha256: string } }[];
    };
    const names = statement.subject.map((s) => s.name);
    for (const file of [
      "fixtures/demo/checkpoints.json",
      "fixtures/demo/spanforge_events.jsonl",
      "fixtures/demo/torchcomply_audit_chain.jsonl",
      "fixtures/demo/train.jsonl",
    ]) {
      expect(statement.subject).toContainEqual({ name: file, digest: { sha256: sha256(readFileSync(file)) } });
    }
    expect(names[0]).toBe("comply-gate-report.json");
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
  });
});
