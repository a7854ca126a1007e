import { describe, expect, it } from "vitest";
import { located, realLines, SPANFORGE_CHAIN, SPANFORGE_KEY, verifyLines } from "../../../test/helpers/chain-files.js";
import {
  eraseSubject,
  eventId,
  parseEvents,
  rotateKey,
  type SpanforgeEvent,
  sign,
  signChain,
  toJson,
} from "../../../test/helpers/spanforge-writer.js";
import type { JsonObject } from "../../core/json/parse.js";
import { parseSpanforgeTimestamp } from "./spanforge.js";

const lines = realLines(SPANFORGE_CHAIN);
const events = parseEvents(lines.join("\n"));
const env = { SPANFORGE_SIGNING_KEY: SPANFORGE_KEY };
const NEW_KEY = "rotated-key-0123456789-ABCDEFGHIJ!";

function withPayload(event: SpanforgeEvent, edit: (payload: JsonObject) => void): SpanforgeEvent {
  const copy: SpanforgeEvent = new Map(event);
  const payload: JsonObject = new Map(event.get("payload") as JsonObject);
  edit(payload);
  copy.set("payload", payload);
  return copy;
}

describe("spanforge signed chains: the real chain", () => {
  it("first_100.jsonl verifies with its key: 100 events, no gaps, no tampering", async () => {
    const { result, checkpoint } = await verifyLines(lines, { env });
    expect(result.findings).toEqual([]);
    expect(result.status).toBe("pass");
    expect(result.metrics).toMatchObject({
      format: "spanforge",
      entries: 100,
      segments: 1,
      tombstones: 0,
      keyRotations: 0,
    });
    expect(checkpoint?.entries).toBe(100);
    expect(checkpoint?.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it("re-serialises every event exactly as spanforge's Event.to_json() wrote it", () => {
    expect(events.map(toJson)).toEqual(lines);
  });

  it("without a key it is an error naming the variable to set, and never a pass", async () => {
    const output = await verifyLines(lines, { env: {} });
    expect(output.result.status).toBe("error");
    expect(located(output)).toEqual([["chain.signature", 1, "error"]]);
    expect(output.result.findings[0]?.message).toMatch(/environment variable SPANFORGE_SIGNING_KEY is not set/);
    expect(output.result.metrics.unverifiedSignatures).toBe(100);
  });

  it("with the wrong key every signature fails, and the key itself is never printed", async () => {
    const wrongKey = "not-the-key-but-long-enough-0123456789";
    const output = await verifyLines(lines, { env: { SPANFORGE_SIGNING_KEY: wrongKey } });
    expect(output.result.status).toBe("fail");
    expect(output.result.clauses.find((c) => c.id === "chain.signature")?.evidence.failures).toBe(100);
    expect(JSON.stringify(output)).not.toContain(wrongKey);
  });
});

describe("spanforge signed chains: tampering", () => {
  it("an edited payload is chain.hash at that line (its signature still covers the stored checksum)", async () => {
    const tampered = withPayload(events[39] as SpanforgeEvent, (payload) => payload.set("status", "ok-edited"));
    const output = await verifyLines(lines.toSpliced(39, 1, toJson(tampered)), { env });
    expect(located(output)).toEqual([["chain.hash", 40, "fail"]]);
    expect(output.result.findings[0]?.location.eventId).toBe(eventId(events[39] as SpanforgeEvent));
  });

  it("an edited payload with a recomputed checksum (no key) is chain.signature at that line", async () => {
    const edited = withPayload(events[39] as SpanforgeEvent, (payload) => payload.set("status", "ok-edited"));
    const resigned = sign(edited, "attacker-does-not-have-the-key", eventId(events[38] as SpanforgeEvent));
    resigned.set("signature", (events[39] as SpanforgeEvent).get("signature") as string);
    const output = await verifyLines(lines.toSpliced(39, 1, toJson(resigned)), { env });
    expect(located(output)).toEqual([["chain.signature", 40, "fail"]]);
  });

  it("a deleted event is chain.link at the event after the hole", async () => {
    const output = await verifyLines(lines.toSpliced(39, 1), { env });
    expect(located(output)).toEqual([["chain.link", 40, "fail"]]);
  });

  it("two swapped events break the links at both and at the event after them", async () => {
    const swapped = [...lines];
    [swapped[39], swapped[40]] = [swapped[40] as string, swapped[39] as string];
    const output = await verifyLines(swapped, { env });
    expect(located(output)).toEqual([
      ["chain.link", 40, "fail"],
      ["chain.link", 41, "fail"],
      ["chain.timestamp", 41, "fail"],
      ["chain.link", 42, "fail"],
    ]);
  });

  it("a cut head is chain.head at line 1", async () => {
    const output = await verifyLines(lines.slice(5), { env });
    expect(located(output)).toEqual([["chain.head", 1, "fail"]]);
  });

  it("a cut tail passes spanforge's checks, and is chain.anchor with the earlier report's checkpoint", async () => {
    const { checkpoint } = await verifyLines(lines, { env });
    expect((await verifyLines(lines.slice(0, 95), { env })).result.status).toBe("pass");
    const output = await verifyLines(lines.slice(0, 95), { env, checkpoints: checkpoint ? [checkpoint] : [] });
    expect(located(output)).toEqual([["chain.anchor", 95, "fail"]]);
  });

  it("a timestamp written backwards (not signed) is chain.timestamp at that line", async () => {
    const backdated: SpanforgeEvent = new Map(events[69] as SpanforgeEvent);
    backdated.set("timestamp", "2025-12-31T23:59:59.000000Z");
    const output = await verifyLines(lines.toSpliced(69, 1, toJson(backdated)), { env });
    expect(located(output)).toEqual([["chain.timestamp", 70, "fail"]]);
  });

  it("a timestamp that is not a real instant is chain.timestamp", async () => {
    const impossible: SpanforgeEvent = new Map(events[9] as SpanforgeEvent);
    impossible.set("timestamp", "2026-02-30T00:00:00.000000Z");
    const output = await verifyLines(lines.toSpliced(9, 1, toJson(impossible)), { env });
    expect(located(output)).toEqual([["chain.timestamp", 10, "fail"]]);
  });

  it("a line of garbage is chain.malformed at that line", async () => {
    const output = await verifyLines(lines.toSpliced(50, 0, "garbage"), { env });
    expect(located(output)).toEqual([["chain.malformed", 51, "error"]]);
  });

  it("a duplicated event is chain.link naming the line of the first copy", async () => {
    const output = await verifyLines(lines.toSpliced(20, 0, lines[19] as string), { env });
    expect(located(output)).toEqual([["chain.link", 21, "fail"]]);
    expect(output.result.findings[0]?.message).toMatch(/same id is used at line 20/);
  });

  it("a non-ASCII signature is reported as tampering (spanforge's verifier crashes on it)", async () => {
    const odd: SpanforgeEvent = new Map(events[4] as SpanforgeEvent);
    odd.set("signature", "hmac-sha256:é");
    const output = await verifyLines(lines.toSpliced(4, 1, toJson(odd)), { env });
    expect(located(output)).toEqual([["chain.signature", 5, "fail"]]);
  });

  it("U+2028 and U+2029 inside payload strings do not split a line (spanforge's CLI does split there)", async () => {
    const withSeparators = signChain(
      events.map((event, index) =>
        index === 10 ? withPayload(event, (payload) => payload.set("message", "a\u2028b\u2029c\u0085d")) : event,
      ),
      () => SPANFORGE_KEY,
    );
    const output = await verifyLines(withSeparators.map(toJson), { env });
    expect(output.result.findings).toEqual([]);
    expect(output.result.metrics.entries).toBe(100);
  });
});

describe("spanforge signed chains: key rotation", () => {
  const rotationId = "01KDVDNZZZZZZZZZZZZZZZR0T1";
  const rotated = rotateKey({ events, at: 50, oldKey: SPANFORGE_KEY, newKey: NEW_KEY, rotationId }).map(toJson);
  const keyMap = new Map([[rotationId, "NEW_SIGNING_KEY"]]);

  it("verifies across a rotation with the key map, checking the new key against new_secret_hash", async () => {
    const output = await verifyLines(rotated, { env: { ...env, NEW_SIGNING_KEY: NEW_KEY }, keyMap });
    expect(output.result.findings).toEqual([]);
    expect(output.result.metrics).toMatchObject({ entries: 101, keyRotations: 1 });
  });

  it("without a key map, the rotation is an error at its line and later events are not verified", async () => {
    const output = await verifyLines(rotated, { env });
    expect(located(output)).toEqual([["chain.signature", 51, "error"]]);
    expect(output.result.findings[0]?.message).toMatch(
      /add "01KDVDNZZZZZZZZZZZZZZZR0T1": "<ENV_VAR_NAME>" to the key map/,
    );
    expect(output.result.metrics.unverifiedSignatures).toBe(50);
  });

  it("a key that is not the announced one fails at the rotation, even when later events verify with it", async () => {
    const announcedOther = rotateKey({
      events,
      at: 50,
      oldKey: SPANFORGE_KEY,
      newKey: NEW_KEY,
      rotationId,
      announcedKey: "a-different-key-was-announced-012345",
    }).map(toJson);
    const output = await verifyLines(announcedOther, { env: { ...env, NEW_SIGNING_KEY: NEW_KEY }, keyMap });
    expect(located(output)).toEqual([["chain.signature", 51, "fail"]]);
    expect(output.result.findings[0]?.message).toMatch(/does not match this rotation's new_secret_hash/);
  });

  it("a key map naming an event that is not a rotation does not switch keys", async () => {
    const output = await verifyLines(lines, {
      env: { ...env, NEW_SIGNING_KEY: NEW_KEY },
      keyMap: new Map([[eventId(events[9] as SpanforgeEvent), "NEW_SIGNING_KEY"]]),
    });
    expect(located(output)).toEqual([["chain.signature", 10, "fail"]]);
    expect(output.result.findings[0]?.message).toMatch(/not llm\.audit\.key\.rotated/);
  });

  it("an unset variable for the new key is an error naming it", async () => {
    const output = await verifyLines(rotated, { env, keyMap });
    expect(located(output)).toEqual([["chain.signature", 51, "error"]]);
    expect(output.result.findings[0]?.message).toMatch(/NEW_SIGNING_KEY is not set/);
  });
});

describe("spanforge signed chains: erasure tombstones", () => {
  it("an erased subject leaves a verifying chain whose tombstones are counted and listed", async () => {
    const erased = eraseSubject(events, "ok", SPANFORGE_KEY);
    const tombstoneIds = erased.filter((e) => e.get("event_type") === "llm.audit.tombstone").map(eventId);
    expect(tombstoneIds.length).toBeGreaterThan(5);
    const output = await verifyLines(erased.map(toJson), { env });
    expect(output.result.findings).toEqual([]);
    expect(output.result.metrics.tombstones).toBe(tombstoneIds.length);
    expect(output.result.metrics.tombstoneEventIds).toEqual(tombstoneIds);
  });
});

describe("parseSpanforgeTimestamp", () => {
  it("reads spanforge's format to the microsecond and rejects anything else", () => {
    expect(parseSpanforgeTimestamp("2026-01-01T00:00:01.000001Z")).toBe(Date.UTC(2026, 0, 1, 0, 0, 1) * 1000 + 1);
    expect(parseSpanforgeTimestamp("2026-01-01T00:00:01Z")).toBeUndefined();
    expect(parseSpanforgeTimestamp("2026-01-01T24:00:00.000000Z")).toBeUndefined();
    expect(parseSpanforgeTimestamp("2026-01-01T00:00:00.000000Z\n")).toBeUndefined();
  });
});
