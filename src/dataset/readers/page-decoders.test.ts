import { brotliCompressSync, deflateRawSync, gzipSync } from "node:zlib";
import { snappyCompress } from "hysnappy";
import { describe, expect, it } from "vitest";
import { brotliPage, gzipPage, snappyPageDecoder } from "./page-decoders.js";

/** A page of `length` bytes of text (compressible, like a real text page) that differs by `seed`. */
function page(length: number, seed: number): Uint8Array {
  const text = Array.from({ length: Math.ceil(length / 12) }, (_, i) => `w${(i * seed) % 997} `).join("");
  return new TextEncoder().encode(text).subarray(0, length);
}

/** Byte-equal (vitest's deep equality compares megabytes element by element). */
function same(actual: Uint8Array | undefined, expected: Uint8Array | undefined): boolean {
  if (!actual || !expected) return false;
  return Buffer.from(actual.buffer, actual.byteOffset, actual.length).equals(expected);
}

describe("snappy page decoder (hysnappy's WebAssembly, called directly)", () => {
  const decoder = snappyPageDecoder();

  it("decompresses a row group's pages into a region of its memory, where they stay until released", () => {
    const pages = [page(300_000, 3), page(1_000, 5), page(2_000_000, 7)];
    const compressed = pages.map((p) => snappyCompress(p));
    const region = decoder.region({
      input: Math.max(...compressed.map((c) => c.length)),
      output: pages.reduce((n, p) => n + p.length, 0),
    });
    expect(region).toBeDefined();
    const views = compressed.map((c, i) => region?.page(c, pages[i]?.length ?? 0));
    // Another row group in this thread meanwhile: no second region, and its pages leave these alone.
    expect(decoder.region({ input: 10, output: 10 })).toBeUndefined();
    const other = page(500_000, 11);
    const output = new Uint8Array(other.length);
    decoder.into(snappyCompress(other), output);
    expect(same(output, other)).toBe(true);
    // A page past the region's size is not placed there.
    expect(region?.page(snappyCompress(page(10, 1)), 10)).toBeUndefined();
    for (const [i, view] of views.entries()) expect(same(view, pages[i])).toBe(true);
    region?.release();
    region?.release(); // twice is harmless
    const next = decoder.region({ input: compressed[0]?.length ?? 0, output: pages[0]?.length ?? 0 });
    expect(same(next?.page(compressed[0] as Uint8Array, pages[0]?.length ?? 0), pages[0])).toBe(true);
    expect(region?.page(compressed[0] as Uint8Array, 1)).toBeUndefined(); // a released region gives nothing
    next?.release();
  });

  it("refuses a page whose snappy header claims another length than the page's", () => {
    const data = page(50_000, 13);
    const compressed = snappyCompress(data);
    expect(() => decoder.into(compressed, new Uint8Array(data.length - 1))).toThrow("invalid snappy length header");
    const region = decoder.region({ input: compressed.length, output: 2 * data.length });
    try {
      expect(() => region?.page(compressed, data.length + 1)).toThrow("invalid snappy length header");
    } finally {
      region?.release();
    }
  });
});

describe("gzip page decoder", () => {
  const data = page(300_000, 17);

  it("decompresses a gzip member with zlib, and raw deflate (no gzip header) with hyparquet's inflate", () => {
    expect(same(gzipPage(gzipSync(data), data.length), data)).toBe(true);
    expect(same(gzipPage(deflateRawSync(data), data.length), data)).toBe(true);
  });

  it("refuses a member whose CRC-32 does not match, and a page longer than its header says", () => {
    const member = gzipSync(data);
    (member[member.length - 8] as number) ^= 1; // the trailer: CRC-32, then the length
    expect(() => gzipPage(member, data.length)).toThrow(/^a gzip page cannot be decompressed .*incorrect data check/);
    expect(() => gzipPage(gzipSync(data), data.length - 1)).toThrow(/^a gzip page cannot be decompressed/);
  });
});

describe("brotli page decoder", () => {
  const data = page(300_000, 19);

  it("decompresses a brotli stream, and refuses one cut short or longer than its header says", () => {
    const stream = brotliCompressSync(data);
    expect(same(brotliPage(stream, data.length), data)).toBe(true);
    expect(() => brotliPage(stream.subarray(0, stream.length - 4), data.length)).toThrow(
      /^a brotli page cannot be decompressed to its \d+ bytes \(unexpected end of file\)/,
    );
    expect(() => brotliPage(stream, data.length - 1)).toThrow(/^a brotli page cannot be decompressed/);
  });
});
