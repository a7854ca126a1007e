/**
 * A test-side spanforge writer: signs, rotates keys and erases subjects the way spanforge's `AuditStream`
 * does (specs/spanforge.md §c.2, §c.5, §c.6), so tests can build rotated and erased chains from the real
 * `first_100.jsonl`. Its primitives are the ones the signing vectors prove byte-exact.
 */
import { createHash } from "node:crypto";
import { spanforgeChecksum, spanforgeSignature } from "../../src/checks/chain/spanforge.js";
import { type JsonObject, type JsonValue, parseJson } from "../../src/core/json/parse.js";
import { PYTHON_COMPACT_UTF8, pythonDumps } from "../../src/core/json/python-dumps.js";

export type SpanforgeEvent = JsonObject;

export function parseEvents(text: string): SpanforgeEvent[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => parseJson(line, { allowNonFinite: true }) as SpanforgeEvent);
}

/** `Event.to_json()`: keys sorted at every depth, compact, non-ASCII raw. */
export function toJson(event: SpanforgeEvent): string {
  return pythonDumps(event, PYTHON_COMPACT_UTF8);
}

export function eventId(event: SpanforgeEvent): string {
  return event.get("event_id") as string;
}

/** `sign(event, key, prev_event)`: fresh checksum, prev_id and signature. */
export function sign(event: SpanforgeEvent, key: string, prevId: string | null): SpanforgeEvent {
  const signed: SpanforgeEvent = new Map(event);
  const checksum = spanforgeChecksum(signed.get("payload") as JsonObject);
  signed.set("checksum", checksum);
  if (prevId === null) signed.delete("prev_id");
  else signed.set("prev_id", prevId);
  signed.set("signature", spanforgeSignature(key, eventId(signed), checksum, prevId));
  return signed;
}

/** Re-sign a whole list as one chain, each event with the key `keyFor(index)` returns. */
export function signChain(events: SpanforgeEvent[], keyFor: (index: number) => string): SpanforgeEvent[] {
  const out: SpanforgeEvent[] = [];
  events.forEach((event, index) => {
    out.push(sign(event, keyFor(index), index === 0 ? null : eventId(out[index - 1] as SpanforgeEvent)));
  });
  return out;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * `AuditStream.rotate_key(new_secret)` after event `at - 1`: appends a `llm.audit.key.rotated` event signed
 * with the old key, then signs every later event with the new key.
 */
export function rotateKey(options: {
  events: SpanforgeEvent[];
  at: number;
  oldKey: string;
  newKey: string;
  rotationId: string;
  announcedKey?: string;
}): SpanforgeEvent[] {
  const { events, at, oldKey, newKey, rotationId } = options;
  const before = events[at - 1] as SpanforgeEvent;
  const payload: JsonObject = new Map<string, JsonValue>([
    ["rotation_marker", "true"],
    ["new_secret_hash", sha256Hex(options.announcedKey ?? newKey)],
    ["rotated_by", "unknown"],
  ]);
  const rotation: SpanforgeEvent = new Map<string, JsonValue>([
    ["event_id", rotationId],
    ["event_type", "llm.audit.key.rotated"],
    ["org_id", before.get("org_id") as string],
    ["payload", payload],
    ["schema_version", "2.0"],
    ["source", "harness@1.0.0"],
    ["timestamp", before.get("timestamp") as string],
  ]);
  const all = [...events.slice(0, at), rotation, ...events.slice(at)];
  return signChain(all, (index) => (index <= at ? oldKey : newKey));
}

/**
 * `AuditStream.erase_subject(subject)`: every event whose top-level payload string equals `subject` becomes a
 * `llm.audit.tombstone` with the same id and timestamp, re-signed in place (the chain still verifies).
 */
export function eraseSubject(events: SpanforgeEvent[], subject: string, key: string): SpanforgeEvent[] {
  const erased = events.map((event) => {
    const payload = event.get("payload") as JsonObject;
    if (![...payload.values()].some((value) => value === subject)) return event;
    const tombstone: SpanforgeEvent = new Map(event);
    tombstone.set("event_type", "llm.audit.tombstone");
    tombstone.set(
      "payload",
      new Map<string, JsonValue>([
        ["erased_subject_id_hash", sha256Hex(subject)],
        ["original_event_type", event.get("event_type") as string],
        ["erased_by", "unknown"],
        ["reason", "GDPR Art.17 right to erasure"],
      ]),
    );
    return tombstone;
  });
  return signChain(erased, () => key);
}
