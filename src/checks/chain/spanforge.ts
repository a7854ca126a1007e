/**
 * spanforge signed event chains (specs/spanforge.md §c), byte-compatible with spanforge's checksum and
 * signature and stricter than its `verify_chain`:
 * - the key map is bound: a rotation must be an `llm.audit.key.rotated` event and the new key must match
 *   the event's `new_secret_hash` (spanforge checks neither);
 * - timestamps are parsed (not compared as strings) and must not go backwards;
 * - a non-ASCII checksum or signature is reported as tampering instead of crashing the verifier.
 *
 * checksum  = "sha256:" + hex(SHA-256(json.dumps(payload, sort_keys, compact, ensure_ascii=False)))
 * signature = "hmac-sha256:" + hex(HMAC-SHA256(key, event_id + "|" + checksum + "|" + (prev_id or "")))
 *
 * spanforge links events by id only, so no field of the last event commits to the history. The head this
 * verifier reports is SHA-256 over every entry line in order, so a checkpoint of it commits to every byte
 * before it, including the envelope fields spanforge's signature does not cover.
 */
import { createHmac, hash as digest, type KeyObject } from "node:crypto";
import type { BinaryHash } from "../../core/binary-hash.js";
import { type ExportedFindings, FindingCollector, lineRef } from "../../core/findings.js";
import { HmacSha256 } from "../../core/hmac.js";
import { type JsonObject, JsonSyntaxError, type JsonValue, parseJson } from "../../core/json/parse.js";
import { PYTHON_COMPACT_UTF8, pythonDumps } from "../../core/json/python-dumps.js";
import { escapeFreeString, FieldSlices, isValidValue, KeyMatcher, locateFields } from "../../core/json/slice.js";
import type { Finding, Location } from "../../core/model.js";
import { isBlankText } from "./position-pass.js";
import { type ChainOutcome, type ChainVerifier, type KeyState, RecentWindow, safeEqual, shortId } from "./verifier.js";

export const ROTATION_EVENT = "llm.audit.key.rotated";
export const TOMBSTONE_EVENT = "llm.audit.tombstone";

/** A signing key as read from the environment. The secret never leaves this object. */
export type SigningKey =
  | { readonly kind: "key"; readonly envName: string; readonly secret: string }
  | { readonly kind: "missing"; readonly envName: string; readonly reason: string };

export interface SpanforgeKeys {
  readonly initial: SigningKey;
  /** Rotation event id → the key that signs the events after it. */
  readonly rotations: ReadonlyMap<string, SigningKey>;
}

/** spanforge's canonical payload bytes (as a string) and checksum. */
export function spanforgeChecksum(payload: JsonObject): string {
  return `sha256:${digest("sha256", pythonDumps(payload, PYTHON_COMPACT_UTF8), "hex")}`;
}

/** spanforge's signature over an event's id, stored checksum and prev_id. */
export function spanforgeSignature(
  key: KeyObject | string,
  eventId: string,
  checksum: string,
  prevId: string | null,
): string {
  const mac = createHmac("sha256", key)
    .update(`${eventId}|${checksum}|${prevId ?? ""}`, "utf8")
    .digest("hex");
  return `hmac-sha256:${mac}`;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;

/** Microseconds since the epoch for spanforge's `YYYY-MM-DDTHH:MM:SS.ffffffZ`, or undefined if not a real instant. */
export function parseSpanforgeTimestamp(value: string): number | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, us] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(ms);
  // Date.UTC rolls over (Feb 30 → Mar 2); a real date survives the round trip.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return ms * 1000 + us;
}

/**
 * Validates timestamps in order. spanforge's format is fixed-width, so for valid timestamps string order is
 * time order; the calendar check runs once per distinct date, not once per event.
 */
class TimestampOrder {
  private lastDate = "";
  // The first and last valid timestamps seen, with their lines (fields, not objects: this runs per event).
  private firstValue: string | undefined;
  private firstLine = 0;
  private lastValue: string | undefined;
  private lastLine = 0;

  get first(): { value: string; line: number } | undefined {
    return this.firstValue === undefined ? undefined : { value: this.firstValue, line: this.firstLine };
  }

  get last(): { value: string; line: number } | undefined {
    return this.lastValue === undefined ? undefined : { value: this.lastValue, line: this.lastLine };
  }

  /** 0 when in order, -1 when invalid, else the line of the later timestamp this one is earlier than. */
  check(value: string, line: number): number {
    const date = value.slice(0, 10);
    if (date === this.lastDate && value.length === 27 && value.charCodeAt(26) === 0x5a) {
      // same day as a valid timestamp: only the time of day needs checking
      if (!TIME_OF_DAY.test(value)) return -1;
    } else {
      if (parseSpanforgeTimestamp(value) === undefined) return -1;
      this.lastDate = date;
    }
    const backwardsThan = this.lastValue !== undefined && value < this.lastValue ? this.lastLine : 0;
    this.lastValue = value;
    this.lastLine = line;
    if (this.firstValue === undefined) {
      this.firstValue = value;
      this.firstLine = line;
    }
    return backwardsThan;
  }
}

const TIME_OF_DAY = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/;

interface ActiveKey {
  readonly envName: string;
  readonly hmac: HmacSha256;
}

interface Event {
  readonly eventId: string;
  readonly eventType: string;
  readonly timestamp: string;
  readonly checksum: string | undefined;
  readonly signature: string | undefined;
  readonly prevId: string | null;
  /** The payload, parsed: only on the slow path (rotations, tombstones, and anything unusual). */
  readonly payload: JsonObject | undefined;
  /** The checksum computed over the canonical payload. */
  readonly computedChecksum: string;
}

function readEvent(object: JsonObject): Event | string {
  const eventId = object.get("event_id");
  if (typeof eventId !== "string" || eventId === "") return "`event_id` must be a non-empty string";
  const eventType = object.get("event_type");
  if (typeof eventType !== "string") return "`event_type` must be a string";
  const timestamp = object.get("timestamp");
  if (typeof timestamp !== "string") return "`timestamp` must be a string";
  const payload = object.get("payload");
  if (!(payload instanceof Map)) return "`payload` must be an object";
  const checksum = object.get("checksum");
  if (checksum !== undefined && checksum !== null && typeof checksum !== "string") return "`checksum` must be a string";
  const signature = object.get("signature");
  if (signature !== undefined && signature !== null && typeof signature !== "string") {
    return "`signature` must be a string";
  }
  const prevId = object.get("prev_id");
  if (prevId !== undefined && prevId !== null && typeof prevId !== "string") return "`prev_id` must be a string";
  return {
    eventId,
    eventType,
    timestamp,
    payload,
    checksum: checksum ?? undefined,
    signature: signature ?? undefined,
    prevId: prevId ?? null,
    computedChecksum: spanforgeChecksum(payload),
  };
}

const ENVELOPE = ["event_id", "event_type", "timestamp", "checksum", "signature", "prev_id", "payload"] as const;
const ENVELOPE_MATCHER = new KeyMatcher(ENVELOPE);
const [EVENT_ID, EVENT_TYPE, TIMESTAMP_FIELD, CHECKSUM, SIGNATURE, PREV_ID, PAYLOAD] = [0, 1, 2, 3, 4, 5, 6];
const REQUIRED_MASK = 0b1011111; // every envelope field but prev_id
const fastFields = new FieldSlices(ENVELOPE.length);

/**
 * The fast path for an event as spanforge's `to_json()` writes it. Its payload is written in canonical form,
 * so when SHA-256 of the payload's bytes as they stand equals the stored checksum, those bytes *are* the
 * canonical payload (short of a SHA-256 collision) and re-serialising it would change nothing. Anything else
 * (escapes in envelope strings, a non-canonical payload, rotations and tombstones whose payload fields are
 * read) returns undefined and takes the full parser.
 */
function fastEvent(text: string, isKeyMapped: (eventId: string) => boolean): Event | undefined {
  const fields = fastFields;
  // Other envelope fields (org_id, source, tags…) need only be valid JSON.
  const seen = locateFields(text, ENVELOPE_MATCHER, fields, (start, end) => isValidValue(text, start, end));
  if (seen < 0) return undefined;
  if ((seen & REQUIRED_MASK) !== REQUIRED_MASK) return undefined;
  const string = (field: number): string | undefined =>
    escapeFreeString(text, fields.start[field] ?? 0, fields.end[field] ?? 0);
  const eventId = string(EVENT_ID);
  const eventType = string(EVENT_TYPE);
  const timestamp = string(TIMESTAMP_FIELD);
  const checksum = string(CHECKSUM);
  const signature = string(SIGNATURE);
  let prevId: string | null | undefined = null;
  if ((seen & (1 << PREV_ID)) !== 0) {
    const raw = fields.slice(text, PREV_ID);
    prevId = raw === "null" ? null : string(PREV_ID);
  }
  if (eventId === undefined || eventId === "" || eventType === undefined || timestamp === undefined) return undefined;
  if (checksum === undefined || signature === undefined || prevId === undefined) return undefined;
  if (text.charCodeAt(fields.start[PAYLOAD] ?? 0) !== 0x7b) return undefined;
  if (eventType === ROTATION_EVENT || eventType === TOMBSTONE_EVENT || isKeyMapped(eventId)) return undefined;
  const computedChecksum = `sha256:${digest("sha256", fields.slice(text, PAYLOAD), "hex")}`;
  if (computedChecksum !== checksum) return undefined;
  return { eventId, eventType, timestamp, checksum, signature, prevId, payload: undefined, computedChecksum };
}

const SIGNATURE_PREFIX = "hmac-sha256:";

/** Constant-time check of a stored `hmac-sha256:<lower-case hex>` against the MAC computed with the secret key. */
function signatureMatches(expected: BinaryHash, stored: string): boolean {
  // The format check reads only the stored (public) value; the secret-dependent comparison is constant-time:
  // every byte is compared, with no branch on the MAC, and nothing is allocated.
  if (stored.length !== 76 || !stored.startsWith(SIGNATURE_PREFIX)) return false;
  for (let i = 12; i < 76; i++) {
    const c = stored.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false; // spanforge compares as text
  }
  let difference = 0;
  for (let i = 0; i < 32; i++) {
    const high = hexValue(stored.charCodeAt(12 + 2 * i));
    const low = hexValue(stored.charCodeAt(13 + 2 * i));
    difference |= ((high << 4) | low) ^ expected.charCodeAt(i);
  }
  return difference === 0;
}

/** A lower-case hex digit's value (the stored signature is public, so its digits may branch). */
function hexValue(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x57;
}

function activate(key: SigningKey): ActiveKey | undefined {
  return key.kind === "key"
    ? { envName: key.envName, hmac: new HmacSha256(Buffer.from(key.secret, "utf8")) }
    : undefined;
}

/** One byte range's verification, as plain data (crosses worker threads); `combineSpanforge` merges them. */
export interface SpanforgeRange {
  readonly format: "spanforge";
  /** Lines read; finding lines are 1-based within the range. */
  readonly lines: number;
  readonly entries: number;
  readonly events: number;
  readonly findings: ExportedFindings;
  readonly hadBom: boolean;
  /** The first event, when its link could only be checked against the range before (the seam). */
  readonly first: { readonly line: number; readonly eventId: string; readonly prevId: string | null } | undefined;
  readonly last: { readonly line: number; readonly eventId: string } | undefined;
  readonly firstTimestamp: { readonly value: string; readonly line: number } | undefined;
  readonly lastTimestamp: { readonly value: string; readonly line: number } | undefined;
  readonly tombstones: number;
  readonly tombstoneIds: readonly string[];
  readonly keyRotations: number;
  readonly unverified: number;
  /** The key assumed at the start, and the key in force at the end: a range after a rotation is re-run. */
  readonly keyAtStart: KeyState;
  readonly keyAtEnd: KeyState;
}

export class SpanforgeVerifier implements ChainVerifier {
  private readonly findings = new FindingCollector();
  private readonly path: string;
  private readonly keys: SpanforgeKeys;
  private readonly isKeyMapped: (eventId: string) => boolean;
  private readonly continues: boolean;
  private readonly keyAtStart: KeyState;

  private keyState: KeyState;
  private currentKey: ActiveKey | undefined;
  private unverified = 0;
  private entries = 0;
  private events = 0;
  // The event before the current one (fields, not an object: this runs per event).
  private previousId: string | undefined;
  private previousLine = 0;
  private first: SpanforgeRange["first"];
  private readonly timestamps = new TimestampOrder();
  private readonly recentIds = new RecentWindow();
  private tombstones = 0;
  private readonly tombstoneIds: string[] = [];
  private keyRotations = 0;

  constructor(options: { path: string; keys: SpanforgeKeys; continues: boolean; startKey: KeyState }) {
    this.path = options.path;
    this.keys = options.keys;
    this.continues = options.continues;
    const rotations = options.keys.rotations;
    this.isKeyMapped = (eventId) => rotations.has(eventId);
    this.keyAtStart = options.startKey;
    this.keyState = options.startKey;
    this.currentKey = this.keyFor(options.startKey);
    // Reported once, by the range that starts the file.
    if (!options.continues && options.keys.initial.kind === "missing") {
      this.findings.add("chain.signature", "error", options.keys.initial.reason, { path: this.path, line: 1 });
    }
  }

  private keyFor(state: KeyState): ActiveKey | undefined {
    if (state.kind === "initial") return activate(this.keys.initial);
    if (state.kind === "rotated") {
      const key = this.keys.rotations.get(state.eventId);
      return key === undefined ? undefined : activate(key);
    }
    return undefined;
  }

  badLine(lineNumber: number, reason: string): void {
    this.entries++;
    this.findings.add("chain.malformed", "error", reason, { path: this.path, line: lineNumber });
  }

  line(text: string, lineNumber: number): void {
    if (isBlankText(text)) return;
    this.entries++;
    const event = fastEvent(text, this.isKeyMapped) ?? this.slowEvent(text, lineNumber);
    if (event === undefined) return;
    this.events++;
    this.verifyChecksum(event, lineNumber);
    this.verifySignature(event, lineNumber);
    this.verifyLink(event, lineNumber);
    this.verifyTimestamp(event, lineNumber);
    if (event.eventType === TOMBSTONE_EVENT) this.countTombstone(event, this.at(lineNumber, event));
    if (event.eventType === ROTATION_EVENT || this.isKeyMapped(event.eventId))
      this.rotate(event, this.at(lineNumber, event));
    this.recentIds.remember(event.eventId, lineNumber);
  }

  /** Where a finding about an event points (built only when there is a finding). */
  private at(lineNumber: number, event: Event): Location {
    return { path: this.path, line: lineNumber, eventId: event.eventId };
  }

  /** The full parser: exact about what is wrong with a line. Reports and returns undefined for a bad line. */
  private slowEvent(text: string, lineNumber: number): Event | undefined {
    const at: Location = { path: this.path, line: lineNumber };
    let parsed: JsonValue;
    try {
      parsed = parseJson(text, { allowNonFinite: true, maxDepth: 128 });
    } catch (error) {
      const reason = error instanceof JsonSyntaxError ? error.message : String(error);
      this.findings.add("chain.malformed", "error", `not a JSON event: ${reason}`, at);
      return undefined;
    }
    const event = parsed instanceof Map ? readEvent(parsed) : "expected an object";
    if (typeof event === "string") {
      this.findings.add("chain.malformed", "error", `not a spanforge event: ${event}`, at);
      return undefined;
    }
    return event;
  }

  private verifyChecksum(event: Event, lineNumber: number): void {
    if (event.checksum === undefined) {
      this.findings.add(
        "chain.hash",
        "fail",
        "event has no checksum: its payload is not protected",
        this.at(lineNumber, event),
      );
      return;
    }
    // A checksum is a public digest of public data: no timing side channel to guard here.
    if (event.computedChecksum !== event.checksum) {
      this.findings.add(
        "chain.hash",
        "fail",
        `payload does not match its checksum (stored ${shortId(event.checksum, 71)}, computed ${event.computedChecksum}): the payload was edited`,
        this.at(lineNumber, event),
      );
    }
  }

  private verifySignature(event: Event, lineNumber: number): void {
    if (event.signature === undefined) {
      this.findings.add("chain.signature", "fail", "event is not signed", this.at(lineNumber, event));
      return;
    }
    if (!this.currentKey) {
      this.unverified++;
      return;
    }
    // spanforge signs the stored checksum, so a missing checksum signs as "" and fails here as it does there.
    const expected = this.currentKey.hmac.binary(`${event.eventId}|${event.checksum ?? ""}|${event.prevId ?? ""}`);
    if (!signatureMatches(expected, event.signature)) {
      this.findings.add(
        "chain.signature",
        "fail",
        `signature does not verify with the key from ${this.currentKey.envName}: the event id, checksum or prev_id was changed, or it was signed with another key`,
        this.at(lineNumber, event),
      );
    }
  }

  private verifyLink(event: Event, lineNumber: number): void {
    const previousId = this.previousId;
    const previousLine = this.previousLine;
    this.previousId = event.eventId;
    this.previousLine = lineNumber;
    if (previousId === undefined) {
      if (this.continues) {
        this.first = { line: lineNumber, eventId: event.eventId, prevId: event.prevId };
      } else if (event.prevId !== null) {
        this.findings.add("chain.head", "fail", headCutMessage(event.prevId), this.at(lineNumber, event));
      }
      return;
    }
    // An intact link cannot repeat an earlier event short of a replayed run, so look back only once broken.
    if (event.prevId === previousId) return;
    const at = this.at(lineNumber, event);
    if (!this.findings.listsMore("chain.link")) {
      this.findings.add("chain.link", "fail", brokenLinkMessage(event.prevId, lineRef(previousLine)), at);
      return;
    }
    const duplicateOf = this.recentIds.lineOf(event.eventId);
    const pointsTo = event.prevId === null ? undefined : this.recentIds.lineOf(event.prevId);
    const message =
      duplicateOf !== undefined
        ? duplicateMessage(lineRef(duplicateOf))
        : pointsTo !== undefined
          ? `prev_id points to the event at line ${lineRef(pointsTo)}, not to the event before it (line ${lineRef(previousLine)}): events were reordered or inserted`
          : brokenLinkMessage(event.prevId, lineRef(previousLine));
    this.findings.add("chain.link", "fail", message, at);
  }

  private verifyTimestamp(event: Event, lineNumber: number): void {
    const order = this.timestamps.check(event.timestamp, lineNumber);
    if (order < 0) {
      this.findings.add(
        "chain.timestamp",
        "fail",
        "timestamp is not a valid spanforge timestamp (YYYY-MM-DDTHH:MM:SS.ffffffZ, a real UTC date)",
        this.at(lineNumber, event),
      );
    } else if (order > 0) {
      this.findings.add("chain.timestamp", "fail", backwardsMessage(lineRef(order)), this.at(lineNumber, event));
    }
  }

  private countTombstone(event: Event, at: Location): void {
    this.tombstones++;
    if (this.tombstoneIds.length < MAX_LISTED_TOMBSTONES) this.tombstoneIds.push(event.eventId);
    const hashValue = event.payload?.get("erased_subject_id_hash");
    if (typeof hashValue !== "string" || !/^[0-9a-f]{64}$/.test(hashValue)) {
      this.findings.add(
        "chain.malformed",
        "warn",
        "tombstone has no `erased_subject_id_hash` (64 hex characters): the erasure cannot be traced to a request",
        at,
      );
    }
  }

  /** Switch keys after a rotation event, as spanforge does, but only when the rotation is bound to the key. */
  private rotate(event: Event, at: Location): void {
    const next = this.keys.rotations.get(event.eventId);
    if (event.eventType !== ROTATION_EVENT) {
      this.findings.add(
        "chain.signature",
        "fail",
        `the key map names this event, but it is a ${shortId(event.eventType, 60)} event, not ${ROTATION_EVENT}: the key was not switched`,
        at,
      );
      return;
    }
    this.keyRotations++;
    if (next === undefined || next.kind === "missing") {
      this.keyState = { kind: "unavailable" };
      this.currentKey = undefined;
      const message =
        next === undefined
          ? `key rotation with no key for it: add "${shortId(event.eventId, 64)}": "<ENV_VAR_NAME>" to the key map (--key-map); events after it cannot be verified`
          : `${next.reason}; events after this rotation cannot be verified`;
      this.findings.add("chain.signature", "error", message, at);
      return;
    }
    const announced = event.payload?.get("new_secret_hash");
    const actual = digest("sha256", next.secret, "hex");
    if (typeof announced !== "string" || !safeEqual(announced, actual)) {
      this.findings.add(
        "chain.signature",
        "fail",
        `the key in ${next.envName} does not match this rotation's new_secret_hash: the rotation event does not announce that key`,
        at,
      );
    }
    this.keyState = { kind: "rotated", eventId: event.eventId };
    this.currentKey = activate(next);
  }

  result(options: { lines: number; hadBom: boolean }): SpanforgeRange {
    return {
      format: "spanforge",
      lines: options.lines,
      entries: this.entries,
      events: this.events,
      findings: this.findings.export(),
      hadBom: options.hadBom,
      first: this.first,
      last: this.previousId === undefined ? undefined : { line: this.previousLine, eventId: this.previousId },
      firstTimestamp: this.timestamps.first,
      lastTimestamp: this.timestamps.last,
      tombstones: this.tombstones,
      tombstoneIds: this.tombstoneIds,
      keyRotations: this.keyRotations,
      unverified: this.unverified,
      keyAtStart: this.keyAtStart,
      keyAtEnd: this.keyState,
    };
  }
}

const MAX_LISTED_TOMBSTONES = 100;

function headCutMessage(prevId: string): string {
  return `the first event points to a predecessor (prev_id ${shortId(prevId)}): events before it were cut from the head`;
}

function duplicateMessage(line: number | string): string {
  return `duplicate event_id: the same id is used at line ${line}`;
}

function brokenLinkMessage(prevId: string | null, previousLine: number | string): string {
  return prevId === null
    ? `event has no prev_id: the link to the event before it (line ${previousLine}) was removed, or a second chain starts here`
    : `prev_id does not name the event before it (line ${previousLine}): an event was deleted, inserted or replaced`;
}

function backwardsMessage(line: number | string): string {
  return `timestamp goes backwards: earlier than the event at line ${line} (timestamps are not covered by the signature)`;
}

/** Merge the ranges of one file, in order: seams checked, lines made file lines, metrics summed. */
export function combineSpanforge(
  ranges: readonly SpanforgeRange[],
  options: { path: string; extra: readonly Finding[]; head: string },
): { findings: FindingCollector; outcome: ChainOutcome } {
  const path = options.path;
  const seamFindings: Finding[] = [...options.extra];
  const parts: { findings: ExportedFindings; lineOffset: number }[] = [];
  let lineOffset = 0;
  let last: { line: number; eventId: string } | undefined;
  let lastTimestamp: { value: string; line: number } | undefined;
  const totals = { entries: 0, events: 0, tombstones: 0, keyRotations: 0, unverified: 0 };
  const tombstoneIds: string[] = [];
  for (const range of ranges) {
    parts.push({ findings: range.findings, lineOffset });
    const at = (line: number, eventId?: string): Location => ({
      path,
      line: line + lineOffset,
      ...(eventId === undefined ? {} : { eventId }),
    });
    if (range.first) {
      const { line, eventId, prevId } = range.first;
      if (last === undefined) {
        if (prevId !== null) {
          seamFindings.push({
            rule: "chain.head",
            severity: "fail",
            message: headCutMessage(prevId),
            location: at(line, eventId),
          });
        }
      } else if (eventId === last.eventId) {
        seamFindings.push({
          rule: "chain.link",
          severity: "fail",
          message: duplicateMessage(last.line),
          location: at(line, eventId),
        });
      } else if (prevId !== last.eventId) {
        seamFindings.push({
          rule: "chain.link",
          severity: "fail",
          message: brokenLinkMessage(prevId, last.line),
          location: at(line, eventId),
        });
      }
    }
    const first = range.firstTimestamp;
    if (first && lastTimestamp && first.value < lastTimestamp.value) {
      seamFindings.push({
        rule: "chain.timestamp",
        severity: "fail",
        message: backwardsMessage(lastTimestamp.line),
        location: at(first.line),
      });
    }
    if (range.last) last = { ...range.last, line: range.last.line + lineOffset };
    if (range.lastTimestamp) lastTimestamp = { ...range.lastTimestamp, line: range.lastTimestamp.line + lineOffset };
    totals.entries += range.entries;
    totals.events += range.events;
    totals.tombstones += range.tombstones;
    totals.keyRotations += range.keyRotations;
    totals.unverified += range.unverified;
    tombstoneIds.push(...range.tombstoneIds.slice(0, MAX_LISTED_TOMBSTONES - tombstoneIds.length));
    lineOffset += range.lines;
  }
  const head = options.head;
  const metrics = {
    format: "spanforge",
    entries: totals.entries,
    segments: totals.events > 0 ? 1 : 0,
    heads: head ? [head] : [],
    rootHash: head,
    tombstones: totals.tombstones,
    tombstoneEventIds: tombstoneIds,
    keyRotations: totals.keyRotations,
    unverifiedSignatures: totals.unverified,
  };
  const keyNote = totals.unverified > 0 ? `, ${totals.unverified} signatures not verified (no key)` : "";
  return {
    findings: FindingCollector.merge(parts, seamFindings),
    outcome: {
      format: "spanforge",
      entries: totals.entries,
      metrics,
      summary:
        `spanforge signed chain: ${totals.entries} events, ${totals.keyRotations} key rotations, ` +
        `${totals.tombstones} tombstones${keyNote}${head ? `, head ${head}` : ""}`,
    },
  };
}
