/**
 * comply-gate's record scanner, in AssemblyScript (compiled by `npm run build:wasm` into
 * src/dataset/record-scan.wasm.ts): finds the record ends of a line-based file (every "\n") or of a CSV file
 * (a "\n" outside double quotes, RFC 4180: an escaped quote is doubled, so quote parity tells inside from
 * outside) 64 bytes at a time, to plan where the dataset scan may cut a file into units. In JavaScript, one
 * `indexOf` per record planned 782 MB of CSV in 1.7 s on the main thread while the workers waited.
 *
 * The caller reads a chunk of the file into the buffer at `bufferPointer()` (at most `bufferBytes()`, which
 * `reserve` raises) and calls `scan` on it, again from just past each cut it is given; the quote state carries
 * over between calls.
 */

import { ensureMemory } from "./memory";

const BUFFER: usize = (__heap_base + 63) & ~63;
/** The buffer's size: 1 MiB to start (a planning read), more on `reserve` (a whole CSV unit). */
let bufferSize: i32 = 1 << 20;

ensureMemory(BUFFER + <usize>bufferSize + 128);

/** Inside a quoted field at the end of the bytes scanned so far. */
let inQuotes: u64 = 0;
/** Record ends counted by the last `scan`, up to and including the one it returned. */
let counted: i32 = 0;
/** Every "\n" the last `scan` passed, quoted ones too, up to and including the record end it returned. */
let newlinesCounted: i32 = 0;

export function bufferPointer(): usize {
  return BUFFER;
}

export function bufferBytes(): i32 {
  return bufferSize;
}

/** Make the buffer hold at least `bytes` (growing the memory detaches the caller's views of it). */
export function reserve(bytes: i32): void {
  if (bytes <= bufferSize) return;
  bufferSize = bytes;
  ensureMemory(BUFFER + <usize>bufferSize + 128);
}

/** Forget the quote state: a new file (or a new start at a record end). */
export function reset(): void {
  inQuotes = 0;
}

/** Record ends counted by the last `scan`. */
export function records(): i32 {
  return counted;
}

/** Line breaks counted by the last `scan` (a CSV record's quoted ones too, unlike `records`). */
export function lines(): i32 {
  return newlinesCounted;
}

/** Each bit's parity of the set bits at or below it: with quotes as bits, 1 from an opening quote to its close. */
@inline function prefixXor(bits: u64): u64 {
  bits ^= bits << 1;
  bits ^= bits << 2;
  bits ^= bits << 4;
  bits ^= bits << 8;
  bits ^= bits << 16;
  bits ^= bits << 32;
  return bits;
}

/**
 * Scan buffer bytes [from, n), counting record ends (`records()`) and line breaks (`lines()`). Returns the position of the first record end
 * at or past `stopAt` (the bytes after it are not scanned: call again from just past it), or -1 when there is
 * none before `n`. With `quoted` 0 every "\n" ends a record.
 */
export function scan(from: i32, n: i32, quoted: i32, stopAt: i32): i32 {
  counted = 0;
  newlinesCounted = 0;
  const end = BUFFER + <usize>n;
  memory.fill(end, 0, 64); // the last block's bytes past the end: neither quotes nor newlines
  const quote = i8x16.splat(0x22);
  const newline = i8x16.splat(0x0a);
  let block = BUFFER + <usize>(from & ~63);
  let skip: u64 = (<u64>-1) << (<u64>(from & 63)); // bits of the first block at or after `from`
  for (; block < end; block += 64) {
    let quotes: u64 = 0;
    let newlines: u64 = 0;
    for (let k: usize = 0; k < 64; k += 16) {
      const v = v128.load(block + k);
      quotes |= <u64>i8x16.bitmask(i8x16.eq(v, quote)) << (<u64>k);
      newlines |= <u64>i8x16.bitmask(i8x16.eq(v, newline)) << (<u64>k);
    }
    quotes &= skip;
    newlines &= skip;
    skip = <u64>-1;
    let ends = newlines;
    if (quoted) {
      const inside = prefixXor(quotes) ^ (<u64>0 - inQuotes);
      inQuotes = inside >> 63;
      ends &= ~inside;
    }
    const base = <i32>(block - BUFFER);
    if (base + 64 > stopAt) {
      // A cut may fall in this block: the first record end at or past `stopAt`.
      const late = stopAt <= base ? ends : ends & ((<u64>-1) << (<u64>(stopAt - base)));
      if (late != 0) {
        const at = base + <i32>ctz(late);
        const upToAt = (<u64>2 << (<u64>(at - base))) - 1;
        counted += <i32>popcnt(ends & upToAt);
        newlinesCounted += <i32>popcnt(newlines & upToAt);
        // The cut is a record end, outside quotes: scanning resumes there with no quote open.
        inQuotes = 0;
        return at;
      }
    }
    counted += <i32>popcnt(ends);
    newlinesCounted += <i32>popcnt(newlines);
  }
  return -1;
}
