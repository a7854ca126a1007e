/**
 * A pull request controls the config file and every file in the repository, links included. Whatever path it
 * names, the gate reads only regular files inside the workspace, never hangs on a pipe, never walks a link out
 * of the workspace, and never echoes what a refused file holds.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, expectClean, scratch } from "./harness.js";

const repo = join(scratch, "repo");
const outside = join(scratch, "outside");
/** What the files outside the workspace hold: none of it may reach any output. */
const MARKER = "outside-marker-7f3a";

function config(text: string): void {
  writeFileSync(join(repo, "comply-gate.yml"), text);
}

beforeAll(() => {
  mkdirSync(join(repo, "logs"), { recursive: true });
  mkdirSync(outside, { recursive: true });
  copyFileSync("fixtures/demo/torchcomply_audit_chain.jsonl", join(repo, "logs", "audit_chain.jsonl"));
  const event = (org: string) =>
    JSON.stringify({
      schema_version: "2.0",
      event_id: "01KDVDNBYGY4VZ87YB53GYS8H9",
      event_type: "decision.made",
      timestamp: "2026-01-01T00:00:00.000000Z",
      source: "tool@1.0.0",
      org_id: org,
      payload: { note: MARKER },
    });
  writeFileSync(join(outside, "events.jsonl"), `${event(`${MARKER}-org`)}\n`);
  writeFileSync(join(outside, "snapshot.json"), JSON.stringify({ metrics: { [`${MARKER}_metric`]: 1 } }));
  writeFileSync(join(outside, "policy.json"), JSON.stringify({ metrics: { [MARKER]: { direction: "equal" } } }));
  writeFileSync(join(outside, "keys.json"), JSON.stringify({ [MARKER]: "OTHER_KEY" }));
  writeFileSync(join(outside, "anchor.json"), JSON.stringify([{ path: MARKER, entries: 1, head: MARKER }]));
  writeFileSync(join(outside, "data.jsonl"), `${JSON.stringify({ text: MARKER })}\n`);
  writeFileSync(join(repo, "events.jsonl"), `${event("org-a")}\n`);
  writeFileSync(join(repo, "snapshot.json"), JSON.stringify({ metrics: { accuracy: 0.9 } }));
  // Links committed in the repository, pointing out of it.
  symlinkSync(join(outside, "events.jsonl"), join(repo, "linked-events.jsonl"));
  symlinkSync(join(outside, "snapshot.json"), join(repo, "linked-snapshot.json"));
  mkdirSync(join(repo, "data"));
  writeFileSync(join(repo, "data", "train.jsonl"), `${JSON.stringify({ text: "hello" })}\n`);
  symlinkSync("/", join(repo, "data", "root"));
  symlinkSync(outside, join(repo, "data", "elsewhere"));
  execFileSync("mkfifo", [join(repo, "pipe.jsonl")]);
  execFileSync("mkfifo", [join(repo, "pipe.json")]);
});

describe("paths a config names outside the workspace are refused, and nothing they hold is echoed", () => {
  it.each([
    ["isolation", "isolation:\n  a: events.jsonl\n  b: ../outside/events.jsonl\n", 1],
    ["isolation through a link", "isolation:\n  a: events.jsonl\n  b: linked-events.jsonl\n", 1],
    ["scope", "scope:\n  - path: ../outside/events.jsonl\n    org: org-a\n", 1],
    ["diff snapshot", "diff:\n  snapshot: ../outside/snapshot.json\n  baseline: snapshot.json\n", 1],
    ["diff snapshot through a link", "diff:\n  snapshot: linked-snapshot.json\n  baseline: snapshot.json\n", 1],
    ["diff baseline", "diff:\n  snapshot: snapshot.json\n  baseline: ../outside/snapshot.json\n", 1],
    [
      "diff policy",
      "diff:\n  snapshot: snapshot.json\n  baseline: snapshot.json\n  policy: ../outside/policy.json\n",
      2,
    ],
    ["chain keyMap", "chain:\n  - paths: [logs]\n    keyMap: ../outside/keys.json\n", 2],
    ["chain anchor", "chain:\n  - paths: [logs]\n    anchor: ../outside/anchor.json\n", 2],
    [
      "mapping registry",
      "events:\n  - paths: [events.jsonl]\n    mapping:\n      frameworks: [gdpr]\n      registry: ../outside/keys.json\n",
      2,
    ],
  ] as const)("%s", async (_name, text, code) => {
    config(text);
    const run = await cli(["check"], { cwd: repo });
    expectClean(run, { code, message: /resolves outside the workspace/ });
    expect(run.output).not.toContain(MARKER);
  });
});

describe("a directory walk does not follow links", () => {
  it("a link to / and a link out of the workspace inside a dataset folder list nothing of the runner", async () => {
    config("datasets:\n  - paths: [data]\n");
    const run = await cli(["check", "--json"], { cwd: repo });
    expect(run.output).not.toContain(MARKER);
    expect(run.output).not.toMatch(/etc\/|usr\/|proc\//);
    const report = JSON.parse(run.output) as { checks: { metrics: { files: number; rows: number } }[] };
    expect(report.checks[0]?.metrics).toMatchObject({ files: 1, rows: 1 });
  });
});

describe("files that are not regular files are refused, never waited on", () => {
  it.each([
    ["a chain log", ["chain", "pipe.jsonl"]],
    ["an events file", ["events", "pipe.jsonl"]],
    ["a dataset", ["dataset", "pipe.jsonl"]],
    ["a snapshot", ["diff", "snapshot.json", "pipe.json"]],
  ])("a named pipe as %s", async (_name, args) => {
    const run = await cli(args, { cwd: repo });
    expect(run.output).toMatch(/not a regular file \(a named pipe\)/);
    expect([1, 2]).toContain(run.code);
    expect(run.ms).toBeLessThan(15_000);
  });

  it.each([
    ["chain", ["chain", "/dev/zero"], 1, /error +input\.refused +is not a regular file \(a device or special file\)/],
    [
      "dataset",
      ["dataset", "/dev/zero"],
      1,
      /error +input\.refused +is not a regular file \(a device or special file\)/,
    ],
    ["events", ["events", "/dev/zero"], 1, /error +input\.refused +is not a regular file \(a device or special file\)/],
    ["diff", ["diff", "snapshot.json", "/dev/zero"], 2, /is not a regular file \(a device or special file\)/],
    ["diff (a directory)", ["diff", "snapshot.json", "data"], 2, /data: is not a regular file \(a directory\)/],
  ] as const)(
    "a device or a directory as a file, typed on the command line: %s",
    async (_name, args, code, message) => {
      expectClean(await cli(args, { cwd: repo }), { code, message });
    },
  );

  it.each([
    ["key map", "chain:\n  - paths: [logs]\n    keyMap: pipe.json\n"],
    ["anchor", "chain:\n  - paths: [logs]\n    anchor: pipe.json\n"],
    ["policy", "diff:\n  snapshot: snapshot.json\n  baseline: snapshot.json\n  policy: pipe.json\n"],
    ["isolation side", "isolation:\n  a: events.jsonl\n  b: pipe.jsonl\n"],
  ])("a named pipe as the config's %s", async (_name, text) => {
    config(text);
    const run = await cli(["check"], { cwd: repo });
    expect(run.output).toMatch(/not a regular file \(a named pipe\)/);
    expect([1, 2]).toContain(run.code);
    expect(run.ms).toBeLessThan(15_000);
  });
});

describe("inputs built to exhaust the runner are refused by a named limit", () => {
  it("a 5 MB snapshot with 300,000 metrics", async () => {
    const metrics: Record<string, number> = {};
    for (let i = 0; i < 300_000; i++) metrics[`m${i}`] = i;
    writeFileSync(join(repo, "huge-snapshot.json"), JSON.stringify({ metrics }));
    const run = await cli(["diff", "snapshot.json", "huge-snapshot.json"], { cwd: repo });
    expectClean(run, { code: 2, message: /holds 300000 metrics, more than the limit of 10000/ });
  });

  it("a gzip bomb (1:1000) stops at the decompression ratio, at once, not at the time budget", async () => {
    const line = `${JSON.stringify({ text: "a".repeat(1000) })}\n`;
    writeFileSync(join(repo, "bomb.jsonl.gz"), gzipSync(Buffer.from(line.repeat(100_000)), { level: 9 }));
    const run = await cli(["dataset", "bomb.jsonl.gz"], { cwd: repo });
    expectClean(run, {
      code: 1,
      message:
        /bomb\.jsonl\.gz:\d+ +error +dataset\.parse +the file decompresses to more than \d+ bytes \(limits\.maxFileBytes, limits\.maxDecompressionRatio\)/,
    });
    expect(run.ms).toBeLessThan(15_000);
  });

  it("a snapshot of more than 16 MiB is not read", async () => {
    writeFileSync(join(repo, "huge-bytes.json"), JSON.stringify({ metrics: { a: 1 }, pad: "x".repeat(17 << 20) }));
    const run = await cli(["diff", "snapshot.json", "huge-bytes.json"], { cwd: repo });
    expectClean(run, { code: 2, message: /huge-bytes\.json: \d+ bytes, more than the limit of 16777216: not read/ });
  });

  it("a chain payload nested deeper than 128 levels is a located error", async () => {
    let payload: unknown = { x: 1 };
    for (let i = 0; i < 200; i++) payload = { a: payload };
    const event = JSON.parse(readFileSync(join(repo, "events.jsonl"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(repo, "deep-payload.jsonl"), `${JSON.stringify({ ...event, payload })}\n`);
    const run = await cli(["chain", "deep-payload.jsonl", "--format", "spanforge"], { cwd: repo });
    expectClean(run, {
      code: 1,
      message: /deep-payload\.jsonl:1 +error +chain\.malformed +not a JSON event: nesting deeper than 128 levels/,
    });
  });

  it("a YAML alias bomb as the config file is a config error (exit 2), not an internal error", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    }
    config(`${levels.join("\n")}\nchain:\n  - paths: [logs]\n`);
    const run = await cli(["check"], { cwd: repo });
    expectClean(run, { code: 2, message: /comply-gate\.yml: not accepted as YAML/ });
  });
});
