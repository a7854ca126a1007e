import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberLiterals, RowLeaves } from "./leaves.js";
import { DecimalText } from "./readers/reader.js";
import { findPii } from "./recognizers/index.js";

const collect = (values: Record<string, unknown>, options: { maxNesting?: number; source?: string } = {}) => {
  const leaves = new RowLeaves();
  const ok = leaves.collect(values, Object.keys(values), { maxNesting: 64, ...options });
  return { leaves, ok };
};

const stringsWithPaths = (leaves: RowLeaves) => leaves.strings.map((s, i) => [leaves.stringPath(i), s]);

/** The row's numbers as the recognizers read them: exact decimal text. */
const numbersOf = (leaves: RowLeaves) => Array.from({ length: leaves.numberCount }, (_n, i) => leaves.numberText(i));

/** `value` inside `depth` containers (objects and arrays alternating), built without recursion. */
function nested(depth: number, value: unknown): unknown {
  let inner = value;
  for (let d = depth; d >= 1; d--) inner = d % 2 === 0 ? [inner] : { k: inner };
  return inner;
}

/**
 * A 19-digit Visa number the recognizers report whose nearest double prints digits they do not (what
 * `JSON.parse` alone would hand them).
 */
function cardBeyondDoubles(): string {
  for (let body = 601_112_345_678_901_234n; ; body += 1n) {
    for (let d = 0n; d <= 9n; d++) {
      const digits = `${body}${d}`;
      if (
        findPii(digits, { field: "card" }).length > 0 &&
        findPii(String(Number(digits)), { field: "card" }).length === 0
      )
        return digits;
    }
  }
}

describe("a row's leaves", () => {
  it("are every string at any depth, top-level ones first in key order, each with its path", () => {
    const { leaves, ok } = collect({
      id: 7,
      messages: [
        { role: "user", content: "hello" },
        { role: "assistant", content: "hi", tags: ["a", "b"] },
      ],
      source: "web",
      meta: { nested: { deep: "x" }, "odd key": "y" },
    });
    expect(ok).toBe(true);
    expect(leaves.topStrings).toBe(1);
    expect(stringsWithPaths(leaves)).toEqual([
      ["source", "web"],
      // then breadth first: each container's own leaves, then the containers it holds
      ['meta["odd key"]', "y"],
      ["messages[0].role", "user"],
      ["messages[0].content", "hello"],
      ["messages[1].role", "assistant"],
      ["messages[1].content", "hi"],
      ["meta.nested.deep", "x"],
      ["messages[1].tags[0]", "a"],
      ["messages[1].tags[1]", "b"],
    ]);
    // The name each string sits under: the recognizers' context (a phone under `phone` …).
    expect(leaves.strings.map((_s, i) => leaves.stringContext(i))).toEqual([
      "source",
      "odd key",
      "role",
      "content",
      "role",
      "content",
      "deep",
      "tags",
      "tags",
    ]);
    expect(numbersOf(leaves)).toEqual(["7"]);
    expect(leaves.numberPath(0)).toBe("id");
  });

  it("include numbers as decimal text (bigints and exact decimals as their digits) and nested keys", () => {
    const { leaves } = collect({
      a: [1.5, -2, 12345678901234567890n, new DecimalText("12345678901234567.89"), true, null, Number.NaN],
      b: { phone: 4155550123, when: new Date(0), bytes: new Uint8Array([1, 2]) },
    });
    expect(numbersOf(leaves)).toEqual(["1.5", "-2", "12345678901234567890", "12345678901234567.89", "4155550123"]);
    expect(numbersOf(leaves).map((_n, i) => leaves.numberPath(i))).toEqual(["a[0]", "a[1]", "a[2]", "a[3]", "b.phone"]);
    expect(leaves.numberContext(4)).toBe("phone");
    expect(Array.from({ length: leaves.keyPlaces.length }, (_k, i) => leaves.key(i))).toEqual([
      "phone",
      "when",
      "bytes",
    ]);
  });

  it("read at the nesting limit, and refuse one level deeper before anything is collected", () => {
    for (const limit of [1, 2, 3, 64]) {
      const atLimit = collect({ v: nested(limit, "leaf") }, { maxNesting: limit });
      expect(atLimit.ok).toBe(true);
      expect(atLimit.leaves.strings).toEqual(["leaf"]);
      const deeper = collect({ top: "t", v: nested(limit + 1, "leaf") }, { maxNesting: limit });
      expect(deeper.ok).toBe(false);
      expect(deeper.leaves.strings).toEqual([]);
    }
  });

  it("walk 200,000 levels of nesting without recursion (refused), and 100,000-element arrays whole", () => {
    expect(collect({ v: nested(200_000, "leaf") }).ok).toBe(false);
    const items = Array.from({ length: 100_000 }, (_, i) => (i === 99_999 ? "maria.keller@gmail.com" : `item ${i}`));
    const { leaves, ok } = collect({ items, objects: items.map((text) => ({ text })) });
    expect(ok).toBe(true);
    expect(leaves.strings).toHaveLength(200_000);
    expect(leaves.stringPath(99_999)).toBe("items[99999]");
    expect(leaves.stringPath(199_999)).toBe("objects[99999].text");
  });

  it("mask a key segment that holds personal data in every path through it", () => {
    const email = "maria.keller@gmail.com";
    const { leaves } = collect({ contacts: { [email]: { note: "met at the fair" } }, [email]: "x" });
    expect(leaves.stringPath(0)).toBe("[key]");
    expect(leaves.stringPath(1)).toBe("contacts[key].note");
    expect(leaves.keyPath(0)).toBe("contacts[key]");
    for (let i = 0; i < leaves.strings.length; i++) expect(leaves.stringPath(i)).not.toContain("maria");
  });

  it("cut long key segments: a path locates, it does not copy the row", () => {
    const key = `k${"x".repeat(500)}`;
    const { leaves } = collect({ m: { [key]: "v" } });
    expect(leaves.stringPath(0)).toBe(`m["${key.slice(0, 64)}…"]`);
  });

  it("give a number a double cannot hold the digits of its JSON source", () => {
    const card = cardBeyondDoubles();
    expect(findPii(String(Number(card)), { field: "card" })).toEqual([]); // what JSON.parse alone would give
    const source = `{"id": 1, "pay": [{"card": ${card}}], "small": 1e-7}`;
    const { leaves } = collect(JSON.parse(source), { source });
    expect(numbersOf(leaves)).toEqual(["1", "1e-7", card]);
    expect(findPii(leaves.numberText(2), { field: "card" }).map((m) => m.entity)).toEqual(["credit_card"]);
    // Without the source (a reader that has none) the double's own text is read.
    expect(collect(JSON.parse(source)).leaves.numberText(2)).toBe(String(Number(card)));
  });

  it("find a JSON text's long number tokens by path, as JSON.parse reads the text (last duplicate key wins)", () => {
    const text = `{"a": 123456789012345678, "b": [1, {"c\\"d": -1.234567890123456789e+30}], "a": 98765432109876543210}`;
    expect([...numberLiterals(text)]).toEqual([
      [".a", "98765432109876543210"],
      ['.b\u0000#1\u0000.c"d', "-1.234567890123456789e+30"],
    ]);
    // Any row of big integers and strings at any depth: every number gets its exact digits back.
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ maxLength: 4 }),
          fc.oneof(
            fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }),
            fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 22n }), fc.string({ maxLength: 6 })), { maxLength: 4 }),
          ),
        ),
        (row) => {
          const source = JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? `§${v}§` : v)).replace(
            /"§(-?\d+)§"/g,
            "$1",
          );
          const { leaves } = collect(JSON.parse(source), { source });
          const expected: string[] = [];
          for (const value of Object.values(row)) {
            if (typeof value === "bigint") expected.push(String(value));
          }
          for (const value of Object.values(row)) {
            if (Array.isArray(value))
              for (const item of value) if (typeof item === "bigint") expected.push(String(item));
          }
          expect(numbersOf(leaves)).toEqual(expected);
        },
      ),
    );
  });
});
