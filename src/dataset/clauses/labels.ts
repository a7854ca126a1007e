/**
 * Art.10(2)(f) — label imbalance: the largest class count over the smallest (specs/regulation-pii.md §1.4.1).
 * The label column is configured, or the first of the usual names found in the data. Imbalance is not
 * unlawful, an undocumented one is the gap: above the ratio the clause warns.
 */
import { type DatasetClause, dataRecord, fmt, PerKeys, shownName } from "./clause.js";

const CANDIDATES = ["label", "labels", "class", "target", "category"];
/** More distinct values than this and the column is not a class label (free text, ids, regression targets). */
const MAX_CLASSES = 1000;

interface LabelState {
  /** Per candidate column: counts per class value (`null` once the column has too many values). */
  columns: Record<string, Record<string, number> | null>;
}

function labelValues(value: unknown): string[] {
  if (value === null || value === undefined || value === "") return [];
  if (Array.isArray(value)) return value.flatMap(labelValues); // multi-label: each label counts
  if (typeof value === "object") return [JSON.stringify(value)];
  return [String(value)];
}

/** Count one label; true when the column now has too many classes to be a label. */
function countLabel(counts: Record<string, number>, label: string): boolean {
  const known = counts[label];
  counts[label] = (known ?? 0) + 1;
  return known === undefined && Object.keys(counts).length > MAX_CLASSES;
}

/** The row's label columns: the configured one, or the usual names, that are among its keys (in that order). */
const labelColumns = new PerKeys((row, configured: string | undefined): readonly string[] =>
  (configured === undefined ? CANDIDATES : [configured]).filter((column) => row.keys.includes(column)),
);

export const labelImbalance: DatasetClause<LabelState> = {
  id: "Art.10(2)(f)",
  title: "Bias examination — label imbalance",
  refs: ["EU AI Act Art. 10(2)(f)", "EU AI Act Art. 10(3)"],
  init: () => ({ columns: dataRecord() }),
  row(state, row, _report, options) {
    for (const column of labelColumns.of(row, options.labelColumn)) {
      let counts = state.columns[column];
      if (counts === null) continue;
      counts ??= state.columns[column] = dataRecord();
      const value = row.values[column];
      // A plain string label (the usual case) is counted without a list; the classes are counted on a new one.
      if (typeof value === "string") {
        if (value !== "" && countLabel(counts, value)) state.columns[column] = null;
        continue;
      }
      for (const label of labelValues(value)) {
        if (countLabel(counts, label)) {
          state.columns[column] = null;
          break;
        }
      }
    }
  },
  merge(into, from) {
    for (const [column, counts] of Object.entries(from.columns)) {
      const mine = into.columns[column];
      if (counts === null || mine === null) into.columns[column] = null;
      else if (mine === undefined) into.columns[column] = dataRecord(counts);
      else {
        for (const [value, n] of Object.entries(counts)) mine[value] = (mine[value] ?? 0) + n;
        if (Object.keys(mine).length > MAX_CLASSES) into.columns[column] = null;
      }
    }
  },
  save: (state) => state,
  load(json) {
    const columns = dataRecord<Record<string, number> | null>();
    for (const [column, counts] of Object.entries((json as LabelState).columns)) {
      columns[column] = counts === null ? null : dataRecord(counts);
    }
    return { columns };
  },
  judge(state, _totals, options) {
    const order = options.labelColumn === undefined ? CANDIDATES : [options.labelColumn];
    const column = order.find((c) => c in state.columns);
    if (column === undefined) {
      return {
        status: options.labelColumn === undefined ? "skip" : "fail",
        detail:
          options.labelColumn === undefined
            ? `no label column (${CANDIDATES.join(", ")}); set \`labelColumn\` to judge class balance`
            : `the configured label column \`${shownName(options.labelColumn)}\` is in no row`,
        evidence: {},
      };
    }
    const counts = state.columns[column];
    if (!counts) {
      return {
        status: "skip",
        detail: `column \`${shownName(column)}\` has more than ${MAX_CLASSES} distinct values: not a class label`,
        evidence: { column: shownName(column) },
      };
    }
    const classes = Object.keys(counts).sort();
    const values = classes.map((c) => counts[c] ?? 0);
    const max = Math.max(...values);
    const min = Math.min(...values);
    const ratio = classes.length < 2 ? Number.POSITIVE_INFINITY : max / min;
    const limit = options.thresholds.labelImbalanceRatio;
    const status = classes.length >= 2 && ratio <= limit ? "pass" : "warn";
    const detail =
      classes.length < 2
        ? `column \`${shownName(column)}\` holds ${classes.length} class${classes.length === 1 ? "" : "es"}: nothing to balance`
        : `largest / smallest class = ${fmt(ratio, 2)} over ${classes.length} classes — ${ratio <= limit ? `within ${limit}` : `ABOVE ${limit}: document the imbalance or mitigate it`}`;
    return {
      status,
      detail,
      evidence: {
        column: shownName(column),
        classes: classes.length,
        imbalanceRatio: Number.isFinite(ratio) ? Number(ratio.toFixed(6)) : null,
        // Class names are categories, but the data wrote them: one that holds personal data is masked. A long
        // list is cut to the first 50.
        classNames: classes.slice(0, 50).map((c) => shownName(c, "[label]")),
        classCounts: values.slice(0, 50),
      },
    };
  },
};
