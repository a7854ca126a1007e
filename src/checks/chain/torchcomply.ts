/**
 * torchcomply `audit_chain.jsonl` verification (specs/torchcomply.md §1), byte-compatible with torchcomply's
 * hashing and stricter than its `verify()`: besides re-hashing it checks prev_hash links, genesis entries,
 * duplicates, replayed runs and timestamp order inside each run, which torchcomply never does.
 *
 * A file holds several runs back to back; each line whose `prev_hash` is "" starts a new segment.
 */
import { hash as digest } from "node:crypto";
import { type ExportedFindings, FindingCollector, lineRef } from "../../core/findings.js";
import { JsonNumber, type JsonObject, JsonSyntaxError, type JsonValue, parseJson } from "../../core/json/parse.js";
import { PYTHON_DEFAULT, pythonDumps, pythonStringAscii } from "../../core/json/python-dumps.js";
import { FieldSlices, KeyMatcher, locateFields, PLAIN_STRING, plainString } from "../../core/json/slice.js";
import type { Finding, Location } from "../../core/model.js";
import { IsoTimestampCache } from "./iso-timestamp.js";
import { isBlankText } from "./position-pass.js";
import { type ChainOutcome, type ChainVerifier, MAX_LISTED_HEADS, RecentWindow } from "./verifier.js";

const HEX64 = /^[0-9a-f]{64}$/;
const OUTPUT_HASH = /^(?:[0-9a-f]{16})?$/;

/** The fields torchcomply hashes, as values. */
export interface HashedFields {
  /** The integer lexeme (nanoseconds), normalised as Python prints it. */
  readonly timestamp: string;
  readonly moduleName: string;
  readonly operatorType: string;
  readonly inputShapes: JsonValue[];
  readonly outputShape: JsonValue[];
  readonly outputHash: string;
  readonly device: string;
  readonly prevHash: string;
}

/** One validated entry: what linking and checking need, with its preimage already assembled. */
interface Entry {
  readonly timestamp: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly isoTimestamp: string | undefined;
  readonly preimage: string;
}

/**
 * The exact bytes torchcomply hashes: `json.dumps(<8 fields>, sort_keys=True)` with Python's default
 * separators and ASCII escaping. Keys are written in their (fixed) sorted order.
 */
export function torchcomplyPreimage(fields: HashedFields): string {
  return (
    `{"device": ${pythonStringAscii(fields.device)}, ` +
    `"input_shapes": ${pythonDumps(fields.inputShapes, PYTHON_DEFAULT)}, ` +
    `"module_name": ${pythonStringAscii(fields.moduleName)}, ` +
    `"operator_type": ${pythonStringAscii(fields.operatorType)}, ` +
    `"output_hash": ${pythonStringAscii(fields.outputHash)}, ` +
    `"output_shape": ${pythonDumps(fields.outputShape, PYTHON_DEFAULT)}, ` +
    `"prev_hash": ${pythonStringAscii(fields.prevHash)}, ` +
    `"timestamp": ${fields.timestamp}}`
  );
}

/** Compare two non-negative integer lexemes without leading zeros (no BigInt needed). */
function compareUint(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isShape(value: JsonValue | undefined): value is JsonValue[] {
  return (
    Array.isArray(value) &&
    value.every((dim) => dim instanceof JsonNumber && dim.isInteger && !dim.text.startsWith("-"))
  );
}

/**
 * Values (counted roughly: commas, colons and opening brackets) a line may hold for the full parser, which
 * builds an object per value: a 16 MiB line of shapes would take a gigabyte. Entries as torchcomply writes
 * them never get there (the fast path reads them from slices, whatever their size).
 */
export const MAX_PARSED_VALUES = 1_000_000;

/** Whether a line holds more values than the full parser is given (`MAX_PARSED_VALUES`). */
export function tooManyValuesToParse(text: string): boolean {
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x2c || c === 0x3a || c === 0x5b || c === 0x7b) && ++values > MAX_PARSED_VALUES) return true;
  }
  return false;
}

/** Parse one line with the full parser; the entry (with any keys the format lacks) or what is wrong. */
function parseEntry(text: string): (Entry & { unknownKeys: string[] }) | string {
  if (tooManyValuesToParse(text)) {
    return `not a torchcomply audit entry as torchcomply writes it, and more than ${MAX_PARSED_VALUES} values: not parsed`;
  }
  let parsed: JsonValue;
  try {
    parsed = parseJson(text, { maxDepth: 64 });
  } catch (error) {
    return `not a JSON audit entry: ${error instanceof JsonSyntaxError ? error.message : String(error)}`;
  }
  if (!(parsed instanceof Map)) return "not a JSON audit entry: expected an object";
  const entry = readEntry(parsed);
  if (typeof entry === "string") return `not a torchcomply audit entry: ${entry}`;
  return { ...entry, unknownKeys: [...parsed.keys()].filter((key) => !KNOWN_KEYS.has(key)) };
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
  const normalized = timestamp.text === "-0" ? "0" : timestamp.text;
  const fields = {
    timestamp: normalized,
    moduleName,
    operatorType,
    inputShapes,
    outputShape,
    outputHash,
    device,
    prevHash,
  };
  return { timestamp: normalized, prevHash, hash, isoTimestamp: iso, preimage: torchcomplyPreimage(fields) };
}

const UINT = /^(?:0|[1-9][0-9]*)$/;
const HASHED_OUTPUT = /^"(?:[0-9a-f]{16})?"$/;

const FIELDS = [
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
] as const;
const FIELD_MATCHER = new KeyMatcher(FIELDS);
const KNOWN_KEYS = new Set<string>(FIELDS);
const TIMESTAMP = 0;
const MODULE_NAME = 1;
const OPERATOR_TYPE = 2;
const INPUT_SHAPES = 3;
const OUTPUT_SHAPE = 4;
const OUTPUT_HASH_FIELD = 5;
const DEVICE = 6;
const PREV_HASH = 7;
const HASH = 8;
const ISO_TIMESTAMP = 9;
const REQUIRED_MASK = (1 << ISO_TIMESTAMP) - 1; // every field but iso_timestamp

// What `pythonShapeText` expects next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const COMMA_OR_CLOSE = 2;
const END = 3;

/**
 * A shape (`depth` 1: `[52,10]`) or a list of shapes (`depth` 2: `[[52,10],[3]]`) as Python's `json.dumps`
 * writes it (`[[52, 10], [3]]`), or undefined when the JSON text is anything else: dimensions other than
 * non-negative integers without leading zeros (`07`, `1.0`, `1e3`, `-1` go to the full parser, which says what
 * is wrong or writes them), or other nesting. One pass over the characters into one buffer, with no regular
 * expression and no string per piece: a list of millions of shapes in a 16 MiB entry costs its length.
 */
export function pythonShapeText(text: string, depth: 1 | 2): string | undefined {
  // A model's layers repeat a few shapes, so a short shape text is built once and then found in a small
  // cache. A long list (a 16 MiB entry) is built each time and never kept.
  if (text.length > MAX_CACHED_SHAPE_LENGTH) return buildPythonShapeText(text, depth);
  const cache = depth === 1 ? shapeCache : shapeListCache;
  const known = cache.get(text);
  if (known !== undefined) return known;
  const python = buildPythonShapeText(text, depth);
  if (python !== undefined) {
    if (cache.size >= SHAPE_CACHE_SIZE) cache.clear();
    cache.set(text, python);
  }
  return python;
}

/** `pythonShapeText` for any text: one pass over the characters into one buffer. */
function buildPythonShapeText(text: string, depth: 1 | 2): string | undefined {
  const out = Buffer.allocUnsafe(2 * text.length); // each "," becomes ", "; nothing else grows
  let written = 0;
  let level = 0;
  let expect = VALUE;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (expect === END) return undefined;
    if (expect === COMMA_OR_CLOSE && c === 0x2c) {
      out[written++] = 0x2c;
      out[written++] = 0x20;
      expect = VALUE;
    } else if (expect !== VALUE && c === 0x5d) {
      out[written++] = 0x5d;
      level--;
      expect = level === 0 ? END : COMMA_OR_CLOSE;
    } else if (expect === COMMA_OR_CLOSE) {
      return undefined;
    } else if (level < depth) {
      if (c !== 0x5b) return undefined;
      out[written++] = 0x5b;
      level++;
      expect = VALUE_OR_CLOSE;
    } else {
      // A dimension: 0, or a digit run not starting with 0, ended by a delimiter.
      if (c < 0x30 || c > 0x39) return undefined;
      let j = i + 1;
      if (c !== 0x30) while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
      const next = text.charCodeAt(j);
      if (next !== 0x2c && next !== 0x5d && next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d) {
        return undefined;
      }
      for (; i < j; i++) out[written++] = text.charCodeAt(i);
      i--;
      expect = COMMA_OR_CLOSE;
    }
  }
  return expect === END ? out.toString("latin1", 0, written) : undefined;
}

const SHAPE_CACHE_SIZE = 4096;
const MAX_CACHED_SHAPE_LENGTH = 256;
/** Shape texts already validated, and their Python form: bounded, cleared when full. */
const shapeCache = new Map<string, string>();
const shapeListCache = new Map<string, string>();

/**
 * The fast path: an entry assembled from slices of a compact, escape-free line, which is what torchcomply
 * writes. Any line it cannot vouch for (escapes, spaces, unknown or repeated keys, other shapes) returns
 * undefined and goes through the full parser, which produces the same preimage for the lines both accept.
 */
function fastEntry(text: string): Entry | undefined {
  const canonical = canonicalEntry(text);
  if (canonical !== undefined) return canonical;
  const fields = fastFields;
  // Unknown keys (and repeated ones) go to the full parser, which reports them.
  const seen = locateFields(text, FIELD_MATCHER, fields, () => false);
  if (seen < 0) return undefined;
  if ((seen & REQUIRED_MASK) !== REQUIRED_MASK) return undefined;
  const slice = (field: number): string => fields.slice(text, field);
  const timestamp = slice(TIMESTAMP);
  const inputShapes = pythonShapeText(slice(INPUT_SHAPES), 2);
  const outputShape = pythonShapeText(slice(OUTPUT_SHAPE), 1);
  const outputHash = slice(OUTPUT_HASH_FIELD);
  if (!UINT.test(timestamp) || inputShapes === undefined || outputShape === undefined) return undefined;
  if (!HASHED_OUTPUT.test(outputHash)) return undefined;
  // A plain printable-ASCII JSON string is already written the way Python's json.dumps writes it. On a line
  // of printable ASCII without a backslash (what torchcomply writes) every string is one: no test each.
  const plainLine = fields.members.plainAscii;
  const moduleName = slice(MODULE_NAME);
  const operatorType = slice(OPERATOR_TYPE);
  const device = slice(DEVICE);
  if (!isPlain(moduleName, plainLine) || !isPlain(operatorType, plainLine) || !isPlain(device, plainLine))
    return undefined;
  const stringField = (field: number): string | undefined => {
    const start = fields.start[field] ?? 0;
    const end = fields.end[field] ?? 0;
    return plainLine
      ? text.charCodeAt(start) === 0x22
        ? text.slice(start + 1, end - 1)
        : undefined
      : plainString(text, start, end);
  };
  const prevHash = stringField(PREV_HASH);
  const hash = stringField(HASH);
  const iso = (seen & (1 << ISO_TIMESTAMP)) === 0 ? undefined : stringField(ISO_TIMESTAMP);
  if (prevHash === undefined || hash === undefined || ((seen & (1 << ISO_TIMESTAMP)) !== 0 && iso === undefined)) {
    return undefined;
  }
  const preimage = slicedPreimage({
    device,
    inputShapes,
    moduleName,
    operatorType,
    outputHash,
    outputShape,
    prevHash,
    timestamp,
  });
  return { timestamp, prevHash, hash, isoTimestamp: iso, preimage };
}
const fastFields = new FieldSlices(FIELDS.length);

/**
 * `torchcomplyPreimage` from a fast path's slices: the strings with their quotes as they stand in the line
 * (plain, so Python writes them the same), `prevHash` without them, the shapes already in Python's form.
 */
function slicedPreimage(parts: Readonly<Record<keyof HashedFields, string | undefined>>): string {
  return (
    `{"device": ${parts.device}, "input_shapes": ${parts.inputShapes}, ` +
    `"module_name": ${parts.moduleName}, "operator_type": ${parts.operatorType}, "output_hash": ${parts.outputHash}, ` +
    `"output_shape": ${parts.outputShape}, "prev_hash": "${parts.prevHash}", "timestamp": ${parts.timestamp}}`
  );
}

/** A JSON string of printable ASCII with nothing to escape (`PLAIN_STRING`), as a pattern part. */
const PLAIN = String.raw`[\x20\x21\x23-\x5b\x5d-\x7e]*`;
/**
 * A line exactly as torchcomply writes it: its keys in its order, no white space, plain strings. One native
 * match replaces the general scan for almost every line; the shapes are still checked by `pythonShapeText`,
 * and any other line goes the general way, which gives the same entry for the lines both accept.
 */
const CANONICAL_ENTRY = new RegExp(
  String.raw`^\{"timestamp":(0|[1-9][0-9]*),"module_name":("${PLAIN}"),"operator_type":("${PLAIN}"),` +
    String.raw`"input_shapes":(\[[\[\]0-9,]*\]),"output_shape":(\[[0-9,]*\]),"output_hash":("(?:[0-9a-f]{16})?"),` +
    String.raw`"device":("${PLAIN}"),"prev_hash":"(${PLAIN})","hash":"(${PLAIN})"(?:,"iso_timestamp":"(${PLAIN})")?\}$`,
);

function canonicalEntry(text: string): Entry | undefined {
  const match = CANONICAL_ENTRY.exec(text);
  if (match === null) return undefined;
  const [, timestamp, moduleName, operatorType, inputText, outputText, outputHash, device, prevHash, hash, iso] =
    match as unknown as string[];
  const inputShapes = pythonShapeText(inputText as string, 2);
  const outputShape = pythonShapeText(outputText as string, 1);
  if (inputShapes === undefined || outputShape === undefined) return undefined;
  return {
    timestamp: timestamp as string,
    prevHash: prevHash as string,
    hash: hash as string,
    isoTimestamp: iso,
    preimage: slicedPreimage({
      device,
      inputShapes,
      moduleName,
      operatorType,
      outputHash,
      outputShape,
      prevHash,
      timestamp,
    }),
  };
}

/** A member's slice is a plain string: known from the line when it is plain, else tested. */
function isPlain(slice: string, plainLine: boolean): boolean {
  return plainLine ? slice.charCodeAt(0) === 0x22 : PLAIN_STRING.test(slice);
}

interface Segment {
  readonly startLine: number;
  entries: number;
  head: string;
  /** The range starts inside this run: its first entry links to an entry in the range before. */
  readonly continuation: boolean;
}

/** One byte range's verification, as plain data (crosses worker threads); `combineTorchcomply` merges them. */
export interface TorchcomplyRange {
  readonly format: "torchcomply";
  /** Lines read; finding lines are 1-based within the range. */
  readonly lines: number;
  readonly entries: number;
  readonly findings: ExportedFindings;
  readonly hadBom: boolean;
  /** The first well-formed entry, when its link could only be checked against the range before (the seam). */
  readonly first: { readonly line: number; readonly prevHash: string; readonly timestamp: string } | undefined;
  /** The last well-formed entry. */
  readonly last: { readonly line: number; readonly hash: string; readonly timestamp: string } | undefined;
  /** Whether the range's last entry is well-formed (a checkpoint needs a hash at the end of the log). */
  readonly endsWellFormed: boolean;
  readonly segments: readonly Segment[];
  /** Runs started in this range (continuations excluded), all counted even past the listed ones. */
  readonly segmentCount: number;
  /** First hash of each run started in this range and its line, to spot a run written again later. */
  readonly segmentStarts: readonly (readonly [hash: string, line: number])[];
}

export class TorchcomplyVerifier implements ChainVerifier {
  private readonly findings = new FindingCollector();
  private readonly path: string;
  /** The range does not start the file: the first entry's link is checked at the seam, not here. */
  private readonly continues: boolean;

  private entries = 0;
  private segmentCount = 0;
  private readonly listedSegments: Segment[] = [];
  private current: Segment | undefined;
  // The entry before the current one (kept as fields: no object allocated per entry).
  private previousHash: string | undefined;
  private previousLine = 0;
  private previousTimestamp = "";
  private first: TorchcomplyRange["first"];
  private endsWellFormed = false;
  private readonly recentHashes = new RecentWindow();
  /** First hash of each run → its line, to spot a run written twice. Bounded like the segment list. */
  private readonly segmentStarts = new Map<string, number>();
  private readonly isoTimestamps = new IsoTimestampCache();

  constructor(options: { path: string; continues: boolean }) {
    this.path = options.path;
    this.continues = options.continues;
  }

  badLine(lineNumber: number, reason: string): void {
    this.entries++;
    this.endsWellFormed = false;
    this.findings.add("chain.malformed", "error", reason, { path: this.path, line: lineNumber });
  }

  line(raw: string, lineNumber: number): void {
    if (isBlankText(raw)) return; // torchcomply skips blank lines
    const text = raw.trim();
    this.entries++;
    const entry = fastEntry(text) ?? this.slowEntry(text, lineNumber);
    this.endsWellFormed = entry !== undefined;
    if (entry === undefined) return;
    this.check(entry, lineNumber);
    this.recentHashes.remember(entry.hash, lineNumber);
    this.previousHash = entry.hash;
    this.previousLine = lineNumber;
    this.previousTimestamp = entry.timestamp;
    if (this.current) {
      this.current.entries++;
      this.current.head = entry.hash;
    }
  }

  /** The full parser: exact about what is wrong with a line. Reports and returns undefined for a bad line. */
  private slowEntry(text: string, lineNumber: number): Entry | undefined {
    const at: Location = { path: this.path, line: lineNumber };
    const entry = parseEntry(text);
    if (typeof entry === "string") {
      this.findings.add("chain.malformed", "error", entry, at);
      return undefined;
    }
    for (const key of entry.unknownKeys) {
      this.findings.add(
        "chain.malformed",
        "warn",
        `key ${JSON.stringify(key.slice(0, 40))} is not a torchcomply field and is not covered by the hash`,
        at,
      );
    }
    return entry;
  }

  private check(entry: Entry, lineNumber: number): void {
    // SHA-256 of public data: nothing secret to leak through timing, so a plain comparison is right here.
    const computed = digest("sha256", entry.preimage, "hex");
    if (computed !== entry.hash) {
      this.findings.add(
        "chain.hash",
        "fail",
        `entry does not re-hash to its stored hash (stored ${entry.hash}, computed ${computed}): a hashed field was edited`,
        { path: this.path, line: lineNumber },
      );
    }
    if (entry.isoTimestamp !== undefined && !this.isoTimestamps.matches(entry.isoTimestamp, entry.timestamp)) {
      this.findings.add(
        "chain.timestamp",
        "warn",
        "iso_timestamp does not match timestamp (iso_timestamp is not covered by the hash; timestamp is)",
        { path: this.path, line: lineNumber },
      );
    }
    this.link(entry, lineNumber);
  }

  private startSegment(entry: Entry, lineNumber: number, continuation: boolean): void {
    if (!continuation) this.segmentCount++;
    this.current = { startLine: lineNumber, entries: 0, head: entry.hash, continuation };
    if (this.listedSegments.length < MAX_LISTED_HEADS) this.listedSegments.push(this.current);
    if (continuation) return;
    const replayOf = this.segmentStarts.get(entry.hash);
    if (replayOf !== undefined) {
      this.findings.add("chain.link", "fail", replayMessage(lineRef(replayOf)), { path: this.path, line: lineNumber });
    } else if (this.segmentStarts.size < MAX_LISTED_HEADS) {
      this.segmentStarts.set(entry.hash, lineNumber);
    }
  }

  private link(entry: Entry, lineNumber: number): void {
    if (entry.prevHash === "") {
      this.startSegment(entry, lineNumber, false);
      return;
    }
    const at: Location = { path: this.path, line: lineNumber };
    if (this.previousHash === undefined) {
      if (this.continues) {
        // Links to the range before this one: checked at the seam when ranges are combined.
        this.first = { line: lineNumber, prevHash: entry.prevHash, timestamp: entry.timestamp };
        this.startSegment(entry, lineNumber, true);
      } else {
        this.startSegment(entry, lineNumber, false);
        this.findings.add("chain.head", "fail", HEAD_CUT, at);
      }
      return;
    }
    // An intact link cannot repeat an earlier entry (short of a SHA-256 collision) except inside a replayed
    // run, which is reported where the run starts; so the look-back only runs once a link is broken.
    if (entry.prevHash !== this.previousHash) this.reportBrokenLink(entry, this.previousLine, at);
    if (compareUint(entry.timestamp, this.previousTimestamp) < 0) {
      this.findings.add("chain.timestamp", "fail", backwardsMessage(lineRef(this.previousLine)), at);
    }
  }

  private reportBrokenLink(entry: Entry, previousLine: number, at: Location): void {
    if (!this.findings.listsMore("chain.link")) {
      this.findings.add("chain.link", "fail", brokenLinkMessage(lineRef(previousLine)), at);
      return;
    }
    const duplicateOf = this.recentHashes.lineOf(entry.hash);
    const pointsTo = duplicateOf === undefined ? this.recentHashes.lineOf(entry.prevHash) : undefined;
    const message =
      duplicateOf !== undefined
        ? `duplicate of the entry at line ${lineRef(duplicateOf)}`
        : pointsTo !== undefined
          ? `prev_hash points to the entry at line ${lineRef(pointsTo)}, not to the entry before it (line ${lineRef(previousLine)}): entries were reordered or inserted`
          : brokenLinkMessage(lineRef(previousLine));
    this.findings.add("chain.link", "fail", message, at);
  }

  result(options: { lines: number; hadBom: boolean }): TorchcomplyRange {
    return {
      format: "torchcomply",
      lines: options.lines,
      entries: this.entries,
      findings: this.findings.export(),
      hadBom: options.hadBom,
      first: this.first,
      last:
        this.previousHash === undefined
          ? undefined
          : { line: this.previousLine, hash: this.previousHash, timestamp: this.previousTimestamp },
      endsWellFormed: this.endsWellFormed,
      segments: this.listedSegments,
      segmentCount: this.segmentCount,
      segmentStarts: [...this.segmentStarts],
    };
  }
}

const HEAD_CUT = "the first entry points to a predecessor (prev_hash is set): entries before it were cut from the head";

function brokenLinkMessage(previousLine: number | string): string {
  return `prev_hash does not match the hash of the entry before it (line ${previousLine}): an entry was deleted, inserted or replaced`;
}

function backwardsMessage(previousLine: number | string): string {
  return `timestamp goes backwards: earlier than the entry at line ${previousLine}`;
}

function replayMessage(line: number | string): string {
  return `this run repeats the run that starts at line ${line} (duplicated entries, e.g. the chain was flushed twice)`;
}

/**
 * Whether a line is a torchcomply entry as torchcomply writes it (the fast path vouches for it), told without
 * building its values: format detection reads a 16 MiB entry at the cost of its length.
 */
export function isPlainTorchcomplyEntry(text: string): boolean {
  return fastEntry(text.trim()) !== undefined;
}

/** The stored hash of one entry line, or undefined when the line is not a well-formed entry. */
export function torchcomplyEntryHash(text: string): string | undefined {
  const trimmed = text.trim();
  const entry = fastEntry(trimmed) ?? parseEntry(trimmed);
  return typeof entry === "string" ? undefined : entry.hash;
}

/** Merge the ranges of one file, in order: seams checked, lines made file lines, metrics summed. */
export function combineTorchcomply(
  ranges: readonly TorchcomplyRange[],
  options: { path: string; extra: readonly Finding[] },
): { findings: FindingCollector; outcome: ChainOutcome; lastHash: string | undefined } {
  const path = options.path;
  const seamFindings: Finding[] = [...options.extra];
  const parts: { findings: ExportedFindings; lineOffset: number }[] = [];
  const segments: Segment[] = [];
  const starts = new Map<string, number>();
  let segmentCount = 0;
  let entries = 0;
  let lineOffset = 0;
  let last: { line: number; hash: string; timestamp: string } | undefined;
  let endsWellFormed = false;
  for (const range of ranges) {
    parts.push({ findings: range.findings, lineOffset });
    const at = (line: number): Location => ({ path, line: line + lineOffset });
    if (range.first) {
      if (last === undefined) {
        seamFindings.push({ rule: "chain.head", severity: "fail", message: HEAD_CUT, location: at(range.first.line) });
      } else {
        if (range.first.prevHash !== last.hash) {
          seamFindings.push({
            rule: "chain.link",
            severity: "fail",
            message: brokenLinkMessage(last.line),
            location: at(range.first.line),
          });
        }
        if (compareUint(range.first.timestamp, last.timestamp) < 0) {
          seamFindings.push({
            rule: "chain.timestamp",
            severity: "fail",
            message: backwardsMessage(last.line),
            location: at(range.first.line),
          });
        }
      }
    }
    for (const [hash, line] of range.segmentStarts) {
      const replayOf = starts.get(hash);
      if (replayOf !== undefined) {
        seamFindings.push({
          rule: "chain.link",
          severity: "fail",
          message: replayMessage(replayOf),
          location: at(line),
        });
      } else if (starts.size < MAX_LISTED_HEADS) {
        starts.set(hash, line + lineOffset);
      }
    }
    range.segments.forEach((segment) => {
      const previous = segments.at(-1);
      if (segment.continuation && previous) {
        previous.entries += segment.entries;
        previous.head = segment.head;
      } else if (segments.length < MAX_LISTED_HEADS) {
        segments.push({ ...segment, startLine: segment.startLine + lineOffset, continuation: false });
      }
    });
    // A run continued from a range with no well-formed entry is a run of its own (its head was reported).
    segmentCount += range.segmentCount + (range.segments[0]?.continuation && last === undefined ? 1 : 0);
    if (range.last) last = { ...range.last, line: range.last.line + lineOffset };
    if (range.entries > 0) endsWellFormed = range.endsWellFormed;
    entries += range.entries;
    lineOffset += range.lines;
  }
  const findings = FindingCollector.merge(parts, seamFindings);
  const heads = segments.map((segment) => segment.head);
  const rootHash = segments.at(-1)?.head ?? "";
  const metrics = {
    format: "torchcomply",
    entries,
    segments: segmentCount,
    heads,
    ...(segmentCount > heads.length ? { headsOmitted: segmentCount - heads.length } : {}),
    segmentEntries: segments.map((segment) => segment.entries),
    rootHash,
    tombstones: 0,
    keyRotations: 0,
  };
  const runs = segmentCount === 1 ? "1 run" : `${segmentCount} runs`;
  return {
    findings,
    outcome: {
      format: "torchcomply",
      entries,
      metrics,
      summary: `torchcomply audit chain: ${entries} entries in ${runs}${rootHash ? `, root ${rootHash}` : ""}`,
    },
    lastHash: endsWellFormed ? last?.hash : undefined,
  };
}
