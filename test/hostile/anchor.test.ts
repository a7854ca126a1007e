/**
 * A pull request cannot turn its own anchor green. The attacker can change any file of the branch: rewrite
 * earlier runs of a log with every hash recomputed, cut it, rename it, run the gate from another folder,
 * delete it, or hand in an older signed bundle. Each attack is played against the bundled CLI with an
 * anchor taken from the untouched logs, and each must fail `chain.anchor` (or the report's verification).
 *
 * Attack classes (security review): 1 — an earlier run rewritten; 2 — the anchor escaped by renaming,
 * moving, cutting or deleting the log; 9 — a replayed older signed bundle.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JsonObject, parseJson } from "../../src/core/json/parse.js";
import { pythonDumps } from "../../src/core/json/python-dumps.js";
import type { Report } from "../../src/core/model.js";
import { torchcomplyRehash } from "../helpers/chain-files.js";
import { parseEvents, signChain, toJson } from "../helpers/spanforge-writer.js";
import { cli, expectClean, type Run, scratch } from "./harness.js";

const KEY = "harness-chain-key-0123456789abcdef";
const ENV = { SPANFORGE_SIGNING_KEY: KEY };
const DEMO_TORCHCOMPLY = "fixtures/demo/torchcomply_audit_chain.jsonl"; // 540 entries, 5 runs of 108
const PEER_TORCHCOMPLY = "fixtures/peers/torchcomply/01_audit_trail__audit_chain.jsonl"; // 3350 entries, 5 runs
const DEMO_SPANFORGE = "fixtures/demo/spanforge_events.jsonl"; // 100 signed events

const linesOf = (path: string): string[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "");
const written = (lines: readonly string[]): string => `${lines.join("\n")}\n`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, "anchor-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** The report a run printed with --json (stdout only). */
function reportOf(run: Run): Report {
  return JSON.parse(run.output.slice(0, run.output.length - run.stderr.length)) as Report;
}

/** Take the anchor from the logs as they are: the report of a passing run, saved as `anchor.json`. */
async function takeAnchor(dir: string, paths: readonly string[]): Promise<Report> {
  const run = await cli(["chain", ...paths, "--json"], { cwd: dir, env: ENV });
  expect(run.code, run.stderr).toBe(0);
  writeFileSync(join(dir, "anchor.json"), run.output.slice(0, run.output.length - run.stderr.length));
  return reportOf(run);
}

/** Check `paths` (from `cwd`) against the anchor; the failing chain.anchor findings' messages. */
async function checkAgainstAnchor(cwd: string, paths: readonly string[], anchor: string): Promise<string[]> {
  const run = await cli(["chain", ...paths, "--anchor", anchor, "--json"], { cwd, env: ENV });
  const report = reportOf(run);
  const failures = report.checks.flatMap((check) =>
    check.findings.filter((f) => f.rule === "chain.anchor" && f.severity === "fail").map((f) => f.message),
  );
  if (failures.length > 0) expect(run.code).toBe(1);
  return failures;
}

// ---- torchcomply: rewriting one whole run, every hash recomputed (what an attacker with the file can do) ----

/** The runs of a torchcomply log: [first line index, end) of each (a run starts where prev_hash is ""). */
function runsOf(lines: readonly string[]): [number, number][] {
  const starts = lines.flatMap((line, i) => ((parseJson(line) as JsonObject).get("prev_hash") === "" ? [i] : []));
  return starts.map((start, k) => [start, starts[k + 1] ?? lines.length]);
}

/** Every entry of run `k` edited (device) and re-hashed, links recomputed: the run still verifies alone. */
function rewriteRun(lines: readonly string[], k: number): string[] {
  const [start, end] = runsOf(lines)[k] as [number, number];
  const out = [...lines];
  let prev = "";
  for (let i = start; i < end; i++) {
    const object = parseJson(out[i] as string) as JsonObject;
    object.set("device", object.get("device") === "cpu" ? "cuda:1" : "cpu");
    object.set("prev_hash", prev);
    prev = torchcomplyRehash(object);
    object.set("hash", prev);
    out[i] = pythonDumps(object, { itemSeparator: ",", keySeparator: ":", ensureAscii: true });
  }
  return out;
}

describe("class 1: an earlier torchcomply run rewritten with its hashes recomputed fails chain.anchor", () => {
  const cases = [DEMO_TORCHCOMPLY, PEER_TORCHCOMPLY].flatMap((path) =>
    [0, 1, 2, 3, 4].map((k) => [path.split("/").pop() as string, k + 1, path, k] as const),
  );
  it.each(cases)("%s, run %i of 5 rewritten", async (_name, _run, path, k) => {
    const original = linesOf(path);
    const dir = workspace({ "logs/audit_chain.jsonl": written(original) });
    await takeAnchor(dir, ["logs/audit_chain.jsonl"]);
    const rewritten = rewriteRun(original, k);
    expect(rewritten).toHaveLength(original.length);
    writeFileSync(join(dir, "logs/audit_chain.jsonl"), written(rewritten));
    // Without an anchor the rewritten log verifies: only the anchor can tell.
    expect((await cli(["chain", "logs/audit_chain.jsonl"], { cwd: dir })).code).toBe(0);
    const failures = await checkAgainstAnchor(dir, ["logs/audit_chain.jsonl"], "anchor.json");
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.join("\n")).toMatch(
      k === 0 ? /checkpointed log logs\/audit_chain\.jsonl \(log id [0-9a-f]{64}\).* is missing/ : /was rewritten/,
    );
  });

  it("a checkpoint taken after run 3, the log grown to 5 runs, run 2 rewritten: fails", async () => {
    const original = linesOf(DEMO_TORCHCOMPLY);
    const dir = workspace({ "audit_chain.jsonl": written(original.slice(0, 324)) });
    await takeAnchor(dir, ["audit_chain.jsonl"]);
    writeFileSync(join(dir, "audit_chain.jsonl"), written(rewriteRun(original, 1)));
    expect(await checkAgainstAnchor(dir, ["audit_chain.jsonl"], "anchor.json")).toEqual([
      expect.stringMatching(/entries 1–324 no longer have the checkpointed tree head/),
    ]);
  });

  it("the untouched log grown by two runs passes, and the clause carries the consistency proof", async () => {
    const original = linesOf(DEMO_TORCHCOMPLY);
    const dir = workspace({ "audit_chain.jsonl": written(original.slice(0, 324)) });
    await takeAnchor(dir, ["audit_chain.jsonl"]);
    writeFileSync(join(dir, "audit_chain.jsonl"), written(original));
    const run = await cli(["chain", "audit_chain.jsonl", "--anchor", "anchor.json", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    const clause = reportOf(run).checks[0]?.clauses.find((c) => c.id === "chain.anchor");
    expect(clause?.status).toBe("pass");
    expect(clause?.evidence).toMatchObject({ checkpointEntries: 324, treeSize: 540 });
    const proof = clause?.evidence.consistencyProof as string[] | undefined;
    expect(proof?.length).toBeGreaterThan(0);
    for (const node of proof ?? []) expect(node).toMatch(/^[0-9a-f]{64}$/);
  });
});

// ---- spanforge: each third of the chain rewritten and re-signed with the key ----
function rewriteSpanforge(lines: readonly string[], from: number, to: number): string[] {
  const events = parseEvents(written(lines)).map((event, i) => {
    if (i < from || i >= to) return event;
    const edited = new Map(event);
    const payload = new Map(event.get("payload") as JsonObject);
    payload.set("status", payload.get("status") === "error" ? "ok" : "error");
    edited.set("payload", payload);
    return edited;
  });
  return signChain(events, () => KEY).map(toJson);
}

describe("spanforge: each third rewritten and re-signed fails chain.anchor, renamed or not", () => {
  const original = linesOf(DEMO_SPANFORGE);
  it.each([
    ["first", 0, 33],
    ["second", 33, 66],
    ["last", 66, 100],
  ])("the %s third, the log renamed", async (_third, from, to) => {
    const dir = workspace({ "events.jsonl": written(original) });
    await takeAnchor(dir, ["events.jsonl"]);
    const rewritten = rewriteSpanforge(original, from, to);
    expect(rewritten.slice(0, from)).toEqual(original.slice(0, from)); // the attack touches only that third
    rmSync(join(dir, "events.jsonl"));
    writeFileSync(join(dir, "events-v2.jsonl"), written(rewritten));
    expect((await cli(["chain", "events-v2.jsonl"], { cwd: dir, env: ENV })).code).toBe(0);
    expect((await checkAgainstAnchor(dir, ["events-v2.jsonl"], "anchor.json")).length).toBeGreaterThan(0);
  });
});

describe("class 2: renaming, moving, cutting or deleting a log does not escape the anchor", () => {
  it("spanforge: the log renamed and 40 of its 100 events cut fails (matched by its first event)", async () => {
    const original = linesOf(DEMO_SPANFORGE);
    const dir = workspace({ "logs/events.jsonl": written(original) });
    await takeAnchor(dir, ["logs/events.jsonl"]);
    rmSync(join(dir, "logs/events.jsonl"));
    writeFileSync(join(dir, "logs/events-renamed.jsonl"), written(original.slice(0, 60)));
    expect(await checkAgainstAnchor(dir, ["logs/events-renamed.jsonl"], "anchor.json")).toEqual([
      expect.stringMatching(/holds 60 entries but the checkpoint recorded 100: 40 entries were cut/),
    ]);
  });

  it("torchcomply: run from another folder (the log's path changes) with the last run cut fails", async () => {
    const original = linesOf(DEMO_TORCHCOMPLY);
    const dir = workspace({ "logs/audit_chain.jsonl": written(original) });
    await takeAnchor(dir, ["logs/audit_chain.jsonl"]);
    writeFileSync(join(dir, "logs/audit_chain.jsonl"), written(original.slice(0, 432)));
    const failures = await checkAgainstAnchor(join(dir, "logs"), ["audit_chain.jsonl"], "../anchor.json");
    expect(failures).toEqual([expect.stringMatching(/holds 432 entries but the checkpoint recorded 540/)]);
  });

  it("a checkpointed log deleted (the other still given) fails, named by its old path and id", async () => {
    const dir = workspace({
      "audit_chain.jsonl": written(linesOf(DEMO_TORCHCOMPLY)),
      "events.jsonl": written(linesOf(DEMO_SPANFORGE)),
    });
    const anchor = await takeAnchor(dir, ["audit_chain.jsonl", "events.jsonl"]);
    const logId = anchor.checkpoints.find((c) => c.path === "events.jsonl")?.logId;
    rmSync(join(dir, "events.jsonl"));
    const failures = await checkAgainstAnchor(dir, ["audit_chain.jsonl"], "anchor.json");
    expect(failures).toEqual([
      `the checkpointed log events.jsonl (log id ${logId}), 100 entries, is missing: no log checked starts with its first entry (deleted, its first entry rewritten or cut, or left out of the paths)`,
    ]);
  });

  it("a renamed, untouched log is found by its content and checked (passes)", async () => {
    const dir = workspace({ "audit_chain.jsonl": written(linesOf(DEMO_TORCHCOMPLY)) });
    await takeAnchor(dir, ["audit_chain.jsonl"]);
    renameSync(join(dir, "audit_chain.jsonl"), join(dir, "renamed.jsonl"));
    const run = await cli(["chain", "renamed.jsonl", "--anchor", "anchor.json", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    const clause = reportOf(run).checks[0]?.clauses.find((c) => c.id === "chain.anchor");
    expect(clause).toMatchObject({ status: "pass", evidence: { checkpointPath: "audit_chain.jsonl" } });
  });

  it("an anchor in the old format (last hash only) is still checked, with a warning to re-anchor", async () => {
    const dir = workspace({ "audit_chain.jsonl": written(linesOf(DEMO_TORCHCOMPLY)) });
    const anchor = await takeAnchor(dir, ["audit_chain.jsonl"]);
    const legacy = anchor.checkpoints.map(({ path, format, entries, head }) => ({ path, format, entries, head }));
    writeFileSync(join(dir, "old.json"), JSON.stringify({ checkpoints: legacy }));
    const run = await cli(["chain", "audit_chain.jsonl", "--anchor", "old.json", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    const clause = reportOf(run).checks[0]?.clauses.find((c) => c.id === "chain.anchor");
    expect(clause?.status).toBe("warn");
    expect(reportOf(run).checks[0]?.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/old format: it binds only the last hash.*re-anchor with this version/),
    );
  });
});

describe("class 9: a replayed older signed bundle is told apart", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const OLD_COMMIT = "1111111111111111111111111111111111111111";
  const NEW_COMMIT = "2222222222222222222222222222222222222222";

  async function signedBundle(): Promise<{ report: string; key: string }> {
    const dir = mkdtempSync(join(scratch, "replay-"));
    const env = {
      ...ENV,
      SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "push",
      GITHUB_REPOSITORY: "acme/models",
      GITHUB_SHA: OLD_COMMIT,
      GITHUB_REF: "refs/heads/main",
      GITHUB_RUN_ID: "4242",
      GITHUB_RUN_ATTEMPT: "2",
    };
    const args = [
      "check",
      "--config",
      "fixtures/demo/comply-gate.yml",
      "--bundle",
      dir,
      "--signing-key-env",
      "SIGNING_KEY",
    ];
    expect((await cli(args, { env })).code).toBe(0);
    const key = join(dir, "published.pem");
    writeFileSync(key, publicKey.export({ format: "pem", type: "spki" }));
    return { report: join(dir, "comply-gate-report.json"), key };
  }

  it("verify-report names the repository, commit, ref, event and run the bundle was signed for", async () => {
    const { report, key } = await signedBundle();
    const run = await cli([
      "verify-report",
      report,
      "--public-key",
      key,
      "--expect-repo",
      "acme/models",
      "--expect-commit",
      OLD_COMMIT,
    ]);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(
      new RegExp(
        `repository acme/models, commit ${OLD_COMMIT}, ref refs/heads/main, event push, run 4242 \\(attempt 2\\)`,
      ),
    );
  });

  it("an older bundle replayed for a newer commit fails --expect-commit (exit 1)", async () => {
    const { report, key } = await signedBundle();
    const run = await cli(["verify-report", report, "--public-key", key, "--expect-commit", NEW_COMMIT]);
    expectClean(run, {
      code: 1,
      message: new RegExp(`expected commit ${NEW_COMMIT}, the report is about ${OLD_COMMIT}`),
    });
  });

  it("a bundle of another repository fails --expect-repo (exit 1)", async () => {
    const { report, key } = await signedBundle();
    const run = await cli(["verify-report", report, "--public-key", key, "--expect-repo", "acme/other"]);
    expectClean(run, { code: 1, message: /expected repository acme\/other, the report is about acme\/models/ });
  });
});
