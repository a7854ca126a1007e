/**
 * The verifier checks each entry's `iso_timestamp` with `IsoTimestampCache.matches`, which compares digits
 * instead of building the string: it must accept exactly the string torchcomply writes, and nothing else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IsoTimestampCache, torchcomplyIsoTimestamp } from "./iso-timestamp.js";

/** Nanosecond timestamps around 2026, including whole seconds and microseconds that round up to the next second. */
const timestamps = fc.oneof(
  fc.bigInt({ min: 1_700_000_000_000_000_000n, max: 1_900_000_000_000_000_000n }),
  fc.bigInt({ min: 1_700_000_000n, max: 1_900_000_000n }).map((s) => s * 1_000_000_000n),
  fc.bigInt({ min: 1_700_000_000n, max: 1_900_000_000n }).map((s) => s * 1_000_000_000n + 999_999_600n),
  fc.bigInt({ min: 0n, max: 10_000_000_000n }),
);

describe("iso_timestamp check", () => {
  it("accepts the string torchcomply writes, entry after entry (the per-second part cached)", () => {
    const cache = new IsoTimestampCache();
    fc.assert(
      fc.property(fc.array(timestamps, { minLength: 1, maxLength: 20 }), (values) => {
        for (const value of values) {
          const ns = String(value);
          expect(cache.matches(torchcomplyIsoTimestamp(ns), ns)).toBe(true);
        }
      }),
    );
  });

  it("rejects any other string: another microsecond, one character changed, cut, lengthened, fraction added or dropped", () => {
    const cache = new IsoTimestampCache();
    fc.assert(
      fc.property(timestamps, fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (value, at, code) => {
        const ns = String(value);
        const iso = torchcomplyIsoTimestamp(ns);
        const i = at % iso.length;
        const variants = [
          torchcomplyIsoTimestamp(String(value + 1000n)),
          torchcomplyIsoTimestamp(String(value > 1000n ? value - 1000n : value + 2000n)),
          iso.slice(0, i) + String.fromCharCode(code) + iso.slice(i + 1),
          iso.slice(0, i),
          `${iso}0`,
          iso.replace("+00:00", ".000000+00:00"),
          iso.replace(/\.\d{6}/, ""),
          iso.replace("+00:00", "Z"),
        ];
        for (const variant of variants) {
          if (variant !== iso) expect(cache.matches(variant, ns), variant).toBe(false);
        }
      }),
    );
  });
});
