/**
 * Where a CSV or line-based file may be cut into units: just past a record end (a "\n"; in CSV one outside
 * double quotes), at or past each multiple of the unit size. `findCuts` reads the file through and counts the
 * records before each cut (CSV's file-wide rows and lines need them), its bytes scanned by a WebAssembly
 * module (wasm/record-scan.ts) 64 at a time; `findLineCuts` seeks to each cut and reads only to the next line
 * end (the units then count their own lines).
 */
import { closeSync, openSync, readSync } from "node:fs";
import { RECORD_SCAN_WASM } from "./record-scan.wasm.js";
import { instantiate } from "./wasm-module.js";

interface RecordScanner {
  readonly memory: { readonly buffer: ArrayBuffer };
  bufferPointer(): number;
  bufferBytes(): number;
  reserve(bytes: number): void;
  reset(): void;
  records(): number;
  lines(): number;
  scan(from: number, n: number, quoted: number, stopAt: number): number;
}

/** A record scanner with its buffer: bytes are read into `view()`, then cut at record ends. */
export class RecordBuffer {
  private readonly scanner = instantiate<RecordScanner>(RECORD_SCAN_WASM);

  /** The buffer as bytes (a new view after `reserve` has grown it). */
  view(): Uint8Array {
    return new Uint8Array(this.scanner.memory.buffer, this.scanner.bufferPointer(), this.scanner.bufferBytes());
  }

  /** Make the buffer hold at least `bytes`. */
  reserve(bytes: number): void {
    this.scanner.reserve(bytes);
  }

  /**
   * Positions in buffer bytes [0, n), which start at a record, just past the first record end at or past each
   * multiple of `pieceBytes`: where the bytes can be parsed in pieces.
   */
  piecesIn(n: number, pieceBytes: number, quoted: boolean): number[] {
    const cuts: number[] = [];
    this.scanner.reset();
    for (let from = 0; ; ) {
      const end = this.scanner.scan(from, n, quoted ? 1 : 0, Math.min(n, from + pieceBytes - 1));
      if (end < 0 || end + 1 >= n) return cuts;
      cuts.push(end + 1);
      from = end + 1;
    }
  }

  /** Scan [from, n) of the buffer for the first record end at or past `stopAt` (-1: none); `records()` counts. */
  scan(from: number, n: number, quoted: boolean, stopAt: number): number {
    return this.scanner.scan(from, n, quoted ? 1 : 0, stopAt);
  }

  /** Record ends counted by the last `scan`. */
  records(): number {
    return this.scanner.records();
  }

  /** Line breaks counted by the last `scan` (quoted ones too). */
  lines(): number {
    return this.scanner.lines();
  }
}

export interface Cut {
  /** The byte just past a record end. */
  readonly at: number;
  /** Records (lines, or CSV records) wholly before `at`. */
  readonly before: number;
  /** Line breaks before `at` (from `from`): a CSV record's quoted line breaks too, unlike `before`. */
  readonly lines: number;
}

export interface CutOptions {
  readonly size: number;
  readonly unitBytes: number;
  /** CSV: a newline inside a double-quoted field does not end a record. */
  readonly quoted: boolean;
  /** Where the records start (past a CSV header). */
  readonly from: number;
}

/** Read the file once, cutting after the first record end at or past each multiple of `unitBytes`. */
export function findCuts(path: string, options: CutOptions): Cut[] {
  const scanner = new RecordBuffer();
  const buffer = scanner.view();
  const quoted = options.quoted;
  const cuts: Cut[] = [];
  const fd = openSync(path, "r");
  try {
    let position = options.from;
    let records = 0;
    let lines = 0;
    let next = options.from + options.unitBytes; // the first cut lies at or past this byte
    while (position < options.size) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, options.size - position), position);
      if (n === 0) break;
      let from = 0;
      for (;;) {
        // A cut at `next` or later is just past a record end at `next - 1` or later.
        const stopAt = Math.max(0, Math.min(n, next - 1 - position));
        const end = scanner.scan(from, n, quoted, stopAt);
        records += scanner.records();
        lines += scanner.lines();
        if (end < 0) break;
        const at = position + end + 1;
        if (at >= options.size) break;
        cuts.push({ at, before: records, lines });
        next = at + options.unitBytes;
        from = end + 1;
      }
      position += n;
    }
  } finally {
    closeSync(fd);
  }
  return cuts;
}

/** How much of a line is read at a time while looking for its end past a unit's size. */
const LINE_END_READ = 64 * 1024;

/**
 * The cuts of a file of lines (not CSV) without reading it whole: from each cut, `unitBytes` ahead, just past
 * the first "\n" at or after the byte before that, as `findCuts` places them (a line longer than a unit is
 * read to its end). The lines before each cut are not counted: each unit counts its own
 * (`ScanUnit.linesFromUnit`). Returns the cut positions.
 */
export function findLineCuts(path: string, options: { size: number; unitBytes: number }): number[] {
  const { size, unitBytes } = options;
  const cuts: number[] = [];
  const buffer = Buffer.allocUnsafe(LINE_END_READ);
  const fd = openSync(path, "r");
  try {
    let position = unitBytes - 1; // the first byte a line end may be at
    while (position < size) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
      if (n === 0) break;
      const newline = buffer.subarray(0, n).indexOf(0x0a);
      if (newline < 0) {
        position += n;
        continue;
      }
      const at = position + newline + 1;
      if (at >= size) break;
      cuts.push(at);
      position = at + unitBytes - 1;
    }
  } finally {
    closeSync(fd);
  }
  return cuts;
}
