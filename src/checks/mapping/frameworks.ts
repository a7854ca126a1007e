/**
 * The clause data (`frameworks.json`): which event types count as evidence for which provision. Data, not
 * code, so a reviewer checks citations in one place; a test checks every clause cites its provision.
 */
import data from "./frameworks.json" with { type: "json" };

export interface MappedClause {
  readonly id: string;
  readonly cite: string;
  readonly title: string;
  /** Event-type prefixes that count as evidence; empty for an organisational clause (a document, not events). */
  readonly prefixes: readonly string[];
  /** Newest evidence must be at most this old (overrides the run's default). */
  readonly maxAgeDays?: number;
}

export interface Framework {
  readonly key: string;
  readonly name: string;
  readonly source: string;
  readonly clauses: readonly MappedClause[];
}

export const FRAMEWORKS: readonly Framework[] = data.frameworks;

/** "EU AI Act", "eu-ai-act", "SOC 2 Type II", "ISO/IEC 42001", "nist_ai_rmf" … → the key's form. */
function normalise(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s\-/]+/g, "_");
}

const ALIASES: Readonly<Record<string, string>> = {
  soc_2: "soc2",
  soc_2_type_ii: "soc2",
  soc2_type_ii: "soc2",
  iso_iec_42001: "iso_42001",
  iso42001: "iso_42001",
  nist: "nist_ai_rmf",
  ai_act: "eu_ai_act",
};

/** The framework a name means, or undefined. Accepts keys, display names and spanforge's enum values. */
export function findFramework(name: string): Framework | undefined {
  const key = normalise(name);
  const resolved = ALIASES[key] ?? key;
  return FRAMEWORKS.find((f) => f.key === resolved || normalise(f.name) === resolved);
}

export function frameworkKeys(): string {
  return FRAMEWORKS.map((f) => f.key).join(", ");
}
