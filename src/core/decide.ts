/**
 * The only place that knows status precedence and what fails the gate.
 */
import type { CheckResult, FailOn, GatePolicy, Severity, Status, Verdict } from "./model.js";

const RANK: Record<Status, number> = { skip: 0, pass: 1, waived: 2, warn: 3, fail: 4, error: 5 };

/** The more severe of two statuses (error > fail > warn > waived > pass > skip). */
export function worstStatus(a: Status, b: Status): Status {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The status a set of findings gives: the worst severity, or `pass` when there are none. */
export function statusOf(severities: Iterable<Severity>): Status {
  let status: Status = "pass";
  for (const severity of severities) status = worstStatus(status, severity);
  return status;
}

/** The worst status of a set of clauses or results, or `pass` when there are none. */
export function worstOf(items: Iterable<{ readonly status: Status }>): Status {
  let status: Status = "pass";
  for (const item of items) status = worstStatus(status, item.status);
  return status;
}

/** Does a check or clause with this status fail the gate under `failOn`? */
export function failsGate(status: Status, failOn: FailOn): boolean {
  return RANK[status] >= RANK[failOn];
}

export const DEFAULT_POLICY: GatePolicy = { failOn: "fail" };

/**
 * Findings most severe first, file order kept within a severity (a stable sort): how every renderer lists
 * them, so an unreadable line never hides behind a page of warnings.
 */
export function mostSevereFirst<F extends { readonly severity: Severity }>(findings: readonly F[]): F[] {
  return [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}

/**
 * The gate's verdict: `fail` when any check's status reaches the policy's `failOn` level. An empty set of
 * results fails too: a gate that checked nothing must not go green.
 */
export function decide(results: readonly CheckResult[], policy: GatePolicy = DEFAULT_POLICY): Verdict {
  if (results.length === 0) return "fail";
  return results.some((result) => failsGate(result.status, policy.failOn)) ? "fail" : "pass";
}
