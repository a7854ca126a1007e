/**
 * The Markdown renderers: the job summary (budget 1,000,000 bytes; GitHub drops a step summary over 1 MiB)
 * and the sticky PR comment (budget 60,000 characters; GitHub refuses bodies over 65,536). Pure: report in,
 * string out. Both degrade in steps when a report is large (passing details first, then findings), and
 * truncate with a note only as a last resort.
 */
import type { CheckResult, Report, Status } from "../core/model.js";
import { escapeMarkdown as esc, truncateUnits } from "./escape.js";
import { type Suppressed, suppressions } from "./suppression.js";

export const SUMMARY_BUDGET_BYTES = 1_000_000;
export const COMMENT_BUDGET_CHARS = 60_000;

const ICON: Record<Status, string> = { pass: "✅", warn: "⚠️", waived: "🔕", fail: "❌", error: "⛔", skip: "⚪" };

export interface MarkdownLinks {
  /** The workflow run, where the job summary and the artifact are. */
  readonly runUrl?: string;
  /** The report artifact. */
  readonly artifactUrl?: string;
  /** The artifact's name, shown when there is no URL. */
  readonly artifactName?: string;
}

interface Detail {
  /** Render details of passing checks too. */
  readonly passing: boolean;
  /** Located findings listed per check. */
  readonly findings: number;
}

const DETAIL_STEPS: readonly Detail[] = [
  { passing: true, findings: 50 },
  { passing: false, findings: 50 },
  { passing: false, findings: 10 },
  { passing: false, findings: 0 },
];

function counts(report: Report): string {
  const tally = new Map<Status, number>();
  for (const check of report.checks) tally.set(check.status, (tally.get(check.status) ?? 0) + 1);
  const parts = (["pass", "warn", "waived", "fail", "error", "skip"] as const)
    .filter((status) => tally.has(status))
    .map((status) => `${tally.get(status)} ${status}`);
  const total = report.checks.length === 1 ? "1 check" : `${report.checks.length} checks`;
  return report.checks.length === 0 ? "no checks ran: nothing was verified" : `${total}: ${parts.join(", ")}`;
}

function headline(report: Report, title: string): string {
  const icon = report.verdict === "pass" ? "✅" : "❌";
  return `## ${icon} ${esc(title)}: ${report.verdict === "pass" ? "passed" : "failed"}`;
}

/** The one number a reviewer looks at first, per kind of check. */
export function keyMetric(check: CheckResult): string {
  const m = check.metrics;
  if (check.id === "diff" && typeof m.regressed === "number") {
    const failing = m.regressed + (typeof m.limitExceeded === "number" ? m.limitExceeded : 0);
    return failing === 0 ? "no regressions" : `${failing} regressed or over a limit`;
  }
  if (check.id === "chain" && typeof m.entries === "number") {
    const runs = typeof m.segments === "number" ? ` in ${m.segments} run${m.segments === 1 ? "" : "s"}` : "";
    return `${m.entries} entries${runs}`;
  }
  if (check.id === "dataset" && typeof m.rows === "number") {
    const pii = typeof m.piiMatches === "number" && m.piiMatches > 0 ? `, ${m.piiMatches} PII matches` : "";
    return `${m.rows.toLocaleString("en-US")} rows${pii}`;
  }
  if (check.id === "mapping" && typeof m.coveragePct === "number") {
    return `${m.framework}: ${m.clausesCovered}/${m.clausesAssessable} clauses (${m.coveragePct}%)`;
  }
  if (check.id === "events" && typeof m.events === "number") return `${m.events.toLocaleString("en-US")} events`;
  return "";
}

function failingClauses(check: CheckResult): string {
  const failing = check.clauses.filter((c) => c.status === "fail" || c.status === "error");
  if (failing.length === 0) {
    const missing = check.findings.filter((f) => f.rule === "input.missing");
    return missing.length > 0 ? "input.missing" : "";
  }
  return failing.map((c) => `${esc(c.id)} (${esc(c.detail)})`).join("<br>");
}

function checkTable(report: Report): string[] {
  const rows = report.checks.map(
    (check) =>
      `| ${esc(check.id)} | ${esc(check.target)} | ${ICON[check.status]} ${check.status} | ${esc(keyMetric(check))} | ${failingClauses(check)} |`,
  );
  return ["| Check | Target | Status | Key metric | Failing clauses |", "|---|---|---|---|---|", ...rows];
}

/** A waived finding's severity cell says so (SARIF suppresses the same findings; annotations mark them). */
function severityCell(check: CheckResult, finding: CheckResult["findings"][number], suppressed: Suppressed): string {
  return suppressed(check, finding) === undefined ? finding.severity : `${finding.severity} ${ICON.waived} waived`;
}

function checkDetails(check: CheckResult, maxFindings: number, suppressed: Suppressed): string[] {
  const lines = [
    `<details><summary>${ICON[check.status]} <b>${esc(check.id)}</b> — ${esc(check.target)}</summary>`,
    "",
    esc(check.summary),
    "",
  ];
  if (check.id === "diff" && check.clauses.length > 0) {
    // A snapshot diff reads best as a table of values (rounding: 6 significant digits).
    lines.push("| Metric | Baseline | Current | Δ | Direction | Status |", "|---|---|---|---|---|---|");
    for (const clause of check.clauses) {
      const e = clause.evidence;
      const cell = (key: string): string => esc(String(e[key] ?? ""));
      lines.push(
        `| ${esc(clause.id)} | ${cell("baseline")} | ${cell("current")} | ${cell("delta")} | ${cell("direction")} | ${ICON[clause.status]} ${cell("status")} |`,
      );
    }
    lines.push("", ...trendCharts(check));
  } else if (check.clauses.length > 0) {
    lines.push("| Clause | Status | Detail | Refs |", "|---|---|---|---|");
    for (const clause of check.clauses) {
      lines.push(
        `| ${esc(clause.id)} | ${ICON[clause.status]} ${clause.status} | ${esc(clause.detail)} | ${esc(clause.refs.join(", "))} |`,
      );
    }
    lines.push("");
  }
  const shown = check.findings.slice(0, maxFindings);
  if (shown.length > 0) {
    lines.push("| Location | Severity | Rule | Message |", "|---|---|---|---|");
    for (const finding of shown) {
      const { path, line, row, eventId } = finding.location;
      const where = `${path}${line !== undefined ? `:${line}` : ""}${row !== undefined ? ` row ${row}` : ""}`;
      const event = eventId ? `<br>event ${esc(eventId)}` : "";
      lines.push(
        `| ${esc(where)}${event} | ${severityCell(check, finding, suppressed)} | ${esc(finding.rule)} | ${esc(finding.message)} |`,
      );
    }
    lines.push("");
  }
  const hidden = check.findings.length - shown.length;
  if (hidden > 0) lines.push(`… ${hidden} more findings in the report artifact.`, "");
  lines.push("</details>", "");
  return lines;
}

/**
 * Mermaid line charts (GitHub renders them) of the metrics whose history the diff recorded: failing ones
 * first, three at most. Metric names are reduced to safe characters before they enter the chart source.
 */
function trendCharts(check: CheckResult): string[] {
  const charted = check.clauses
    .filter((clause) => Array.isArray(clause.evidence.trend))
    .sort((a, b) => (a.status === "fail" ? 0 : 1) - (b.status === "fail" ? 0 : 1))
    .slice(0, 3);
  return charted.flatMap((clause) => {
    const values = clause.evidence.trend as readonly number[];
    const name = clause.id.replace(/[^A-Za-z0-9_.-]/g, "_");
    return [
      "```mermaid",
      "xychart-beta",
      `    title "${name} (oldest → current)"`,
      `    x-axis [${values.map((_, i) => (i === values.length - 1 ? '"now"' : i === values.length - 2 ? '"base"' : String(i + 1))).join(", ")}]`,
      `    y-axis "${name}"`,
      `    line [${values.join(", ")}]`,
      "```",
      "",
    ];
  });
}

function linkLines(links: MarkdownLinks): string[] {
  const parts: string[] = [];
  if (links.artifactUrl) parts.push(`[report artifact](${links.artifactUrl})`);
  else if (links.artifactName) parts.push(`report artifact \`${links.artifactName.replace(/`/g, "")}\``);
  if (links.runUrl) parts.push(`[workflow run](${links.runUrl})`);
  return parts.length > 0 ? [`Full report, signature and SARIF: ${parts.join(" · ")}.`, ""] : [];
}

function renderSummaryAt(report: Report, detail: Detail, title: string, links: MarkdownLinks): string {
  const lines = [headline(report, title), "", `${counts(report)} · fail-on: ${report.policy.failOn}`, ""];
  lines.push(...checkTable(report), "");
  const suppressed = suppressions(report);
  const failing = report.checks.filter((c) => c.status !== "pass" && c.status !== "skip");
  for (const check of failing) lines.push(...checkDetails(check, detail.findings, suppressed));
  const passing = report.checks.filter((c) => c.status === "pass" || c.status === "skip");
  if (detail.passing && passing.length > 0) {
    lines.push(`<details><summary>${ICON.pass} passing checks (${passing.length})</summary>`, "");
    for (const check of passing) lines.push(...checkDetails(check, detail.findings, suppressed));
    lines.push("</details>", "");
  }
  lines.push(...linkLines(links));
  return `${lines.join("\n")}\n`;
}

/**
 * Cut at a line boundary under the budget and say so: the last resort after every degradation step. One
 * pass over line sizes (a report may have hundreds of thousands of lines).
 */
function truncateWithNote(text: string, size: (s: string) => number, budget: number, note: string): string {
  const lines = text.split("\n");
  const tail = `\n\n</details>\n\n${note}\n`; // room for closing one open <details> and the note
  let used = size(tail);
  let keep = 0;
  let open = 0;
  for (const line of lines) {
    const cost = size(line) + 1;
    if (used + cost > budget) break;
    used += cost;
    keep++;
    if (line.startsWith("<details>")) open++;
    else if (line === "</details>") open--;
  }
  const kept = lines.slice(0, keep);
  if (open > 0) kept.push("", "</details>"); // a cut inside <details> would swallow the note
  return `${kept.join("\n")}\n\n${note}\n`;
}

export function renderSummary(
  report: Report,
  options: { title?: string; links?: MarkdownLinks; budgetBytes?: number } = {},
): string {
  const budget = options.budgetBytes ?? SUMMARY_BUDGET_BYTES;
  const bytes = (s: string): number => Buffer.byteLength(s, "utf8");
  const title = options.title ?? "comply-gate";
  let text = "";
  for (const detail of DETAIL_STEPS) {
    text = renderSummaryAt(report, detail, title, options.links ?? {});
    if (bytes(text) <= budget) return text;
  }
  return truncateWithNote(
    text,
    bytes,
    budget,
    "**Summary truncated to fit GitHub's size limit: see the report artifact.**",
  );
}

/** The hidden first line that identifies comply-gate's comment for one workflow and job. */
export function commentMarker(key: string): string {
  return `<!-- comply-gate:v1 key=${key.replace(/[^A-Za-z0-9._/:-]/g, "_")} -->`;
}

export function renderComment(
  report: Report,
  options: { key: string; title?: string; links?: MarkdownLinks; budgetChars?: number },
): string {
  const budget = options.budgetChars ?? COMMENT_BUDGET_CHARS;
  const marker = commentMarker(options.key);
  const title = options.title ?? "comply-gate";
  const suppressed = suppressions(report);
  const render = (findings: number): string => {
    const lines = [marker, headline(report, title), "", `${counts(report)} · fail-on: ${report.policy.failOn}`, ""];
    lines.push(...checkTable(report), "");
    for (const check of report.checks.filter((c) => c.status !== "pass" && c.status !== "skip")) {
      lines.push(...checkDetails(check, findings, suppressed));
    }
    lines.push(...linkLines(options.links ?? {}));
    return `${lines.join("\n")}\n`;
  };
  for (const findings of [10, 3, 0]) {
    const text = render(findings);
    if (text.length <= budget) return text;
  }
  // The marker stays: it is the first line and truncation only removes lines from the end.
  const note = "**Comment truncated to fit GitHub's size limit: see the job summary.**";
  return truncateUnits(
    truncateWithNote(render(0), (s) => s.length, budget, note),
    budget,
  );
}
