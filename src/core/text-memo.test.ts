import { describe, expect, it } from "vitest";
import { TextMemo } from "./text-memo.js";

describe("TextMemo", () => {
  it("finds what was kept for a field's text, and forgets within its bounds rather than growing", () => {
    const memo = new TextMemo<string>({ fields: 2, perField: 2 });
    memo.keep("a", "x", "X");
    expect(memo.find("a", "x")).toBe("X");
    // The same text in another field is its own entry.
    expect(memo.find("b", "x")).toBeUndefined();
    memo.keep("b", "x", "x in b");
    expect(memo.find("b", "x")).toBe("x in b");
    // A third text in field "a" empties that field first.
    memo.keep("a", "y", "Y");
    memo.keep("a", "z", "Z");
    expect([memo.find("a", "x"), memo.find("a", "y"), memo.find("a", "z")]).toEqual([undefined, undefined, "Z"]);
    // A third field empties them all.
    memo.keep("c", "x", "x in c");
    expect([memo.find("a", "z"), memo.find("b", "x"), memo.find("c", "x")]).toEqual([undefined, undefined, "x in c"]);
  });
});
