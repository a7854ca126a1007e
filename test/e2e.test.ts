/**
 * The bundled executable, run the way users run it: `node dist/cli.js …` in a child process.
 * (CI checks separately that dist/ is a fresh build of src/.)
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function runBundled(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["dist/cli.js", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("dist/cli.js", () => {
  it("runs the README's demo: the bundled evidence passes, exit 0", () => {
    const run = runBundled(["check", "--config", "fixtures/demo/comply-gate.yml"], {
      SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef",
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("PASS  chain  fixtures/demo/torchcomply_audit_chain.jsonl");
    expect(run.stdout).toContain("PASS  chain  fixtures/demo/spanforge_events.jsonl");
    expect(run.stdout).toMatch(/Verdict: PASS — 2 checks: 2 pass \(fail-on: fail\)\n$/);
  });

  it("fails the demo (exit 1) when the HMAC key is missing, without a stack trace", () => {
    const run = runBundled(["check", "--config", "fixtures/demo/comply-gate.yml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("environment variable SPANFORGE_SIGNING_KEY is not set");
    expect(run.stderr).toBe("");
  });

  it("answers --version and reports usage errors with exit 2", () => {
    expect(runBundled(["--version"]).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const usage = runBundled(["chain", "--nope"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});
