import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { expectGolden } from "../../test/helpers/golden.js";
import type { CheckResult, Report } from "../core/model.js";
import { buildReport } from "../core/report.js";
import { escapeMarkdown } from "./escape.js";
import { commentMarker, renderComment, renderSummary } from "./markdown.js";

const env = { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" };

async function reportOf(config: string): Promise<Report> {
  const run = await runCli(["check", "--config", config, "--json"], { env });
  return JSON.parse(run.stdout) as Report;
}

describe("the job summary and the PR comment (golden files in test/golden/)", () => {
  it("renders a passing run", async () => {
    const report = await reportOf("fixtures/demo/comply-gate.yml");
    expectGolden("summary-pass.md", renderSummary(report));
  });

  it("renders a failing run, failing checks first with their located findings", async () => {
    const report = await reportOf("fixtures/tampered/comply-gate.yml");
    const summary = renderSummary(report, { links: { runUrl: "https://github.com/acme/models/actions/runs/42" } });
    expectGolden("summary-fail.md", summary);
    expect(summary.indexOf("torchcomply_deleted_entry")).toBeLessThan(summary.indexOf("passing checks"));
  });

  it("renders the sticky comment with its marker on the first line", async () => {
    const report = await reportOf("fixtures/tampered/comply-gate.yml");
    const comment = renderComment(report, { key: "ci/gate" });
    expectGolden("comment-fail.md", comment);
    expect(comment.split("\n")[0]).toBe(commentMarker("ci/gate"));
  });

  it("marks a waived clause's findings as waived, in the summary and the comment alike", async () => {
    const report = await reportOf("fixtures/waived/comply-gate.yml");
    const summary = renderSummary(report);
    const comment = renderComment(report, { key: "ci/gate" });
    expectGolden("summary-waived.md", summary);
    expectGolden("comment-waived.md", comment);
    for (const text of [summary, comment]) {
      expect(text).toContain(
        "| fixtures/waived/rows.csv:2 row 0 | warn 🔕 waived | dataset.pii | personal data: email ×1 |",
      );
      expect(text).toContain(
        "| fixtures/waived/rows.csv:2 row 0 | warn | dataset.lawful-basis | consent field present but not affirmative |",
      );
    }
  });

  it("prints with `check --format markdown` exactly what CI posts as the summary", async () => {
    const report = await reportOf("fixtures/tampered/comply-gate.yml");
    const run = await runCli(["check", "--config", "fixtures/tampered/comply-gate.yml", "--format", "markdown"], {
      env,
    });
    expect(run.stdout).toBe(renderSummary(report));
  });
});

describe("the snapshot diff in the summary", () => {
  it("shows the diff table and a trend chart of the failing metrics where history exists", async () => {
    const report = await reportOf("fixtures/snapshots/comply-gate.yml");
    const summary = renderSummary(report);
    expectGolden("summary-diff.md", summary);
    expect(summary).toContain(
      "| fairness&#95;parity | 0.0611111 | 0.0811111 | +0.02 | lower-is-better | ❌ regressed |",
    );
    expect(summary).toContain('    title "fairness_parity (oldest → current)"');
    expect(summary).toContain("    line [0.05, 0.055, 0.0611111, 0.0811111]");
  });
});

describe("escaping what came from the evidence", () => {
  it("neutralises HTML, table pipes, Markdown links, mentions and issue links", () => {
    const hostile = "a|b <img src=x onerror=alert(1)> [click](https://evil) @octocat #12 `code` *bold*\nnext";
    const escaped = escapeMarkdown(hostile);
    expect(escaped).not.toMatch(/[<>|`[\]*\n]/);
    expect(escaped).toContain("@\u200doctocat");
    expect(escaped).toContain("#\u200d12");
    expect(escapeMarkdown("a_b")).toBe("a&#95;b"); // entities stay whole
  });

  it("applies to every target, summary and message in the rendered Markdown", async () => {
    const report = await reportOf("fixtures/tampered/comply-gate.yml");
    const summary = renderSummary(report);
    // the garbage line holds "<script>@octocat #12": none of it reaches the page as markup
    expect(summary).not.toContain("<script>");
    expect(summary).not.toMatch(/@octocat/);
  });
});

function hugeReport(checks: number, findingsPerCheck: number): Report {
  const results: CheckResult[] = Array.from({ length: checks }, (_, c) => ({
    id: "chain",
    target: `logs/run-${c}/audit_chain.jsonl`,
    status: c % 2 === 0 ? "fail" : "pass",
    summary: `torchcomply audit chain: ${findingsPerCheck} entries`,
    metrics: { entries: findingsPerCheck, segments: 1 },
    clauses: [
      {
        id: "chain.link",
        title: "links",
        refs: ["EU AI Act Art. 12(1)"],
        status: "fail",
        detail: "many",
        evidence: {},
      },
    ],
    findings: Array.from({ length: findingsPerCheck }, (_, f) => ({
      rule: "chain.link",
      severity: "fail" as const,
      message: `prev_hash does not match the hash of the entry before it (line ${f}) ${"é".repeat(80)}`,
      location: { path: `logs/run-${c}/audit_chain.jsonl`, line: f + 1 },
    })),
  }));
  return buildReport({
    results,
    checkpoints: [],
    policy: { failOn: "fail" },
    subject: { event: "local", trust: "local" },
    toolVersion: "0.1.0",
  });
}

describe("size budgets", () => {
  it("keeps the summary under 1,000,000 bytes by listing fewer findings", () => {
    const summary = renderSummary(hugeReport(2000, 100));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1_000_000);
    expect(summary).toContain("more findings in the report artifact");
    expect(summary.startsWith("## ❌ comply-gate: failed")).toBe(true);
  });

  it("truncates at a line, closes an open <details> and says so, only when nothing else fits", () => {
    const summary = renderSummary(hugeReport(300, 5), { budgetBytes: 20_000 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(20_000);
    expect(
      summary.trimEnd().endsWith("**Summary truncated to fit GitHub's size limit: see the report artifact.**"),
    ).toBe(true);
    const opened = summary.split("\n").filter((l) => l.startsWith("<details>")).length;
    expect(summary.split("\n").filter((l) => l === "</details>").length).toBe(opened);
  });

  it("drops passing details before anything else when that is enough", () => {
    const report = hugeReport(400, 50);
    const summary = renderSummary(report, { budgetBytes: Buffer.byteLength(renderSummary(report)) - 1 });
    expect(summary).not.toContain("passing checks");
    expect(summary).not.toContain("truncated");
  });

  it("keeps the comment under 60,000 characters with the marker still first", () => {
    const comment = renderComment(hugeReport(2000, 100), { key: "ci/gate" });
    expect(comment.length).toBeLessThanOrEqual(60_000);
    expect(comment.split("\n")[0]).toBe(commentMarker("ci/gate"));
  });
});
