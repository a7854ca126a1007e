/**
 * spanforge compliance attestations (specs/spanforge.md §e.3): the `hmac_sig` is HMAC-SHA256 over
 * `json.dumps({model_id, framework, from, to, generated_at, clauses: {id: status}, event_count}, sort_keys=True)`
 * where `event_count` is the number of events in the period before any filtering. spanforge's own verifier
 * rebuilds the message with the sum of the clauses' evidence counts instead, so it rejects nearly every
 * attestation it writes; comply-gate verifies the message actually signed and reports that bug as a note.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { JsonNumber, type JsonValue } from "../../core/json/parse.js";
import { PYTHON_DEFAULT, pythonDumps } from "../../core/json/python-dumps.js";
import type { EvidenceValue, Severity, Status } from "../../core/model.js";
import type { SigningKey } from "../chain/spanforge.js";
import { parseInstant } from "./period.js";

/** The key spanforge signs with when SPANFORGE_SIGNING_KEY is unset: public, so it proves nothing. */
export const SPANFORGE_PUBLIC_DEFAULT_KEY = "spanforge-insecure-default-do-not-use-in-production";

export interface SpanforgeAttestation {
  readonly modelId: string;
  readonly framework: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly generatedAt: string;
  readonly clauses: readonly { readonly id: string; readonly status: string; readonly evidenceCount: number }[];
  readonly hmacSig: string;
  /** spanforge's period, as it filtered it: inclusive, a date-only `to` meaning 00:00 of that day. */
  readonly fromUs: number;
  readonly toUs: number;
}

export interface AttestationCheck {
  readonly status: Status;
  readonly detail: string;
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
  readonly problems: readonly { severity: Severity; message: string }[];
}

/** Read an attestation (`attestation.to_json()`); a string says what is wrong with the file. */
export async function readAttestation(path: string): Promise<SpanforgeAttestation | string> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `cannot read the attestation (${code})` : "the attestation is not valid JSON";
  }
  const doc = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const text = (field: string) => (typeof doc[field] === "string" ? (doc[field] as string) : undefined);
  const [modelId, framework, periodFrom, periodTo, generatedAt, hmacSig] = [
    text("model_id"),
    text("framework"),
    text("period_from"),
    text("period_to"),
    text("generated_at"),
    text("hmac_sig"),
  ];
  if (
    modelId === undefined ||
    framework === undefined ||
    periodFrom === undefined ||
    periodTo === undefined ||
    generatedAt === undefined ||
    hmacSig === undefined ||
    !Array.isArray(doc.clauses)
  ) {
    return "not a spanforge attestation: expected model_id, framework, period_from, period_to, generated_at, hmac_sig and clauses";
  }
  const clauses = [];
  for (const [i, c] of (doc.clauses as unknown[]).entries()) {
    const clause = (c ?? {}) as Record<string, unknown>;
    if (
      typeof clause.clause_id !== "string" ||
      typeof clause.status !== "string" ||
      !Number.isSafeInteger(clause.evidence_count)
    ) {
      return `clauses[${i}] needs clause_id, status and a whole evidence_count`;
    }
    clauses.push({ id: clause.clause_id, status: clause.status, evidenceCount: clause.evidence_count as number });
  }
  const from = parseInstant(periodFrom);
  const to = parseInstant(periodTo);
  if (!from || !to) return "period_from and period_to must be ISO 8601 dates or date-times";
  return { modelId, framework, periodFrom, periodTo, generatedAt, clauses, hmacSig, fromUs: from.us, toUs: to.us };
}

/** The exact message spanforge signs, for a given event count. */
export function attestationMessage(attestation: SpanforgeAttestation, eventCount: number): string {
  const clauses: JsonValue = new Map(attestation.clauses.map((c) => [c.id, c.status] as [string, JsonValue]));
  const message: JsonValue = new Map<string, JsonValue>([
    ["model_id", attestation.modelId],
    ["framework", attestation.framework],
    ["from", attestation.periodFrom],
    ["to", attestation.periodTo],
    ["generated_at", attestation.generatedAt],
    ["clauses", clauses],
    ["event_count", new JsonNumber(String(eventCount), true)],
  ]);
  return pythonDumps(message, PYTHON_DEFAULT);
}

function signs(key: string, message: string, hmacSig: string): boolean {
  const expected = Buffer.from(createHmac("sha256", key).update(message, "utf8").digest("hex"));
  const given = Buffer.from(hmacSig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Verify the attestation against the events it was made from: `periodEventCount` is the number of events in
 * spanforge's own period (`fromUs`…`toUs`).
 */
export function verifyAttestation(
  attestation: SpanforgeAttestation,
  options: { periodEventCount: number; key: SigningKey },
): AttestationCheck {
  const message = attestationMessage(attestation, options.periodEventCount);
  const evidenceSum = attestation.clauses.reduce((n, c) => n + c.evidenceCount, 0);
  const evidence = {
    model: attestation.modelId,
    framework: attestation.framework,
    eventCount: options.periodEventCount,
    evidenceCountSum: evidenceSum,
  };
  // spanforge's verify_attestation_signature signs sum(evidence_count) instead: it agrees only when they match.
  const spanforgeNote =
    evidenceSum === options.periodEventCount
      ? ""
      : `; note: spanforge's own verify_attestation_signature would call it invalid, because it rebuilds the message with the sum of evidence counts (${evidenceSum}) instead of the ${options.periodEventCount} events in the period (a spanforge bug, not a failure)`;
  if (options.key.kind === "key" && signs(options.key.secret, message, attestation.hmacSig)) {
    return {
      status: "pass",
      detail: `hmac_sig verifies with the key in ${options.key.envName} over ${options.periodEventCount} events in the period${spanforgeNote}`,
      evidence: { ...evidence, verified: true },
      problems: [],
    };
  }
  if (signs(SPANFORGE_PUBLIC_DEFAULT_KEY, message, attestation.hmacSig)) {
    const message =
      "the attestation is signed with spanforge's public default key: anyone can forge it (set SPANFORGE_SIGNING_KEY when generating)";
    return {
      status: "fail",
      detail: message,
      evidence: { ...evidence, verified: false },
      problems: [{ severity: "fail", message }],
    };
  }
  if (options.key.kind === "missing") {
    const message = `the attestation cannot be verified: ${options.key.reason}`;
    return {
      status: "error",
      detail: message,
      evidence: { ...evidence, verified: false },
      problems: [{ severity: "error", message }],
    };
  }
  const failure = `hmac_sig does not verify with the key in ${options.key.envName} over these events (${options.periodEventCount} in the period): the attestation or the events were changed, or it was made from other events`;
  return {
    status: "fail",
    detail: failure,
    evidence: { ...evidence, verified: false },
    problems: [{ severity: "fail", message: failure }],
  };
}
