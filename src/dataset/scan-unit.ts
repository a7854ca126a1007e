/**
 * Scanning one unit: read its rows and fold each through the core pass (row count, code points, words) and
 * every clause. Words go straight into the caller's counter (one per thread: no table per unit to merge);
 * clause states and findings are the unit's own, so findings such as "repeats an earlier row" mean the same
 * whichever thread scanned the unit.
 */
import { type ExportedFindings, FindingCollector } from "../core/findings.js";
import type { Location, Severity } from "../core/model.js";
import type { DatasetClause, RowView } from "./clauses/clause.js";
import { DEFAULT_CLAUSES } from "./clauses/index.js";
import { RowLeaves } from "./leaves.js";
import type { DatasetOptions } from "./options.js";
import { readCsvUnit } from "./readers/csv.js";
import { readJsonUnit } from "./readers/json.js";
import { readLineUnit } from "./readers/lines.js";
import { readParquetUnit } from "./readers/parquet.js";
import type { ReadOptions, RowSink, ScanUnit } from "./readers/reader.js";
import type { WordCounter } from "./words.js";

/** Values nested deeper are refused (by default): no real row nests this deep. */
export const DEFAULT_MAX_NESTING = 64;

function sameKeys(keys: readonly string[], previous: readonly string[]): boolean {
  if (keys === previous) return true;
  if (keys.length !== previous.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== previous[i]) return false;
  return true;
}

export interface UnitRequest {
  readonly unit: ScanUnit;
  readonly options: DatasetOptions;
  readonly maxLineBytes: number;
  /** A compressed file may decompress to at most this many bytes (default: no limit). */
  readonly maxFileBytes?: number;
  /** Rows with a value nested deeper are refused (default `DEFAULT_MAX_NESTING`). */
  readonly maxNesting?: number;
  /** The unit's share of the dataset's bytes, for progress (a Parquet row group: its rows' share of the file). */
  readonly bytes?: number;
}

/** One unit's result, merged by the accumulator of the same thread. */
export interface UnitResult {
  readonly index: number;
  readonly path: string;
  readonly rows: number;
  readonly codePoints: number;
  /** Live clause states, in `DEFAULT_CLAUSES` order. */
  readonly clauses: readonly unknown[];
  readonly findings: ExportedFindings;
  /**
   * A unit whose lines are numbered from its start (`ScanUnit.linesFromUnit`): the lines it holds, undefined
   * when it was not read to its end (its findings' lines, and those of the file's later units, then cannot
   * be made file-wide).
   */
  readonly linesFromUnit?: { readonly fileFirstUnit: number; readonly lines: number | undefined };
}

/** How often, in rows, a unit checks the scan's deadline (a clock read is cheap, but not free per row). */
const DEADLINE_EVERY_ROWS = 1024;

/**
 * `deadline` (epoch milliseconds, read from `now`, by default the clock): past it the unit stops where it is,
 * with an error that says so (a unit can be a whole compressed or JSON file, so checking only between units
 * could overrun the budget by hours). `listedBefore`: findings per rule already listed by units before this
 * one in plan order; the unit keeps only what the cap leaves (a finding kept past it would be dropped at the
 * merge, after living as long as the unit).
 */
export async function scanUnit(
  request: UnitRequest,
  words: WordCounter,
  context: {
    deadline?: number | undefined;
    now?: () => number;
    listedBefore?: ReadonlyMap<string, number>;
  } = {},
): Promise<UnitResult> {
  const { unit, options } = request;
  const { deadline, now = Date.now } = context;
  let stopped = false;
  const maxNesting = request.maxNesting ?? DEFAULT_MAX_NESTING;
  // The walk's options, rewritten per row (not an object per row).
  const walk: { maxNesting: number; source: string | undefined } = { maxNesting, source: undefined };
  // biome-ignore lint/suspicious/noExplicitAny: clause states are opaque here
  const clauses: readonly DatasetClause<any>[] = DEFAULT_CLAUSES;
  const unitRows = unit.rowEnd === undefined ? undefined : unit.rowEnd - (unit.rowStart ?? 0);
  const states = clauses.map((clause) => clause.init(options, unitRows));
  const findings = new FindingCollector(context.listedBefore ? { listedBefore: context.listedBefore } : {});
  let rows = 0;
  let codePoints = 0;
  let line = -1;
  let row = -1;
  const location = (): Location =>
    line >= 0
      ? row >= 0
        ? { path: unit.displayPath, line, row }
        : { path: unit.displayPath, line }
      : row >= 0
        ? { path: unit.displayPath, row }
        : { path: unit.displayPath };
  // Reused for every row: the hashes are read during the row's fold only.
  let lastKeys: readonly string[] = [];
  let lastLowerKeys: readonly string[] = [];
  let stringHashes = new Int32Array(64);
  let stringHints = new Uint8Array(32);
  let stringDigits = new Int32Array(64);
  const leaves = new RowLeaves();
  const located = (field?: () => string) => (field ? () => ({ ...location(), field: field() }) : location);
  const report = (rule: string, severity: Severity, message: string | (() => string), field?: () => string) =>
    findings.addLocated(rule, severity, message, located(field));
  // Each clause reports through its own function, so its findings name the clause they are evidence for.
  const clauseReports = clauses.map((clause) => {
    const collector = findings.forClause(clause.id);
    return (rule: string, severity: Severity, message: string | (() => string), field?: () => string) =>
      collector.addLocated(rule, severity, message, located(field));
  });

  const sink: RowSink = {
    get stopped() {
      return stopped;
    },
    row(values, atLine, atRow, known, source) {
      line = atLine;
      row = atRow;
      if (stopped) return;
      if (deadline !== undefined && rows % DEADLINE_EVERY_ROWS === 0 && now() > deadline) {
        stopped = true;
        report(
          "dataset.time-budget",
          "error",
          "the scan's time budget ran out while this file was read: nothing from here on was read (limits.timeBudgetSeconds)",
        );
        return;
      }
      const keys = known?.keys ?? Object.keys(values);
      walk.source = source;
      if (!leaves.collect(values, keys, walk)) {
        report(
          "dataset.parse",
          "error",
          `a value is nested deeper than ${maxNesting} levels: row not read (limits.maxNesting)`,
        );
        return;
      }
      rows++;
      // Every string leaf, nested ones too, goes through the core pass: its words, code points, hash and hints.
      const strings = leaves.strings;
      if (stringHints.length < strings.length) {
        stringHashes = new Int32Array(4 * strings.length);
        stringHints = new Uint8Array(2 * strings.length);
        stringDigits = new Int32Array(4 * strings.length);
      }
      for (let i = 0; i < strings.length; i++) {
        codePoints += words.addText(strings[i] as string);
        stringHashes[2 * i] = words.hashHigh;
        stringHashes[2 * i + 1] = words.hashLow;
        stringHints[i] = words.piiHints;
        stringDigits[2 * i] = words.digitsFrom;
        stringDigits[2 * i + 1] = words.digitsTo;
      }
      // Rows of a file mostly share their keys: the lower-cased list is reused while they do.
      if (!sameKeys(keys, lastKeys)) {
        lastKeys = keys;
        lastLowerKeys = keys.map((key) => key.toLowerCase());
      }
      const lowerKeys = lastLowerKeys;
      const view: RowView = {
        file: unit.displayPath,
        values,
        keys,
        lowerKeys,
        strings,
        topStrings: leaves.topStrings,
        stringHashes,
        stringHints,
        stringDigits,
        leaves,
      };
      for (let i = 0; i < clauses.length; i++) clauses[i]?.row(states[i], view, clauseReports[i] ?? report, options);
    },
    problem(rule, severity, message, atLine, atRow) {
      line = atLine;
      row = atRow;
      report(rule, severity, message);
    },
  };

  // Lines the unit holds, once read to its end (line formats).
  let lines: number | undefined;
  const read: ReadOptions = {
    maxLineBytes: request.maxLineBytes,
    ...(request.maxFileBytes === undefined ? {} : { maxFileBytes: request.maxFileBytes }),
  };
  if (unit.failure !== undefined) {
    findings.add("dataset.unreadable", "error", unit.failure, { path: unit.displayPath });
  } else {
    try {
      if (unit.format === "parquet") await readParquetUnit(unit, sink, read);
      else if (unit.format === "csv") await readCsvUnit(unit, sink, read);
      else if (unit.format === "json") await readJsonUnit(unit, sink, read);
      else lines = await readLineUnit(unit, sink, read);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code ? `cannot read the file (${code})` : `reading stopped: ${(error as Error).message}`;
      findings.add("dataset.unreadable", "error", reason, { path: unit.displayPath });
    }
  }
  return {
    index: unit.index,
    path: unit.displayPath,
    rows,
    codePoints,
    clauses: states,
    findings: findings.export(),
    ...(unit.linesFromUnit ? { linesFromUnit: { ...unit.linesFromUnit, lines: stopped ? undefined : lines } } : {}),
  };
}
