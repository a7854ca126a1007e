import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { describe, expect, it, vi } from "vitest";
import { writeParquet } from "../../../test/helpers/parquet-writer.js";
import { planFile } from "../plan.js";
import type * as Decoders from "./page-decoders.js";
import { readParquetUnit } from "./parquet.js";

/** The fault to inject: the zstd decoder's memory "moves" when the first region hands out its second page. */
const fault = vi.hoisted(() => ({ pending: 1, injected: 0 }));

vi.mock("./page-decoders.js", async (importOriginal) => {
  const actual = await importOriginal<typeof Decoders>();
  return {
    ...actual,
    zstdPageDecoder: async (): Promise<Decoders.RegionDecoder> => {
      const decoder = await actual.zstdPageDecoder();
      return {
        into: decoder.into,
        region(sizes) {
          const region = decoder.region(sizes);
          if (!region) return region;
          let pages = 0;
          return {
            page(input, length) {
              if (fault.pending > 0 && ++pages === 2) {
                fault.pending--;
                fault.injected++;
                throw new actual.RegionMoved();
              }
              return region.page(input, length);
            },
            release: () => region.release(),
          };
        },
      };
    },
  };
});

describe("Parquet reader, when a decoder's memory moves under the pages it handed out", () => {
  it("reads the row group again into buffers and gives the same rows as hyparquet", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cg-parquet-moved-"));
    const path = join(dir, "moved.parquet");
    await writeParquet({
      path,
      codec: "zstd",
      rowGroupSize: 3000,
      select: "SELECT i AS id, repeat('text ', i % 40) || i AS text, 'src' || (i % 9) AS source FROM range(3000) t(i)",
    });
    const [unit] = await planFile({ path, displayPath: "moved.parquet" }, { firstIndex: 0, unitBytes: 1 });
    const seen: unknown[] = [];
    await readParquetUnit(
      unit as NonNullable<typeof unit>,
      {
        row: (values, _line, row) => seen.push([row, { ...values }]),
        problem: (rule, _severity, message, _line, row) => seen.push([row, rule, message]),
      },
      { maxLineBytes: 1 << 20 },
    );
    expect(fault.injected).toBe(1);
    const bytes = await readFile(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = await parquetReadObjects({ file, compressors });
    expect(seen).toEqual(rows.map((values, row) => [row, values]));
  });
});
