/**
 * Parquet text values decoded one row at a time. hyparquet decodes a whole column of strings when its page is
 * read; a row group's text column (12 MB on the benchmark) then outlives the young generation and is copied
 * into the old one, and collecting it there cost a fifth of a worker's time. Long values are kept as views of
 * the page until their row is built, so each string dies young, with its row.
 */

import { isContainer } from "./reader.js";

/** Values this long or longer wait for their row; shorter ones (labels, dictionary entries) are decoded at once. */
const DEFERRED_BYTES = 64;

/**
 * A UTF-8 value not yet decoded: where it lies in the page's bytes, valid until its row group's buffers are
 * released. It keeps the page's buffer and the value's place, not hyparquet's view of it: kept, the views (one
 * `Uint8Array` per value, 1.8 MB for a 16,384-row group) were promoted to the old generation with the row group.
 */
class PendingText {
  readonly buffer: ArrayBufferLike;
  readonly offset: number;
  readonly length: number;

  constructor(bytes: Uint8Array) {
    this.buffer = bytes.buffer;
    this.offset = bytes.byteOffset;
    this.length = bytes.length;
  }

  text(): string {
    return utf8.decode(new Uint8Array(this.buffer, this.offset, this.length));
  }

  /** hyparquet turns a map's keys into property names: a deferred key still names its property by its text. */
  toString(): string {
    return this.text();
  }
}

// hyparquet's own decoder: UTF-8, invalid bytes replaced, a leading byte-order mark dropped.
const utf8 = new TextDecoder();

/** hyparquet's `stringFromBytes` parser, deferring long values (absent values stay absent). */
export function stringOrPending(bytes: Uint8Array | undefined): string | PendingText | undefined {
  if (!bytes) return bytes;
  return bytes.length >= DEFERRED_BYTES ? new PendingText(bytes) : utf8.decode(bytes);
}

/**
 * A column value as the row holds it: deferred text decoded, also inside lists and structs (replaced in place:
 * the containers are this row's own).
 */
export function decodedValue(value: unknown): unknown {
  if (value instanceof PendingText) return value.text();
  if (!isContainer(value)) return value;
  // Iterative: a hostile schema may nest deeper than the stack allows (the scan refuses such rows afterwards).
  const stack: (Record<string, unknown> | unknown[])[] = [value];
  while (stack.length > 0) {
    const container = stack.pop() as Record<string, unknown> | unknown[];
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) {
        const item = container[i];
        if (item instanceof PendingText) container[i] = item.text();
        else if (isContainer(item)) stack.push(item);
      }
    } else {
      for (const key of Object.keys(container)) {
        const item = container[key];
        if (item instanceof PendingText) container[key] = item.text();
        else if (isContainer(item)) stack.push(item);
      }
    }
  }
  return value;
}
