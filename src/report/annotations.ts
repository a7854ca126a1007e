/**
 * Which findings become GitHub annotations: those with a line, errors and failures before warnings, at
 * most `maxPerLevel` of each (GitHub shows 10 per level per step), and a count of the rest.
 */
import type { Report } from "../core/model.js";
import { suppressions } from "./suppression.js";

export interface Annotation {
  readonly level: "error" | "warning";
  readonly title: string;
  readonly message: string;
  readonly file: string;
  readonly startLine: number;
}

export function selectAnnotations(
  report: Report,
  options: { maxPerLevel?: number } = {},
): {
  annotations: Annotation[];
  omitted: number;
} {
  const max = options.maxPerLevel ?? 10;
  const suppressed = suppressions(report);
  const located = report.checks.flatMap((check) =>
    check.findings
      .filter((f) => f.location.line !== undefined)
      .map((f): Annotation => {
        // A waived finding is still shown, as a warning that says so: it no longer fails.
        const waived = suppressed(check, f) !== undefined;
        return {
          level: f.severity === "warn" || waived ? "warning" : "error",
          title: `comply-gate ${f.rule}${waived ? " (waived)" : ""}`,
          message: f.message,
          file: f.location.path,
          startLine: f.location.line as number,
        };
      }),
  );
  const errors = located.filter((a) => a.level === "error");
  const warnings = located.filter((a) => a.level === "warning");
  const annotations = [...errors.slice(0, max), ...warnings.slice(0, max)];
  const total = report.checks.reduce((sum, check) => sum + check.findings.length, 0);
  return { annotations, omitted: total - annotations.length };
}
