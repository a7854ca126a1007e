/**
 * JSONL and TXT: lines split on `\n` only (a raw U+2028 inside a JSON string is not a line break; spanforge's
 * `splitlines()` breaks such records). A bad line is a located finding and the scan goes on; a line that is
 * valid JSON but not an object is reported too (spanforge drops it silently).
 */

import { jsonErrorMessage } from "../../core/json/syntax-message.js";
import { readLines } from "../../io/lines.js";
import type { ReadOptions, RowSink, ScanUnit } from "./reader.js";

const BLANK = /^[\s\uFEFF]*$/;

/** Reads the unit's lines into `sink`; resolves with how many lines it holds when it was read to its end. */
export async function readLineUnit(unit: ScanUnit, sink: RowSink, options: ReadOptions): Promise<number | undefined> {
  const jsonl = unit.format === "jsonl";
  let lastLine = unit.lineOffset;
  const reading = readLines(
    unit.path,
    {
      line(text, lineNumber) {
        const line = unit.lineOffset + lineNumber;
        lastLine = line;
        const body = text.endsWith("\r") ? text.slice(0, -1) : text;
        if (BLANK.test(body)) return;
        if (!jsonl) {
          sink.row({ text: body.trim() }, line, -1);
          return;
        }
        let value: unknown;
        try {
          value = JSON.parse(body);
        } catch (error) {
          sink.problem(
            "dataset.parse",
            "error",
            `${jsonErrorMessage(error)}; expected one JSON object per line`,
            line,
            -1,
          );
          return;
        }
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
          sink.problem("dataset.parse", "error", `expected a JSON object, found ${kind}`, line, -1);
          return;
        }
        sink.row(value as Record<string, unknown>, line, -1, undefined, body);
      },
      get stopped() {
        return sink.stopped === true;
      },
      badLine(lineNumber, reason) {
        lastLine = unit.lineOffset + lineNumber;
        sink.problem("dataset.parse", "error", reason, lastLine, -1);
      },
    },
    {
      start: unit.start,
      end: unit.end,
      maxLineBytes: options.maxLineBytes,
      syncReads: true,
      ...(unit.compression ? { compression: unit.compression, maxDecompressedBytes: options.maxFileBytes } : {}),
    },
  );
  if (!unit.compression) {
    const { lines } = await reading;
    return sink.stopped === true ? undefined : lines;
  }
  // A compressed file that stops decompressing (cut off, damaged) is reported where its lines end.
  return reading.then(
    ({ lines }) => (sink.stopped === true ? undefined : lines),
    (error: Error) => {
      sink.problem("dataset.parse", "error", `${error.message}: nothing from this line on was read`, lastLine + 1, -1);
      return undefined;
    },
  );
}
