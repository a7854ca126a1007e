import { describe, expect, it } from "vitest";
import { closest, didYouMean, editDistance } from "./suggest.js";

describe("did you mean", () => {
  it("counts a swapped pair of letters as one edit", () => {
    expect(editDistance("fial-on", "fail-on")).toBe(1);
    expect(editDistance("chek", "check")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("suggests the closest command or flag, and nothing for a different word", () => {
    const commands = ["chain", "check", "dataset", "diff", "init"];
    expect(closest("chek", commands)).toBe("check");
    expect(closest("chian", commands)).toBe("chain");
    expect(closest("DATASET", commands)).toBe("dataset");
    expect(closest("data", commands)).toBe("dataset"); // a prefix of one name
    expect(closest("deploy", commands)).toBeUndefined();
    expect(closest("x", commands)).toBeUndefined();
    expect(didYouMean("fial-on", ["fail-on", "format"], (n) => `--${n}`)).toBe(" (did you mean --fail-on?)");
    expect(didYouMean("zzz", ["fail-on"])).toBe("");
  });
});
