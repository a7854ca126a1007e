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
 * verifier reports folds each event's id, checksum and signature into a running SHA-256, so a checkpoint of
 * it commits to every signed byte before it.
 */
import { createHmac, createSecretKey, hash as digest, type KeyObject } from "node:crypto";
import type { FindingCollector } from "../../core/findings.js";
import { type JsonObject, JsonSyntaxError, type JsonValue, parseJson } from "../../core/json/parse.js";
import { PYTHON_COMPACT_UTF8, pythonDumps } from "../../core/json/python-dumps.js";
import type { Location } from "../../core/model.js";
import type { AnchorWatcher } from "./anchor.js";
import { type ChainOutcome, type ChainVerifier, RecentWindow, safeEqual, shortId } from "./verifier.js";

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

interface ActiveKey {
  readonly envName: string;
  readonly key: KeyObject;
}

interface Event {
  readonly eventId: string;
  readonly eventType: string;
  readonly timestamp: string;
  readonly payload: JsonObject;
  readonly checksum: string | undefined;
  readonly signature: string | undefined;
  readonly prevId: string | null;
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
  };
}

function activate(key: SigningKey): ActiveKey | undefined {
  return key.kind === "key"
    ? { envName: key.envName, key: createSecretKey(Buffer.from(key.secret, "utf8")) }
    : undefined;
}

export class SpanforgeVerifier implements ChainVerifier {
  private readonly findings: FindingCollector;
  private readonly anchor: AnchorWatcher;
  private readonly path: string;
  private readonly keys: SpanforgeKeys;

  private currentKey: ActiveKey | undefined;
  /** Why signatures are not being checked right now (no key, or a rotation without a key). */
  private keyless: { line: number; reason: string } | undefined;
  private unverified = 0;
  private entries = 0;
  private events = 0;
  private previous: { eventId: string; line: number; micros: number | undefined } | undefined;
  private lastValidMicros: { micros: number; line: number } | undefined;
  private readonly recentIds = new RecentWindow();
  private head = "";
  private tombstones = 0;
  private readonly tombstoneIds: string[] = [];
  private keyRotations = 0;

  constructor(options: { findings: FindingCollector; anchor: AnchorWatcher; path: string; keys: SpanforgeKeys }) {
    this.findings = options.findings;
    this.anchor = options.anchor;
    this.path = options.path;
    this.keys = options.keys;
    this.currentKey = activate(options.keys.initial);
    if (options.keys.initial.kind === "missing") {
      this.keyless = { line: 1, reason: options.keys.initial.reason };
      this.findings.add("chain.signature", "error", options.keys.initial.reason, { path: this.path, line: 1 });
    }
  }

  badLine(lineNumber: number, reason: string): void {
    this.entries++;
    this.findings.add("chain.malformed", "error", reason, { path: this.path, line: lineNumber });
    this.anchor.observe(this.entries, this.head, lineNumber);
  }

  line(text: string, lineNumber: number): void {
    if (text.trim() === "") return;
    this.entries++;
    const at: Location = { path: this.path, line: lineNumber };
    let parsed: JsonValue;
    try {
      parsed = parseJson(text, { allowNonFinite: true, maxDepth: 128 });
    } catch (error) {
      const reason = error instanceof JsonSyntaxError ? error.message : String(error);
      this.findings.add("chain.malformed", "error", `not a JSON event: ${reason}`, at);
      this.anchor.observe(this.entries, this.head, lineNumber);
      return;
    }
    const event = parsed instanceof Map ? readEvent(parsed) : "expected an object";
    if (typeof event === "string") {
      this.findings.add("chain.malformed", "error", `not a spanforge event: ${event}`, at);
      this.anchor.observe(this.entries, this.head, lineNumber);
      return;
    }
    this.events++;
    const located: Location = { ...at, eventId: event.eventId };
    this.verifyChecksum(event, located);
    this.verifySignature(event, located);
    this.verifyLink(event, located, lineNumber);
    this.verifyTimestamp(event, located, lineNumber);
    if (event.eventType === TOMBSTONE_EVENT) this.countTombstone(event, located);
    if (event.eventType === ROTATION_EVENT || this.keys.rotations.has(event.eventId))
      this.rotate(event, located, lineNumber);

    this.recentIds.remember(event.eventId, lineNumber);
    this.head = digest(
      "sha256",
      `${this.head}\n${event.eventId}\n${event.checksum ?? ""}\n${event.signature ?? ""}`,
      "hex",
    );
    this.anchor.observe(this.entries, this.head, lineNumber);
  }

  private verifyChecksum(event: Event, at: Location): void {
    if (event.checksum === undefined) {
      this.findings.add("chain.hash", "fail", "event has no checksum: its payload is not protected", at);
      return;
    }
    const computed = spanforgeChecksum(event.payload);
    if (!safeEqual(computed, event.checksum)) {
      this.findings.add(
        "chain.hash",
        "fail",
        `payload does not match its checksum (stored ${shortId(event.checksum, 71)}, computed ${computed}): the payload was edited`,
        at,
      );
    }
  }

  private verifySignature(event: Event, at: Location): void {
    if (event.signature === undefined) {
      this.findings.add("chain.signature", "fail", "event is not signed", at);
      return;
    }
    if (!this.currentKey) {
      this.unverified++;
      return;
    }
    // spanforge signs the stored checksum, so a missing checksum signs as "" and fails here as it does there.
    const expected = spanforgeSignature(this.currentKey.key, event.eventId, event.checksum ?? "", event.prevId);
    if (!safeEqual(expected, event.signature)) {
      this.findings.add(
        "chain.signature",
        "fail",
        `signature does not verify with the key from ${this.currentKey.envName}: the event id, checksum or prev_id was changed, or it was signed with another key`,
        at,
      );
    }
  }

  private verifyLink(event: Event, at: Location, lineNumber: number): void {
    const previous = this.previous;
    this.previous = {
      eventId: event.eventId,
      line: lineNumber,
      micros: parseSpanforgeTimestamp(event.timestamp),
    };
    if (previous === undefined) {
      if (event.prevId !== null) {
        this.findings.add(
          "chain.head",
          "fail",
          `the first event points to a predecessor (prev_id ${shortId(event.prevId)}): events before it were cut from the head`,
          at,
        );
      }
      return;
    }
    const duplicateOf = this.recentIds.lineOf(event.eventId);
    if (duplicateOf !== undefined) {
      this.findings.add("chain.link", "fail", `duplicate event_id: the same id is used at line ${duplicateOf}`, at);
      return;
    }
    if (event.prevId === null) {
      this.findings.add(
        "chain.link",
        "fail",
        `event has no prev_id: the link to the event before it (line ${previous.line}) was removed, or a second chain starts here`,
        at,
      );
      return;
    }
    if (event.prevId !== previous.eventId) {
      const pointsTo = this.recentIds.lineOf(event.prevId);
      const message =
        pointsTo !== undefined
          ? `prev_id points to the event at line ${pointsTo}, not to the event before it (line ${previous.line}): events were reordered or inserted`
          : `prev_id does not name the event before it (line ${previous.line}): an event was deleted, inserted or replaced`;
      this.findings.add("chain.link", "fail", message, at);
    }
  }

  private verifyTimestamp(event: Event, at: Location, lineNumber: number): void {
    const micros = parseSpanforgeTimestamp(event.timestamp);
    if (micros === undefined) {
      this.findings.add(
        "chain.timestamp",
        "fail",
        "timestamp is not a valid spanforge timestamp (YYYY-MM-DDTHH:MM:SS.ffffffZ, a real UTC date)",
        at,
      );
      return;
    }
    const last = this.lastValidMicros;
    if (last !== undefined && micros < last.micros) {
      this.findings.add(
        "chain.timestamp",
        "fail",
        `timestamp goes backwards: earlier than the event at line ${last.line} (timestamps are not covered by the signature)`,
        at,
      );
    }
    this.lastValidMicros = { micros, line: lineNumber };
  }

  private countTombstone(event: Event, at: Location): void {
    this.tombstones++;
    if (this.tombstoneIds.length < 100) this.tombstoneIds.push(event.eventId);
    const hashValue = event.payload.get("erased_subject_id_hash");
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
  private rotate(event: Event, at: Location, lineNumber: number): void {
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
    if (next === undefined) {
      this.currentKey = undefined;
      this.keyless = { line: lineNumber, reason: "rotation without a key" };
      this.findings.add(
        "chain.signature",
        "error",
        `key rotation with no key for it: add "${event.eventId}": "<ENV_VAR_NAME>" to the key map (--key-map); events after it cannot be verified`,
        at,
      );
      return;
    }
    if (next.kind === "missing") {
      this.currentKey = undefined;
      this.keyless = { line: lineNumber, reason: next.reason };
      this.findings.add(
        "chain.signature",
        "error",
        `${next.reason}; events after this rotation cannot be verified`,
        at,
      );
      return;
    }
    const announced = event.payload.get("new_secret_hash");
    const actual = digest("sha256", next.secret, "hex");
    if (typeof announced !== "string" || !safeEqual(announced, actual)) {
      this.findings.add(
        "chain.signature",
        "fail",
        `the key in ${next.envName} does not match this rotation's new_secret_hash: the rotation event does not announce that key`,
        at,
      );
    }
    this.currentKey = activate(next);
    this.keyless = undefined;
  }

  finish(lastLine: number): ChainOutcome {
    this.anchor.finish(this.entries, lastLine);
    const metrics = {
      format: "spanforge",
      entries: this.entries,
      segments: this.events > 0 ? 1 : 0,
      heads: this.head ? [this.head] : [],
      rootHash: this.head,
      tombstones: this.tombstones,
      tombstoneEventIds: this.tombstoneIds,
      keyRotations: this.keyRotations,
      unverifiedSignatures: this.unverified,
    };
    const keyNote = this.keyless && this.unverified > 0 ? `, ${this.unverified} signatures not verified (no key)` : "";
    return {
      format: "spanforge",
      entries: this.entries,
      head: this.head,
      metrics,
      summary:
        `spanforge signed chain: ${this.entries} events, ${this.keyRotations} key rotations, ` +
        `${this.tombstones} tombstones${keyNote}${this.head ? `, head ${this.head}` : ""}`,
    };
  }
}
