import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { runChecks } from "../checks/run.js";
import { loadConfig } from "../config/config.js";
import { renderHtml } from "../report/html.js";
import { renderSummary } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { renderTerminal } from "../report/terminal.js";
import type { CheckResult, Report } from "./model.js";
import { buildReport } from "./report.js";
import { applyWaivers, calendarDay, isStructuralRule, waiverProblems } from "./waivers.js";

/** A repository whose one chain lost an entry, with the given waivers in its config. */
function repository(waivers: string): string {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-waivers-"));
  copyFileSync("fixtures/tampered/torchcomply_deleted_entry.jsonl", join(dir, "audit_chain.jsonl"));
  writeFileSync(join(dir, "comply-gate.yml"), `chain:\n  - paths: [audit_chain.jsonl]\nwaivers:\n${waivers}`);
  return dir;
}

const LINK_WAIVER = (expires: string, path = "audit_chain.jsonl") =>
  `  - rule: chain.link\n    path: "${path}"\n    owner: ml-platform@acme.example\n    reason: entry 49 lost in the 2026-10 incident, ticket SEC-12\n    expires: "${expires}"\n`;

async function run(dir: string, today: string): Promise<{ code: number; report: Report }> {
  const config = await loadConfig(join(dir, "comply-gate.yml"));
  const output = await runChecks(config, { cwd: dir, env: {}, today: new Date(`${today}T12:00:00Z`) });
  const report = buildReport({
    results: output.results,
    checkpoints: output.checkpoints,
    policy: { failOn: config.failOn },
    subject: { event: "local", trust: "local" },
    toolVersion: "test",
  });
  return { code: report.verdict === "pass" ? 0 : 1, report };
}

const check = (report: Report, id: string): CheckResult => report.checks.find((c) => c.id === id) as CheckResult;

describe("waivers", () => {
  it("a waived failure shows as waived in every renderer and does not fail the gate", async () => {
    const { code, report } = await run(repository(LINK_WAIVER("2026-12-31")), "2026-11-22");
    expect(code).toBe(0);
    const chain = check(report, "chain");
    expect(chain.status).toBe("waived");
    expect(chain.clauses.find((c) => c.id === "chain.link")?.detail).toContain(
      "waived until 2026-12-31 by ml-platform@acme.example: entry 49 lost in the 2026-10 incident, ticket SEC-12",
    );
    expect(check(report, "waivers").clauses[0]?.status).toBe("pass");
    expect(renderTerminal(report)).toMatch(/WAIVED +chain/);
    expect(renderSummary(report)).toContain("🔕");
    expect(renderHtml(report)).toContain('<span class="badge waived">waived</span>');
    const sarif = renderSarif(report) as { runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[] };
    expect(sarif.runs[0]?.results.find((r) => r.ruleId === "chain.link")?.suppressions).toHaveLength(1);
  });

  it("an expired waiver no longer applies and fails the gate, naming its owner", async () => {
    const { code, report } = await run(repository(LINK_WAIVER("2026-11-21")), "2026-11-22");
    expect(code).toBe(1);
    expect(check(report, "chain").status).toBe("fail");
    const waivers = check(report, "waivers");
    expect(waivers.status).toBe("fail");
    expect(waivers.findings[0]?.message).toBe(
      "EXPIRED on 2026-11-21: ml-platform@acme.example must renew the waiver or fix the failure (entry 49 lost in the 2026-10 incident, ticket SEC-12)",
    );
  });

  it("applies on its last day; a waiver for other paths leaves the failure and is reported unused", async () => {
    expect((await run(repository(LINK_WAIVER("2026-11-22")), "2026-11-22")).code).toBe(0);
    const { code, report } = await run(repository(LINK_WAIVER("2026-12-31", "other/**")), "2026-11-22");
    expect(code).toBe(1);
    expect(check(report, "waivers").clauses[0]?.detail).toMatch(/^matches nothing in this run/);
  });

  it("a waiver without owner, reason or a date is a config error", async () => {
    const dir = repository("  - rule: chain.link\n    expires: soon\n");
    const result = await runCli(["check"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/waivers/0: missing required key "owner"');
    expect(result.stderr).toContain('/waivers/0: missing required key "reason"');
    expect(result.stderr).toContain('/waivers/0/expires: must match pattern "^\\d{4}-\\d{2}-\\d{2}$"');
  });
});

/** A repository whose one dataset holds planted identifiers (only Art.10(2)(a) fails), with the given waiver. */
function plantedRepository(rule: string): string {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-waivers-"));
  copyFileSync("fixtures/datasets/planted-identifiers.jsonl", join(dir, "planted.jsonl"));
  writeFileSync(
    join(dir, "comply-gate.yml"),
    `datasets:\n  - paths: [planted.jsonl]\nwaivers:\n  - rule: ${JSON.stringify(rule)}\n    path: planted.jsonl\n` +
      "    owner: '@acme/privacy'\n    reason: synthetic identifiers, ticket PRIV-7\n    expires: \"2026-12-31\"\n",
  );
  return dir;
}

/** Per SARIF result of `rule`: whether it is suppressed. */
function sarifSuppressed(report: Report, rule: string): boolean[] {
  const sarif = renderSarif(report) as { runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[] };
  return (sarif.runs[0]?.results ?? []).filter((r) => r.ruleId === rule).map((r) => r.suppressions !== undefined);
}

describe("what a waiver's rule names: a clause, or a finding rule", () => {
  it("a clause id waives the clause's verdict and every finding that is evidence for it, whatever their rule", async () => {
    const { code, report } = await run(plantedRepository("Art.10(2)(a)"), "2026-11-22");
    expect(code).toBe(0);
    const dataset = check(report, "dataset");
    expect(dataset.status).toBe("waived");
    expect(dataset.clauses.find((c) => c.id === "Art.10(2)(a)")?.status).toBe("waived");
    // The findings (rule dataset.pii, clause Art.10(2)(a)) are suppressed with the clause.
    expect(dataset.findings.filter((f) => f.rule === "dataset.pii").map((f) => f.clause)).toEqual(
      Array(3).fill("Art.10(2)(a)"),
    );
    expect(sarifSuppressed(report, "dataset.pii")).toEqual([true, true, true]);
    expect(check(report, "waivers").metrics).toMatchObject({ waivers: 1, applied: 1 });
  });

  it("a finding rule waives those findings at matching paths, and their clause keeps its verdict", async () => {
    const { code, report } = await run(plantedRepository("dataset.pii"), "2026-11-22");
    expect(code).toBe(1);
    const dataset = check(report, "dataset");
    expect(dataset.clauses.find((c) => c.id === "Art.10(2)(a)")?.status).toBe("fail");
    expect(dataset.status).toBe("fail");
    expect(sarifSuppressed(report, "dataset.pii")).toEqual([true, true, true]);
    expect(check(report, "waivers").metrics).toMatchObject({ waivers: 1, applied: 1 });
  });
});

const waiver = (fields: Partial<{ rule: string; owner: string; reason: string; expires: string }>) => ({
  rule: "chain.link",
  owner: "ml-platform@acme.example",
  reason: "ticket SEC-12",
  expires: "2026-12-31",
  ...fields,
});

describe("waivers that cannot hide absence", () => {
  it("structural rules cannot be waived: a config error naming the rule", async () => {
    for (const rule of [
      "input.missing",
      "input.refused",
      "chain.malformed",
      "events.malformed",
      "chain.anchor",
      "dataset.unreadable",
      "diff.unreadable",
      "dataset.parse",
      "dataset.empty",
      "policy.weakened",
      "waiver.expired",
    ]) {
      expect(isStructuralRule(rule), rule).toBe(true);
      expect(waiverProblems([waiver({ rule })])).toEqual([
        `/waivers/0/rule: ${JSON.stringify(rule)} cannot be waived: it says the evidence was absent, unreadable or malformed, an anchor did not match or the policy was weakened (nothing was judged to waive)`,
      ]);
    }
    for (const rule of [
      "chain.link",
      "chain.signature",
      "Art.10(2)(a)",
      "CHK-3",
      "dataset.duplicate",
      "diff.regressed",
    ]) {
      expect(isStructuralRule(rule), rule).toBe(false);
    }
    const dir = repository(LINK_WAIVER("2026-12-31").replace("chain.link", "input.missing"));
    const result = await runCli(["check"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/waivers/0/rule: "input.missing" cannot be waived');
  });

  it("the owner is an e-mail address, a GitHub @user or an @org/team", () => {
    for (const owner of ["ml-platform@acme.example", "@octocat", "@acme/ml-platform", "a.b+c@x.co.uk"]) {
      expect(waiverProblems([waiver({ owner })]), owner).toEqual([]);
    }
    for (const owner of [" ", "nobody", "@", "@-x", "a@b", "someone @acme.example", "@acme/"]) {
      expect(waiverProblems([waiver({ owner })]), owner).toEqual([
        "/waivers/0/owner: must be an e-mail address, a GitHub @user or an @org/team",
      ]);
    }
    expect(waiverProblems([waiver({ reason: "   " })])).toEqual(["/waivers/0/reason: must say why (it is blank)"]);
  });

  it("expires on a real calendar date", () => {
    expect(calendarDay("2026-02-28")).toBe(Date.UTC(2026, 1, 28) / 86_400_000);
    expect(calendarDay("2028-02-29")).toBeDefined();
    for (const expires of ["9999-99-99", "2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10"]) {
      expect(calendarDay(expires), expires).toBeUndefined();
      expect(waiverProblems([waiver({ expires })])).toEqual([
        `/waivers/0/expires: ${JSON.stringify(expires)} is not a calendar date (YYYY-MM-DD)`,
      ]);
    }
  });

  it("a waiver ending more than waiverMaxDays (default 90) ahead does not apply and fails the gate", async () => {
    // 2026-11-22 + 90 days = 2027-02-20.
    expect((await run(repository(LINK_WAIVER("2027-02-20")), "2026-11-22")).code).toBe(0);
    const { code, report } = await run(repository(LINK_WAIVER("2027-02-21")), "2026-11-22");
    expect(code).toBe(1);
    expect(check(report, "chain").status).toBe("fail");
    const waivers = check(report, "waivers");
    expect(waivers.status).toBe("fail");
    expect(waivers.findings[0]).toMatchObject({
      rule: "waiver.refused",
      message:
        "REFUSED: expires 2027-02-21, more than 90 days ahead (waiverMaxDays): ml-platform@acme.example must set a nearer date (entry 49 lost in the 2026-10 incident, ticket SEC-12)",
    });
    const longer = repository(LINK_WAIVER("2027-02-21"));
    writeFileSync(
      join(longer, "comply-gate.yml"),
      `chain:\n  - paths: [audit_chain.jsonl]\nwaiverMaxDays: 120\nwaivers:\n${LINK_WAIVER("2027-02-21")}`,
    );
    expect((await run(longer, "2026-11-22")).code).toBe(0);
  });

  it("never waives an error (nothing was checked), even when applied without the config's checks", () => {
    const noKey = {
      rule: "chain.signature",
      severity: "error" as const,
      message: "no key",
      location: { path: "audit_chain.jsonl" },
    };
    const missing: CheckResult = {
      id: "chain",
      target: "audit_chain.jsonl",
      status: "error",
      summary: "no key",
      metrics: {},
      clauses: [
        { id: "chain.signature", title: "", refs: [], status: "error", detail: "no signing key", evidence: {} },
      ],
      findings: [noKey],
    };
    const [result, states] = applyWaivers([missing], [waiver({ rule: "chain.signature" })], {
      today: "2026-11-22",
      source: "comply-gate.yml",
    });
    expect(result?.status).toBe("error");
    expect(states?.clauses[0]?.status).toBe("warn"); // matched nothing it may waive
    const [absent, refused] = applyWaivers(
      [{ ...missing, clauses: [], findings: [{ ...noKey, rule: "input.missing" }] }],
      [waiver({ rule: "input.missing" })],
      { today: "2026-11-22", source: "comply-gate.yml" },
    );
    expect(absent?.status).toBe("error");
    expect(refused?.status).toBe("fail");
    expect(refused?.findings[0]?.rule).toBe("waiver.refused");
  });
});
