import { describe, expect, it } from "vitest";
import { Spare } from "./spare.js";

describe("Spare", () => {
  it("lends the kept object once, only when it fits, and keeps what is given back", () => {
    const spare = new Spare<Uint8Array>();
    expect(spare.take(() => true)).toBeUndefined();
    const buffer = new Uint8Array(8);
    spare.give(buffer);
    expect(spare.take((kept) => kept.length === 16)).toBeUndefined();
    expect(spare.take((kept) => kept.length === 8)).toBe(buffer);
    // Lent: a second user makes its own.
    expect(spare.take(() => true)).toBeUndefined();
    spare.give(buffer);
    expect(spare.take(() => true)).toBe(buffer);
  });
});
