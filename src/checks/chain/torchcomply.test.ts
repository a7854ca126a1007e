import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  located,
  realLines,
  TORCHCOMPLY_DIR,
  torchcomplyRehash,
  verifyContent,
  verifyLines,
} from "../../../test/helpers/chain-files.js";
import { JsonNumber, type JsonObject, parseJson } from "../../core/json/parse.js";
import { pythonDumps } from "../../core/json/python-dumps.js";
import { torchcomplyIsoTimestamp } from "./iso-timestamp.js";

const PIPELINE = `${TORCHCOMPLY_DIR}/10_connected_pipeline__audit_chain.jsonl`;
const lines = realLines(PIPELINE); // 540 lines: 5 runs of 108, starting at lines 1, 109, 217, 325, 433

const COMPACT_ASCII = { itemSeparator: ",", keySeparator: ":", ensureAscii: true };

function entry(line: string): JsonObject {
  return parseJson(line) as JsonObject;
}

/** Rewrite lines[from..] of one run consistently: every hash and prev_hash recomputed (a "full rewrite"). */
function rewriteFrom(source: string[], from: number, edit: (object: JsonObject) => void): string[] {
  const out = [...source];
  let prev = from > 0 ? (entry(out[from - 1] as string).get("hash") as string) : "";
  for (let i = from; i < out.length; i++) {
    const object = entry(out[i] as string);
    if (i > from && object.get("prev_hash") === "") break; // next run: leave it alone
    if (i === from) edit(object);
    if (object.get("prev_hash") !== "" || i !== from) object.set("prev_hash", prev);
    prev = torchcomplyRehash(object);
    object.set("hash", prev);
    out[i] = pythonDumps(object, COMPACT_ASCII);
  }
  return out;
}

describe("torchcomply audit chains: the real sample files", () => {
  it.each([
    ["01_audit_trail", 3350, 670, "b77e9f0a02a120770f0b92a37fad51e4444434f8f2c55ecffa30edc844919b0c"],
    ["06_before_after", 900, 180, "1315f32c073f2530e927c03dd9ad9b78648c27da3a4c52d85ce6daaf113f6e20"],
    ["10_connected_pipeline", 540, 108, "f61d14289ea2de040814e474e634d57046f78bc12d2ab671711cfc7b8c732d4a"],
  ])("%s verifies: %i entries in 5 runs of %i, root as torchcomply reports it", async (name, entries, perRun, root) => {
    const real = realLines(`${TORCHCOMPLY_DIR}/${name}__audit_chain.jsonl`);
    const { result, checkpoint } = await verifyContent(real.join("\n") + "\n");
    expect(result.status).toBe("pass");
    expect(result.findings).toEqual([]);
    expect(result.metrics).toMatchObject({ format: "torchcomply", entries, segments: 5, rootHash: root });
    expect(result.metrics.segmentEntries).toEqual([perRun, perRun, perRun, perRun, perRun]);
    const heads = result.metrics.heads as string[];
    expect(heads).toHaveLength(5);
    expect(new Set(heads).size).toBe(5);
    expect(heads[4]).toBe(root);
    expect(checkpoint).toMatchObject({ path: "audit_chain.jsonl", format: "torchcomply", entries, head: root });
    // The log's id: the RFC 6962 leaf hash of its first line's bytes.
    const firstLeaf = createHash("sha256")
      .update(Buffer.from([0]))
      .update(real[0] ?? "")
      .digest("hex");
    expect(checkpoint?.logId).toBe(firstLeaf);
    expect(checkpoint?.treeHead).toMatch(/^[0-9a-f]{64}$/);
  });

  it("recomputes iso_timestamp exactly as torchcomply writes it on every line that has one", () => {
    const withIso = lines.map(entry).filter((object) => object.has("iso_timestamp"));
    expect(withIso).toHaveLength(432);
    for (const object of withIso) {
      expect(torchcomplyIsoTimestamp((object.get("timestamp") as JsonNumber).text)).toBe(object.get("iso_timestamp"));
    }
  });

  it("agrees with the snapshot torchcomply wrote: audit_root_hash is the last run's head", async () => {
    const snapshot = JSON.parse(
      (await import("node:fs")).readFileSync(
        `${TORCHCOMPLY_DIR}/10_connected_pipeline__compliance_snapshot.json`,
        "utf8",
      ),
    );
    const { result } = await verifyLines(lines);
    expect(result.metrics.rootHash).toBe(snapshot.audit_root_hash);
    expect((result.metrics.segmentEntries as number[]).at(-1)).toBe(snapshot.audit_entries);
  });
});

describe("torchcomply audit chains: tampering torchcomply's verify() misses or reports vaguely", () => {
  it("an edited field without re-hashing is chain.hash at that line, and nothing else", async () => {
    const object = entry(lines[49] as string);
    object.set("device", "cpu:1");
    const tampered = [...lines];
    tampered[49] = pythonDumps(object, COMPACT_ASCII);
    const output = await verifyLines(tampered);
    expect(located(output)).toEqual([["chain.hash", 50, "fail"]]);
    expect(output.result.status).toBe("fail");
  });

  it("a deleted line is chain.link at the line that lost its predecessor", async () => {
    const output = await verifyLines(lines.toSpliced(49, 1));
    expect(located(output)).toEqual([["chain.link", 50, "fail"]]);
    expect(output.result.findings[0]?.message).toMatch(/deleted, inserted or replaced/);
  });

  it("two swapped lines break the links at both and at the line after them, and put time backwards", async () => {
    const swapped = [...lines];
    [swapped[49], swapped[50]] = [swapped[50] as string, swapped[49] as string];
    const output = await verifyLines(swapped);
    expect(located(output)).toEqual([
      ["chain.link", 50, "fail"],
      ["chain.link", 51, "fail"],
      ["chain.timestamp", 51, "fail"],
      ["chain.link", 52, "fail"],
    ]);
    expect(output.result.findings[1]?.message).toMatch(/points to the entry at line 49.*reordered/);
  });

  it("a duplicated line is one chain.link naming the original", async () => {
    const output = await verifyLines(lines.toSpliced(70, 0, lines[69] as string));
    expect(located(output)).toEqual([["chain.link", 71, "fail"]]);
    expect(output.result.findings[0]?.message).toBe("duplicate of the entry at line 70");
  });

  it("a cut head is chain.head at line 1", async () => {
    const output = await verifyLines(lines.slice(5));
    expect(located(output)).toEqual([["chain.head", 1, "fail"]]);
  });

  it("a run written twice (double flush) is chain.link at the replayed run's first line", async () => {
    const output = await verifyLines([...lines, ...lines.slice(0, 108)]);
    expect(located(output)).toEqual([["chain.link", 541, "fail"]]);
    expect(output.result.findings[0]?.message).toMatch(/repeats the run that starts at line 1/);
  });

  it("a timestamp written backwards (and the run re-hashed) is chain.timestamp at that line", async () => {
    const earlier = (entry(lines[58] as string).get("timestamp") as JsonNumber).text;
    const rewritten = rewriteFrom(lines, 59, (object) => {
      object.set("timestamp", new JsonNumber((BigInt(earlier) - 1000n).toString(), true));
    });
    const output = await verifyLines(rewritten);
    expect(located(output)).toEqual([["chain.timestamp", 60, "fail"]]);
  });

  it("an edited iso_timestamp (not hashed) is a warning, never trusted", async () => {
    const object = entry(lines[200] as string);
    object.set("iso_timestamp", "2020-01-01T00:00:00+00:00");
    const output = await verifyLines(lines.toSpliced(200, 1, pythonDumps(object, COMPACT_ASCII)));
    expect(located(output)).toEqual([["chain.timestamp", 201, "warn"]]);
    expect(output.result.status).toBe("warn");
  });

  it("an inserted line of garbage is chain.malformed at that line; the chain around it still links", async () => {
    const output = await verifyLines(lines.toSpliced(30, 0, "{not json"));
    expect(located(output)).toEqual([["chain.malformed", 31, "error"]]);
    expect(output.result.status).toBe("error");
  });

  it("garbage in place of an entry is chain.malformed there and chain.link at the next line", async () => {
    const output = await verifyLines(lines.toSpliced(29, 1, '{"hash": 1}'));
    expect(located(output)).toEqual([
      ["chain.malformed", 30, "error"],
      ["chain.link", 31, "fail"],
    ]);
  });

  it("a key the format does not have is reported: it is not covered by the hash", async () => {
    const object = entry(lines[9] as string);
    object.set("approved_by", "someone");
    const output = await verifyLines(lines.toSpliced(9, 1, pythonDumps(object, COMPACT_ASCII)));
    expect(located(output)).toEqual([["chain.malformed", 10, "warn"]]);
  });

  it("a line that is not UTF-8 is chain.malformed, and the entries after it still verify", async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${lines.slice(0, 3).join("\n")}\n`),
      Buffer.from([0xff, 0xfe, 0x7b, 0x0a]),
      Buffer.from(`${lines.slice(3, 10).join("\n")}\n`),
    ]);
    const output = await verifyContent(bytes);
    expect(located(output)).toEqual([["chain.malformed", 4, "error"]]);
    expect(output.result.findings[0]?.message).toBe("line is not valid UTF-8");
  });

  it("tolerates CRLF line ends and blank lines, as torchcomply's reader does", async () => {
    const output = await verifyContent(`${lines.slice(0, 20).join("\r\n")}\r\n\r\n`);
    expect(output.result.status).toBe("pass");
    expect(output.result.metrics.entries).toBe(20);
  });
});

describe("torchcomply audit chains: append-only with --anchor", () => {
  const checkpoint = { path: "audit_chain.jsonl", format: "torchcomply", entries: 540, head: "" };

  it("a grown log still holding the checkpointed head passes", async () => {
    const { checkpoint: earlier } = await verifyLines(lines.slice(0, 432));
    const output = await verifyLines(lines, { checkpoints: earlier ? [earlier] : [] });
    expect(output.result.status).toBe("pass");
    expect(output.result.clauses.find((c) => c.id === "chain.anchor")?.status).toBe("pass");
  });

  it("a cut tail verifies without an anchor, and is chain.anchor at the last line with one", async () => {
    const { checkpoint: full } = await verifyLines(lines);
    const cut = lines.slice(0, 530);
    expect((await verifyLines(cut)).result.status).toBe("pass");
    const output = await verifyLines(cut, { checkpoints: full ? [full] : [] });
    expect(located(output)).toEqual([["chain.anchor", 530, "fail"]]);
    expect(output.result.findings[0]?.message).toMatch(
      /holds 530 entries but the checkpoint recorded 540: 10 entries were cut/,
    );
  });

  it("a full rewrite (every later hash recomputed) verifies without an anchor, and is chain.anchor with one", async () => {
    const { checkpoint: full } = await verifyLines(lines);
    const rewritten = rewriteFrom(lines, 440, (object) => object.set("device", "cpu"));
    expect((await verifyLines(rewritten)).result.status).toBe("pass");
    const output = await verifyLines(rewritten, { checkpoints: full ? [full] : [] });
    expect(located(output)).toEqual([["chain.anchor", 540, "fail"]]);
    expect(output.result.findings[0]?.message).toMatch(/was rewritten since the checkpoint/);
  });

  it("no checkpoint for the log in the anchor file is a warning, not a silent pass", async () => {
    const output = await verifyLines(lines, { checkpoints: [{ ...checkpoint, path: "other.jsonl" }] });
    expect(output.result.status).toBe("warn");
  });
});

describe("torchcomply audit chains: nothing to verify fails closed", () => {
  it.each([
    ["an empty file", ""],
    ["only blank lines", "\n\n  \n"],
    ["only garbage", "hello\nworld\n"],
  ])("%s is an error, never a pass", async (_name, content) => {
    const output = await verifyContent(content);
    expect(output.result.status).toBe("error");
    expect(output.result.summary).toMatch(/cannot tell the log's format/);
    expect(output.checkpoint).toBeUndefined();
  });

  it("an empty file with --format given is an error saying nothing was verified", async () => {
    const output = await verifyContent("", { format: "torchcomply" });
    expect(located(output)).toEqual([["chain.malformed", 1, "error"]]);
    expect(output.result.findings[0]?.message).toBe("the log holds no entries: nothing was verified");
  });
});
