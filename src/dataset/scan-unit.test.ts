import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { writeParquet } from "../../test/helpers/parquet-writer.js";
import { DatasetAccumulator } from "./accumulator.js";
import { datasetOptions } from "./options.js";
import { planFile } from "./plan.js";
import { readCsvUnit } from "./readers/csv.js";
import { readJsonUnit } from "./readers/json.js";
import { readLineUnit } from "./readers/lines.js";
import { readParquetUnit } from "./readers/parquet.js";
import type { RowSink } from "./readers/reader.js";
import { scanUnit } from "./scan-unit.js";
import { WordCounter } from "./words.js";

const ROWS = 60_000;
const records = Array.from({ length: ROWS }, (_, i) => ({ id: i, text: `row ${i} about apples`, source: "web" }));
const jsonl = records.map((r) => `${JSON.stringify(r)}\n`).join("");
const csv = `id,text,source\n${records.map((r) => `${r.id},${r.text},${r.source}\n`).join("")}`;

describe("a unit and the scan's deadline", () => {
  it.each(["d.jsonl", "d.jsonl.gz", "d.csv", "d.csv.gz", "d.json", "d.parquet"])(
    "%s: stops where the deadline passes, with an error located there, however large the unit",
    async (name) => {
      const dir = await mkdtemp(join(tmpdir(), "comply-gate-deadline-"));
      const path = join(dir, name);
      if (name.endsWith(".parquet")) {
        await writeParquet({
          path,
          codec: "snappy",
          select: `SELECT i AS id, 'row ' || i || ' about apples' AS text, 'web' AS source FROM range(${ROWS}) t(i)`,
        });
      } else {
        const text = name.includes(".jsonl") ? jsonl : name.includes(".csv") ? csv : JSON.stringify(records);
        await writeFile(path, name.endsWith(".gz") ? gzipSync(text) : text);
      }
      const [unit, ...more] = await planFile({ path, displayPath: name }, { firstIndex: 0, unitBytes: 1 << 30 });
      expect(more).toEqual([]);
      // A clock that advances one tick per look: the deadline (tick 3) passes at the fourth look, after 3 × 1,024 rows.
      let tick = 0;
      const result = await scanUnit(
        { unit: unit as NonNullable<typeof unit>, options: datasetOptions({}), maxLineBytes: 1 << 20 },
        new WordCounter(),
        { deadline: 3, now: () => ++tick },
      );
      expect(result.rows).toBe(3 * 1024);
      const stop = result.findings.kept.filter((f) => f.rule === "dataset.time-budget");
      expect(stop).toHaveLength(1);
      expect(stop[0]?.severity).toBe("error");
      // Located at the first record not read (JSON Lines and JSON by line, CSV and Parquet by row).
      const at = stop[0]?.location;
      if (name.includes(".jsonl")) expect(at?.line).toBe(3 * 1024 + 1);
      if (name.includes(".csv") || name.endsWith(".parquet")) expect(at?.row).toBe(3 * 1024);
      // The reader itself stops soon after (within the chunk or piece it is in), not at the end of the file.
      let delivered = 0;
      const sink: RowSink = {
        row: () => void delivered++,
        problem: () => {},
        get stopped() {
          return delivered >= 100;
        },
      };
      const read = { maxLineBytes: 1 << 20 };
      const target = unit as NonNullable<typeof unit>;
      if (target.format === "parquet") await readParquetUnit(target, sink, read);
      else if (target.format === "csv") await readCsvUnit(target, sink, read);
      else if (target.format === "json") await readJsonUnit(target, sink, read);
      else await readLineUnit(target, sink, read);
      expect(delivered).toBeGreaterThanOrEqual(100);
      expect(delivered).toBeLessThan(ROWS / 2);
    },
  );
});

describe("a file of lines cut into units without counting its lines", () => {
  it("reports each finding on its file line, and none on a line it cannot know", async () => {
    const dir = await mkdtemp(join(tmpdir(), "comply-gate-unit-lines-"));
    const path = join(dir, "mixed.jsonl");
    // Blank lines, broken lines and rows with an e-mail address, in an order no unit size lines up with.
    const lines = Array.from({ length: 400 }, (_, i) =>
      i % 37 === 5
        ? ""
        : i % 23 === 7
          ? "{broken"
          : JSON.stringify({ i, text: i % 3 ? `plain ${i}` : `mail u${i}@acme-mail.io` }),
    );
    await writeFile(path, `${lines.join("\n")}\n`);
    const options = datasetOptions({});
    const scan = async (units: readonly (typeof plannedUnit)[]) => {
      const accumulator = new DatasetAccumulator(options, planned.length);
      for (const unit of units) {
        accumulator.addUnit(await scanUnit({ unit, options, maxLineBytes: 1 << 20 }, accumulator.words));
      }
      return accumulator.result({ target: "mixed.jsonl", files: 1, bytes: 0 }).findings;
    };
    const planned = await planFile({ path, displayPath: "mixed.jsonl" }, { firstIndex: 0, unitBytes: 700 });
    const plannedUnit = planned[0] as NonNullable<(typeof planned)[0]>;
    expect(planned.length).toBeGreaterThan(10);
    expect(planned.every((unit) => unit.lineOffset === 0 && unit.linesFromUnit?.fileFirstUnit === 0)).toBe(true);
    const lineOf = (findings: readonly { rule: string; location: { line?: number } }[], rule: string) =>
      findings.filter((f) => f.rule === rule).map((f) => f.location.line);
    const cut = await scan(planned);
    const expectedParse = lines.flatMap((line, i) => (line === "{broken" ? [i + 1] : []));
    const expectedPii = lines.flatMap((line, i) => (line.includes("@") ? [i + 1] : [])).slice(0, 100);
    expect(lineOf(cut, "dataset.parse")).toEqual(expectedParse);
    expect(lineOf(cut, "dataset.pii")).toEqual(expectedPii);
    // The time budget ran out before unit 3: the findings of the units after it keep their file, not a line.
    const text = `${lines.join("\n")}\n`;
    const firstLine = (unit: number) =>
      Buffer.from(text).subarray(0, planned[unit]?.start).toString().split("\n").length;
    const partly = await scan(planned.filter((unit) => unit.index !== 3));
    expect(lineOf(partly, "dataset.parse")).toEqual([
      ...expectedParse.filter((line) => line < firstLine(3)),
      ...expectedParse.filter((line) => line >= firstLine(4)).map(() => undefined),
    ]);
  });
});
