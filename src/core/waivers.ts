/**
 * Waivers: a known failure silenced responsibly — by rule or clause id, for matching paths, with an owner, a
 * reason and an expiry date. A waived clause shows as `waived` everywhere and does not fail the gate; a waiver
 * past its date stops applying and fails the gate itself, naming its owner. Pure: `today` is given.
 *
 * A waiver may silence a judgement about evidence that was read, never the absence of evidence: structural
 * rules ("nothing was read", malformed or unreadable input, an anchor mismatch, a weakened policy, the waivers'
 * own states) are refused in the config, and no `error` (could not be checked) is ever waived. A waiver names
 * a reachable owner and ends on a real date at most `waiverMaxDays` ahead.
 */
import picomatch from "picomatch";
import { worstOf, worstStatus } from "./decide.js";
import type { CheckResult, Clause, Finding, Status } from "./model.js";

export interface Waiver {
  /**
   * A clause id (`Art.10(2)(d)`, `chain.link`, `CHK-3`): the clause's verdict and every finding that is evidence
   * for it (`Finding.clause`); or a finding rule (`dataset.pii`): those findings, while their clause keeps its
   * verdict.
   */
  readonly rule: string;
  /** Glob on the check's target or the finding's path (default: everywhere). */
  readonly path?: string;
  readonly owner: string;
  readonly reason: string;
  /** Last day the waiver applies (YYYY-MM-DD, inclusive). */
  readonly expires: string;
}

/** How far ahead a waiver may end unless the config says otherwise, and the most it may say. */
export const DEFAULT_WAIVER_MAX_DAYS = 90;
export const WAIVER_MAX_DAYS_LIMIT = 366;

/**
 * Rule and clause ids that say "nothing (or not all) was checked": prefixes and suffixes of the ids the checks
 * emit (`input.missing`, `input.refused`, `chain.malformed`, `events.malformed`, `chain.anchor`,
 * `dataset.unreadable`, `diff.unreadable`, `mapping.unreadable`, `dataset.parse`, `dataset.empty`,
 * `dataset.time-budget`, `events.schema`, `mapping.key`), a weakened policy and the waivers' own states.
 */
const STRUCTURAL_PREFIXES = ["input.", "policy.", "waiver."] as const;
const STRUCTURAL_SUFFIXES = [
  ".malformed",
  ".anchor",
  ".unreadable",
  ".parse",
  ".empty",
  ".time-budget",
  ".schema",
  ".key",
] as const;

/** Can this rule or clause id never be waived? */
export function isStructuralRule(rule: string): boolean {
  const id = rule.trim().toLowerCase();
  return STRUCTURAL_PREFIXES.some((p) => id.startsWith(p)) || STRUCTURAL_SUFFIXES.some((s) => id.endsWith(s));
}

// An e-mail address, a GitHub user (`@octocat`) or a team (`@acme/ml-platform`).
const EMAIL =
  /^[^\s@<>()[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const HANDLE = /^@[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}(?:\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$/;

/** Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, or undefined (`2026-02-30`, `9999-99-99`). */
export function calendarDay(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return time / 86_400_000;
}

/** What is wrong with each waiver as written (empty when all are valid): `/waivers/<i>: …` per problem. */
export function waiverProblems(waivers: readonly Waiver[]): string[] {
  const problems: string[] = [];
  waivers.forEach((waiver, i) => {
    const at = `/waivers/${i}`;
    if (isStructuralRule(waiver.rule)) {
      problems.push(
        `${at}/rule: ${JSON.stringify(waiver.rule)} cannot be waived: it says the evidence was absent, unreadable or malformed, an anchor did not match or the policy was weakened (nothing was judged to waive)`,
      );
    }
    if (!EMAIL.test(waiver.owner) && !HANDLE.test(waiver.owner)) {
      problems.push(`${at}/owner: must be an e-mail address, a GitHub @user or an @org/team`);
    }
    if (waiver.reason.trim() === "") problems.push(`${at}/reason: must say why (it is blank)`);
    if (calendarDay(waiver.expires) === undefined) {
      problems.push(`${at}/expires: ${JSON.stringify(waiver.expires)} is not a calendar date (YYYY-MM-DD)`);
    }
  });
  return problems;
}

interface ActiveWaiver {
  readonly waiver: Waiver;
  readonly matches: (path: string) => boolean;
}

const describe = (w: Waiver) => `waived until ${w.expires} by ${w.owner}: ${w.reason}`;

/** Apply the waivers to the results; adds a `waivers` check that lists each waiver's state. */
export function applyWaivers(
  results: readonly CheckResult[],
  waivers: readonly Waiver[],
  options: { today: string; source: string; maxDays?: number },
): CheckResult[] {
  if (waivers.length === 0) return [...results];
  const maxDays = options.maxDays ?? DEFAULT_WAIVER_MAX_DAYS;
  const today = calendarDay(options.today) ?? Number.NaN;
  // Why a waiver does not apply: past its date, too far ahead, or not a date at all (never applied).
  const refusal = (w: Waiver): "expired" | "too-long" | undefined => {
    const day = calendarDay(w.expires);
    if (day === undefined) return "too-long";
    if (day < today) return "expired";
    return day - today > maxDays ? "too-long" : undefined;
  };
  const active: ActiveWaiver[] = waivers
    .filter((w) => !isStructuralRule(w.rule) && refusal(w) === undefined)
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
      // An error means the evidence could not be checked: there is no judgement to waive.
      if (clause.status === "pass" || clause.status === "skip" || clause.status === "error") return clause;
      const waiver = find(clause.id, result.target);
      return waiver ? { ...clause, status: "waived", detail: `${clause.detail} — ${describe(waiver)}` } : clause;
    });
    const waivedClauses = new Set(clauses.filter((c) => c.status === "waived").map((c) => c.id));
    // A finding no longer counts when the clause it is evidence for is waived (its `clause` link, or for a
    // finding without one the clause of its rule's id: what the renderers' suppressions read), or when a
    // waiver names its rule and matches its path; every waiver that matches counts as applied.
    const counting = result.findings.filter((f: Finding) => {
      if (f.severity === "error") return true;
      const byRule = find(f.rule, f.location.path) !== undefined;
      return !byRule && !waivedClauses.has(f.clause ?? f.rule);
    });
    if (waivedClauses.size === 0 && counting.length === result.findings.length) return result;
    let status: Status = clauses.length > 0 || counting.length > 0 ? "pass" : "waived";
    for (const clause of clauses) status = worstStatus(status, clause.status);
    for (const finding of counting) if (finding.severity === "error") status = worstStatus(status, "error");
    if (counting.length < result.findings.length) status = worstStatus(status, "waived");
    return { ...result, clauses, status };
  });
  const states: (Clause & { readonly finding?: string })[] = waivers.map((waiver, i) => {
    const refused = isStructuralRule(waiver.rule) ? "structural" : refusal(waiver);
    const status: Status = refused ? "fail" : used.has(waiver) ? "pass" : "warn";
    const detail =
      refused === "structural"
        ? `REFUSED: ${waiver.rule} cannot be waived (it says nothing was checked, or the policy was weakened)`
        : refused === "expired"
          ? `EXPIRED on ${waiver.expires}: ${waiver.owner} must renew the waiver or fix the failure (${waiver.reason})`
          : refused === "too-long"
            ? `REFUSED: expires ${waiver.expires}, more than ${maxDays} days ahead (waiverMaxDays): ${waiver.owner} must set a nearer date (${waiver.reason})`
            : used.has(waiver)
              ? describe(waiver)
              : `matches nothing in this run (${describe(waiver)}): remove it?`;
    return {
      id: `waiver.${i + 1}`,
      title: `${waiver.rule}${waiver.path ? ` on ${waiver.path}` : ""} (owner ${waiver.owner})`,
      refs: [],
      status,
      detail,
      evidence: { rule: waiver.rule, path: waiver.path ?? "**", owner: waiver.owner, expires: waiver.expires },
      ...(refused ? { finding: refused === "expired" ? "waiver.expired" : "waiver.refused" } : {}),
    };
  });
  const failed = states.filter((s) => s.status === "fail");
  const expired = states.filter((s) => s.finding === "waiver.expired");
  return [
    ...waived,
    {
      id: "waivers",
      target: options.source,
      status: worstOf(states),
      summary: `${waivers.length} waiver(s): ${used.size} applied, ${expired.length} expired${failed.length > expired.length ? `, ${failed.length - expired.length} refused` : ""}`,
      metrics: { waivers: waivers.length, applied: used.size, expired: expired.length },
      clauses: states.map(({ finding: _finding, ...clause }) => clause),
      findings: failed.map((s) => ({
        rule: s.finding ?? "waiver.refused",
        severity: "fail" as const,
        message: s.detail,
        location: { path: options.source },
      })),
    },
  ];
}
