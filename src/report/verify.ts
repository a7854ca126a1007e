/**
 * Verifying a downloaded report without trusting the runner: the report's bytes are canonical and valid
 * against the published schema, the DSSE envelope verifies with the auditor's copy of the public key, the
 * statement names these exact bytes and agrees with the verdict, and the HMAC seal matches when a key is
 * given. Pure over bytes and keys; one changed byte fails it.
 *
 * It also says what the report is about (repository, commit, ref, event, and the run the signed statement
 * names), so an older bundle replayed as this run's is seen; `expect` turns that into a check.
 */
import { type KeyObject, timingSafeEqual } from "node:crypto";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import reportSchema from "../../schemas/report.schema.json" with { type: "json" };
import { canonicalJson } from "../core/canonical-json.js";
import type { Report } from "../core/model.js";
import {
  type Envelope,
  hmacSeal,
  type Invocation,
  openEnvelope,
  publicKeyFingerprint,
  STATEMENT_TYPE,
  type Statement,
  sha256Hex,
  TEST_RESULT_PREDICATE,
} from "./attestation.js";

export interface VerificationStep {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

let validator: ValidateFunction | undefined;
/** Problems with `value` as a report (empty when it is valid against schemas/report.schema.json). */
export function validateReport(value: unknown): string[] {
  validator ??= new Ajv2020({ allErrors: true, strict: true }).compile(reportSchema);
  return validator(value) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || "(top level)"} ${e.message}`);
}

export function verifyReportBundle(options: {
  reportName: string;
  reportBytes: Buffer;
  envelopeBytes?: Buffer | undefined;
  publicKey?: KeyObject | undefined;
  sealText?: string | undefined;
  hmacKey?: string | undefined;
  /** The repository (`owner/name`) and commit (full SHA) the report must be about. */
  expect?: { readonly repo?: string | undefined; readonly commit?: string | undefined };
}): VerificationStep[] {
  const steps: VerificationStep[] = [];
  let report: Report | undefined;
  try {
    report = JSON.parse(options.reportBytes.toString("utf8")) as Report;
    const problems = validateReport(report);
    const canonical = problems.length === 0 && canonicalJson(report) === options.reportBytes.toString("utf8");
    steps.push({
      name: "report",
      ok: problems.length === 0 && canonical,
      detail:
        problems.length > 0
          ? `not a valid comply-gate report: ${problems.slice(0, 3).join("; ")}`
          : canonical
            ? `valid against the report schema, canonical bytes, sha256 ${sha256Hex(options.reportBytes)}`
            : "not in canonical form (the bytes were re-serialised or edited)",
    });
  } catch {
    steps.push({ name: "report", ok: false, detail: "not JSON" });
  }

  let invocation: Invocation | undefined;
  if (options.publicKey) {
    const fingerprint = publicKeyFingerprint(options.publicKey);
    if (!options.envelopeBytes) {
      steps.push({ name: "signature", ok: false, detail: "no signed statement (.intoto.json) beside the report" });
    } else {
      let statement: Statement | undefined;
      try {
        statement = openEnvelope(JSON.parse(options.envelopeBytes.toString("utf8")) as Envelope, options.publicKey);
      } catch {
        statement = undefined;
      }
      steps.push({
        name: "signature",
        ok: statement !== undefined,
        detail: statement
          ? `DSSE envelope verifies with the Ed25519 key ${fingerprint}`
          : `the DSSE envelope does not verify with the Ed25519 key ${fingerprint}`,
      });
      if (statement) {
        invocation = statement.predicate?.invocation;
        const digest = sha256Hex(options.reportBytes);
        const named = statement.subject?.find((s) => s.name === options.reportName);
        const bound =
          statement._type === STATEMENT_TYPE &&
          statement.predicateType === TEST_RESULT_PREDICATE &&
          named?.digest?.sha256 === digest &&
          statement.predicate?.result === report?.verdict;
        steps.push({
          name: "statement",
          ok: bound,
          detail: bound
            ? `the signed statement names ${options.reportName} (sha256 ${digest}) and its verdict "${report?.verdict}"`
            : named
              ? "the signed statement is about other bytes or another verdict than this report"
              : `the signed statement does not name ${options.reportName}`,
        });
      }
    }
  }

  if (report) steps.push(subjectStep(report, invocation, options.expect ?? {}));

  if (options.hmacKey !== undefined) {
    const expected = hmacSeal(options.reportBytes, options.hmacKey);
    const stored = (options.sealText ?? "").trim();
    const ok =
      stored.length === expected.length && timingSafeEqual(Buffer.from(stored, "utf8"), Buffer.from(expected, "utf8"));
    steps.push({
      name: "hmac seal",
      ok,
      detail:
        options.sealText === undefined
          ? "no seal (.hmac) beside the report"
          : ok
            ? "the HMAC-SHA256 seal matches"
            : "the HMAC-SHA256 seal does not match",
    });
  }
  return steps;
}

/**
 * What the report is about, as its (signed) subject and the signed statement's invocation say, and whether
 * that is what the auditor expects. The two must agree: the statement is signed over the report's digest,
 * so a disagreement means the statement was made for another report.
 */
function subjectStep(
  report: Report,
  invocation: Invocation | undefined,
  expect: { readonly repo?: string | undefined; readonly commit?: string | undefined },
): VerificationStep {
  const subject = report.subject ?? { event: "unknown" };
  const problems: string[] = [];
  if (invocation) {
    const pairs: [string, string | undefined, string | undefined][] = [
      ["repository", subject.repo, invocation.repository],
      ["commit", subject.sha, invocation.commit],
      ["ref", subject.ref, invocation.ref],
      ["event", subject.event, invocation.event],
    ];
    for (const [name, inReport, inStatement] of pairs) {
      if (inReport !== inStatement) problems.push(`the signed statement names another ${name} than the report`);
    }
  }
  if (expect.repo !== undefined && subject.repo?.toLowerCase() !== expect.repo.toLowerCase()) {
    problems.push(`expected repository ${expect.repo}, the report is about ${subject.repo ?? "no repository"}`);
  }
  if (expect.commit !== undefined && subject.sha?.toLowerCase() !== expect.commit.toLowerCase()) {
    problems.push(`expected commit ${expect.commit}, the report is about ${subject.sha ?? "no commit"}`);
  }
  const run = invocation?.runId
    ? `run ${invocation.runId} (attempt ${invocation.runAttempt ?? "1"})`
    : invocation
      ? "no workflow run"
      : "run not signed";
  const about = [
    `repository ${subject.repo ?? "(none)"}`,
    `commit ${subject.sha ?? "(none)"}`,
    `ref ${subject.ref ?? "(none)"}`,
    `event ${subject.event}`,
    run,
  ].join(", ");
  return {
    name: "subject",
    ok: problems.length === 0,
    detail: problems.length ? `${problems.join("; ")} (${about})` : about,
  };
}
