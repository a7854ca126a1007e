/**
 * Cutting a dataset into units of work. The plan depends only on the files (never on the number of threads or
 * shards), so every run, parallel or sharded, reads the same units and merges them in the same order: that is
 * what makes a merged sharded run equal to a single one. Large line-based files are cut at line starts every
 * `unitBytes`; CSV only between records (outside quotes); Parquet per row group; JSON is one unit.
 * The cutting pass also counts the lines (rows) before each cut, so every location is file-wide.
 */
import { open, stat } from "node:fs/promises";
import Papa from "papaparse";
import type { InputFile } from "../io/expand.js";
import { parquetLayout } from "./readers/parquet.js";
import { type DatasetFormat, FORMAT_BY_EXTENSION, type ScanUnit } from "./readers/reader.js";
import { findCuts } from "./record-cuts.js";

/** The file endings a dataset directory contributes. */
export const DATASET_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

export const DEFAULT_UNIT_BYTES = 8 * 1024 * 1024;
const CHUNK = 1 << 20;

export function formatOf(path: string): DatasetFormat | undefined {
  const dot = path.lastIndexOf(".");
  return dot === -1 ? undefined : FORMAT_BY_EXTENSION[path.slice(dot).toLowerCase()];
}

interface CsvHead {
  readonly header: string[];
  /** Byte offset just past the header record. */
  readonly bodyStart: number;
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

/** The header record (papaparse on the file's first bytes), and where the data starts. */
async function csvHead(path: string, size: number): Promise<CsvHead | undefined> {
  const handle = await open(path, "r");
  try {
    const length = Math.min(size, 4 * CHUNK);
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
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
    return {
      header: header.map((name) => name.trim()),
      bodyStart: Math.min(bom + Buffer.byteLength(text.slice(0, cursor), "utf8"), size),
      newline: parsed.meta.linebreak === "\r\n" ? "\r\n" : "\n",
      delimiter,
    };
  } finally {
    await handle.close();
  }
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
  const format = formatOf(file.path);
  if (format === undefined) {
    return [
      failed(
        options.firstIndex,
        file,
        "jsonl",
        "unsupported file type (expected .jsonl, .ndjson, .json, .csv, .txt or .parquet)",
      ),
    ];
  }
  const base = { path: file.path, displayPath: file.displayPath, format };
  let size: number;
  try {
    size = (await stat(file.path)).size;
  } catch (error) {
    return [
      failed(
        options.firstIndex,
        file,
        format,
        `cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      ),
    ];
  }
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
    if (format === "json") return [{ ...base, index: index(0), start: 0, end: size, lineOffset: 0, rowOffset: 0 }];
    if (format === "csv") {
      const head = await csvHead(file.path, size);
      if (!head)
        return [failed(index(0), file, format, "no header row: a CSV dataset needs column names on its first line")];
      const cuts = findCuts(file.path, {
        size,
        unitBytes: options.unitBytes,
        quoted: true,
        from: head.bodyStart,
      });
      const starts = [{ at: head.bodyStart, before: 0 }, ...cuts];
      return starts.map((cut, k) => ({
        ...base,
        index: index(k),
        start: cut.at,
        end: starts[k + 1]?.at ?? size,
        lineOffset: 0,
        rowOffset: cut.before,
        header: head.header,
        newline: head.newline,
        delimiter: head.delimiter,
      }));
    }
    const cuts =
      size > options.unitBytes
        ? findCuts(file.path, { size, unitBytes: options.unitBytes, quoted: false, from: 0 })
        : [];
    const starts = [{ at: 0, before: 0 }, ...cuts];
    return starts.map((cut, k) => ({
      ...base,
      index: index(k),
      start: cut.at,
      end: starts[k + 1]?.at ?? size,
      lineOffset: cut.before,
      rowOffset: 0,
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
