/**
 * Parquet files written by a real producer (DuckDB, from the npm registry): the reader is tested on the bytes
 * other tools write, with every codec and both data-page versions, never on hand-assembled files.
 */
import { DuckDBInstance } from "@duckdb/node-api";

export const PARQUET_CODECS = ["uncompressed", "snappy", "gzip", "zstd", "brotli", "lz4"] as const;

/**
 * Write `select` (a DuckDB query) to `path` with the codec, the Parquet version (V1: data page v1, V2: data
 * page v2 with delta encodings) and row-group size.
 */
export async function writeParquet(options: {
  path: string;
  select: string;
  codec: (typeof PARQUET_CODECS)[number];
  version?: "V1" | "V2";
  rowGroupSize?: number;
}): Promise<void> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  try {
    await connection.run(
      `COPY (${options.select}) TO '${options.path.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION ${options.codec}, ` +
        `PARQUET_VERSION ${options.version ?? "V1"}, ROW_GROUP_SIZE ${options.rowGroupSize ?? 122_880})`,
    );
  } finally {
    connection.closeSync();
  }
}

/**
 * Write `select` to `path` as newline-delimited JSON (or CSV with a header) with the same writer: the same rows
 * as `writeParquet`, compressed as DuckDB compresses them when asked.
 */
export async function writeJsonLines(options: {
  path: string;
  select: string;
  format?: "json" | "csv";
  compression?: "gzip" | "zstd";
}): Promise<void> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  const format = options.format === "csv" ? "csv, HEADER" : "json";
  try {
    await connection.run(
      `COPY (${options.select}) TO '${options.path.replace(/'/g, "''")}' (FORMAT ${format}, ` +
        `COMPRESSION ${options.compression ?? "none"})`,
    );
  } finally {
    connection.closeSync();
  }
}
