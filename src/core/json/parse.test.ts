import { describe, expect, it } from "vitest";
import { type JsonNumber, JsonSyntaxError, parseJson } from "./parse.js";

function error(text: string, options = {}): JsonSyntaxError {
  try {
    parseJson(text, options);
  } catch (caught) {
    if (caught instanceof JsonSyntaxError) return caught;
    throw caught;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe("parseJson", () => {
  it("keeps each number's lexeme and whether it is an integer", () => {
    const value = parseJson("[1, 1.0, -0, 1e5, 18446744073709551616]") as JsonNumber[];
    expect(value.map((n) => [n.text, n.isInteger])).toEqual([
      ["1", true],
      ["1.0", false],
      ["-0", true],
      ["1e5", false],
      ["18446744073709551616", true],
    ]);
  });

  it("returns objects as Maps in source order, so __proto__ is an ordinary key", () => {
    const value = parseJson('{"b": 1, "__proto__": {"polluted": true}, "a": "x"}') as Map<string, unknown>;
    expect([...value.keys()]).toEqual(["b", "__proto__", "a"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("decodes every escape, including surrogate pairs", () => {
    expect(parseJson('"q\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00"')).toBe('q" b\\ s/ \b\f\n\r\t é 😀');
  });

  it("accepts Python's NaN and Infinity tokens only when asked to", () => {
    expect(
      (parseJson("[NaN, Infinity, -Infinity]", { allowNonFinite: true }) as JsonNumber[]).map((n) => n.toNumber()),
    ).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(error("[NaN]").message).toMatch(/NaN is not valid JSON/);
  });

  it("refuses duplicate keys instead of silently keeping one of them", () => {
    expect(error('{"a": 1, "a": 2}').message).toBe('duplicate key "a" at column 10');
  });

  it("bounds nesting depth instead of overflowing the stack", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(error(deep, { maxDepth: 512 }).message).toMatch(/nesting deeper than 512 levels/);
  });

  it.each([
    ["", /unexpected end of input/],
    ["{", /expected a string key/],
    ['{"a" 1}', /expected ':'/],
    ["[1,]", /expected a JSON value/],
    ["01", /unexpected data after the JSON value/],
    ["1.", /digit expected after '.'/],
    ['"tab\there"', /control character inside a string/],
    ['"open', /unterminated string/],
    ['"\\x"', /invalid escape/],
    ["[1] x", /unexpected data/],
  ])("rejects %j with a located reason", (text, reason) => {
    const caught = error(text);
    expect(caught.message).toMatch(reason);
    expect(caught.message).toMatch(/at column \d+$/);
  });
});
