/**
 * What a dataset scan is configured with: the field names that carry consent, source and label, the columns
 * that identify a row, declared special-category columns, and every clause threshold. Defaults follow
 * spanforge where comply-gate keeps its rule (specs/spanforge.md §f.3) and specs/regulation-pii.md §1.4
 * elsewhere.
 */

export interface DatasetThresholds {
  /** Art.10(2)(a): PII per 1,000 estimated tokens must stay below this (spanforge: 1.0). */
  readonly piiDensity: number;
  /** Art.10(2)(a): a row with more validated high-risk identifiers than this fails on its own. */
  readonly maxHighRiskPerRow: number;
  /** Art.10(2)(b): share of rows (%) with an affirmative consent or a lawful basis (spanforge: 80). */
  readonly lawfulBasisPct: number;
  /** Art.10(2)(c): share of rows (%) naming their source (spanforge: 80). */
  readonly provenancePct: number;
  /** Art.10(2)(f): largest / smallest class count above this warns. */
  readonly labelImbalanceRatio: number;
  /** Art.10(3): duplicate-row share (%) above which the clause warns, and fails. */
  readonly duplicateWarnPct: number;
  readonly duplicateFailPct: number;
  /** Art.10(3): missing-value share (%) of a required column above which the clause warns, and fails. */
  readonly missingWarnPct: number;
  readonly missingFailPct: number;
}

export interface DatasetOptions {
  /** Extra field names that hold consent (added to spanforge's `consent`, `consented`, `consent_given`, `opt_in`). */
  readonly consentFields: readonly string[];
  /** Extra field names that name a row's source (added to `source`, `origin`, `provenance`, `data_source`). */
  readonly sourceFields: readonly string[];
  /** The label column; by default the first of `label`, `labels`, `class`, `target`, `category` a row has. */
  readonly labelColumn: string | undefined;
  /** Columns left out of the duplicate-row hash (a unique id would hide every duplicate). */
  readonly idColumns: readonly string[];
  /** Columns whose missing values fail the gate (others are reported only). */
  readonly requiredColumns: readonly string[];
  /** Special-category columns the team declares (Art. 10(5) safeguards documented elsewhere): not warned about. */
  readonly specialCategories: readonly string[];
  readonly thresholds: DatasetThresholds;
}

export const DEFAULT_THRESHOLDS: DatasetThresholds = {
  piiDensity: 1.0,
  maxHighRiskPerRow: 5,
  lawfulBasisPct: 80,
  provenancePct: 80,
  labelImbalanceRatio: 20,
  duplicateWarnPct: 1,
  duplicateFailPct: 5,
  missingWarnPct: 5,
  missingFailPct: 20,
};

export const DEFAULT_DATASET_OPTIONS: DatasetOptions = {
  consentFields: [],
  sourceFields: [],
  labelColumn: undefined,
  idColumns: ["id", "_id", "uuid", "row_id", "record_id"],
  requiredColumns: [],
  specialCategories: [],
  thresholds: DEFAULT_THRESHOLDS,
};

export function datasetOptions(
  overrides: Partial<Omit<DatasetOptions, "thresholds">> & {
    thresholds?: Partial<DatasetThresholds>;
  },
): DatasetOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return {
    ...DEFAULT_DATASET_OPTIONS,
    ...defined,
    thresholds: { ...DEFAULT_THRESHOLDS, ...overrides.thresholds },
  };
}
