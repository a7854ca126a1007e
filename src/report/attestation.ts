/**
 * The signed report. An in-toto Statement v1 names the report and every input file by SHA-256 and carries
 * the verdict as a Test Result v0.1 predicate; a DSSE envelope signs the statement's exact bytes with
 * Ed25519 (node:crypto), so in-toto / sigstore tooling can verify it with the public key, offline.
 *
 * The statement also names the run that made the report (`predicate.invocation`: repository, commit, ref,
 * event, and the workflow run's id and attempt), so a replayed older bundle is told apart by what it names:
 * `verify-report --expect-repo/--expect-commit` refuses one made for another repository or commit. The
 * run id stays out of the report body, which is the same bytes for the same inputs.
 *
 * An HMAC-SHA256 seal (spanforge's `hmac-sha256:<hex>` form) can be added for spanforge-compatible
 * pipelines. It is a seal, not a signature: whoever can check it holds the key and could have made it.
 */
import { createHash, createHmac, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { canonicalJson } from "../core/canonical-json.js";
import type { Report } from "../core/model.js";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const TEST_RESULT_PREDICATE = "https://in-toto.io/attestation/test-result/v0.1";
export const DSSE_PAYLOAD_TYPE = "application/vnd.in-toto+json";

export interface Subject {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

/** The run a report was made by, as the signed statement names it (in-toto consumers ignore fields they do not know). */
export interface Invocation {
  readonly repository?: string;
  readonly commit?: string;
  readonly ref?: string;
  readonly event: string;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT, when the report was made in GitHub Actions. */
  readonly runId?: string;
  readonly runAttempt?: string;
}

/** The workflow run from the environment (GitHub Actions), or nothing elsewhere. */
export function runFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): { id: string; attempt: string } | undefined {
  const id = env.GITHUB_RUN_ID;
  if (!id || !/^[0-9]{1,20}$/.test(id)) return undefined;
  const attempt = env.GITHUB_RUN_ATTEMPT;
  return { id, attempt: attempt && /^[0-9]{1,6}$/.test(attempt) ? attempt : "1" };
}

export interface Statement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly Subject[];
  readonly predicateType: typeof TEST_RESULT_PREDICATE;
  readonly predicate: {
    readonly result: "pass" | "fail";
    readonly configuration: readonly Subject[];
    readonly url?: string;
    readonly invocation?: Invocation;
    readonly passedTests: readonly string[];
    readonly warnedTests: readonly string[];
    readonly failedTests: readonly string[];
  };
}

export interface Envelope {
  readonly payloadType: string;
  readonly payload: string;
  readonly signatures: readonly { readonly keyid: string; readonly sig: string }[];
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Test names: each check's clauses as `<check>:<target>:<clause>`, sorted by status into the three lists. */
export function buildStatement(options: {
  report: Report;
  reportName: string;
  reportBytes: Buffer;
  inputs: readonly Subject[];
  configuration: readonly Subject[];
  runUrl?: string;
  /** The workflow run (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT), when there is one. */
  run?: { readonly id: string; readonly attempt: string } | undefined;
}): Statement {
  const passed: string[] = [];
  const warned: string[] = [];
  const failed: string[] = [];
  for (const check of options.report.checks) {
    const clauses = check.clauses.length > 0 ? check.clauses : [{ id: check.id, status: check.status }];
    for (const clause of clauses) {
      const name = `${check.id}:${check.target}:${clause.id}`;
      if (clause.status === "pass") passed.push(name);
      else if (clause.status === "warn") warned.push(name);
      else if (clause.status === "fail" || clause.status === "error") failed.push(name);
    }
  }
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: options.reportName, digest: { sha256: sha256Hex(options.reportBytes) } }, ...options.inputs],
    predicateType: TEST_RESULT_PREDICATE,
    predicate: {
      result: options.report.verdict,
      configuration: options.configuration,
      ...(options.runUrl ? { url: options.runUrl } : {}),
      invocation: invocationOf(options.report, options.run),
      passedTests: passed,
      warnedTests: warned,
      failedTests: failed,
    },
  };
}

function invocationOf(report: Report, run: { id: string; attempt: string } | undefined): Invocation {
  const { repo, sha, ref, event } = report.subject;
  return {
    ...(repo ? { repository: repo } : {}),
    ...(sha ? { commit: sha } : {}),
    ...(ref ? { ref } : {}),
    event,
    ...(run ? { runId: run.id, runAttempt: run.attempt } : {}),
  };
}

/** DSSE pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** `SHA256:<hex>` of the public key's SubjectPublicKeyInfo (DER): what auditors pin. */
export function publicKeyFingerprint(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return `SHA256:${sha256Hex(publicKey.export({ type: "spki", format: "der" }))}`;
}

export function signStatement(statement: Statement, privateKey: KeyObject): Envelope {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the signing key must be an Ed25519 private key");
  const payload = Buffer.from(canonicalJson(statement), "utf8");
  const sig = sign(null, pae(DSSE_PAYLOAD_TYPE, payload), privateKey);
  return {
    payloadType: DSSE_PAYLOAD_TYPE,
    payload: payload.toString("base64"),
    signatures: [{ keyid: publicKeyFingerprint(privateKey), sig: sig.toString("base64") }],
  };
}

/** The statement, if one of the envelope's signatures verifies with `publicKey`. */
export function openEnvelope(envelope: Envelope, publicKey: KeyObject): Statement | undefined {
  if (envelope.payloadType !== DSSE_PAYLOAD_TYPE || typeof envelope.payload !== "string") return undefined;
  const payload = Buffer.from(envelope.payload, "base64");
  const message = pae(envelope.payloadType, payload);
  const verified = (envelope.signatures ?? []).some((s) => {
    try {
      return verify(null, message, publicKey, Buffer.from(s.sig, "base64"));
    } catch {
      return false;
    }
  });
  return verified ? (JSON.parse(payload.toString("utf8")) as Statement) : undefined;
}

/** spanforge-style seal over exact bytes. */
export function hmacSeal(bytes: Buffer, key: string): string {
  return `hmac-sha256:${createHmac("sha256", key).update(bytes).digest("hex")}`;
}
