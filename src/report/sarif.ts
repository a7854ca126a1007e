/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per finding rule id (described by its clause when the check
 * has one), one result per located finding. Messages are the findings' own, which never hold matched
 * personal data or secrets.
 */

import type { Report, Severity } from "../core/model.js";
import { TOOL_NAME } from "../core/report.js";
import { waivedClause } from "../core/waivers.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

const LEVEL: Record<Severity, "error" | "warning"> = { error: "error", fail: "error", warn: "warning" };

const GENERIC_RULES: Record<string, string> = {
  "input.missing": "A configured input path matches a file",
};

export function renderSarif(report: Report): object {
  const rules = new Map<string, { id: string; name: string; shortDescription: { text: string }; properties: object }>();
  const describe = (ruleId: string): void => {
    if (rules.has(ruleId)) return;
    const clause = report.checks.flatMap((check) => check.clauses).find((c) => c.id === ruleId);
    rules.set(ruleId, {
      id: ruleId,
      name: ruleId.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : "")),
      shortDescription: { text: clause?.title ?? GENERIC_RULES[ruleId] ?? ruleId },
      properties: { tags: ["compliance", ...(clause?.refs ?? [])] },
    });
  };
  const results = report.checks.flatMap((check) =>
    check.findings.map((finding) => {
      // A finding of a waived clause is reported as suppressed, with the waiver as its justification.
      const waived = waivedClause(check, finding.rule);
      describe(finding.rule);
      const { path, line, column } = finding.location;
      const region =
        line === undefined ? undefined : { startLine: line, ...(column === undefined ? {} : { startColumn: column }) };
      return {
        ruleId: finding.rule,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: path }, ...(region ? { region } : {}) } }],
        ...(waived ? { suppressions: [{ kind: "external", status: "accepted", justification: waived.detail }] } : {}),
      };
    }),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: report.tool.version,
            informationUri: "https://github.com/comply-gate/comply-gate",
            rules: [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
          },
        },
        results,
      },
    ],
  };
}
