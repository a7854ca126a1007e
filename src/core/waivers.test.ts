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
