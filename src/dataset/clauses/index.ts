/** The default Article 10 clause set, in report order. */
import type { DatasetClause } from "./clause.js";
import { lawfulBasis, provenance } from "./coverage.js";
import { duplicateRows } from "./duplicates.js";
import { labelImbalance } from "./labels.js";
import { missingValues } from "./missing.js";
import { piiDensity } from "./pii.js";
import { specialCategories } from "./special-category.js";
import { vocabularySkew } from "./vocabulary.js";

// biome-ignore lint/suspicious/noExplicitAny: each clause keeps its own state type; the scanner treats it opaquely
export const DEFAULT_CLAUSES: readonly DatasetClause<any>[] = [
  piiDensity,
  lawfulBasis,
  provenance,
  vocabularySkew,
  labelImbalance,
  duplicateRows,
  missingValues,
  specialCategories,
];
