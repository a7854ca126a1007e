/**
 * Cutting a dataset into units of work. The plan depends only on the files (never on the number of threads or
 * shards), so every run, parallel or sharded, reads the same units and merges them in the same order: that is
 * what makes a merged sharded run equal to a single one. Large line-based files are cut at line starts every
 * `unitBytes`; CSV only between records (outside quotes); Parquet per row group; JSON is one unit, and so is a
 * compressed file (a compressed stream cannot be entered part-way).
 * The cutting pass also counts the lines (rows) before each cut, so every location is file-wide.
 */
import { open, stat } from "node:fs/promises";
import Papa from "papaparse";
import {
  type Compression,
  compressionUnavailable,
  DecompressedBytes,
  READ_COMPRESSIONS,
  UNREAD_COMPRESSIONS,
} from "../io/decompress.js";
import type { InputFile } from "../io/expand.js";
import { SNIFF_BYTES, sniff } from "../io/sniff.js";
import { parquetLayout } from "./readers/parquet.js";
import { type DatasetFormat, FORMAT_BY_EXTENSION, type ScanUnit } from "./readers/reader.js";
import { findCuts, findLineCuts } from "./record-cuts.js";

/**
 * The file endings a dataset directory contributes: every format, plain or compressed. Compressions that are
 * not read are listed too, so such a file is reported as not read instead of passing unseen.
 */
export const DATASET_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION).flatMap((extension) => [
  extension,
  ...[...Object.keys(READ_COMPRESSIONS), ...UNREAD_COMPRESSIONS].map((suffix) => extension + suffix),
]);

export const DEFAULT_UNIT_BYTES = 8 * 1024 * 1024;
const CHUNK = 1 << 20;

/** What a dataset file's name says: its format and compression, or why it is not read. */
export interface DatasetFileKind {
  readonly format: DatasetFormat;
  readonly compression?: Compression;
  /** Set when the file is not read (its compression), with the reason. */
  readonly refused?: string;
}

export function kindOf(path: string): DatasetFileKind | undefined {
  const lower = path.toLowerCase();
  const readSuffix = Object.keys(READ_COMPRESSIONS).find((suffix) => lower.endsWith(suffix));
  const unreadSuffix = UNREAD_COMPRESSIONS.find((suffix) => lower.endsWith(suffix));
  const stem = lower.slice(0, lower.length - (readSuffix ?? unreadSuffix ?? "").length);
  const dot = stem.lastIndexOf(".");
  const format = dot === -1 ? undefined : FORMAT_BY_EXTENSION[stem.slice(dot)];
  if (format === undefined) return undefined;
  if (unreadSuffix)
    return { format, refused: `${unreadSuffix} files are not read: decompress it, or compress it as .gz or .zst` };
  if (readSuffix === undefined) return { format };
  const compression = READ_COMPRESSIONS[readSuffix] as Compression;
  if (format === "parquet")
    return { format, refused: "a compressed Parquet file is not read: Parquet compresses its pages itself" };
  const unavailable = compressionUnavailable(compression);
  return unavailable ? { format, compression, refused: unavailable } : { format, compression };
}

interface CsvHead {
  readonly header: string[];
  /** Byte offset just past the header record. */
  readonly bodyStart: number;
  /** Line breaks up to `bodyStart` (the header's own, and one in a quoted column name). */
  readonly headerLines: number;
  readonly newline: string;
  /** The field delimiter the header uses, for every unit (a unit guessing from its own rows could guess another). */
  readonly delimiter: string;
}

/** Delimiters a header may use, in order of preference on a tie. */
const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The delimiter a header line holds most of outside quoted names: column names hold few of them (none: the
 * comma, as spanforge).
 */
function headerDelimiter(line: string): string {
  const unquoted = line.replace(/"[^"]*"/g, "");
  let best: string = ",";
  let most = 0;
  for (const delimiter of DELIMITERS) {
    const count = unquoted.split(delimiter).length - 1;
    if (count > most) {
      best = delimiter;
      most = count;
    }
  }
  return best;
}

/** The first bytes of a file of `size` bytes (decompressed if it is compressed), at most `4 * CHUNK`. */
async function headBytes(path: string, size: number, compression: Compression | undefined): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(compression ? 4 * CHUNK : Math.min(size, 4 * CHUNK));
  let filled = 0;
  if (compression) {
    const bytes = new DecompressedBytes(path, compression);
    try {
      for (let n = 1; n > 0 && filled < buffer.length; filled += n)
        n = await bytes.read(buffer, filled, buffer.length - filled);
    } finally {
      bytes.close();
    }
  } else {
    const handle = await open(path, "r");
    try {
      filled = (await handle.read(buffer, 0, buffer.length, 0)).bytesRead;
    } finally {
      await handle.close();
    }
  }
  return buffer.subarray(0, filled);
}

/** The header record (papaparse on the file's first bytes), and where the data starts. */
async function csvHead(path: string, size: number, compression: Compression | undefined): Promise<CsvHead | undefined> {
  const buffer = await headBytes(path, size, compression);
  const bytesRead = buffer.length;
  const bom = bytesRead >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const text = buffer.toString("utf8", bom, bytesRead);
  const lineEnd = text.indexOf("\n");
  const delimiter = headerDelimiter(lineEnd === -1 ? text : text.slice(0, lineEnd));
  // fastMode off: papaparse's fast path (text without quotes) reports a cursor one record too far with
  // `preview`, which dropped the first data row of every unquoted CSV.
  const parsed = Papa.parse<string[]>(text, { preview: 1, header: false, fastMode: false, delimiter });
  const header = parsed.data[0];
  if (!header || header.length === 0 || (header.length === 1 && header[0] === "")) return undefined;
  const cursor = parsed.meta.cursor; // characters consumed: the header record and its line break
  const headerText = text.slice(0, cursor);
  return {
    header: header.map((name) => name.trim()),
    headerLines: headerText.split("\n").length - 1,
    bodyStart: Math.min(bom + Buffer.byteLength(text.slice(0, cursor), "utf8"), bytesRead),
    newline: parsed.meta.linebreak === "\r\n" ? "\r\n" : "\n",
    delimiter,
  };
}

/** The first `length` bytes of a file as stored (compressed or not). */
async function rawHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first `length` decompressed bytes; a stream that cannot be decompressed throws its reason. */
async function decompressedHead(path: string, compression: Compression, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const bytes = new DecompressedBytes(path, compression);
  let filled = 0;
  try {
    for (let n = 1; n > 0 && filled < length; filled += n) n = await bytes.read(buffer, filled, length - filled);
  } finally {
    bytes.close();
  }
  return buffer.subarray(0, filled);
}

/**
 * What the file holds, by its first bytes: a text file that is really gzip, zstd or Parquet is read as what it
 * is; a file whose name promises a compression it does not hold, an encoding other than UTF-8 (a byte-order
 * mark, NUL bytes) or a container that is not read is refused with the reason, never read as zero rows.
 */
async function contentKind(path: string, named: DatasetFileKind): Promise<DatasetFileKind> {
  const found = sniff(await rawHead(path, SNIFF_BYTES));
  const refuse = (reason: string): DatasetFileKind => ({ ...named, refused: reason });
  if (named.format === "parquet") {
    if (found.kind === "parquet") return named;
    return refuse(
      found.kind === "refused"
        ? found.reason
        : `not a Parquet file: it does not start with PAR1 (it holds ${found.kind === "text" ? "text" : `${found.kind} data`})`,
    );
  }
  let compression = named.compression;
  if (compression !== undefined) {
    if (found.kind !== compression) {
      return refuse(`the file's name says ${compression}, but it does not hold ${compression} data`);
    }
  } else if (found.kind === "parquet") {
    return { format: "parquet" };
  } else if (found.kind === "gzip" || found.kind === "zstd") {
    compression = found.kind;
    const unavailable = compressionUnavailable(compression);
    if (unavailable) return refuse(`the file holds ${compression} data, whatever its name says, and ${unavailable}`);
  } else if (found.kind === "refused") {
    return refuse(found.reason);
  }
  if (compression === undefined) return named;
  let inner: Buffer;
  try {
    inner = await decompressedHead(path, compression, SNIFF_BYTES);
  } catch (error) {
    return refuse((error as Error).message);
  }
  const decompressed = sniff(inner);
  if (decompressed.kind === "refused") return refuse(`once decompressed, ${decompressed.reason}`);
  if (decompressed.kind !== "text")
    return refuse(`once decompressed, the file holds ${decompressed.kind} data, not text`);
  return { format: named.format, compression };
}

function failed(index: number, file: InputFile, format: DatasetFormat, reason: string): ScanUnit {
  return {
    index,
    path: file.path,
    displayPath: file.displayPath,
    format,
    start: 0,
    end: 0,
    lineOffset: 0,
    rowOffset: 0,
    failure: reason,
  };
}

/** The units of one file, numbered from `firstIndex`. */
export async function planFile(
  file: InputFile,
  options: { firstIndex: number; unitBytes: number },
): Promise<ScanUnit[]> {
  const kind = kindOf(file.path);
  if (kind === undefined) {
    return [
      failed(
        options.firstIndex,
        file,
        "jsonl",
        "unsupported file type (expected .jsonl, .ndjson, .json, .csv, .txt or .parquet; the text formats also as .gz or .zst)",
      ),
    ];
  }
  if (kind.refused !== undefined) return [failed(options.firstIndex, file, kind.format, kind.refused)];
  let size: number;
  let content: DatasetFileKind;
  try {
    size = (await stat(file.path)).size;
    content = await contentKind(file.path, kind);
  } catch (error) {
    return [
      failed(
        options.firstIndex,
        file,
        kind.format,
        `cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      ),
    ];
  }
  if (content.refused !== undefined) return [failed(options.firstIndex, file, content.format, content.refused)];
  const { format, compression } = content;
  const base = { path: file.path, displayPath: file.displayPath, format, ...(compression ? { compression } : {}) };
  const index = (k: number) => options.firstIndex + k;
  try {
    if (format === "parquet") {
      const layout = await parquetLayout(file.path);
      return layout.rowGroups.map((group, k) => ({
        ...base,
        index: index(k),
        start: 0,
        end: size,
        lineOffset: 0,
        rowOffset: group.rowStart,
        rowGroup: k,
        rowStart: group.rowStart,
        rowEnd: group.rowEnd,
      }));
    }
    const whole = { ...base, index: index(0), start: 0, end: size, lineOffset: 0, rowOffset: 0 };
    if (format === "json") return [whole];
    if (format === "csv") {
      const head = await csvHead(file.path, size, compression);
      if (!head)
        return [failed(index(0), file, format, "no header row: a CSV dataset needs column names on its first line")];
      const { header, newline, delimiter } = head;
      // Compressed: one unit, whose reader skips the header's decompressed bytes.
      if (compression) {
        return [{ ...whole, header, newline, delimiter, skipBytes: head.bodyStart, lineOffset: head.headerLines }];
      }
      const cuts = findCuts(file.path, {
        size,
        unitBytes: options.unitBytes,
        quoted: true,
        from: head.bodyStart,
      });
      const starts = [{ at: head.bodyStart, before: 0, lines: 0 }, ...cuts];
      return starts.map((cut, k) => ({
        ...base,
        index: index(k),
        start: cut.at,
        end: starts[k + 1]?.at ?? size,
        lineOffset: head.headerLines + cut.lines,
        rowOffset: cut.before,
        header: head.header,
        newline: head.newline,
        delimiter: head.delimiter,
      }));
    }
    if (compression) return [whole];
    // Lines are cut where a unit's size ends, without reading the file through: each unit counts its lines.
    const cuts = size > options.unitBytes ? findLineCuts(file.path, { size, unitBytes: options.unitBytes }) : [];
    if (cuts.length === 0) return [whole];
    const starts = [0, ...cuts];
    return starts.map((start, k) => ({
      ...base,
      index: index(k),
      start,
      end: starts[k + 1] ?? size,
      lineOffset: 0,
      rowOffset: 0,
      linesFromUnit: { fileFirstUnit: index(0) },
    }));
  } catch (error) {
    return [failed(index(0), file, format, (error as Error).message)];
  }
}

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Plan every file in order; a shard keeps every `count`-th unit (by plan position), so shards are disjoint. */
export async function planScan(
  files: readonly InputFile[],
  options: { unitBytes?: number; shard?: Shard } = {},
): Promise<{ units: ScanUnit[]; total: number; bytes: number }> {
  const all: ScanUnit[] = [];
  let bytes = 0;
  for (const file of files) {
    bytes += (await stat(file.path).catch(() => undefined))?.size ?? 0;
    all.push(...(await planFile(file, { firstIndex: all.length, unitBytes: options.unitBytes ?? DEFAULT_UNIT_BYTES })));
  }
  const shard = options.shard;
  const units = shard ? all.filter((unit) => unit.index % shard.count === shard.index - 1) : all;
  return { units, total: all.length, bytes };
}
