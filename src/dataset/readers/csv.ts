/**
 * CSV with papaparse (measured 213–227 MB/s on quoted multi-line fields, csv-parse 66–71 MB/s:
 * specs/performance-notes.md). The planner finds the header and cuts the file only between records (quote
 * parity), so each byte range parses on its own with the header handed in. Text is decoded by the stream
 * (`encoding: "utf8"`): papaparse fed Buffers corrupts characters split across chunks.
 * A row with fewer or more fields than the header is reported (spanforge crashes on it); extra values are kept
 * under `column_<n>` so they are still scanned.
 */
import { createReadStream } from "node:fs";
import Papa from "papaparse";
import type { ReadOptions, RowSink, ScanUnit } from "./reader.js";

/**
 * Papaparse's fields are slices of its chunk string; V8 reads a sliced string's characters through an extra
 * indirection, which made every later pass over the text (words, row hash, PII) markedly slower. A long field
 * is copied once into a flat string (native UTF-8 round trip) so those passes read it directly.
 */
function flat(field: string): string {
  return field.length < 64 ? field : Buffer.from(field, "utf8").toString("utf8");
}

export function readCsvUnit(unit: ScanUnit, sink: RowSink, _options: ReadOptions): Promise<void> {
  const header = unit.header ?? [];
  if (unit.end <= unit.start) return Promise.resolve();
  let row = unit.rowOffset;
  return new Promise((resolve, reject) => {
    // 1 MiB reads: with the default 64 KiB the worker sat idle waiting on small reads.
    const stream = createReadStream(unit.path, {
      start: unit.start,
      end: unit.end - 1,
      encoding: "utf8",
      highWaterMark: 1024 * 1024,
    });
    stream.on("error", reject);
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      newline: (unit.newline ?? "\n") as "\n",
      skipEmptyLines: true,
      chunk(results) {
        const reported = new Set<number>();
        for (const error of results.errors) {
          const at = row + (error.row ?? 0);
          if (reported.has(at)) continue;
          reported.add(at);
          const what =
            error.code === "MissingQuotes"
              ? "a quoted field is never closed"
              : error.code === "InvalidQuotes"
                ? "a quote inside an unquoted field"
                : "malformed CSV";
          sink.problem("dataset.parse", "error", what, -1, at);
        }
        for (const fields of results.data) {
          const values: Record<string, unknown> = {};
          const n = Math.max(fields.length, header.length);
          for (let i = 0; i < n; i++) {
            const name = i < header.length ? (header[i] as string) : `column_${i + 1}`;
            if (i < fields.length) values[name] = flat(fields[i] as string);
          }
          if (fields.length !== header.length) {
            sink.problem(
              "dataset.csv.ragged",
              "warn",
              `row has ${fields.length} field(s), the header ${header.length}`,
              -1,
              row,
            );
          }
          sink.row(values, -1, row);
          row++;
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
}
