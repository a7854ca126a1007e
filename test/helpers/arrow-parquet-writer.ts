/**
 * Parquet files written by a second real producer: parquet-rs, the Rust Arrow writer (DataFusion and delta-rs
 * write with it), through parquet-wasm from the npm registry. Its files differ from DuckDB's: dictionary pages
 * that fall back to plain pages within a column chunk, LZ4 in the Hadoop framing (the deprecated codec that
 * LZ4_RAW replaced) beside LZ4_RAW, and its own page and row-group cuts.
 */
import { writeFile } from "node:fs/promises";
import { Table as ArrowTable, type DataType, tableToIPC, vectorFromArray } from "apache-arrow";
import { Compression, Table, WriterPropertiesBuilder, WriterVersion, writeParquet } from "parquet-wasm";

export const ARROW_PARQUET_CODECS = ["UNCOMPRESSED", "SNAPPY", "GZIP", "BROTLI", "LZ4", "LZ4_RAW", "ZSTD"] as const;

/**
 * Write `rows` to `path`, each column with its Arrow type (`columns`, in order), with the codec and data-page
 * version. Small dictionary and data pages (by default) make a column chunk hold many pages, and a dictionary
 * that fills up falls back to plain pages part-way through.
 */
export async function writeArrowParquet(options: {
  path: string;
  rows: readonly Record<string, unknown>[];
  columns: Readonly<Record<string, DataType>>;
  codec: (typeof ARROW_PARQUET_CODECS)[number];
  version: "V1" | "V2";
  rowGroupSize: number;
  dictionaryPageBytes?: number;
  dataPageBytes?: number;
}): Promise<void> {
  const vectors = Object.fromEntries(
    Object.entries(options.columns).map(([name, type]) => [
      name,
      vectorFromArray(
        options.rows.map((row) => row[name] ?? null),
        type,
      ),
    ]),
  );
  const table = Table.fromIPCStream(tableToIPC(new ArrowTable(vectors), "stream"));
  const properties = new WriterPropertiesBuilder()
    .setCompression(Compression[options.codec])
    .setWriterVersion(options.version === "V2" ? WriterVersion.V2 : WriterVersion.V1)
    .setMaxRowGroupSize(options.rowGroupSize)
    .setDictionaryPageSizeLimit(options.dictionaryPageBytes ?? 2048)
    .setDataPageSizeLimit(options.dataPageBytes ?? 4096)
    .build();
  await writeFile(options.path, writeParquet(table, properties));
}
