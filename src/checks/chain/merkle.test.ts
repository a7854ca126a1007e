/**
 * The anchor's tree heads and consistency proofs, checked by a second implementation of RFC 6962 written
 * here from the RFC's text: the recursive definitions of MTH (§2.1) and PROOF/SUBPROOF (§2.1.2), and the
 * verification algorithm a third party runs with only the two heads (RFC 9162 §2.1.4.2). It shares no code
 * with `merkle.ts` and reads the log's bytes itself.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TORCHCOMPLY_DIR, verifyContent, writeLog } from "../../../test/helpers/chain-files.js";
import { checkChainFile } from "./index.js";
import { resolveKeys } from "./keys.js";
import { consistencyRanges, MerkleStream } from "./merkle.js";
import { runPositionPass } from "./position-pass.js";
import { type RangeRunner, verifyRange } from "./ranges.js";

// ---- RFC 6962, independently (recursive, straight from the definitions) ----
const sha = (...parts: Buffer[]): Buffer => createHash("sha256").update(Buffer.concat(parts)).digest();
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** k: the largest power of two smaller than n. */
function largestPowerBelow(n: number): number {
  return 2 ** Math.ceil(Math.log2(n) - 1);
}

/** MTH(D[n]) of RFC 6962 §2.1, over leaf *data*. */
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(LEAF, d[0] as Buffer);
  const k = largestPowerBelow(d.length);
  return sha(NODE, mth(d.slice(0, k)), mth(d.slice(k)));
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), RFC 6962 §2.1.2. */
function proof(m: number, d: Buffer[]): Buffer[] {
  const subproof = (m: number, d: Buffer[], b: boolean): Buffer[] => {
    const n = d.length;
    if (m === n) return b ? [] : [mth(d)];
    const k = largestPowerBelow(n);
    if (m <= k) return [...subproof(m, d.slice(0, k), b), mth(d.slice(k))];
    return [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
  };
  return subproof(m, d, true);
}

/** RFC 9162 §2.1.4.2: does `path` prove the tree (first, firstHash) is a prefix of (second, secondHash)? */
function verifyConsistency(first: number, second: number, firstHash: Buffer, secondHash: Buffer, path: Buffer[]) {
  if (first === second) return path.length === 0 && firstHash.equals(secondHash);
  if (first === 0 || first > second || path.length === 0) return false;
  const proofPath = (first & (first - 1)) === 0 ? [firstHash, ...path] : [...path];
  let fn = first - 1;
  let sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr = proofPath[0] as Buffer;
  let sr = proofPath[0] as Buffer;
  for (const c of proofPath.slice(1)) {
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      fr = sha(NODE, c, fr);
      sr = sha(NODE, c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = sha(NODE, sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr.equals(firstHash) && sr.equals(secondHash) && sn === 0;
}

/** An entry's leaf data: its line's bytes without the LF; blank lines are not entries. */
function leafData(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length) {
    const lf = bytes.indexOf(0x0a, start);
    const end = lf === -1 ? bytes.length : lf;
    const line = bytes.subarray(start, end);
    if (!/^[ \t\r\f\v]*$/.test(line.toString("latin1"))) out.push(line);
    start = end + 1;
  }
  return out;
}
// ---- end of the independent implementation ----

const REAL_LOG = `${TORCHCOMPLY_DIR}/10_connected_pipeline__audit_chain.jsonl`;
const hex = (values: readonly string[] | undefined): Buffer[] => (values ?? []).map((v) => Buffer.from(v, "hex"));

describe("anchor tree heads and consistency proofs agree with RFC 6962", () => {
  const bytes = readFileSync(REAL_LOG);
  const leaves = leafData(bytes);

  it("the log's tree head is MTH over every entry line, its id the first leaf's hash", async () => {
    expect(leaves).toHaveLength(540);
    const { checkpoint } = await verifyContent(bytes);
    expect(checkpoint?.treeHead).toBe(mth(leaves).toString("hex"));
    expect(checkpoint?.logId).toBe(sha(LEAF, leaves[0] as Buffer).toString("hex"));
  });

  it.each([1, 2, 3, 4, 5, 7, 8, 107, 108, 216, 256, 257, 431, 432, 539, 540])(
    "the proof from the first %i entries to all 540 is RFC 6962's, and verifies with only the two heads",
    async (m) => {
      const pass = await runPositionPass(REAL_LOG, { digest: false, anchorAt: m, tree: true });
      const oldHead = mth(leaves.slice(0, m));
      const newHead = mth(leaves);
      expect(pass.merkle?.earlier?.head).toBe(oldHead.toString("hex"));
      expect(pass.merkle?.tree.head).toBe(newHead.toString("hex"));
      const product = hex(pass.merkle?.consistencyProof);
      expect(product.map((h) => h.toString("hex"))).toEqual(proof(m, leaves).map((h) => h.toString("hex")));
      expect(verifyConsistency(m, 540, oldHead, newHead, product)).toBe(true);
    },
  );

  it("every size pair up to 70 entries: same proof as the RFC's, and it verifies", async () => {
    const small = leaves.slice(0, 70);
    const { writeLog } = await import("../../../test/helpers/chain-files.js");
    for (let n = 1; n <= small.length; n++) {
      const file = writeLog(Buffer.concat(small.slice(0, n).flatMap((line) => [line, Buffer.from("\n")])));
      for (let m = 1; m <= n; m++) {
        const pass = await runPositionPass(file.path, { digest: false, anchorAt: m, tree: true });
        const expected = proof(m, small.slice(0, n));
        expect(pass.merkle?.consistencyProof?.length, `m=${m} n=${n}`).toBe(expected.length);
        expect(hex(pass.merkle?.consistencyProof), `m=${m} n=${n}`).toEqual(expected);
        expect(consistencyRanges(m, n)).toHaveLength(expected.length);
        expect(verifyConsistency(m, n, mth(small.slice(0, m)), mth(small.slice(0, n)), expected)).toBe(true);
      }
    }
  });

  it("a tampered proof, old head or new head does not verify", async () => {
    const m = 107;
    const pass = await runPositionPass(REAL_LOG, { digest: false, anchorAt: m, tree: true });
    const product = hex(pass.merkle?.consistencyProof);
    const oldHead = Buffer.from(pass.merkle?.earlier?.head ?? "", "hex");
    const newHead = Buffer.from(pass.merkle?.tree.head ?? "", "hex");
    expect(verifyConsistency(m, 540, oldHead, newHead, product)).toBe(true);
    for (let i = 0; i < product.length; i++) {
      const tampered = product.map((h, j) => (j === i ? sha(h) : h));
      expect(verifyConsistency(m, 540, oldHead, newHead, tampered)).toBe(false);
    }
    expect(verifyConsistency(m, 540, sha(oldHead), newHead, product)).toBe(false);
    expect(verifyConsistency(m, 540, oldHead, sha(newHead), product)).toBe(false);
    expect(verifyConsistency(m, 540, oldHead, newHead, product.slice(1))).toBe(false);
    // The heads of a log whose run 1 was rewritten are not consistent with the original's.
    const edited = Buffer.from(leaves[5] as Buffer);
    edited[edited.length - 3] = edited[edited.length - 3] === 0x30 ? 0x31 : 0x30;
    const rewritten = leaves.map((leaf, i) => (i === 5 ? edited : leaf));
    expect(verifyConsistency(m, 540, mth(rewritten.slice(0, m)), newHead, product)).toBe(false);
  });
});

describe("a tree folded in segments (one per byte range) is the same tree", () => {
  const leaves = leafData(readFileSync(REAL_LOG)).slice(0, 40);
  const leafHashes = leaves.map((line) => sha(LEAF, line).toString("latin1"));
  /** Fold leaves [0, n) as segments cut at `cuts`, each on its own, and join them. */
  const folded = (n: number, cuts: readonly number[], m: number | undefined) => {
    const bounds = [0, ...cuts, n];
    const segments = bounds.slice(0, -1).map((start, i) => {
      const segment = new MerkleStream({ start, earlier: m });
      for (let leaf = start; leaf < (bounds[i + 1] as number); leaf++) segment.push(leafHashes[leaf] as string);
      return segment.segment();
    });
    return MerkleStream.combine(segments, m);
  };

  it("every cut of every size up to 24, every anchor size: RFC 6962's head, earlier head and proof", () => {
    for (let n = 2; n <= 24; n++) {
      const all = leaves.slice(0, n);
      const head = mth(all).toString("hex");
      const expected = Array.from({ length: n + 1 }, (_, m) =>
        m === 0 ? undefined : { earlier: mth(all.slice(0, m)).toString("hex"), proof: proof(m, all) },
      );
      for (let cut = 1; cut < n; cut++) {
        for (let m = 1; m <= n; m++) {
          const tree = folded(n, [cut], m);
          const where = `n=${n} cut=${cut} m=${m}`;
          expect(tree.tree.head, where).toBe(head);
          expect(tree.logId, where).toBe(sha(LEAF, all[0] as Buffer).toString("hex"));
          expect(tree.earlier?.head, where).toBe(expected[m]?.earlier);
          expect(hex(tree.consistencyProof), where).toEqual(expected[m]?.proof);
        }
      }
    }
  });

  it("three and four segments, empty ones included, agree as well", () => {
    const n = leaves.length;
    for (const cuts of [
      [1, 2],
      [3, 3, 17],
      [7, 16, 31],
      [0, 20],
      [13, 26, 39],
      [8, 16, 24],
    ]) {
      for (const m of [1, 2, 7, 8, 9, 16, 17, 24, 31, 39, 40]) {
        const tree = folded(n, cuts, m);
        const proofNodes = hex(tree.consistencyProof);
        expect(tree.tree.head, `cuts=${cuts} m=${m}`).toBe(mth(leaves).toString("hex"));
        expect(proofNodes).toEqual(proof(m, leaves));
        expect(verifyConsistency(m, n, mth(leaves.slice(0, m)), mth(leaves), proofNodes)).toBe(true);
      }
    }
  });

  it("segments that do not join are refused, never folded into a wrong head", () => {
    const first = new MerkleStream({ start: 0 });
    first.push(leafHashes[0] as string);
    const third = new MerkleStream({ start: 2 });
    third.push(leafHashes[2] as string);
    expect(() => MerkleStream.combine([first.segment(), third.segment()], undefined)).toThrow(/do not join/);
  });
});

describe("the chain check's tree is the same however the log is cut into ranges", () => {
  const bytes = readFileSync(REAL_LOG);
  const leaves = leafData(bytes);

  it.each([1, 2, 3, 4])("%i range(s): the checkpoint's head and id are RFC 6962's", async (parts) => {
    const { checkpoint } = await verifyContent(bytes, { parts });
    expect(checkpoint?.treeHead).toBe(mth(leaves).toString("hex"));
    expect(checkpoint?.logId).toBe(sha(LEAF, leaves[0] as Buffer).toString("hex"));
    expect(checkpoint?.entries).toBe(540);
  });

  it.each([
    [2, 1],
    [2, 270],
    [3, 181],
    [4, 539],
    [4, 540],
  ])(
    "%i ranges, anchored at %i entries: the anchor holds and its proof verifies with only the two heads",
    async (parts, m) => {
      const original = await verifyContent(bytes);
      const anchor = { ...(original.checkpoint as NonNullable<typeof original.checkpoint>), entries: m };
      anchor.treeHead = mth(leaves.slice(0, m)).toString("hex");
      anchor.head = JSON.parse(realLinesOf(bytes)[m - 1] as string).hash;
      const { result } = await verifyContent(bytes, { parts, checkpoints: [anchor] });
      const clause = result.clauses.find((c) => c.id === "chain.anchor");
      expect(clause?.status, JSON.stringify(clause)).toBe("pass");
      const evidence = clause?.evidence as { consistencyProof?: string[]; treeHead: string; treeSize: number };
      expect(evidence.treeSize).toBe(540);
      const product = hex(evidence.consistencyProof ?? []);
      expect(product).toEqual(proof(m, leaves));
      expect(verifyConsistency(m, 540, mth(leaves.slice(0, m)), mth(leaves), product)).toBe(true);
    },
  );

  it("a log with blank lines, CRLF endings and a byte-order mark, cut in 3: RFC 6962's head over the entry lines", async () => {
    const lines = realLinesOf(bytes).slice(0, 60);
    const messy = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(lines.map((line, i) => (i % 7 === 3 ? `\n  \n${line}\r\n` : `${line}\n`)).join("")),
    ]);
    const expected = mth(leafData(messy)).toString("hex");
    for (const parts of [1, 3]) {
      const { checkpoint } = await verifyContent(messy, { parts });
      expect(checkpoint?.treeHead, `parts=${parts}`).toBe(expected);
      expect(checkpoint?.entries).toBe(60);
    }
  });
});

describe("when a range cannot fold its part of the tree, one sequential pass does", () => {
  const bytes = readFileSync(REAL_LOG);
  const keys = resolveKeys({ keyEnv: "SPANFORGE_SIGNING_KEY", keyMap: undefined, env: {} });

  it("a range runner that returns no tree: the same head", async () => {
    const file = writeLog(bytes);
    const withoutTree: RangeRunner = async (request) => {
      const { tree: _tree, ...range } = await verifyRange(request);
      return range;
    };
    const { checkpoint } = await checkChainFile(file, {
      format: "auto",
      keys,
      checkpoints: undefined,
      parts: 3,
      parallelMinBytes: 0,
      runRange: withoutTree,
    });
    expect(checkpoint?.treeHead).toBe(mth(leafData(bytes)).toString("hex"));
  });

  it("a line over the length limit (its bytes are never kept): the head still covers it", async () => {
    const lines = realLinesOf(bytes).slice(0, 90);
    lines.splice(70, 0, `{"x": "${"y".repeat(3000)}"}`);
    const content = Buffer.from(`${lines.join("\n")}\n`);
    const { result, checkpoint } = await checkChainFile(writeLog(content), {
      format: "torchcomply",
      keys,
      checkpoints: undefined,
      parts: 3,
      parallelMinBytes: 0,
      maxLineBytes: 2048,
    });
    expect(result.findings.some((f) => f.rule === "chain.malformed" && f.location.line === 71)).toBe(true);
    expect(checkpoint?.entries).toBe(91);
    expect(checkpoint?.treeHead).toBe(mth(leafData(content)).toString("hex"));
  });
});

/** The log's lines as text, without the blank last one. */
function realLinesOf(bytes: Buffer): string[] {
  return bytes
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "");
}
