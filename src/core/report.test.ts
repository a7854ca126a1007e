import { describe, expect, it } from "vitest";
import { reportSchemaErrors } from "../../test/helpers/report-schema.js";
import type { CheckResult } from "./model.js";
import { buildReport, serializeReport, subjectFromEnv } from "./report.js";

const failing: CheckResult = {
  id: "chain",
  target: "logs/audit_chain.jsonl",
  status: "fail",
  summary: "torchcomply audit chain: 539 entries in 5 runs",
  metrics: { format: "torchcomply", entries: 539, heads: ["a", "b"], segmentEntries: [108, 431], rootHash: "b" },
  clauses: [
    {
      id: "chain.link",
      title: "Every entry links to the one before it",
      refs: ["EU AI Act Art. 12(1)"],
      status: "fail",
      detail: "1 failure",
      evidence: { failures: 1, errors: 0, warnings: 0 },
    },
  ],
  findings: [
    {
      rule: "chain.link",
      clause: "chain.link",
      severity: "fail",
      message: "prev_hash does not match",
      location: { path: "logs/audit_chain.jsonl", line: 10 },
    },
    {
      rule: "chain.signature",
      severity: "fail",
      message: "bad",
      location: { path: "e.jsonl", line: 2, eventId: "01KDVD" },
    },
  ],
};

describe("the report", () => {
  it("is valid against schemas/report.schema.json, with every optional field used", () => {
    const report = buildReport({
      results: [failing],
      checkpoints: [
        {
          path: "logs/audit_chain.jsonl",
          format: "torchcomply",
          entries: 539,
          head: "b",
          logId: "a".repeat(64),
          treeHead: "c".repeat(64),
        },
      ],
      policy: { failOn: "fail" },
      subject: subjectFromEnv({
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_REPOSITORY: "acme/models",
        GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
        GITHUB_REF: "refs/pull/7/merge",
      }),
      toolVersion: "0.1.0",
    });
    expect(reportSchemaErrors(JSON.parse(serializeReport(report)))).toEqual([]);
    expect(report.verdict).toBe("fail");
    expect(report.subject).toEqual({
      event: "pull_request",
      trust: "untrusted-pr",
      repo: "acme/models",
      sha: "0123456789abcdef0123456789abcdef01234567",
      ref: "refs/pull/7/merge",
    });
  });

  it("is rejected by the schema when a finding lacks its location", () => {
    const report = JSON.parse(
      serializeReport(
        buildReport({
          results: [failing],
          checkpoints: [],
          policy: { failOn: "fail" },
          subject: subjectFromEnv({}),
          toolVersion: "0.1.0",
        }),
      ),
    );
    delete report.checks[0].findings[0].location;
    expect(reportSchemaErrors(report)).toContain("/checks/0/findings/0 must have required property 'location'");
  });

  it("says a run outside GitHub Actions is local, and a push is trusted", () => {
    expect(subjectFromEnv({})).toEqual({ event: "local", trust: "local" });
    expect(subjectFromEnv({ GITHUB_ACTIONS: "true", GITHUB_EVENT_NAME: "push" }).trust).toBe("trusted");
    expect(subjectFromEnv({ GITHUB_ACTIONS: "true", GITHUB_EVENT_NAME: "workflow_run" }).trust).toBe("publisher");
  });
});
