/**
 * Tenant isolation and scope (specs/spanforge.md §d), in spanforge's documented shape (`violation_type`s
 * missing_org_id, mixed_org_ids, shared_org_id, wrong_org_id, wrong_team_id; strict by default), stricter
 * where spanforge is lax: an empty org_id is missing (spanforge's legacy check takes "" for a real org), and
 * mixed org_ids inside one group are found (its current facade misses them).
 */
import { FindingCollector, withOwnClauses } from "../../core/findings.js";
import type { CheckResult, Clause, Status } from "../../core/model.js";
import { forEachEvent } from "./index.js";

export interface EventRef {
  readonly eventId: string | undefined;
  readonly line: number;
  readonly orgId: string | undefined;
  readonly teamId: string | undefined;
}

export type TenancyViolationType =
  | "missing_org_id"
  | "mixed_org_ids"
  | "shared_org_id"
  | "wrong_org_id"
  | "wrong_team_id";

export interface TenancyViolation {
  readonly type: TenancyViolationType;
  readonly ref: EventRef;
  readonly group: "a" | "b" | undefined;
  readonly detail: string;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const quote = (value: string | undefined): string =>
  value === undefined ? "none" : JSON.stringify(value.slice(0, 80));

export async function readEventRefs(
  path: string,
): Promise<{ refs: EventRef[]; problems: { line: number; reason: string }[] }> {
  const refs: EventRef[] = [];
  const problems: { line: number; reason: string }[] = [];
  await forEachEvent(
    path,
    (event, line) => {
      const record = typeof event === "object" && event !== null ? (event as Record<string, unknown>) : {};
      refs.push({ eventId: text(record.event_id), line, orgId: text(record.org_id), teamId: text(record.team_id) });
    },
    (line, reason) => problems.push({ line, reason }),
  );
  return { refs, problems };
}

export function isolationViolations(
  a: readonly EventRef[],
  b: readonly EventRef[],
  options: { strict: boolean },
): TenancyViolation[] {
  const violations: TenancyViolation[] = [];
  const groups = [
    ["a", a],
    ["b", b],
  ] as const;
  for (const [group, refs] of groups) {
    if (options.strict) {
      for (const ref of refs) {
        if (ref.orgId === undefined)
          violations.push({ type: "missing_org_id", ref, group, detail: "event has no org_id" });
      }
    }
    const orgs = [...new Set(refs.map((r) => r.orgId).filter((o): o is string => o !== undefined))].sort();
    if (orgs.length > 1) {
      for (const ref of refs) {
        if (ref.orgId !== undefined && ref.orgId !== orgs[0]) {
          violations.push({
            type: "mixed_org_ids",
            ref,
            group,
            detail: `group ${group} mixes ${orgs.length} org_ids: this event's ${quote(ref.orgId)} differs from ${quote(orgs[0])}`,
          });
        }
      }
    }
  }
  const orgsOf = (refs: readonly EventRef[]): Set<string> =>
    new Set(refs.map((r) => r.orgId).filter((o): o is string => o !== undefined));
  const inB = orgsOf(b);
  const shared = new Set([...orgsOf(a)].filter((o) => inB.has(o)));
  for (const [group, refs] of groups) {
    for (const ref of refs) {
      if (ref.orgId !== undefined && shared.has(ref.orgId)) {
        violations.push({
          type: "shared_org_id",
          ref,
          group,
          detail: `org_id ${quote(ref.orgId)} appears in both tenant groups`,
        });
      }
    }
  }
  return violations;
}

export function scopeViolations(
  refs: readonly EventRef[],
  expected: { org?: string | undefined; team?: string | undefined },
): TenancyViolation[] {
  const violations: TenancyViolation[] = [];
  for (const ref of refs) {
    if (expected.org !== undefined && ref.orgId !== expected.org) {
      violations.push({
        type: "wrong_org_id",
        ref,
        group: undefined,
        detail: `expected org_id=${quote(expected.org)}, got ${quote(ref.orgId)}`,
      });
    }
    if (expected.team !== undefined && ref.teamId !== expected.team) {
      violations.push({
        type: "wrong_team_id",
        ref,
        group: undefined,
        detail: `expected team_id=${quote(expected.team)}, got ${quote(ref.teamId)}`,
      });
    }
  }
  return violations;
}

const TITLES: Record<TenancyViolationType, string> = {
  missing_org_id: "Every event names its tenant (org_id)",
  mixed_org_ids: "A tenant group holds one org_id",
  shared_org_id: "No org_id appears in both tenant groups",
  wrong_org_id: "Every event belongs to the expected org",
  wrong_team_id: "Every event belongs to the expected team",
};
const REFS = ["GDPR Art. 32(1)(b)", "SOC 2 CC6.1", "ISO/IEC 42001:2023 A.6.2.8"];

/** A CheckResult from tenancy violations; `paths` maps a group (or undefined) to the file it was read from. */
export function tenancyResult(options: {
  id: "isolation" | "scope";
  target: string;
  types: readonly TenancyViolationType[];
  violations: readonly TenancyViolation[];
  paths: (group: "a" | "b" | undefined) => string;
  events: number;
  problems: readonly { path: string; line: number; reason: string }[];
}): CheckResult {
  const findings = new FindingCollector();
  for (const p of options.problems) findings.add("events.malformed", "error", p.reason, { path: p.path, line: p.line });
  for (const v of options.violations) {
    findings.add(v.type, "fail", v.detail, {
      path: options.paths(v.group),
      line: v.ref.line,
      ...(v.ref.eventId ? { eventId: v.ref.eventId.slice(0, 64) } : {}),
    });
  }
  if (options.events === 0 && options.problems.length === 0) {
    findings.add("events.malformed", "error", "no events: nothing was checked", {
      path: options.paths(undefined),
      line: 1,
    });
  }
  const clauses: Clause[] = options.types.map((type) => {
    const t = findings.tally(type);
    return {
      id: type,
      title: TITLES[type],
      refs: REFS,
      status: t.fail ? "fail" : "pass",
      detail: t.fail ? `${t.fail} events` : `${options.events} events checked`,
      evidence: { failures: t.fail },
    };
  });
  const malformed = findings.tally("events.malformed").error > 0;
  const status: Status = malformed ? "error" : clauses.some((c) => c.status === "fail") ? "fail" : "pass";
  return {
    id: options.id,
    target: options.target,
    status,
    summary: `${options.events} events; ${options.violations.length} ${options.id} violations`,
    metrics: { events: options.events, violations: options.violations.length },
    clauses,
    findings: withOwnClauses(
      findings.findings(),
      clauses.map((c) => c.id),
    ),
  };
}
