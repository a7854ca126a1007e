import { describe, expect, it } from "vitest";
import type { ConfigFile } from "../config/config.js";
import { describeWeakening, weakenings } from "./policy-diff.js";

const BASE: ConfigFile = {
  chain: [{ paths: ["logs/a.jsonl", "logs/b.jsonl"], keyEnv: "AUDIT_KEY" }],
  events: [
    {
      paths: ["events.jsonl"],
      mapping: { frameworks: ["eu_ai_act", "gdpr"], from: "2026-01-01", to: "2026-03-31", maxAgeDays: 30 },
    },
  ],
  isolation: { a: "tenant-a.jsonl", b: "tenant-b.jsonl" },
  scope: [{ path: "events.jsonl", org: "org-alpha" }],
  datasets: [{ paths: ["train.jsonl"], consentFields: ["agreed"], specialCategories: [] }],
};

const lines = (head: ConfigFile, base: ConfigFile = BASE) => weakenings(base, head).map(describeWeakening);

describe("which config changes weaken the gate", () => {
  it("the same config, or defaults written out, is no weakening", () => {
    expect(lines(BASE)).toEqual([]);
    expect(
      lines({
        ...BASE,
        failOn: "fail",
        waiverMaxDays: 90,
        limits: { maxFiles: 10_000 },
        chain: [{ paths: ["logs/a.jsonl", "logs/b.jsonl"], keyEnv: "AUDIT_KEY", format: "auto", optional: false }],
        isolation: { a: "tenant-a.jsonl", b: "tenant-b.jsonl", strict: true },
      }),
    ).toEqual([]);
  });

  it("tightening is free: stricter failOn, lower limits, more inputs and paths, fewer waivers and consent fields", () => {
    expect(
      lines({
        ...BASE,
        failOn: "warn",
        limits: { maxFiles: 10, timeBudgetSeconds: 60 },
        waiverMaxDays: 7,
        chain: [
          { paths: ["logs/a.jsonl"], keyEnv: "AUDIT_KEY" },
          { paths: ["logs/b.jsonl", "logs/c.jsonl"], keyEnv: "AUDIT_KEY" },
        ],
        events: [{ ...(BASE.events?.[0] as NonNullable<ConfigFile["events"]>[number]), optional: false }],
        datasets: [
          { paths: ["train.jsonl"], requiredColumns: ["text"], thresholds: { lawfulBasisPct: 95, piiDensity: 0.1 } },
          { paths: ["eval.jsonl"] },
        ],
      }),
    ).toEqual([]);
  });

  it("per chain path: moved to a weaker input, or dropped", () => {
    expect(
      lines({
        ...BASE,
        chain: [
          { paths: ["logs/a.jsonl"], keyEnv: "AUDIT_KEY" },
          { paths: ["logs/b.jsonl"], keyEnv: "AUDIT_KEY", format: "torchcomply", keyMap: "keys.json" },
        ],
      }),
    ).toEqual(['chain[1].format changed: "auto" → "torchcomply"', 'chain[1].keyMap added: (none) → "keys.json"']);
    expect(lines({ ...BASE, chain: [] })).toEqual([
      'chain[0].paths removed: "logs/a.jsonl" → (none)',
      'chain[0].paths removed: "logs/b.jsonl" → (none)',
    ]);
  });

  it("events, mapping, isolation and scope", () => {
    expect(
      lines({
        ...BASE,
        events: [
          {
            paths: ["events.jsonl"],
            optional: true,
            mapping: { frameworks: ["eu_ai_act"], from: "2026-02-01", to: "2026-03-31", maxAgeDays: 365, keyEnv: "K2" },
          },
        ],
        isolation: { a: "tenant-a.jsonl", b: "tenant-b.jsonl", strict: false },
        scope: [{ path: "events.jsonl", org: "org-beta" }],
      }),
    ).toEqual([
      "events[0].optional made optional: false → true",
      'events[0].mapping.frameworks removed: ["gdpr"] → (none)',
      'events[0].mapping.from changed: "2026-01-01" → "2026-02-01"',
      'events[0].mapping.keyEnv added: (none) → "K2"',
      "events[0].mapping.maxAgeDays raised: 30 → 365",
      "isolation.strict relaxed: true → false",
      'scope[0] removed: {"path":"events.jsonl","org":"org-alpha"} → (none)',
    ]);
    const { isolation: _isolation, ...withoutIsolation } = BASE;
    expect(lines({ ...withoutIsolation, events: [{ paths: ["events.jsonl"] }] })).toEqual([
      'events[0].mapping removed: {"frameworks":["eu_ai_act","gdpr"]} → (none)',
      'isolation removed: {"a":"tenant-a.jsonl","b":"tenant-b.jsonl"} → (none)',
    ]);
  });

  it("datasets: fields that count as consent or source added, id columns or required columns dropped, rates relaxed", () => {
    expect(
      lines({
        ...BASE,
        datasets: [
          {
            paths: ["train.jsonl"],
            consentFields: ["agreed", "always_true"],
            sourceFields: ["anything"],
            specialCategories: ["ethnicity"],
            idColumns: ["id"],
            labelColumn: "y",
            thresholds: { lawfulBasisPct: 50, duplicateFailPct: 50, maxHighRiskPerRow: 6 },
          },
        ],
      }),
    ).toEqual([
      'datasets[0].labelColumn added: (none) → "y"',
      'datasets[0].idColumns removed: ["_id","uuid","row_id","record_id"] → (none)',
      'datasets[0].consentFields added: (none) → ["always_true"]',
      'datasets[0].sourceFields added: (none) → ["anything"]',
      'datasets[0].specialCategories added: (none) → ["ethnicity"]',
      "datasets[0].thresholds.maxHighRiskPerRow relaxed: 5 → 6",
      "datasets[0].thresholds.lawfulBasisPct relaxed: 80 → 50",
      "datasets[0].thresholds.duplicateFailPct relaxed: 5 → 50",
    ]);
    // A dataset's rows are judged together: adding a file can dilute a rate, so the set of paths is the dataset.
    expect(
      lines({ ...BASE, datasets: [{ paths: ["train.jsonl", "padding.jsonl"], consentFields: ["agreed"] }] }),
    ).toEqual(['datasets[0].paths changed: ["train.jsonl"] → ["train.jsonl","padding.jsonl"]']);
  });

  it("against no config at all, only what relaxes a default or adds a waiver weakens", () => {
    expect(
      lines(
        {
          ...BASE,
          failOn: "error",
          limits: { maxLineBytes: 1024 ** 3 },
          waivers: [{ rule: "chain.link", owner: "@octocat", reason: "r", expires: "2026-12-31" }],
        },
        {},
      ),
    ).toEqual([
      'failOn relaxed: "fail" → "error"',
      "limits.maxLineBytes raised: 16777216 → 1073741824",
      'waivers[0] added: (none) → {"rule":"chain.link","path":"**","expires":"2026-12-31"}',
    ]);
  });

  it("a waiver is known by rule and path: a new path is a new waiver, a new owner a change, a nearer date free", () => {
    const waiver = { rule: "chain.link", path: "logs/a.jsonl", owner: "@octocat", reason: "r", expires: "2026-12-31" };
    const base = { ...BASE, waivers: [waiver] };
    expect(lines({ ...base, waivers: [{ ...waiver, expires: "2026-12-01", reason: "reworded" }] }, base)).toEqual([]);
    expect(lines({ ...base, waivers: [] }, base)).toEqual([]);
    expect(lines({ ...base, waivers: [{ ...waiver, path: "logs/**", owner: "@mallory" }] }, base)).toEqual([
      'waivers[0] added: (none) → {"rule":"chain.link","path":"logs/**","expires":"2026-12-31"}',
    ]);
    expect(lines({ ...base, waivers: [{ ...waiver, owner: "@mallory" }] }, base)).toEqual([
      'waivers[0].owner changed: "@octocat" → "@mallory"',
    ]);
  });
});
