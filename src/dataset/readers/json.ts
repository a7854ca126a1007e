/**
 * `.json` datasets: an array of row objects, or an object whose array values hold the rows (`{"train": [...],
 * "test": [...]}`); any other top-level object is one row. Read as a byte stream: a small state machine finds
 * where each row starts and ends (strings and escapes respected), and only that row's bytes are parsed, so a
 * multi-GB array costs one row of memory, not the file.
 */
import { type FileHandle, open } from "node:fs/promises";
import { jsonErrorMessage } from "../../core/json/syntax-message.js";
import { DecompressedBytes } from "../../io/decompress.js";
import type { ReadOptions, RowSink, ScanUnit } from "./reader.js";

const CHUNK = 1 << 20;
const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, NEWLINE] = [
  0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x0a,
];

export async function readJsonUnit(unit: ScanUnit, sink: RowSink, options: ReadOptions): Promise<void> {
  const decompressed = unit.compression
    ? new DecompressedBytes(unit.path, unit.compression, { maxBytes: options.maxFileBytes })
    : undefined;
  const handle = decompressed ? undefined : await open(unit.path, "r");
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    /** Bytes of the element being collected. */
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let collecting = false;
    let tooLong = false;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let line = 1;
    let elementLine = 0;
    let row = 0;
    /** Depth at which an element is a row: 1 in a top-level array, 2 in an array inside a top-level object. */
    let rowDepth = -1;
    let topLevel: "array" | "object" | undefined;
    let sawContent = false;
    let position = 0;
    let first = true;

    const finishElement = () => {
      collecting = false;
      const bytes = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      if (tooLong) {
        tooLong = false;
        sink.problem("dataset.parse", "error", `row is longer than ${options.maxLineBytes} bytes`, elementLine, row++);
        return;
      }
      let value: unknown;
      const text = bytes.toString("utf8");
      try {
        value = JSON.parse(text);
      } catch (error) {
        sink.problem("dataset.parse", "error", jsonErrorMessage(error), elementLine, row++);
        return;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        sink.problem("dataset.parse", "error", "expected a JSON object as an array element", elementLine, row++);
        return;
      }
      sink.row(value as Record<string, unknown>, elementLine, row++, undefined, text);
    };

    for (;;) {
      const bytesRead = decompressed
        ? await decompressed.read(chunk, 0, CHUNK)
        : (await (handle as FileHandle).read(chunk, 0, CHUNK, position)).bytesRead;
      if (bytesRead === 0 || sink.stopped) break;
      position += bytesRead;
      let i = 0;
      if (first) {
        first = false;
        if (bytesRead >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
      }
      let segmentStart = collecting ? i : -1;
      for (; i < bytesRead; i++) {
        const c = chunk[i] as number;
        if (c === NEWLINE) line++;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
          continue;
        }
        if (c === QUOTE) {
          inString = true;
          sawContent = true;
          continue;
        }
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          if (depth === 0) {
            topLevel = c === OPEN_BRACKET ? "array" : "object";
            rowDepth = c === OPEN_BRACKET ? 1 : -1;
            if (topLevel === "object") {
              // Collect the whole object too, in case it has no arrays and is itself one row.
              collecting = true;
              elementLine = line;
              segmentStart = i;
            }
          } else if (depth === rowDepth && !collecting) {
            collecting = true;
            elementLine = line;
            segmentStart = i;
          } else if (depth === 1 && topLevel === "object" && c === OPEN_BRACKET) {
            // An array under the top-level object: its elements are rows, and the object is not one row.
            rowDepth = 2;
            collecting = false;
            pending = [];
            pendingBytes = 0;
            segmentStart = -1;
          }
          depth++;
          sawContent = true;
          continue;
        }
        if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth--;
          if (collecting && depth === (rowDepth === -1 ? 0 : rowDepth)) {
            pending.push(Buffer.from(chunk.subarray(segmentStart, i + 1)));
            pendingBytes += i + 1 - segmentStart;
            finishElement();
            segmentStart = -1;
          } else if (depth === 1 && rowDepth === 2 && c === CLOSE_BRACKET) rowDepth = -2; // until the next array
          continue;
        }
        if (c > 0x20) sawContent = true;
      }
      if (collecting && segmentStart >= 0) {
        const size = bytesRead - segmentStart;
        if (pendingBytes + size > options.maxLineBytes) tooLong = true;
        else {
          pending.push(Buffer.from(chunk.subarray(segmentStart, bytesRead)));
          pendingBytes += size;
        }
      }
    }
    if (!sawContent) {
      sink.problem("dataset.parse", "error", "empty file: expected a JSON array of row objects", 1, -1);
    } else if (depth !== 0 || inString || collecting) {
      sink.problem(
        "dataset.parse",
        "error",
        "the JSON document is cut short (unclosed array, object or string)",
        line,
        -1,
      );
    } else if (topLevel === undefined) {
      sink.problem("dataset.parse", "error", "expected a JSON array or object at the top level", 1, -1);
    }
  } finally {
    decompressed?.close();
    await handle?.close();
  }
}
