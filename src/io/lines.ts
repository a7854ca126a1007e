/**
 * Streams a file's lines in constant memory. Lines are split on `\n` only: spanforge writes U+2028, U+2029
 * and U+0085 raw inside strings, and splitting on them (as Python's `splitlines()` does) breaks valid events.
 */
import { isAscii, isUtf8 } from "node:buffer";
import { readSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { Spare } from "../core/spare.js";
import { type Compression, DecompressedBytes } from "./decompress.js";

export interface LineSink {
  /**
   * A line of valid UTF-8, without its `\n` (a trailing `\r` is left in place). `lineNumber` is 1-based.
   * `raw` (only when `wantsRawBytes`) is the line's bytes with its `\n` as in the file: valid only during the
   * call, since the buffer is reused.
   */
  line(text: string, lineNumber: number, raw?: Uint8Array): void;
  /** A line that cannot be decoded or is over the length limit (`raw` as for `line`, absent for a long line). */
  badLine(lineNumber: number, reason: string, raw?: Uint8Array): void;
  /** Ask for each line's raw bytes (costs a view per line, so only sinks that hash bytes ask). */
  readonly wantsRawBytes?: boolean;
  /**
   * Called before `line` or `badLine` with where the line's bytes lie, without its `\n` (and without a
   * byte-order mark): `buffer[start, end)`, valid only during the call. No view is made, so hashing each
   * line costs one native call. Not called for a line over the length limit, whose bytes are not kept.
   */
  lineBytes?(buffer: Buffer, start: number, end: number, lineNumber: number): void;
  /** Set once the sink wants no more lines: reading stops after the current chunk's lines. */
  readonly stopped?: boolean;
}

export interface ReadLinesOptions {
  /** Longest line accepted, in bytes; a longer one is reported and skipped, never buffered. */
  readonly maxLineBytes?: number;
  /** Read only bytes [start, end) of the file; `start` must be where a line starts. Line numbers restart at 1. */
  readonly start?: number;
  readonly end?: number;
  /**
   * Read with `readSync`: an awaited read left the dataset scan idle ≈ 5 % of the time waiting for the thread
   * pool. Chain verification keeps awaited reads: without the event loop's turns its workers peaked ≈ 12 MB
   * higher (garbage is collected later).
   */
  readonly syncReads?: boolean;
  /** The file is compressed: its decompressed bytes are read, whole (`start` and `end` do not apply). */
  readonly compression?: Compression;
  /** A compressed file decompressing to more bytes than this stops with an error. */
  readonly maxDecompressedBytes?: number | undefined;
}

export interface ReadLinesSummary {
  readonly lines: number;
  readonly bytes: number;
  /** The file started with a UTF-8 byte-order mark (stripped before the first line). */
  readonly hadBom: boolean;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/**
 * The thread's read buffer, kept from one call to the next: a dataset lane reads a unit about every 80 ms, and a
 * new 1 MiB buffer for each made its heap run a mark-compact every half second (JSON Lines, 1,000,000 rows: 20
 * against 8 with the buffer kept, and 3–4 % of the scan's time).
 */
const readBuffers = new Spare<Buffer>();

export async function readLines(
  path: string,
  sink: LineSink,
  options: ReadLinesOptions = {},
): Promise<ReadLinesSummary> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decompressed = options.compression
    ? new DecompressedBytes(path, options.compression, { maxBytes: options.maxDecompressedBytes })
    : undefined;
  const handle = decompressed ? undefined : await open(path, "r");
  const chunkBytes = Math.min(CHUNK_BYTES, maxLineBytes + 1);
  let buffer = readBuffers.take((kept) => kept.length === chunkBytes) ?? Buffer.allocUnsafe(chunkBytes);
  try {
    let filled = 0; // bytes of `buffer` holding unread data
    let lineNumber = 0;
    let totalBytes = 0;
    let hadBom = false;
    const rangeStart = decompressed ? 0 : (options.start ?? 0);
    const rangeEnd = decompressed ? Number.POSITIVE_INFINITY : (options.end ?? Number.POSITIVE_INFINITY);
    let position = rangeStart;
    let first = rangeStart === 0; // a byte-order mark can only start the file
    let skippingLongLine = false; // inside a line already reported as too long
    const raw = sink.wantsRawBytes === true;
    const withBytes = sink.lineBytes !== undefined;

    /** Emit the complete lines in buffer[start, end), `end` just past a `\n`. */
    const emitLines = (start: number, end: number): void => {
      const region = buffer.subarray(start, end);
      // A `\n` byte never occurs inside a multi-byte sequence, so one check of the region covers all its lines.
      // Each line is decoded on its own (flat strings scan fastest and pin no chunk), as latin1 when the
      // region is pure ASCII (the same text, decoded cheaper). A region with invalid UTF-8 goes line by line
      // to say which lines are broken.
      const encoding = isAscii(region) ? "latin1" : isUtf8(region) ? "utf8" : undefined;
      let from = start;
      let newline = buffer.indexOf(0x0a, from);
      while (newline !== -1 && newline < end) {
        if (encoding === undefined) emitOne(from, newline, newline + 1);
        else {
          lineNumber++;
          if (withBytes) sink.lineBytes?.(buffer, from, newline, lineNumber);
          if (raw) sink.line(buffer.toString(encoding, from, newline), lineNumber, buffer.subarray(from, newline + 1));
          else sink.line(buffer.toString(encoding, from, newline), lineNumber);
        }
        from = newline + 1;
        newline = buffer.indexOf(0x0a, from);
      }
    };
    /** One line of [start, end), its raw bytes ending at `rawEnd` (past the `\n`, or `end` for a last line). */
    const emitOne = (start: number, end: number, rawEnd: number): void => {
      lineNumber++;
      if (withBytes) sink.lineBytes?.(buffer, start, end, lineNumber);
      const bytes = buffer.subarray(start, end);
      const rawBytes = raw ? buffer.subarray(start, rawEnd) : undefined;
      if (!isUtf8(bytes)) sink.badLine(lineNumber, "line is not valid UTF-8", rawBytes);
      else sink.line(buffer.toString("utf8", start, end), lineNumber, rawBytes);
    };

    for (;;) {
      if (filled === buffer.length) {
        // No newline in a full buffer: grow up to the limit, past it report the line once and drop its bytes.
        if (buffer.length <= maxLineBytes) {
          const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxLineBytes + 1));
          buffer.copy(grown, 0, 0, filled);
          buffer = grown;
        } else {
          if (!skippingLongLine) {
            lineNumber++;
            sink.badLine(lineNumber, `line is longer than ${maxLineBytes} bytes`);
          }
          skippingLongLine = true;
          filled = 0;
        }
      }
      const want = Math.min(buffer.length - filled, rangeEnd - position);
      const bytesRead =
        want <= 0
          ? 0
          : decompressed
            ? await decompressed.read(buffer, filled, want)
            : options.syncReads
              ? readSync((handle as FileHandle).fd, buffer, filled, want, position)
              : (await (handle as FileHandle).read(buffer, filled, want, position)).bytesRead;
      if (bytesRead === 0) break;
      position += bytesRead;
      let start = 0;
      if (first) {
        first = false;
        if (bytesRead >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
          hadBom = true;
          start = 3;
        }
      }
      totalBytes += bytesRead;
      const end = filled + bytesRead;
      const data = buffer.subarray(0, end); // bounds the newline searches to bytes read
      if (skippingLongLine) {
        const newline = data.indexOf(0x0a, filled);
        if (newline === -1) {
          filled = 0;
          continue;
        }
        skippingLongLine = false;
        start = newline + 1;
      }
      const lastNewline = data.lastIndexOf(0x0a);
      if (lastNewline >= start) {
        emitLines(start, lastNewline + 1);
        start = lastNewline + 1;
      }
      if (sink.stopped) return { lines: lineNumber, bytes: totalBytes, hadBom };
      // Keep the unfinished line at the front of the buffer.
      buffer.copy(buffer, 0, start, end);
      filled = end - start;
    }
    if (filled > 0 && !skippingLongLine) emitOne(0, filled, filled);
    return { lines: lineNumber, bytes: totalBytes, hadBom };
  } finally {
    // (the sinks were told a line's bytes are theirs during the call only)
    if (buffer.length === chunkBytes) readBuffers.give(buffer);
    decompressed?.close();
    await handle?.close();
  }
}
