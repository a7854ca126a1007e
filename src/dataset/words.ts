/**
 * Word counting for the vocabulary-skew clause, with spanforge's word rule (specs/spanforge.md §f.2): lower-case,
 * split on `[^a-z0-9]+`, keep words of three or more characters. Only the largest count and the total matter,
 * so words are hashed straight from the string's code units into a typed-array table: no string per word
 * (a `Map<string, number>` keyed by new strings makes the whole scan ten times slower).
 *
 * Memory is bounded: when the table is full, words seen at most `t` times are dropped (lossy counting). A word
 * dropped and seen again is then under-counted by at most `t`; the sum of those `t` is the error bound reported
 * with the skew ratio. On natural-language data the table never fills and the counts are exact.
 */
import { type HashCounts, HashTable64 } from "./hash-table.js";

/** Words of at least this many characters count (spanforge). */
const MIN_WORD = 3;
/** 2^21 slots of 12 bytes: 24 MiB at most, about 1.4 million distinct words before pruning. */
const DEFAULT_MAX_SLOTS = 1 << 21;
const SEED_1 = 0x811c9dc5;
const SEED_2 = 0x9747b28c;

/**
 * What each UTF-16 code unit is in a word: its lower-case ASCII letter or digit, 0 for a separator, or
 * DOTTED_I. A table lookup instead of comparisons (branches cost more than the hashing). Python's lower()
 * turns two non-ASCII letters into ASCII: U+212A (Kelvin) into "k", U+0130 into "i" plus a combining dot.
 */
const DOTTED_I = 1;
const WORD_CHAR = new Uint8Array(65536);
for (let c = 48; c <= 57; c++) WORD_CHAR[c] = c;
for (let c = 97; c <= 122; c++) WORD_CHAR[c] = c;
for (let c = 65; c <= 90; c++) WORD_CHAR[c] = c + 32;
WORD_CHAR[0x212a] = 107;
WORD_CHAR[0x130] = DOTTED_I;

/** A word counter's content as plain data. */
export interface WordCounts extends HashCounts {
  readonly total: number;
  /** Upper bound on how far any word's count may be under-counted (0: exact). */
  readonly errorBound: number;
}

export class WordCounter {
  // The table is held here rather than behind HashTable64's methods for the hot path: the probe is inlined in
  // `addText` (a call per word costs more than the hashing). Growth, pruning and export go through the table.
  private table = new HashTable64();
  private readonly maxSlots: number;
  /** Number of words counted. */
  total = 0;
  /** Sum of the pruning thresholds so far: the most any word can be under-counted. */
  errorBound = 0;

  constructor(options: { maxSlots?: number } = {}) {
    this.maxSlots = options.maxSlots ?? DEFAULT_MAX_SLOTS;
  }

  /**
   * Count the words of one value. Returns the value's length in code points (spanforge's token rule counts
   * code points), computed in the same pass.
   */
  addText(text: string): number {
    let h1 = SEED_1;
    let h2 = SEED_2;
    let length = 0;
    let lowSurrogates = 0;
    let words = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      let c = WORD_CHAR[code] as number;
      if (c > DOTTED_I) {
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = (Math.imul(h2, 31) + c) | 0;
        length++;
        continue;
      }
      if (c === DOTTED_I) {
        // "İ" lower-cases to "i" and a combining dot: the "i" ends the word.
        c = 105;
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = (Math.imul(h2, 31) + c) | 0;
        length++;
      } else if (code >= 0xdc00 && code <= 0xdfff) lowSurrogates++;
      if (length >= MIN_WORD) {
        words++;
        this.count(h1 ^ Math.imul(length, 0x27d4eb2d), h2 ^ (h2 >>> 15));
      }
      h1 = SEED_1;
      h2 = SEED_2;
      length = 0;
    }
    if (length >= MIN_WORD) {
      words++;
      this.count(h1 ^ Math.imul(length, 0x27d4eb2d), h2 ^ (h2 >>> 15));
    }
    this.total += words;
    return n - lowSurrogates;
  }

  private count(high: number, low: number): void {
    if (this.table.increment(high, low)) return;
    this.add(high, low, 1);
  }

  private add(high: number, low: number, by: number): void {
    this.table.add(high, low, by, this.maxSlots);
    if (!this.table.full(this.maxSlots)) return;
    // Drop the rarest words until more than half of the table is free again.
    let threshold = 0;
    while (this.table.size > this.table.slots * 0.45) {
      threshold = threshold === 0 ? 1 : threshold * 2;
      this.table.prune(threshold);
    }
    this.errorBound += threshold;
  }

  /** The largest count of any one word (0 when no word was counted). */
  maxCount(): number {
    return this.table.maxCount();
  }

  /** Number of distinct words held. */
  distinct(): number {
    return this.table.size;
  }

  export(): WordCounts {
    return { ...this.table.export(), total: this.total, errorBound: this.errorBound };
  }

  /** Add another counter's words (from a worker or a shard). */
  addCounts(other: WordCounts): void {
    for (let k = 0; k < other.counts.length; k++) {
      this.add(other.hashes[2 * k] ?? 0, other.hashes[2 * k + 1] ?? 0, other.counts[k] ?? 0);
    }
    this.total += other.total;
    this.errorBound += other.errorBound;
  }
}
