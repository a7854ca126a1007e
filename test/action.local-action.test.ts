/**
 * The Action run by GitHub's own `@github/local-action` from its action.yml (which that tool loads with the
 * `yaml` package, taking the inputs' defaults from it) and src/action/main.ts's exported run(), with
 * @actions/core, @actions/github and @actions/artifact replaced by the tool's stubs. No runtime token and
 * no artifact storage: the upload and the comment must degrade to warnings and leave the verdict alone.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const TIME_BOX_MS = 120_000;
const LOCAL_ACTION = "node_modules/@github/local-action/bin/local-action.js";

/** GitHub's API as a job without a usable token meets it: every request is refused. */
let api: Server;
let apiUrl: string;
beforeAll(async () => {
  api = createServer((_request, response) => {
    response.writeHead(401, { "content-type": "application/json" });
    response.end(JSON.stringify({ message: "Bad credentials", status: "401" }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

interface LocalRun {
  readonly code: number | null;
  readonly log: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/** The environment of this process minus everything a real runner (if the tests run in CI) put there. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_)/.test(name)) continue;
    env[name] = value;
  }
  return env;
}

function runLocalAction(config: string): Promise<LocalRun> {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-local-action-"));
  const summary = join(dir, "summary.md");
  const event = join(dir, "event.json");
  const repo = { full_name: "acme/models", name: "models", owner: { login: "acme" } };
  writeFileSync(
    event,
    JSON.stringify({
      action: "synchronize",
      number: 7,
      pull_request: { number: 7, head: { sha: "5f0b3c1e9d2a4b6c8e0f1a3b5c7d9e1f2a4b6c8d", repo }, base: { repo } },
      repository: repo,
    }),
  );
  // The inputs as the runner passes them; everything else (github-token …) from action.yml's defaults.
  const dotenv = join(dir, ".env");
  writeFileSync(
    dotenv,
    [
      `INPUT_CONFIG=${config}`,
      "INPUT_MATRIX=null",
      `GITHUB_WORKSPACE=${process.cwd()}`,
      `GITHUB_STEP_SUMMARY=${summary}`,
      `GITHUB_EVENT_PATH=${event}`,
      "GITHUB_EVENT_NAME=pull_request",
      "GITHUB_REPOSITORY=acme/models",
      "GITHUB_WORKFLOW=compliance",
      "GITHUB_JOB=gate",
      "GITHUB_RUN_ID=42",
      "GITHUB_RUN_ATTEMPT=1",
      `RUNNER_TEMP=${dir}`,
      "ACTIONS_STEP_DEBUG=false",
      "SPANFORGE_SIGNING_KEY=harness-chain-key-0123456789abcdef",
      "",
    ].join("\n"),
  );
  return new Promise((resolve, reject) => {
    // Its own process group: local-action starts npm, tsx and esbuild under it, and one of them may outlive
    // a failed run holding the output pipes open; the whole group is ended when the tool exits or times out.
    const child = spawn(process.execPath, [LOCAL_ACTION, "run", ".", "src/action/main.ts", dotenv], {
      // The stubbed Octokit reads the API URL when it is loaded, before the dotenv file.
      env: { ...cleanEnv(), GITHUB_API_URL: apiUrl, NO_PROXY: "127.0.0.1", FORCE_COLOR: "0", NO_COLOR: "1" },
      detached: true,
    });
    const endGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(endGroup, TIME_BOX_MS);
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", () => setTimeout(endGroup, 500));
    child.on("close", (code) => {
      clearTimeout(timer);
      const outputs: Record<string, string> = {};
      for (const match of log.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)) {
        outputs[match[1] as string] = match[2] as string;
      }
      const written = existsSync(summary) ? readFileSync(summary, "utf8") : "";
      resolve({ code, log, outputs, summary: written });
    });
  });
}

function declaredOutputs(): string[] {
  return Object.keys((parse(readFileSync("action.yml", "utf8")) as { outputs: object }).outputs);
}

describe("the Action under @github/local-action", () => {
  it(
    "passes on the demo evidence: verdict pass, the job summary written, upload and comment degraded to warnings",
    async () => {
      const run = await runLocalAction("fixtures/demo/comply-gate.yml");
      expect(run.code, run.log).toBe(0);
      expect(run.log).toContain("Running Action");
      expect(run.outputs.verdict, run.log).toBe("pass");
      expect(run.outputs["failed-checks"]).toBe("[]");
      expect(run.summary).toContain("## ✅ comply-gate: passed");
      expect(run.summary).toContain("| chain | fixtures/demo/torchcomply&#95;audit&#95;chain.jsonl | ✅ pass |");
      expect(run.log).toMatch(
        /::warning::comply-gate: the report artifact was not uploaded \(.+\)[^\n]*The verdict is unchanged\./,
      );
      expect(run.log).toMatch(
        /::warning::comply-gate: the pull request comment was not posted \(.+\)\. The verdict is unchanged\./,
      );
      expect(run.log).not.toMatch(/::error::/);
      for (const name of Object.keys(run.outputs)) expect(declaredOutputs()).toContain(name);
    },
    TIME_BOX_MS + 10_000,
  );

  it(
    "fails on the tampered evidence, with the same warnings and the verdict unchanged by them",
    async () => {
      const run = await runLocalAction("fixtures/tampered/comply-gate.yml");
      expect(run.outputs.verdict, run.log).toBe("fail");
      expect(JSON.parse(run.outputs["failed-checks"] ?? "[]")).toEqual([
        "chain:fixtures/tampered/torchcomply_deleted_entry.jsonl",
        "chain:fixtures/tampered/torchcomply_garbage_line.jsonl",
        "chain:fixtures/tampered/spanforge_edited_payload.jsonl",
      ]);
      expect(run.summary).toContain("## ❌ comply-gate: failed");
      expect(run.log).toMatch(/::warning::comply-gate: the report artifact was not uploaded/);
      expect(run.log).toMatch(/::warning::comply-gate: the pull request comment was not posted/);
      // setFailed, last: local-action records it and prints it as an error.
      expect(run.log).toContain("::error::comply-gate: the gate failed (3 of 4 checks failed; see the job summary)");
    },
    TIME_BOX_MS + 10_000,
  );
});
