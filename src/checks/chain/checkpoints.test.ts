import { describe, expect, it } from "vitest";
import { checkpointFor, isLegacy, parseCheckpoints } from "./checkpoints.js";

const HEX = (c: string) => c.repeat(64);
const current = {
  path: "a.jsonl",
  format: "torchcomply",
  entries: 3,
  head: HEX("1"),
  logId: HEX("a"),
  treeHead: HEX("b"),
};
const legacy = { path: "b.jsonl", format: "spanforge", entries: 3, head: HEX("2") };

describe("anchor files", () => {
  it("read current checkpoints and legacy ones (last hash only), told apart", () => {
    const [a, b] = parseCheckpoints(JSON.stringify({ checkpoints: [current, legacy] }), "anchor.json");
    expect(a).toEqual(current);
    expect(isLegacy(a as never)).toBe(false);
    expect(b).toEqual(legacy);
    expect(isLegacy(b as never)).toBe(true);
  });

  it.each([
    ["a logId without its treeHead", { ...current, treeHead: undefined }, /treeHead: expected 64 lower-case hex/],
    ["a treeHead without its logId", { ...current, logId: undefined }, /logId: expected 64 lower-case hex/],
    ["a tree head that is not a SHA-256", { ...current, treeHead: "B".repeat(64) }, /treeHead/],
    ["a tree of no entries", { ...current, entries: 0 }, /at least 1 entry/],
  ])("refuse %s, located", (_name, checkpoint, message) => {
    expect(() => parseCheckpoints(JSON.stringify([checkpoint]), "anchor.json")).toThrow(message);
    expect(() => parseCheckpoints(JSON.stringify([checkpoint]), "anchor.json")).toThrow(
      /anchor.json: checkpoints\[0\]/,
    );
  });
});

describe("finding a log's checkpoint", () => {
  const copy = { ...current, path: "copy.jsonl" };
  it("by the log's first entry wherever the log now lies, preferring the checkpoint at the same path", () => {
    expect(checkpointFor([current, copy], { path: "renamed.jsonl", logId: HEX("a") })).toBe(current);
    expect(checkpointFor([current, copy], { path: "copy.jsonl", logId: HEX("a") })).toBe(copy);
  });

  it("never by path alone for a current checkpoint (a different log at the old path is a new log)", () => {
    expect(checkpointFor([current], { path: "a.jsonl", logId: HEX("c") })).toBeUndefined();
  });

  it("a legacy checkpoint by its path only", () => {
    expect(checkpointFor([legacy], { path: "b.jsonl", logId: HEX("c") })).toBe(legacy);
    expect(checkpointFor([legacy], { path: "other.jsonl", logId: HEX("c") })).toBeUndefined();
  });
});
