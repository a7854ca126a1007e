import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonNumber, type JsonValue, parseJson } from "../../core/json/parse.js";
import { PYTHON_DEFAULT, pythonDumps } from "../../core/json/python-dumps.js";
import { pythonShapeText } from "./torchcomply.js";

/** The full parser's answer: Python's text for a valid shape (list), undefined for anything else. */
function reference(text: string, depth: 1 | 2): string | undefined {
  let value: JsonValue;
  try {
    value = parseJson(text);
  } catch {
    return undefined;
  }
  const isShape = (v: JsonValue): boolean =>
    Array.isArray(v) && v.every((d) => d instanceof JsonNumber && /^(?:0|[1-9]\d*)$/.test(d.text));
  const valid = depth === 1 ? isShape(value) : Array.isArray(value) && value.every(isShape);
  return valid ? pythonDumps(value, PYTHON_DEFAULT) : undefined;
}

const space = fc.constantFrom("", "", "", " ", "\n", "\t ");
const dims = fc.array(fc.nat(), { maxLength: 5 });
/** A list of shapes as JSON text, with white space here and there. */
const shapesText = fc
  .tuple(fc.array(fc.tuple(dims, space, space), { maxLength: 6 }), space, space)
  .map(([shapes, a, b]) => `${a}[${shapes.map(([d, s, t]) => `${s}[${d.join(`${t},`)}]${t}`).join(",")}]${b}`);

describe("torchcomply shapes, written as Python writes them in one pass", () => {
  it("gives the full parser's Python text for every list of shapes", () => {
    fc.assert(
      fc.property(shapesText, (text) => {
        expect(pythonShapeText(text, 2)).toBe(reference(text, 2));
      }),
      { numRuns: 5000 },
    );
  });

  it("accepts nothing the full parser would not write the same way", () => {
    const pieces = fc.array(fc.constantFrom("[", "]", ",", "0", "7", "12", " ", "-", ".5", "e3", "01", "a", '"'), {
      maxLength: 14,
    });
    fc.assert(
      fc.property(pieces, fc.constantFrom(1 as const, 2 as const), (parts, depth) => {
        const text = parts.join("");
        const fast = pythonShapeText(text, depth);
        if (fast !== undefined) expect(fast).toBe(reference(text, depth));
      }),
      { numRuns: 20_000 },
    );
  });

  it("examples", () => {
    expect(pythonShapeText("[[52,10],[3]]", 2)).toBe("[[52, 10], [3]]");
    expect(pythonShapeText("[ [], [0] ]", 2)).toBe("[[], [0]]");
    expect(pythonShapeText("[52,32]", 1)).toBe("[52, 32]");
    for (const bad of ["[07]", "[1.0]", "[1e3]", "[-1]", "[1,]", "[,1]", "[[1]]", "[1] x", "1", ""]) {
      expect(pythonShapeText(bad, 1)).toBeUndefined();
    }
    expect(pythonShapeText("[1]", 2)).toBeUndefined();
  });

  it("a list of 2.8 million shapes (a 16 MiB entry) is read, where a regular expression ran out of stack", () => {
    const text = `[${Array.from({ length: 2_800_000 }, () => "[7,8]").join(",")}]`;
    expect(pythonShapeText(text, 2)?.length).toBe(text.length + 2 * 2_800_000 - 1);
  });
});
