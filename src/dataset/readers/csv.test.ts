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

describe("CSV record lines", () => {
  /** Records whose fields hold 0–2 line breaks, some after an empty line, with the line each starts on. */
  function multiLineCsv(newline: string): { text: string; lines: number[] } {
    let text = `"te${newline}xt",source,id${newline}`; // a header of two physical lines
    let line = 3;
    const lines: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      if (i % 97 === 0) {
        text += newline; // an empty line: skipped, but a line
        line++;
      }
      const breaks = i % 3;
      lines.push(line);
      text += `"row ${i}${`${newline}more`.repeat(breaks)}",src${i % 5},${i}${newline}`;
      line += 1 + breaks;
    }
    return { text, lines };
  }

  async function linesRead(path: string, options: { unitBytes: number; csvWholeUnitBytes: number }) {
    const units = await planFile({ path, displayPath: "d.csv" }, { firstIndex: 0, unitBytes: options.unitBytes });
    const seen: number[] = [];
    const sink: RowSink = { row: (_values, line) => seen.push(line), problem: () => undefined };
    for (const unit of units) {
      await readCsvUnit(unit, sink, { maxLineBytes: 1 << 20, csvWholeUnitBytes: options.csvWholeUnitBytes });
    }
    return { seen, units: units.length };
  }

  for (const [name, newline] of [
    ["\\n", "\n"],
    ["\\r\\n", "\r\n"],
  ] as const) {
    it(`gives each record the physical line it starts on (${name}), read whole, streamed or in units`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "comply-gate-csv-"));
      const path = join(dir, "lines.csv");
      const { text, lines } = multiLineCsv(newline);
      await writeFile(path, text);
      const whole = await linesRead(path, { unitBytes: 64 << 20, csvWholeUnitBytes: 32 << 20 });
      expect(whole.seen).toEqual(lines);
      expect((await linesRead(path, { unitBytes: 64 << 20, csvWholeUnitBytes: 0 })).seen).toEqual(lines);
      const cut = await linesRead(path, { unitBytes: 64 << 10, csvWholeUnitBytes: 32 << 20 });
      expect(cut.units).toBeGreaterThan(5);
      expect(cut.seen).toEqual(lines);
    });
  }
});
