import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RowLeaves } from "../leaves.js";
import { DEFAULT_DATASET_OPTIONS, datasetOptions } from "../options.js";
import type { CoreTotals, RowView } from "./clause.js";
import { isMissing, missingValues } from "./missing.js";

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

/** Rows as the scanner hands them over: rows with the same keys share one `lowerKeys` array. */
function rowViews(records: readonly Record<string, unknown>[]): RowView[] {
  const shared = new Map<string, string[]>();
  return records.map((values) => {
    const keys = Object.keys(values);
    const id = keys.join("\u0000");
    const lowerKeys = shared.get(id) ?? keys.map((k) => k.toLowerCase());
    shared.set(id, lowerKeys);
    return {
      file: "t.jsonl",
      values,
      keys,
      lowerKeys,
      strings: [],
      topStrings: 0,
      stringHashes: new Int32Array(),
      stringHints: new Uint8Array(),
      stringDigits: new Int32Array(),
      leaves: new RowLeaves(),
    };
  });
}

function fold(records: readonly Record<string, unknown>[]) {
  const state = missingValues.init(DEFAULT_DATASET_OPTIONS);
  for (const row of rowViews(records)) missingValues.row(state, row, () => {}, DEFAULT_DATASET_OPTIONS);
  return state;
}

const totals = {} as CoreTotals; // the clause reads none of them

describe("the missing-values clause", () => {
  const records = [
    { text: "a", label: "x" },
    { text: "b", label: "N/A" },
    { text: "", label: "y", note: "seen once" },
    { label: null, text: "c" },
  ];

  it("counts each column over all rows, an absent key as missing, whatever the key order", () => {
    const judged = missingValues.judge(fold(records), totals, datasetOptions({ requiredColumns: ["label", "score"] }));
    expect(judged.evidence).toEqual({
      columns: ["label", "note", "text"],
      missingPct: [50, 75, 25],
      requiredColumns: ["label", "score"],
    });
    // label: 50 % > 20 % fails; a required column no row has is 100 % missing.
    expect(judged.status).toBe("fail");
    expect(judged.detail).toBe("required column(s) above 5%: `label` 50.0% missing, `score` 100.0% missing");
  });

  it("gives the same judgement from partial states saved, loaded and merged (workers, shards)", () => {
    const whole = missingValues.judge(fold(records), totals, DEFAULT_DATASET_OPTIONS);
    const reload = (state: ReturnType<typeof fold>) =>
      missingValues.load(JSON.parse(JSON.stringify(missingValues.save(state))));
    const into = reload(fold(records.slice(2)));
    missingValues.merge(into, reload(fold(records.slice(0, 2))));
    expect(missingValues.judge(into, totals, DEFAULT_DATASET_OPTIONS)).toEqual(whole);
  });

  it("tracks at most 2,000 columns and says the rest were not tracked", () => {
    const wide = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`c${i}`, i % 2 ? "v" : ""]));
    const state = fold([wide, wide]);
    const judged = missingValues.judge(state, totals, DEFAULT_DATASET_OPTIONS);
    expect(judged.evidence.columns).toHaveLength(2000);
    expect(judged.detail).toMatch(/; more than 2000 columns, the rest not tracked$/);
    const merged = missingValues.init(DEFAULT_DATASET_OPTIONS);
    missingValues.merge(merged, state);
    expect(missingValues.judge(merged, totals, DEFAULT_DATASET_OPTIONS)).toEqual(judged);
  });
});
