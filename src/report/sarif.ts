/**
 * SARIF 2.1.0 for GitHub code scanning. One rule per finding rule, described with what it asserts, how to clear
 * it and the regulation refs of the clauses it is evidence for; one result per finding, whose level follows its
 * clause (a waived clause's findings are suppressed notes, with the waiver as justification). Results carry a
 * stable fingerprint made only of what the report already holds (rule, clause, path, position), so an alert is
 * tracked across runs; messages are the findings' own, which never hold matched personal data or secrets.
 */
import { createHash } from "node:crypto";
import type { CheckResult, Finding, Report } from "../core/model.js";
import { TOOL_NAME } from "../core/report.js";
import { ruleHelp } from "./rule-help.js";
import { clauseOf, type Suppressed, suppressions } from "./suppression.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/**
 * Results per run: GitHub accepts 25,000 but stores only 5,000 (prioritised by severity), so comply-gate keeps
 * the 5,000 most severe itself and says how many it left out.
 */
export const MAX_SARIF_RESULTS = 5000;

/** GitHub keeps 10 tags per rule (and rejects more than 20). */
const MAX_TAGS = 10;

/** The fingerprint's name: its version changes if what it hashes ever does (every alert would be new). */
export const FINGERPRINT_KEY = "complyGate/v1";

type Level = "error" | "warning" | "note";

const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, note: 2 };

export interface SarifOptions {
  /**
   * What distinguishes this configuration's analysis from others in the same repository (code scanning's
   * category): the config file's path, usually. Stable across runs, so alerts are tracked from one to the next.
   */
  readonly category?: string;
  /** At most this many results (default `MAX_SARIF_RESULTS`); the most severe are kept. */
  readonly maxResults?: number;
}

/** `automationDetails.id`: `comply-gate/<category>/` (the trailing slash: no run id, so the category is all). */
export function automationId(category: string | undefined): string {
  const cleaned = (category ?? "")
    .replace(/[^A-Za-z0-9._/-]+/g, "-")
    .replace(/\/{2,}/g, "/")
    .replace(/^[-/]+|[-/]+$/g, "");
  return cleaned === "" ? `${TOOL_NAME}/` : `${TOOL_NAME}/${cleaned}/`;
}

/**
 * A report path as a URI relative to the repository root, each segment percent-encoded; undefined for a path
 * that is absolute or climbs out of the repository (code scanning cannot show it, and it must not leak).
 */
export function repositoryUri(path: string): string | undefined {
  if (path === "" || path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:/.test(path)) return undefined;
  const segments = path.split("/");
  if (segments.some((segment) => segment === "..")) return undefined;
  return segments
    .filter((segment) => segment !== "." && segment !== "")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

function levelOf(report: Report, check: CheckResult, finding: Finding, suppressed: boolean): Level {
  if (suppressed) return "note";
  const clause = clauseOf(check, finding);
  const status = clause?.status ?? finding.severity;
  if (status === "error" || status === "fail") return "error";
  if (status === "warn") return report.policy.failOn === "warn" ? "error" : "warning";
  return "note";
}

/** The finding's physical (file, line) or logical (row, event, file outside the repository) location. */
function locationOf(finding: Finding): object {
  const { path, line, row, column, eventId } = finding.location;
  const uri = repositoryUri(path);
  const logical: { name: string; kind: string }[] = [];
  if (line === undefined && row !== undefined) logical.push({ name: `row ${row}`, kind: "element" });
  if (eventId !== undefined) logical.push({ name: eventId, kind: "object" });
  if (uri === undefined) logical.push({ name: path.split(/[\\/]/).pop() || path, kind: "resource" });
  const region =
    line === undefined ? undefined : { startLine: line, ...(column === undefined ? {} : { startColumn: column }) };
  return {
    ...(uri === undefined
      ? {}
      : { physicalLocation: { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, ...(region ? { region } : {}) } }),
    ...(logical.length > 0 ? { logicalLocations: logical } : {}),
  };
}

/** What identifies a finding across runs: never the message (it holds counts and values that move). */
function fingerprintOf(finding: Finding): string {
  const { path, line, row, column, eventId } = finding.location;
  const material = [
    finding.rule,
    finding.clause ?? "",
    path,
    line ?? null,
    row ?? null,
    column ?? null,
    eventId ?? null,
  ];
  return createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

interface RuleFacts {
  readonly clauses: Map<string, { title: string; refs: readonly string[] }>;
}

function describeRule(id: string, facts: RuleFacts): object {
  const clauses = [...facts.clauses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const refs = [...new Set(clauses.flatMap(([, c]) => c.refs))].sort();
  const help = ruleHelp(id, clauses.length === 1 ? clauses[0]?.[1].title : undefined);
  const evidenceFor =
    clauses.length === 0
      ? ""
      : ` Evidence for ${clauses.map(([clauseId, c]) => `${clauseId} (${c.title})`).join("; ")}.`;
  const regulations = refs.length === 0 ? "" : ` Supports: ${refs.join("; ")}.`;
  const markdownRefs = refs.length === 0 ? "" : `\n\n**Supports:** ${refs.join("; ")}`;
  const markdownClauses =
    clauses.length === 0
      ? ""
      : `\n\n**Clause:** ${clauses.map(([clauseId, c]) => `\`${clauseId}\` ${c.title}`).join("; ")}`;
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : "")),
    shortDescription: { text: help.summary },
    fullDescription: { text: `${help.description}${evidenceFor}${regulations}` },
    help: {
      text: `How to fix: ${help.fix.replace(/`/g, "")}`,
      markdown: `**How to fix:** ${help.fix}${markdownClauses}${markdownRefs}`,
    },
    properties: {
      tags: ["compliance", ...refs].slice(0, MAX_TAGS),
      clauses: clauses.map(([clauseId]) => clauseId),
      regulations: refs,
    },
  };
}

interface Pending {
  readonly result: Record<string, unknown>;
  readonly level: Level;
  readonly order: number;
}

export function renderSarif(report: Report, options: SarifOptions = {}): object {
  const maxResults = options.maxResults ?? MAX_SARIF_RESULTS;
  const suppressed: Suppressed = suppressions(report);
  const facts = new Map<string, RuleFacts>();
  const seen = new Map<string, number>();
  const pending: Pending[] = [];
  for (const check of report.checks) {
    for (const finding of check.findings) {
      const clause = clauseOf(check, finding);
      let ruleFacts = facts.get(finding.rule);
      if (!ruleFacts) {
        ruleFacts = { clauses: new Map() };
        facts.set(finding.rule, ruleFacts);
      }
      if (clause) ruleFacts.clauses.set(clause.id, { title: clause.title, refs: clause.refs });
      const justification = suppressed(check, finding);
      const level = levelOf(report, check, finding, justification !== undefined);
      // Two findings alike in everything hashed (rare: the same rule twice at one place) stay two alerts.
      const base = fingerprintOf(finding);
      const repeat = seen.get(base) ?? 0;
      seen.set(base, repeat + 1);
      pending.push({
        level,
        order: pending.length,
        result: {
          ruleId: finding.rule,
          level,
          message: { text: finding.message },
          locations: [locationOf(finding)],
          partialFingerprints: { [FINGERPRINT_KEY]: repeat === 0 ? base : `${base}:${repeat + 1}` },
          ...(justification === undefined
            ? {}
            : { suppressions: [{ kind: "external", status: "accepted", justification }] }),
        },
      });
    }
  }
  const ruleIds = [...facts.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const kept = [...pending]
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.order - b.order)
    .slice(0, maxResults)
    .sort((a, b) => a.order - b.order);
  const left = pending.length - kept.length;
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
            rules: ruleIds.map((id) => describeRule(id, facts.get(id) as RuleFacts)),
          },
        },
        automationDetails: { id: automationId(options.category) },
        invocations: [
          {
            executionSuccessful: true,
            ...(left > 0
              ? {
                  toolExecutionNotifications: [
                    {
                      level: "warning",
                      message: {
                        text: `${left} of ${pending.length} results were left out (at most ${maxResults} per run, the most severe kept): every finding is in the comply-gate report`,
                      },
                    },
                  ],
                }
              : {}),
          },
        ],
        results: kept.map(({ result }) => ({ ...result, ruleIndex: ruleIndex.get(result.ruleId as string) })),
      },
    ],
  };
}
