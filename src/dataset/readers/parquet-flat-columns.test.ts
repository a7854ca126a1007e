import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { assembleLists } from "hyparquet/src/assemble.js";
import { describe, expect, it } from "vitest";
import { writeParquet } from "../../../test/helpers/parquet-writer.js";
import { planFile } from "../plan.js";
import { readParquetUnit } from "./parquet.js";

/** Flat columns with nulls at every spacing, a column of nulls only, and nested columns beside them. */
const SELECT =
  "SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'row ' || i || ' ' || repeat('x', 40 + i % 300) END AS text, " +
  "CASE WHEN i % 5 IN (1, 2) THEN NULL ELSE i * 3 END::BIGINT AS n, " +
  "CASE WHEN i % 11 = 0 THEN NULL ELSE ['red', 'green', 'blue'][i % 3 + 1] END AS colour, " +
  "CASE WHEN i % 13 < 12 THEN NULL ELSE i % 2 = 0 END AS flag, " +
  "NULL::VARCHAR AS nothing, i AS id, " +
  "CASE WHEN i % 4 = 0 THEN NULL ELSE [i, NULL, i + 1] END AS list, " +
  "{'a': CASE WHEN i % 3 = 0 THEN NULL ELSE i END} AS struct " +
  "FROM range(0, 30000) t(i)";

/** A top-level optional column's schema path. */
const OPTIONAL = [
  { element: { name: "root" }, children: [] },
  { element: { name: "v", repetition_type: "OPTIONAL" }, children: [] },
];

/** A value as text, the same way for both readers (DuckDB's JSON for lists and structs). */
function shown(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? Number(v) : v));
  return String(value);
}

/** Every row of `path` as DuckDB reads its own file, each value as text, in file order. */
async function duckdbRows(path: string): Promise<(string | null)[][]> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(
      "SELECT text, n::VARCHAR, colour, flag::VARCHAR, nothing, id::VARCHAR, to_json(list)::VARCHAR, " +
        `to_json(struct)::VARCHAR FROM read_parquet('${path}', file_row_number = true) ORDER BY file_row_number`,
    );
    return reader.getRows().map((row) => row.map((value) => (value === null ? null : String(value))));
  } finally {
    connection.closeSync();
  }
}

/** Every row of `path` as comply-gate's Parquet reader hands them over, each value as text. */
async function ourRows(path: string): Promise<(string | null)[][]> {
  const rows: (string | null)[][] = [];
  const columns = ["text", "n", "colour", "flag", "nothing", "id", "list", "struct"];
  for (const unit of await planFile({ path, displayPath: "flat.parquet" }, { firstIndex: 0, unitBytes: 1 })) {
    await readParquetUnit(
      unit,
      {
        row: (values) => rows.push(columns.map((column) => shown(values[column]))),
        problem: (_rule, _severity, message) => {
          throw new Error(message);
        },
      },
      { maxLineBytes: 1 << 20 },
    );
  }
  return rows;
}

describe("flat Parquet columns (hyparquet's assembly in one pass)", () => {
  it("is the assembly the tests and the bundles run", () => {
    expect(String(assembleLists)).toContain("schemaPath.length === 2");
  });

  it("puts a null where the definition level is below the column's, a value elsewhere, after the page before", () => {
    const previous: unknown[] = ["kept"];
    const assembled = assembleLists(previous, [1, 0, 0, 1, 1, 0], [], ["a", "b", "c"], OPTIONAL as never);
    expect(assembled).toBe(previous);
    expect(previous).toEqual(["kept", "a", null, null, "b", "c", null]);
  });

  it("hands over a page without nulls (no definition levels) as its values, as for a required column", () => {
    const values = BigInt64Array.of(1n, 2n, 3n);
    expect(assembleLists(["kept"], [], [], values, OPTIONAL as never)).toBe(values);
  });

  it.each([
    ["V1", "snappy"],
    ["V2", "zstd"],
    ["V1", "gzip"],
  ] as const)(
    "reads every value and null of a file DuckDB wrote (%s pages, %s) as DuckDB reads it",
    async (version, codec) => {
      const path = join(await mkdtemp(join(tmpdir(), "cg-flat-")), `${codec}.parquet`);
      await writeParquet({ path, select: SELECT, codec, version, rowGroupSize: 12_000 });
      const expected = await duckdbRows(path);
      const actual = await ourRows(path);
      expect(actual.length).toBe(30_000);
      // Compared row by row first: a difference names its row.
      for (let row = 0; row < expected.length; row++) {
        if (JSON.stringify(actual[row]) !== JSON.stringify(expected[row]))
          expect({ row, values: actual[row] }).toEqual({ row, values: expected[row] });
      }
      expect(actual).toEqual(expected);
    },
  );
});
