/**
 * A pull request, built as a real git repository: the base branch holds a strict config over the demo's real
 * evidence; heads weaken it, tighten it, or get approved. The gate runs as the Action runs it: the policy
 * decides which config governs, the checks run under it, and the `policy` check joins the report.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getOctokit } from "@actions/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../test/helpers/fake-github.js";
import { git } from "../../test/helpers/git.js";
import { runChecks } from "../checks/run.js";
import { resolveConfig } from "../config/config.js";
import type { CheckResult, Report } from "../core/model.js";
import { buildReport } from "../core/report.js";
import { type PullRequestPolicy, pullRequestOf, pullRequestPolicy } from "./pull-request.js";

const KEY = "harness-chain-key-0123456789abcdef";
const ENV = { AUDIT_HMAC_KEY: KEY, OTHER_KEY: KEY };
const TODAY = new Date("2026-12-04T12:00:00Z");
const AUTHOR = "mallory";

const STRICT = `version: 1
failOn: fail
limits:
  maxFiles: 100
waiverMaxDays: 30
chain:
  - paths: [torchcomply_audit_chain.jsonl]
    format: torchcomply
    anchor: checkpoints.json
  - paths: [spanforge_events.jsonl]
    format: spanforge
    keyEnv: AUDIT_HMAC_KEY
    anchor: checkpoints.json
datasets:
  - paths: [train.jsonl]
    requiredColumns: [text, label, source]
    thresholds:
      piiDensity: 0.8
diff:
  snapshot: snapshots/current.json
  baseline: snapshots/baseline.json
waivers:
  - rule: dataset.duplicate
    owner: "@acme/ml-platform"
    reason: near-duplicate prompts kept on purpose, ticket ML-7
    expires: "2026-12-20"
`;

/** Every listed kind of weakening at once. */
const WEAKENED = `version: 1
failOn: error
limits:
  maxFiles: 100000
waiverMaxDays: 90
chain:
  - paths: [spanforge_events.jsonl]
    format: spanforge
    keyEnv: OTHER_KEY
    optional: true
datasets:
  - paths: [train.jsonl]
    requiredColumns: [text]
    thresholds:
      piiDensity: 5
diff:
  snapshot: snapshots/current.json
  baseline: snapshots/current.json
waivers:
  - rule: dataset.duplicate
    owner: "@acme/ml-platform"
    reason: near-duplicate prompts kept on purpose, ticket ML-7
    expires: "2026-12-31"
  - rule: chain.link
    owner: "@mallory"
    reason: trust me
    expires: "2027-01-31"
`;

/** Stricter everywhere: a lower limit, a nearer waiver horizon, no waiver, a lower PII density, one more input. */
const TIGHTENED = STRICT.replace("maxFiles: 100", "maxFiles: 50")
  .replace("waiverMaxDays: 30", "waiverMaxDays: 20")
  .replace("piiDensity: 0.8", "piiDensity: 0.7")
  .replace(/waivers:[\s\S]*$/, "")
  .replace("failOn: fail", "failOn: fail\nscope:\n  - path: spanforge_events.jsonl\n    org: org-alpha");

let origin: string;
let baseSha: string;

function commitAll(cwd: string, message: string): string {
  git(cwd, "add", "-A");
  git(cwd, "commit", "-q", "--allow-empty", "-m", message);
  return git(cwd, "rev-parse", "HEAD");
}

/** A head branch from the base with these files changed; returns its commit. */
function head(name: string, files: Record<string, string>): string {
  git(origin, "checkout", "-q", "-b", name, baseSha);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(origin, file), text);
  return commitAll(origin, name);
}

beforeAll(() => {
  origin = mkdtempSync(join(tmpdir(), "comply-gate-pr-"));
  git(origin, "init", "-q", "-b", "main");
  for (const file of ["torchcomply_audit_chain.jsonl", "spanforge_events.jsonl", "checkpoints.json", "train.jsonl"]) {
    copyFileSync(join("fixtures/demo", file), join(origin, file));
  }
  mkdirSync(join(origin, "snapshots"));
  copyFileSync("fixtures/snapshots/baseline.json", join(origin, "snapshots/baseline.json"));
  copyFileSync("fixtures/snapshots/baseline.json", join(origin, "snapshots/current.json"));
  writeFileSync(join(origin, "comply-gate.yml"), STRICT);
  baseSha = commitAll(origin, "strict policy");
}, 60_000);

afterAll(() => rmSync(origin, { recursive: true, force: true }));

interface GateRun {
  readonly policy: PullRequestPolicy;
  readonly report: Report;
}

/** The gate on a pull request, as the Action runs it, with the head checked out. */
async function gate(headSha: string, client?: Parameters<typeof pullRequestPolicy>[0]["client"]): Promise<GateRun> {
  git(origin, "checkout", "-q", headSha);
  const policy = await pullRequestPolicy({
    cwd: origin,
    pullRequest: { owner: "acme", repo: "models", number: 7, baseSha, headSha, author: AUTHOR },
    client,
  });
  const governing = policy.governing;
  if (!governing) throw new Error("no config governs");
  const config = resolveConfig(governing.value, { source: governing.source, baseDir: governing.baseDir });
  const output = await runChecks(config, { cwd: origin, env: ENV, today: TODAY });
  const report = buildReport({
    results: [policy.result, ...output.results],
    checkpoints: output.checkpoints,
    policy: { failOn: config.failOn },
    subject: { event: "pull_request", trust: "untrusted-pr" },
    toolVersion: "test",
  });
  return { policy, report };
}

const policyCheck = (report: Report): CheckResult => report.checks.find((c) => c.id === "policy") as CheckResult;

describe("a pull request's policy comes from the base branch", () => {
  it("the base's own config passes (the evidence is good)", async () => {
    const { report, policy } = await gate(baseSha);
    expect(policy.weakenings).toEqual([]);
    expect(report.checks.filter((c) => c.status === "fail" || c.status === "error")).toEqual([]);
    expect(report.verdict).toBe("pass");
  });

  it("a head weakening the config in every way fails with one policy.weakened finding per change", async () => {
    const sha = head("weakened", { "comply-gate.yml": WEAKENED });
    const { report, policy } = await gate(sha);
    expect(report.verdict).toBe("fail");
    const check = policyCheck(report);
    expect(check.status).toBe("error");
    const why = "not approved: no GitHub token to read the pull request's reviews with";
    expect(check.findings.map((f) => f.message)).toEqual(
      [
        'failOn relaxed: "fail" → "error"',
        "limits.maxFiles raised: 100 → 100000",
        "waiverMaxDays raised: 30 → 90",
        'waivers[0].expires extended: "2026-12-20" → "2026-12-31"',
        'waivers[1] added: (none) → {"rule":"chain.link","path":"**","expires":"2027-01-31"}',
        'chain[0].paths removed: "torchcomply_audit_chain.jsonl" → (none)',
        'chain[0].keyEnv changed: "AUDIT_HMAC_KEY" → "OTHER_KEY"',
        'chain[0].anchor removed: "checkpoints.json" → (none)',
        "chain[0].optional made optional: false → true",
        'datasets[0].requiredColumns removed: ["label","source"] → (none)',
        "datasets[0].thresholds.piiDensity relaxed: 0.8 → 5",
        'diff.baseline changed: "snapshots/baseline.json" → "snapshots/current.json"',
      ].map((line) => `${line} — ${why}`),
    );
    expect(check.findings.every((f) => f.rule === "policy.weakened" && f.severity === "error")).toBe(true);
    // The base's policy governed the run: its failOn, its waivers, both chains.
    expect(policy.governing?.source).toMatch(/^comply-gate\.yml at the merge base [0-9a-f]{12}$/);
    expect(report.policy.failOn).toBe("fail");
    expect(report.checks.filter((c) => c.id === "chain")).toHaveLength(2);
  });

  it("a head that keeps the config but edits a file it points to (the anchor, the baseline) is weakening too", async () => {
    const sha = head("edited-files", { "checkpoints.json": "[]\n", "snapshots/baseline.json": "{}\n" });
    const { report } = await gate(sha);
    expect(report.verdict).toBe("fail");
    const messages = policyCheck(report).findings.map((f) => f.message.split(" — ")[0]);
    expect(messages).toEqual([
      expect.stringMatching(
        /^chain\[0\]\.anchor changed: checkpoints\.json blob [0-9a-f]{12} → checkpoints\.json blob [0-9a-f]{12}$/,
      ),
      expect.stringMatching(/^chain\[1\]\.anchor changed: /),
      expect.stringMatching(/^diff\.baseline changed: snapshots\/baseline\.json blob /),
    ]);
  });

  it("a head deleting the config fails, naming the file", async () => {
    git(origin, "checkout", "-q", "-b", "no-config", baseSha);
    git(origin, "rm", "-q", "comply-gate.yml");
    const sha = commitAll(origin, "no config");
    const { report } = await gate(sha);
    expect(report.verdict).toBe("fail");
    expect(policyCheck(report).findings[0]?.message).toMatch(/^\(config file\) removed: comply-gate\.yml → \(none\)/);
  });

  it("a tightened head passes, under its own config", async () => {
    const sha = head("tightened", { "comply-gate.yml": TIGHTENED });
    const { report, policy } = await gate(sha);
    expect(policy.weakenings).toEqual([]);
    expect(policyCheck(report).status).toBe("pass");
    expect(policy.governing?.source).toBe(join(origin, "comply-gate.yml"));
    expect(report.checks.some((c) => c.id === "scope")).toBe(true);
    expect(report.verdict).toBe("pass");
  });
});

describe("a weakening is accepted only by someone else's approval of the head commit, with write access", () => {
  let fake: FakeGitHub;
  let weakened: string;
  beforeAll(async () => {
    fake = await startFakeGitHub({ otherComments: 0 });
    weakened = head("weakened-for-review", { "comply-gate.yml": WEAKENED });
  }, 60_000);
  afterAll(() => fake.close());

  /** The real Octokit client, talking to the fake. */
  const client = () => getOctokit("test-token", { baseUrl: fake.url });
  const review = (login: string, commit: string, state: "APPROVED" | "CHANGES_REQUESTED" = "APPROVED") => {
    fake.reviews.push({ user: { login }, state, commit_id: commit });
  };
  const reset = (permissions: Record<string, string>) => {
    fake.reviews.length = 0;
    fake.permissions.clear();
    for (const [login, level] of Object.entries(permissions)) fake.permissions.set(login, level);
    fake.forbidReviews = false;
  };

  it("approved by a maintainer on the head commit: passes, under the head's config, naming the approver", async () => {
    reset({ alice: "maintain", [AUTHOR]: "write" });
    review("alice", weakened);
    const { report, policy } = await gate(weakened, client());
    expect(policyCheck(report).status).toBe("pass");
    expect(policyCheck(report).summary).toBe(
      `12 weakening(s) of the policy approved on ${weakened.slice(0, 12)} by @alice (maintain access)`,
    );
    expect(policy.governing?.source).toBe(join(origin, "comply-gate.yml"));
    expect(report.policy.failOn).toBe("error");
    expect(report.verdict).toBe("pass");
  });

  it.each([
    ["the author", () => review(AUTHOR, weakened), "the author @mallory cannot approve their own change to the policy"],
    ["a user with read access", () => review("bob", weakened), "@bob has read access, not write"],
    [
      "an earlier commit",
      () => review("alice", baseSha),
      `the approval by @alice is for an earlier commit, not the head ${"HEAD"}`,
    ],
    [
      "a reviewer who later requested changes",
      () => {
        review("alice", weakened);
        review("alice", weakened, "CHANGES_REQUESTED");
      },
      "no approving review",
    ],
  ] as const)("approved by %s: still fails, saying why", async (_who, setUp, reason) => {
    reset({ alice: "write", bob: "read", [AUTHOR]: "admin" });
    setUp();
    const { report } = await gate(weakened, client());
    expect(report.verdict).toBe("fail");
    const check = policyCheck(report);
    expect(check.status).toBe("error");
    expect(check.findings).toHaveLength(12);
    expect(check.summary).toContain(reason.replace("HEAD", weakened.slice(0, 12)));
  });

  it("a token that may not read reviews (a fork's) fails, saying what is missing", async () => {
    reset({ alice: "write" });
    review("alice", weakened);
    fake.forbidReviews = true;
    const { report } = await gate(weakened, client());
    expect(report.verdict).toBe("fail");
    expect(policyCheck(report).summary).toContain(
      "the token cannot read the pull request's reviews (HTTP 403): give the job `permissions: pull-requests: read`; on a pull request from a fork",
    );
  });
});

describe("which runs are pull requests", () => {
  it("an event carrying a pull request with base, head and author is one; a push is not", () => {
    const repository = { owner: "acme", repo: "models" };
    const pull_request = {
      number: 7,
      user: { login: "octocat" },
      base: { sha: "a".repeat(40) },
      head: { sha: "b".repeat(40) },
    };
    expect(pullRequestOf({ pull_request }, repository)).toEqual({
      owner: "acme",
      repo: "models",
      number: 7,
      author: "octocat",
      baseSha: "a".repeat(40),
      headSha: "b".repeat(40),
    });
    expect(pullRequestOf({}, repository)).toBeUndefined();
    expect(pullRequestOf({ pull_request: { ...pull_request, user: null } }, repository)).toBeUndefined();
  });
});
