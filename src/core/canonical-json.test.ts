import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalJson } from "./canonical-json.js";

describe("canonicalJson (RFC 8785)", () => {
  it("sorts keys by UTF-16 code unit at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 0, y: null }], c: "x" }, "\u20ac": true, "😀": false })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":0}]},"b":1,"€":true,"😀":false}',
    );
  });

  it("writes numbers in ECMAScript's shortest form, -0 as 0, and refuses non-finite numbers", () => {
    expect(canonicalJson([1e21, 1e-7, 0.1, -0, 123456789.125])).toBe("[1e+21,1e-7,0.1,0,123456789.125]");
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(CanonicalJsonError);
  });

  it("leaves out undefined members, like JSON.stringify", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("round-trips: parsing its output and serialising again gives the same bytes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order properties were created in", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
    );
  });
});
