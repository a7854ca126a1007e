import { describe, expect, it } from "vitest";
import { progressLine } from "./progress.js";

const MB = 1024 * 1024;

describe("the progress line", () => {
  it("is drawn only on an interactive terminal: never piped, in CI, with TERM=dumb or --quiet", () => {
    const base = { write: () => {}, env: {}, quiet: false, isTTY: true };
    expect(progressLine(base)).toBeDefined();
    expect(progressLine({ ...base, isTTY: false })).toBeUndefined();
    expect(progressLine({ ...base, env: { CI: "true" } })).toBeUndefined();
    expect(progressLine({ ...base, env: { TERM: "dumb" } })).toBeUndefined();
    expect(progressLine({ ...base, quiet: true })).toBeUndefined();
  });

  it("shows MB done, rows, MB/s and ETA, redrawn in place at most four times a second, and clears itself", () => {
    const out: string[] = [];
    let t = 0;
    const line = progressLine({ write: (s) => out.push(s), env: {}, quiet: false, isTTY: true, now: () => t });
    t = 1000;
    line?.unit("data/train.jsonl", { bytes: 10 * MB, rows: 1000, totalBytes: 40 * MB });
    t = 1100; // too soon: not redrawn
    line?.unit("data/train.jsonl", { bytes: 10 * MB, rows: 1000, totalBytes: 40 * MB });
    t = 2000;
    line?.unit("data/train.jsonl", { bytes: 20 * MB, rows: 2000, totalBytes: 40 * MB }); // the last: always drawn
    line?.end();
    expect(out).toEqual([
      "\r\u001b[2Kdataset data/train.jsonl  10.0 of 40.0 MB (25%)  1,000 rows  10 MB/s  ETA 3 s",
      "\r\u001b[2Kdataset data/train.jsonl  40.0 of 40.0 MB (100%)  4,000 rows  20 MB/s",
      "\r\u001b[2K",
    ]);
  });
});
