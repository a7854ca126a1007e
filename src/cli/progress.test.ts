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
    const unit = (path: string, bytes: number, rows: number) =>
      line?.unit("data/", { path, bytes: bytes * MB, rows, totalBytes: 40 * MB, totalFiles: 2 });
    unit("data/a.jsonl", 10, 1000);
    t = 1100; // too soon: not redrawn
    unit("data/a.jsonl", 10, 1000);
    t = 2000;
    unit("data/b.jsonl", 20, 2000); // the last: always drawn
    line?.end();
    expect(out).toEqual([
      "\r\u001b[2Kdataset data/  file 1 of 2  10.0 of 40.0 MB (25%)  1,000 rows  10 MB/s  ETA 3 s",
      "\r\u001b[2Kdataset data/  file 2 of 2  40.0 of 40.0 MB (100%)  4,000 rows  20 MB/s",
      "\r\u001b[2K",
    ]);
  });
});
