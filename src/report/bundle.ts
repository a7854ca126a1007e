/**
 * The report bundle: every file the Action uploads as its artifact (and `comply-gate check --bundle DIR`
 * writes), built from the report by pure functions. Exact bytes: what is signed is what is written.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import type { Report } from "../core/model.js";
import { serializeReport } from "../core/report.js";
import {
  buildStatement,
  hmacSeal,
  publicKeyFingerprint,
  type Subject,
  sha256Hex,
  signStatement,
} from "./attestation.js";
import { renderHtml } from "./html.js";
import { type MarkdownLinks, renderSummary } from "./markdown.js";
import { renderSarif } from "./sarif.js";

export const REPORT_FILE = "comply-gate-report.json";
export const ENVELOPE_FILE = "comply-gate-report.intoto.json";
export const SEAL_FILE = "comply-gate-report.hmac";
export const PUBLIC_KEY_FILE = "comply-gate-public-key.pem";
export const SARIF_FILE = "comply-gate.sarif";
export const SUMMARY_FILE = "comply-gate-summary.md";
export const HTML_FILE = "comply-gate-report.html";
export const VERIFY_FILE = "comply-gate-VERIFY.md";
/** The Test Result predicate alone, for `actions/attest` (keyless Sigstore) in trusted runs. */
export const PREDICATE_FILE = "comply-gate-report.predicate.json";

export interface Bundle {
  /** File name → exact bytes, in a stable order. */
  readonly files: ReadonlyMap<string, Buffer>;
  /** `SHA256:<hex>` of the signing key's public half, when signed. */
  readonly fingerprint: string | undefined;
  readonly reportSha256: string;
}

export function buildBundle(options: {
  report: Report;
  /** Every file the checks read, by report path and SHA-256 (`inputSubjects`). */
  inputs: readonly Subject[];
  /** The configuration that decided the verdict (config file, effective inputs), by digest. */
  configuration: readonly Subject[];
  signingKey?: KeyObject | undefined;
  hmacKey?: string | undefined;
  runUrl?: string | undefined;
  /** The workflow run (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT), named in the signed statement. */
  run?: { readonly id: string; readonly attempt: string } | undefined;
  title?: string;
  links?: MarkdownLinks;
}): Bundle {
  const reportBytes = Buffer.from(serializeReport(options.report), "utf8");
  const files = new Map<string, Buffer>([[REPORT_FILE, reportBytes]]);
  const statement = buildStatement({
    report: options.report,
    reportName: REPORT_FILE,
    reportBytes,
    inputs: options.inputs,
    configuration: options.configuration,
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    ...(options.run ? { run: options.run } : {}),
  });
  files.set(PREDICATE_FILE, Buffer.from(`${JSON.stringify(statement.predicate, null, 2)}\n`, "utf8"));
  let fingerprint: string | undefined;
  if (options.signingKey) {
    const envelope = signStatement(statement, options.signingKey);
    fingerprint = publicKeyFingerprint(options.signingKey);
    files.set(ENVELOPE_FILE, Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, "utf8"));
    const pem = createPublicKey(options.signingKey).export({ type: "spki", format: "pem" }).toString();
    files.set(PUBLIC_KEY_FILE, Buffer.from(pem, "utf8"));
  }
  if (options.hmacKey !== undefined) files.set(SEAL_FILE, Buffer.from(`${hmacSeal(reportBytes, options.hmacKey)}\n`));
  // Code scanning's category: the config file (or the settings) that decided this analysis.
  const category = options.configuration[0]?.name.replace(/^comply-gate:/, "");
  files.set(
    SARIF_FILE,
    Buffer.from(`${JSON.stringify(renderSarif(options.report, category ? { category } : {}), null, 2)}\n`, "utf8"),
  );
  files.set(
    SUMMARY_FILE,
    Buffer.from(
      renderSummary(options.report, { ...(options.title ? { title: options.title } : {}), links: options.links ?? {} }),
    ),
  );
  files.set(HTML_FILE, Buffer.from(renderHtml(options.report, options.title ? { title: options.title } : {})));
  const reportSha256 = sha256Hex(reportBytes);
  files.set(
    VERIFY_FILE,
    Buffer.from(verifyInstructions({ reportSha256, fingerprint, sealed: options.hmacKey !== undefined })),
  );
  return { files, fingerprint, reportSha256 };
}

function verifyInstructions(options: {
  reportSha256: string;
  fingerprint: string | undefined;
  sealed: boolean;
}): string {
  const lines = ["# Verifying this comply-gate report", "", `- \`${REPORT_FILE}\`: sha256 \`${options.reportSha256}\``];
  if (options.fingerprint) {
    lines.push(
      `- \`${ENVELOPE_FILE}\`: an in-toto Statement v1 in a DSSE envelope, signed with Ed25519 key \`${options.fingerprint}\``,
      "",
      "Check the fingerprint against the one the project publishes (never trust the key shipped beside the report",
      "on its own), then:",
      "",
      "```sh",
      `npx comply-gate verify-report ${REPORT_FILE} --public-key <the project's published key>.pem`,
      "```",
    );
  } else {
    lines.push("", "This report is not signed (no signing key was configured, or the run was not trusted).");
  }
  if (options.sealed) {
    lines.push(
      "",
      `\`${SEAL_FILE}\` is an HMAC-SHA256 seal: only holders of the key can check it, and they could also have made`,
      "it, so it is not a third-party-verifiable signature. With the key in an environment variable:",
      "",
      "```sh",
      `npx comply-gate verify-report ${REPORT_FILE} --hmac-key-env COMPLY_GATE_HMAC_KEY`,
      "```",
    );
  }
  return `${lines.join("\n")}\n`;
}
