import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { reportSchemaErrors } from "../../test/helpers/report-schema.js";
import type { CheckResult, Finding } from "../core/model.js";

const TORCH = "fixtures/peers/torchcomply/10_connected_pipeline__audit_chain.jsonl";
const SPAN = "fixtures/peers/spanforge/first_100.jsonl";
const KEY = "harness-chain-key-0123456789abcdef";
const scratch = mkdtempSync(join(tmpdir(), "comply-gate-cli-"));

describe("comply-gate chain", () => {
  it("prints a table per log and a verdict, and exits 0 when every log verifies", async () => {
    const run = await runCli(["chain", TORCH, SPAN], { env: { SPANFORGE_SIGNING_KEY: KEY } });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`PASS  chain  ${TORCH}`);
    expect(run.stdout).toContain("pass    chain.hash       540 entries re-hash to their stored hash");
    expect(run.stdout).toContain("root f61d14289ea2de040814e474e634d57046f78bc12d2ab671711cfc7b8c732d4a");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("Verdict: PASS — 2 checks: 2 pass (fail-on: fail)");
  });

  it("--json prints the canonical report, valid against schemas/report.schema.json", async () => {
    const run = await runCli(["chain", TORCH, "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.verdict).toBe("pass");
    expect(report.checkpoints).toEqual([
      {
        entries: 540,
        format: "torchcomply",
        head: "f61d14289ea2de040814e474e634d57046f78bc12d2ab671711cfc7b8c732d4a",
        logId: "18dacebcc3d519ec0863820a90564aa66e1fd54a632f1c8a3704e4f910fcabdf",
        path: TORCH,
        treeHead: "0378c827cbf4ad187ee14f80c25896d8ffd8f7e6f7acb1df8b386bf16dbc86e4",
      },
    ]);
  });

  it("gives the same report bytes on every run (no wall-clock, sorted keys)", async () => {
    const first = await runCli(["chain", TORCH, SPAN, "--json"], { env: { SPANFORGE_SIGNING_KEY: KEY } });
    const second = await runCli(["chain", SPAN, TORCH, "--json"], { env: { SPANFORGE_SIGNING_KEY: KEY } });
    expect(second.stdout).toBe(first.stdout);
  });

  it("--out writes the report file and --anchor takes it next time; a cut tail then exits 1", async () => {
    const reportPath = join(scratch, "report.json");
    const log = join(scratch, "chain.jsonl");
    const lines = readFileSync(TORCH, "utf8").split("\n");
    writeFileSync(log, lines.join("\n"));
    const first = await runCli(["chain", log, "--out", reportPath], { cwd: scratch });
    expect(first.code).toBe(0);
    writeFileSync(log, `${lines.slice(0, 500).join("\n")}\n`);
    const second = await runCli(["chain", log, "--anchor", reportPath], { cwd: scratch });
    expect(second.code).toBe(1);
    expect(second.stdout).toContain("chain.jsonl:500  fail  chain.anchor");
  });

  it("exits 1 with located findings when a log was tampered with", async () => {
    const log = join(scratch, "tampered.jsonl");
    const lines = readFileSync(TORCH, "utf8").split("\n");
    writeFileSync(log, lines.toSpliced(9, 1).join("\n"));
    const run = await runCli(["chain", log], { cwd: scratch });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/tampered\.jsonl:10 {2}fail {2}chain\.link {2}prev_hash does not match/);
    expect(run.stdout).toContain("Verdict: FAIL");
  });

  it("exits 1 naming the variable to set when a spanforge chain has no key, and never prints a key", async () => {
    const run = await runCli(["chain", SPAN, "--key-env", "MY_CHAIN_KEY"], { env: { SPANFORGE_SIGNING_KEY: KEY } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("environment variable MY_CHAIN_KEY is not set");
    expect(run.stdout).not.toContain(KEY);
  });

  it("reads a key map of rotation event ids to variable names", async () => {
    const keyMap = join(scratch, "keys.json");
    writeFileSync(keyMap, JSON.stringify({ "01KDVDNZZZZZZZZZZZZZZZR0T1": "NEXT_KEY" }));
    const run = await runCli(["chain", SPAN, "--key-map", keyMap], { env: { SPANFORGE_SIGNING_KEY: KEY } });
    expect(run.code).toBe(0);
  });

  it.each([
    [["chain"], /chain needs at least one path/],
    [["chain", "does-not-exist.jsonl"], /^comply-gate: does-not-exist\.jsonl: no such file or folder\n$/],
    [["chain", "fixtures/nothing-here/*.jsonl"], /fixtures\/nothing-here\/\*\.jsonl: no file matches this glob\n$/],
    [["chain", TORCH, "--format", "xml"], /--format must be one of auto, torchcomply, spanforge/],
    [["chain", TORCH, "--bogus"], /^comply-gate: unknown flag --bogus\. Run 'comply-gate chain --help' for usage\.\n$/],
    [["chain", TORCH, "--key-env", "not a name"], /--key-env takes the NAME of an environment variable/],
    [["chain", TORCH, "--anchor", "missing.json"], /missing\.json: cannot read the anchor file \(ENOENT\)/],
    [
      ["chain", TORCH, "--anchor", "package.json"],
      /package\.json: checkpoints\[0\]\.path: expected a non-empty string/,
    ],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("%j is a usage error: exit 2, a readable message, no stack trace", async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a key map holding a key instead of a variable name is refused without echoing it", async () => {
    const keyMap = join(scratch, "bad-keys.json");
    writeFileSync(keyMap, JSON.stringify({ "01KDVDNZZZZZZZZZZZZZZZR0T1": "sk-this is a secret" }));
    const run = await runCli(["chain", SPAN, "--key-map", keyMap]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/must be an environment variable name/);
    expect(run.stderr).not.toContain("sk-this is a secret");
  });
});

describe("comply-gate check", () => {
  it("runs the demo config: both logs verify, their anchors hold, the training set passes Article 10", async () => {
    const run = await runCli(["check", "--config", "fixtures/demo/comply-gate.yml"], {
      env: { SPANFORGE_SIGNING_KEY: KEY },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("pass    chain.anchor");
    expect(run.stdout).toContain("Verdict: PASS — 3 checks: 3 pass");
  });

  it("finds comply-gate.yml in the working directory when --config is not given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-find-"));
    copyFileSync(TORCH, join(dir, "audit_chain.jsonl"));
    writeFileSync(join(dir, "comply-gate.yml"), "chain:\n  - paths: [audit_chain.jsonl]\n");
    const run = await runCli(["check"], { cwd: dir });
    expect(run.code).toBe(0);
  });

  it("does not read configured paths outside the working directory (a `../` path or a symlink out of it)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-escape-"));
    mkdirSync(join(dir, "repo"));
    copyFileSync(TORCH, join(dir, "outside.jsonl"));
    symlinkSync(join(dir, "outside.jsonl"), join(dir, "repo", "linked.jsonl"));
    writeFileSync(join(dir, "repo", "comply-gate.yml"), "chain:\n  - paths: [../outside.jsonl, linked.jsonl]\n");
    const run = await runCli(["check", "--json"], { cwd: join(dir, "repo") });
    expect(run.code).toBe(1);
    const refused = JSON.parse(run.stdout).checks.flatMap((c: CheckResult) => c.findings);
    expect(refused.map((f: Finding) => [f.rule, f.location.path])).toEqual([
      ["input.refused", "../outside.jsonl"],
      ["input.refused", "linked.jsonl"],
    ]);
    expect(refused[0].message).toBe("resolves outside the workspace (a `../` path or a symlink): not read");
  });

  it("fails (exit 1) when a configured path matches nothing, unless the input is optional", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-missing-"));
    writeFileSync(join(dir, "comply-gate.yml"), "chain:\n  - paths: [logs/*.jsonl]\n");
    const required = await runCli(["check"], { cwd: dir });
    expect(required.code).toBe(1);
    expect(required.stdout).toContain("no file matches this path: nothing was checked");
    writeFileSync(join(dir, "comply-gate.yml"), "chain:\n  - paths: [logs/*.jsonl]\n    optional: true\n");
    const optional = await runCli(["check"], { cwd: dir });
    expect(optional.stdout).toContain("WARN  chain  logs/*.jsonl");
  });

  it.each([
    ["chain:\n  - paths: [a.jsonl]\n    formt: auto\n", /\/chain\/0: unknown key "formt"/],
    [
      "chain:\n  - paths: [a.jsonl]\n    format: xml\n",
      /\/chain\/0\/format: must be one of "auto", "torchcomply", "spanforge"/,
    ],
    ["chain:\n  - format: auto\n", /\/chain\/0: missing required key "paths"/],
    ["chain:\n  - paths: a.jsonl\n", /\/chain\/0\/paths: must be array/],
    ["failOn: sometimes\nchain:\n  - paths: [a]\n", /\/failOn: must be one of "error", "fail", "warn"/],
    ["version: 1\n", /the config lists no checks/],
    ["chain: [\n", /comply-gate\.yml:\d+:\d+: not valid YAML/],
  ])("an invalid config is exit 2 naming the failing path: %j", async (yaml, message) => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-config-"));
    writeFileSync(join(dir, "comply-gate.yml"), yaml);
    const run = await runCli(["check"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("no config file is exit 2 saying how to create one", async () => {
    const run = await runCli(["check"], { cwd: mkdtempSync(join(tmpdir(), "comply-gate-none-")) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /no config file in .*: run 'comply-gate init' to write comply-gate\.yml, or pass --config FILE\n$/,
    );
  });
});

describe("comply-gate check --bundle and verify-report", () => {
  const keys = generateKeyPairSync("ed25519");
  const signingEnv = {
    SPANFORGE_SIGNING_KEY: KEY,
    REPORT_SIGNING_KEY: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    REPORT_SEAL_KEY: "a-seal-key-for-spanforge-compatible-pipelines",
  };
  const publicKey = join(scratch, "published-key.pem");
  writeFileSync(publicKey, keys.publicKey.export({ type: "spki", format: "pem" }).toString());

  async function signedBundle(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-bundle-"));
    const args = ["check", "--config", "fixtures/demo/comply-gate.yml", "--bundle", dir];
    const run = await runCli(
      [...args, "--signing-key-env", "REPORT_SIGNING_KEY", "--hmac-key-env", "REPORT_SEAL_KEY"],
      {
        env: signingEnv,
      },
    );
    expect(run.code).toBe(0);
    return dir;
  }

  it("writes the report, its signed statement, the seal, the public key, SARIF and the summary", async () => {
    const dir = await signedBundle();
    const files = readFileSync(join(dir, "comply-gate-VERIFY.md"), "utf8");
    expect(files).toMatch(/signed with Ed25519 key `SHA256:[0-9a-f]{64}`/);
    const statement = JSON.parse(
      Buffer.from(
        JSON.parse(readFileSync(join(dir, "comply-gate-report.intoto.json"), "utf8")).payload,
        "base64",
      ).toString(),
    );
    // every file read (the chains' anchor too) is named by its sha256, so the statement binds the evidence itself
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual([
      "comply-gate-report.json",
      "fixtures/demo/checkpoints.json",
      "fixtures/demo/spanforge_events.jsonl",
      "fixtures/demo/torchcomply_audit_chain.jsonl",
      "fixtures/demo/train.jsonl",
    ]);
    expect(statement.predicate.configuration[0].name).toBe("fixtures/demo/comply-gate.yml");
    for (const name of [
      "comply-gate-report.hmac",
      "comply-gate-public-key.pem",
      "comply-gate.sarif",
      "comply-gate-summary.md",
    ]) {
      expect(readFileSync(join(dir, name)).length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(readFileSync(join(dir, "comply-gate-report.json"), "utf8"))).not.toContain(
      signingEnv.REPORT_SEAL_KEY,
    );
  });

  it("verifies the bundle with the published key and the seal key, and exits 0", async () => {
    const dir = await signedBundle();
    const run = await runCli(
      [
        "verify-report",
        join(dir, "comply-gate-report.json"),
        "--public-key",
        publicKey,
        "--hmac-key-env",
        "REPORT_SEAL_KEY",
      ],
      { env: signingEnv },
    );
    expect(run.stdout).toMatch(/ok +signature: DSSE envelope verifies/);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("Verified.");
    expect(run.code).toBe(0);
  });

  it("fails (exit 1) when one byte of the report changed", async () => {
    const dir = await signedBundle();
    const path = join(dir, "comply-gate-report.json");
    const bytes = readFileSync(path);
    bytes[bytes.indexOf("540")] = "6".charCodeAt(0);
    writeFileSync(path, bytes);
    const run = await runCli(["verify-report", path, "--public-key", publicKey], { env: signingEnv });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL +statement: the signed statement is about other bytes/);
  });

  it.each([
    [["verify-report"], /verify-report takes one report file/],
    [["verify-report", "x.json"], /needs --public-key FILE .* or --hmac-key-env NAME/],
    [["verify-report", "missing.json", "--public-key", "package.json"], /missing\.json: no such file or folder\n$/],
    [
      ["check", "--config", "fixtures/demo/comply-gate.yml", "--signing-key-env", "K"],
      /sign a bundle: add --bundle DIR/,
    ],
    [
      ["check", "--config", "fixtures/demo/comply-gate.yml", "--format", "pdf"],
      /--format must be one of text, json, markdown, sarif, html/,
    ],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("refuses a signing key that is not Ed25519 without printing it", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-bundle-"));
    const run = await runCli(
      ["check", "--config", "fixtures/demo/comply-gate.yml", "--bundle", dir, "--signing-key-env", "RSA_KEY"],
      { env: { SPANFORGE_SIGNING_KEY: KEY, RSA_KEY: rsa } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/RSA_KEY does not hold an Ed25519 private key in PEM/);
    expect(run.stderr).not.toContain("PRIVATE KEY");
  });
});

describe("comply-gate render", () => {
  it("re-renders a downloaded report as the comment CI would post, after validating it", async () => {
    const reportPath = join(scratch, "downloaded-report.json");
    const check = await runCli(["check", "--config", "fixtures/tampered/comply-gate.yml", "--out", reportPath], {
      env: { SPANFORGE_SIGNING_KEY: KEY },
    });
    expect(check.code).toBe(1);
    const run = await runCli(["render", reportPath, "--format", "comment", "--key", "CI/gate"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("<!-- comply-gate:v1 key=CI/gate -->");
    expect(run.stdout).toContain("## ❌ comply-gate: failed");
  });

  it("refuses a report that does not match the schema (exit 2), so forged Markdown cannot be posted", async () => {
    const forged = join(scratch, "forged-report.json");
    writeFileSync(forged, JSON.stringify({ verdict: "pass", checks: [], markdown: "<img src=x>" }));
    const run = await runCli(["render", forged]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a valid comply-gate report/);
  });
});
