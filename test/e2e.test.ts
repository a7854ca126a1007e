/**
 * The bundled executable, run the way users run it: `node dist/cli.js …` in a child process.
 * (CI checks separately that dist/ is a fresh build of src/.)
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
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
    expect(run.stdout).toMatch(/Verdict: PASS — 3 checks: 3 pass \(fail-on: fail\)\n$/);
  });

  it("fails the demo (exit 1) when the HMAC key is missing, without a stack trace", () => {
    const run = runBundled(["check", "--config", "fixtures/demo/comply-gate.yml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("environment variable SPANFORGE_SIGNING_KEY is not set");
    expect(run.stderr).toBe("");
  });

  it("finds phone numbers at a chat set's leaves through the bundled numbering plans, echoing none", () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-phones-"));
    const chat = join(dir, "chat.jsonl");
    const turns = [
      [
        { role: "user", content: "Ruf mich an unter +49 1512 3456789, danke" },
        { role: "assistant", content: "Ok." },
      ],
      [{ role: "user", content: "Reach our desk on +44 20 7123 4567 tomorrow" }],
      [{ role: "user", content: "nothing personal here" }],
    ];
    writeFileSync(chat, `${turns.map((messages) => JSON.stringify({ messages })).join("\n")}\n`);
    const run = runBundled(["dataset", chat, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const check = JSON.parse(run.stdout).checks[0];
    const pii = check.clauses.find((c: { id: string }) => c.id === "Art.10(2)(a)");
    expect(pii.status).toBe("fail");
    expect(pii.evidence.entities).toEqual(["phone"]);
    expect(pii.evidence.entityCounts).toEqual([2]);
    const found = check.findings.filter((f: { rule: string }) => f.rule === "dataset.pii");
    expect(
      found.map((f: { location: { line: number; field: string } }) => [f.location.line, f.location.field]),
    ).toEqual([
      [1, "messages[0].content"],
      [2, "messages[0].content"],
    ]);
    expect(run.stdout).not.toMatch(/3456789|7123 ?4567/);
  });

  it("holds each bundle's source as one-byte text (build.mjs escapes patterns' characters above U+00FF)", () => {
    for (const name of ["cli.js", "dataset-worker.js", "action.js", "chain-worker.js", "events-worker.js"]) {
      const source = readFileSync(join("dist", name), "utf8");
      expect(source.search(/[^\u0000-\u00ff]/), name).toBe(-1);
    }
  });

  it("reads context words of other scripts through those escaped patterns", () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-scripts-"));
    const rows = join(dir, "rows.jsonl");
    const notes = [
      "护照号码 L898902C3",
      "Номер паспорта: 4510 123456, выдан в 2019",
      "请提供护照。编号 L898902C3",
      "Ticket L898902C3 is open",
    ];
    writeFileSync(rows, `${notes.map((note) => JSON.stringify({ note })).join("\n")}\n`);
    const run = runBundled(["dataset", rows, "--json"]);
    expect(run.stderr).toBe("");
    const check = JSON.parse(run.stdout).checks[0];
    const found = check.findings.filter((f: { rule: string }) => f.rule === "dataset.pii");
    expect(found.map((f: { location: { line: number } }) => f.location.line)).toEqual([1, 2]);
    expect(run.stdout).not.toMatch(/L898902C3|123456/);
  });

  it("answers --version and reports usage errors with exit 2", () => {
    expect(runBundled(["--version"]).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const usage = runBundled(["chain", "--nope"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("dist/cli.js on all cores (worker threads)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "comply-gate-workers-"));
  const torch = readFileSync("fixtures/peers/torchcomply/01_audit_trail__audit_chain.jsonl", "utf8").split("\n");
  const tampered = join(scratch, "tampered.jsonl");
  writeFileSync(tampered, torch.toSpliced(2000, 1).join("\n"));
  const span = "fixtures/peers/spanforge/first_100.jsonl";
  const env = { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" };

  // An entry of ~12 MB (a shape with millions of dimensions) overflows a worker's capped heap on the way:
  // its range must then be verified on the main thread, with the same report.
  const huge = join(scratch, "huge-entry.jsonl");
  const big = torch[2500]?.replace(/"input_shapes":\[\[[0-9,]*\]\]/, `"input_shapes":[[${"7,".repeat(3_000_000)}7]]`);
  writeFileSync(huge, torch.toSpliced(2500, 1, big ?? "").join("\n"));

  it("checks events in parallel ranges with the report of a sequential run", () => {
    const events = readFileSync("fixtures/peers/spanforge/first_100.jsonl", "utf8").trim().split("\n");
    const many = Array.from({ length: 20 }, (_, round) =>
      events.map((line, i) =>
        i === round * 3 ? line.replace('"schema_version":"2.0"', '"schema_version":"3.0"') : line,
      ),
    ).flat();
    many.splice(777, 0, "{broken");
    const path = join(scratch, "events.jsonl");
    writeFileSync(path, `${many.join("\n")}\n`);
    const sequential = runBundled(["events", path, "--json"]);
    const parallel = runBundled(["events", path, "--json"], { COMPLY_GATE_PARALLEL_MIN_BYTES: "0" });
    expect(sequential.code).toBe(1);
    expect(parallel.stdout).toBe(sequential.stdout);
    expect(
      JSON.parse(parallel.stdout).checks[0].findings.map((f: { location: { line: number } }) => f.location.line),
    ).toContain(778);
  });

  it.each([
    ["a real torchcomply chain", ["fixtures/peers/torchcomply/01_audit_trail__audit_chain.jsonl"]],
    ["a torchcomply chain with a deleted entry", [tampered]],
    ["a real spanforge chain", [span]],
    ["a chain with an entry too big for a worker's heap", [huge]],
  ])("gives the report of a sequential run for %s", (_name, paths) => {
    const sequential = runBundled(["chain", ...paths, "--json"], env);
    const parallel = runBundled(["chain", ...paths, "--json"], { ...env, COMPLY_GATE_PARALLEL_MIN_BYTES: "0" });
    expect(parallel.stderr).toBe("");
    expect(parallel.code).toBe(sequential.code);
    expect(parallel.stdout).toBe(sequential.stdout);
  });
});

describe("dist/cli.js on files it cannot read", () => {
  // Root reads any file, so the CLI runs as `nobody` (setpriv) when the tests run as root.
  const asRoot = process.getuid?.() === 0;
  const setpriv = spawnSync("setpriv", ["--version"]).status === 0;
  const root = tmpdir();

  it.skipIf(process.platform === "win32" || (asRoot && !setpriv))(
    "names the file and the system's reason (EACCES), exit 2, one line, no usage hint",
    () => {
      if (asRoot && basename(root).startsWith("comply-gate-tests-")) chmodSync(root, 0o711); // the run's own folder
      const dir = mkdtempSync(join(root, "comply-gate-unreadable-"));
      chmodSync(dir, 0o755);
      for (const name of ["report.json", "log.jsonl", "comply-gate.yml"]) {
        writeFileSync(join(dir, name), "{}\n");
        chmodSync(join(dir, name), 0o000);
      }
      const run = (args: string[]) => {
        const command = asRoot
          ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath]
          : [process.execPath];
        const result = spawnSync(command[0] as string, [...command.slice(1), resolve("dist/cli.js"), ...args], {
          cwd: dir,
          encoding: "utf8",
          env: { PATH: process.env.PATH ?? "" },
        });
        return { code: result.status, stdout: result.stdout, stderr: result.stderr };
      };
      for (const [args, shown] of [
        [["render", "report.json"], "report.json"],
        [["chain", "log.jsonl"], "log.jsonl"],
        [["check", "--config", "comply-gate.yml"], "comply-gate.yml"],
      ] as const) {
        const result = run([...args]);
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toBe(`comply-gate: cannot read ${shown} (EACCES: permission denied)\n`);
      }
    },
  );
});
