/**
 * Art.10(2)(a) — personal data in the training text. Density per 1,000 estimated tokens with spanforge's token
 * rule (code points / 4, at least 1) and threshold, counted with validated recognizers rather than spanforge's
 * three bare regexes; and a concentration rule spanforge lacks: one row holding more validated high-risk
 * identifiers than allowed fails on its own, however large the rest of the corpus (an average hides it).
 */
import { TextMemo } from "../../core/text-memo.js";
import { type Entity, findPii, integerHoldsNone, PiiHint, type PiiMatch } from "../recognizers/index.js";
import { addCounts, type DatasetClause, dataRecord, fmt, PerKeys, pyFloat, type RowFinding } from "./clause.js";

interface PiiState {
  /** Validated matches per entity type. */
  entities: Record<string, number>;
  matches: number;
  rowsWithPii: number;
  /** Rows over the per-row limit of high-risk (tier A) identifiers. */
  concentratedRows: number;
  highRisk: number;
  /** Validated matches per file. */
  perFile: Record<string, number>;
}

/** Files listed in the evidence, most matches first: enough to point at the worst, bounded for huge trees. */
const LISTED_FILES = 50;

/** "email ×2, us_ssn ×1": entity types and counts only, never the values. */
function describe(counts: ReadonlyMap<Entity, number>): string {
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([entity, n]) => `${entity} ×${n}`)
    .join(", ");
}

function countsOf(matches: readonly PiiMatch[]): Map<Entity, number> {
  const counts = new Map<Entity, number>();
  for (const match of matches) counts.set(match.entity, (counts.get(match.entity) ?? 0) + 1);
  return counts;
}

/** One row's matches so far, over all its leaves (module scratch: rows are folded one at a time). */
const rowTally = {
  found: undefined as Map<Entity, number> | undefined,
  highRisk: 0,
  report: undefined as RowFinding | undefined,
  /** Count a leaf's matches into the row's and report them at the leaf (described only if listed). */
  add(matches: readonly PiiMatch[], rule: string, what: string, field: () => string): void {
    this.found ??= new Map();
    for (const match of matches) {
      this.found.set(match.entity, (this.found.get(match.entity) ?? 0) + 1);
      if (match.tier === "A") this.highRisk++;
    }
    this.report?.(rule, "warn", () => `${what}: ${describe(countsOf(matches))}`, field);
  },
};

/**
 * The options of a leaf's `findPii`, one object rewritten per leaf: an object per call was garbage per leaf.
 * Strings' and numbers' options have one shape, so `findPii` reads them through one inline cache.
 */
interface LeafOptions {
  field: string;
  hints: number;
  digitsFrom: number;
  digitsTo: number;
}
const leafOptions: LeafOptions = { field: "", hints: 0, digitsFrom: 0, digitsTo: 0 };
/**
 * A number's decimal text holds digits and perhaps a "." but no "@", capital, secret's mark or non-ASCII
 * character: its hints, given rather than searched for.
 */
const numberOptions: LeafOptions = {
  field: "",
  hints: PiiHint.DigitOrAt | PiiHint.SixDigits | PiiHint.DotOrColon,
  digitsFrom: 0,
  digitsTo: 0,
};

/** Per top-level key, the personal data it holds (worked out once for the rows that share their keys). */
const keyMatches = new PerKeys((row) => row.keys.map((key) => findPii(key)));

/**
 * The personal data in nested keys, remembered per object name and key: rows share their nested keys too
 * ("role" and "content" in every turn of a chat set), and each was screened again on every row (a key holds no
 * digit, so the secret rules' marks were looked for: a twentieth of a chat set's scan). Short names only.
 */
const NESTED_KEY_LENGTH = 64;
const nestedKeys = new TextMemo<readonly PiiMatch[]>({ fields: 16, perField: 1024 });

function matchesInKey(key: string, objectName: string): readonly PiiMatch[] {
  if (key.length > NESTED_KEY_LENGTH || objectName.length > NESTED_KEY_LENGTH)
    return findPii(key, { field: objectName });
  let matches = nestedKeys.find(objectName, key);
  if (matches === undefined) {
    matches = findPii(key, { field: objectName });
    nestedKeys.keep(objectName, key, matches);
  }
  return matches;
}

export const piiDensity: DatasetClause<PiiState> = {
  id: "Art.10(2)(a)",
  title: "Data quality — PII density",
  refs: ["EU AI Act Art. 10(2)(a)", "EU AI Act Art. 10(5)", "GDPR Art. 5(1)(c)"],
  init: () => ({
    entities: dataRecord(),
    matches: 0,
    rowsWithPii: 0,
    concentratedRows: 0,
    highRisk: 0,
    perFile: dataRecord(),
  }),
  row(state, row, report, options) {
    const tally = rowTally;
    tally.found = undefined;
    tally.highRisk = 0;
    tally.report = report;
    const { leaves } = row;
    // Every leaf is read on its own and located by its path (worked out only for a finding that is listed).
    const leaf = leafOptions;
    for (let i = 0; i < row.strings.length; i++) {
      leaf.field = leaves.stringContext(i);
      leaf.hints = row.stringHints[i] as number;
      leaf.digitsFrom = row.stringDigits[2 * i] as number;
      leaf.digitsTo = row.stringDigits[2 * i + 1] as number;
      const matches = findPii(row.strings[i] as string, leaf);
      if (matches.length > 0) tally.add(matches, "dataset.pii", "personal data", () => leaves.stringPath(i));
    }
    // Numbers: a phone or card number stored as a number is still one. An id is settled without its text.
    const numberLeaf = numberOptions;
    for (let i = 0; i < leaves.numberCount; i++) {
      numberLeaf.field = leaves.numberContext(i);
      const value = leaves.numberValue(i);
      if (typeof value !== "object" && integerHoldsNone(value, numberLeaf.field)) continue;
      const text = leaves.numberText(i);
      numberLeaf.digitsTo = text.length;
      const matches = findPii(text, numberLeaf);
      if (matches.length > 0) {
        tally.add(matches, "dataset.pii", "personal data in a number", () => leaves.numberPath(i));
      }
    }
    // Keys: column names and object keys are data too (a map keyed by e-mail address).
    const topKeys = keyMatches.of(row, null);
    for (let i = 0; i < topKeys.length; i++) {
      const matches = topKeys[i] as readonly PiiMatch[];
      if (matches.length > 0) tally.add(matches, "dataset.pii.key", "personal data in a key", () => "[key]");
    }
    for (let i = 0; i < leaves.keyPlaces.length; i++) {
      const matches = matchesInKey(leaves.key(i), leaves.keyContext(i));
      if (matches.length > 0) {
        tally.add(matches, "dataset.pii.key", "personal data in a key", () => leaves.keyPath(i));
      }
    }
    // (read back through a cast: the checker keeps `found` narrowed to the `undefined` set above)
    const found = tally.found as Map<Entity, number> | undefined;
    const highRisk = tally.highRisk;
    tally.report = undefined;
    if (!found) return;
    const counts = found;
    state.rowsWithPii++;
    state.highRisk += highRisk;
    for (const [entity, n] of counts) {
      state.entities[entity] = (state.entities[entity] ?? 0) + n;
      state.matches += n;
      state.perFile[row.file] = (state.perFile[row.file] ?? 0) + n;
    }
    if (highRisk > options.thresholds.maxHighRiskPerRow) {
      state.concentratedRows++;
      report(
        "dataset.pii.concentration",
        "fail",
        `row holds ${highRisk} validated high-risk identifiers (limit ${options.thresholds.maxHighRiskPerRow}): ${describe(counts)}`,
      );
    }
  },
  merge(into, from) {
    addCounts(into.entities, from.entities);
    into.matches += from.matches;
    into.rowsWithPii += from.rowsWithPii;
    into.concentratedRows += from.concentratedRows;
    into.highRisk += from.highRisk;
    addCounts(into.perFile, from.perFile);
  },
  save: (state) => state,
  load(json) {
    const saved = json as Omit<PiiState, "perFile"> & { perFile?: Record<string, number> };
    return { ...saved, entities: dataRecord(saved.entities), perFile: dataRecord(saved.perFile) };
  },
  judge(state, totals, options) {
    const tokens = Math.max(1, Math.floor(totals.codePoints / 4));
    const density = totals.rows === 0 ? 0 : (state.matches / tokens) * 1000;
    const limit = options.thresholds.piiDensity;
    const dense = density >= limit;
    const concentrated = state.concentratedRows > 0;
    const parts = [
      `PII density ${fmt(density, 4)} per 1k tokens — ${dense ? `EXCEEDS threshold (≥${pyFloat(limit)})` : `within threshold (<${pyFloat(limit)})`}`,
    ];
    if (concentrated) {
      parts.push(
        `${state.concentratedRows} row(s) hold more than ${options.thresholds.maxHighRiskPerRow} validated high-risk identifiers`,
      );
    }
    const entities = Object.keys(state.entities).sort();
    const files = Object.entries(state.perFile)
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
      .slice(0, LISTED_FILES);
    return {
      status: dense || concentrated ? "fail" : "pass",
      detail: parts.join("; "),
      evidence: {
        density: Number(density.toFixed(6)),
        tokenEstimate: tokens,
        matches: state.matches,
        rowsWithPii: state.rowsWithPii,
        highRiskIdentifiers: state.highRisk,
        concentratedRows: state.concentratedRows,
        entities,
        entityCounts: entities.map((e) => state.entities[e] ?? 0),
        files: files.map(([file]) => file),
        fileMatches: files.map(([, n]) => n),
      },
    };
  },
};
