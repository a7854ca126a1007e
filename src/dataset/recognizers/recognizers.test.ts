import { describe, expect, it } from "vitest";
import { generateCorpus, score } from "../../../test/helpers/pii-corpus.js";
import { WordCounter } from "../words.js";
import { ENTITIES, findPii, integerHoldsNone, scanForPii } from "./index.js";

/** The entities the labelled corpus plants (the newer ones have their own specifications in entities.test.ts). */
const CORPUS_ENTITIES = ENTITIES.slice(0, 12);

describe("PII recognizers on a labelled corpus", () => {
  const corpus = generateCorpus(12_000);
  const scores = score(corpus, CORPUS_ENTITIES, (text, field) => findPii(text, field === undefined ? {} : { field }));

  it.each(CORPUS_ENTITIES.map((e) => [e]))("%s: precision ≥ 0.95 and recall ≥ 0.95", (entity) => {
    const s = scores.find((x) => x.entity === entity);
    expect(s?.truePositives).toBeGreaterThan(100);
    expect(s?.precision).toBeGreaterThanOrEqual(0.95);
    expect(s?.recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe("PII recognizers", () => {
  it("report positions and entity types, never the matched text", () => {
    const text = "Mail anna@acme.io or card 4539 1488 0343 6467 please";
    const matches = findPii(text);
    expect(matches).toEqual([
      { entity: "email", tier: "B", start: 5, end: 17 },
      { entity: "credit_card", tier: "A", start: 26, end: 45 },
    ]);
    expect(JSON.stringify(matches)).not.toContain("anna");
  });

  it("need context (or a column name) for weak identifiers", () => {
    expect(findPii("ticket 536-90-4399 closed")).toEqual([]);
    expect(findPii("SSN 536-90-4399")).toHaveLength(1);
    expect(findPii("536-90-4399", { field: "employee_ssn" })).toHaveLength(1);
  });

  it("find the same entities with the text core's hints as without them, on the labelled corpus", () => {
    const counter = new WordCounter();
    let found = 0;
    for (const row of generateCorpus(4000, 23)) {
      counter.addText(row.text);
      const hinted = scanForPii(row.text, {
        ...(row.field === undefined ? {} : { field: row.field }),
        hints: counter.piiHints,
        digitsFrom: counter.digitsFrom,
        digitsTo: counter.digitsTo,
      });
      expect(hinted).toEqual(scanForPii(row.text, row.field === undefined ? {} : { field: row.field }));
      found += hinted.length;
    }
    expect(found).toBeGreaterThanOrEqual(2000); // half the corpus's rows hold an entity
  });

  it("settle values of digits only (ids, counts, years) exactly as a full scan does, whatever the column", () => {
    const fields = [undefined, "id", "row_id", "passport", "Passport_No", "aadhaar", "phone", "card_number"];
    let seed = 7;
    const digit = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return String(seed % 10);
    };
    let found = 0;
    for (let length = 1; length <= 20; length++) {
      for (let k = 0; k < 300; k++) {
        const text = Array.from({ length }, digit).join("");
        for (const field of fields) {
          const expected = scanForPii(text, field === undefined ? {} : { field });
          expect(findPii(text, field === undefined ? {} : { field })).toEqual(expected);
          found += expected.length;
        }
      }
    }
    expect(found).toBeGreaterThan(1000); // passports under a passport column, valid card numbers: not all empty
  });

  it("settle a whole number without its text only where a full scan of its text finds nothing", () => {
    const fields = [undefined, "id", "order_no", "passport", "phone", "mobile", "ssn", "nhs_number", "card"];
    let seed = 11;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    let settled = 0;
    for (let digits = 1; digits <= 16; digits++) {
      for (let k = 0; k < 200; k++) {
        const value =
          Number(
            String(next())
              .padEnd(digits, String(next() % 10))
              .slice(0, digits),
          ) * (k % 7 === 0 ? -1 : 1);
        for (const field of fields) {
          const held = integerHoldsNone(value, field);
          expect(integerHoldsNone(BigInt(value), field)).toBe(held);
          if (!held) continue;
          settled++;
          expect(scanForPii(String(value), field === undefined ? {} : { field }), `${value} under ${field}`).toEqual(
            [],
          );
        }
      }
    }
    expect(integerHoldsNone(4155550123, "phone")).toBe(false);
    expect(integerHoldsNone(1.5, undefined)).toBe(false);
    for (const big of [-1n, 100_000_000_000n, 2n ** 64n - 1n, -(2n ** 63n)]) {
      expect(integerHoldsNone(big, undefined), String(big)).toBe(false);
    }
    expect(integerHoldsNone(99_999_999_999n, undefined)).toBe(true);
    expect(settled).toBeGreaterThan(5000);
  });

  it("find a bare licence number after each of the licence's words, however written, and only there", () => {
    const named = [
      "driver's license 48213",
      "Driver License: 48213",
      "DRIVER'S LICENSE 48213",
      "driving licence 48213",
      "license no 48213",
      "licence number 48213",
      "DL# 48213",
      "dl 48213",
      "DLN 48213",
      "Führerschein 48213",
      "FÜHRERSCHEIN Nr. 48213",
      "permis de conduire 48213",
      "driver_license=48213",
      "driverLicense: 48213",
      "48213 is my DL",
      "my drivers license # is 48213 ok",
    ];
    // As the scan asks: with the text core's hints and digit bounds, also for the text lower-cased.
    const counter = new WordCounter();
    const hinted = (text: string) => {
      counter.addText(text);
      const { piiHints: hints, digitsFrom, digitsTo } = counter;
      return findPii(text, { hints, digitsFrom, digitsTo }).map((m) => m.entity);
    };
    for (const text of named) {
      expect(
        findPii(text).map((m) => m.entity),
        text,
      ).toEqual(["us_driver_license"]);
      expect(hinted(text), text).toEqual(["us_driver_license"]);
      const lower = text.toLowerCase();
      expect(hinted(lower), lower).toEqual(["us_driver_license"]);
    }
    // No licence word, or one further back than the context window, or only in another sentence's reach: none.
    for (const text of [
      "order 48213 shipped",
      "licensed 48213",
      `driver's license${" word".repeat(12)} 48213`,
      `order 48213 shipped${" word".repeat(12)} then the dl was renewed`,
    ]) {
      expect(findPii(text), text).toEqual([]);
      expect(hinted(text), text).toEqual([]);
    }
  });

  it("stay linear on hostile input: 1 MB strings built to make a backtracking engine explode", () => {
    const hostile = [
      "1".repeat(1_000_000),
      "1-".repeat(500_000),
      "a@".repeat(500_000),
      `${"a".repeat(999_000)}@${"b.".repeat(500)}`,
      ":".repeat(1_000_000),
      "1.".repeat(500_000),
      "A1".repeat(500_000),
      "(1) ".repeat(250_000),
      "-----BEGIN PRIVATE KEY-----".repeat(30_000),
      "A1-".repeat(300_000),
      "1 ".repeat(500_000),
      "+1 ".repeat(300_000),
      "a@b.".repeat(250_000),
    ];
    const started = performance.now();
    for (const text of hostile) findPii(text);
    // A backtracking blow-up takes minutes on inputs like these; linear scans take well under a second each.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
