/**
 * The terminal rendering of a report: per check a status line, a clause table and its located findings,
 * then a one-line verdict. Pure: report in, text out.
 */
import { mostSevereFirst } from "../core/decide.js";
import type { CheckResult, Report, Status } from "../core/model.js";

export interface TerminalOptions {
  /** Located findings listed per check before "… N more" (`Infinity` with --verbose). */
  readonly maxFindingsPerCheck?: number;
  /** ANSI colours for statuses (a terminal that wants them: see `useColor`). */
  readonly color?: boolean;
  /** Only the checks that did not pass, without their tables, and the verdict (--quiet). */
  readonly quiet?: boolean;
}

const COLOR: Record<Status, string> = {
  pass: "\u001b[32m",
  warn: "\u001b[33m",
  waived: "\u001b[35m",
  fail: "\u001b[31m",
  error: "\u001b[1;31m",
  skip: "\u001b[2m",
};
const RESET = "\u001b[0m";

/**
 * The common conventions (no-color.org, FORCE_COLOR): colour only on a terminal, never when NO_COLOR is set
 * to anything, always when FORCE_COLOR is set to something other than 0; never in CI logs unless forced.
 */
export function useColor(options: { isTTY: boolean; env: Readonly<Record<string, string | undefined>> }): boolean {
  const { env } = options;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return options.isTTY && env.TERM !== "dumb" && env.CI === undefined;
}

/** Make a value safe for one terminal line: no control characters that could rewrite the screen. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
}

function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).trimEnd(),
  );
}

function renderCheck(check: CheckResult, options: { maxFindings: number; color: boolean; quiet: boolean }): string[] {
  const { maxFindings } = options;
  const label = options.color
    ? `${COLOR[check.status]}${check.status.toUpperCase()}${RESET}`
    : check.status.toUpperCase();
  const lines = [`${label}  ${check.id}  ${clean(check.target)}`, `  ${clean(check.summary)}`];
  if (options.quiet) return lines;
  if (check.id === "diff" && check.clauses.length > 0) {
    // Values shown with at most 6 significant digits; Δ = current − baseline.
    const cell = (value: unknown): string => clean(String(value ?? ""));
    // Unjudged values (e.g. root hashes) are shortened here only; the report keeps them whole.
    const short = (value: unknown, skipped: boolean): string => {
      const text = cell(value);
      return skipped && text.length > 16 ? `${text.slice(0, 12)}…` : text;
    };
    const rows = [
      ["metric", "baseline", "current", "Δ", "direction", "status"],
      ...check.clauses.map((c) => [
        c.id,
        short(c.evidence.baseline, c.status === "skip"),
        short(c.evidence.current, c.status === "skip"),
        cell(c.evidence.delta),
        cell(c.evidence.direction),
        `${cell(c.evidence.status)}${c.status === "pass" ? "" : ` (${c.status})`}`,
      ]),
    ];
    lines.push(...table(rows, "  "));
  } else if (check.clauses.length > 0) {
    const rows = [["status", "clause", "detail"], ...check.clauses.map((c) => [c.status, c.id, clean(c.detail)])];
    lines.push(...table(rows, "  "));
  }
  const shown = mostSevereFirst(check.findings).slice(0, maxFindings);
  for (const finding of shown) {
    const { path, line, row, eventId } = finding.location;
    const where = `${path}${line !== undefined ? `:${line}` : ""}${row !== undefined ? ` row ${row}` : ""}`;
    const event = eventId ? ` [${clean(eventId)}]` : "";
    lines.push(`    ${clean(where)}  ${finding.severity}  ${finding.rule}${event}  ${clean(finding.message)}`);
  }
  const hidden = check.findings.length - shown.length;
  if (hidden > 0) lines.push(`    … ${hidden} more findings (see --json or --out for all)`);
  return lines;
}

export function renderTerminal(report: Report, options: TerminalOptions = {}): string {
  const rendering = {
    maxFindings: options.maxFindingsPerCheck ?? 20,
    color: options.color ?? false,
    quiet: options.quiet ?? false,
  };
  const lines: string[] = [];
  for (const check of report.checks) {
    if (rendering.quiet && (check.status === "pass" || check.status === "skip")) continue;
    lines.push(...renderCheck(check, rendering), "");
  }
  const counts = new Map<Status, number>();
  for (const check of report.checks) counts.set(check.status, (counts.get(check.status) ?? 0) + 1);
  const tally = (["pass", "warn", "waived", "fail", "error", "skip"] as const)
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status}`)
    .join(", ");
  const checks = report.checks.length === 1 ? "1 check" : `${report.checks.length} checks`;
  const body = report.checks.length === 0 ? "no checks ran: nothing was verified" : `${checks}: ${tally}`;
  const verdict = report.verdict.toUpperCase();
  const shown = rendering.color ? `${COLOR[report.verdict === "pass" ? "pass" : "fail"]}${verdict}${RESET}` : verdict;
  lines.push(`Verdict: ${shown} — ${body} (fail-on: ${report.policy.failOn})`);
  return `${lines.join("\n")}\n`;
}
