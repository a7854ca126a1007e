/**
 * The bundled Action (dist/action.js) run as the runner runs it: a child process with INPUT_* variables,
 * GITHUB_STEP_SUMMARY / GITHUB_OUTPUT files, a pull_request event payload, and GitHub's API and artifact
 * service on loopback (test/helpers/fake-github.ts).
 */
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { type FakeGitHub, startFakeGitHub } from "./helpers/fake-github.js";
import { git } from "./helpers/git.js";
import { unzip } from "./helpers/unzip.js";

const keys = generateKeyPairSync("ed25519");
const SIGNING_KEY = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const SEAL_KEY = "seal-key-for-the-e2e-test-0123456789";
const CHAIN_KEY = "harness-chain-key-0123456789abcdef";

/** A waiver's expiry the run accepts: a month from today (at most waiverMaxDays ahead, 90 by default). */
const IN_A_MONTH = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** A workspace's commit: the pull request's base and head unless a test builds its own (the policy is read there). */
const checkedOut = (workspace: string | undefined): string => git(workspace ?? process.cwd(), "rev-parse", "HEAD");

/** A pull_request event payload as GitHub delivers it (trimmed to the fields an action reads). */
function pullRequestEvent(options: { fork: boolean; baseSha: string; headSha: string }): object {
  const repo = { full_name: "acme/models", name: "models", owner: { login: "acme" } };
  const head = options.fork ? { full_name: "mallory/models", name: "models", owner: { login: "mallory" } } : repo;
  return {
    action: "synchronize",
    number: 7,
    pull_request: {
      number: 7,
      state: "open",
      title: "Retrain with the new dataset",
      user: { login: options.fork ? "mallory" : "octocat" },
      head: { ref: "retrain", sha: options.headSha, repo: head },
      base: { ref: "main", sha: options.baseSha, repo },
    },
    repository: repo,
    sender: { login: options.fork ? "mallory" : "octocat" },
  };
}

/** A JWT shaped like ACTIONS_RUNTIME_TOKEN: the artifact client reads the backend ids from its scopes. */
function runtimeToken(): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ scp: "Actions.Results:run-backend-id:job-backend-id" })}.sig`;
}

interface ActionRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

function runAction(
  github: FakeGitHub,
  options: {
    config?: string;
    workspace?: string;
    fork?: boolean;
    extra?: Record<string, string>;
    /** The pull request's commits (default: both the workspace's HEAD). */
    pullRequest?: { baseSha: string; headSha: string };
  },
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-action-"));
  const files = { summary: join(dir, "summary.md"), output: join(dir, "output.txt"), event: join(dir, "event.json") };
  writeFileSync(files.summary, "");
  writeFileSync(files.output, "");
  writeFileSync(
    files.event,
    JSON.stringify(
      pullRequestEvent({
        fork: options.fork ?? false,
        ...(options.pullRequest ?? { baseSha: checkedOut(options.workspace), headSha: checkedOut(options.workspace) }),
      }),
    ),
  );
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: "acme/models",
    GITHUB_API_URL: github.url,
    GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "42",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKFLOW: "CI",
    GITHUB_JOB: "gate",
    GITHUB_SHA: "5f0b3c1e9d2a4b6c8e0f1a3b5c7d9e1f2a4b6c8d",
    GITHUB_REF: "refs/pull/7/merge",
    GITHUB_WORKSPACE: options.workspace ?? process.cwd(),
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    RUNNER_TEMP: dir,
    ACTIONS_RUNTIME_TOKEN: runtimeToken(),
    ACTIONS_RESULTS_URL: `${github.url}/`,
    SPANFORGE_SIGNING_KEY: CHAIN_KEY,
    ...(options.config === undefined ? {} : { INPUT_CONFIG: options.config }),
    "INPUT_GITHUB-TOKEN": "ghs_test_token_not_a_secret",
    "INPUT_SIGNING-KEY": SIGNING_KEY,
    "INPUT_HMAC-KEY": SEAL_KEY,
    INPUT_COMMENT: "auto",
    INPUT_MATRIX: "null",
    "INPUT_CHAIN-FORMAT": "auto",
    ...options.extra,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["dist/action.js"], { env });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const outputs: Record<string, string> = {};
      for (const m of readFileSync(files.output, "utf8").matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) {
        outputs[m[1] as string] = m[3] as string;
      }
      resolve({ code, stdout, outputs, summary: readFileSync(files.summary, "utf8") });
    });
  });
}

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

describe("the bundled Action on a pull request", () => {
  it("passes on good evidence: summary table, outputs, one comment, a signed artifact", async () => {
    github = await startFakeGitHub({ otherComments: 230 }); // three pages of other people's comments
    const run = await runAction(github, { config: "fixtures/demo/comply-gate.yml" });
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toContain("## ✅ comply-gate: passed");
    expect(run.summary).toContain(
      "| chain | fixtures/demo/torchcomply&#95;audit&#95;chain.jsonl | ✅ pass | 540 entries in 5 runs |  |",
    );
    expect(run.outputs.verdict).toBe("pass");
    expect(JSON.parse(run.outputs["root-hashes"] ?? "{}")).toMatchObject({
      "fixtures/demo/torchcomply_audit_chain.jsonl": "f61d14289ea2de040814e474e634d57046f78bc12d2ab671711cfc7b8c732d4a",
    });
    expect(run.outputs["failed-checks"]).toBe("[]");
    expect(run.outputs["artifact-url"]).toBe("https://github.com/acme/models/actions/runs/42/artifacts/4242");
    const ours = github.comments.filter((c) => c.user.login === "github-actions[bot]");
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body.split("\n")[0]).toBe("<!-- comply-gate:v1 key=CI/gate -->");
    // `::add-mask::` registers secrets with the runner (which never prints them); nothing else may show them.
    const log = run.stdout
      .split("\n")
      .filter((line) => !line.startsWith("::add-mask::"))
      .join("\n");
    expect(run.stdout).toContain(`::add-mask::${SEAL_KEY}`);
    expect(log).not.toContain(SEAL_KEY);
    expect(log).not.toContain("PRIVATE KEY");
    expect(log).not.toContain(SIGNING_KEY.split("\n")[1]);
  });

  it("fails exactly when a clause fails, and updates its comment on the re-run instead of adding one", async () => {
    github = await startFakeGitHub({ otherComments: 230 });
    const first = await runAction(github, { config: "fixtures/demo/comply-gate.yml" });
    expect(first.code).toBe(0);
    const second = await runAction(github, { config: "fixtures/tampered/comply-gate.yml" });
    expect(second.code).toBe(1);
    expect(second.outputs.verdict).toBe("fail");
    expect(JSON.parse(second.outputs["failed-checks"] ?? "[]")).toEqual([
      "chain:fixtures/tampered/torchcomply_deleted_entry.jsonl",
      "chain:fixtures/tampered/torchcomply_garbage_line.jsonl",
      "chain:fixtures/tampered/spanforge_edited_payload.jsonl",
    ]);
    const ours = github.comments.filter((c) => c.user.login === "github-actions[bot]");
    expect(ours).toHaveLength(1);
    expect(ours[0]?.id).toBe(Number(first.outputs["comment-id"]));
    expect(ours[0]?.body).toContain("## ❌ comply-gate: failed");
    // someone else's comment with a look-alike marker is left alone
    expect(github.comments.find((c) => c.body.includes("forged by someone else"))).toBeDefined();
    expect(second.stdout).toMatch(
      /::error title=comply-gate chain\.link,file=fixtures\/tampered\/torchcomply_deleted_entry\.jsonl,line=50::/,
    );
    expect(second.stdout).toContain(
      "::error::comply-gate: the gate failed (3 of 5 checks failed; see the job summary)",
    );
  });

  it("heals duplicates left by racing runs: the oldest comment is kept and updated, the others removed", async () => {
    const marker = "<!-- comply-gate:v1 key=CI/gate -->";
    github = await startFakeGitHub({ otherComments: 120, ownMarkerComments: [marker, marker] });
    const [oldest] = github.comments.filter((c) => c.user.login === "github-actions[bot]");
    const run = await runAction(github, { config: "fixtures/demo/comply-gate.yml" });
    expect(run.code).toBe(0);
    const ours = github.comments.filter((c) => c.user.login === "github-actions[bot]");
    expect(ours.map((c) => c.id)).toEqual([oldest?.id]);
    expect(ours[0]?.body).toContain("## ✅ comply-gate: passed");
  });

  it("uploads report bytes that verify with verify-report, and that fail it after one changed byte", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const run = await runAction(github, { config: "fixtures/demo/comply-gate.yml" });
    expect(run.code).toBe(0);
    const [name, archive] = [...github.artifacts][0] ?? [];
    // Nothing derived from the token or the keys in any uploaded file (the config file is named relatively).
    for (const [file, bytes] of unzip(archive as Buffer)) {
      const text = bytes.toString("utf8");
      expect(text, file).not.toContain(SEAL_KEY);
      expect(text, file).not.toContain("ghs_test_token_not_a_secret");
      expect(text, file).not.toContain("PRIVATE KEY");
    }
    const envelope = JSON.parse(
      unzip(archive as Buffer)
        .get("comply-gate-report.intoto.json")
        ?.toString() ?? "{}",
    );
    const statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString());
    expect(statement.predicate.configuration[0].name).toBe("fixtures/demo/comply-gate.yml");
    expect(name).toBe("comply-gate-CI-gate-attempt-1");
    const files = unzip(archive as Buffer);
    expect([...files.keys()].sort()).toEqual([
      "comply-gate-VERIFY.md",
      "comply-gate-public-key.pem",
      "comply-gate-report.hmac",
      "comply-gate-report.html",
      "comply-gate-report.intoto.json",
      "comply-gate-report.json",
      "comply-gate-report.predicate.json",
      "comply-gate-summary.md",
      "comply-gate.sarif",
    ]);
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-downloaded-"));
    for (const [file, bytes] of files) writeFileSync(join(dir, file), bytes);
    const publicKey = join(tmpdir(), `published-${Date.now()}.pem`);
    writeFileSync(publicKey, keys.publicKey.export({ type: "spki", format: "pem" }).toString());
    const report = join(dir, "comply-gate-report.json");
    const verified = await runCli(["verify-report", report, "--public-key", publicKey, "--hmac-key-env", "SEAL"], {
      env: { SEAL: SEAL_KEY },
    });
    expect(verified.stdout).toContain("Verified.");
    expect(verified.code).toBe(0);
    const bytes = readFileSync(report);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x20;
    writeFileSync(report, bytes);
    const tampered = await runCli(["verify-report", report, "--public-key", publicKey], {});
    expect(tampered.code).toBe(1);
  });

  it("turns a 403 on the comment into a warning and keeps the verdict", async () => {
    github = await startFakeGitHub({ otherComments: 5 });
    github.forbidComments = true;
    const run = await runAction(github, { config: "fixtures/tampered/comply-gate.yml" });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe("fail");
    expect(run.stdout).toMatch(
      /::warning::comply-gate: the pull request comment was not posted \(the token cannot write pull request comments: add `permissions: pull-requests: write`/,
    );
    expect(run.summary).toContain("## ❌ comply-gate: failed");
  });

  it("does not comment on a pull request from a fork, says why, and keeps the verdict", async () => {
    github = await startFakeGitHub({ otherComments: 5 });
    const run = await runAction(github, { config: "fixtures/demo/comply-gate.yml", fork: true });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe("pass");
    expect(run.stdout).toMatch(/::notice::comply-gate: not commenting on a pull request from a fork/);
    expect(github.comments.filter((c) => c.user.login === "github-actions[bot]")).toHaveLength(0);
    expect(github.requests.filter((r) => r.includes("/comments"))).toEqual([]);
  });

  it("compares a snapshot with its baseline: a regression fails the job and shows in the diff table", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const run = await runAction(github, {
      config: "fixtures/demo/comply-gate.yml",
      extra: {
        INPUT_SNAPSHOT: "fixtures/snapshots/regressed.json",
        INPUT_BASELINE: "fixtures/snapshots/baseline.json",
      },
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.outputs["failed-checks"] ?? "[]")).toEqual(["diff:fixtures/snapshots/regressed.json"]);
    expect(run.summary).toContain("| Metric | Baseline | Current | Δ | Direction | Status |");
    expect(run.summary).toContain(
      "| fairness&#95;parity | 0.0611111 | 0.0811111 | +0.02 | lower-is-better | ❌ regressed |",
    );
    expect(run.summary).toContain("| epsilon | 4.69486 | NaN |  | lower-is-better | ❌ regressed |");
    expect(run.summary).toContain("| accuracy | 0.912 | 0.915 | +0.003 | higher-is-better | ✅ improved |");
    expect(run.stdout).toMatch(
      /::error title=comply-gate diff\.regressed,file=fixtures\/snapshots\/regressed\.json,line=5::fairness_parity/,
    );
  });

  it("scans the datasets input against Article 10, and fails the job on a failing clause", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const run = await runAction(github, {
      config: "fixtures/demo/comply-gate.yml",
      extra: { INPUT_DATASETS: "fixtures/datasets/no-consent.csv" },
    });
    expect(run.code).toBe(1);
    expect(run.summary).toContain("Art.10(2)(b)");
    expect(run.summary).toContain("INSUFFICIENT");
  });

  it("maps the events input to the frameworks input: a gap fails the job and is named in the summary", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const run = await runAction(github, {
      config: "fixtures/demo/comply-gate.yml",
      extra: {
        INPUT_EVENTS: "fixtures/peers/spanforge/first_100.jsonl",
        INPUT_FRAMEWORKS: "eu_ai_act\nhipaa",
        "INPUT_PERIOD-TO": "2026-01-15",
      },
    });
    // Every EU AI Act clause has signed, fresh evidence; HIPAA needs llm.audit.* events the chain lacks.
    expect(run.code).toBe(1);
    expect(run.summary).toContain("EU AI Act: 13 of 13 clauses covered (100%)");
    expect(run.summary).toContain(
      "HIPAA: 3 of 5 clauses covered (60%) by 100 events in the period; gaps: 164.312(a)(1), 164.312(c)(1)",
    );
  });

  it("shows no secret and no planted identifier in any output: log, summary, outputs, comment, artifact", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const run = await runAction(github, {
      config: "fixtures/demo/comply-gate.yml",
      extra: { INPUT_DATASETS: "fixtures/datasets/planted-identifiers.jsonl" },
    });
    expect(run.code).toBe(1); // the planted identifiers fail the PII clause: they were found
    expect(run.summary).toContain("Art.10(2)(a)");
    const artifact = github.artifacts.values().next().value as Buffer;
    const texts = [
      run.stdout
        .split("\n")
        .filter((line) => !line.startsWith("::add-mask::"))
        .join("\n"),
      run.summary,
      JSON.stringify(run.outputs),
      ...github.comments.map((c) => c.body),
      ...[...unzip(artifact).values()].map((bytes) => bytes.toString("utf8")),
    ];
    const secrets = [
      SEAL_KEY,
      CHAIN_KEY,
      "ghs_test_token_not_a_secret",
      "PRIVATE KEY",
      ...SIGNING_KEY.split("\n").slice(1, 2),
    ];
    const identifiers = [
      "jane.planted@acme-corp.io",
      "7123 4567",
      "4532015112830473",
      "536-22-8765",
      "DE62 3704 0044 0532 0130 01",
      "DE62370400440532013001",
      "370400440532013001",
    ];
    // One IBAN group on its own is four digits, which a SHA-256 digest or a port number in the log contains by
    // chance: a group counts as echoed when no other hex digit touches it.
    const ibanGroup = /(?<![0-9a-f])0532(?![0-9a-f])/i;
    for (const text of texts) {
      for (const needle of [...secrets, ...identifiers]) expect(text).not.toContain(needle);
      expect(text).not.toMatch(ibanGroup);
    }
    expect(run.stdout).toContain(`::add-mask::${CHAIN_KEY}`);
  });
});

/**
 * A repository with its own comply-gate.yml (found in the workspace, not named by an input): strict failOn,
 * dataset options and a waiver, and datasets the inputs add.
 */
function workspaceWithConfig(config: string, files: Record<string, string>): string {
  const workspace = mkdtempSync(join(tmpdir(), "comply-gate-workspace-"));
  mkdirSync(join(workspace, "data"));
  for (const [to, from] of Object.entries(files)) copyFileSync(from, join(workspace, to));
  writeFileSync(join(workspace, "comply-gate.yml"), config);
  // A checkout: on a pull request the Action reads the policy from git (here base and head are this commit).
  git(workspace, "init", "-q", "-b", "main");
  git(workspace, "add", "-A");
  git(workspace, "commit", "-q", "-m", "workspace");
  return workspace;
}

const STRICT_CONFIG = `version: 1
failOn: warn
datasets:
  - paths: [data/train.jsonl]
    requiredColumns: [label]
    thresholds: { missingWarnPct: 1, missingFailPct: 50 }
`;
const DATA = {
  "data/train.jsonl": "fixtures/demo/train.jsonl",
  "data/no-consent.csv": "fixtures/datasets/no-consent.csv",
  "data/planted.jsonl": "fixtures/datasets/planted-identifiers.jsonl",
};

describe("the Action's inputs add to the config file, never replace or relax it", () => {
  it("reads the workspace's config file when the datasets input is set, and judges the input with its thresholds", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const workspace = workspaceWithConfig(
      "version: 1\nfailOn: warn\ndatasets:\n  - paths: [data/train.jsonl]\n    thresholds: { lawfulBasisPct: 20 }\n",
      DATA,
    );
    // 25% of no-consent.csv's rows have a lawful basis: below the default 80%, above the file's 20%.
    const run = await runAction(github, { workspace, extra: { INPUT_DATASETS: "data/no-consent.csv" } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.verdict).toBe("pass");
    expect(run.summary).toContain("| dataset | data/train.jsonl | ✅ pass |"); // the file's own dataset ran too
    expect(run.summary).toContain("| dataset | data/no-consent.csv | ✅ pass |");
    expect(run.summary).toContain("fail-on: warn");
  });

  it("judges the datasets input with the file's required columns and its failOn: a warning fails the job", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const workspace = workspaceWithConfig(STRICT_CONFIG, DATA);
    // 3 of 243 rows lack a label: 1.2%, above the file's missingWarnPct of 1 for its required column.
    const run = await runAction(github, {
      workspace,
      extra: { INPUT_DATASETS: "data/planted.jsonl\ndata/train.jsonl" },
    });
    expect(run.code, run.stdout).toBe(1);
    expect(run.outputs.verdict).toBe("fail");
    expect(run.summary).toContain("| dataset | data/planted.jsonl, data/train.jsonl | ⚠️ warn |");
    expect(run.summary).toContain("Art.10(3)-missing");
  });

  it("applies the config file's waivers to a check the inputs add", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const workspace = workspaceWithConfig(
      `version: 1
datasets:
  - paths: [data/train.jsonl]
waivers:
  - rule: Art.10(2)(b)
    path: data/no-consent.csv
    owner: "@acme/data-team"
    reason: consent re-collected in the next release
    expires: "${IN_A_MONTH}"
`,
      DATA,
    );
    const run = await runAction(github, { workspace, extra: { INPUT_DATASETS: "data/no-consent.csv" } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.verdict).toBe("pass");
    expect(run.summary).toContain("data/no-consent.csv");
    expect(run.summary).toMatch(/waived/);
  });

  it("refuses a fail-on input that would relax the config file's failOn, before any check runs", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const workspace = workspaceWithConfig(STRICT_CONFIG, DATA);
    const run = await runAction(github, {
      workspace,
      extra: { INPUT_DATASETS: "data/no-consent.csv", "INPUT_FAIL-ON": "fail" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::comply-gate: input \`fail-on: fail\` would relax ${join(workspace, "comply-gate.yml")}'s failOn (warn)`,
    );
    expect(run.outputs.verdict).toBeUndefined();
  });
});

describe("the bundled Action judges a pull request by the base branch's policy", () => {
  /** A repository whose main holds the demo's evidence and config, and a head that relaxes the config. */
  function weakeningPullRequest(): { baseSha: string; headSha: string; workspace: string } {
    const workspace = mkdtempSync(join(tmpdir(), "comply-gate-action-pr-"));
    git(workspace, "init", "-q", "-b", "main");
    cpSync("fixtures/demo", join(workspace, "fixtures/demo"), { recursive: true });
    git(workspace, "add", "-A");
    git(workspace, "commit", "-q", "-m", "demo");
    const baseSha = git(workspace, "rev-parse", "HEAD");
    const config = join(workspace, "fixtures/demo/comply-gate.yml");
    writeFileSync(config, readFileSync(config, "utf8").replace("failOn: fail", "failOn: error"));
    git(workspace, "commit", "-q", "-am", "relax");
    return { baseSha, headSha: git(workspace, "rev-parse", "HEAD"), workspace };
  }

  it("a head that relaxes failOn fails with policy.weakened, until another maintainer approves the head commit", async () => {
    github = await startFakeGitHub({ otherComments: 0 });
    const pullRequest = weakeningPullRequest();
    const { workspace, ...commits } = pullRequest;
    const refused = await runAction(github, {
      config: "fixtures/demo/comply-gate.yml",
      workspace,
      pullRequest: commits,
    });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.outputs["failed-checks"] ?? "[]")).toEqual(["policy:fixtures/demo/comply-gate.yml"]);
    expect(refused.summary).toContain("· fail-on: fail"); // the base's config governed
    expect(refused.summary).toContain(
      `| fixtures/demo/comply-gate.yml | error | policy.weakened | failOn relaxed: "fail" → "error" — not approved: no approving review of ${pullRequest.headSha.slice(0, 12)} by someone other than the author @‍octocat with write access |`,
    );
    github.permissions.set("alice", "write");
    github.reviews.push({ user: { login: "alice" }, state: "APPROVED", commit_id: pullRequest.headSha });
    const approved = await runAction(github, {
      config: "fixtures/demo/comply-gate.yml",
      workspace,
      pullRequest: commits,
    });
    expect(approved.code, approved.stdout).toBe(0);
    expect(approved.summary).toContain(
      `1 weakening(s) of the policy approved on ${pullRequest.headSha.slice(0, 12)} by @‍alice (write access)`,
    );
    expect(approved.summary).toContain("· fail-on: error"); // the head's config, accepted
    expect(approved.outputs.verdict).toBe("pass");
  });
});
