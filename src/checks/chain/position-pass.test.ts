import { describe, expect, it } from "vitest";
import { writeLog } from "../../../test/helpers/chain-files.js";
import { countEntriesBefore } from "./position-pass.js";

/** Entries (lines with a byte other than space, tab, CR, FF, VT) before each line start, counted the slow way. */
function expectedCounts(content: Buffer): { offsets: number[]; counts: number[] } {
  const offsets: number[] = [];
  const counts: number[] = [];
  let entries = 0;
  let start = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
  offsets.push(0);
  counts.push(0);
  while (start < content.length) {
    const lf = content.indexOf(0x0a, start);
    if (lf === -1) break;
    if (!/^[ \t\r\f\v]*$/.test(content.subarray(start, lf).toString("latin1"))) entries++;
    start = lf + 1;
    if (start < content.length) {
      offsets.push(start);
      counts.push(entries);
    }
  }
  return { offsets, counts };
}

describe("counting the entries before each range", () => {
  it("counts non-blank lines before every line start: blank and white-space lines, CRLF, a byte-order mark", async () => {
    const content = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"a":1}\r\n\n   \n\t\f\v\r\n{"b":2}\n \x00\n{"c":"é"}\n\n{"d":4}\n{"tail":true}'),
    ]);
    const { offsets, counts } = expectedCounts(content);
    expect(counts).toEqual([0, 1, 1, 1, 1, 2, 3, 4, 4, 5]);
    expect(await countEntriesBefore(writeLog(content).path, offsets)).toEqual(counts);
  });

  it("counts across read chunks: lines that straddle the 1 MiB chunk boundary", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 5 === 4 ? " " : `{"n":${i},"pad":"${"x".repeat(i % 997)}"}`,
    );
    const content = Buffer.from(`${lines.join("\n")}\n`);
    const { offsets, counts } = expectedCounts(content);
    const chosen = offsets.filter((_, i) => i % 97 === 0 || i === offsets.length - 1);
    const wanted = counts.filter((_, i) => i % 97 === 0 || i === offsets.length - 1);
    expect(content.length).toBeGreaterThan(1024 * 1024);
    expect(await countEntriesBefore(writeLog(content).path, chosen)).toEqual(wanted);
  });

  it("an offset that is not a line start (the file changed since the cut) gives no counts", async () => {
    const path = writeLog('{"a":1}\n{"b":2}\n').path;
    expect(await countEntriesBefore(path, [0, 3])).toBeUndefined();
    expect(await countEntriesBefore(path, [0, 8])).toEqual([0, 1]);
  });
});
