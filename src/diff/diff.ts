/**
 * Comparing a snapshot with its baseline under a policy. Stricter than torchcomply's ComplianceDiff on
 * purpose: a metric the baseline had and the snapshot lacks fails (it would silently disable its check), NaN,
 * ±Infinity and type changes fail, a
 * change that reaches the tolerance regresses (differences are rounded to 12 significant digits first, so the
 * verdict never hangs on float noise: 0.10→0.12 and 0.05→0.07 both regress under +0.02), improvements are
 * told apart, and hard limits fail even without a regression (a persistently failed gate is not "OK"). A metric
 * measured in neither snapshot (absent or null in both) is `not-measured`: nothing regressed, so it passes unless
 * the policy says the metric is `required`.
 */
import type { CheckResult, Clause, Finding, Status } from "../core/model.js";
import type { Direction, MetricRule, Policy } from "./policy.js";
import type { Snapshot, SnapshotValue } from "./snapshot.js";

export type MetricStatus =
  | "improved"
  | "unchanged"
  | "regressed"
  | "new"
  | "missing"
  | "not-measured"
  | "limit-exceeded";

export interface MetricDiff {
  readonly name: string;
  readonly baseline: SnapshotValue | undefined;
  readonly current: SnapshotValue | undefined;
  /** current − baseline for numbers, rounded to 12 significant digits. */
  readonly delta: number | undefined;
  /** Undefined for metrics the policy does not list: shown, not judged. */
  readonly direction: Direction | undefined;
  readonly status: MetricStatus | "not-judged";
  /** What the metric does to the gate. */
  readonly outcome: "pass" | "warn" | "fail";
  readonly detail: string;
}

/** Differences are compared after rounding to 12 significant digits: a deliberate epsilon. */
function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

/** How numbers are shown everywhere: at most 6 significant digits (JavaScript's toPrecision), no trailing zeros. */
export function formatValue(value: SnapshotValue | undefined): string {
  if (value === undefined) return "absent";
  // `null` is how torchcomply writes a metric it did not measure (accuracy without labels).
  if (value === null) return "null";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
    return String(Number(value.toPrecision(6)));
  }
  return String(value);
}

function formatDelta(delta: number | undefined): string {
  if (delta === undefined || Number.isNaN(delta)) return "";
  return delta > 0 ? `+${formatValue(delta)}` : formatValue(delta);
}

const isBooleanDirection = (d: Direction): boolean => d === "true-is-good" || d === "false-is-good";

function toleranceOf(rule: MetricRule, baseline: number): number {
  const t = rule.tolerance;
  if (t === undefined) return 0;
  if (typeof t === "number") return t;
  return "absolute" in t ? t.absolute : t.relative * Math.abs(baseline);
}

function limitExceeded(rule: MetricRule, current: number | boolean): string | undefined {
  if (rule.limit === undefined) return undefined;
  if (typeof current === "boolean" || typeof rule.limit === "boolean") {
    return current !== rule.limit ? `must be ${rule.limit}` : undefined;
  }
  if (rule.direction === "lower-is-better" && current > rule.limit) return `above the limit ${formatValue(rule.limit)}`;
  if (rule.direction === "higher-is-better" && current < rule.limit)
    return `below the limit ${formatValue(rule.limit)}`;
  return undefined;
}

function judge(
  name: string,
  rule: MetricRule,
  baseline: SnapshotValue | undefined,
  current: SnapshotValue | undefined,
): MetricDiff {
  const base = { name, baseline, current, direction: rule.direction };
  const result = (
    status: MetricStatus,
    outcome: MetricDiff["outcome"],
    detail: string,
    delta?: number,
  ): MetricDiff => ({
    ...base,
    delta,
    status,
    outcome,
    detail,
  });
  const measuredBefore = baseline !== undefined && baseline !== null;
  if (current === undefined || current === null) {
    if (rule.required === true) {
      return result(
        "missing",
        "fail",
        measuredBefore
          ? "required by the policy, and reported by the baseline but not now"
          : "required by the policy, but measured in neither snapshot",
      );
    }
    if (!measuredBefore) return result("not-measured", "pass", "not measured in either snapshot: nothing to compare");
    const missing = rule.missing ?? "fail";
    const outcome = missing === "ignore" ? "pass" : missing;
    return result("missing", outcome, "reported by the baseline but not now: its check would be silently disabled");
  }
  if (typeof current === "number" && !Number.isFinite(current)) {
    return result("regressed", "fail", `the current value is ${formatValue(current)}, not a measurement`);
  }
  const wantsBoolean = isBooleanDirection(rule.direction);
  const expected = wantsBoolean ? "boolean" : rule.direction === "equal" ? typeof current : "number";
  if (typeof current !== expected)
    return result("regressed", "fail", `expected a ${expected}, got a ${typeof current}`);
  if (baseline !== undefined && baseline !== null && typeof baseline !== typeof current) {
    return result("regressed", "fail", `the type changed from ${typeof baseline} to ${typeof current}`);
  }
  const limit = typeof current === "string" ? undefined : limitExceeded(rule, current);
  if (!measuredBefore || (typeof baseline === "number" && !Number.isFinite(baseline))) {
    return limit ? result("limit-exceeded", "fail", limit) : result("new", "pass", "no baseline value to compare with");
  }
  if (typeof current === "number" && typeof baseline === "number") {
    const delta = round(current === baseline ? 0 : current - baseline);
    const bad = rule.direction === "equal" ? Math.abs(delta) : rule.direction === "lower-is-better" ? delta : -delta;
    const tolerance = toleranceOf(rule, baseline);
    const regressed = bad > 0 && bad >= round(tolerance);
    const change = `${formatDelta(delta)} (${rule.direction}, tolerance ${formatValue(tolerance)})`;
    if (limit) return result("limit-exceeded", "fail", regressed ? `${limit}; also regressed ${change}` : limit, delta);
    if (regressed)
      return result("regressed", "fail", `worse by ${formatValue(bad)}, reaching the tolerance: ${change}`, delta);
    if (bad < 0) return result("improved", "pass", `better by ${formatValue(-bad)}`, delta);
    if (bad === 0) return result("unchanged", "pass", "unchanged", delta);
    return result(
      "unchanged",
      "pass",
      `worse by ${formatValue(bad)}, within the tolerance ${formatValue(tolerance)}`,
      delta,
    );
  }
  if (rule.direction === "equal" || typeof current === "string") {
    if (current === baseline)
      return limit ? result("limit-exceeded", "fail", limit) : result("unchanged", "pass", "unchanged");
    return result("regressed", "fail", "changed (must stay equal)");
  }
  // Booleans: a good → bad flip is a regression; bad both times breaks the limit (a gate that stays failed).
  const good = rule.direction === "true-is-good" ? current === true : current === false;
  if (current !== baseline) {
    return good
      ? result("improved", "pass", `now ${current}`)
      : result("regressed", "fail", `${baseline} → ${current}`);
  }
  return limit
    ? result("limit-exceeded", "fail", `${limit}, and was already ${baseline} in the baseline`)
    : result("unchanged", "pass", "unchanged");
}

export function diffSnapshots(baseline: Snapshot, current: Snapshot, policy: Policy): MetricDiff[] {
  const judged = Object.entries(policy.metrics).map(([name, rule]) =>
    judge(name, rule, baseline.metrics.get(name), current.metrics.get(name)),
  );
  const unlisted = [...new Set([...baseline.metrics.keys(), ...current.metrics.keys()])]
    .filter((name) => !(name in policy.metrics))
    .sort()
    .map((name): MetricDiff => {
      const b = baseline.metrics.get(name);
      const c = current.metrics.get(name);
      const delta = typeof b === "number" && typeof c === "number" && b !== c ? round(c - b) : undefined;
      return {
        name,
        baseline: b,
        current: c,
        delta,
        direction: undefined,
        status: "not-judged",
        outcome: "pass",
        detail: "not in the policy: shown, not judged",
      };
    });
  return [...judged, ...unlisted];
}

/** Obligations a metric is evidence for (known names; post-market monitoring for the rest). */
function refsFor(name: string): string[] {
  if (/fair|parity|disparate|odds|opportunity/.test(name))
    return ["EU AI Act Art. 10(2)(f)", "EU AI Act Art. 15(1)", "NIST AI RMF MEASURE 2.11"];
  if (/epsilon|delta|privacy/.test(name)) return ["GDPR Art. 25", "GDPR Art. 32"];
  if (/accuracy|f1|auc|recall|precision/.test(name)) return ["EU AI Act Art. 15(1)", "EU AI Act Art. 15(3)"];
  if (/drift/.test(name)) return ["EU AI Act Art. 72", "NIST AI RMF MEASURE 2.4"];
  return ["EU AI Act Art. 72"];
}

export interface BaselineSource {
  readonly label: string;
  readonly ref?: string;
  readonly sha?: string;
  readonly path: string;
  readonly blob?: string;
}

/** A metric's finite numeric values across the snapshots, when there are enough of them to draw. */
function trendOf(name: string, snapshots: readonly Snapshot[]): { trend?: number[] } {
  const values = snapshots.map((snapshot) => snapshot.metrics.get(name));
  // Every point or none: a gap would shift the labels (the last two are the baseline and now).
  if (values.length < 3 || !values.every((v) => typeof v === "number" && Number.isFinite(v))) return {};
  return { trend: (values as number[]).map((v) => Number(v.toPrecision(6))) };
}

/** The 1-based line of `"name":` in a snapshot file, for annotations. */
function lineOf(text: string, name: string): number | undefined {
  const needle = `${JSON.stringify(name)}`;
  const index = text.indexOf(needle);
  return index < 0 ? undefined : text.slice(0, index).split("\n").length;
}

export function diffCheckResult(options: {
  diffs: readonly MetricDiff[];
  baseline: BaselineSource;
  currentPath: string;
  currentText: string;
  /** Snapshots oldest first, ending with the baseline and the current one: each metric's trend. */
  history?: readonly Snapshot[];
}): CheckResult {
  const { diffs, baseline, currentPath } = options;
  const judged = diffs.filter((d) => d.status !== "not-judged");
  // Metrics the policy does not list, and metrics measured in neither snapshot, are shown as skipped clauses:
  // their values, no verdict.
  const clauses: Clause[] = diffs.map((d) => {
    const shown = d.status === "not-measured" ? "not measured" : d.status;
    const skipped = d.status === "not-judged" || (d.status === "not-measured" && d.outcome === "pass");
    return {
      id: d.name,
      title: d.direction ? `${d.name} (${d.direction})` : `${d.name} (not in the policy)`,
      refs: d.direction ? refsFor(d.name) : [],
      status: skipped ? "skip" : (d.outcome as Status),
      detail: `${shown}: ${formatValue(d.baseline)} → ${formatValue(d.current)}${d.delta !== undefined ? ` (${formatDelta(d.delta)})` : ""}; ${d.detail}`,
      evidence: {
        baseline: formatValue(d.baseline),
        current: formatValue(d.current),
        delta: formatDelta(d.delta),
        direction: d.direction ?? "",
        status: shown,
        ...(d.direction ? trendOf(d.name, options.history ?? []) : {}),
      },
    };
  });
  const findings: Finding[] = judged
    .filter((d) => d.outcome !== "pass")
    .map((d) => {
      const line = lineOf(options.currentText, d.name);
      return {
        rule: `diff.${d.status}`,
        clause: d.name,
        severity: d.outcome === "warn" ? "warn" : "fail",
        message: `${d.name}: ${formatValue(d.baseline)} → ${formatValue(d.current)}; ${d.detail}`,
        location: { path: currentPath, ...(line ? { line } : {}) },
      };
    });
  const count = (status: MetricDiff["status"]): number => diffs.filter((d) => d.status === status).length;
  const status: Status = findings.some((f) => f.severity === "fail") ? "fail" : findings.length > 0 ? "warn" : "pass";
  const regressions = judged.filter((d) => d.outcome === "fail").length;
  return {
    id: "diff",
    target: currentPath,
    status,
    summary:
      `${judged.length} metrics judged against ${baseline.label}: ${regressions === 0 ? "no regressions" : `${regressions} failing`}` +
      `, ${count("improved")} improved${count("not-judged") ? `, ${count("not-judged")} not in the policy` : ""}`,
    metrics: {
      regressed: count("regressed"),
      limitExceeded: count("limit-exceeded"),
      missing: count("missing"),
      notMeasured: count("not-measured"),
      improved: count("improved"),
      baselinePath: baseline.path,
      ...(baseline.ref ? { baselineRef: baseline.ref } : {}),
      ...(baseline.sha ? { baselineSha: baseline.sha } : {}),
      ...(baseline.blob ? { baselineBlob: baseline.blob } : {}),
    },
    clauses,
    findings,
  };
}
