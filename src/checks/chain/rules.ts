/**
 * The chain check's rules: stable ids, what each asserts, and the obligations a passing rule supports.
 * Each rule becomes one clause of a chain CheckResult.
 */

export type ChainRuleId =
  | "chain.malformed"
  | "chain.hash"
  | "chain.signature"
  | "chain.link"
  | "chain.head"
  | "chain.timestamp"
  | "chain.anchor";

export interface ChainRule {
  readonly id: ChainRuleId;
  readonly title: string;
  readonly refs: readonly string[];
}

// A verifiable, tamper-evident log is the evidence behind record-keeping obligations.
const LOG_INTEGRITY_REFS = ["EU AI Act Art. 12(1)", "ISO/IEC 42001:2023 A.6.2.8", "SOC 2 CC7.2"] as const;

export const CHAIN_RULES: readonly ChainRule[] = [
  {
    id: "chain.malformed",
    title: "Every line is a well-formed entry of the format",
    refs: LOG_INTEGRITY_REFS,
  },
  {
    id: "chain.hash",
    title: "Every entry re-hashes to its stored hash or checksum",
    refs: LOG_INTEGRITY_REFS,
  },
  {
    id: "chain.signature",
    title: "Every event's HMAC signature verifies with the key in force",
    refs: [...LOG_INTEGRITY_REFS, "NIST SP 800-53 AU-9(3)"],
  },
  {
    id: "chain.link",
    title: "Every entry links to the one before it (no gap, reorder or duplicate)",
    refs: LOG_INTEGRITY_REFS,
  },
  {
    id: "chain.head",
    title: "Every chain starts at a genesis entry (head not cut)",
    refs: LOG_INTEGRITY_REFS,
  },
  {
    id: "chain.timestamp",
    title: "Timestamps are valid and never go backwards within a chain",
    refs: LOG_INTEGRITY_REFS,
  },
  {
    id: "chain.anchor",
    title: "Every checkpointed log is present and still holds every checkpointed entry (append-only)",
    refs: [...LOG_INTEGRITY_REFS, "EU AI Act Art. 19(1)"],
  },
];

export function chainRule(id: ChainRuleId): ChainRule {
  const rule = CHAIN_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`unknown chain rule ${id}`);
  return rule;
}
