/**
 * Word counting for the vocabulary-skew clause, with spanforge's word rule (specs/spanforge.md §f.2): lower-case,
 * split on `[^a-z0-9]+`, keep words of three or more characters. Only the largest count and the total matter,
 * so words are keyed straight from the text's bytes into a hash table: no string per word (a
 * `Map<string, number>` keyed by new strings makes the whole scan ten times slower).
 *
 * The per-character work runs in the text core (wasm/text-core.ts, WebAssembly): the same pass also counts
 * code points (spanforge's token rule) and hashes the value for the duplicate-row clause. Each counter is its
 * own module instance with its own memory: one per thread, plus those a merge creates.
 *
 * Memory is bounded: when the table is full, words seen at most `t` times are dropped (lossy counting). A word
 * dropped and seen again is then under-counted by at most `t`; the sum of those `t` is the error bound reported
 * with the skew ratio. On natural-language data the table never fills and the counts are exact.
 */
import { exportSlots, type HashCounts } from "./hash-table.js";
import { TEXT_CORE_WASM } from "./text-core.wasm.js";
import { instantiate } from "./wasm-module.js";

/** 2^21 slots of 12 bytes: 24 MiB at most, about 1.4 million distinct words before pruning. */
const DEFAULT_MAX_SLOTS = 1 << 21;
const INITIAL_SLOTS = 1 << 14;
/** UTF-16 code units written to the core at once: at most 196,608 bytes of UTF-8, within its text buffer. */
const PIECE = 65_536;
const FIRST = 1;
const LAST = 2;
/** `PiiHint.NonAscii` (recognizers/index.ts; not imported: the recognizers are not needed to count words). */
const NON_ASCII = 64;

interface TextCore {
  readonly memory: { readonly buffer: ArrayBuffer };
  reset(initial: number, max: number): void;
  textPointer(): number;
  textBytes(): number;
  resultPointer(): number;
  tablePointer(): number;
  tableCapacity(): number;
  distinct(): number;
  total(): number;
  bound(): number;
  add(high: number, low: number, by: number): void;
  reserve(more: number): void;
  scan(bytes: number, flags: number): number;
  hash(bytes: number, flags: number): void;
  maxCount(): number;
  addTotals(words: number, errorBound: number): void;
}

const encoder = new TextEncoder();

/** A word counter's content as plain data. */
export interface WordCounts extends HashCounts {
  readonly total: number;
  /** Upper bound on how far any word's count may be under-counted (0: exact). */
  readonly errorBound: number;
}

export class WordCounter {
  private readonly core = instantiate<TextCore>(TEXT_CORE_WASM);
  private readonly textAt: number;
  private readonly textBytes: number;
  private readonly resultAt: number;
  /** Views of the core's memory, renewed when it grows (growing detaches the old buffer). */
  private buffer: ArrayBuffer;
  private text: Uint8Array;
  private ints: Int32Array;
  /** The content hash of the last text counted (two 32-bit halves), for the duplicate-row clause. */
  hashHigh = 0;
  hashLow = 0;
  /**
   * The last text's PII hints (`PiiHint` bits: which recognizer triggers can match it at all; without
   * `DigitOrAt`, a digit or an "@", the text cannot hold personal data).
   */
  piiHints = 0;
  /**
   * Where the last text's ASCII digits lie, as UTF-16 offsets: none before `digitsFrom`, none at or after
   * `digitsTo` (bounds, exact for ASCII text: a non-ASCII character's UTF-8 bytes outnumber its UTF-16 units).
   */
  digitsFrom = 0;
  digitsTo = 0;

  constructor(options: { maxSlots?: number } = {}) {
    const maxSlots = options.maxSlots ?? DEFAULT_MAX_SLOTS;
    this.core.reset(Math.min(INITIAL_SLOTS, maxSlots), maxSlots);
    this.textAt = this.core.textPointer();
    this.textBytes = this.core.textBytes();
    this.resultAt = this.core.resultPointer() >> 2;
    this.buffer = this.core.memory.buffer;
    this.text = new Uint8Array(this.buffer, this.textAt, this.textBytes);
    this.ints = new Int32Array(this.buffer);
  }

  /** Renew the views when the memory has grown: growing detaches the old buffer (its views become empty). */
  private views(): void {
    if (this.ints.length !== 0) return;
    this.buffer = this.core.memory.buffer;
    this.text = new Uint8Array(this.buffer, this.textAt, this.textBytes);
    this.ints = new Int32Array(this.buffer);
  }

  /** Number of words counted. */
  get total(): number {
    return this.core.total();
  }

  /** Sum of the pruning thresholds so far: the most any word can be under-counted. */
  get errorBound(): number {
    return this.core.bound();
  }

  /**
   * Hash a text as `addText` does (`hashHigh`, `hashLow`; the same hash for the same text) without counting
   * its words or code points or screening it: a text that is not one of the data's values.
   */
  hashText(text: string): void {
    // In pieces as `addText` writes them (never splitting a surrogate pair); an empty text is one empty piece.
    let start = 0;
    do {
      let end = Math.min(start + PIECE, text.length);
      const unit = text.charCodeAt(end - 1);
      if (end < text.length && unit >= 0xd800 && unit <= 0xdbff) end--;
      this.views();
      const piece = start === 0 && end === text.length ? text : text.slice(start, end);
      const flags = (start === 0 ? FIRST : 0) | (end === text.length ? LAST : 0);
      this.core.hash(encoder.encodeInto(piece, this.text).written, flags);
      start = end;
    } while (start < text.length);
    this.views();
    this.hashHigh = this.ints[this.resultAt] as number;
    this.hashLow = this.ints[this.resultAt + 1] as number;
  }

  /**
   * Count the words of one value, hash it (`hashHigh`, `hashLow`) and screen it (`piiHints`). Returns the value's length in code
   * points (spanforge's token rule counts code points; a lone surrogate counts as one).
   */
  addText(text: string): number {
    let codePoints = 0;
    // UTF-8 longer than the UTF-16 text: a character outside ASCII (`PiiHint.NonAscii`).
    let nonAscii = false;
    if (text.length <= PIECE) {
      this.views();
      const written = encoder.encodeInto(text, this.text).written;
      nonAscii = written !== text.length;
      codePoints = this.core.scan(written, FIRST | LAST);
    } else {
      // Pieces never split a surrogate pair, so every piece is whole UTF-8.
      for (let start = 0; start < text.length; ) {
        let end = Math.min(start + PIECE, text.length);
        const unit = text.charCodeAt(end - 1);
        if (end < text.length && unit >= 0xd800 && unit <= 0xdbff) end--;
        this.views();
        const flags = (start === 0 ? FIRST : 0) | (end === text.length ? LAST : 0);
        const written = encoder.encodeInto(text.slice(start, end), this.text).written;
        nonAscii ||= written !== end - start;
        codePoints += this.core.scan(written, flags);
        start = end;
      }
    }
    this.views();
    this.hashHigh = this.ints[this.resultAt] as number;
    this.hashLow = this.ints[this.resultAt + 1] as number;
    this.piiHints = (this.ints[this.resultAt + 2] as number) | (nonAscii ? NON_ASCII : 0);
    if (text.length > PIECE) {
      // (the core saw the last piece's bytes only)
      this.digitsFrom = 0;
      this.digitsTo = text.length;
    } else {
      // A UTF-16 unit is at most three UTF-8 bytes and at least one: byte offset b is unit b / 3 to b.
      const from = this.ints[this.resultAt + 3] as number;
      this.digitsFrom = nonAscii ? Math.floor(from / 3) : from;
      this.digitsTo = Math.min(this.ints[this.resultAt + 4] as number, text.length);
    }
    return codePoints;
  }

  /** The largest count of any one word (0 when no word was counted). */
  maxCount(): number {
    return this.core.maxCount() >>> 0;
  }

  /** Number of distinct words held. */
  distinct(): number {
    return this.core.distinct();
  }

  /** Occupied slots in slot order (deterministic for the same insertions). */
  export(): WordCounts {
    this.views();
    const slots = new Int32Array(this.buffer, this.core.tablePointer(), this.core.tableCapacity() * 3);
    return { ...exportSlots(slots, this.core.distinct()), total: this.total, errorBound: this.errorBound };
  }

  /** Add another counter's words (from a worker or a shard). */
  addCounts(other: WordCounts): void {
    this.core.reserve(other.counts.length);
    for (let k = 0; k < other.counts.length; k++) {
      this.core.add(other.hashes[2 * k] ?? 0, other.hashes[2 * k + 1] ?? 0, other.counts[k] ?? 0);
    }
    this.core.addTotals(other.total, other.errorBound);
  }
}
