import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HmacSha256 } from "./hmac.js";

describe("HmacSha256", () => {
  it("equals node:crypto's createHmac for any key (shorter, equal to and longer than a block) and message", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.string({ unit: "binary", maxLength: 400 }),
        (key, message) => {
          const expected = createHmac("sha256", key).update(message, "utf8").digest("hex");
          expect(new HmacSha256(Buffer.from(key)).hex(message)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("stays correct when one instance signs messages of growing size", () => {
    const key = Buffer.from("harness-chain-key-0123456789abcdef");
    const hmac = new HmacSha256(key);
    for (const size of [0, 1, 63, 64, 65, 255, 256, 1000, 10_000]) {
      const message = "é".repeat(size);
      expect(hmac.hex(message)).toBe(createHmac("sha256", key).update(message, "utf8").digest("hex"));
    }
  });
});
