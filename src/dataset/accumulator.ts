/**
 * Folding unit results into one dataset result and judging it. The same accumulator takes the units scanned
 * in its thread, and partials: a worker thread's lane of units, or a shard report (`comply-gate merge`). All
 * are sums of the same data and findings keep their plan order, so a merged sharded run gives the same
 * clauses, metrics and findings as a single run.
 */

import { worstStatus } from "../core/decide.js";
import { DEFAULT_MAX_FINDINGS_PER_RULE, type ExportedFindings } from "../core/findings.js";
import type { CheckResult, Clause, Finding, Status } from "../core/model.js";
import type { CoreTotals, DatasetClause } from "./clauses/clause.js";
import { DEFAULT_CLAUSES } from "./clauses/index.js";
import { type CountsForm, countsFrom, tablesToJson } from "./hash-table.js";
import type { DatasetOptions } from "./options.js";
import type { UnitResult } from "./scan-unit.js";
import { WordCounter } from "./words.js";

const MAX_FINDINGS_PER_RULE = DEFAULT_MAX_FINDINGS_PER_RULE;

/** A finding with its place in plan order (unit, then order found), so partial lists merge exactly. */
interface OrderedFinding {
  readonly unit: number;
  readonly seq: number;
  readonly finding: Finding;
}

/** What a shard run hands to `merge`: everything needed to finish the dataset's judgement. */
export interface DatasetPartial {
  readonly target: string;
  /** The whole plan's file count and size (the same in every shard). */
  readonly fileCount: number;
  readonly bytes: number;
  readonly unitsTotal: number;
  readonly units: readonly number[];
  readonly files: readonly string[];
  /** Rows read per file, and the files a unit of which could not be read (their error says why). */
  readonly fileRows: readonly (readonly [file: string, rows: number])[];
  readonly unreadFiles: readonly string[];
  readonly rows: number;
  readonly codePoints: number;
  /** The word table: typed arrays from a worker lane, base64 in a shard report (`reportForm`). */
  readonly words: CountsForm & { readonly total: number; readonly errorBound: number };
  readonly clauses: readonly unknown[];
  readonly findings: readonly OrderedFinding[];
  readonly counts: readonly (readonly [rule: string, error: number, fail: number, warn: number])[];
  /** Units whose lines are numbered from their start: the file's first unit, and the unit's line count. */
  readonly unitLines: readonly (readonly [unit: number, fileFirstUnit: number, lines: number | null])[];
}

/** A unit whose lines are numbered from its start (`ScanUnit.linesFromUnit`). */
interface UnitLines {
  readonly fileFirstUnit: number;
  /** Undefined: the unit was not read to its end. */
  readonly lines: number | undefined;
}

export class DatasetAccumulator {
  // biome-ignore lint/suspicious/noExplicitAny: clause states are opaque here
  private readonly clauses: readonly DatasetClause<any>[] = DEFAULT_CLAUSES;
  private readonly states: unknown[];
  /** The word counter units of this thread count into (`scanUnit`). */
  readonly words = new WordCounter();
  private readonly units = new Set<number>();
  private readonly files = new Set<string>();
  private readonly fileRows = new Map<string, number>();
  private readonly unreadFiles = new Set<string>();
  private kept: OrderedFinding[] = [];
  private listedPerRule: ReadonlyMap<string, number> = new Map();
  private readonly counts = new Map<string, [number, number, number]>();
  private readonly unitLines = new Map<number, UnitLines>();
  private rows = 0;
  private codePoints = 0;

  private readonly options: DatasetOptions;
  private readonly unitsTotal: number;

  /** `expectedRows`: the rows this accumulator will take in, when the plan knows (a size hint for its tables). */
  constructor(options: DatasetOptions, unitsTotal: number, expectedRows?: number) {
    this.options = options;
    this.unitsTotal = unitsTotal;
    this.states = this.clauses.map((clause) => clause.init(options, expectedRows));
  }

  /** About `rows` rows in all will have been added (an estimate): the clauses' tables are sized for them. */
  expectRows(rows: number): void {
    for (const [i, clause] of this.clauses.entries()) clause.expect?.(this.states[i], rows);
  }

  /** A unit scanned in this thread, its words already counted into `words`. */
  addUnit(state: UnitResult): void {
    this.units.add(state.index);
    this.files.add(state.path);
    this.fileRows.set(state.path, (this.fileRows.get(state.path) ?? 0) + state.rows);
    if (state.findings.counts.some(([, errors]) => errors > 0)) this.unreadFiles.add(state.path);
    this.rows += state.rows;
    this.codePoints += state.codePoints;
    if (state.linesFromUnit) this.unitLines.set(state.index, state.linesFromUnit);
    for (const [i, clause] of this.clauses.entries()) clause.merge(this.states[i], state.clauses[i]);
    this.addFindings(
      state.findings.kept.map((finding, seq) => ({ unit: state.index, seq, finding })),
      state.findings.counts,
    );
  }

  addPartial(partial: DatasetPartial): void {
    for (const unit of partial.units) {
      if (this.units.has(unit)) throw new Error(`unit ${unit} of \`${partial.target}\` appears in two shard reports`);
      this.units.add(unit);
    }
    for (const file of partial.files) this.files.add(file);
    for (const [file, rows] of partial.fileRows) this.fileRows.set(file, (this.fileRows.get(file) ?? 0) + rows);
    for (const file of partial.unreadFiles) this.unreadFiles.add(file);
    this.rows += partial.rows;
    this.codePoints += partial.codePoints;
    // (A partial without the list numbers every line file-wide already.)
    for (const [unit, fileFirstUnit, lines] of partial.unitLines ?? [])
      this.unitLines.set(unit, { fileFirstUnit, lines: lines ?? undefined });
    const { total, errorBound } = partial.words;
    this.words.addCounts({ ...countsFrom(partial.words), total, errorBound });
    for (const [i, clause] of this.clauses.entries()) {
      if (clause.mergeSaved) clause.mergeSaved(this.states[i], partial.clauses[i]);
      else clause.merge(this.states[i], clause.load(partial.clauses[i]));
    }
    this.addFindings(partial.findings, partial.counts);
  }

  private addFindings(findings: readonly OrderedFinding[], counts: ExportedFindings["counts"]): void {
    for (const [rule, error, fail, warn] of counts) {
      const mine = this.counts.get(rule) ?? [0, 0, 0];
      this.counts.set(rule, [mine[0] + error, mine[1] + fail, mine[2] + warn]);
    }
    // Keep the first MAX per rule in plan order: the same list whichever way the units were grouped.
    const all = [...this.kept, ...findings].sort((a, b) => a.unit - b.unit || a.seq - b.seq);
    const perRule = new Map<string, number>();
    this.kept = all.filter(({ finding }) => {
      const n = perRule.get(finding.rule) ?? 0;
      if (n >= MAX_FINDINGS_PER_RULE) return false;
      perRule.set(finding.rule, n + 1);
      return true;
    });
    this.listedPerRule = perRule;
  }

  /**
   * Per rule, the findings listed so far. A unit later in plan order than every unit added (the next of a
   * lane) can list only what these leave of the cap: `scanUnit` keeps no finding the list would drop.
   */
  get listed(): ReadonlyMap<string, number> {
    return this.listedPerRule;
  }

  /** Whether this unit's result has been added. */
  scanned(unit: number): boolean {
    return this.units.has(unit);
  }

  /** A dataset-level error (a limit reached): it makes the result an error. */
  addError(rule: string, message: string, location: Finding["location"]): void {
    this.addFindings(
      [{ unit: -1, seq: 0, finding: { rule, severity: "error", message, location } }],
      [[rule, 1, 0, 0]],
    );
  }

  /** Units of the plan not accounted for (a shard report missing from a merge). */
  missingUnits(): number[] {
    const missing: number[] = [];
    for (let i = 0; i < this.unitsTotal; i++) if (!this.units.has(i)) missing.push(i);
    return missing;
  }

  /**
   * Everything a merge needs, with tables as typed arrays (a worker lane transfers them to the main thread
   * without a copy); `reportForm` makes it JSON for a shard report. The accumulator's last use: the duplicate
   * set is handed over in its own memory, so take `result` first.
   */
  toPartial(options: { target: string; files: number; bytes: number }): DatasetPartial {
    const words = this.words.export();
    return {
      target: options.target,
      fileCount: options.files,
      bytes: options.bytes,
      unitsTotal: this.unitsTotal,
      units: [...this.units].sort((a, b) => a - b),
      files: [...this.files].sort(),
      fileRows: [...this.fileRows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      unreadFiles: [...this.unreadFiles].sort(),
      rows: this.rows,
      codePoints: this.codePoints,
      words,
      clauses: this.clauses.map((clause, i) => clause.save(this.states[i])),
      findings: this.kept,
      counts: [...this.counts]
        .map(([rule, [e, f, w]]) => [rule, e, f, w] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      unitLines: [...this.unitLines]
        .map(([unit, { fileFirstUnit, lines }]) => [unit, fileFirstUnit, lines ?? null] as const)
        .sort((a, b) => a[0] - b[0]),
    };
  }

  /**
   * A finding of a unit whose lines are numbered from its start, on its file's line: the lines of the file's
   * units before it are added. Where one of them was not read to its end (the time budget ran out) or is not
   * here, its lines are not known: the finding keeps its file and loses its line rather than show a wrong one.
   */
  private fileWide(unit: number, finding: Finding, linesBefore: Map<number, number | undefined>): Finding {
    const own = this.unitLines.get(unit);
    const line = finding.location.line;
    if (own === undefined || line === undefined) return finding;
    let before = linesBefore.get(unit);
    if (!linesBefore.has(unit)) {
      let sum: number | undefined = 0;
      for (let u = own.fileFirstUnit; u < unit && sum !== undefined; u++) {
        const lines = this.unitLines.get(u)?.lines;
        sum = lines === undefined ? undefined : sum + lines;
      }
      before = sum;
      linesBefore.set(unit, before);
    }
    if (before === undefined) {
      const { line: _unknown, ...location } = finding.location;
      return { ...finding, location };
    }
    return before === 0 ? finding : { ...finding, location: { ...finding.location, line: line + before } };
  }

  /** A partial as a shard report holds it: every table as base64. */
  static reportForm(partial: DatasetPartial): DatasetPartial {
    return tablesToJson(partial) as DatasetPartial;
  }

  /** The dataset's check result. `files` is every file the plan covered (shards see the whole plan). */
  result(options: { target: string; files: number; bytes: number }): CheckResult {
    const totals: CoreTotals = { rows: this.rows, codePoints: this.codePoints, words: this.words };
    const linesBefore = new Map<number, number | undefined>();
    const findings: Finding[] = this.kept.map(({ unit, finding }) => this.fileWide(unit, finding, linesBefore));
    const clauses: Clause[] = this.clauses.map((clause, i) => {
      // With no rows a clause has nothing to judge: it is not judged at all, so no clause reads "acceptable" or
      // "within 1%" beside the one failure that says why (dataset.empty below).
      if (this.rows === 0) {
        return {
          id: clause.id,
          title: clause.title,
          refs: clause.refs,
          status: "skip",
          detail: "not judged: no rows were read",
          evidence: {},
        };
      }
      const judged = clause.judge(this.states[i], totals, this.options);
      for (const f of judged.findings ?? []) {
        findings.push({
          rule: f.rule,
          clause: clause.id,
          severity: f.severity,
          message: f.message,
          location: f.location ?? { path: options.target },
        });
      }
      return {
        id: clause.id,
        title: clause.title,
        refs: clause.refs,
        status: judged.status,
        detail: judged.detail,
        evidence: judged.evidence,
      };
    });
    const errors = [...this.counts.values()].reduce((n, [e]) => n + e, 0);
    const statuses = clauses.map((c) => c.status);
    if (errors > 0) statuses.push("error");
    if (this.rows === 0) {
      statuses.push("fail");
      // Files that could not be read already say why (an error each); "no rows" would only repeat it.
      if (errors === 0)
        findings.unshift({
          rule: "dataset.empty",
          severity: "fail",
          message: "no rows were read: nothing was checked",
          location: { path: options.target },
        });
    } else {
      // A file read without error that gave no row (a header-only CSV, a file of blank lines, a file that is not
      // what its name says) would otherwise add nothing to the verdict, unseen.
      const empty = [...this.fileRows]
        .filter(([file, rows]) => rows === 0 && !this.unreadFiles.has(file))
        .map(([file]) => file)
        .sort();
      if (empty.length > 0) statuses.push("fail");
      findings.unshift(
        ...empty.map((file) => ({
          rule: "dataset.empty-file",
          severity: "fail" as const,
          message: "no rows were read from this file (a header only, or no records): nothing in it was checked",
          location: { path: file },
        })),
      );
    }
    const status = statuses.reduce<Status>(worstStatus, "pass");
    const failing = clauses.filter((c) => c.status === "fail").map((c) => c.id);
    const pii = clauses[0]?.evidence ?? {};
    const summary =
      this.rows === 0
        ? "no rows were read: nothing was checked"
        : `${this.rows.toLocaleString("en-US")} rows in ${options.files} file(s)` +
          (errors > 0 ? `; ${errors} unreadable line(s) or file(s)` : "") +
          (failing.length > 0 ? `; failing: ${failing.join(", ")}` : "");
    const counted = (rule: string) => this.counts.get(rule) ?? [0, 0, 0];
    return {
      id: "dataset",
      target: options.target,
      status,
      summary,
      metrics: {
        files: options.files,
        bytes: options.bytes,
        rows: this.rows,
        tokenEstimate: Math.max(1, Math.floor(this.codePoints / 4)),
        piiDensity: (pii.density as number | undefined) ?? 0,
        piiMatches: (pii.matches as number | undefined) ?? 0,
        unreadable: errors,
        duplicateRows: (clauses.find((c) => c.id === "Art.10(3)")?.evidence.duplicates as number | undefined) ?? 0,
        raggedRows: counted("dataset.csv.ragged")[2],
        findingsNotListed: [...this.counts.values()].reduce((n, [e, f, w]) => n + e + f + w, 0) - this.kept.length,
      },
      clauses,
      findings,
    };
  }
}
