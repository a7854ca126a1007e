/**
 * Word counting for the vocabulary-skew clause, with spanforge's word rule (specs/spanforge.md §f.2): lower-case,
 * split on `[^a-z0-9]+`, keep words of three or more characters. Only the largest count and the total matter,
 * so words are keyed straight from the string's code units into a typed-array table: no string per word
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
/** Characters per pack: 5 × 6 bits fill 30 bits, so a word of up to 10 characters is its own exact key. */
const PACK = 5;
/** Marks the key of a longer word (a hash of its packs): exact keys never have bit 30 set. */
const HASHED = 0x40000000;

/**
 * What each UTF-16 code unit is in a word: 1–36 for its lower-cased ASCII digit or letter, 0 for a separator
 * (a table lookup instead of comparisons: branches cost more than the packing). Python's lower() turns two
 * non-ASCII letters into ASCII: U+212A (Kelvin) into "k", and U+0130 into "i" plus a combining dot, which
 * ends the word (handled where the separator is).
 */
const WORD_CHAR = new Uint8Array(65536);
for (let c = 48; c <= 57; c++) WORD_CHAR[c] = c - 47;
for (let c = 97; c <= 122; c++) WORD_CHAR[c] = c - 86;
for (let c = 65; c <= 90; c++) WORD_CHAR[c] = c - 54;
WORD_CHAR[0x212a] = WORD_CHAR[107] as number;
const DOTTED_I = 0x130;
const LOWER_I = WORD_CHAR[105] as number;

/** Start of a long word's hash from its first two packs. */
const seedHigh = (first: number, second: number): number => Math.imul(first ^ 0x2f0b3d4b, 0x85ebca6b) ^ second;
const seedLow = (first: number, second: number): number => Math.imul(second ^ 0x1b873593, 0xc2b2ae35) ^ first;

/** A word counter's content as plain data. */
export interface WordCounts extends HashCounts {
  readonly total: number;
  /** Upper bound on how far any word's count may be under-counted (0: exact). */
  readonly errorBound: number;
}

export class WordCounter {
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
   *
   * Characters are packed 6 bits each into 30-bit packs: a word of up to 10 characters (most words) is keyed
   * by its first two packs exactly, with no hashing; a longer word's packs are hashed into a 62-bit key.
   * Packing is a shift and an or per character, where a multiplicative hash per character was the slowest
   * step of the scan.
   */
  addText(text: string): number {
    let pack = 0;
    let inPack = 0;
    let first = 0;
    let second = 0;
    let h1 = 0;
    let h2 = 0;
    let length = 0;
    let lowSurrogates = 0;
    let words = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      let c = WORD_CHAR[code] as number;
      let ends = c === 0; // a separator ends the word
      if (code === DOTTED_I) {
        c = LOWER_I; // "İ" lower-cases to "i" and a combining dot: the "i" is packed, then the word ends
        ends = true;
      } else if (ends && code >= 0xdc00 && code <= 0xdfff) lowSurrogates++;
      if (c !== 0) {
        pack = (pack << 6) | c;
        length++;
        if (++inPack === PACK) {
          if (length === PACK) first = pack;
          else if (length === 2 * PACK) second = pack;
          else {
            if (length === 3 * PACK) {
              h1 = seedHigh(first, second);
              h2 = seedLow(first, second);
            }
            h1 = Math.imul(h1 ^ pack, 0x01000193);
            h2 = Math.imul(h2 ^ pack, 0x5bd1e995);
          }
          pack = 0;
          inPack = 0;
        }
      }
      if (ends) {
        if (length >= MIN_WORD) {
          words++;
          this.countWord(length, first, second, h1, h2, pack);
        }
        pack = 0;
        inPack = 0;
        length = 0;
      }
    }
    if (length >= MIN_WORD) {
      words++;
      this.countWord(length, first, second, h1, h2, pack);
    }
    this.total += words;
    return n - lowSurrogates;
  }

  /**
   * Count one word from its packs: up to 10 characters the packs themselves are the key (exact; a full first
   * pack and a non-zero second cannot be confused with a shorter word's), longer words a 62-bit hash of all
   * packs and the length, marked HASHED.
   */
  private countWord(length: number, first: number, second: number, h1: number, h2: number, pack: number): void {
    if (length <= PACK) {
      this.count(length === PACK ? first : pack, 0);
      return;
    }
    if (length <= 2 * PACK) {
      this.count(first, length === 2 * PACK ? second : pack);
      return;
    }
    let a = length < 3 * PACK ? seedHigh(first, second) : h1;
    let b = length < 3 * PACK ? seedLow(first, second) : h2;
    a = Math.imul(a ^ pack ^ length, 0x01000193);
    b = Math.imul(b ^ pack, 0x5bd1e995);
    this.count(((a ^ (a >>> 15)) & 0x3fffffff) | HASHED, b ^ (b >>> 13));
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
    this.table.reserve(other.counts.length, this.maxSlots);
    for (let k = 0; k < other.counts.length; k++) {
      this.add(other.hashes[2 * k] ?? 0, other.hashes[2 * k + 1] ?? 0, other.counts[k] ?? 0);
    }
    this.total += other.total;
    this.errorBound += other.errorBound;
  }
}
