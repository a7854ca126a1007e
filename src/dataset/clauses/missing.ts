/**
 * Art.10(3) "complete" — missing values per column: absent key, null, NaN, empty string or a placeholder
 * (`N/A`, `null`, `unknown`, `?`, `-` …), over all rows (specs/regulation-pii.md §1.4.3). Required columns
 * warn above 5 % and fail above 20 % (defaults); other columns are reported, not judged.
 */
import { type DatasetClause, dataRecord, fmt, pct } from "./clause.js";

/** Columns tracked at most: wider data is reported as such, not followed into unbounded memory. */
const MAX_COLUMNS = 2000;
const PLACEHOLDERS = new Set([
  "",
  "n/a",
  "na",
  "null",
  "none",
  "nan",
  "unknown",
  "?",
  "-",
  "[more information needed]",
]);

interface MissingState {
  /** Per column: rows where it holds a real value. */
  present: Record<string, number>;
  rows: number;
  columnsDropped: boolean;
}

/** Whether a string's first character rules every placeholder out (no trimming or lower-casing needed). */
function cannotBePlaceholder(value: string): boolean {
  const first = value.charCodeAt(0) | 0x20; // lower-cases an ASCII letter
  // Placeholders start with n, u, ?, - or [ once trimmed; any other letter or digit leaves nothing to trim.
  return (first >= 0x61 && first <= 0x7a && first !== 0x6e && first !== 0x75) || (first >= 0x30 && first <= 0x39);
}

export function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "number") return Number.isNaN(value);
  if (typeof value === "string") {
    if (value.length > 27 || (value.length > 0 && cannotBePlaceholder(value))) return false;
    return PLACEHOLDERS.has(value.trim().toLowerCase());
  }
  return false;
}

export const missingValues: DatasetClause<MissingState> = {
  id: "Art.10(3)-missing",
  title: "Complete — missing values per column",
  refs: ["EU AI Act Art. 10(3)", "EU AI Act Art. 10(2)(h)"],
  init: () => ({ present: dataRecord(), rows: 0, columnsDropped: false }),
  row(state, row) {
    state.rows++;
    for (const key of row.keys) {
      const known = state.present[key];
      if (known === undefined) {
        if (Object.keys(state.present).length >= MAX_COLUMNS) {
          state.columnsDropped = true;
          continue;
        }
        state.present[key] = 0;
      }
      if (!isMissing(row.values[key])) state.present[key] = (state.present[key] ?? 0) + 1;
    }
  },
  merge(into, from) {
    for (const [column, n] of Object.entries(from.present)) {
      if (into.present[column] === undefined && Object.keys(into.present).length >= MAX_COLUMNS) {
        into.columnsDropped = true;
        continue;
      }
      into.present[column] = (into.present[column] ?? 0) + n;
    }
    into.rows += from.rows;
    into.columnsDropped ||= from.columnsDropped;
  },
  save: (state) => state,
  load(json) {
    const saved = json as MissingState;
    return { present: dataRecord(saved.present), rows: saved.rows, columnsDropped: saved.columnsDropped };
  },
  judge(state, _totals, options) {
    const columns = Object.keys(state.present).sort();
    const missingPct = (column: string) => pct(state.rows - (state.present[column] ?? 0), state.rows);
    const { missingWarnPct: warnAt, missingFailPct: failAt } = options.thresholds;
    const problems: string[] = [];
    let status: "pass" | "warn" | "fail" = "pass";
    for (const column of options.requiredColumns) {
      const share = state.present[column] === undefined ? 100 : missingPct(column);
      if (share > failAt) status = "fail";
      else if (share > warnAt && status === "pass") status = "warn";
      if (share > warnAt) problems.push(`\`${column}\` ${fmt(share, 1)}% missing`);
    }
    const worst = columns
      .map((c) => [c, missingPct(c)] as const)
      .filter(([, share]) => share > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const detail =
      problems.length > 0
        ? `required column(s) above ${warnAt}%: ${problems.join(", ")}`
        : worst.length === 0
          ? `no missing values in ${columns.length} column(s)`
          : `most missing: ${worst
              .slice(0, 3)
              .map(([c, s]) => `\`${c}\` ${fmt(s, 1)}%`)
              .join(", ")}${options.requiredColumns.length === 0 ? " (no required columns configured)" : ""}`;
    return {
      status,
      detail: state.columnsDropped ? `${detail}; more than ${MAX_COLUMNS} columns, the rest not tracked` : detail,
      evidence: {
        columns,
        missingPct: columns.map((c) => Number(missingPct(c).toFixed(4))),
        requiredColumns: [...options.requiredColumns],
      },
    };
  },
};
