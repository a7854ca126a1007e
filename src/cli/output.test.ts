/** What a command writes where: `--out` in the chosen format, `--fail-on` on check, `render`'s verdict check. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { reportSchemaErrors } from "../../test/helpers/report-schema.js";

const KEY = { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" };
const DEMO = resolve("fixtures/demo/comply-gate.yml");
const TAMPERED = resolve("fixtures/tampered/comply-gate.yml");
const scratch = mkdtempSync(join(tmpdir(), "comply-gate-output-"));

describe("--out FILE", () => {
  it.each([
    [["--format", "html"], "report.html", (text: string) => expect(text).toMatch(/^<!doctype html>/i)],
    [["--format", "sarif"], "report.sarif", (text: string) => expect(JSON.parse(text).version).toBe("2.1.0")],
    [["--format", "markdown"], "summary.md", (text: string) => expect(text).toMatch(/^#+ .*comply-gate/im)],
    [["--json"], "report.out", (text: string) => expect(reportSchemaErrors(JSON.parse(text))).toEqual([])],
    [["--format", "json"], "report.txt", (text: string) => expect(JSON.parse(text).verdict).toBe("pass")],
    [[], "report.html", (text: string) => expect(text).toMatch(/^<!doctype html>/i)], // by the file's ending
    [[], "report.json", (text: string) => expect(JSON.parse(text).verdict).toBe("pass")],
    [[], "report.txt", (text: string) => expect(text).toMatch(/Verdict: PASS/)],
  ])("check %j --out %s writes that format into the file", async (flags, name, expectFile) => {
    const out = join(scratch, name);
    const run = await runCli(["check", "--config", DEMO, ...flags, "--out", out], { env: KEY });
    expect(run.code).toBe(0);
    expectFile(readFileSync(out, "utf8"));
    // The terminal keeps the text report, so a CI log still shows the verdict.
    expect(run.stdout).toMatch(/Verdict: PASS — 3 checks/);
  });

  it("a text file holds every finding; the terminal shows the first few", async () => {
    const out = join(scratch, "all.txt");
    const rows = join(scratch, "rows.jsonl"); // 30 rows without consent or source: a finding each
    writeFileSync(rows, Array.from({ length: 30 }, (_, i) => `{"text": "row ${i}"}\n`).join(""));
    const run = await runCli(["dataset", rows, "--out", out], { env: { FORCE_COLOR: "1" } });
    const lines = (text: string) => text.split("\n").filter((line) => /^ {4}\S+:\d+ /.test(line)).length;
    expect(run.stdout).toContain("more findings (see --json or --out for all)");
    expect(lines(readFileSync(out, "utf8"))).toBeGreaterThan(lines(run.stdout));
    expect(run.stdout).toContain("\u001b["); // colour forced on the terminal …
    expect(readFileSync(out, "utf8")).not.toContain("\u001b["); // … never in a file
  });

  it("--json is --format json; the two cannot disagree", async () => {
    const json = await runCli(["check", "--config", DEMO, "--json"], { env: KEY });
    const format = await runCli(["check", "--config", DEMO, "--format", "json"], { env: KEY });
    expect(json.stdout).toBe(format.stdout);
    const both = await runCli(["check", "--config", DEMO, "--json", "--format", "html"], { env: KEY });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^comply-gate: --json and --format html contradict each other/);
  });
});

describe("check --fail-on", () => {
  // The demo training set with three rows repeated: 1.2% duplicates, a warning (not a failure) under Article 10(3).
  const dir = join(scratch, "fail-on");
  mkdirSync(dir, { recursive: true });
  const train = readFileSync("fixtures/demo/train.jsonl", "utf8");
  writeFileSync(join(dir, "train.jsonl"), train + train.split("\n").slice(0, 3).join("\n"));
  const config = (failOn: string) =>
    writeFileSync(join(dir, "comply-gate.yml"), `version: 1\nfailOn: ${failOn}\ndatasets:\n  - paths: [train.jsonl]\n`);

  it("fails on a warning when asked, passes it by default", async () => {
    config("fail");
    expect((await runCli(["check"], { cwd: dir })).code).toBe(0);
    const strict = await runCli(["check", "--fail-on", "warn"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("(fail-on: warn)");
  });

  it("on the command line overrides the config's failOn, both ways", async () => {
    config("warn");
    expect((await runCli(["check"], { cwd: dir })).code).toBe(1);
    const run = await runCli(["check", "--fail-on", "fail", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).policy).toEqual({ failOn: "fail" });
  });

  it("takes only error, fail or warn", async () => {
    const run = await runCli(["check", "--fail-on", "never"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--fail-on must be one of error, fail, warn \(got "never"\)/);
  });
});

describe("render", () => {
  const failing = join(scratch, "failing.json");

  it("refuses a report whose verdict disagrees with its own checks (exit 2, one line)", async () => {
    const check = await runCli(["check", "--config", TAMPERED, "--out", failing]);
    expect(check.code).toBe(1);
    const report = JSON.parse(readFileSync(failing, "utf8"));
    expect(report.verdict).toBe("fail");
    const forged = join(scratch, "forged.json");
    writeFileSync(forged, JSON.stringify({ ...report, verdict: "pass" }));
    const run = await runCli(["render", forged, "--format", "comment"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^comply-gate: \S*forged\.json: its verdict says "pass" but its checks give "fail"[^\n]*\n$/,
    );
  });

  it("refuses a report whose failOn was loosened under a failing check", async () => {
    const report = JSON.parse(readFileSync(failing, "utf8"));
    const forged = join(scratch, "loosened.json");
    // `error` only fails on errors: a report with `fail` checks and verdict pass would be consistent only if
    // no check is an error. The tampered evidence has errors, so the verdict must stay fail.
    writeFileSync(forged, JSON.stringify({ ...report, policy: { failOn: "error" }, verdict: "pass" }));
    const run = await runCli(["render", forged]);
    expect(run.code).toBe(2);
  });

  it("renders an unaltered report, passing or failing (exit 0)", async () => {
    expect((await runCli(["render", failing])).code).toBe(0);
    const passing = join(scratch, "passing.json");
    copyFileSync(failing, passing);
    const demo = await runCli(["check", "--config", DEMO, "--out", passing], { env: KEY });
    expect(demo.code).toBe(0);
    const run = await runCli(["render", passing, "--format", "text"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Verdict: PASS");
  });
});
