/**
 * Which findings a waiver silences, decided once for every renderer (SARIF, annotations, summary and comment),
 * so they agree. A finding is suppressed when the clause it names is `waived`, or when a waiver applied in this
 * run names its rule and matches its path (the `waivers` check lists each waiver with its rule, path glob and
 * state). The justification is the waiver's own words: until when, who, why.
 */
import picomatch from "picomatch";
import type { CheckResult, Clause, Finding, Report } from "../core/model.js";

export type Suppressed = (check: CheckResult, finding: Finding) => string | undefined;

/**
 * The clause a finding is evidence for: the one it names, or (a report made before findings named their clause)
 * the one whose id equals its rule; undefined for structural findings no clause covers.
 */
export function clauseOf(check: CheckResult, finding: Finding): Clause | undefined {
  const id = finding.clause ?? finding.rule;
  return check.clauses.find((c) => c.id === id);
}

/** The part of a waived clause's detail that the waiver added ("waived until … by …: …"). */
function justificationOf(clause: Clause): string {
  const at = clause.detail.lastIndexOf(" — waived until ");
  return at < 0 ? clause.detail : clause.detail.slice(at + 3);
}

/** The waivers this run applied to findings by rule: rule, path matcher and justification. */
function ruleWaivers(report: Report): { rule: string; matches: (path: string) => boolean; justification: string }[] {
  const waivers = report.checks.find((check) => check.id === "waivers");
  if (!waivers) return [];
  return waivers.clauses
    .filter((clause) => clause.status === "pass" && typeof clause.evidence.rule === "string")
    .map((clause) => {
      const path = typeof clause.evidence.path === "string" ? clause.evidence.path : "**";
      return {
        rule: clause.evidence.rule as string,
        matches: path === "**" ? () => true : picomatch(path, { dot: true }),
        justification: clause.detail,
      };
    });
}

/**
 * A function telling, for a finding of a check in `report`, the justification of the waiver that suppresses it
 * (undefined when none does).
 */
export function suppressions(report: Report): Suppressed {
  const byRule = ruleWaivers(report);
  return (check, finding) => {
    const clause = clauseOf(check, finding);
    if (clause?.status === "waived") return justificationOf(clause);
    return byRule.find((w) => w.rule === finding.rule && w.matches(finding.location.path))?.justification;
  };
}
