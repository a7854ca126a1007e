import { writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../test/helpers/random.js";
import { type Cut, type CutOptions, findCuts, findLineCuts } from "./record-cuts.js";

/** The rule, one byte at a time: a record ends at a "\n" (in CSV, outside quotes); cut just past the first end at or past each multiple. */
function referenceCuts(bytes: Uint8Array, options: CutOptions): Cut[] {
  const cuts: Cut[] = [];
  let inQuotes = false;
  let records = 0;
  let lines = 0;
  let next = options.from + options.unitBytes;
  for (let i = options.from; i < bytes.length; i++) {
    if (options.quoted && bytes[i] === 0x22) inQuotes = !inQuotes;
    if (bytes[i] === 0x0a) lines++;
    if (bytes[i] !== 0x0a || inQuotes) continue;
    records++;
    const at = i + 1;
    if (at >= next && at < bytes.length) {
      cuts.push({ at, before: records, lines });
      next = at + options.unitBytes;
    }
  }
  return cuts;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "comply-gate-cuts-"));
});

describe("record cuts", () => {
  it("cut where the byte-at-a-time rule cuts, across read chunks, quoted newlines and block edges", () => {
    const random = seededRandom(5);
    // Records of every length, quoted fields holding newlines, doubled quotes; over 3 MB: several 1 MiB reads.
    const pieces = ["a", "bc", ",", "\n", '"', '""', "\r\n", "é", "x".repeat(63), "y".repeat(200)];
    const text = Array.from({ length: 120_000 }, () => pieces[Math.floor(random() * pieces.length)]).join("");
    const bytes = Buffer.from(text, "utf8");
    const path = join(dir, "records.csv");
    writeFileSync(path, bytes);
    let compared = 0;
    for (const quoted of [true, false]) {
      for (const unitBytes of [1, 63, 64, 65, 1000, 65_536, (1 << 20) - 1, 1 << 20, (1 << 20) + 1]) {
        for (const from of [0, 1, 64, 12_345]) {
          const options = { size: bytes.length, unitBytes, quoted, from };
          const cuts = findCuts(path, options);
          expect(cuts, JSON.stringify(options)).toEqual(referenceCuts(bytes, options));
          compared += cuts.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(100_000);
  });

  it("lines: seeking finds the cuts the byte-at-a-time rule finds, lines longer than a unit or a read included", () => {
    const random = seededRandom(9);
    const pieces = ["a", "bc", "\n", "\r\n", "é", "x".repeat(63), "\n\n"];
    // About ten lines longer than one 64 KiB read.
    const text = Array.from({ length: 40_000 }, () =>
      random() < 0.00025 ? "y".repeat(70_000) : pieces[Math.floor(random() * pieces.length)],
    ).join("");
    const bytes = Buffer.from(text, "utf8");
    const path = join(dir, "lines.jsonl");
    writeFileSync(path, bytes);
    let compared = 0;
    for (const unitBytes of [1, 2, 63, 64, 1000, 65_535, 65_536, 65_537, 1 << 20, bytes.length - 1, bytes.length]) {
      const options = { size: bytes.length, unitBytes, quoted: false, from: 0 };
      const expected = referenceCuts(bytes, options).map((cut) => cut.at);
      expect(findLineCuts(path, { size: bytes.length, unitBytes }), String(unitBytes)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(10_000);
    // No line end after the last unit's size: no cut; the file's last byte is never a cut.
    writeFileSync(join(dir, "one.jsonl"), "abcdef\n");
    expect(findLineCuts(join(dir, "one.jsonl"), { size: 7, unitBytes: 2 })).toEqual([]);
  });

  it("never cut inside an unclosed quote, and never at the file's last byte", () => {
    const path = join(dir, "open-quote.csv");
    const text = `a,b\n1,"open\n${"2,x\n".repeat(50)}`;
    writeFileSync(path, text);
    expect(findCuts(path, { size: text.length, unitBytes: 8, quoted: true, from: 4 })).toEqual([]);
    const lines = "one\ntwo\n";
    writeFileSync(join(dir, "two.txt"), lines);
    expect(findCuts(join(dir, "two.txt"), { size: 8, unitBytes: 1, quoted: false, from: 0 })).toEqual([
      { at: 4, before: 1, lines: 1 },
    ]);
  });
});
