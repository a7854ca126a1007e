/**
 * The chain-integrity check: one log file in, one CheckResult (one clause per rule) and one checkpoint out.
 *
 * Flow: detect the format from the first entries → cut the file into byte ranges (one for a small file, one
 * per core for a large one) verified in parallel, each folding its entries into its segment of the Merkle
 * tree → for spanforge, meanwhile, one sequential pass for the head digest → merge the ranges, checking links
 * across each seam, and join the tree's segments → clauses. Constant memory throughout.
 */
import { stat } from "node:fs/promises";
import { statusOf, worstOf } from "../../core/decide.js";
import { FindingCollector, withOwnClauses } from "../../core/findings.js";
import { type JsonValue, parseJson } from "../../core/json/parse.js";
import type { Checkpoint, CheckResult, Clause, EvidenceValue, Finding, Location, Status } from "../../core/model.js";
import { DEFAULT_MAX_LINE_BYTES, readLines } from "../../io/lines.js";
import { type AnchorCheckpoint, checkpointFor, isLegacy } from "./checkpoints.js";
import { MerkleStream, type SegmentTree } from "./merkle.js";
import {
  countEntriesBefore,
  isBlankText,
  type LogPositions,
  type PositionPassResult,
  readLogId,
  runPositionPass,
} from "./position-pass.js";
import {
  DEFAULT_PARALLEL_MIN_BYTES,
  defaultParts,
  planRanges,
  type RangeRequest,
  type RangeResult,
  type RangeRunner,
  REDONE_IN_MAIN_THREAD,
  verifyRange,
  verifyRangeInWorker,
  workersAvailable,
} from "./ranges.js";
import { CHAIN_RULES, type ChainRuleId, chainRule } from "./rules.js";
import { combineSpanforge, type SpanforgeKeys, type SpanforgeRange } from "./spanforge.js";
import {
  combineTorchcomply,
  isPlainTorchcomplyEntry,
  type TorchcomplyRange,
  tooManyValuesToParse,
  torchcomplyEntryHash,
} from "./torchcomply.js";
import { type ChainFormat, type ChainOutcome, type KeyState, sameKeyState } from "./verifier.js";

export type { ChainFormat } from "./verifier.js";
export type FormatChoice = "auto" | ChainFormat;

export interface ChainFile {
  /** Where to read the file. */
  readonly path: string;
  /** How the file is named in reports and checkpoints (relative, `/`-separated). */
  readonly displayPath: string;
}

export interface ChainCheckOptions {
  readonly format: FormatChoice;
  readonly keys: SpanforgeKeys;
  /** Checkpoints from `--anchor`; undefined when no anchor was given. */
  readonly checkpoints: readonly AnchorCheckpoint[] | undefined;
  readonly maxLineBytes?: number;
  /** Files at least this large are verified in parallel byte ranges (default 64 MiB). */
  readonly parallelMinBytes?: number;
  /** How many ranges a large file is cut into (default: one per core, at most 4). */
  readonly parts?: number;
  /** How one range is verified: a worker thread when the bundle provides one, else this thread. */
  readonly runRange?: RangeRunner;
  /** Told when a range's worker failed and the range was verified again in this thread. */
  readonly onNotice?: (message: string) => void;
}

export interface ChainCheckOutput {
  readonly result: CheckResult;
  readonly checkpoint: Checkpoint | undefined;
  /** The anchor's checkpoint this log was checked against (found by its first entry, or legacy by path). */
  readonly anchored?: AnchorCheckpoint | undefined;
}

/** Which format a parsed entry belongs to, by the fields only that format has. */
export function classifyEntry(value: JsonValue): ChainFormat | undefined {
  if (!(value instanceof Map)) return undefined;
  if (value.has("event_id") && value.has("payload")) return "spanforge";
  if (value.has("prev_hash") && value.has("hash") && value.has("operator_type")) return "torchcomply";
  return undefined;
}

const DETECT_MAX_LINES = 1000;

/** The format of the first parseable entry among the first lines, or undefined. */
export async function detectFormat(
  path: string,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): Promise<ChainFormat | undefined> {
  const found = { format: undefined as ChainFormat | undefined };
  const stop = new Error("format detected");
  try {
    await readLines(
      path,
      {
        line(text, lineNumber) {
          if (lineNumber > DETECT_MAX_LINES) throw stop;
          if (isBlankText(text)) return;
          // A plain torchcomply entry is known without building its values (a 16 MiB one would take ~1 GB).
          if (isPlainTorchcomplyEntry(text)) {
            found.format = "torchcomply";
            throw stop;
          }
          if (tooManyValuesToParse(text)) return; // the verifier reports it
          try {
            found.format = classifyEntry(parseJson(text.trim(), { allowNonFinite: true, maxDepth: 128 }));
          } catch {
            return; // a garbage line: keep looking, the verifier will report it
          }
          if (found.format) throw stop;
        },
        badLine(lineNumber) {
          if (lineNumber > DETECT_MAX_LINES) throw stop;
        },
      },
      { maxLineBytes },
    );
  } catch (error) {
    if (error !== stop) throw error;
  }
  return found.format;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "cannot read the log: no such file";
    case "EISDIR":
      return "cannot read the log: it is a directory";
    case "EACCES":
    case "EPERM":
      return "cannot read the log: permission denied";
    default:
      return `cannot read the log: ${code ?? "I/O error"}`;
  }
}

const PASS_DETAIL: Record<ChainRuleId, (outcome: ChainOutcome) => string> = {
  "chain.malformed": (o) => `${o.entries} entries are well-formed`,
  "chain.hash": (o) =>
    o.format === "spanforge"
      ? `${o.entries} payloads match their checksums`
      : `${o.entries} entries re-hash to their stored hash`,
  "chain.signature": (o) => `${o.entries} signatures verify`,
  "chain.link": () => "every entry links to the one before it",
  "chain.head": (o) => `${o.metrics.segments} chain(s) start at a genesis entry`,
  "chain.timestamp": () => "timestamps never go backwards",
  "chain.anchor": () => "the log still holds every checkpointed entry",
};

function buildClauses(options: {
  findings: FindingCollector;
  format: ChainFormat | undefined;
  outcome: ChainOutcome | undefined;
  /** The checkpoint for this log; null when an anchor file was given without one; undefined without anchor. */
  anchor: AnchorCheckpoint | null | undefined;
  /** What a third party needs to check the anchor: both tree heads and the consistency proof. */
  anchorEvidence?: Readonly<Record<string, EvidenceValue>>;
}): Clause[] {
  const { findings, format, outcome, anchor } = options;
  return CHAIN_RULES.filter((rule) => rule.id !== "chain.signature" || format !== "torchcomply").map((rule) => {
    const tally = findings.tally(rule.id);
    const total = tally.error + tally.fail + tally.warn;
    const evidence = {
      errors: tally.error,
      failures: tally.fail,
      warnings: tally.warn,
      ...(rule.id === "chain.anchor" ? options.anchorEvidence : {}),
    };
    let status: Status = statusOf([
      ...(tally.error ? (["error"] as const) : []),
      ...(tally.fail ? (["fail"] as const) : []),
      ...(tally.warn ? (["warn"] as const) : []),
    ]);
    let detail: string;
    if (total > 0) {
      const parts = [
        tally.error ? `${tally.error} error${tally.error > 1 ? "s" : ""}` : "",
        tally.fail ? `${tally.fail} failure${tally.fail > 1 ? "s" : ""}` : "",
        tally.warn ? `${tally.warn} warning${tally.warn > 1 ? "s" : ""}` : "",
      ].filter(Boolean);
      detail = parts.join(", ") + (tally.omitted ? ` (${tally.omitted} not listed)` : "");
    } else if (!outcome) {
      status = "skip";
      detail = "not checked: the log could not be read";
    } else if (rule.id === "chain.anchor" && anchor === undefined) {
      status = "skip";
      detail = "no --anchor given: a cut tail or a full rewrite cannot be detected without a checkpoint";
    } else if (rule.id === "chain.anchor" && anchor === null) {
      status = "warn";
      detail =
        "the anchor file has no checkpoint for this log: no checkpointed log starts with its first entry (a new log?)";
    } else if (rule.id === "chain.anchor" && anchor) {
      detail = isLegacy(anchor)
        ? `entry ${anchor.entries} still holds the checkpointed head ${anchor.head}`
        : `entries 1–${anchor.entries} are unchanged: the tree of ${anchor.entries} entries still has the checkpointed head ${anchor.treeHead}`;
    } else {
      detail = PASS_DETAIL[rule.id](outcome);
    }
    return { id: rule.id, title: rule.title, refs: rule.refs, status, detail, evidence };
  });
}

export async function checkChainFile(file: ChainFile, options: ChainCheckOptions): Promise<ChainCheckOutput> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const fail = (message: string): ChainCheckOutput => {
    const findings = new FindingCollector();
    findings.add("chain.malformed", "error", message, { path: file.displayPath, line: 1 });
    const clauses = buildClauses({ findings, format: undefined, outcome: undefined, anchor: undefined });
    return {
      result: {
        id: "chain",
        target: file.displayPath,
        status: "error",
        summary: message,
        metrics: {},
        clauses,
        findings: withOwnClauses(
          findings.findings(),
          clauses.map((c) => c.id),
        ),
      },
      checkpoint: undefined,
    };
  };

  let format: ChainFormat | undefined;
  let size: number;
  try {
    format = options.format === "auto" ? await detectFormat(file.path, maxLineBytes) : options.format;
    size = (await stat(file.path)).size;
  } catch (error) {
    return fail(describeReadError(error));
  }
  if (!format) {
    return fail(
      "cannot tell the log's format: no line is a torchcomply audit entry or a spanforge event (an empty file, or pass --format)",
    );
  }

  let expected: AnchorCheckpoint | undefined;
  try {
    expected = options.checkpoints
      ? checkpointFor(options.checkpoints, { path: file.displayPath, logId: await readLogId(file.path) })
      : undefined;
  } catch (error) {
    return fail(describeReadError(error));
  }
  let ranges: RangeResult[];
  let pass: PositionPassResult | undefined;
  const anchorAt = expected?.entries;
  try {
    const parts =
      size >= (options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES) ? (options.parts ?? defaultParts()) : 1;
    const plan = parts > 1 ? await planRanges(file.path, { size, parts, maxLineBytes }) : [{ start: 0, end: size }];
    // Ranges run in memory-capped worker threads (this thread runs the spanforge digest meanwhile).
    const inWorkers = plan.length > 1 && workersAvailable();
    const run = (request: RangeRequest): Promise<RangeResult> =>
      options.runRange
        ? options.runRange(request)
        : inWorkers
          ? verifyRangeInWorker(request, (reason) =>
              options.onNotice?.(
                `chain ${file.displayPath}: the worker for bytes ${request.start}–${request.end} stopped (${reason}); ` +
                  `the range is verified again ${REDONE_IN_MAIN_THREAD}`,
              ),
            )
          : verifyRange(request);
    const request = (index: number, startKey: KeyState, leafStart: number | undefined): RangeRequest => {
      const range = plan[index] as { start: number; end: number };
      return {
        path: file.path,
        displayPath: file.displayPath,
        format: format as ChainFormat,
        start: range.start,
        end: range.end,
        continues: range.start > 0,
        keys: options.keys,
        startKey,
        maxLineBytes,
        tree: leafStart === undefined ? undefined : { leafStart, earlier: anchorAt },
      };
    };
    // Each range folds its own part of the tree, so it needs the number of entries before it: one quick
    // count up to the last cut, while the first range is already being verified.
    const verifying = [run(request(0, { kind: "initial" }, 0))];
    verifying[0]?.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    const leafStarts =
      plan.length > 1
        ? await countEntriesBefore(
            file.path,
            plan.map((r) => r.start),
          )
        : [0];
    for (let i = 1; i < plan.length; i++) verifying.push(run(request(i, { kind: "initial" }, leafStarts?.[i])));
    // The spanforge head is a digest over the bytes in order: one sequential pass, while the ranges are verified.
    const passing =
      format === "spanforge" ? runPositionPass(file.path, { digest: true, anchorAt, tree: false }) : undefined;
    // If a range fails first, the pass may still fail after we stopped waiting: never an unhandled rejection.
    passing?.catch(() => undefined);
    ranges = await Promise.all(verifying);
    // Each range assumed the initial key; one that starts after a rotation is verified again with the right key.
    for (let i = 1; i < ranges.length; i++) {
      const before = ranges[i - 1] as RangeResult;
      const after = ranges[i] as RangeResult;
      if (
        before.format === "spanforge" &&
        after.format === "spanforge" &&
        !sameKeyState(before.keyAtEnd, after.keyAtStart)
      ) {
        ranges[i] = await verifyRange(request(i, before.keyAtEnd, leafStarts?.[i]));
      }
    }
    pass = await logPositions({ path: file.path, ranges, positions: await passing, anchorAt });
  } catch (error) {
    return fail(describeReadError(error));
  }

  const extra: Finding[] = [];
  const at = (line: number): Location => ({ path: file.displayPath, line });
  if (ranges[0]?.hadBom) {
    extra.push({
      rule: "chain.malformed",
      severity: "warn",
      message: "the file starts with a UTF-8 byte-order mark, which the format does not write",
      location: at(1),
    });
  }
  const entries = ranges.reduce((sum, range) => sum + range.entries, 0);
  const lastLine = ranges.reduce((sum, range) => sum + range.lines, 0);
  if (entries === 0) {
    extra.push({
      rule: "chain.malformed",
      severity: "error",
      message: "the log holds no entries: nothing was verified",
      location: at(1),
    });
  }
  if (expected) extra.push(...anchorFindings({ expected, pass, format, lastLine, at }));
  const anchorMatched = expected !== undefined && !extra.some((finding) => finding.rule === "chain.anchor");

  let findings: FindingCollector;
  let outcome: ChainOutcome;
  let head: string | undefined;
  if (format === "torchcomply") {
    const combined = combineTorchcomply(ranges as TorchcomplyRange[], { path: file.displayPath, extra });
    ({ findings, outcome } = combined);
    head = combined.lastHash;
  } else {
    head = pass?.finalDigest ?? "";
    ({ findings, outcome } = combineSpanforge(ranges as SpanforgeRange[], { path: file.displayPath, extra, head }));
  }

  const clauses = buildClauses({
    findings,
    format,
    outcome,
    anchor: expected ?? (options.checkpoints ? null : undefined),
    ...(expected && pass ? { anchorEvidence: anchorEvidence(expected, pass, anchorMatched) } : {}),
  });
  const status = worstOf(clauses);
  return {
    result: {
      id: "chain",
      target: file.displayPath,
      status,
      summary: outcome.summary,
      metrics: outcome.metrics,
      clauses,
      findings: withOwnClauses(
        findings.findings(),
        clauses.map((c) => c.id),
      ),
    },
    // A checkpoint needs a head at the end: none for an empty log or one ending in a malformed entry.
    checkpoint:
      entries > 0 && head && pass?.merkle?.logId && pass.merkle.tree.size === entries
        ? { path: file.displayPath, format, entries, head, logId: pass.merkle.logId, treeHead: pass.merkle.tree.head }
        : undefined,
    anchored: expected,
  };
}

/**
 * The log's positions and tree from what the ranges folded: their segments joined in order, and the
 * anchored entry from the range that holds it (its line counted from the file's start). When a range could
 * not fold its segment (a line over the length limit, a runner without trees, counts that do not join), one
 * sequential pass computes the tree instead. `positions`: the spanforge pass (digests), if it ran.
 */
async function logPositions(options: {
  path: string;
  ranges: readonly RangeResult[];
  positions: LogPositions | undefined;
  anchorAt: number | undefined;
}): Promise<PositionPassResult> {
  const { ranges, anchorAt } = options;
  let leaves = 0;
  let lines = 0;
  let anchor: { line: number; text: string } | undefined;
  const segments: SegmentTree[] = [];
  for (const range of ranges) {
    const tree = range.tree;
    if (!tree?.complete || tree.segment.start !== leaves || tree.segment.leaves !== range.entries) {
      const full = await runPositionPass(options.path, { digest: false, anchorAt, tree: true });
      return { ...(options.positions ?? full), merkle: full.merkle };
    }
    if (tree.anchor) anchor = { line: lines + tree.anchor.line, text: tree.anchor.text };
    segments.push(tree.segment);
    leaves += tree.segment.leaves;
    lines += range.lines;
  }
  const merkle = MerkleStream.combine(segments, anchorAt);
  return options.positions
    ? { ...options.positions, merkle }
    : { entries: leaves, lines, anchor: anchor && { ...anchor, digest: undefined }, finalDigest: undefined, merkle };
}

/**
 * The result for a checkpointed log that no log of this run matched: deleted, cut from its head, rewritten
 * from its first entry, or left out of the paths. Named by where it was and by its id.
 */
export function missingLogResult(checkpoint: AnchorCheckpoint): CheckResult {
  const rule = chainRule("chain.anchor");
  const id = isLegacy(checkpoint) ? "" : ` (log id ${checkpoint.logId})`;
  const message = isLegacy(checkpoint)
    ? `the checkpointed log ${checkpoint.path} (${checkpoint.entries} entries) is missing: no log checked at that path`
    : `the checkpointed log ${checkpoint.path}${id}, ${checkpoint.entries} entries, is missing: no log checked starts with its first entry (deleted, its first entry rewritten or cut, or left out of the paths)`;
  return {
    id: "chain",
    target: checkpoint.path,
    status: "fail",
    summary: message,
    metrics: {},
    clauses: [
      {
        id: rule.id,
        title: rule.title,
        refs: rule.refs,
        status: "fail",
        detail: message,
        evidence: {
          errors: 0,
          failures: 1,
          warnings: 0,
          checkpointPath: checkpoint.path,
          checkpointEntries: checkpoint.entries,
          ...(isLegacy(checkpoint) ? {} : { logId: checkpoint.logId, checkpointTreeHead: checkpoint.treeHead }),
        },
      },
    ],
    findings: [{ rule: "chain.anchor", severity: "fail", message, location: { path: checkpoint.path } }],
  };
}

/**
 * The anchor clause's evidence: the checkpoint's tree (size m, head) and the current one (size n, head),
 * and, when the log still holds the checkpointed entries, the RFC 6962 consistency proof from one to the
 * other, so that anyone holding the two heads can check that the log was only appended to.
 */
function anchorEvidence(
  expected: AnchorCheckpoint,
  pass: PositionPassResult,
  matched: boolean,
): Record<string, EvidenceValue> {
  if (isLegacy(expected)) {
    return { checkpointEntries: expected.entries, checkpointHead: expected.head, checkpointFormat: "legacy" };
  }
  return {
    logId: expected.logId,
    checkpointPath: expected.path,
    checkpointEntries: expected.entries,
    checkpointTreeHead: expected.treeHead,
    ...(pass.merkle ? { treeSize: pass.merkle.tree.size, treeHead: pass.merkle.tree.head } : {}),
    ...(matched && pass.merkle?.consistencyProof ? { consistencyProof: [...pass.merkle.consistencyProof] } : {}),
  };
}

/**
 * The anchor verdict: the log must still hold the checkpointed entries. A current checkpoint's tree head
 * binds all of them (any entry rewritten, reordered or cut changes it); a legacy one binds the last only.
 */
function anchorFindings(options: {
  expected: AnchorCheckpoint;
  pass: PositionPassResult | undefined;
  format: ChainFormat;
  lastLine: number;
  at: (line: number) => Location;
}): Finding[] {
  const { expected, pass, format, at } = options;
  const anchored = pass?.anchor;
  const legacyNote: Finding[] = isLegacy(expected)
    ? [
        {
          rule: "chain.anchor",
          severity: "warn",
          message:
            "the checkpoint is in the old format: it binds only the last hash, so earlier entries rewritten with their hashes recomputed go unseen; re-anchor with this version (its report's checkpoints bind every entry)",
          location: at(1),
        },
      ]
    : [];
  if (!pass || !anchored) {
    const entries = pass?.entries ?? 0;
    return [
      ...legacyNote,
      {
        rule: "chain.anchor",
        severity: "fail",
        message: `the log holds ${entries} entries but the checkpoint recorded ${expected.entries}: ${expected.entries - entries} entries were cut from the tail`,
        location: at(Math.max(options.lastLine, 1)),
      },
    ];
  }
  if (!isLegacy(expected) && pass.merkle?.earlier?.head !== expected.treeHead) {
    return [
      {
        rule: "chain.anchor",
        severity: "fail",
        message: `entries 1–${expected.entries} no longer have the checkpointed tree head ${expected.treeHead} (found ${pass.merkle?.earlier?.head ?? "none"}): the log was rewritten since the checkpoint (an entry up to it was edited, moved, inserted or cut)`,
        location: at(anchored.line),
      },
    ];
  }
  const head = format === "spanforge" ? anchored.digest : torchcomplyEntryHash(anchored.text);
  if (head === expected.head) return legacyNote;
  return [
    ...legacyNote,
    {
      rule: "chain.anchor",
      severity: "fail",
      message: `entry ${expected.entries} no longer has the checkpointed head ${expected.head} (found ${head || "no hash"}): the log was rewritten since the checkpoint`,
      location: at(anchored.line),
    },
  ];
}
