import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildReport } from "../core/report.js";
import { buildStatement, hmacSeal, openEnvelope, pae, publicKeyFingerprint, signStatement } from "./attestation.js";
import { buildBundle, ENVELOPE_FILE, REPORT_FILE, SEAL_FILE } from "./bundle.js";
import { verifyReportBundle } from "./verify.js";

const keys = generateKeyPairSync("ed25519");
const report = buildReport({
  results: [
    {
      id: "chain",
      target: "logs/audit_chain.jsonl",
      status: "pass",
      summary: "ok",
      metrics: { entries: 3 },
      clauses: [{ id: "chain.hash", title: "t", refs: [], status: "pass", detail: "d", evidence: {} }],
      findings: [],
    },
  ],
  checkpoints: [],
  policy: { failOn: "fail" },
  subject: { event: "push", trust: "trusted" },
  toolVersion: "0.1.0",
});
const inputs = [{ name: "logs/audit_chain.jsonl", digest: { sha256: "a".repeat(64) } }];
const configuration = [{ name: "comply-gate.yml", digest: { sha256: "b".repeat(64) } }];

function signedBundle() {
  const bundle = buildBundle({ report, inputs, configuration, signingKey: keys.privateKey, hmacKey: "seal-key" });
  const file = (name: string): Buffer => bundle.files.get(name) as Buffer;
  return {
    bundle,
    reportBytes: file(REPORT_FILE),
    envelopeBytes: file(ENVELOPE_FILE),
    sealText: file(SEAL_FILE).toString(),
  };
}

describe("DSSE and in-toto", () => {
  const statement = buildStatement({
    report,
    reportName: REPORT_FILE,
    reportBytes: Buffer.from("x"),
    inputs,
    configuration,
  });

  it("encodes the DSSE v1 pre-authentication message as the spec's example does", () => {
    expect(pae("http://example.com/HelloWorld", Buffer.from("hello world")).toString()).toBe(
      "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
    );
  });

  it("states the report and every input by sha256, with the verdict as a test-result predicate", () => {
    expect(statement._type).toBe("https://in-toto.io/Statement/v1");
    expect(statement.predicateType).toBe("https://in-toto.io/attestation/test-result/v0.1");
    expect(statement.subject.map((s) => s.name)).toEqual([REPORT_FILE, "logs/audit_chain.jsonl"]);
    expect(statement.predicate).toMatchObject({
      result: "pass",
      passedTests: ["chain:logs/audit_chain.jsonl:chain.hash"],
    });
  });

  it("signs with Ed25519 and opens only with the matching public key", () => {
    const envelope = signStatement(statement, keys.privateKey);
    expect(envelope.signatures[0]?.keyid).toBe(publicKeyFingerprint(keys.publicKey));
    expect(openEnvelope(envelope, keys.publicKey)).toEqual(JSON.parse(JSON.stringify(statement)));
    expect(openEnvelope(envelope, generateKeyPairSync("ed25519").publicKey)).toBeUndefined();
  });
});

describe("verifying a report bundle", () => {
  it("verifies an untouched bundle: schema, signature, statement and seal", () => {
    const { reportBytes, envelopeBytes, sealText } = signedBundle();
    const steps = verifyReportBundle({
      reportName: REPORT_FILE,
      reportBytes,
      envelopeBytes,
      publicKey: keys.publicKey,
      sealText,
      hmacKey: "seal-key",
    });
    expect(steps.map((s) => [s.name, s.ok])).toEqual([
      ["report", true],
      ["signature", true],
      ["statement", true],
      ["subject", true],
      ["hmac seal", true],
    ]);
  });

  it("fails when any single byte of the report changes", () => {
    const { reportBytes, envelopeBytes, sealText } = signedBundle();
    for (let i = 0; i < reportBytes.length; i += 7) {
      const flipped = Buffer.from(reportBytes);
      flipped[i] = (flipped[i] ?? 0) ^ 0x01;
      const steps = verifyReportBundle({
        reportName: REPORT_FILE,
        reportBytes: flipped,
        envelopeBytes,
        publicKey: keys.publicKey,
        sealText,
        hmacKey: "seal-key",
      });
      expect(
        steps.every((s) => s.ok),
        `byte ${i}`,
      ).toBe(false);
    }
  });

  it("fails with another key, another seal key, or a tampered envelope", () => {
    const { reportBytes, envelopeBytes, sealText } = signedBundle();
    const other = generateKeyPairSync("ed25519").publicKey;
    expect(
      verifyReportBundle({ reportName: REPORT_FILE, reportBytes, envelopeBytes, publicKey: other }).some((s) => !s.ok),
    ).toBe(true);
    expect(
      verifyReportBundle({ reportName: REPORT_FILE, reportBytes, sealText, hmacKey: "other" }).some((s) => !s.ok),
    ).toBe(true);
    const envelope = JSON.parse(envelopeBytes.toString());
    envelope.payload = Buffer.from(
      Buffer.from(envelope.payload, "base64").toString().replace('"pass"', '"fail"'),
    ).toString("base64");
    expect(
      verifyReportBundle({
        reportName: REPORT_FILE,
        reportBytes,
        envelopeBytes: Buffer.from(JSON.stringify(envelope)),
        publicKey: keys.publicKey,
      }).some((s) => !s.ok),
    ).toBe(true);
  });

  it("writes the seal in spanforge's hmac-sha256:<hex> form", () => {
    expect(hmacSeal(Buffer.from("abc"), "key")).toBe(
      "hmac-sha256:9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab",
    );
  });
});
