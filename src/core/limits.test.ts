import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import type { Finding } from "./model.js";

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-limits-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const row = (i: number) =>
  `${JSON.stringify({ text: `row ${i} about apples and pears`, source: "s", consent: true })}\n`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i)).join("");

async function findings(dir: string, env: Record<string, string> = {}): Promise<{ code: number; found: Finding[] }> {
  const run = await runCli(["check", "--json"], { cwd: dir, env });
  const report = JSON.parse(run.stdout);
  return { code: run.code, found: report.checks.flatMap((c: { findings: Finding[] }) => c.findings) };
}

describe("limits: past one, an error finding that names it; never a silent cut", () => {
  it("maxFiles: an input matching more files than allowed is refused whole", async () => {
    const dir = workspace({
      "a.jsonl": row(1),
      "b.jsonl": row(2),
      "c.jsonl": row(3),
      "comply-gate.yml": "datasets:\n  - paths: ['*.jsonl']\nlimits:\n  maxFiles: 2\n",
    });
    const { code, found } = await findings(dir);
    expect(code).toBe(1);
    expect(found[0]).toMatchObject({
      rule: "input.refused",
      severity: "error",
      message: "matches 3 files in all, more than the limit of 2 (limits.maxFiles): nothing it matches was read",
    });
  });

  it("maxFileBytes: a larger file is not read, the others are", async () => {
    const dir = workspace({
      "small.jsonl": row(1),
      "large.jsonl": rows(100),
      "comply-gate.yml": "datasets:\n  - paths: ['*.jsonl']\nlimits:\n  maxFileBytes: 1000\n",
    });
    const { code, found } = await findings(dir);
    expect(code).toBe(1);
    const refused = found.find((f) => f.rule === "input.refused");
    expect(refused?.location.path).toBe("large.jsonl");
    expect(refused?.message).toMatch(/^\d+ bytes, more than the limit of 1000 \(limits\.maxFileBytes\): not read$/);
  });

  it("maxFileBytes: a compressed dataset counts its decompressed bytes and stops where it passes the limit", async () => {
    // A few KB that decompress to 150 KB and 200 KB: a small bomb.
    const dir = workspace({
      "bomb.jsonl.gz": gzipSync(rows(2000)),
      "bomb.csv.gz": gzipSync(`text,source\n${"hello there,web\n".repeat(12_500)}`),
      "comply-gate.yml": "datasets:\n  - paths: ['bomb.*']\nlimits:\n  maxFileBytes: 50000\n",
    });
    const { code, found } = await findings(dir);
    expect(code).toBe(1);
    const errors = found.filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.location.path, f.message])).toEqual([
      [
        "bomb.csv.gz",
        "reading stopped: the file decompresses to more than 50000 bytes (limits.maxFileBytes, limits.maxDecompressionRatio)",
      ],
      [
        "bomb.jsonl.gz",
        "the file decompresses to more than 50000 bytes (limits.maxFileBytes, limits.maxDecompressionRatio): nothing from this line on was read",
      ],
    ]);
    // The JSONL file's lines before the limit were read; the error sits at the first line not read.
    expect(errors[1]?.location.line).toBeGreaterThan(1);
    expect(errors[1]?.location.line).toBeLessThan(2000);
  });

  it("maxLineBytes: a longer line is a located error in datasets, events and chains", async () => {
    const long = JSON.stringify({ text: "x".repeat(5000), source: "s", consent: true });
    const dir = workspace({
      "data.jsonl": `${row(1)}${long}\n${row(2)}`,
      "comply-gate.yml":
        "datasets:\n  - paths: [data.jsonl]\nevents:\n  - paths: [data.jsonl]\nlimits:\n  maxLineBytes: 2048\n",
    });
    const { found } = await findings(dir);
    const tooLong = found.filter((f) => f.message === "line is longer than 2048 bytes");
    expect(tooLong.map((f) => [f.rule, f.location.line])).toEqual([
      ["dataset.parse", 2],
      ["events.malformed", 2],
    ]);
  });

  it("maxNesting: a row with a value nested deeper is a located error, the other rows are read", async () => {
    const nested = JSON.stringify({ text: "deep", meta: { a: { b: { c: [1] } } } });
    const dir = workspace({
      "data.jsonl": `${row(1)}${nested}\n${row(2)}`,
      "comply-gate.yml": "datasets:\n  - paths: [data.jsonl]\nlimits:\n  maxNesting: 3\n",
    });
    const { found } = await findings(dir);
    expect(found.find((f) => f.rule === "dataset.parse")).toMatchObject({
      severity: "error",
      message: "a value is nested deeper than 3 levels: row not read (limits.maxNesting)",
      location: { path: "data.jsonl", line: 2 },
    });
  });

  it("timeBudgetSeconds: units not read in time make the scan an error that says how much was left", async () => {
    const dir = workspace({
      "data.jsonl": rows(3000),
      "comply-gate.yml": "datasets:\n  - paths: [data.jsonl]\nlimits:\n  timeBudgetSeconds: 0.000001\n",
    });
    const { code, found } = await findings(dir, { COMPLY_GATE_DATASET_UNIT_BYTES: "4096" });
    expect(code).toBe(1);
    expect(found.find((f) => f.rule === "dataset.time-budget")?.message).toMatch(
      /^the scan's time budget of 0\.000001 s ran out: \d+ of \d+ units \(about \d+% of the data\) were not read \(limits\.timeBudgetSeconds\)$/,
    );
  });
});
