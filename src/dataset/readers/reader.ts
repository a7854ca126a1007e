/**
 * What every dataset reader does: read one unit of work (a whole file, a byte range of a line-based file, or
 * one Parquet row group) and hand each row, with where it is, to a sink. Problems (a bad line, a ragged CSV
 * row, an unreadable file) go to the same sink, located; a reader never throws on bad content.
 */
import type { Severity } from "../../core/model.js";
import type { Compression } from "../../io/decompress.js";

export type DatasetFormat = "jsonl" | "json" | "csv" | "txt" | "parquet";

export const FORMAT_BY_EXTENSION: Readonly<Record<string, DatasetFormat>> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".json": "json",
  ".csv": "csv",
  ".txt": "txt",
  ".parquet": "parquet",
};

/** What a reader knows of a row without asking it (the same object may describe every row of a unit). */
export interface KnownRow {
  /** `Object.keys(values)` (a Parquet schema's columns, a CSV header's names): spares listing each row's keys. */
  readonly keys: readonly string[];
}

/**
 * Where a row is: a 1-based line (line-based formats) and/or a 0-based data row (tabular formats); -1 if not known.
 * `source`: the row's JSON text (JSON formats), where a number keeps the digits a double may lose.
 */
export interface RowSink {
  row(values: Record<string, unknown>, line: number, row: number, known?: KnownRow, source?: string): void;
  problem(rule: string, severity: Severity, message: string, line: number, row: number): void;
  /** Set once the sink wants no more rows (the scan's time budget ran out): readers stop soon after. */
  readonly stopped?: boolean;
}

/** The prototype of every row a reader builds: it has no members, not even the `__proto__` accessor. */
const ROW_PROTOTYPE: object = Object.create(null);

/**
 * A new, empty row. A column named `__proto__`, `constructor` or `toString` becomes a key like any other (on a
 * plain `{}` the first would replace the prototype and the others read inherited functions). Unlike
 * `Object.create(null)`, which V8 keeps as a slow dictionary, such rows stay fast objects.
 */
export function emptyRow(): Record<string, unknown> {
  return Object.create(ROW_PROTOTYPE);
}

/**
 * `names` as `Object.keys` lists a row built by setting them in order, or undefined when that list could
 * differ: two equal names (one key), or a name that is an array index (`Object.keys` lists those first).
 */
export function rowKeysOf(names: readonly string[]): readonly string[] | undefined {
  const distinct = new Set(names).size === names.length;
  return distinct && !names.some((name) => /^(?:0|[1-9][0-9]*)$/.test(name)) ? names : undefined;
}

/** One piece of work, plain data so it can cross to a worker thread. */
export interface ScanUnit {
  /** Position in the whole scan's plan: units are merged in this order, and shards take every n-th. */
  readonly index: number;
  readonly path: string;
  readonly displayPath: string;
  readonly format: DatasetFormat;
  /** Byte range [start, end) for line-based formats and CSV (a compressed file: all of it, one unit). */
  readonly start: number;
  readonly end: number;
  /** The file is compressed: its decompressed bytes are read, from the start. */
  readonly compression?: Compression;
  /** Compressed CSV: decompressed bytes before the data (the header), skipped by the reader. */
  readonly skipBytes?: number;
  /**
   * Lines before `start` (CSV: physical lines, the header's and quoted fields' line breaks included) and data
   * rows before it (CSV, Parquet): make locations file-wide.
   */
  readonly lineOffset: number;
  readonly rowOffset: number;
  /**
   * A unit of a file of lines cut without counting the lines before each cut (`findLineCuts`): its lines are
   * numbered from its start (`lineOffset` is 0) and its line count is reported, so that the units of the
   * file's first unit `fileFirstUnit` up to this one make its findings' lines file-wide when merged.
   */
  readonly linesFromUnit?: { readonly fileFirstUnit: number };
  /** CSV: the header's field names and the line ending. */
  readonly header?: readonly string[];
  readonly newline?: string;
  /** CSV: the delimiter found in the header (a unit guessing its own could guess another). */
  readonly delimiter?: string;
  /** Parquet: the row range of one row group. */
  readonly rowGroup?: number;
  readonly rowStart?: number;
  readonly rowEnd?: number;
  /** A problem found while planning (unreadable file, corrupt footer): reported instead of reading. */
  readonly failure?: string;
}

export interface ReadOptions {
  readonly maxLineBytes: number;
  /** A compressed file may decompress to at most this many bytes (`limits.maxFileBytes`; default: no limit). */
  readonly maxFileBytes?: number;
  /** CSV units up to this size are read whole (default 32 MiB); larger ones are streamed. */
  readonly csvWholeUnitBytes?: number;
}

/** A DECIMAL whose value a double cannot hold exactly: its exact decimal text (Parquet reader). */
export class DecimalText {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  /** As JSON and as text, the decimal's own digits (duplicate and label clauses hash or name it so). */
  toJSON(): string {
    return this.text;
  }

  toString(): string {
    return this.text;
  }
}

/**
 * Whether the scan walks into a value (an array or an object) rather than reading it as a leaf: bytes, typed
 * arrays, dates and exact decimals are values.
 */
export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof DecimalText) &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof Date)
  );
}
