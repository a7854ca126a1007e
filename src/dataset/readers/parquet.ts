/**
 * Parquet with hyparquet + hyparquet-compressors: pure JavaScript, reads snappy, gzip, zstd, brotli, lz4 and
 * lz4_raw, dictionary and delta encodings, data pages v1 and v2, nested and list columns (parquetjs-lite
 * throws on brotli and zstd and on footer version 2; @dsnp/parquetjs lacks zstd and lz4:
 * specs/performance-notes.md). One unit is one row group, so memory is bounded by one row group's columns.
 */
import { asyncBufferFromFile, type FileMetaData, parquetMetadataAsync, parquetRead } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { ReadOptions, RowSink, ScanUnit } from "./reader.js";

export interface ParquetLayout {
  readonly rowGroups: readonly { readonly rowStart: number; readonly rowEnd: number }[];
}

/** Read a file's footer: the row groups to plan. Throws with a readable reason on a corrupt file. */
export async function parquetLayout(path: string): Promise<ParquetLayout> {
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new Error(`not a readable Parquet file (${(error as Error).message})`);
  }
  const rowGroups: { rowStart: number; rowEnd: number }[] = [];
  let start = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0)
      throw new Error("not a readable Parquet file (row count out of range)");
    rowGroups.push({ rowStart: start, rowEnd: start + rows });
    start += rows;
  }
  return { rowGroups };
}

export async function readParquetUnit(unit: ScanUnit, sink: RowSink, _options: ReadOptions): Promise<void> {
  const rowStart = unit.rowStart ?? 0;
  const rowEnd = unit.rowEnd ?? rowStart;
  if (rowEnd <= rowStart) return;
  try {
    const file = await asyncBufferFromFile(unit.path);
    const metadata = await parquetMetadataAsync(file);
    let rows: Record<string, unknown>[] = [];
    await parquetRead({
      file,
      metadata,
      compressors,
      rowStart,
      rowEnd,
      rowFormat: "object",
      onComplete: (data) => {
        rows = data as Record<string, unknown>[];
      },
    });
    if (rows.length !== rowEnd - rowStart) {
      sink.problem(
        "dataset.parse",
        "error",
        `row group ${unit.rowGroup} yielded ${rows.length} of ${rowEnd - rowStart} rows`,
        -1,
        rowStart,
      );
    }
    for (let i = 0; i < rows.length; i++) sink.row(rows[i] as Record<string, unknown>, -1, rowStart + i);
  } catch (error) {
    sink.problem(
      "dataset.parse",
      "error",
      `row group ${unit.rowGroup} cannot be read (${(error as Error).message})`,
      -1,
      rowStart,
    );
  }
}
