import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffSnapshots, formatValue, type MetricDiff } from "./diff.js";
import { DEFAULT_POLICY, type Policy, validatePolicy } from "./policy.js";
import { parseSnapshot, type Snapshot, SnapshotError, type SnapshotValue } from "./snapshot.js";

const SAMPLE = readFileSync("fixtures/peers/torchcomply/10_connected_pipeline__compliance_snapshot.json", "utf8");

function snap(metrics: Record<string, SnapshotValue>): Snapshot {
  return { format: "generic", runId: undefined, metrics: new Map(Object.entries(metrics)) };
}

function judged(
  before: Record<string, SnapshotValue>,
  after: Record<string, SnapshotValue>,
  policy: Policy = DEFAULT_POLICY,
) {
  const byName = new Map(diffSnapshots(snap(before), snap(after), policy).map((d) => [d.name, d]));
  return (name: string): Pick<MetricDiff, "status" | "outcome"> => {
    const d = byName.get(name);
    if (!d) throw new Error(`no diff for ${name}`);
    return { status: d.status, outcome: d.outcome };
  };
}

const regressed = { status: "regressed", outcome: "fail" };
const unchanged = { status: "unchanged", outcome: "pass" };
const improved = { status: "improved", outcome: "pass" };
const overLimit = { status: "limit-exceeded", outcome: "fail" };

describe("torchcomply's diff rules, kept", () => {
  it.each([
    ["fairness_parity", 0.05, 0.07, regressed], // torchcomply: regressed (Δ = 0.020000000000000004)
    ["fairness_parity", 0.05, 0.069, unchanged], // within +0.02
    ["fairness_parity", 0.07, 0.05, improved],
    ["epsilon", 4.0, 9.0, regressed], // +5.0
    ["epsilon", 50, 54.9, unchanged], // torchcomply lets this pass too: tighten `tolerance` in a policy to stop it
    ["accuracy", 0.9, 0.88, regressed], // −0.02
    ["accuracy", 0.92, 0.9, regressed],
    ["accuracy", 0.5, 0.48, regressed],
    ["accuracy", 0.9, 0.885, unchanged],
    ["fairness_passed", true, false, regressed],
    ["drift_detected", false, true, regressed],
  ] as const)("%s %s → %s is %j", (name, before, after, expected) => {
    expect(judged({ [name]: before }, { [name]: after })(name)).toEqual(expected);
  });
});

describe("where torchcomply's diff is lenient, comply-gate is strict", () => {
  it("0.10 → 0.12 parity under a +0.02 tolerance regresses (torchcomply: Δ = 0.0199999…, OK by float accident)", () => {
    expect(judged({ fairness_parity: 0.1 }, { fairness_parity: 0.12 })("fairness_parity")).toEqual(regressed);
    expect(judged({ fairness_parity: 0 }, { fairness_parity: 0.02 })("fairness_parity")).toEqual(regressed);
  });

  it("a metric the baseline had and the snapshot lacks is missing, and fails (torchcomply omits it)", () => {
    expect(judged({ accuracy: 0.9 }, { accuracy: null })("accuracy")).toEqual({ status: "missing", outcome: "fail" });
    expect(judged({ accuracy: 0.9 }, {})("accuracy")).toEqual({ status: "missing", outcome: "fail" });
  });

  it("NaN fails (torchcomply: NaN − x > tol is false, so NaN never regresses)", () => {
    expect(judged({ epsilon: 4 }, { epsilon: Number.NaN })("epsilon")).toEqual(regressed);
  });

  it("a type change fails (torchcomply crashes on a string parity)", () => {
    expect(judged({ fairness_parity: 0.05 }, { fairness_parity: "0.05" })("fairness_parity")).toEqual(regressed);
  });

  it("a gate that stays failed or drift that stays detected is a failure, not ✅ OK", () => {
    expect(judged({ fairness_passed: false }, { fairness_passed: false })("fairness_passed")).toEqual(overLimit);
    expect(judged({ drift_detected: true }, { drift_detected: true })("drift_detected")).toEqual(overLimit);
    expect(judged({ fairness_passed: false }, { fairness_passed: true })("fairness_passed")).toEqual(improved);
  });

  it("perfecXion's continuous limits fail when reported, even without a baseline or a regression", () => {
    const next = judged({}, { drift_score: 0.12, demographic_parity: 0.06 });
    expect(next("drift_score")).toEqual(overLimit);
    expect(next("demographic_parity")).toEqual(overLimit);
    expect(judged({}, {})("drift_score")).toEqual({ status: "not-measured", outcome: "pass" });
    expect(judged({ drift_score: 0.05 }, {})("drift_score")).toEqual({ status: "missing", outcome: "pass" }); // ignore
  });

  it("a metric measured in neither snapshot (absent or null) is not measured, and passes: nothing regressed", () => {
    const notMeasured = { status: "not-measured", outcome: "pass" };
    expect(judged({}, {})("accuracy")).toEqual(notMeasured);
    expect(judged({ accuracy: null }, { accuracy: null })("accuracy")).toEqual(notMeasured);
    expect(judged({}, { accuracy: null })("accuracy")).toEqual(notMeasured);
    expect(judged({ accuracy: null }, {})("accuracy")).toEqual(notMeasured);
  });

  it("…unless the policy says the metric is required: then absent or null now fails, whatever the baseline had", () => {
    const policy = validatePolicy({ metrics: { accuracy: { direction: "higher-is-better", required: true } } }, "p");
    const missing = { status: "missing", outcome: "fail" };
    expect(judged({}, {}, policy)("accuracy")).toEqual(missing);
    expect(judged({ accuracy: null }, { accuracy: null }, policy)("accuracy")).toEqual(missing);
    expect(judged({ accuracy: 0.9 }, {}, policy)("accuracy")).toEqual(missing);
    expect(judged({}, { accuracy: 0.9 }, policy)("accuracy")).toEqual({ status: "new", outcome: "pass" });
  });

  it.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "%s now fails like NaN, in either direction",
    (value) => {
      expect(judged({ epsilon: 4 }, { epsilon: value })("epsilon")).toEqual(regressed);
      expect(judged({ accuracy: 0.9 }, { accuracy: value })("accuracy")).toEqual(regressed);
      expect(judged({}, { accuracy: value })("accuracy")).toEqual(regressed);
    },
  );

  it("a new metric is reported as new, and limits still apply to it", () => {
    expect(judged({}, { accuracy: 0.9 })("accuracy")).toEqual({ status: "new", outcome: "pass" });
  });
});

describe("policies", () => {
  it("supports relative tolerances, hard limits on numbers and equal-direction metrics", () => {
    const policy = validatePolicy(
      {
        metrics: {
          auc: { direction: "higher-is-better", tolerance: { relative: 0.05 }, limit: 0.7 },
          audit_root_hash: { direction: "equal", missing: "warn" },
        },
      },
      "policy.yml",
    );
    expect(judged({ auc: 0.8 }, { auc: 0.761 }, policy)("auc")).toEqual(unchanged); // −4.9 % < 5 %
    expect(judged({ auc: 0.8 }, { auc: 0.76 }, policy)("auc")).toEqual(regressed); // −5 %
    expect(judged({ auc: 0.72 }, { auc: 0.69 }, policy)("auc")).toEqual(overLimit);
    expect(judged({ audit_root_hash: "a" }, { audit_root_hash: "b" }, policy)("audit_root_hash")).toEqual(regressed);
    expect(judged({ audit_root_hash: "a" }, {}, policy)("audit_root_hash")).toEqual({
      status: "missing",
      outcome: "warn",
    });
  });

  it("shows metrics the policy does not list, without judging them", () => {
    const diffs = diffSnapshots(snap({ loss: 0.3 }), snap({ loss: 0.5 }), DEFAULT_POLICY);
    expect(diffs.find((d) => d.name === "loss")).toMatchObject({ status: "not-judged", outcome: "pass", delta: 0.2 });
  });

  it("rejects an invalid policy with the failing path", () => {
    expect(() => validatePolicy({ metrics: { auc: { direction: "up" } } }, "policy.yml")).toThrow(
      /policy\.yml: invalid policy\n {2}\/metrics\/auc\/direction: must be equal to one of the allowed values/,
    );
  });

  it("prints numbers with at most 6 significant digits", () => {
    expect(formatValue(0.06111109256744385)).toBe("0.0611111");
    expect(formatValue(4.694858375198232)).toBe("4.69486");
    expect(formatValue(1e-5)).toBe("0.00001");
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe("∞");
  });
});

describe("reading snapshots", () => {
  it("reads torchcomply's real compliance_snapshot.json, null accuracy included", () => {
    const snapshot = parseSnapshot(SAMPLE, "snapshot.json");
    expect(snapshot.format).toBe("torchcomply");
    expect(snapshot.runId).toBe("connected_pipeline_demo");
    expect(Object.fromEntries(snapshot.metrics)).toEqual({
      audit_root_hash: "f61d14289ea2de040814e474e634d57046f78bc12d2ab671711cfc7b8c732d4a",
      audit_entries: 108,
      fairness_parity: 0.06111109256744385,
      fairness_passed: true,
      epsilon: 4.694858375198232,
      delta: 1e-5,
      drift_detected: false,
      accuracy: null,
    });
  });

  it("accepts Python's NaN and Infinity tokens and keeps flattened extras as metrics", () => {
    const snapshot = parseSnapshot('{"run_id": "r", "epsilon": Infinity, "fairness_parity": NaN, "f1": 0.8}', "s.json");
    expect(snapshot.metrics.get("epsilon")).toBe(Number.POSITIVE_INFINITY);
    expect(snapshot.metrics.get("fairness_parity")).toBeNaN();
    expect(snapshot.metrics.get("f1")).toBe(0.8);
  });

  it("reads a generic metrics document and a comply-gate report", () => {
    expect(parseSnapshot('{"metrics": {"auc": 0.9, "ok": true}}', "m.json").metrics.get("auc")).toBe(0.9);
    const report = JSON.stringify({
      schemaVersion: "1",
      checks: [
        { id: "chain", target: "a.jsonl", metrics: { entries: 3 } },
        { id: "chain", target: "b.jsonl", metrics: { entries: 5 } },
        { id: "dataset", target: "data", metrics: { piiDensityPer1kTokens: 0.2 } },
      ],
    });
    const metrics = parseSnapshot(report, "report.json").metrics;
    expect(Object.fromEntries(metrics)).toEqual({
      "chain[a.jsonl].entries": 3,
      "chain[b.jsonl].entries": 5,
      "dataset.piiDensityPer1kTokens": 0.2,
    });
  });

  it.each([
    ["{", /s\.json: not JSON/],
    ["[1]", /s\.json: expected a JSON object/],
    ['{"name": "x"}', /s\.json: not a snapshot/],
  ])("rejects %j readably", (text, message) => {
    expect(() => parseSnapshot(text, "s.json")).toThrow(SnapshotError);
    expect(() => parseSnapshot(text, "s.json")).toThrow(message);
  });
});
