import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { writeParquet } from "../../test/helpers/parquet-writer.js";
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
