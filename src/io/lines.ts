/**
 * Streams a file's lines in constant memory. Lines are split on `\n` only: spanforge writes U+2028, U+2029
 * and U+0085 raw inside strings, and splitting on them (as Python's `splitlines()` does) breaks valid events.
 */
import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";

export interface LineSink {
  /** A line of valid UTF-8, without its `\n` (a trailing `\r` is left in place). `lineNumber` is 1-based. */
  line(text: string, lineNumber: number): void;
  /** A line that cannot be decoded or is over the length limit. */
  badLine(lineNumber: number, reason: string): void;
}

export interface ReadLinesOptions {
  /** Longest line accepted, in bytes; a longer one is reported and skipped, never buffered. */
  readonly maxLineBytes?: number;
}

export interface ReadLinesSummary {
  readonly lines: number;
  readonly bytes: number;
  /** The file started with a UTF-8 byte-order mark (stripped before the first line). */
  readonly hadBom: boolean;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export async function readLines(
  path: string,
  sink: LineSink,
  options: ReadLinesOptions = {},
): Promise<ReadLinesSummary> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const handle = await open(path, "r");
  try {
    let buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxLineBytes + 1));
    let filled = 0; // bytes of `buffer` holding unread data
    let lineNumber = 0;
    let totalBytes = 0;
    let hadBom = false;
    let first = true;
    let skippingLongLine = false; // inside a line already reported as too long

    const emit = (start: number, end: number): void => {
      lineNumber++;
      const bytes = buffer.subarray(start, end);
      if (!isUtf8(bytes)) sink.badLine(lineNumber, "line is not valid UTF-8");
      else sink.line(buffer.toString("utf8", start, end), lineNumber);
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
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
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
      const data = buffer.subarray(0, end); // bounds the newline search to bytes read
      let newline = data.indexOf(0x0a, filled);
      while (newline !== -1) {
        if (skippingLongLine) skippingLongLine = false;
        else emit(start, newline);
        start = newline + 1;
        newline = data.indexOf(0x0a, start);
      }
      // Keep the unfinished line at the front of the buffer.
      buffer.copy(buffer, 0, start, end);
      filled = end - start;
    }
    if (filled > 0 && !skippingLongLine) emit(0, filled);
    return { lines: lineNumber, bytes: totalBytes, hadBom };
  } finally {
    await handle.close();
  }
}
