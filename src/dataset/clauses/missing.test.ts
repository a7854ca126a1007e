import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMissing } from "./missing.js";

const PLACEHOLDERS = ["", "n/a", "na", "null", "none", "nan", "unknown", "?", "-", "[more information needed]"];

/** The rule as written: trimmed, lower-cased, one of the placeholders. */
const reference = (value: string): boolean => PLACEHOLDERS.includes(value.trim().toLowerCase());

describe("missing values", () => {
  it("count absent, null, NaN, empty and placeholder values, in any case and with surrounding space", () => {
    for (const value of [null, undefined, Number.NaN, "", "  ", "N/A", " null ", "\tUnknown\n", "?", "-", "NaN"]) {
      expect(isMissing(value)).toBe(true);
    }
    for (const value of [0, false, "0", "none of them", "nope", "unknown soldier", "x", "—", [], {}]) {
      expect(isMissing(value)).toBe(false);
    }
  });

  it("judge any short string as the trimmed, lower-cased placeholder rule does", () => {
    const variants = fc
      .tuple(
        fc.constantFrom(...PLACEHOLDERS),
        fc.constantFrom("", " ", "\t", "\u00a0", "\n"),
        fc.constantFrom("", " ", "\u2003"),
        fc.boolean(),
      )
      .map(([p, before, after, upper]) => `${before}${upper ? p.toUpperCase() : p}${after}`);
    const anything = fc.string({ maxLength: 30, unit: "binary" });
    fc.assert(
      fc.property(fc.oneof(variants, anything), (value) => isMissing(value) === reference(value)),
      { numRuns: 20_000 },
    );
  });
});
