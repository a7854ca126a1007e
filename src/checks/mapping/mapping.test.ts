import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../test/helpers/cli.js";
import { parseEvents, signChain, toJson } from "../../../test/helpers/spanforge-writer.js";
import type { JsonObject, JsonValue } from "../../core/json/parse.js";
import type { CheckResult } from "../../core/model.js";
import { keyFromEnv } from "../chain/keys.js";
import { FIRST_PARTY_EVENT_TYPES } from "../events/registry.js";
import { attestationMessage, readAttestation, SPANFORGE_PUBLIC_DEFAULT_KEY } from "./attestation.js";
import { FRAMEWORKS, type Framework, findFramework } from "./frameworks.js";
import { mapEvents } from "./index.js";
import { parsePeriod } from "./period.js";
import { parseRegistry } from "./registry.js";

const REAL = "fixtures/peers/spanforge/first_100.jsonl";
const real = parseEvents(readFileSync(REAL, "utf8"));
const KEY = "mapping-test-key-0123456789";
const dir = mkdtempSync(join(tmpdir(), "comply-gate-mapping-"));

interface Spec {
  readonly type: string;
  readonly at: string;
  readonly payload?: Record<string, unknown>;
  readonly trace?: string;
}

/** A plain value as the JSON model the writer signs (objects become Maps). */
function jsonValue(value: unknown): JsonValue {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return new Map(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  }
  return value as JsonValue;
}

/** Events as spanforge writes them: the real envelope (ids, org, source) with the given type, time and payload. */
function build(specs: readonly Spec[]): JsonObject[] {
  return specs.map((spec, i) => {
    const event: JsonObject = new Map(real[i % real.length]);
    event.delete("signature");
    event.delete("checksum");
    event.delete("prev_id");
    event.set("event_type", spec.type);
    event.set("timestamp", spec.at);
    event.set("payload", jsonValue(spec.payload ?? { seq: `n${i}` }));
    if (spec.trace) event.set("trace_id", spec.trace);
    return event;
  });
}

function write(name: string, events: readonly JsonObject[]): string {
  const path = join(dir, name);
  writeFileSync(path, events.map((e) => `${toJson(e)}\n`).join(""));
  return path;
}

async function map(
  path: string,
  framework: string,
  options: { from?: string; to?: string; model?: string; maxAgeDays?: number; key?: string; registry?: string } = {},
): Promise<CheckResult> {
  const found = findFramework(framework);
  if (!found) throw new Error(framework);
  return mapEvents({
    files: [{ path, displayPath: "events.jsonl" }],
    target: "events.jsonl",
    framework: found,
    period: parsePeriod({ from: options.from, to: options.to }),
    key: keyFromEnv("K", options.key === undefined ? {} : { K: options.key }),
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.maxAgeDays === undefined ? {} : { maxAgeDays: options.maxAgeDays }),
    ...(options.registry === undefined ? {} : { registry: parseRegistry(options.registry, "registry.json") }),
  });
}

const status = (result: CheckResult, id: string) => result.clauses.find((c) => c.id === id)?.status;

/** One event of every type any clause needs, on 2026-03-10. */
const EVERY_TYPE = [
  "llm.trace.span.completed",
  "llm.audit.key_expired",
  "explanation.generated",
  "hitl.reviewed",
  "llm.eval.score.recorded",
  "llm.guard.input.passed",
  "drift.detected",
  "model_registry.registered",
  "llm.redact.applied",
  "consent.granted",
];

describe("the clause data", () => {
  it("cites a provision for every clause, with EU AI Act numbering of the adopted regulation", () => {
    for (const framework of FRAMEWORKS) {
      for (const clause of framework.clauses) expect(clause.cite, `${framework.key} ${clause.id}`).toMatch(/\d/);
    }
    const act = findFramework("eu_ai_act");
    const annex = act?.clauses.filter((c) => c.id.startsWith("AnnexIV.")).map((c) => c.id);
    expect(annex).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `AnnexIV.${n}`));
    expect(act?.clauses.find((c) => c.id === "Art.72")?.cite).toBe("EU AI Act Art. 72(1)–(2)");
    expect(act?.source).toBe("Regulation (EU) 2024/1689");
  });

  it("uses only prefixes that match real event types (spanforge's `llm.drift.` matches none)", () => {
    for (const framework of FRAMEWORKS) {
      for (const clause of framework.clauses) {
        for (const prefix of clause.prefixes) {
          expect(
            [...FIRST_PARTY_EVENT_TYPES].some((t) => t.startsWith(prefix)),
            prefix,
          ).toBe(true);
        }
      }
    }
  });

  it("knows frameworks by key and by the names spanforge's own string lookup rejects", () => {
    expect(findFramework("SOC 2 Type II")?.key).toBe("soc2");
    expect(findFramework("ISO/IEC 42001")?.key).toBe("iso_42001");
    expect(findFramework("eu-ai-act")?.key).toBe("eu_ai_act");
    expect(findFramework("NIST AI RMF")?.key).toBe("nist_ai_rmf");
    expect(findFramework("pci")).toBeUndefined();
  });
});

describe("coverage per framework", () => {
  const path = write(
    "every-type.jsonl",
    build(EVERY_TYPE.map((type, i) => ({ type, at: `2026-03-10T0${i}:00:00.000000Z` }))),
  );
  const noHitl = write(
    "no-hitl.jsonl",
    build(
      EVERY_TYPE.filter((t) => !t.startsWith("hitl.")).map((type) => ({ type, at: "2026-03-10T00:00:00.000000Z" })),
    ),
  );

  it.each(FRAMEWORKS.map((f) => f.key))(
    "%s: every assessable clause covered when every evidence type is there",
    async (key) => {
      const result = await map(path, key, { from: "2026-03-01", to: "2026-03-31" });
      expect(result.metrics.coveragePct).toBe(100);
      expect(result.status).toBe("pass");
      const skipped = result.clauses.filter((c) => c.status === "skip").map((c) => c.id);
      expect(skipped).toEqual(key === "eu_ai_act" ? ["AnnexIV.7", "AnnexIV.8"] : []);
    },
  );

  it("a missing evidence type is a gap in every clause that needs it, and the coverage drops", async () => {
    const result = await map(noHitl, "eu_ai_act", { to: "2026-03-31" });
    expect(status(result, "Art.14")).toBe("fail");
    expect(result.clauses.find((c) => c.id === "Art.14")?.detail).toBe("gap: no hitl.* events in the period");
    expect(status(result, "AnnexIV.3")).toBe("pass"); // guard and eval events still evidence it
    expect(result.metrics.coveragePct).toBe(92.3); // 12 of 13
    expect(result.metrics.gaps).toEqual(["Art.14"]);
    expect(result.findings.some((f) => f.rule === "mapping.gap" && f.message.startsWith("Art.14"))).toBe(true);
    expect((await map(noHitl, "gdpr", { to: "2026-03-31" })).metrics.gaps).toEqual(["Art.22"]);
  });

  it("no events at all is an error, never an empty pass", async () => {
    const result = await map(write("empty.jsonl", []), "soc2");
    expect(result.status).toBe("error");
    expect(result.findings[0]?.message).toContain("no events were read");
  });
});

describe("the period, at day boundaries", () => {
  const path = write(
    "boundaries.jsonl",
    build([
      { type: "hitl.reviewed", at: "2026-01-04T23:59:59.999999Z" },
      { type: "hitl.reviewed", at: "2026-01-05T00:00:00.000000Z" },
      { type: "hitl.reviewed", at: "2026-01-05T23:59:59.999999Z" },
      { type: "hitl.reviewed", at: "2026-01-06T00:00:00.000000Z" },
    ]),
  );
  const inPeriod = async (from?: string, to?: string) =>
    (await map(path, "eu_ai_act", { ...(from ? { from } : {}), ...(to ? { to } : {}) })).metrics.eventsInPeriod;

  it("a date-only --to covers its whole last day (spanforge stops at 00:00 and drops it)", async () => {
    expect(await inPeriod("2026-01-05", "2026-01-05")).toBe(2);
    expect(await inPeriod(undefined, "2026-01-04")).toBe(1);
  });

  it("--from is inclusive to the microsecond, and date-times with offsets are instants", async () => {
    expect(await inPeriod("2026-01-05T00:00:00Z")).toBe(3);
    expect(await inPeriod("2026-01-05T00:00:00.000001Z")).toBe(2);
    expect(await inPeriod(undefined, "2026-01-05T23:59:59.999998Z")).toBe(2);
    expect(await inPeriod("2026-01-05T01:00:00+01:00", "2026-01-05T01:00:00+01:00")).toBe(1);
  });

  it("rejects an unreadable or inverted period with the flag to fix", () => {
    expect(() => parsePeriod({ to: "2026-1-5" })).toThrow(/--to must be an ISO 8601 date/);
    expect(() => parsePeriod({ from: "2026-02-30" })).toThrow(/--from must be/);
    expect(() => parsePeriod({ from: "2026-02-02", to: "2026-02-01" })).toThrow(/the period is empty/);
  });
});

describe("evidence must be valid and fresh", () => {
  const specs: Spec[] = [
    { type: "hitl.reviewed", at: "2026-03-01T00:00:00.000000Z" },
    { type: "hitl.escalated", at: "2026-03-02T00:00:00.000000Z" },
    { type: "drift.detected", at: "2026-01-01T00:00:00.000000Z" },
    { type: "llm.trace.span.completed", at: "2026-03-03T00:00:00.000000Z" },
  ];
  const signed = signChain(build(specs), () => KEY);
  const signedPath = write("signed.jsonl", signed);
  const tampered = signed.map((e, i) => {
    if (i !== 1) return e;
    const copy: JsonObject = new Map(e);
    copy.set("payload", new Map<string, JsonValue>([["seq", "rewritten"]]));
    return copy;
  });
  const tamperedPath = write("tampered.jsonl", tampered);

  it("a signed chain counts only with the key that verifies it; without one, nothing counts", async () => {
    expect(status(await map(signedPath, "eu_ai_act", { key: KEY, to: "2026-03-31" }), "Art.14")).toBe("pass");
    const keyless = await map(signedPath, "eu_ai_act", { to: "2026-03-31" });
    expect(status(keyless, "Art.14")).toBe("fail");
    expect(keyless.clauses.find((c) => c.id === "Art.14")?.detail).toBe(
      "gap: 2 hitl.* event(s), none valid (2 signed, but there is no key to verify it)",
    );
    expect(keyless.status).toBe("error");
    expect(keyless.findings.find((f) => f.rule === "mapping.key")?.message).toBe(
      "signed events cannot be verified: no signing key: environment variable K is not set (set it to the chain's HMAC key, or name another variable with --key-env)",
    );
    expect(status(await map(signedPath, "eu_ai_act", { key: "wrong-key-000000", to: "2026-03-31" }), "Art.14")).toBe(
      "fail",
    );
  });

  it("a tampered evidence event is not counted and makes its clause partial, located by line and id", async () => {
    const result = await map(tamperedPath, "eu_ai_act", { key: KEY, to: "2026-03-31" });
    expect(status(result, "Art.14")).toBe("warn");
    expect(result.clauses.find((c) => c.id === "Art.14")?.detail).toBe(
      "partial: 1 of 2 evidence events are not valid (1 checksum does not match the payload (tampered))",
    );
    const finding = result.findings.find((f) => f.rule === "mapping.invalid-evidence");
    expect(finding?.location).toEqual({ path: "events.jsonl", line: 2, eventId: real[1]?.get("event_id") });
  });

  it("evidence older than the clause's maximum age, counted back from the period's end, is partial", async () => {
    const result = await map(signedPath, "eu_ai_act", { key: KEY, to: "2026-03-31" });
    // Art.72 needs drift or eval evidence at most 30 days old; the drift event is 90 days before the period's end.
    expect(status(result, "Art.72")).toBe("warn");
    expect(result.clauses.find((c) => c.id === "Art.72")?.detail).toBe(
      "partial: the newest valid evidence is 90.0 days old (at most 30 allowed)",
    );
    expect(status(result, "Art.15")).toBe("pass"); // the default 90 days
    expect(status(await map(signedPath, "eu_ai_act", { key: KEY, to: "2026-03-31", maxAgeDays: 10 }), "Art.14")).toBe(
      "warn",
    );
  });

  it("an event without a readable timestamp is reported and not counted", async () => {
    const result = await map(write("no-time.jsonl", build([{ type: "hitl.reviewed", at: "yesterday" }])), "gdpr");
    expect(result.findings.find((f) => f.rule === "mapping.timestamp")?.location.line).toBe(1);
    expect(status(result, "Art.22")).toBe("fail");
  });
});

describe("explanation coverage and the model", () => {
  const path = write(
    "decisions.jsonl",
    build([
      { type: "llm.trace.span.completed", at: "2026-03-01T00:00:00.000000Z", payload: { model_id: "m1" } },
      {
        type: "hitl.reviewed",
        at: "2026-03-01T00:00:01.000000Z",
        payload: { model: { name: "M1" } },
        trace: "a".repeat(32),
      },
      { type: "llm.trace.span.failed", at: "2026-03-01T00:00:02.000000Z", payload: { model: "m1" } },
      { type: "hitl.queued", at: "2026-03-01T00:00:03.000000Z", payload: { model_id: "m2" } },
      {
        type: "explanation.generated",
        at: "2026-03-01T00:00:04.000000Z",
        payload: { model_id: "m1", decision_id: real[0]?.get("event_id") as string },
      },
      {
        type: "explanation.generated",
        at: "2026-03-01T00:00:05.000000Z",
        payload: { model_id: "m1" },
        trace: "a".repeat(32),
      },
      { type: "explanation.generated", at: "2026-03-01T00:00:06.000000Z", payload: { model_id: "m1" } },
    ]),
  );

  it("counts a decision explained only when an explanation names it (by id or trace), per model", async () => {
    const all = await map(path, "eu_ai_act");
    expect(all.metrics.decisions).toBe(4);
    expect(all.metrics.explainedDecisions).toBe(2);
    expect(all.metrics.explanationCoveragePct).toBe(50);
    expect(all.metrics.spanforgeExplanationCoveragePct).toBe(75); // 3 explanations ÷ 4 decisions: inflated
    const m1 = await map(path, "eu_ai_act", { model: "m1" });
    // A string payload.model counts (spanforge crashes on it); m2's decision does not.
    expect(m1.metrics.decisions).toBe(3);
    expect(m1.metrics.explanationCoveragePct).toBe(66.7);
  });

  it("adds owner and risk tier from the registry and warns on deprecated, retired or unregistered models", async () => {
    const registry = JSON.stringify({
      models: [
        { model_id: "m1", owner: "ml-platform", risk_tier: "high", status: "active" },
        { model_id: "m2", owner: "x", risk_tier: "low", status: "deprecated" },
        { model_id: "m3", status: "retired" },
      ],
    });
    const active = await map(path, "gdpr", { model: "m1", registry });
    expect(active.clauses.find((c) => c.id === "mapping.model-registry")?.evidence).toEqual({
      owner: "ml-platform",
      riskTier: "high",
      registryStatus: "active",
    });
    for (const [model, word] of [
      ["m2", "DEPRECATED"],
      ["m3", "RETIRED"],
      ["m9", "not registered"],
    ] as const) {
      const result = await map(path, "gdpr", { model, registry });
      expect(result.findings.find((f) => f.rule === "mapping.registry")?.message).toContain(word);
    }
    expect(() => parseRegistry('{"m1": {"risk_tier": "extreme"}}', "r.json")).toThrow(
      'r.json: "m1": risk_tier must be one of low, medium, high, critical',
    );
  });
});

describe("spanforge attestations", () => {
  // The message spanforge signs, written out as Python's json.dumps(..., sort_keys=True) prints it.
  const PYTHON_MESSAGE =
    '{"clauses": {"Art.13": "partial", "Art.14": "pass"}, "event_count": 4, "framework": "eu_ai_act", ' +
    '"from": "2026-01-05", "generated_at": "2026-03-31T12:00:00.123456+00:00", "model_id": "mod\\u00e8le", ' +
    '"to": "2026-01-06"}';
  const events = write(
    "attested.jsonl",
    build([
      { type: "hitl.reviewed", at: "2026-01-05T00:00:00.000000Z" },
      { type: "hitl.reviewed", at: "2026-01-05T12:00:00.000000Z" },
      { type: "explanation.generated", at: "2026-01-05T13:00:00.000000Z" },
      { type: "hitl.reviewed", at: "2026-01-06T00:00:00.000000Z" },
      { type: "hitl.reviewed", at: "2026-01-06T08:00:00.000000Z" }, // after spanforge's date-only `to` (00:00)
    ]),
  );
  const attestation = (key: string, overrides: Record<string, unknown> = {}) => {
    const path = join(dir, `attestation-${Math.random().toString(36).slice(2)}.json`);
    const doc = {
      model_id: "modèle",
      framework: "eu_ai_act",
      period_from: "2026-01-05",
      period_to: "2026-01-06",
      generated_at: "2026-03-31T12:00:00.123456+00:00",
      generated_by: "spanforge.core.compliance_mapping v1",
      overall_status: "partial",
      hmac_sig: createHmac("sha256", key).update(PYTHON_MESSAGE, "utf8").digest("hex"),
      clauses: [
        { clause_id: "Art.13", status: "partial", evidence_count: 2, audit_ids: [], summary: "" },
        { clause_id: "Art.14", status: "pass", evidence_count: 3, audit_ids: [], summary: "" },
      ],
      ...overrides,
    };
    writeFileSync(path, JSON.stringify(doc, null, 2));
    return path;
  };
  const verify = async (path: string, key?: string) =>
    (
      await mapEvents({
        files: [{ path: events, displayPath: "attested.jsonl" }],
        target: "attested.jsonl",
        framework: findFramework("eu_ai_act") as Framework,
        period: parsePeriod({}),
        key: keyFromEnv("K", key === undefined ? {} : { K: key }),
        attestation: { path, displayPath: "attestation.json" },
      })
    ).clauses.find((c) => c.id === "spanforge.attestation");

  it("rebuilds exactly the message spanforge signs (Python json.dumps, ASCII-escaped, sorted)", async () => {
    const parsed = await readAttestation(attestation(KEY));
    if (typeof parsed === "string") throw new Error(parsed);
    expect(attestationMessage(parsed, 4)).toBe(PYTHON_MESSAGE);
  });

  it("verifies with the events of spanforge's period, and notes that spanforge's own verifier would reject it", async () => {
    const clause = await verify(attestation(KEY), KEY);
    expect(clause?.status).toBe("pass");
    // Four events in [2026-01-05, 2026-01-06 00:00]; the clauses' evidence counts sum to five.
    expect(clause?.evidence).toMatchObject({ eventCount: 4, evidenceCountSum: 5, verified: true });
    expect(clause?.detail).toContain("spanforge's own verify_attestation_signature would call it invalid");
  });

  it("fails a changed attestation, a wrong key and spanforge's public default key; errors without a key", async () => {
    expect((await verify(attestation(KEY, { model_id: "other" }), KEY))?.status).toBe("fail");
    expect((await verify(attestation(KEY), "another-key-0123456789"))?.status).toBe("fail");
    const publicKey = await verify(attestation(SPANFORGE_PUBLIC_DEFAULT_KEY), KEY);
    expect(publicKey?.status).toBe("fail");
    expect(publicKey?.detail).toContain("public default key");
    expect((await verify(attestation(KEY)))?.status).toBe("error");
    const broken = join(dir, "broken-attestation.json");
    writeFileSync(broken, "{");
    expect((await verify(broken, KEY))?.detail).toBe("the attestation is not valid JSON");
  });
});

describe("comply-gate map", () => {
  it("exits 1 on a gap, 0 when covered, 2 on an unknown framework or a bad date", async () => {
    const covered = write(
      "cli-every.jsonl",
      build(EVERY_TYPE.map((type) => ({ type, at: "2026-03-10T00:00:00.000000Z" }))),
    );
    const ok = await runCli(["map", covered, "--framework", "SOC 2 Type II", "--to", "2026-03-31"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("SOC 2: 4 of 4 clauses covered (100%)");
    const gap = await runCli(["map", covered, "--framework", "gdpr", "--from", "2026-04-01"]);
    expect(gap.code).toBe(1);
    const unknown = await runCli(["map", covered, "--framework", "pci"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown framework "pci" (known: eu_ai_act, gdpr, iso_42001, nist_ai_rmf, soc2, hipaa)',
    );
    expect((await runCli(["map", covered, "--framework", "gdpr", "--to", "31/03/2026"])).code).toBe(2);
  });

  it("runs from the config file's events section, paths relative to the config", async () => {
    const folder = mkdtempSync(join(tmpdir(), "comply-gate-mapping-config-"));
    const events = build(EVERY_TYPE.map((type) => ({ type, at: "2026-03-10T00:00:00.000000Z" })));
    writeFileSync(join(folder, "events.jsonl"), events.map((e) => `${toJson(e)}\n`).join(""));
    writeFileSync(
      join(folder, "comply-gate.yml"),
      'version: 1\nevents:\n  - paths: [events.jsonl]\n    mapping:\n      frameworks: [nist_ai_rmf, "ISO/IEC 42001"]\n      to: "2026-03-31"\n',
    );
    const run = await runCli(["check", "--json"], { cwd: folder });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.checks.map((c: CheckResult) => [c.id, c.metrics.framework ?? null, c.status])).toEqual([
      ["events", null, "warn"], // CHK-5: the reused ids' times are months from these timestamps
      ["mapping", "nist_ai_rmf", "pass"],
      ["mapping", "iso_42001", "pass"],
    ]);
  });
});
