/**
 * Waivers: a known failure silenced responsibly — by rule or clause id, for matching paths, with an owner, a
 * reason and an expiry date. A waived clause shows as `waived` everywhere and does not fail the gate; a waiver
 * past its date stops applying and fails the gate itself, naming its owner. Pure: `today` is given.
 */
import picomatch from "picomatch";
import { worstOf, worstStatus } from "./decide.js";
import type { CheckResult, Clause, Finding, Status } from "./model.js";

export interface Waiver {
  /** A clause id (`Art.10(2)(d)`, `chain.link`, `CHK-3`) or finding rule (`dataset.duplicate`). */
  readonly rule: string;
  /** Glob on the check's target or the finding's path (default: everywhere). */
  readonly path?: string;
  readonly owner: string;
  readonly reason: string;
  /** Last day the waiver applies (YYYY-MM-DD, inclusive). */
  readonly expires: string;
}

interface ActiveWaiver {
  readonly waiver: Waiver;
  readonly matches: (path: string) => boolean;
}

const describe = (w: Waiver) => `waived until ${w.expires} by ${w.owner}: ${w.reason}`;

/** The waived clause a finding belongs to (same id as its rule), if any: renderers mark such findings. */
export function waivedClause(check: CheckResult, rule: string): Clause | undefined {
  return check.clauses.find((c) => c.id === rule && c.status === "waived");
}

/** Apply the waivers to the results; adds a `waivers` check that lists each waiver's state. */
export function applyWaivers(
  results: readonly CheckResult[],
  waivers: readonly Waiver[],
  options: { today: string; source: string },
): CheckResult[] {
  if (waivers.length === 0) return [...results];
  const active: ActiveWaiver[] = waivers
    .filter((w) => w.expires >= options.today)
    .map((waiver) => ({
      waiver,
      matches: waiver.path === undefined ? () => true : picomatch(waiver.path, { dot: true }),
    }));
  const used = new Set<Waiver>();
  const find = (rule: string, path: string): Waiver | undefined => {
    const hit = active.find((a) => a.waiver.rule === rule && a.matches(path))?.waiver;
    if (hit) used.add(hit);
    return hit;
  };
  const waived = results.map((result) => {
    if (result.status === "pass" || result.status === "skip") return result;
    const clauses: Clause[] = result.clauses.map((clause) => {
      if (clause.status === "pass" || clause.status === "skip") return clause;
      const waiver = find(clause.id, result.target);
      return waiver ? { ...clause, status: "waived", detail: `${clause.detail} — ${describe(waiver)}` } : clause;
    });
    const waivedClauses = new Set(clauses.filter((c) => c.status === "waived").map((c) => c.id));
    // Findings of a waived clause, or themselves waived by rule, no longer count towards the check's status.
    const counting = result.findings.filter(
      (f: Finding) => !waivedClauses.has(f.rule) && find(f.rule, f.location.path) === undefined,
    );
    if (waivedClauses.size === 0 && counting.length === result.findings.length) return result;
    let status: Status = clauses.length > 0 || counting.length > 0 ? "pass" : "waived";
    for (const clause of clauses) status = worstStatus(status, clause.status);
    for (const finding of counting) if (finding.severity === "error") status = worstStatus(status, "error");
    if (counting.length < result.findings.length) status = worstStatus(status, "waived");
    return { ...result, clauses, status };
  });
  const states: Clause[] = waivers.map((waiver, i) => {
    const expired = waiver.expires < options.today;
    const status: Status = expired ? "fail" : used.has(waiver) ? "pass" : "warn";
    return {
      id: `waiver.${i + 1}`,
      title: `${waiver.rule}${waiver.path ? ` on ${waiver.path}` : ""} (owner ${waiver.owner})`,
      refs: [],
      status,
      detail: expired
        ? `EXPIRED on ${waiver.expires}: ${waiver.owner} must renew the waiver or fix the failure (${waiver.reason})`
        : used.has(waiver)
          ? describe(waiver)
          : `matches nothing in this run (${describe(waiver)}): remove it?`,
      evidence: { rule: waiver.rule, path: waiver.path ?? "**", owner: waiver.owner, expires: waiver.expires },
    };
  });
  const expired = states.filter((s) => s.status === "fail");
  return [
    ...waived,
    {
      id: "waivers",
      target: options.source,
      status: worstOf(states),
      summary: `${waivers.length} waiver(s): ${used.size} applied, ${expired.length} expired`,
      metrics: { waivers: waivers.length, applied: used.size, expired: expired.length },
      clauses: states,
      findings: expired.map((s) => ({
        rule: "waiver.expired",
        severity: "fail" as const,
        message: s.detail,
        location: { path: options.source },
      })),
    },
  ];
}
