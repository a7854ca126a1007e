/**
 * comply-gate as a user installs it from npm: `npm pack` of this repository, the tarball installed into a
 * scratch project (offline: the package has no runtime dependencies), the demo evidence copied in, and
 * `npx comply-gate check` run there. A `files` list in package.json that drops something the CLI needs (a
 * worker script, the bundle) fails here, not on a user's machine.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const KEY = "harness-chain-key-0123456789abcdef";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const project = mkdtempSync(join(tmpdir(), "comply-gate-npm-"));

/** `npx comply-gate …` in the scratch project; every check on worker threads (the parallel path). */
function comply(args: string[], cwd = project) {
  const result = spawnSync(npx, ["--no", "--", "comply-gate", ...args], {
    cwd,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? project,
      SPANFORGE_SIGNING_KEY: KEY,
      COMPLY_GATE_PARALLEL_MIN_BYTES: "0",
      COMPLY_GATE_DATASET_UNIT_BYTES: "4096",
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  const packed = JSON.parse(
    execFileSync(npm, ["pack", "--json", "--pack-destination", project], { cwd: resolve("."), encoding: "utf8" }),
  ) as { filename: string }[];
  const tarball = join(project, packed[0]?.filename ?? "");
  writeFileSync(join(project, "package.json"), '{ "name": "scratch", "private": true }\n');
  execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], {
    cwd: project,
    encoding: "utf8",
  });
  // The demo evidence where this repository keeps it (its anchor names the logs so), the tampered copies beside it.
  cpSync("fixtures/demo", join(project, "fixtures/demo"), { recursive: true });
  cpSync("fixtures/tampered", join(project, "fixtures/tampered"), { recursive: true });
}, 180_000);

describe("the npm package, installed", () => {
  it("holds the CLI as package.json's bin says", () => {
    const manifest = JSON.parse(readFileSync(join(project, "node_modules/comply-gate/package.json"), "utf8"));
    expect(manifest.bin["comply-gate"]).toBe("dist/cli.js");
    expect(comply(["--version"]).stdout).toBe(`${manifest.version}\n`);
  });

  it("holds every file the CLI loads beside itself at run time (its worker scripts)", () => {
    // Without them the CLI still works, on one thread: nothing but this test would notice.
    const dist = join(project, "node_modules/comply-gate/dist");
    const loaded = [
      ...readFileSync(join(dist, "cli.js"), "utf8").matchAll(/new URL\("\.\/([^"]+)", ?import\.meta\.url\)/g),
    ];
    expect(loaded.map((match) => match[1]).sort()).toEqual([
      "chain-worker.js",
      "dataset-worker.js",
      "events-worker.js",
    ]);
    for (const [, name] of loaded) expect(existsSync(join(dist, name ?? "")), `dist/${name} in the package`).toBe(true);
  });

  it("passes the demo evidence: npx comply-gate check, exit 0", () => {
    const run = comply(["check", "--config", "fixtures/demo/comply-gate.yml"]);
    expect(run.stderr).toBe(""); // no worker fell back to the main thread
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Verdict: PASS — 3 checks: 3 pass/);
    expect(run.stdout).toContain("PASS  chain  fixtures/demo/torchcomply_audit_chain.jsonl");
  }, 60_000);

  it("fails the tampered evidence: exit 1, the broken links located", () => {
    const run = comply(["check", "--config", "fixtures/tampered/comply-gate.yml"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}chain {2}fixtures\/tampered\/torchcomply_deleted_entry\.jsonl/m);
    expect(run.stdout).toMatch(/Verdict: FAIL/);
  }, 60_000);

  it("init writes a config that check then runs", () => {
    const fresh = join(project, "fresh");
    cpSync("fixtures/demo/train.jsonl", join(fresh, "data/train.jsonl"));
    const init = comply(["init"], fresh);
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(join(fresh, ".github/workflows/comply-gate.yml"), "utf8")).toMatch(
      /uses: comply-gate\/comply-gate@(?:[0-9a-f]{40} # v1|v1 # not pinned)/,
    );
    expect(comply(["check"], fresh).code).toBe(0);
  }, 60_000);
});
