/**
 * Art.10(3) "complete" — missing values per column: absent key, null, NaN, empty string or a placeholder
 * (`N/A`, `null`, `unknown`, `?`, `-` …), over all rows (specs/regulation-pii.md §1.4.3). Required columns
 * warn above 5 % and fail above 20 % (defaults); other columns are reported, not judged.
 */
import { type DatasetClause, dataRecord, fmt, PerKeys, pct, shownName } from "./clause.js";

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
  /** Column names in the order first seen, and each one's slot in `present`. */
  readonly columns: string[];
  readonly slotOf: Map<string, number>;
  /** Per column slot: rows where it holds a real value. */
  readonly present: number[];
  rows: number;
  columnsDropped: boolean;
}

/** The state's slot for `column`, given one when there is room; -1 when the column cap left it untracked. */
function slotFor(state: MissingState, column: string): number {
  const known = state.slotOf.get(column);
  if (known !== undefined) return known;
  if (state.columns.length >= MAX_COLUMNS) {
    state.columnsDropped = true;
    return -1;
  }
  state.slotOf.set(column, state.columns.length);
  state.columns.push(column);
  state.present.push(0);
  return state.columns.length - 1;
}

/** Per key of a row, its slot in the state (looked up once for the rows that share their keys). */
const keySlots = new PerKeys((row, state: MissingState) => Int32Array.from(row.keys, (key) => slotFor(state, key)));

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
  init: () => ({ columns: [], slotOf: new Map(), present: [], rows: 0, columnsDropped: false }),
  row(state, row) {
    state.rows++;
    const slots = keySlots.of(row, state);
    const { keys, values } = row;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      if (slot >= 0 && !isMissing(values[keys[i] as string])) state.present[slot] = (state.present[slot] as number) + 1;
    }
  },
  merge(into, from) {
    from.columns.forEach((column, i) => {
      const slot = slotFor(into, column);
      if (slot >= 0) into.present[slot] = (into.present[slot] as number) + (from.present[i] as number);
    });
    into.rows += from.rows;
    into.columnsDropped ||= from.columnsDropped;
  },
  save(state) {
    const present = dataRecord<number>();
    state.columns.forEach((column, i) => {
      present[column] = state.present[i] as number;
    });
    return { present, rows: state.rows, columnsDropped: state.columnsDropped };
  },
  load(json) {
    const saved = json as { present: Record<string, number>; rows: number; columnsDropped: boolean };
    const columns = Object.keys(saved.present);
    return {
      columns,
      slotOf: new Map(columns.map((column, i) => [column, i])),
      present: columns.map((column) => saved.present[column] as number),
      rows: saved.rows,
      columnsDropped: saved.columnsDropped,
    };
  },
  judge(state, _totals, options) {
    // Listed by the name shown (masked names together), then by the name itself: the same order every run.
    const shown = new Map(state.columns.map((c) => [c, shownName(c)]));
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const columns = [...state.columns].sort(
      (a, b) => order(shown.get(a) as string, shown.get(b) as string) || order(a, b),
    );
    const presentIn = (column: string): number | undefined => {
      const slot = state.slotOf.get(column);
      return slot === undefined ? undefined : state.present[slot];
    };
    const missingPct = (column: string) => pct(state.rows - (presentIn(column) ?? 0), state.rows);
    const { missingWarnPct: warnAt, missingFailPct: failAt } = options.thresholds;
    const problems: string[] = [];
    let status: "pass" | "warn" | "fail" = "pass";
    for (const column of options.requiredColumns) {
      const share = presentIn(column) === undefined ? 100 : missingPct(column);
      if (share > failAt) status = "fail";
      else if (share > warnAt && status === "pass") status = "warn";
      if (share > warnAt) problems.push(`\`${shownName(column)}\` ${fmt(share, 1)}% missing`);
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
              .map(([c, s]) => `\`${shown.get(c)}\` ${fmt(s, 1)}%`)
              .join(", ")}${options.requiredColumns.length === 0 ? " (no required columns configured)" : ""}`;
    return {
      status,
      detail: state.columnsDropped ? `${detail}; more than ${MAX_COLUMNS} columns, the rest not tracked` : detail,
      evidence: {
        columns: columns.map((c) => shown.get(c) as string),
        missingPct: columns.map((c) => Number(missingPct(c).toFixed(4))),
        requiredColumns: options.requiredColumns.map((c) => shownName(c)),
      },
    };
  },
};
