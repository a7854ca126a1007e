/**
 * comply-gate's text core, in AssemblyScript (compiled by `npm run build:wasm` into
 * src/dataset/text-core.wasm.ts): one pass over a string value's UTF-8 bytes that counts its words for the
 * vocabulary-skew clause, its code points for the PII density clause, its content hash for the duplicate
 * clause and whether it holds a digit or an "@" (the PII screen). In JavaScript the same loop over UTF-16 code
 * units cost ≈ 3 ns a character and was a third of the scan; here SIMD classifies 64 bytes at a time and each
 * word is keyed from its bytes, eight at a time.
 *
 * Words follow spanforge's rule (specs/spanforge.md §f.2): lower-case, split on `[^a-z0-9]+`, keep words of
 * three or more characters. Python's lower() turns two non-ASCII letters into ASCII: U+212A (Kelvin) into
 * "k", and U+0130 into "i" plus a combining dot, which ends the word.
 *
 * Memory: [character classes | result | text buffer | word masks | word table | rehash scratch]. The caller
 * writes at most TEXT_BYTES of UTF-8 at `textPointer()` and calls `scan`; a longer string is written and
 * scanned in pieces (the word and hash state carry over between pieces).
 */

import { ensureMemory } from "./memory";

/** Words of at least this many characters count (spanforge). */
const MIN_WORD: i32 = 3;
/** Bytes of UTF-8 the caller may write at once: 65,536 UTF-16 code units need at most 196,608. */
const TEXT_BYTES: i32 = 256 * 1024;
/** Bytes per table slot: key high, key low, count. */
const SLOT: i32 = 12;

const CLASSES: usize = (__heap_base + 15) & ~15;
const RESULT: usize = CLASSES + 128;
const TEXT: usize = RESULT + 64;
/** One word-character mask per 64 bytes of text; the text's SIMD loads may read 128 bytes past its end. */
const MASKS: usize = TEXT + <usize>TEXT_BYTES + 128;
const TABLE: usize = MASKS + <usize>(TEXT_BYTES >> 3);

// What each ASCII byte is in a word: its lower case for a digit or letter, 0 for a separator.
ensureMemory(TABLE);
for (let c = 48; c <= 57; c++) store<u8>(CLASSES + c, c);
for (let c = 65; c <= 90; c++) store<u8>(CLASSES + c, c | 0x20);
for (let c = 97; c <= 122; c++) store<u8>(CLASSES + c, c);

// The word table: open addressing, [high, low, count] per slot.
let capacity: i32 = 0;
let shift: i32 = 0;
let size: i32 = 0;
let maxSlots: i32 = 1 << 21;
let wordTotal: f64 = 0;
let errorBound: f64 = 0;

/** Start an empty table of `initial` slots that may grow to `max` slots (both powers of two). */
export function reset(initial: i32, max: i32): void {
  capacity = initial;
  shift = 32 - ctz(initial);
  maxSlots = max;
  size = 0;
  wordTotal = 0;
  errorBound = 0;
  ensureMemory(TABLE + <usize>(initial * SLOT));
  memory.fill(TABLE, 0, <usize>(initial * SLOT));
}

export function textPointer(): usize {
  return TEXT;
}

export function textBytes(): i32 {
  return TEXT_BYTES;
}

/**
 * Where `scan` leaves what it found about the finished string: its 64-bit hash (two i32 at RESULT and
 * RESULT + 4) and its hints for the PII screen (an i32 at RESULT + 8), each a fact the recognizers' trigger
 * patterns need (src/dataset/recognizers/index.ts, `PiiHint`). Bit 0: a digit or an "@"; bit 1: an "@"; bit 2:
 * six or more ASCII digits; bit 3: an ASCII capital letter; bit 4: a "." or a ":"; bit 5: a mark that starts
 * a secret ("_", ":", "=", "--", "k-", "xo", or "A" before a capital). The byte-at-a-time path reports bits 1-5
 * set whenever bit 0 is (it does not look), and bit 5 for any "_", ":", "=", "-" or "A": a set bit only means
 * "run that pattern". At RESULT + 12 and RESULT + 16 (i32): where the string's ASCII digits lie, from the byte
 * of the first to just past the last (0 and 0 when it has none); the byte-at-a-time path reports the whole
 * string (0 and its length), so the recognizers look for digits only where the fast path saw them.
 */
export function resultPointer(): usize {
  return RESULT;
}

export function tablePointer(): usize {
  return TABLE;
}

export function tableCapacity(): i32 {
  return capacity;
}

export function distinct(): i32 {
  return size;
}

export function total(): f64 {
  return wordTotal;
}

export function bound(): f64 {
  return errorBound;
}

/** A key's first slot's address. Keys can be structured (packed characters), so both halves are mixed. */
@inline function home(high: i32, low: i32): usize {
  return TABLE + <usize>((<u32>((high ^ (low * <i32>0x85ebca6b)) * <i32>0x9e3779b1) >>> shift) * SLOT);
}

/** Add `by` to a key's count, inserting it; grows the table, or prunes it once it is at its largest. */
export function add(high: i32, low: i32, by: u32): void {
  const end = TABLE + <usize>(capacity * SLOT);
  let at = home(high, low);
  for (;;) {
    const count = load<u32>(at, 8);
    if (count == 0) break;
    if (load<i32>(at) == high && load<i32>(at, 4) == low) {
      store<u32>(at, count + by, 8);
      return;
    }
    at += SLOT;
    if (at == end) at = TABLE;
  }
  store<i32>(at, high);
  store<i32>(at, low, 4);
  store<u32>(at, by, 8);
  size++;
  if (<f64>size <= <f64>capacity * 0.7) return;
  if (capacity < maxSlots) {
    rehash(capacity * 2, 0);
    return;
  }
  // Full at its largest: drop the rarest words until more than half of the table is free again (lossy
  // counting). A dropped word seen again is under-counted by at most the threshold, summed into `errorBound`.
  let threshold: u32 = 0;
  while (<f64>size > <f64>capacity * 0.45) {
    threshold = threshold == 0 ? 1 : threshold * 2;
    rehash(capacity, threshold);
  }
  errorBound += <f64>threshold;
}

/** Grow before adding `more` keys (a merge): keys that come in another table's slot order would pile up. */
export function reserve(more: i32): void {
  let target = capacity;
  while (<f64>(size + more) / <f64>target > 0.7 && target < maxSlots) target *= 2;
  if (target != capacity) rehash(target, 0);
}

/** Move every key counted more than `dropAtMost` times into a table of `slots` slots. */
function rehash(slots: i32, dropAtMost: u32): void {
  // The old slots are copied, compacted, past the end of the new table, then re-inserted.
  const oldEnd = TABLE + <usize>(capacity * SLOT);
  const scratch = TABLE + <usize>(max(slots, capacity) * SLOT);
  ensureMemory(scratch + <usize>(size * SLOT));
  let kept: usize = scratch;
  for (let at = TABLE; at < oldEnd; at += SLOT) {
    const count = load<u32>(at, 8);
    if (count == 0 || count <= dropAtMost) continue;
    memory.copy(kept, at, SLOT);
    kept += SLOT;
  }
  capacity = slots;
  shift = 32 - ctz(slots);
  size = 0;
  memory.fill(TABLE, 0, <usize>(slots * SLOT));
  const end = TABLE + <usize>(slots * SLOT);
  for (let from = scratch; from < kept; from += SLOT) {
    const high = load<i32>(from);
    const low = load<i32>(from, 4);
    let at = home(high, low);
    while (load<u32>(at, 8) != 0) {
      at += SLOT;
      if (at == end) at = TABLE;
    }
    memory.copy(at, from, SLOT);
    size++;
  }
}

/** Word keys: up to 8 characters the lower-cased bytes themselves, longer words a 63-bit hash of them. */
const GROUP_PRIME: u64 = 0x9e3779b97f4a7c15;
const HASH_SEED: u64 = 0x2545f4914f6cdd1d;
/** Marks a hashed key: an exact key's bytes are ASCII, so its bit 63 is never set. */
const HASHED_KEY: u64 = 0x8000000000000000;
/** OR-ing 0x20 lower-cases an ASCII letter and leaves a digit as it is. */
const LOWER: u64 = 0x2020202020202020;

/** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
@inline function fmix(h: u64): u64 {
  h = (h ^ (h >> 33)) * 0xff51afd7ed558ccd;
  h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53;
  return h ^ (h >> 33);
}

/** Count one word by its 64-bit key (its bytes, or a long word's hash), as the table's two 32-bit halves. */
@inline function countKey(key: u64): void {
  add(<i32>(key >> 32), <i32>key, 1);
}

/** A finished long word's key from its running group hash, its last partial group and its length. */
@inline function longKey(hash: u64, partial: u64, length: i32): u64 {
  if (length & 7) hash = (hash ^ partial) * GROUP_PRIME;
  return fmix(hash ^ <u64>length) | HASHED_KEY;
}

/** Count the word of `length` bytes at `start` (all of them word characters), read eight bytes at a time. */
function countWordAt(start: usize, length: i32): void {
  if (length <= 8) {
    countKey((load<u64>(start) | LOWER) & (<u64>-1 >> (<u64>(64 - 8 * length))));
    return;
  }
  let hash = HASH_SEED;
  let at = start;
  const full = start + <usize>(length & ~7);
  for (; at < full; at += 8) hash = (hash ^ (load<u64>(at) | LOWER)) * GROUP_PRIME;
  const rest = length & 7;
  const partial = rest == 0 ? 0 : (load<u64>(at) | LOWER) & (<u64>-1 >> (<u64>(64 - 8 * rest)));
  countKey(longKey(hash, partial, length));
}

/**
 * Scan `n` bytes of UTF-8 at the text buffer. `flags` bit 0: the first piece of a string (start its word and
 * hash); bit 1: the last piece (end its last word and leave its hash at `resultPointer()`). Returns the
 * piece's code points.
 *
 * A whole string (both bits) takes the fast path: SIMD classifies 64 bytes into a word-character mask, then
 * each word is keyed from its bytes, eight at a time. Pieces of a long string, and text with the two
 * non-ASCII letters Python lower-cases to ASCII, take the byte-at-a-time path; both give the same keys.
 */
export function scan(n: i32, flags: i32): i32 {
  if (flags == 3) {
    const codePoints = classify(n);
    if (codePoints >= 0) {
      countWords(n);
      hashText(n, true);
      finish();
      return codePoints;
    }
  }
  if (flags & 1) textHints = 0;
  digitsFrom = 0;
  digitsTo = n;
  const codePoints = scanBytes(n, flags);
  hashText(n, (flags & 1) != 0);
  if (flags & 2) finish();
  return codePoints;
}

/**
 * The hint marks by nibble (`classify`): a byte's classes are `lowClasses`[its low nibble] & `highClasses`[its
 * high nibble], one bit each: "@"; "A", "H", "q" or "x" (a pair may start there: "A" + capital, "xo"); "B"-"O";
 * "P"-"Z"; "."; ":"; "_"; "-" or "=" (a pair may start at "-": "--"; "k-" ends in one). Every set is a
 * rectangle of high and low nibbles, so each bit is exact; bytes from 0x80 have no class.
 */
const CLASS_AT: i8 = 0x01;
const CLASS_PAIR_LETTER: i8 = 0x02;
const CLASS_B_TO_O: i8 = 0x04;
const CLASS_P_TO_Z: i8 = 0x08;
const CLASS_DOT: i8 = 0x10;
const CLASS_COLON: i8 = 0x20;
const CLASS_UNDERSCORE: i8 = 0x40;
const CLASS_DASH_OR_EQUALS: i8 = <i8>0x80;

/**
 * Fill MASKS with one bit per byte (1: an ASCII letter or digit) and count code points; -1 when the text holds
 * U+212A or U+0130 (whose lower case is ASCII: the byte-at-a-time path handles them).
 */
function classify(n: i32): i32 {
  const a = i8x16.splat(0x61);
  const zero = i8x16.splat(0x30);
  const letters = i8x16.splat(26);
  const digits = i8x16.splat(10);
  const lower = i8x16.splat(0x20);
  const nibble = i8x16.splat(0x0f);
  const capitalA = i8x16.splat(0x41);
  const dash = i8x16.splat(0x2d);
  const lowClasses = i8x16(0x09, 0x0a, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0e, 0x0c, 0x2c, 0x04, 0x04, <i8>0x84, 0x14, 0x44);
  const highClasses = i8x16(0, 0, <i8>0x90, <i8>0xa0, 0x07, 0x48, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0);
  // Only where a pair may start is the next byte loaded and compared (one 16-byte block in many, in prose).
  const pairStarts = i8x16.splat(CLASS_PAIR_LETTER | CLASS_DASH_OR_EQUALS);
  let continuations = 0;
  let digitCount = 0;
  // The classes any byte held (bytes past the end are zeroed below: no class), and what the exact look at a
  // possible pair found: an "=", a pair that starts a secret, a capital "A".
  let classes = i8x16.splat(0);
  let secretMarks = i8x16.splat(0);
  let capitalAs = i8x16.splat(0);
  let firstDigit = -1;
  let lastDigitEnd = 0;
  let mask: usize = MASKS;
  const end = TEXT + <usize>n;
  // The last block's loads reach up to 66 bytes past the end: zeros there are no word, hint or code point.
  memory.fill(end, 0, 80);
  for (let p = TEXT; p < end; p += 64) {
    let bits: u64 = 0;
    let blockDigits: u64 = 0;
    for (let k: usize = 0; k < 64; k += 16) {
      const v = v128.load(p + k);
      const isLetter = i8x16.lt_u(i8x16.sub(v128.or(v, lower), a), letters);
      const isDigit = i8x16.lt_u(i8x16.sub(v, zero), digits);
      bits |= <u64>i8x16.bitmask(v128.or(isLetter, isDigit)) << (<u64>k);
      const digitBits = i8x16.bitmask(isDigit);
      blockDigits |= <u64>digitBits << (<u64>k);
      digitCount += popcnt(digitBits);
      const byteClasses = v128.and(
        i8x16.swizzle(lowClasses, v128.and(v, nibble)),
        i8x16.swizzle(highClasses, i8x16.shr_u(v, 4)),
      );
      classes = v128.or(classes, byteClasses);
      if (v128.any_true(v128.and(byteClasses, pairStarts))) {
        // Secret marks: "=", or a pair with the next byte ("--", "k-", "xo", "A" + capital).
        const next = v128.load(p + k + 1);
        const isA = i8x16.eq(v, capitalA);
        capitalAs = v128.or(capitalAs, isA);
        secretMarks = v128.or(
          secretMarks,
          v128.or(
            v128.or(
              i8x16.eq(v, i8x16.splat(0x3d)),
              v128.and(v128.or(i8x16.eq(v, dash), i8x16.eq(v, i8x16.splat(0x6b))), i8x16.eq(next, dash)),
            ),
            v128.or(
              v128.and(i8x16.eq(v, i8x16.splat(0x78)), i8x16.eq(next, i8x16.splat(0x6f))),
              v128.and(isA, i8x16.lt_u(i8x16.sub(next, capitalA), letters)),
            ),
          ),
        );
      }
      const high = i8x16.bitmask(v);
      if (high != 0) {
        const kelvin = v128.and(
          i8x16.eq(v, i8x16.splat(<i8>0xe2)),
          v128.and(i8x16.eq(v128.load(p + k + 1), i8x16.splat(<i8>0x84)), i8x16.eq(v128.load(p + k + 2), i8x16.splat(<i8>0xaa))),
        );
        const dottedI = v128.and(i8x16.eq(v, i8x16.splat(<i8>0xc4)), i8x16.eq(v128.load(p + k + 1), i8x16.splat(<i8>0xb0)));
        if (v128.any_true(v128.or(kelvin, dottedI))) return -1;
        const continuation = i8x16.eq(v128.and(v, i8x16.splat(<i8>0xc0)), i8x16.splat(<i8>0x80));
        continuations += popcnt(i8x16.bitmask(continuation));
      }
    }
    if (blockDigits != 0) {
      const base = <i32>(p - TEXT);
      if (firstDigit < 0) firstDigit = base + <i32>ctz(blockDigits);
      lastDigitEnd = base + 64 - <i32>clz(blockDigits);
    }
    store<u64>(mask, bits);
    mask += 8;
  }
  const hasAt = v128.any_true(v128.and(classes, i8x16.splat(CLASS_AT)));
  textHints =
    (digitCount > 0 || hasAt ? HINT_DIGIT_OR_AT : 0) |
    (hasAt ? HINT_AT : 0) |
    (digitCount >= 6 ? HINT_SIX_DIGITS : 0) |
    (v128.any_true(v128.or(v128.and(classes, i8x16.splat(CLASS_B_TO_O | CLASS_P_TO_Z)), capitalAs)) ? HINT_CAPITAL : 0) |
    (v128.any_true(v128.and(classes, i8x16.splat(CLASS_DOT | CLASS_COLON))) ? HINT_DOT_OR_COLON : 0) |
    (v128.any_true(v128.or(v128.and(classes, i8x16.splat(CLASS_COLON | CLASS_UNDERSCORE)), secretMarks))
      ? HINT_SECRET_MARK
      : 0);
  digitsFrom = firstDigit < 0 ? 0 : firstDigit;
  digitsTo = lastDigitEnd;
  return n - continuations;
}

/** Count the words marked in MASKS: a word starts where a 1 follows a 0 and ends where a 0 follows a 1. */
function countWords(n: i32): void {
  const windows = (n + 63) >> 6;
  let previous: u64 = 0; // the last bit of the previous window
  let start: i32 = -1;
  let words = 0;
  for (let w = 0; w < windows; w++) {
    const bits = load<u64>(MASKS + (<usize>w << 3));
    const shifted = (bits << 1) | previous;
    let starts = bits & ~shifted;
    let ends = ~bits & shifted;
    previous = bits >> 63;
    const base = w << 6;
    for (;;) {
      if (start < 0) {
        if (starts == 0) break;
        start = base + <i32>ctz(starts);
        starts &= starts - 1;
      }
      if (ends == 0) break;
      const length = base + <i32>ctz(ends) - start;
      ends &= ends - 1;
      if (length >= MIN_WORD) {
        words++;
        countWordAt(TEXT + <usize>start, length);
      }
      start = -1;
    }
  }
  if (start >= 0 && n - start >= MIN_WORD) {
    words++;
    countWordAt(TEXT + <usize>start, n - start);
  }
  wordTotal += <f64>words;
}

// The byte-at-a-time path's word (it may continue into the next piece of the same string).
let wordLength: i32 = 0;
let wordGroup: u64 = 0;
let wordHash: u64 = HASH_SEED;

@inline function endWord(length: i32, group: u64, hash: u64): void {
  countKey(length <= 8 ? group : longKey(hash, group, length));
}

function scanBytes(n: i32, flags: i32): i32 {
  // The word state lives in locals while the loop runs (globals are memory, not registers).
  let length = (flags & 1) != 0 ? 0 : wordLength;
  let group = (flags & 1) != 0 ? 0 : wordGroup;
  let hash = (flags & 1) != 0 ? HASH_SEED : wordHash;
  const end = TEXT + <usize>n;
  let codePoints = 0;
  let words = 0;
  let hints = textHints;
  for (let p = TEXT; p < end; p++) {
    const byte = <i32>load<u8>(p);
    let c: i32 = 0;
    let ends = true;
    if (byte < 0x80) {
      c = <i32>load<u8>(CLASSES + <usize>byte);
      ends = c == 0;
      codePoints++;
      if (<u32>(byte - 0x30) < 10 || byte == 0x40) hints = HINT_ALL;
      else if (byte == 0x5f || byte == 0x3a || byte == 0x3d || byte == 0x2d || byte == 0x41) hints |= HINT_SECRET_MARK;
    } else if ((byte & 0xc0) != 0x80) {
      codePoints++;
      if (byte == 0xe2 && p + 2 < end && load<u8>(p + 1) == 0x84 && load<u8>(p + 2) == 0xaa) {
        c = 0x6b; // U+212A: "k"
        ends = false;
        p += 2;
      } else if (byte == 0xc4 && p + 1 < end && load<u8>(p + 1) == 0xb0) {
        c = 0x69; // U+0130: "i", then the word ends
        p += 1;
      }
    }
    if (c != 0) {
      if ((length & 7) == 0) group = 0; // a new group of eight (a word of exactly 8 keeps its only group)
      group |= <u64>c << (<u64>(8 * (length & 7)));
      length++;
      if ((length & 7) == 0) hash = (hash ^ group) * GROUP_PRIME;
    }
    if (ends) {
      if (length >= MIN_WORD) {
        words++;
        endWord(length, group, hash);
      }
      length = 0;
      group = 0;
      hash = HASH_SEED;
    }
  }
  if ((flags & 2) != 0 && length >= MIN_WORD) {
    words++;
    endWord(length, group, hash);
  }
  wordTotal += <f64>words;
  wordLength = length;
  wordGroup = group;
  wordHash = hash;
  textHints = hints;
  return codePoints;
}

// The PII screen's hints (see `resultPointer`).
const HINT_DIGIT_OR_AT = 1;
const HINT_AT = 2;
const HINT_SIX_DIGITS = 4;
const HINT_CAPITAL = 8;
const HINT_DOT_OR_COLON = 16;
const HINT_SECRET_MARK = 32;
const HINT_ALL = 63;

// The current string's content hash, continued over its pieces.
let textHash: u64 = 0;
let hashedBytes: i32 = 0;
let textHints: i32 = 0;
// Where the string's digits lie (see `resultPointer`).
let digitsFrom: i32 = 0;
let digitsTo: i32 = 0;

/** Continue the string's hash over the text buffer's `n` bytes, eight a step. */
function hashText(n: i32, first: bool): void {
  let hash = first ? HASH_SEED : textHash;
  const end = TEXT + <usize>n;
  let p = TEXT;
  for (; p + 8 <= end; p += 8) hash = (hash ^ load<u64>(p)) * GROUP_PRIME;
  const rest = <i32>(end - p);
  if (rest > 0) hash = (hash ^ (load<u64>(p) & (<u64>-1 >> (<u64>(64 - 8 * rest)))) ^ (<u64>rest << 59)) * GROUP_PRIME;
  textHash = hash;
  hashedBytes = first ? n : hashedBytes + n;
}

/**
 * Hash `n` bytes of the text buffer as `scan` does, and nothing else: no word, code point or hint (`flags` as
 * for `scan`). For a text that is no value of the data (a nested value's canonical JSON, for duplicates).
 */
export function hash(n: i32, flags: i32): void {
  hashText(n, (flags & 1) != 0);
  if (flags & 2) finish();
}

/** Leave the string's hash (with its length) and its hints at RESULT. */
function finish(): void {
  store<u64>(RESULT, fmix(textHash ^ (<u64>hashedBytes * 0x27d4eb2d)));
  store<i32>(RESULT, textHints, 8);
  store<i32>(RESULT, digitsFrom, 12);
  store<i32>(RESULT, digitsTo, 16);
}

/** The largest count of any one word (0 when no word was counted). */
export function maxCount(): u32 {
  let most: u32 = 0;
  const end = TABLE + <usize>(capacity * SLOT);
  for (let at = TABLE; at < end; at += SLOT) most = max(most, load<u32>(at, 8));
  return most;
}

/** Add words counted elsewhere to the totals (their keys come through `add`). */
export function addTotals(words: f64, error: f64): void {
  wordTotal += words;
  errorBound += error;
}
