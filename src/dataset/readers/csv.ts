/**
 * CSV with papaparse (measured 213–227 MB/s on quoted multi-line fields, csv-parse 66–71 MB/s:
 * specs/performance-notes.md). The planner finds the header and cuts the file only between records (quote
 * parity), so each byte range parses on its own with the header handed in. A unit is read whole into a
 * reused buffer and parsed in pieces of about 128 KiB cut at record ends (the record scanner again), so no
 * string of the unit's size is made; a unit too large to read whole is streamed, decoded by the stream
 * (`encoding: "utf8"`): papaparse fed Buffers corrupts characters split across chunks.
 * A row with fewer or more fields than the header is reported (spanforge crashes on it); extra values are kept
 * under `column_<n>` so they are still scanned. Each record is located by its data row and by the physical line
 * it starts on (a quoted field's line breaks counted), so an editor or code scanning can show it.
 */
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { type Readable, Transform } from "node:stream";
import Papa from "papaparse";
import {
  type Compression,
  decompressedLimitFailure,
  decompressedStream,
  decompressionFailure,
} from "../../io/decompress.js";
import { RecordBuffer } from "../record-cuts.js";
import { emptyRow, type ReadOptions, type RowSink, rowKeysOf, type ScanUnit } from "./reader.js";

/** A unit up to this size is read whole, synchronously, into this thread's buffer (which grows to hold it). */
const DEFAULT_WHOLE_UNIT_BYTES = 32 * 1024 * 1024;

/**
 * Bytes parsed at once within a unit read whole: a string of about 128 KiB at a time, not the unit's 8 MiB.
 * Below 1,031,913 bytes (Node's EXTERN_APEX) on purpose: Node 24, unlike 20, makes a longer UTF-8 string
 * external, in memory from malloc that the allocator keeps (1M-row CSV on Node 24: peak RSS 267–268 MB with
 * 1 MiB pieces, 249–251 MB with 512 KiB). Smaller than that too: a piece's rows are alive until it is folded,
 * and each young-generation collection copies them (128 KiB: 3 % less time than 512 KiB, README).
 */
const PIECE_BYTES = 128 * 1024;

/** Reads of a streamed unit: with the default 64 KiB the worker sat idle waiting on small reads. */
const STREAM_READ_BYTES = 512 * 1024;

/** This thread's buffer for whole units (reused: a unit is read into it, then parsed piece by piece). */
let unitBuffer: RecordBuffer | undefined;

/**
 * Read bytes [start, end) of a file (a unit: it starts and ends between records) and hand each piece of about
 * `PIECE_BYTES`, cut at record ends outside quotes, to `parse` as a string.
 */
function readPieces(path: string, start: number, end: number, parse: (text: string) => void): void {
  unitBuffer ??= new RecordBuffer();
  unitBuffer.reserve(end - start);
  const view = unitBuffer.view();
  const fd = openSync(path, "r");
  let filled = 0;
  try {
    while (filled < end - start) {
      const n = readSync(fd, view, filled, end - start - filled, start + filled);
      if (n === 0) break;
      filled += n;
    }
  } finally {
    closeSync(fd);
  }
  const bytes = Buffer.from(view.buffer, view.byteOffset, filled);
  let from = 0;
  for (const cut of [...unitBuffer.piecesIn(filled, PIECE_BYTES, true), filled]) {
    parse(bytes.toString("utf8", from, cut));
    from = cut;
  }
}

/** Line breaks (`\n`) in `text`. */
function lineBreaks(text: string): number {
  let n = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/** Line breaks inside a record's fields (quoted fields may hold them). */
function lineBreaksIn(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) if (field.includes("\n")) n += lineBreaks(field);
  return n;
}

export function readCsvUnit(unit: ScanUnit, sink: RowSink, options: ReadOptions): Promise<void> {
  const header = unit.header ?? [];
  if (unit.end <= unit.start) return Promise.resolve();
  let row = unit.rowOffset;
  // The physical line the next record starts on (the planner counts the lines before the unit).
  let line = unit.lineOffset + 1;
  // A row with exactly the header's fields has the header's names as its keys.
  const keys = rowKeysOf(header);
  const known = keys ? { keys } : undefined;
  const config = {
    header: false,
    newline: (unit.newline ?? "\n") as "\n",
    ...(unit.delimiter === undefined ? {} : { delimiter: unit.delimiter }),
    // Empty lines are skipped here, not by papaparse: they still count as lines.
    skipEmptyLines: false,
  } as const;
  /** `singleLine`: no record of these spans lines (the caller counted), so no field is searched for breaks. */
  const rows = (results: Papa.ParseResult<string[]>, singleLine: boolean): void => {
    // The first problem papaparse found in each record, by its index in `results.data`.
    const problems = new Map<number, string>();
    for (const error of results.errors) {
      const index = error.row ?? 0;
      if (problems.has(index)) continue;
      problems.set(
        index,
        error.code === "MissingQuotes"
          ? "a quoted field is never closed"
          : error.code === "InvalidQuotes"
            ? "a quote inside an unquoted field"
            : "malformed CSV",
      );
    }
    for (let index = 0; index < results.data.length; index++) {
      const fields = results.data[index] as string[];
      const at = line;
      line += singleLine ? 1 : 1 + lineBreaksIn(fields);
      const problem = problems.get(index);
      if (problem !== undefined) sink.problem("dataset.parse", "error", problem, at, row);
      if (fields.length === 1 && fields[0] === "") continue; // an empty line
      const values = emptyRow();
      const n = Math.max(fields.length, header.length);
      for (let i = 0; i < n; i++) {
        const name = i < header.length ? (header[i] as string) : `column_${i + 1}`;
        if (i < fields.length) values[name] = fields[i] as string;
      }
      const complete = fields.length === header.length;
      if (!complete) {
        sink.problem(
          "dataset.csv.ragged",
          "warn",
          `row has ${fields.length} field(s), the header ${header.length}`,
          at,
          row,
        );
      }
      sink.row(values, at, row, complete ? known : undefined);
      row++;
    }
  };
  const chunk = (results: Papa.ParseResult<string[]>, parser: Papa.Parser): void => {
    rows(results, false);
    if (sink.stopped) parser.abort();
  };
  if (unit.compression) return parseStream(compressedBody(unit, options), { ...config, chunk });
  if (unit.end - unit.start <= (options.csvWholeUnitBytes ?? DEFAULT_WHOLE_UNIT_BYTES)) {
    // Read synchronously: an awaited stream left the thread idle between its reads.
    readPieces(unit.path, unit.start, unit.end, (text) => {
      if (sink.stopped) return;
      const first = line;
      const breaks = lineBreaks(text);
      const parsed = Papa.parse<string[]>(text, config);
      // Papaparse gives one record more than the piece has line breaks (an empty one after a final break)
      // unless a record spans lines.
      rows(parsed, parsed.data.length === breaks + 1);
      // A piece ends at a record end: the next starts after all its line breaks (past that empty record).
      line = first + breaks;
    });
    return Promise.resolve();
  }
  // A larger unit (the planner found no record boundary to cut at) is streamed in bounded memory.
  const stream = createReadStream(unit.path, {
    start: unit.start,
    end: unit.end - 1,
    encoding: "utf8",
    highWaterMark: STREAM_READ_BYTES,
  });
  return parseStream(stream, { ...config, chunk });
}

/** Parse a stream of text with papaparse; a read or decompression error rejects. */
function parseStream(stream: Readable, config: Papa.ParseConfig<string[]> & { chunk: ChunkHandler }): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on("error", reject);
    Papa.parse<string[]>(stream as unknown as File, {
      ...config,
      complete: () => {
        stream.destroy(); // the text not parsed after an abort is not read either
        resolve();
      },
      error: (error: Error) => reject(error),
    });
  });
}

type ChunkHandler = (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => void;

/**
 * A compressed CSV unit's records as text: the decompressed bytes after the header, decoded as UTF-8; past
 * `maxFileBytes` decompressed bytes, an error.
 */
function compressedBody(unit: ScanUnit, options: ReadOptions): Readable {
  const compression = unit.compression as Compression;
  const maxBytes = options.maxFileBytes ?? Number.POSITIVE_INFINITY;
  let skip = unit.skipBytes ?? 0;
  let total = 0;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > maxBytes) {
        done(new Error(decompressedLimitFailure(maxBytes)));
        return;
      }
      if (skip >= chunk.length) {
        skip -= chunk.length;
        done();
        return;
      }
      const rest = chunk.subarray(skip);
      skip = 0;
      done(null, rest);
    },
  });
  // Decoded by the stream (characters split across chunks stay whole); a decompression error ends it.
  body.setEncoding("utf8");
  const source = decompressedStream(unit.path, compression);
  source.on("error", (error) => body.destroy(new Error(decompressionFailure(compression, error))));
  return source.pipe(body);
}
