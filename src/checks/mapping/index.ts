/**
 * Regulatory mapping: spanforge events as evidence for the clauses of one framework (`frameworks.json`).
 *
 * spanforge calls a clause PASS when five events of a matching type exist, whatever they hold. Here a clause
 * is `pass` only when its evidence events exist in the period, are themselves valid (schema-valid, CHK-clean,
 * and signature-valid when the events are a signed chain) and the newest is fresh; otherwise it is a gap
 * (`fail`: no valid evidence) or partial (`warn`: some evidence invalid, or stale), with the reason
 * (specs/regulation-pii.md §3.7). Organisational clauses, evidenced by a document rather than events, are
 * `skip`: never reported as covered.
 */
import { worstOf } from "../../core/decide.js";
import { FindingCollector } from "../../core/findings.js";
import type { JsonObject } from "../../core/json/parse.js";
import type { CheckResult, Clause, Location, Status } from "../../core/model.js";
import { type SigningKey, spanforgeChecksum, spanforgeSignature } from "../chain/spanforge.js";
import { compatibilityViolations } from "../events/compat.js";
import { forEachEvent, schemaProblems } from "../events/index.js";
import { type AttestationCheck, readAttestation, verifyAttestation } from "./attestation.js";
import type { Framework, MappedClause } from "./frameworks.js";
import { inPeriod, MICROS_PER_DAY, type Period, parseInstant } from "./period.js";
import { type RegisteredModel, registryWarning } from "./registry.js";

/** The mapping was asked for with options that cannot work (unknown framework, bad dates, bad registry). */
export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingError";
  }
}

/** Freshness when neither the clause nor the run says otherwise. */
export const DEFAULT_MAX_AGE_DAYS = 90;
const DECISION_PREFIXES = ["llm.trace.", "hitl."];
const EXPLANATION_PREFIX = "explanation.";

export interface MappingRequest {
  readonly files: readonly { readonly path: string; readonly displayPath: string }[];
  readonly target: string;
  readonly framework: Framework;
  readonly period: Period;
  /** Only events about this model count (case-insensitive). */
  readonly model?: string;
  readonly maxAgeDays?: number;
  /** The HMAC key of signed chains. */
  readonly key: SigningKey;
  readonly registry?: ReadonlyMap<string, RegisteredModel>;
  /** A spanforge attestation to verify against the same events. */
  readonly attestation?: { readonly path: string; readonly displayPath: string };
}

interface ClauseTally {
  matched: number;
  valid: number;
  invalid: number;
  newestValidUs: number;
  /** First reason evidence was invalid, with its count. */
  reasons: Map<string, number>;
}

/** The model an event is about: payload.model.name, payload.model_id or a string payload.model (spanforge §e.2). */
function modelOf(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  const nested = p.model;
  if (typeof nested === "object" && nested !== null && typeof (nested as Record<string, unknown>).name === "string") {
    return (nested as Record<string, string>).name;
  }
  if (typeof p.model_id === "string") return p.model_id;
  if (typeof nested === "string") return nested;
  return undefined;
}

const startsWithAny = (type: string, prefixes: readonly string[]): boolean => prefixes.some((p) => type.startsWith(p));

/** Ids an explanation names as what it explains: a decision's event id, or its trace. */
function explainedRefs(event: Record<string, unknown>): string[] {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const refs: string[] = [];
  for (const field of ["decision_id", "decision_event_id", "event_ref", "explains"]) {
    if (typeof payload[field] === "string") refs.push(`id:${payload[field]}`);
  }
  if (typeof event.trace_id === "string") refs.push(`trace:${event.trace_id}`);
  return refs;
}

/** One event as read: the plain object, and (for signed events) its payload with number lexemes kept. */
interface ReadEvent {
  readonly event: Record<string, unknown>;
  readonly payload: () => JsonObject | undefined;
  readonly line: number;
}

/** The events of a file through the event checker's reader: a non-object is reported, not visited. */
async function forEachRecord(
  file: { path: string; displayPath: string },
  visit: (read: ReadEvent) => void,
  bad: (line: number, reason: string) => void,
): Promise<void> {
  await forEachEvent(
    file.path,
    (value, line, exact) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        bad(line, "an event must be a JSON object");
        return;
      }
      const payload = () => {
        const parsed = exact();
        const inner = parsed instanceof Map ? parsed.get("payload") : undefined;
        return inner instanceof Map ? inner : undefined;
      };
      visit({ event: value as Record<string, unknown>, payload, line });
    },
    bad,
  );
}

const NO_KEY = "signed, but there is no key to verify it";

/** Why an event cannot serve as evidence, or undefined when it can. */
function invalidity(read: ReadEvent, signedChain: boolean, key: SigningKey): string | undefined {
  const { event } = read;
  const violation = compatibilityViolations(event).find((v) => v.severity !== "warn");
  if (violation) return `fails ${violation.check}`;
  if (schemaProblems(event).length > 0) return "not valid against the envelope schema";
  if (!signedChain) return undefined;
  if (typeof event.signature !== "string") return "unsigned event in a signed chain";
  if (key.kind === "missing") return NO_KEY;
  const payload = read.payload();
  if (!payload) return "payload cannot be read for its checksum";
  const checksum = spanforgeChecksum(payload);
  if (checksum !== event.checksum) return "checksum does not match the payload (tampered)";
  const prevId = typeof event.prev_id === "string" ? event.prev_id : null;
  if (spanforgeSignature(key.secret, String(event.event_id), checksum, prevId) !== event.signature) {
    return "signature does not verify with the key";
  }
  return undefined;
}

export async function mapEvents(request: MappingRequest): Promise<CheckResult> {
  const { framework, period } = request;
  const model = request.model?.toLowerCase();
  const findings = new FindingCollector();
  const tallies = new Map<MappedClause, ClauseTally>(
    framework.clauses.map((c) => [
      c,
      { matched: 0, valid: 0, invalid: 0, newestValidUs: Number.NEGATIVE_INFINITY, reasons: new Map() },
    ]),
  );
  let events = 0;
  let periodEvents = 0;
  let newestUs = Number.NEGATIVE_INFINITY;
  let unreadable = 0;
  const decisions: { id: string; trace?: string }[] = [];
  const explained = new Set<string>();
  let explanations = 0;
  const attestation = request.attestation ? await readAttestation(request.attestation.path) : undefined;
  let attestationPeriodEvents = 0; // events in the attestation's period as spanforge filters it

  for (const file of request.files) {
    let signedChain: boolean | undefined;
    const at = (line: number, eventId?: unknown): Location => ({
      path: file.displayPath,
      line,
      ...(typeof eventId === "string" && eventId !== "" ? { eventId: eventId.slice(0, 64) } : {}),
    });
    const visit = (read: ReadEvent): void => {
      const { event, line } = read;
      events++;
      signedChain ??= typeof event.signature === "string";
      const instant = typeof event.timestamp === "string" ? parseInstant(event.timestamp) : undefined;
      if (!instant) {
        findings.add(
          "mapping.timestamp",
          "warn",
          "event has no valid ISO 8601 timestamp: not counted",
          at(line, event.event_id),
        );
        return;
      }
      if (typeof attestation === "object" && instant.us >= attestation.fromUs && instant.us <= attestation.toUs) {
        attestationPeriodEvents++;
      }
      newestUs = Math.max(newestUs, instant.us);
      if (!inPeriod(instant.us, period)) return;
      periodEvents++;
      const type = typeof event.event_type === "string" ? event.event_type : "";
      const aboutModel = model === undefined || modelOf(event.payload)?.toLowerCase() === model;
      if (type.startsWith(EXPLANATION_PREFIX) && aboutModel) {
        explanations++;
        for (const ref of explainedRefs(event)) explained.add(ref);
      }
      if (startsWithAny(type, DECISION_PREFIXES) && aboutModel) {
        decisions.push({
          id: String(event.event_id),
          ...(typeof event.trace_id === "string" ? { trace: event.trace_id } : {}),
        });
      }
      if (!aboutModel) return;
      let reason: string | undefined | null = null; // null: not yet computed (most events match no clause)
      for (const [clause, tally] of tallies) {
        if (!startsWithAny(type, clause.prefixes)) continue;
        if (reason === null) reason = invalidity(read, signedChain, request.key);
        tally.matched++;
        if (reason === undefined) {
          tally.valid++;
          tally.newestValidUs = Math.max(tally.newestValidUs, instant.us);
        } else {
          tally.invalid++;
          tally.reasons.set(reason, (tally.reasons.get(reason) ?? 0) + 1);
        }
      }
      if (typeof reason === "string") {
        findings.add(
          "mapping.invalid-evidence",
          "warn",
          `evidence event not counted: ${reason}`,
          at(line, event.event_id),
        );
      }
    };
    const bad = (line: number, reason: string): void => {
      unreadable++;
      findings.add("mapping.unreadable", "error", reason, at(line));
    };
    try {
      await forEachRecord(file, visit, bad);
    } catch (error) {
      bad(1, `cannot read the events (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }

  const unverifiable = [...tallies.values()].some((t) => t.reasons.has(NO_KEY));
  if (unverifiable && request.key.kind === "missing") {
    findings.add("mapping.key", "error", `signed events cannot be verified: ${request.key.reason}`, {
      path: request.target,
    });
  }
  if (events === 0 && unreadable === 0) {
    findings.add("mapping.unreadable", "error", "no events were read: nothing was checked", { path: request.target });
  }
  // Freshness is measured from the period's end, or from the newest event: never from the wall clock, so the
  // same events give the same report.
  const asOfUs = period.toUs ?? newestUs;
  const clauses: Clause[] = framework.clauses.map((clause) => {
    const tally = tallies.get(clause) as ClauseTally;
    const maxAgeDays = clause.maxAgeDays ?? request.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
    const judged = judgeClause(clause, tally, { asOfUs, maxAgeDays });
    if (judged.status === "fail" || judged.status === "warn") {
      findings
        .forClause(clause.id)
        .add(
          judged.status === "fail" ? "mapping.gap" : "mapping.partial",
          judged.status,
          `${clause.id} (${clause.title}): ${judged.detail}`,
          { path: request.target },
        );
    }
    return {
      id: clause.id,
      title: clause.title,
      refs: [clause.cite],
      status: judged.status,
      detail: judged.detail,
      evidence: {
        prefixes: [...clause.prefixes],
        matched: tally.matched,
        valid: tally.valid,
        invalid: tally.invalid,
        maxAgeDays,
      },
    };
  });

  const explainedDecisions = decisions.filter(
    (d) => explained.has(`id:${d.id}`) || (d.trace !== undefined && explained.has(`trace:${d.trace}`)),
  ).length;
  const extraClauses: Clause[] = [];
  if (request.model !== undefined && request.registry) {
    const registered = request.registry.get(request.model);
    const warning = registryWarning(request.model, registered);
    if (warning) {
      findings.forClause("mapping.model-registry").add("mapping.registry", "warn", warning, { path: request.target });
    }
    extraClauses.push({
      id: "mapping.model-registry",
      title: "The model is registered and active",
      refs: ["EU AI Act Art. 11", "ISO/IEC 42001:2023 A.6.2.7"],
      status: warning ? "warn" : "pass",
      detail: warning ?? `model ${JSON.stringify(request.model)} is registered and active`,
      evidence: {
        owner: registered?.owner ?? null,
        riskTier: registered?.riskTier ?? null,
        registryStatus: registered?.status ?? "unregistered",
      },
    });
  }
  if (request.attestation && attestation !== undefined) {
    const check: AttestationCheck =
      typeof attestation === "string"
        ? {
            status: "error",
            detail: attestation,
            evidence: {},
            problems: [{ severity: "error", message: attestation }],
          }
        : verifyAttestation(attestation, { periodEventCount: attestationPeriodEvents, key: request.key });
    const clause = attestationClause(check);
    extraClauses.push(clause);
    for (const problem of check.problems) {
      findings
        .forClause(clause.id)
        .add("mapping.attestation", problem.severity, problem.message, { path: request.attestation.displayPath });
    }
  }

  const assessable = clauses.filter((c) => c.status !== "skip");
  const covered = assessable.filter((c) => c.status === "pass").length;
  const coveragePct = assessable.length === 0 ? 0 : round1((covered / assessable.length) * 100);
  const allClauses = [...clauses, ...extraClauses];
  let status = worstOf(allClauses);
  if (findings.tally("mapping.unreadable").error > 0 || unverifiable) status = "error";
  const gaps = clauses.filter((c) => c.status === "fail").map((c) => c.id);
  return {
    id: "mapping",
    target: request.target,
    status,
    summary:
      `${framework.name}: ${covered} of ${assessable.length} clauses covered (${coveragePct}%) by ${periodEvents} events in the period` +
      (gaps.length > 0 ? `; gaps: ${gaps.join(", ")}` : ""),
    metrics: {
      framework: framework.key,
      events,
      eventsInPeriod: periodEvents,
      clausesCovered: covered,
      clausesAssessable: assessable.length,
      coveragePct,
      decisions: decisions.length,
      explainedDecisions,
      explanationCoveragePct: decisions.length === 0 ? null : round1((explainedDecisions / decisions.length) * 100),
      // spanforge's figure (explanation events ÷ decisions, capped at 100, no matching): for comparison only.
      spanforgeExplanationCoveragePct:
        decisions.length === 0 ? null : round1(Math.min((explanations / decisions.length) * 100, 100)),
      gaps,
    },
    clauses: allClauses,
    findings: findings.findings(),
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A clause's status and reason from its tally. */
export function judgeClause(
  clause: MappedClause,
  tally: ClauseTally,
  options: { asOfUs: number; maxAgeDays: number },
): { status: Status; detail: string } {
  if (clause.prefixes.length === 0) {
    return { status: "skip", detail: "organisational: evidenced by a document, not by events (not assessed)" };
  }
  const prefixes = clause.prefixes.map((p) => `${p}*`).join(", ");
  const reasons = [...tally.reasons].map(([reason, n]) => `${n} ${reason}`).join("; ");
  if (tally.matched === 0) return { status: "fail", detail: `gap: no ${prefixes} events in the period` };
  if (tally.valid === 0) {
    return { status: "fail", detail: `gap: ${tally.matched} ${prefixes} event(s), none valid (${reasons})` };
  }
  const ageDays = (options.asOfUs - tally.newestValidUs) / MICROS_PER_DAY;
  if (ageDays > options.maxAgeDays) {
    return {
      status: "warn",
      detail: `partial: the newest valid evidence is ${ageDays.toFixed(1)} days old (at most ${options.maxAgeDays} allowed)`,
    };
  }
  if (tally.invalid > 0) {
    return {
      status: "warn",
      detail: `partial: ${tally.invalid} of ${tally.matched} evidence events are not valid (${reasons})`,
    };
  }
  return {
    status: "pass",
    detail: `${tally.valid} valid ${prefixes} event(s), the newest within ${options.maxAgeDays} days`,
  };
}

function attestationClause(check: AttestationCheck): Clause {
  return {
    id: "spanforge.attestation",
    title: "spanforge attestation signature",
    refs: ["spanforge ComplianceAttestation hmac_sig"],
    status: check.status,
    detail: check.detail,
    evidence: check.evidence,
  };
}
