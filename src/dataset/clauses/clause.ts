/**
 * The shape every Article 10 clause has (one file each, like a lint rule): metadata next to a pure fold over
 * rows. `init` → `row` for each row → `merge` partial states (worker threads, shards) → `judge`. States
 * cross threads and shard reports as JSON through `save`/`load`.
 */
import type { EvidenceValue, Location, Severity, Status } from "../../core/model.js";
import { holdsPii, type RowLeaves } from "../leaves.js";
import type { DatasetOptions } from "../options.js";
import type { WordCounter } from "../words.js";

/** One row as the clauses see it. */
export interface RowView {
  /** The file the row came from, as reports name it. */
  readonly file: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly keys: readonly string[];
  /**
   * `keys` lower-cased (several clauses match field names case-insensitively). Consecutive rows with the same
   * keys share this array, and rows with other keys never get it: clauses may keep per-key work for it.
   */
  readonly lowerKeys: readonly string[];
  /**
   * The row's text: every string leaf at any depth (a chat's `messages[].content`, a struct's fields, a list's
   * items). The first `topStrings` are the top-level string values, in key order; the nested ones follow.
   * All of them are text of the row: the scanner counts their words and code points (tokens).
   */
  readonly strings: readonly string[];
  readonly topStrings: number;
  /** Each string's 64-bit content hash (two 32-bit halves per value), from the scanner's word pass. */
  readonly stringHashes: Int32Array;
  /** Per string, its PII hints (`PiiHint` bits, from the same pass): which recognizers can match. */
  readonly stringHints: Uint8Array;
  /** Per string, where its digits lie (two UTF-16 offsets: none before the first, none at or after the second). */
  readonly stringDigits: Int32Array;
  /** Where each string is, and the row's numbers (as exact decimal text) and nested keys. */
  readonly leaves: RowLeaves;
}

/**
 * Reports a finding located at the current row; `field`, when given, says where in the row (a path such as
 * `messages[3].content`), worked out only if the finding is listed, as is a message given as a function.
 */
export type RowFinding = (
  rule: string,
  severity: Severity,
  message: string | (() => string),
  field?: () => string,
) => void;

/** Totals every clause may read: rows, estimated tokens and the word counts (filled by the scanner). */
export interface CoreTotals {
  readonly rows: number;
  /** Sum of the code-point lengths of all string leaves (nested ones too). */
  readonly codePoints: number;
  readonly words: WordCounter;
}

export interface ClauseJudgement {
  readonly status: Status;
  readonly detail: string;
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
  /** Findings about the whole dataset (row findings are reported during the fold). */
  readonly findings?: readonly { rule: string; severity: Severity; message: string; location?: Location }[];
}

export interface DatasetClause<S> {
  readonly id: string;
  readonly title: string;
  readonly refs: readonly string[];
  /**
   * `expectedRows`: how many rows the state will fold, when the plan knows (a Parquet row group, a lane of
   * them). A size hint only: tables start large enough instead of growing row by row.
   */
  init(options: DatasetOptions, expectedRows?: number): S;
  row(state: S, row: RowView, report: RowFinding, options: DatasetOptions): void;
  /** Fold `from` into `into`; `from` is not used afterwards (a clause may take its parts over). */
  merge(into: S, from: S): void;
  /** The state as data for a merge elsewhere; `state` is not used afterwards (a clause may hand its parts over). */
  save(state: S): unknown;
  load(json: unknown): S;
  /** `merge(into, load(json))` without building the loaded state first (a large set is then added once). */
  mergeSaved?(into: S, json: unknown): void;
  /**
   * About `rows` rows in all will have been folded into the state (an estimate, once a first unit or lane
   * shows how many rows its bytes hold): a size hint, as `init`'s, so that tables grow once, not by doubling.
   */
  expect?(state: S, rows: number): void;
  judge(state: S, totals: CoreTotals, options: DatasetOptions): ClauseJudgement;
}

/**
 * Work that depends only on a row's keys (and on `basis`: the field names or options it was worked out for),
 * done once for the rows that share their keys: `RowView.lowerKeys` is then the same array.
 */
export class PerKeys<T, B> {
  private lowerKeys: readonly string[] | undefined;
  private basis: B | undefined;
  private value: T | undefined;
  private readonly compute: (row: Pick<RowView, "keys" | "lowerKeys">, basis: B) => T;

  constructor(compute: (row: Pick<RowView, "keys" | "lowerKeys">, basis: B) => T) {
    this.compute = compute;
  }

  of(row: Pick<RowView, "keys" | "lowerKeys">, basis: B): T {
    if (row.lowerKeys !== this.lowerKeys || basis !== this.basis || this.value === undefined) {
      this.value = this.compute(row, basis);
      this.lowerKeys = row.lowerKeys;
      this.basis = basis;
    }
    return this.value;
  }
}

/** Python's `round(x, digits)` formatting is not needed here: comply-gate prints with fixed digits. */
export function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

/** A threshold as Python prints a float (spanforge's wording): 1 → "1.0", 0.5 → "0.5". */
export function pyFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

export function fmt(value: number, digits: number): string {
  return value.toFixed(digits);
}

/**
 * A record keyed by data (column names, class labels, file paths), with no prototype: a key such as
 * `constructor` or `toString` is then absent until set, and `__proto__` is a key like any other, instead of
 * reading an inherited member or replacing the prototype. `from` (a loaded or cloned state) is copied in.
 */
export function dataRecord<T>(from?: Readonly<Record<string, T>>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  if (from) for (const [key, value] of Object.entries(from)) record[key] = value;
  return record;
}

/** A record of counts keyed by name, added into another. */
export function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

/**
 * A column name, key or class label as a report shows it: `as` (`[key]`, as finding locations write such a
 * key) when a recognizer finds personal data in it, else itself. Names come from the data, which the branch
 * under review wrote: a CSV header or a JSON key can be an e-mail address. Every clause that names a column
 * or a value in its detail, evidence or findings passes the name through here.
 */
export function shownName(name: string, as: "[key]" | "[label]" = "[key]"): string {
  return holdsPii(name, undefined) ? as : name;
}
