/**
 * Art.10(2)(b) lawful basis / consent and Art.10(2)(c) provenance: the share of rows that carry the evidence.
 * spanforge counts a row when a consent-like key is merely present (`{"consent": false}` counts); comply-gate
 * counts it only when the value is affirmative, or when the row names a GDPR Art. 6(1) lawful basis.
 */
import type { DatasetOptions } from "../options.js";
import { type ClauseJudgement, type DatasetClause, fmt, PerKeys, pct, type RowView } from "./clause.js";

interface CoverageState {
  covered: number;
  rows: number;
  /** Rows whose consent-like field is present but not affirmative (spanforge would count them). */
  presentNotAffirmative: number;
}

const SPANFORGE_CONSENT_FIELDS = ["consent", "consented", "consent_given", "opt_in"];
const SPANFORGE_SOURCE_FIELDS = ["source", "origin", "provenance", "data_source"];
const LEGAL_BASIS_FIELDS = new Set(["legal_basis", "lawful_basis", "gdpr_basis"]);
/** GDPR Art. 6(1)(a)–(f). */
const LAWFUL_BASES = new Set([
  "consent",
  "contract",
  "legal_obligation",
  "vital_interests",
  "public_task",
  "legitimate_interests",
]);
const AFFIRMATIVE = new Set([
  "true",
  "yes",
  "y",
  "1",
  "granted",
  "given",
  "opt-in",
  "opt_in",
  "opted-in",
  "opted_in",
  "accepted",
  "agreed",
  "consented",
  "explicit",
]);

function affirmative(value: unknown): boolean {
  if (value === true || value === 1) return true;
  return typeof value === "string" && AFFIRMATIVE.has(value.trim().toLowerCase());
}

function lowerSet(base: readonly string[], extra: readonly string[]): Set<string> {
  return new Set([...base, ...extra].map((f) => f.toLowerCase()));
}

const consentFieldsCache = new WeakMap<DatasetOptions, Set<string>>();
const basisFieldsCache = new WeakMap<DatasetOptions, Set<string>>();
const sourceFieldsCache = new WeakMap<DatasetOptions, Set<string>>();

function cached(cache: WeakMap<DatasetOptions, Set<string>>, options: DatasetOptions, make: () => Set<string>) {
  let set = cache.get(options);
  if (!set) {
    set = make();
    cache.set(options, set);
  }
  return set;
}

/** A row's keys that name one of `fields` (matched lower-cased). */
const matchingKeys = (row: Pick<RowView, "keys" | "lowerKeys">, fields: ReadonlySet<string>): readonly string[] =>
  row.keys.filter((_key, i) => fields.has(row.lowerKeys[i] as string));

const consentColumns = new PerKeys(matchingKeys);
const basisColumns = new PerKeys(matchingKeys);
const sourceColumns = new PerKeys(matchingKeys);

const initCoverage = (): CoverageState => ({ covered: 0, rows: 0, presentNotAffirmative: 0 });
const mergeCoverage = (into: CoverageState, from: CoverageState): void => {
  into.covered += from.covered;
  into.rows += from.rows;
  into.presentNotAffirmative += from.presentNotAffirmative;
};

/** Both coverage clauses: pass at or above the share (unrounded, as spanforge), never on an empty dataset. */
function judgeCoverage(
  state: CoverageState,
  rows: number,
  options: { limit: number; what: string; extra?: Record<string, number> },
): ClauseJudgement {
  const { limit, what } = options;
  const share = rows === 0 ? 0 : pct(state.covered, state.rows);
  const enough = share >= limit;
  return {
    status: rows > 0 && enough ? "pass" : "fail",
    detail: `${what} in ${fmt(share, 1)}% of rows — ${enough ? `sufficient (≥${limit}%)` : `INSUFFICIENT (<${limit}%)`}`,
    evidence: {
      coveragePct: Number(share.toFixed(4)),
      rowsCovered: state.covered,
      rowsNotCovered: state.rows - state.covered,
      ...options.extra,
      thresholdPct: limit,
    },
  };
}

export const lawfulBasis: DatasetClause<CoverageState> = {
  id: "Art.10(2)(b)",
  title: "Data governance — consent / lawful basis",
  refs: ["EU AI Act Art. 10(2)(b)", "GDPR Art. 6(1)", "GDPR Art. 7"],
  init: initCoverage,
  row(state, row, report, options) {
    const fields = cached(consentFieldsCache, options, () => lowerSet(SPANFORGE_CONSENT_FIELDS, options.consentFields));
    state.rows++;
    const consentKeys = consentColumns.of(row, fields);
    const consentPresent = consentKeys.length > 0;
    let consentGiven = false;
    let basis = false;
    for (const key of consentKeys) if (affirmative(row.values[key])) consentGiven = true;
    // A field named both ways (configured as a consent field) counts as a consent field only.
    const basisFields = cached(
      basisFieldsCache,
      options,
      () => new Set([...LEGAL_BASIS_FIELDS].filter((f) => !fields.has(f))),
    );
    for (const key of basisColumns.of(row, basisFields)) {
      const value = row.values[key];
      if (
        typeof value === "string" &&
        LAWFUL_BASES.has(
          value
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, "_"),
        )
      ) {
        basis = true;
      }
    }
    // A consent field that says no withdraws the basis even where a legal_basis field claims consent.
    const covered = consentGiven || (basis && !consentPresent);
    if (covered) state.covered++;
    else {
      if (consentPresent) state.presentNotAffirmative++;
      report(
        "dataset.lawful-basis",
        "warn",
        consentPresent ? "consent field present but not affirmative" : "no consent field and no lawful basis",
      );
    }
  },
  merge: mergeCoverage,
  save: (state) => state,
  load: (json) => json as CoverageState,
  judge: (state, totals, options) =>
    judgeCoverage(state, totals.rows, {
      limit: options.thresholds.lawfulBasisPct,
      what: "Affirmative consent or a lawful basis",
      extra: { consentPresentNotAffirmative: state.presentNotAffirmative },
    }),
};

export const provenance: DatasetClause<CoverageState> = {
  id: "Art.10(2)(c)",
  title: "Data collection — source provenance",
  refs: ["EU AI Act Art. 10(2)(b)", "EU AI Act Art. 10(2)(c)", "GDPR Art. 14(2)(f)"],
  init: initCoverage,
  row(state, row, report, options) {
    const fields = cached(sourceFieldsCache, options, () => lowerSet(SPANFORGE_SOURCE_FIELDS, options.sourceFields));
    state.rows++;
    for (const key of sourceColumns.of(row, fields)) {
      const value = row.values[key];
      if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) continue;
      state.covered++;
      return;
    }
    report("dataset.provenance", "warn", "no non-empty source field");
  },
  merge: mergeCoverage,
  save: (state) => state,
  load: (json) => json as CoverageState,
  judge: (state, totals, options) =>
    judgeCoverage(state, totals.rows, { limit: options.thresholds.provenancePct, what: "Source field present" }),
};
