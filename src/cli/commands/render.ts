/**
 * `comply-gate render`: re-render a report someone else produced (e.g. a fork PR's artifact in a workflow_run
 * job): it is validated against the schema first, and the Markdown is made here, never taken from the untrusted run.
 */
import { resolve } from "node:path";
import { decide } from "../../core/decide.js";
import type { Report } from "../../core/model.js";
import { renderHtml } from "../../report/html.js";
import { renderComment, renderSummary } from "../../report/markdown.js";
import { renderSarif } from "../../report/sarif.js";
import { renderTerminal } from "../../report/terminal.js";
import { validateReport } from "../../report/verify.js";
import type { Command } from "../command.js";
import { InputError, readInput, UsageError } from "../errors.js";
import { HELP_FLAG, oneOf, text } from "../flags.js";
import { EXIT_PASS } from "../io.js";

const RENDER_FORMATS = ["markdown", "comment", "text", "sarif", "html"] as const;

export const renderCommand: Command = {
  name: "render",
  summary: "re-render a downloaded report (validated first) as Markdown, a PR comment, SARIF …",
  usage: "<report.json> [flags]",
  flags: {
    format: { type: "string", value: RENDER_FORMATS.join("|"), help: "what to print (default markdown)" },
    key: { type: "string", value: "KEY", help: "the comment's key, so a later run updates it (default comply-gate)" },
    ...HELP_FLAG,
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError("render takes one report file");
    const format = oneOf(text(values, "format"), RENDER_FORMATS, "--format") ?? "markdown";
    const shown = positionals[0] as string;
    const source = (await readInput(resolve(io.cwd, shown), shown)).toString("utf8");
    let report: Report;
    try {
      report = JSON.parse(source) as Report;
    } catch {
      throw new InputError(`${shown}: not JSON`);
    }
    const problems = validateReport(report);
    if (problems.length > 0)
      throw new InputError(`${shown}: not a valid comply-gate report: ${problems.slice(0, 3).join("; ")}`);
    // The verdict is recomputed from the checks and the policy: a report edited to say "pass" over a failing
    // check is refused, never rendered as a green comment.
    const verdict = decide(report.checks, report.policy);
    if (verdict !== report.verdict) {
      throw new InputError(
        `${shown}: its verdict says ${JSON.stringify(report.verdict)} but its checks give ${JSON.stringify(verdict)} under failOn ${JSON.stringify(report.policy.failOn)}: the report was altered`,
      );
    }
    const key = text(values, "key") ?? "comply-gate";
    if (format === "comment") io.stdout(renderComment(report, { key }));
    else if (format === "text") io.stdout(renderTerminal(report));
    else if (format === "sarif") io.stdout(`${JSON.stringify(renderSarif(report), null, 2)}\n`);
    else if (format === "html") io.stdout(renderHtml(report));
    else io.stdout(renderSummary(report));
    return EXIT_PASS;
  },
};
