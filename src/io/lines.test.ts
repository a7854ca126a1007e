import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ReadLinesOptions, readLines } from "./lines.js";

const scratch = mkdtempSync(join(tmpdir(), "comply-gate-lines-"));
let n = 0;

async function collect(content: string | Buffer, options: ReadLinesOptions = {}) {
  const path = join(scratch, `${n++}.txt`);
  writeFileSync(path, content);
  const seen: (string | [number, string])[] = [];
  const raws: string[] = [];
  const summary = await readLines(
    path,
    {
      wantsRawBytes: true,
      line: (text, lineNumber, raw) => {
        seen.push(`${lineNumber}:${text}`);
        raws.push(Buffer.from(raw ?? []).toString("utf8"));
      },
      badLine: (lineNumber, reason) => seen.push([lineNumber, reason]),
    },
    options,
  );
  return { seen, raws, summary };
}

describe("readLines", () => {
  it("splits on \\n only: U+2028, U+2029, U+0085 and \\r stay inside the line", async () => {
    const { seen } = await collect("a\u2028b\u2029c\u0085d\r\ne\n");
    expect(seen).toEqual(["1:a\u2028b\u2029c\u0085d\r", "2:e"]);
  });

  it("hands over each line's raw bytes with its newline, and a last line without one", async () => {
    const { raws, summary } = await collect("x\n\ny");
    expect(raws).toEqual(["x\n", "\n", "y"]);
    expect(summary.lines).toBe(3);
  });

  it("strips a UTF-8 byte-order mark and says so", async () => {
    const { seen, summary } = await collect(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{}\n")]));
    expect(seen).toEqual(["1:{}"]);
    expect(summary.hadBom).toBe(true);
  });

  it("reports a line that is not UTF-8 by number and goes on", async () => {
    const { seen } = await collect(
      Buffer.concat([Buffer.from("ok\n"), Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from("é\n")]),
    );
    expect(seen).toEqual(["1:ok", [2, "line is not valid UTF-8"], "3:é"]);
  });

  it("reports a line over the limit once, without buffering it, and goes on", async () => {
    const { seen } = await collect(`short\n${"x".repeat(5000)}\nnext\n`, { maxLineBytes: 100 });
    expect(seen).toEqual(["1:short", [2, "line is longer than 100 bytes"], "3:next"]);
  });

  it("reads a byte range from a line start, numbering its lines from 1", async () => {
    const content = "one\ntwo\nthree\nfour\n";
    const { seen } = await collect(content, { start: content.indexOf("three"), end: content.length });
    expect(seen).toEqual(["1:three", "2:four"]);
  });

  it("reads lines longer than its 1 MiB buffer whole", async () => {
    const long = "y".repeat(3 * 1024 * 1024);
    const { seen } = await collect(`${long}\nz\n`);
    expect(seen).toEqual([`1:${long}`, "2:z"]);
  });

  it("keeps the lines of files read at the same time apart (the thread's buffer is lent to one read)", async () => {
    // Over 1 MiB each, read with awaited reads: the two reads take turns chunk by chunk.
    const a = Array.from({ length: 40_000 }, (_, i) => `a-${i}-${"x".repeat(30)}`);
    const b = Array.from({ length: 40_000 }, (_, i) => `b-${i}-${"y".repeat(30)}`);
    const [first, second] = await Promise.all([collect(`${a.join("\n")}\n`), collect(`${b.join("\n")}\n`)]);
    expect(first.seen).toEqual(a.map((line, i) => `${i + 1}:${line}`));
    expect(second.seen).toEqual(b.map((line, i) => `${i + 1}:${line}`));
    // …and one after the other, after a read that grew its buffer for a long line.
    await collect(`${"z".repeat(2 * 1024 * 1024)}\n`);
    expect((await collect(`${a.join("\n")}\n`)).seen).toEqual(first.seen);
    expect((await collect("short\nlines\n")).seen).toEqual(["1:short", "2:lines"]);
  });
});
