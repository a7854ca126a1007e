/** Help and errors as a user meets them: per-command help, one-line errors that name the fix. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";

const COMMANDS = [
  "chain",
  "events",
  "isolation",
  "scope",
  "map",
  "dataset",
  "merge",
  "diff",
  "check",
  "verify-report",
  "render",
  "init",
  "install-hook",
];
const scratch = mkdtempSync(join(tmpdir(), "comply-gate-usage-"));

describe("--help", () => {
  it("at the top level lists every command with what it does, exit 0", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const name of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    expect(run.stdout).toContain("Run 'comply-gate <command> --help'");
  });

  it("after a command prints that command's usage and every flag it takes, exit 0", async () => {
    for (const argv of [
      ["check", "--help"],
      ["check", "-h"],
      ["help", "check"],
      ["check", "--config", "x", "--help"],
    ]) {
      const run = await runCli(argv);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/^Usage: comply-gate check \[flags\]\n/);
      for (const flag of ["--config FILE", "--format text|json|markdown|sarif|html", "--fail-on error|fail|warn"]) {
        expect(run.stdout).toContain(flag);
      }
      expect(run.stdout).toMatch(/^ {2}-q, --quiet +text output: only what did not pass$/m);
      expect(run.stdout).not.toContain("comply-gate chain"); // not the top-level list
    }
  });

  it("exists for every command, naming its arguments", async () => {
    for (const name of COMMANDS) {
      const run = await runCli([name, "--help"]);
      expect(run.code, name).toBe(0);
      expect(run.stdout.split("\n")[0]).toMatch(new RegExp(`^Usage: comply-gate ${name} `));
      expect(run.stdout).toContain("Flags:");
    }
    expect((await runCli(["map", "--help"])).stdout).toContain("Frameworks: eu_ai_act, gdpr");
    expect((await runCli(["verify-report", "--help"])).stdout).toContain("Exit codes: 0 verified");
  });
});

/** stderr holds exactly one line. */
const oneLine = (stderr: string) => expect(stderr).toMatch(/^comply-gate: [^\n]+\n$/);

describe("errors", () => {
  it.each([
    [["chek"], `comply-gate: unknown command "chek" (did you mean "check"?). Run 'comply-gate --help' for usage.\n`],
    [
      ["daatset", "x"],
      `comply-gate: unknown command "daatset" (did you mean "dataset"?). Run 'comply-gate --help' for usage.\n`,
    ],
    [["deploy"], `comply-gate: unknown command "deploy". Run 'comply-gate --help' for usage.\n`],
    [
      ["help", "chek"],
      `comply-gate: unknown command "chek" (did you mean "check"?). Run 'comply-gate --help' for usage.\n`,
    ],
    [
      ["--verison"],
      `comply-gate: unknown flag --verison (did you mean --version?). Run 'comply-gate --help' for usage.\n`,
    ],
    [
      ["chain", "x.jsonl", "--fial-on", "warn"],
      "comply-gate: unknown flag --fial-on (did you mean --fail-on?). Run 'comply-gate chain --help' for usage.\n",
    ],
    [
      ["check", "--fromat", "json"],
      "comply-gate: unknown flag --fromat (did you mean --format?). Run 'comply-gate check --help' for usage.\n",
    ],
    [["check", "-x"], "comply-gate: unknown flag -x. Run 'comply-gate check --help' for usage.\n"],
    [["check", "--out"], "comply-gate: --out needs a value: --out FILE. Run 'comply-gate check --help' for usage.\n"],
    [
      ["check", "--out", "--json"],
      "comply-gate: --out needs a value: --out FILE. Run 'comply-gate check --help' for usage.\n",
    ],
    [["check", "--json=yes"], "comply-gate: --json takes no value. Run 'comply-gate check --help' for usage.\n"],
    [
      ["check", "--format", "pdf"],
      `comply-gate: --format must be one of text, json, markdown, sarif, html (got "pdf"). Run 'comply-gate check --help' for usage.\n`,
    ],
  ])("a command-line mistake %j is one line with the fix and the usage hint, exit 2", async (argv, stderr) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(stderr);
  });

  it("never shows Node's parseArgs wording", async () => {
    for (const argv of [
      ["check", "--bogus"],
      ["check", "--out"],
      ["chain", "-z"],
      ["check", "--quiet=1"],
    ]) {
      const run = await runCli(argv);
      oneLine(run.stderr);
      expect(run.stderr).not.toMatch(/Option '|Unknown option|ERR_PARSE_ARGS|argument missing/);
    }
  });

  it("gives no usage hint for what is not a command-line mistake (config, files, a failed gate)", async () => {
    const dir = join(scratch, "config");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "comply-gate.yml"), "version: 1\nchain:\n  - paths: [a.jsonl]\n");
    const cases = [
      await runCli(["check", "--config", "missing.yml"], { cwd: dir }), // a file that does not exist
      await runCli(["chain", "missing.jsonl"], { cwd: dir }),
      await runCli(["render", "comply-gate.yml"], { cwd: dir }), // not JSON
    ];
    for (const run of cases) {
      expect(run.code).toBe(2);
      oneLine(run.stderr);
      expect(run.stderr).not.toContain("--help");
    }
    const failed = await runCli(["check", "--config", "fixtures/tampered/comply-gate.yml"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe("");
  });

  it("an unknown key in the config is named with the key it most likely means", async () => {
    const dir = join(scratch, "typo");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "comply-gate.yml"),
      "version: 1\nfailon: warn\ndatasets:\n  - paths: [train.jsonl]\n    lableColumn: label\n",
    );
    const run = await runCli(["check"], { cwd: dir });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain(`invalid config: (top level): unknown key "failon" (did you mean "failOn"?); `);
    expect(run.stderr).toContain(`/datasets/0: unknown key "lableColumn" (did you mean "labelColumn"?)`);
    expect(run.stderr).not.toContain("--help");
  });
});

describe("paths that give nothing to check", () => {
  it("an existing folder without the files the command reads is called empty, not missing", async () => {
    const empty = join(scratch, "logs");
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, "notes.md"), "not a log\n");
    const chain = await runCli(["chain", "logs"], { cwd: scratch });
    expect(chain.code).toBe(2);
    expect(chain.stderr).toBe("comply-gate: logs: empty folder — no *.jsonl files in it\n");
    const events = await runCli(["events", "logs/"], { cwd: scratch });
    expect(events.stderr).toBe("comply-gate: logs: empty folder — no *.jsonl or *.json files in it\n");
    const dataset = await runCli(["dataset", "logs"], { cwd: scratch });
    expect(dataset.stderr).toMatch(/^comply-gate: logs: empty folder — no \*\.jsonl, .*\*\.csv.* files in it\n$/);
  });

  it("a path that does not exist is said to be missing; a glob that matches nothing is said so", async () => {
    const missing = await runCli(["dataset", "no-such-dir"], { cwd: scratch });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("comply-gate: no-such-dir: no such file or folder\n");
    const glob = await runCli(["chain", "logs/**/*.jsonl"], { cwd: scratch });
    expect(glob.stderr).toBe("comply-gate: logs/**/*.jsonl: no file matches this glob\n");
  });
});
