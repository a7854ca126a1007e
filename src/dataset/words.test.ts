import { describe, expect, it } from "vitest";
import { HashTable64 } from "./hash-table.js";
import { WordCounter } from "./words.js";

/** spanforge's rule, written the slow and obvious way: the reference the packed counter must agree with. */
function referenceCounts(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
      if (word.length >= 3) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

describe("word counting", () => {
  it("keys every word exactly, at each pack boundary (5, 10, 15 characters) and beyond", () => {
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

  it("prunes the rarest keys and keeps the rest", () => {
    const table = new HashTable64(1 << 10);
    for (let k = 0; k < 500; k++) table.add(k, k, k < 100 ? 5 : 1, 1 << 10);
    table.prune(1);
    expect(table.size).toBe(100);
    expect(table.maxCount()).toBe(5);
  });
});
