/**
 * Collects a check's findings with a cap per rule, so a log broken on every line of 10 GB costs a count, not
 * memory. The counts stay exact; only the list of located findings is cut. Collections from parts of a file
 * (checked in parallel) merge into one, in file order, with the same caps.
 */
import type { Finding, Location, Severity } from "./model.js";

export interface RuleTally {
  readonly error: number;
  readonly fail: number;
  readonly warn: number;
  /** Findings counted but not listed because the rule reached its cap. */
  readonly omitted: number;
}

/** A collection as plain data (crosses worker threads). */
export interface ExportedFindings {
  readonly kept: readonly Finding[];
  readonly counts: readonly (readonly [rule: string, error: number, fail: number, warn: number])[];
}

export const DEFAULT_MAX_FINDINGS_PER_RULE = 100;

/**
 * A reference to another line inside a message ("earlier than the entry at line 12"). A part of a file is
 * checked without knowing its first line number, so messages carry a marker that `merge` turns into the
 * file line. Messages must quote user text only through a sanitiser that drops control characters.
 */
export function lineRef(line: number): string {
  return `\u0000${line}\u0000`;
}

const LINE_REF = /\u0000(\d+)\u0000/g;

const textOf = (message: string | (() => string)): string => (typeof message === "string" ? message : message());

/**
 * `findings` of a check whose rules are its clauses' ids (chain, events, tenancy), each naming its clause;
 * findings of other rules (structural ones no clause covers) are left as they are.
 */
export function withOwnClauses(findings: readonly Finding[], clauseIds: Iterable<string>): Finding[] {
  const ids = new Set(clauseIds);
  return findings.map((finding) => (ids.has(finding.rule) ? { ...finding, clause: finding.rule } : finding));
}

export class FindingCollector {
  private readonly kept: Finding[] = [];
  private readonly keptPerRule = new Map<string, number>();
  private readonly counts = new Map<string, { error: number; fail: number; warn: number }>();
  private readonly maxPerRule: number;
  private readonly listedBefore: ReadonlyMap<string, number> | undefined;

  /**
   * `listedBefore`: per rule, findings already listed ahead of these (an earlier part of the same data, whose
   * list is capped at the same `maxPerRule`): they count towards the cap, so a rule whose list is full keeps
   * no finding here, only its counts.
   */
  constructor(options: { maxPerRule?: number; listedBefore?: ReadonlyMap<string, number> } = {}) {
    this.maxPerRule = options.maxPerRule ?? DEFAULT_MAX_FINDINGS_PER_RULE;
    this.listedBefore = options.listedBefore;
  }

  add(rule: string, severity: Severity, message: string, location: Location): void {
    this.count(rule, severity, 1);
    this.keep({ rule, severity, message, location });
  }

  /**
   * `add`, with the location (and, when given as a function, the message) built only if the finding is listed:
   * a rule that fires on most rows of a large dataset is counted without building a finding per row.
   */
  addLocated(rule: string, severity: Severity, message: string | (() => string), location: () => Location): void {
    this.count(rule, severity, 1);
    if (this.listsMore(rule)) this.keep({ rule, severity, message: textOf(message), location: location() });
  }

  private count(rule: string, severity: Severity, n: number): void {
    let counts = this.counts.get(rule);
    if (!counts) {
      counts = { error: 0, fail: 0, warn: 0 };
      this.counts.set(rule, counts);
    }
    counts[severity] += n;
  }

  private keep(finding: Finding): void {
    if (!this.listsMore(finding.rule)) return;
    this.keptPerRule.set(finding.rule, (this.keptPerRule.get(finding.rule) ?? 0) + 1);
    this.kept.push(finding);
  }

  /**
   * `add` and `addLocated` for the findings of one clause: each finding names `clause` (renderers find a waived
   * clause's findings by it). Counts and caps stay per rule.
   */
  forClause(clause: string): Pick<FindingCollector, "add" | "addLocated"> {
    return {
      add: (rule, severity, message, location) => {
        this.count(rule, severity, 1);
        this.keep({ rule, clause, severity, message, location });
      },
      addLocated: (rule, severity, message, location) => {
        this.count(rule, severity, 1);
        if (this.listsMore(rule)) this.keep({ rule, clause, severity, message: textOf(message), location: location() });
      },
    };
  }

  /** False once a rule has reached its cap: callers can skip work (e.g. diagnosis) for findings not listed. */
  listsMore(rule: string): boolean {
    return (this.keptPerRule.get(rule) ?? 0) + (this.listedBefore?.get(rule) ?? 0) < this.maxPerRule;
  }

  tally(rule: string): RuleTally {
    const counts = this.counts.get(rule) ?? { error: 0, fail: 0, warn: 0 };
    const omitted = counts.error + counts.fail + counts.warn - (this.keptPerRule.get(rule) ?? 0);
    return { ...counts, omitted };
  }

  /** Kept findings in the order they were found (file order for a streaming check). */
  findings(): readonly Finding[] {
    return this.kept;
  }

  export(): ExportedFindings {
    return {
      kept: this.kept,
      counts: [...this.counts].map(([rule, c]) => [rule, c.error, c.fail, c.warn] as const),
    };
  }

  /**
   * Merge parts collected separately, in file order. Each part's findings have 1-based lines relative to the
   * part; `lineOffset` moves them to file lines. `extra` findings (already on file lines) are placed after
   * the parts' findings on the same line, where a sequential check would have reported them.
   */
  static merge(
    parts: readonly { readonly findings: ExportedFindings; readonly lineOffset: number }[],
    extra: readonly Finding[],
    options: { maxPerRule?: number } = {},
  ): FindingCollector {
    const merged = new FindingCollector(options);
    const ordered: { finding: Finding; line: number; group: number; index: number }[] = [];
    for (const part of parts) {
      for (const [rule, error, fail, warn] of part.findings.counts) {
        merged.count(rule, "error", error);
        merged.count(rule, "fail", fail);
        merged.count(rule, "warn", warn);
      }
      for (const finding of part.findings.kept) {
        const line = finding.location.line === undefined ? undefined : finding.location.line + part.lineOffset;
        const message = finding.message.replace(LINE_REF, (_, n: string) => String(Number(n) + part.lineOffset));
        const moved: Finding = {
          ...finding,
          message,
          location: line === undefined ? finding.location : { ...finding.location, line },
        };
        ordered.push({ finding: moved, line: line ?? 0, group: 0, index: ordered.length });
      }
    }
    for (const finding of extra) {
      merged.count(finding.rule, finding.severity, 1);
      ordered.push({ finding, line: finding.location.line ?? 0, group: 1, index: ordered.length });
    }
    ordered.sort((a, b) => a.line - b.line || a.group - b.group || a.index - b.index);
    for (const { finding } of ordered) merged.keep(finding);
    return merged;
  }
}
