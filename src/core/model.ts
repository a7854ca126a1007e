/**
 * The report model: the one contract every check writes and every renderer, signer and auditor reads.
 * `schemas/report.schema.json` describes the same shape; a test keeps the two in agreement.
 * Bump `REPORT_SCHEMA_VERSION` on any breaking change.
 */

export const REPORT_SCHEMA_VERSION = "1";

/**
 * Outcome of a clause or check, in order of precedence: error beats fail beats warn beats waived (a failure
 * silenced by a waiver in the config) beats pass beats skip.
 */
export type Status = "error" | "fail" | "warn" | "waived" | "pass" | "skip";

/** How bad one finding is. `error`: the evidence could not be checked; `fail`: it was checked and is wrong. */
export type Severity = "error" | "fail" | "warn";

export type Verdict = "pass" | "fail";

/** Where a finding points. Never holds the offending value itself, only its position. */
export interface Location {
  readonly path: string;
  /** 1-based line in the file. */
  readonly line?: number;
  /** 0-based row index for tabular data. */
  readonly row?: number;
  /** 1-based column. */
  readonly column?: number;
  /** The event or entry id where the format has one. */
  readonly eventId?: string;
  /** Where in the row: a field path such as `messages[3].content` (a key holding personal data written `[key]`). */
  readonly field?: string;
}

export interface Finding {
  /** Stable rule id, e.g. `chain.link`. */
  readonly rule: string;
  /**
   * The id of the check's clause this finding is evidence for (`Art.10(2)(a)` for a `dataset.pii` row), when it
   * belongs to one: a waived clause's findings are suppressed by this link. Absent for structural findings
   * (unreadable input, nothing checked) that no clause covers.
   */
  readonly clause?: string;
  readonly severity: Severity;
  /** Human-readable, and free of personal data and secrets. */
  readonly message: string;
  readonly location: Location;
}

export type EvidenceValue = string | number | boolean | null | readonly string[] | readonly number[];

export interface Clause {
  /** e.g. `chain.link`, `CHK-3`, `Art.10(2)(b)`. */
  readonly id: string;
  readonly title: string;
  /** Regulation articles or controls this clause supports, e.g. `EU AI Act Art. 12(1)`. */
  readonly refs: readonly string[];
  readonly status: Status;
  readonly detail: string;
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
}

export type MetricValue = string | number | boolean | null | readonly string[] | readonly number[];

export interface CheckResult {
  /** The check module, e.g. `chain`. */
  readonly id: string;
  /** The path (or named set) the check looked at. */
  readonly target: string;
  readonly status: Status;
  readonly summary: string;
  readonly metrics: Readonly<Record<string, MetricValue>>;
  readonly clauses: readonly Clause[];
  readonly findings: readonly Finding[];
}

/**
 * Where a log stood when it was verified: lets a later run prove the log was only appended to. The log is
 * known by its content (`logId`), not its path, and `treeHead` binds every entry, not only the last.
 */
export interface Checkpoint {
  /** Where the log was (informative: a renamed log is matched by `logId`). */
  readonly path: string;
  readonly format: string;
  /** Number of entries the log held: the size of the tree. */
  readonly entries: number;
  /** The head hash after entry number `entries` (torchcomply: its `hash`; spanforge: the file digest). */
  readonly head: string;
  /** The log's identity: the RFC 6962 leaf hash of its first entry (SHA-256 of 0x00 and the line's bytes). */
  readonly logId: string;
  /** RFC 6962 Merkle tree head (SHA-256) over entries 1…`entries`, each leaf an entry line's exact bytes. */
  readonly treeHead: string;
}

/** What the report is about. Filled from the CI environment; a local run says `event: "local"`. */
export interface Subject {
  readonly repo?: string;
  readonly sha?: string;
  readonly ref?: string;
  readonly event: string;
  /** `trusted` (push/schedule), `untrusted-pr` (pull_request), `local` (a developer's machine). */
  readonly trust: "trusted" | "untrusted-pr" | "publisher" | "local";
}

export type FailOn = "error" | "fail" | "warn";

export interface GatePolicy {
  /** The least severe status that fails the gate. `fail` (default): error and fail do; warn does not. */
  readonly failOn: FailOn;
}

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly subject: Subject;
  readonly policy: GatePolicy;
  readonly verdict: Verdict;
  readonly checks: readonly CheckResult[];
  readonly checkpoints: readonly Checkpoint[];
  /**
   * Only in a shard's report (`--shard i/n`): the partial dataset states `comply-gate merge` combines. A merged
   * or unsharded report has none.
   */
  readonly shard?: ShardState;
}

export interface ShardState {
  /** 1-based shard number, and the number of shards. */
  readonly index: number;
  readonly count: number;
  /** One partial per dataset, as `src/dataset/accumulator.ts` exports it (opaque to the report model). */
  readonly partials: readonly Readonly<Record<string, unknown>>[];
}
