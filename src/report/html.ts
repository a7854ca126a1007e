/**
 * The HTML report: one self-contained file a compliance officer can open offline or print. No script, no
 * network (styles inline, charts as inline SVG), and every string from the evidence escaped, so a crafted
 * path or message cannot inject markup. Pure: the same report gives the same bytes.
 */
import { mostSevereFirst } from "../core/decide.js";
import type { CheckResult, Clause, Report, Status } from "../core/model.js";
import { keyMetric } from "./markdown.js";

const MAX_FINDINGS = 50;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function badge(status: Status): string {
  return `<span class="badge ${status}">${status}</span>`;
}

interface Bar {
  readonly label: string;
  readonly value: number;
  readonly status?: Status;
  /** Shown after the bar instead of the value. */
  readonly text?: string;
  /** The value a full-length bar stands for (default: the largest in the chart). */
  readonly scale?: number;
}

/** A horizontal bar chart as inline SVG, with a title for screen readers and print. */
export function barChart(options: { title: string; bars: readonly Bar[]; width?: number }): string {
  const width = options.width ?? 640;
  const labelWidth = 200;
  const barArea = width - labelWidth - 120;
  const rowHeight = 22;
  const height = options.bars.length * rowHeight + 8;
  const max = Math.max(...options.bars.map((b) => Math.abs(b.value)), 0);
  const rows = options.bars.map((bar, i) => {
    const y = 4 + i * rowHeight;
    const scale = bar.scale ?? max;
    const length = scale === 0 ? 0 : Math.max(1, (Math.abs(bar.value) / scale) * barArea);
    return (
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${esc(bar.label)}</text>` +
      `<rect class="bar ${bar.status ?? "pass"}" x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="${rowHeight - 8}"/>` +
      `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 15}">${esc(bar.text ?? String(bar.value))}</text>`
    );
  });
  return (
    `<figure><svg role="img" aria-label="${esc(options.title)}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(options.title)}</title>` +
    `${rows.join("")}</svg><figcaption>${esc(options.title)}</figcaption></figure>`
  );
}

/**
 * Snapshot diff: each numeric metric's baseline and current value, coloured by its verdict. Metrics have
 * different units, so each pair is drawn on its own scale (the larger of the two is a full bar).
 */
function diffChart(check: CheckResult): string {
  const bars: Bar[] = [];
  for (const clause of check.clauses) {
    const baseline = Number(clause.evidence.baseline);
    const current = Number(clause.evidence.current);
    if (!Number.isFinite(baseline) && !Number.isFinite(current)) continue;
    const scale = Math.max(
      Number.isFinite(baseline) ? Math.abs(baseline) : 0,
      Number.isFinite(current) ? Math.abs(current) : 0,
    );
    if (Number.isFinite(baseline))
      bars.push({ label: `${clause.id} (baseline)`, value: baseline, status: "skip", scale });
    bars.push({
      scale,
      label: `${clause.id} (current)`,
      value: Number.isFinite(current) ? current : 0,
      status: clause.status,
      text: `${clause.evidence.current ?? ""} ${clause.evidence.delta ? `(${clause.evidence.delta})` : ""}`.trim(),
    });
  }
  return bars.length === 0 ? "" : barChart({ title: "Metrics: baseline and current", bars });
}

/** Dataset scan: validated PII matches per entity type, and per file (the files with most first). */
function piiCharts(check: CheckResult): string {
  const pii = check.clauses.find((c) => c.id === "Art.10(2)(a)");
  const entities = (pii?.evidence.entities ?? []) as readonly string[];
  const counts = (pii?.evidence.entityCounts ?? []) as readonly number[];
  if (entities.length === 0) return "";
  const byEntity = entities.map((entity, i) => ({ label: entity, value: counts[i] ?? 0, status: "warn" as const }));
  const files = (pii?.evidence.files ?? []) as readonly string[];
  const fileCounts = (pii?.evidence.fileMatches ?? []) as readonly number[];
  const byFile = files.map((file, i) => ({
    label: file.split("/").pop() ?? file,
    value: fileCounts[i] ?? 0,
    status: "warn" as const,
  }));
  return (
    barChart({ title: `Personal data found in ${check.target}, by entity type`, bars: byEntity }) +
    (byFile.length > 0 ? barChart({ title: `Personal data found in ${check.target}, by file`, bars: byFile }) : "")
  );
}

/** Most bars in the chain chart: a log of thousands of appended runs is summarised, not drawn run by run. */
const MAX_CHAIN_BARS = 40;

/** Chain checks: entries verified per segment (each appended run of a torchcomply log), or per log. */
function chainChart(checks: readonly CheckResult[]): string {
  const bars: Bar[] = [];
  for (const check of checks) {
    if (check.id !== "chain" || typeof check.metrics.entries !== "number") continue;
    const segments = Array.isArray(check.metrics.segmentEntries) ? (check.metrics.segmentEntries as number[]) : [];
    const name = check.target.split("/").pop() ?? check.target;
    if (segments.length > 1) {
      segments.forEach((entries, k) => {
        bars.push({
          label: `${name} · run ${k + 1}`,
          value: entries,
          status: check.status,
          text: `${entries} entries`,
        });
      });
    } else {
      bars.push({
        label: name,
        value: check.metrics.entries,
        status: check.status,
        text: `${check.metrics.entries} entries`,
      });
    }
  }
  if (bars.length === 0) return "";
  const shown = bars.slice(0, MAX_CHAIN_BARS);
  const title = `Audit chains: entries verified per run${bars.length > shown.length ? ` (first ${shown.length} of ${bars.length})` : ""}`;
  return barChart({ title, bars: shown, width: 760 });
}

function clauseTable(clauses: readonly Clause[]): string {
  if (clauses.length === 0) return "";
  const rows = clauses.map(
    (c) =>
      `<tr class="${c.status}"><td>${badge(c.status)}</td><td><code>${esc(c.id)}</code><br>${esc(c.title)}</td>` +
      `<td>${esc(c.detail)}</td><td>${c.refs.map(esc).join("<br>")}</td></tr>`,
  );
  return `<table><thead><tr><th>Status</th><th>Clause</th><th>Detail</th><th>Refs</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function findingsList(check: CheckResult): string {
  if (check.findings.length === 0) return "";
  const shown = mostSevereFirst(check.findings).slice(0, MAX_FINDINGS);
  const where = (f: (typeof shown)[number]) =>
    `${f.location.path}${f.location.line !== undefined ? `:${f.location.line}` : ""}${f.location.row !== undefined ? ` row ${f.location.row}` : ""}`;
  const items = shown.map(
    (f) =>
      `<tr><td>${badge(f.severity)}</td><td><code>${esc(where(f))}</code></td><td><code>${esc(f.rule)}</code></td><td>${esc(f.message)}</td></tr>`,
  );
  const more = check.findings.length - shown.length;
  return (
    `<details${check.status === "pass" ? "" : " open"}><summary>${check.findings.length} finding(s)</summary>` +
    `<table><thead><tr><th>Severity</th><th>Where</th><th>Rule</th><th>Message</th></tr></thead><tbody>${items.join("")}</tbody></table>` +
    (more > 0 ? `<p>… ${more} more in the JSON report.</p>` : "") +
    "</details>"
  );
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.verdict{padding:1rem 1.2rem;border-radius:8px;margin:1rem 0;font-size:1.2rem;font-weight:600}
.verdict.pass{background:#dafbe1;border:1px solid #1a7f37}.verdict.fail{background:#ffebe9;border:1px solid #cf222e}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{font-size:.85rem;word-break:break-all}
.badge{display:inline-block;min-width:3.2rem;text-align:center;border-radius:1rem;padding:0 .5rem;font-size:.8rem;font-weight:600;color:#fff}
.badge.pass{background:#1a7f37}.badge.warn{background:#9a6700}.badge.fail{background:#cf222e}.badge.error{background:#82071e}.badge.skip{background:#6e7781}.badge.waived{background:#8250df}
svg text{font-size:12px;fill:#1f2328}.bar.pass{fill:#2da44e}.bar.warn{fill:#bf8700}.bar.fail{fill:#cf222e}.bar.error{fill:#82071e}.bar.skip{fill:#8c959f}.bar.waived{fill:#8250df}
figure{margin:.8rem 0}figcaption{font-size:.8rem;color:#57606a}.meta{color:#57606a;font-size:.9rem}
@media print{body{margin:0;max-width:none}details{display:block}details>summary{display:none}section{break-inside:avoid-page}.verdict{border-width:2px}}
`;

export function renderHtml(report: Report, options: { title?: string } = {}): string {
  const title = options.title ?? "comply-gate report";
  const failing = report.checks.filter((c) => c.status === "fail" || c.status === "error").length;
  const subject = [report.subject.repo, report.subject.ref, report.subject.sha?.slice(0, 12), report.subject.event]
    .filter((part) => part !== undefined && part !== "")
    .map(esc)
    .join(" · ");
  const overview = report.checks.map(
    (c, i) =>
      `<tr class="${c.status}"><td>${badge(c.status)}</td><td><a href="#check-${i + 1}">${esc(c.id)}</a></td>` +
      `<td><code>${esc(c.target)}</code></td><td>${esc(keyMetric(c))}</td></tr>`,
  );
  const sections = report.checks.map((check, i) => {
    const chart = check.id === "diff" ? diffChart(check) : check.id === "dataset" ? piiCharts(check) : "";
    return (
      `<section id="check-${i + 1}"><h2>${badge(check.status)} ${esc(check.id)} — <code>${esc(check.target)}</code></h2>` +
      `<p>${esc(check.summary)}</p>${chart}${clauseTable(check.clauses)}${findingsList(check)}</section>`
    );
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<header><h1>${esc(title)}</h1><p class="meta">${subject} · ${esc(report.tool.name)} ${esc(report.tool.version)} · fail-on: ${esc(report.policy.failOn)}</p></header>
<div class="verdict ${report.verdict}" id="verdict">${report.verdict === "pass" ? "PASSED — the gate passed" : "FAILED — the gate failed"}: ${report.checks.length} check(s), ${failing} failing</div>
<h2>Checks</h2>
<table id="overview"><thead><tr><th>Status</th><th>Check</th><th>Target</th><th>Key metric</th></tr></thead><tbody>${overview.join("")}</tbody></table>
${chainChart(report.checks)}
${sections.join("\n")}
<footer><p class="meta">Verify the signed JSON report, not this page: see comply-gate-VERIFY.md in the same artifact.</p></footer>
</body></html>
`;
}
