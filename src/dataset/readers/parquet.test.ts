import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { beforeAll, describe, expect, it } from "vitest";
import { writeParquet } from "../../../test/helpers/parquet-writer.js";
import { planFile } from "../plan.js";
import { readParquetUnit } from "./parquet.js";
import type { ScanUnit } from "./reader.js";

/** Every row and problem of `unit`, as the sink saw them. */
async function readUnit(unit: ScanUnit): Promise<unknown[]> {
  const seen: unknown[] = [];
  await readParquetUnit(
    unit,
    {
      row: (values, _line, row) => seen.push([row, { ...values }]),
      problem: (rule, _severity, message, _line, row) => seen.push([row, rule, message]),
    },
    { maxLineBytes: 1 << 20 },
  );
  return seen;
}

describe("Parquet reader", () => {
  let units: ScanUnit[] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "cg-parquet-"));
    // Two files, each with its own text and numbers, in several row groups: a page read into the wrong
    // buffer shows as another file's values.
    for (const [k, codec] of (["snappy", "zstd"] as const).entries()) {
      const path = join(dir, `${codec}.parquet`);
      await writeParquet({
        path,
        codec,
        rowGroupSize: 2048,
        select:
          `SELECT '${codec} note ' || i || repeat(' word', i % 40) AS text, (i * ${k + 3})::BIGINT AS n, ` +
          `i * 0.5 AS x, 'src' || (i % 7) AS source FROM range(5000) t(i)`,
      });
      const planned = await planFile({ path, displayPath: `${codec}.parquet` }, { firstIndex: 0, unitBytes: 1 });
      units = units.concat(planned);
    }
  });

  it("gives every row group the same rows whether read alone or while other row groups are read", async () => {
    expect(units).toHaveLength(6);
    const alone: unknown[][] = [];
    for (const unit of units) alone.push(await readUnit(unit));
    // Started together, the reads interleave at each await: each must keep its own file and page buffers.
    const together = await Promise.all(units.map((unit) => readUnit(unit)));
    expect(together).toEqual(alone);
    // Then again one by one, now that buffers are reused: the same rows.
    for (const [i, unit] of units.entries()) expect(await readUnit(unit)).toEqual(alone[i]);
    expect(alone.map((rows) => rows.length)).toEqual([2048, 2048, 904, 2048, 2048, 904]);
    expect(alone[3]?.[0]).toEqual([0, { text: "zstd note 0", n: 0n, x: 0, source: "src0" }]);
  });

  it("reads a file rewritten at the same path by its new footer, not by the one read before", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cg-parquet-rewritten-"));
    const path = join(dir, "data.parquet");
    const firstRow = async (): Promise<unknown> => {
      const [unit] = await planFile({ path, displayPath: "data.parquet" }, { firstIndex: 0, unitBytes: 1 });
      return (await readUnit(unit as ScanUnit))[0];
    };
    await writeParquet({ path, codec: "snappy", rowGroupSize: 100, select: "SELECT i AS n FROM range(300) t(i)" });
    expect(await firstRow()).toEqual([0, { n: 0n }]);
    await writeParquet({
      path,
      codec: "snappy",
      rowGroupSize: 100,
      select: "SELECT 'note ' || i AS text, i + 7 AS n FROM range(300) t(i)",
    });
    expect(await firstRow()).toEqual([0, { text: "note 0", n: 7n }]);
  });

  it("decodes long text as hyparquet does: in lists, structs, map keys, dictionary pages, with a byte-order mark", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cg-parquet-text-"));
    const path = join(dir, "text.parquet");
    // Values on both sides of the 64 bytes from which text waits for its row; `tag` repeats (a dictionary page).
    const long = (k: string) => `repeat('${k}é ', (i % 50) + 1) || i`;
    await writeParquet({
      path,
      codec: "zstd",
      rowGroupSize: 700,
      select:
        `SELECT ${long("t")} AS text, repeat('a long repeated label ', 1 + i % 3) AS tag, ` +
        `[${long("l")}, 'short', NULL] AS list, {'inner': ${long("s")}, 'n': i} AS struct, ` +
        `MAP([${long("k")}, 'k' || i], [i, -i]) AS map, chr(65279) || ${long("b")} AS bom, ` +
        `CASE WHEN i % 5 = 0 THEN NULL ELSE ${long("n")} END AS maybe FROM range(1500) t(i)`,
    });
    const planned = await planFile({ path, displayPath: "text.parquet" }, { firstIndex: 0, unitBytes: 1 });
    const ours = (await Promise.all(planned.map((unit) => readUnit(unit)))).flat();
    const bytes = await readFile(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const theirs = await parquetReadObjects({ file, compressors });
    expect(ours).toHaveLength(1500);
    expect(ours).toEqual(theirs.map((values, row) => [row, values]));
    const text = JSON.stringify(ours, (_key, value) => (typeof value === "bigint" ? String(value) : value));
    expect(text).not.toContain("[object Object]");
    expect(text).toContain("lé lé lé");
  });
});
