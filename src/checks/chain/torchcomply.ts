/**
 * torchcomply `audit_chain.jsonl` verification (specs/torchcomply.md §1), byte-compatible with torchcomply's
 * hashing and stricter than its `verify()`: besides re-hashing it checks prev_hash links, genesis entries,
 * duplicates, replayed runs and timestamp order inside each run, which torchcomply never does.
 *
 * A file holds several runs back to back; each line whose `prev_hash` is "" starts a new segment.
 */
import { hash as digest } from "node:crypto";
import type { FindingCollector } from "../../core/findings.js";
import { JsonNumber, type JsonObject, JsonSyntaxError, type JsonValue, parseJson } from "../../core/json/parse.js";
import { PYTHON_DEFAULT, pythonDumps, pythonStringAscii } from "../../core/json/python-dumps.js";
import type { AnchorWatcher } from "./anchor.js";
import { torchcomplyIsoTimestamp } from "./iso-timestamp.js";
import { type ChainOutcome, type ChainVerifier, MAX_LISTED_HEADS, RecentWindow, safeEqual } from "./verifier.js";

const HEX64 = /^[0-9a-f]{64}$/;
const OUTPUT_HASH = /^(?:[0-9a-f]{16})?$/;
const KNOWN_KEYS = new Set([
  "timestamp",
  "module_name",
  "operator_type",
  "input_shapes",
  "output_shape",
  "output_hash",
  "device",
  "prev_hash",
  "hash",
  "iso_timestamp",
]);

/** One entry after validation, with everything needed to hash and link it. */
interface Entry {
  readonly timestamp: string;
  readonly timestampNs: bigint;
  readonly moduleName: string;
  readonly operatorType: string;
  readonly inputShapes: JsonValue[];
  readonly outputShape: JsonValue[];
  readonly outputHash: string;
  readonly device: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly isoTimestamp: string | undefined;
}

/**
 * The exact bytes torchcomply hashes: `json.dumps(<8 fields>, sort_keys=True)` with Python's default
 * separators and ASCII escaping. Keys are written in their (fixed) sorted order.
 */
export function torchcomplyPreimage(entry: Omit<Entry, "hash" | "isoTimestamp" | "timestampNs">): string {
  return (
    `{"device": ${pythonStringAscii(entry.device)}, ` +
    `"input_shapes": ${pythonDumps(entry.inputShapes, PYTHON_DEFAULT)}, ` +
    `"module_name": ${pythonStringAscii(entry.moduleName)}, ` +
    `"operator_type": ${pythonStringAscii(entry.operatorType)}, ` +
    `"output_hash": ${pythonStringAscii(entry.outputHash)}, ` +
    `"output_shape": ${pythonDumps(entry.outputShape, PYTHON_DEFAULT)}, ` +
    `"prev_hash": ${pythonStringAscii(entry.prevHash)}, ` +
    `"timestamp": ${entry.timestamp}}`
  );
}

function isShape(value: JsonValue | undefined): value is JsonValue[] {
  return (
    Array.isArray(value) &&
    value.every((dim) => dim instanceof JsonNumber && dim.isInteger && !dim.text.startsWith("-"))
  );
}

/** Validate a parsed line against the entry schema; returns the entry or the first problem found. */
function readEntry(object: JsonObject): Entry | string {
  const text = (key: string): string | undefined => {
    const value = object.get(key);
    return typeof value === "string" ? value : undefined;
  };
  const timestamp = object.get("timestamp");
  if (!(timestamp instanceof JsonNumber) || !timestamp.isInteger || timestamp.text.startsWith("-")) {
    return "`timestamp` must be a non-negative integer (nanoseconds)";
  }
  const moduleName = text("module_name");
  if (moduleName === undefined) return "`module_name` must be a string";
  const operatorType = text("operator_type");
  if (operatorType === undefined) return "`operator_type` must be a string";
  const inputShapes = object.get("input_shapes");
  if (!Array.isArray(inputShapes) || !inputShapes.every(isShape)) {
    return "`input_shapes` must be a list of shapes (lists of non-negative integers)";
  }
  const outputShape = object.get("output_shape");
  if (!isShape(outputShape)) return "`output_shape` must be a list of non-negative integers";
  // torchcomply's own reader defaults a missing output_hash to "" (it is then hashed as "").
  const outputHash = object.has("output_hash") ? text("output_hash") : "";
  if (outputHash === undefined || !OUTPUT_HASH.test(outputHash)) {
    return "`output_hash` must be empty or 16 lower-case hex characters";
  }
  const device = text("device");
  if (device === undefined) return "`device` must be a string";
  const prevHash = text("prev_hash");
  if (prevHash === undefined || (prevHash !== "" && !HEX64.test(prevHash))) {
    return "`prev_hash` must be empty or 64 lower-case hex characters";
  }
  const hash = text("hash");
  if (hash === undefined || !HEX64.test(hash)) return "`hash` must be 64 lower-case hex characters";
  const iso = object.get("iso_timestamp");
  if (iso !== undefined && typeof iso !== "string") return "`iso_timestamp` must be a string";
  return {
    timestamp: timestamp.text === "-0" ? "0" : timestamp.text,
    timestampNs: BigInt(timestamp.text),
    moduleName,
    operatorType,
    inputShapes,
    outputShape,
    outputHash,
    device,
    prevHash,
    hash,
    isoTimestamp: iso,
  };
}

interface Segment {
  readonly startLine: number;
  entries: number;
  head: string;
}

export class TorchcomplyVerifier implements ChainVerifier {
  private readonly findings: FindingCollector;
  private readonly anchor: AnchorWatcher;
  private readonly path: string;

  private entries = 0;
  private segmentCount = 0;
  private readonly listedHeads: Segment[] = [];
  private current: Segment | undefined;
  private previous: { hash: string; line: number; timestampNs: bigint } | undefined;
  private readonly recentHashes = new RecentWindow();
  /** First hash of each run → its line, to spot a run written twice. Bounded like the head list. */
  private readonly segmentStarts = new Map<string, number>();
  private lastHead = "";
  /** Inside a run that repeats an earlier one: its entries are reported once, at the run's start. */
  private replaying = false;

  constructor(options: { findings: FindingCollector; anchor: AnchorWatcher; path: string }) {
    this.findings = options.findings;
    this.anchor = options.anchor;
    this.path = options.path;
  }

  badLine(lineNumber: number, reason: string): void {
    this.entries++;
    this.findings.add("chain.malformed", "error", reason, { path: this.path, line: lineNumber });
    this.anchor.observe(this.entries, this.lastHead, lineNumber);
  }

  line(raw: string, lineNumber: number): void {
    const text = raw.trim();
    if (text === "") return; // torchcomply skips blank lines
    this.entries++;
    const at = { path: this.path, line: lineNumber };
    let parsed: JsonValue;
    try {
      parsed = parseJson(text, { maxDepth: 64 });
    } catch (error) {
      const reason = error instanceof JsonSyntaxError ? error.message : String(error);
      this.findings.add("chain.malformed", "error", `not a JSON audit entry: ${reason}`, at);
      this.anchor.observe(this.entries, this.lastHead, lineNumber);
      return;
    }
    if (!(parsed instanceof Map)) {
      this.findings.add("chain.malformed", "error", "not a JSON audit entry: expected an object", at);
      this.anchor.observe(this.entries, this.lastHead, lineNumber);
      return;
    }
    const entry = readEntry(parsed);
    if (typeof entry === "string") {
      this.findings.add("chain.malformed", "error", `not a torchcomply audit entry: ${entry}`, at);
      this.anchor.observe(this.entries, this.lastHead, lineNumber);
      return;
    }
    for (const key of parsed.keys()) {
      if (!KNOWN_KEYS.has(key)) {
        this.findings.add(
          "chain.malformed",
          "warn",
          `key ${JSON.stringify(key.slice(0, 40))} is not a torchcomply field and is not covered by the hash`,
          at,
        );
      }
    }

    const computed = digest("sha256", torchcomplyPreimage(entry), "hex");
    if (!safeEqual(computed, entry.hash)) {
      this.findings.add(
        "chain.hash",
        "fail",
        `entry does not re-hash to its stored hash (stored ${entry.hash}, computed ${computed}): a hashed field was edited`,
        at,
      );
    }
    if (entry.isoTimestamp !== undefined && entry.isoTimestamp !== torchcomplyIsoTimestamp(entry.timestamp)) {
      this.findings.add(
        "chain.timestamp",
        "warn",
        "iso_timestamp does not match timestamp (iso_timestamp is not covered by the hash; timestamp is)",
        at,
      );
    }

    this.link(entry, lineNumber);
    this.recentHashes.remember(entry.hash, lineNumber);
    this.previous = { hash: entry.hash, line: lineNumber, timestampNs: entry.timestampNs };
    this.lastHead = entry.hash;
    if (this.current) {
      this.current.entries++;
      this.current.head = entry.hash;
    }
    this.anchor.observe(this.entries, entry.hash, lineNumber);
  }

  private startSegment(entry: Entry, lineNumber: number): void {
    this.segmentCount++;
    this.current = { startLine: lineNumber, entries: 0, head: entry.hash };
    this.replaying = false;
    if (this.listedHeads.length < MAX_LISTED_HEADS) this.listedHeads.push(this.current);
    const replayOf = this.segmentStarts.get(entry.hash);
    if (replayOf !== undefined) {
      this.replaying = true;
      this.findings.add(
        "chain.link",
        "fail",
        `this run repeats the run that starts at line ${replayOf} (duplicated entries, e.g. the chain was flushed twice)`,
        { path: this.path, line: lineNumber },
      );
    } else if (this.segmentStarts.size < MAX_LISTED_HEADS) {
      this.segmentStarts.set(entry.hash, lineNumber);
    }
  }

  private link(entry: Entry, lineNumber: number): void {
    const at = { path: this.path, line: lineNumber };
    const previous = this.previous;
    if (entry.prevHash === "") {
      this.startSegment(entry, lineNumber);
      return;
    }
    if (previous === undefined) {
      this.startSegment(entry, lineNumber);
      this.findings.add(
        "chain.head",
        "fail",
        "the first entry points to a predecessor (prev_hash is set): entries before it were cut from the head",
        at,
      );
      return;
    }
    const duplicateOf = this.recentHashes.lineOf(entry.hash);
    const linked = entry.prevHash === previous.hash;
    if (this.replaying && duplicateOf !== undefined && linked) {
      // still following the repeated run, already reported where it starts
    } else if (duplicateOf !== undefined) {
      this.findings.add("chain.link", "fail", `duplicate of the entry at line ${duplicateOf}`, at);
    } else if (!linked) {
      const pointsTo = this.recentHashes.lineOf(entry.prevHash);
      const message =
        pointsTo !== undefined
          ? `prev_hash points to the entry at line ${pointsTo}, not to the entry before it (line ${previous.line}): entries were reordered or inserted`
          : `prev_hash does not match the hash of the entry before it (line ${previous.line}): an entry was deleted, inserted or replaced`;
      this.findings.add("chain.link", "fail", message, at);
    }
    if (duplicateOf === undefined || !linked) this.replaying = false;
    if (entry.timestampNs < previous.timestampNs) {
      this.findings.add(
        "chain.timestamp",
        "fail",
        `timestamp goes backwards: earlier than the entry at line ${previous.line}`,
        at,
      );
    }
  }

  finish(lastLine: number): ChainOutcome {
    this.anchor.finish(this.entries, lastLine);
    const heads = this.listedHeads.map((segment) => segment.head);
    const rootHash = this.current?.head ?? "";
    const metrics = {
      format: "torchcomply",
      entries: this.entries,
      segments: this.segmentCount,
      heads,
      ...(this.segmentCount > heads.length ? { headsOmitted: this.segmentCount - heads.length } : {}),
      segmentEntries: this.listedHeads.map((segment) => segment.entries),
      rootHash,
      tombstones: 0,
      keyRotations: 0,
    };
    const runs = this.segmentCount === 1 ? "1 run" : `${this.segmentCount} runs`;
    return {
      format: "torchcomply",
      entries: this.entries,
      head: this.lastHead,
      metrics,
      summary: `torchcomply audit chain: ${this.entries} entries in ${runs}${rootHash ? `, root ${rootHash}` : ""}`,
    };
  }
}
