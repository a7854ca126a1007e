import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planFile } from "../plan.js";
import { readCsvUnit } from "./csv.js";
import type { RowSink } from "./reader.js";

async function readAll(path: string, csvWholeUnitBytes: number) {
  const [unit] = await planFile({ path, displayPath: "d.csv" }, { firstIndex: 0, unitBytes: 64 << 20 });
  if (!unit) throw new Error("no unit planned");
  const seen: unknown[] = [];
  const sink: RowSink = {
    row: (values, _line, row) => seen.push([row, values]),
    problem: (rule, _severity, message, _line, row) => seen.push([row, rule, message]),
  };
  await readCsvUnit(unit, sink, { maxLineBytes: 1 << 20, csvWholeUnitBytes });
  return seen;
}

describe("CSV reader", () => {
  it("reads a unit whole or streamed (as a unit too large to hold is) with the same rows and problems", async () => {
    const dir = await mkdtemp(join(tmpdir(), "comply-gate-csv-"));
    const path = join(dir, "d.csv");
    const rows = Array.from({ length: 30_000 }, (_, i) =>
      i === 25_000 ? "ragged" : `"row ${i}, with ""quotes"" and\nnewline ${"é😀".repeat(i % 7)}",src${i % 3},${i}`,
    );
    await writeFile(path, `text,source,id\n${rows.join("\n")}\n`);
    const whole = await readAll(path, 32 << 20);
    const streamed = await readAll(path, 0);
    expect(whole.length).toBe(30_001); // 30,000 rows (2.1 MB: four pieces parsed apart) and the ragged row's warning
    expect(whole[1]).toEqual([1, { text: 'row 1, with "quotes" and\nnewline é😀', source: "src1", id: "1" }]);
    expect(streamed).toEqual(whole);
  });
});
