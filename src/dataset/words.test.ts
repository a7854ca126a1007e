import { describe, expect, it } from "vitest";
import { seededRandom } from "../../test/helpers/random.js";
import { capacityFor, HashTable64 } from "./hash-table.js";
import { PiiHint } from "./recognizers/index.js";
import { WordCounter } from "./words.js";

/** spanforge's rule, written the slow and obvious way: the reference the packed counter must agree with. */
function referenceCounts(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    // JavaScript's toLowerCase, like Python's lower(), turns U+212A into "k" and U+0130 into "i" + U+0307.
    for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
      if (word.length >= 3) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

describe("word counting", () => {
  it("keys every word exactly, at each group boundary (8, 16, 24 characters) and beyond", () => {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    const texts: string[] = [];
    for (let length = 1; length <= 32; length++) {
      // Words that differ only in their last, first or middle character, of every length.
      const base = Array.from({ length }, (_, i) => alphabet[(i * 7) % 36]).join("");
      for (const c of "aqz9") {
        texts.push(
          `${base.slice(0, -1)}${c} ${c}${base.slice(1)}, ${base.slice(0, length >> 1)}${c}${base.slice((length >> 1) + 1)}`,
        );
      }
      texts.push(`${base.toUpperCase()}!${base}`); // upper case counts as the same word
    }
    const counter = new WordCounter();
    for (const text of texts) counter.addText(text);
    const reference = referenceCounts(texts);
    expect(counter.distinct()).toBe(reference.size);
    expect(counter.total).toBe([...reference.values()].reduce((a, b) => a + b, 0));
    expect(counter.maxCount()).toBe(Math.max(...reference.values()));
  });

  it("follows Python's lower(): İ ends a word as 'i', the Kelvin sign is 'k'; surrogate pairs are one code point", () => {
    const counter = new WordCounter();
    expect(counter.addText("kİlo \u212Aelvin kelvin 😀abc")).toBe(23);
    // "ki" (too short) + "lo" (too short), "kelvin" ×2, "abc"
    expect(counter.total).toBe(3);
    expect(counter.maxCount()).toBe(2);
  });

  it("agrees with the reference on random text: non-ASCII, words across 64-byte blocks, both scan paths", () => {
    const next = seededRandom(7);
    const pieces = ["a", "Ab", "xyz", "Data", "MODEL", "abcdefgh", "abcdefghi", "0123456789abcdefghij", "é", "—"];
    const separators = [" ", ", ", "\n", "’", "😀", "中文", "-", "  "];
    const texts: string[] = [];
    for (let t = 0; t < 3000; t++) {
      const parts: string[] = [];
      const length = 1 + Math.floor(next() * 60);
      for (let i = 0; i < length; i++) {
        let word = "";
        for (let k = Math.floor(next() * 4); k >= 0; k--) word += pieces[Math.floor(next() * pieces.length)];
        parts.push(word, separators[Math.floor(next() * separators.length)] as string);
      }
      // Some texts hold the two letters whose lower case is ASCII (they take the byte-at-a-time path): the
      // same words must get the same keys on either path, or `distinct` would exceed the reference.
      if (t % 10 === 0) parts.push("\u212Aelvin", " ", "İstanbul");
      texts.push(parts.join(""));
    }
    const counter = new WordCounter();
    let codePoints = 0;
    for (const text of texts) codePoints += counter.addText(text);
    const reference = referenceCounts(texts);
    expect(counter.distinct()).toBe(reference.size);
    expect(counter.total).toBe([...reference.values()].reduce((a, b) => a + b, 0));
    expect(counter.maxCount()).toBe(Math.max(...reference.values()));
    expect(codePoints).toBe(texts.reduce((sum, text) => sum + [...text].length, 0));
  });

  it("reads a value longer than one piece (65,536 code units) as one text: words and pairs across the seams", () => {
    const unit = "lorem ipsum dolor 😀 sit amet consectetur ";
    const text = `${unit.repeat(7000)}x`.slice(0, 65_535) + `😀${"y".repeat(12)} tail`.repeat(3);
    const counter = new WordCounter();
    expect(counter.addText(text)).toBe([...text].length);
    const reference = referenceCounts([text]);
    expect(counter.distinct()).toBe(reference.size);
    expect(counter.total).toBe([...reference.values()].reduce((a, b) => a + b, 0));
    const [high, low] = [counter.hashHigh, counter.hashLow];
    const again = new WordCounter();
    again.addText(text);
    expect([again.hashHigh, again.hashLow]).toEqual([high, low]);
    again.addText(`${text.slice(0, -1)}L`);
    expect([again.hashHigh, again.hashLow]).not.toEqual([high, low]);
  });

  it("hashes and screens each value on its own: nothing carries over from a longer value before it", () => {
    const fresh = new WordCounter();
    fresh.addText("plain words");
    const after = new WordCounter();
    after.addText(`${"1234567890@".repeat(40)} plain words`);
    expect(after.piiHints & PiiHint.DigitOrAt).toBe(PiiHint.DigitOrAt);
    after.addText("plain words");
    expect(after.piiHints).toBe(0);
    expect([after.hashHigh, after.hashLow]).toEqual([fresh.hashHigh, fresh.hashLow]);
    for (const [text, expected] of [
      ["no digits here", false],
      ["mail a@b", true],
      [`${"x".repeat(70)}7`, true],
      ["\u212Aelvin 9", true],
    ] as const) {
      after.addText(text);
      expect((after.piiHints & PiiHint.DigitOrAt) !== 0, text).toBe(expected);
    }
  });

  it("reports the PII hints exactly on the fast path, and never a clear bit where the fact holds", () => {
    const random = seededRandom(11);
    const pieces = [
      "a",
      "Z",
      "7",
      "12",
      "@",
      ".",
      ":",
      " ",
      "-",
      "é",
      "字",
      "😀",
      "\u212A",
      "x".repeat(70),
      "A",
      "_",
      "=",
      "k",
      "o",
      // Bytes one nibble away from a mark ("H" and "q" share a class with "A" and "x"): no mark of their own.
      "H",
      "q",
      "?",
      "]",
      "*",
      "(",
      ";",
      ">",
      "[",
      "/",
      "O",
      "P",
      "`",
      "p",
      "y",
    ];
    const counter = new WordCounter();
    for (let k = 0; k < 3000; k++) {
      const text = Array.from(
        { length: Math.floor(random() * 40) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join("");
      counter.addText(text);
      const facts = [
        [PiiHint.DigitOrAt, /[0-9@]/.test(text)],
        [PiiHint.At, text.includes("@")],
        [PiiHint.SixDigits, (text.match(/[0-9]/g)?.length ?? 0) >= 6],
        [PiiHint.Capital, /[A-Z]/.test(text)],
        [PiiHint.DotOrColon, /[.:]/.test(text)],
        [PiiHint.SecretMark, /[_:=]|--|k-|xo|A[A-Z]/.test(text)],
        [PiiHint.NonAscii, /[^\x00-\x7f]/.test(text)],
      ] as const;
      // Text with the Kelvin sign takes the byte-at-a-time path, which sets every bit with the first (the others
      // are read only when it is set).
      const exact = !text.includes("\u212A");
      const screened = (counter.piiHints & PiiHint.DigitOrAt) !== 0;
      for (const [bit, holds] of facts) {
        const set = (counter.piiHints & bit) !== 0;
        if (exact || bit === PiiHint.DigitOrAt || bit === PiiHint.NonAscii)
          expect(set, `${bit} in ${JSON.stringify(text)}`).toBe(holds);
        else if (holds && (screened || bit === PiiHint.SecretMark))
          expect(set, `${bit} in ${JSON.stringify(text)}`).toBe(true);
      }
    }
  });

  it("bounds where a text's digits lie: exactly for ASCII, around them for any text, in every block and piece", () => {
    const random = seededRandom(31);
    const pieces = ["a", "bc ", "7", "42", " ", "é", "日本", "😀", "\u212A", "x".repeat(63), ".", "-"];
    const counter = new WordCounter();
    let checked = 0;
    for (let k = 0; k < 3000; k++) {
      const length = k % 100 === 0 ? 2000 : Math.floor(random() * 60);
      const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      counter.addText(text);
      const digits = [...text.matchAll(/[0-9]/g)].map((m) => m.index);
      if (digits.length === 0) continue;
      const first = digits[0] as number;
      const last = digits[digits.length - 1] as number;
      expect(counter.digitsFrom, JSON.stringify(text)).toBeLessThanOrEqual(first);
      expect(counter.digitsTo, JSON.stringify(text)).toBeGreaterThan(last);
      expect(counter.digitsTo).toBeLessThanOrEqual(text.length);
      if (/^[\x00-\x7f]*$/.test(text)) expect([counter.digitsFrom, counter.digitsTo]).toEqual([first, last + 1]);
      checked++;
    }
    // A text of several pieces: its digits anywhere (the bounds are the whole text).
    const long = `7${"word ".repeat(20_000)}`;
    counter.addText(long);
    expect([counter.digitsFrom, counter.digitsTo]).toEqual([0, long.length]);
    expect(checked).toBeGreaterThan(2000);
  });

  it("says whether a text longer than one piece holds a character outside ASCII, in any piece", () => {
    const counter = new WordCounter();
    counter.addText(`${"a ".repeat(70_000)}straße 5`);
    expect(counter.piiHints & PiiHint.NonAscii).toBe(PiiHint.NonAscii);
    counter.addText(`${"a ".repeat(70_000)}strasse 5`);
    expect(counter.piiHints & PiiHint.NonAscii).toBe(0);
  });

  it("hashes a text alone as it hashes a value, counting nothing: any length, any piece, any character", () => {
    const random = seededRandom(41);
    const pieces = ["a", "Bc ", "7", "é", "日本", "😀", "\u212A", "x".repeat(63), '{"role":"user"}', "\ud800"];
    const counter = new WordCounter();
    const hasher = new WordCounter();
    const texts = ["", "x".repeat(65_536), `${"y".repeat(65_535)}😀z`, "a".repeat(200_000)];
    for (let k = 0; k < 500; k++)
      texts.push(
        Array.from({ length: Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join(""),
      );
    for (const text of texts) {
      counter.addText(text);
      hasher.hashText(text);
      expect([hasher.hashHigh, hasher.hashLow], text.slice(0, 40)).toEqual([counter.hashHigh, counter.hashLow]);
    }
    expect(hasher.total).toBe(0);
    expect(hasher.distinct()).toBe(0);
  });

  it("bounds memory by pruning rare words, and states the bound on any count", () => {
    const counter = new WordCounter({ maxSlots: 1 << 10 });
    const texts = Array.from({ length: 5000 }, (_, i) => `common rare${i} common`);
    for (const text of texts) counter.addText(text);
    expect(counter.distinct()).toBeLessThanOrEqual(Math.floor((1 << 10) * 0.7));
    expect(counter.total).toBe(15_000);
    expect(counter.errorBound).toBeGreaterThan(0);
    // The frequent word survives every pruning; its count is short by at most the bound.
    expect(counter.maxCount()).toBeLessThanOrEqual(10_000);
    expect(counter.maxCount() + counter.errorBound).toBeGreaterThanOrEqual(10_000);
  });

  it("counts exactly when tables are merged, whatever their sizes (a worker lane's table into the main one)", () => {
    const a = new WordCounter();
    const b = new WordCounter();
    const texts = Array.from({ length: 20_000 }, (_, i) => `word${i} common w${i % 7}x`);
    texts.forEach((text, i) => {
      (i % 2 ? a : b).addText(text);
    });
    const merged = new WordCounter();
    merged.addCounts(a.export());
    merged.addCounts(b.export());
    const reference = referenceCounts(texts);
    expect(merged.distinct()).toBe(reference.size);
    expect(merged.maxCount()).toBe(20_000);
    expect(merged.errorBound).toBe(0);
  });
});

describe("hash table", () => {
  it("keeps every key's count through growth, export and re-adding in slot order", () => {
    const table = new HashTable64(16);
    for (let k = 0; k < 50_000; k++) table.add(k, -k, 1 + (k % 3), 1 << 20);
    const copy = new HashTable64(16);
    const exported = table.export();
    copy.reserve(exported.counts.length, 1 << 20);
    for (let i = 0; i < exported.counts.length; i++) {
      copy.add(exported.hashes[2 * i] ?? 0, exported.hashes[2 * i + 1] ?? 0, exported.counts[i] ?? 0, 1 << 20);
    }
    expect(copy.size).toBe(50_000);
    expect(copy.bump(49_999, -49_999, 0)).toBe(1 + (49_999 % 3));
    expect(copy.bump(7, 8)).toBe(-1);
  });

  it("is sized for its keys, not to the next power of two, and holds them at any capacity", () => {
    // 500,000 rows at the 0.7 load: 714,286 slots, a multiple of 1,024 (the next power of two is 1,048,576).
    expect(capacityFor(500_000, 1 << 23)).toBe(714_752);
    expect(capacityFor(10, 1 << 23)).toBe(1 << 14);
    expect(capacityFor(10_000_000, 1 << 23)).toBe(1 << 23);
    const table = new HashTable64(1000);
    const keys = 60_000;
    for (let k = 0; k < keys; k++) table.add(Math.imul(k, 0x9e3779b1) ^ -1, ~k, 1 + (k % 5), 1 << 20);
    expect(table.size).toBe(keys);
    expect(table.slots).toBe(128_000);
    for (let k = 0; k < keys; k += 997) expect(table.bump(Math.imul(k, 0x9e3779b1) ^ -1, ~k, 0)).toBe(1 + (k % 5));
    // Its keys, re-added in slot order to a table reserved for them, are all found there.
    const copy = new HashTable64(1 << 14);
    const exported = table.export();
    copy.reserve(exported.counts.length, 1 << 20);
    expect(copy.slots).toBe(capacityFor(keys, 1 << 20));
    table.forEachKey((high, low, count) => copy.add(high, low, count, 1 << 20));
    expect(copy.export().counts.reduce((sum, n) => sum + n, 0)).toBe(exported.counts.reduce((sum, n) => sum + n, 0));
    expect(copy.size).toBe(keys);
  });

  it("exports in its own memory what `export` copies out, in one transferable buffer, and is empty afterwards", () => {
    const table = new HashTable64(1 << 10);
    for (let k = 0; k < 30_000; k++) table.add(Math.imul(k, 0x9e3779b1), -k, 1 + (k % 7), 1 << 20);
    const copied = table.export();
    const inPlace = table.exportInPlace();
    expect(Array.from(inPlace.hashes)).toEqual(Array.from(copied.hashes));
    expect(Array.from(inPlace.counts)).toEqual(Array.from(copied.counts));
    expect(inPlace.counts.buffer).toBe(inPlace.hashes.buffer);
    expect(table.size).toBe(0);
    expect(table.bump(0, 0)).toBe(-1);
  });

  it("visits its keys in the order it exports them, and once emptied is a new table of its size", () => {
    const table = new HashTable64(1 << 10);
    for (let k = 0; k < 500; k++) table.add(Math.imul(k, 0x9e3779b1), k, 1 + (k % 4), 1 << 12);
    const visited: number[] = [];
    table.forEachKey((high, low, count) => visited.push(high, low, count));
    const exported = table.export();
    expect(visited).toEqual(
      Array.from(exported.counts, (count, i) => [exported.hashes[2 * i], exported.hashes[2 * i + 1], count]).flat(),
    );
    table.clear();
    expect(table.size).toBe(0);
    expect(table.export().counts.length).toBe(0);
    // Refilled, it holds and lists the keys as a table made for them does.
    const fresh = new HashTable64(1 << 10);
    for (const t of [table, fresh]) for (let k = 0; k < 300; k++) t.add(k, -k, 1, 1 << 12);
    expect(table.export()).toEqual(fresh.export());
  });
});
