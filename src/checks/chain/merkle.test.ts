/**
 * The anchor's tree heads and consistency proofs, checked by a second implementation of RFC 6962 written
 * here from the RFC's text: the recursive definitions of MTH (§2.1) and PROOF/SUBPROOF (§2.1.2), and the
 * verification algorithm a third party runs with only the two heads (RFC 9162 §2.1.4.2). It shares no code
 * with `merkle.ts` and reads the log's bytes itself.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TORCHCOMPLY_DIR, verifyContent } from "../../../test/helpers/chain-files.js";
import { consistencyRanges } from "./merkle.js";
import { runPositionPass } from "./position-pass.js";

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
      const pass = await runPositionPass(REAL_LOG, { digest: false, anchorAt: m });
      const oldHead = mth(leaves.slice(0, m));
      const newHead = mth(leaves);
      expect(pass.earlier?.head).toBe(oldHead.toString("hex"));
      expect(pass.tree.head).toBe(newHead.toString("hex"));
      const product = hex(pass.consistencyProof);
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
        const pass = await runPositionPass(file.path, { digest: false, anchorAt: m });
        const expected = proof(m, small.slice(0, n));
        expect(pass.consistencyProof?.length, `m=${m} n=${n}`).toBe(expected.length);
        expect(hex(pass.consistencyProof), `m=${m} n=${n}`).toEqual(expected);
        expect(consistencyRanges(m, n)).toHaveLength(expected.length);
        expect(verifyConsistency(m, n, mth(small.slice(0, m)), mth(small.slice(0, n)), expected)).toBe(true);
      }
    }
  });

  it("a tampered proof, old head or new head does not verify", async () => {
    const m = 107;
    const pass = await runPositionPass(REAL_LOG, { digest: false, anchorAt: m });
    const product = hex(pass.consistencyProof);
    const oldHead = Buffer.from(pass.earlier?.head ?? "", "hex");
    const newHead = Buffer.from(pass.tree.head, "hex");
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
