/**
 * RFC 6962 Merkle tree heads over a log's entries, computed in one streaming pass, and consistency proofs
 * (RFC 6962 §2.1.2) between an earlier head and the current one.
 *
 * Leaf hash = SHA-256(0x00 || leaf data), node hash = SHA-256(0x01 || left || right); the leaf data of an
 * entry is the exact bytes of its line (see `position-pass.ts`). The tree is folded as leaves arrive: a
 * stack of perfect subtrees, one per set bit of the leaf count (the binary decomposition of n), so memory
 * is O(log n). A subtree the proof will need is kept when the stack creates it; which ones those are
 * follows from the earlier size m alone (the path of leaf m-1 and its siblings), so they are known before
 * the pass starts, while the current size n is not.
 */
import { hash } from "node:crypto";

/**
 * A hash as a binary string: one character per byte (Node's "latin1" encoding). `hash(…, "latin1")` costs a
 * quarter of `hash(…, "buffer")`, which allocates a Buffer per call; and a 32-character string is written
 * into the next preimage with one `latin1Write`.
 */
export type BinaryHash = string;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/**
 * SHA-256(0x00 || source[start..end)). The prefix byte goes into `source[start - 1]`, which is restored
 * after the call, so the line is hashed where it lies (one native call, no copy); a range that starts its
 * buffer is copied into a scratch buffer instead.
 */
export class LeafHasher {
  private scratch = Buffer.alloc(1024);

  hashRange(source: Buffer, start: number, end: number): BinaryHash {
    if (start > 0) {
      const saved = source[start - 1] as number;
      source[start - 1] = LEAF_PREFIX;
      const leaf = hash("sha256", source.subarray(start - 1, end), "binary");
      source[start - 1] = saved;
      return leaf;
    }
    const length = end - start;
    if (length + 1 > this.scratch.length) this.scratch = Buffer.alloc(length + 1);
    this.scratch[0] = LEAF_PREFIX;
    source.copy(this.scratch, 1, start, end);
    return hash("sha256", this.scratch.subarray(0, length + 1), "binary");
  }
}

const nodeScratch = Buffer.alloc(65);
/** Buffer's latin1Write: Node's own, untyped in @types/node; a third cheaper than `write(…, "latin1")`. */
const writeBinary = (
  Buffer.prototype as unknown as { latin1Write(this: Buffer, value: string, offset: number, length: number): number }
).latin1Write;

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: BinaryHash, right: BinaryHash): BinaryHash {
  nodeScratch[0] = NODE_PREFIX;
  writeBinary.call(nodeScratch, left, 1, 32);
  writeBinary.call(nodeScratch, right, 33, 32);
  return hash("sha256", nodeScratch, "binary");
}

/** Lower-case hex of a binary hash. */
export const toHex = (value: BinaryHash): string => Buffer.from(value, "latin1").toString("hex");

/** The empty tree's head: SHA-256 of nothing. */
export const EMPTY_TREE_HEAD = hash("sha256", Buffer.alloc(0), "hex");

const key = (start: number, size: number): string => `${start}:${size}`;

/** The largest power of two strictly less than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The subtrees a consistency proof from size m to size n consists of, in the RFC's order, as leaf ranges
 * [start, end): RFC 6962 §2.1.2 SUBPROOF, with MTH(D[a:b]) written as its range. 0 < m ≤ n.
 */
export function consistencyRanges(m: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  const sub = (size: number, start: number, count: number, complete: boolean): void => {
    if (size === count) {
      if (!complete) out.push([start, start + count]);
      return;
    }
    const k = splitPoint(count);
    if (size <= k) {
      sub(size, start, k, complete);
      out.push([start + k, start + count]);
    } else {
      sub(size - k, start + k, count - k, false);
      out.push([start, start + k]);
    }
  };
  if (m > 0 && m < n) sub(m, 0, n, true);
  return out;
}

export interface TreeAt {
  /** Leaves in the tree. */
  readonly size: number;
  /** Merkle tree head, lower-case hex. */
  readonly head: string;
}

/** A Merkle tree folded leaf by leaf. `earlier` (optional): the size whose head and proof are wanted. */
export class MerkleStream {
  private readonly hashes: BinaryHash[] = [];
  private readonly sizes: number[] = [];
  private count = 0;
  private readonly earlier: number | undefined;
  /** Perfect subtrees a proof from `earlier` may need, by where they end; filled as the stack makes them. */
  private readonly wantedEnds = new Set<number>();
  private readonly wanted = new Set<string>();
  private readonly kept = new Map<string, BinaryHash>();
  private earlierHead: string | undefined;

  constructor(options: { earlier?: number | undefined } = {}) {
    this.earlier = options.earlier;
    const m = options.earlier;
    if (m === undefined || m < 1) return;
    // The path of leaf m-1 up the tree, and each level's sibling: every proof node is one of these (or,
    // where the sibling reaches past the end of the log, the right edge folded at the end).
    for (let size = 1; size <= 2 ** 52; size *= 2) {
      const block = Math.floor((m - 1) / size);
      const start = block * size;
      const sibling = block % 2 === 0 ? start + size : start - size;
      for (const s of [start, sibling]) {
        this.wanted.add(key(s, size));
        this.wantedEnds.add(s + size);
      }
    }
  }

  get size(): number {
    return this.count;
  }

  push(leaf: BinaryHash): void {
    let hash = leaf;
    let size = 1;
    const end = ++this.count;
    const watch = this.earlier !== undefined && this.wantedEnds.has(end);
    if (watch) this.keep(end - 1, 1, hash);
    const sizes = this.sizes;
    const hashes = this.hashes;
    while (sizes.length > 0 && sizes[sizes.length - 1] === size) {
      sizes.pop();
      hash = nodeHash(hashes.pop() as BinaryHash, hash);
      size *= 2;
      if (watch) this.keep(end - size, size, hash);
    }
    sizes.push(size);
    hashes.push(hash);
    if (end === this.earlier) this.earlierHead = this.root();
  }

  private keep(start: number, size: number, hash: BinaryHash): void {
    const k = key(start, size);
    if (this.wanted.has(k)) this.kept.set(k, hash);
  }

  /** The head of the tree so far (the empty tree's head without leaves). */
  root(): string {
    const head = this.foldFrom(0);
    return head === undefined ? EMPTY_TREE_HEAD : toHex(head);
  }

  /** MTH of the leaves from `start` to the end, when `start` is where one of the stack's subtrees begins. */
  private foldFrom(start: number): BinaryHash | undefined {
    let acc: BinaryHash | undefined;
    let end = this.count;
    for (let i = this.sizes.length - 1; i >= 0; i--) {
      const size = this.sizes[i] as number;
      const hash = this.hashes[i] as BinaryHash;
      acc = acc === undefined ? hash : nodeHash(hash, acc);
      end -= size;
      if (end === start) return acc;
      if (end < start) return undefined;
    }
    return undefined;
  }

  /** The head after `earlier` leaves, if the log had that many. */
  headAtEarlier(): TreeAt | undefined {
    return this.earlier !== undefined && this.earlierHead !== undefined
      ? { size: this.earlier, head: this.earlierHead }
      : undefined;
  }

  /** The consistency proof from `earlier` to the current size (RFC 6962 §2.1.2), as hex node hashes. */
  consistencyProof(): string[] | undefined {
    const m = this.earlier;
    if (m === undefined || this.earlierHead === undefined) return undefined;
    return consistencyRanges(m, this.count).map(([start, end]) => {
      const hash = this.kept.get(key(start, end - start)) ?? (end === this.count ? this.foldFrom(start) : undefined);
      if (hash === undefined) throw new Error(`consistency proof: subtree [${start}, ${end}) was not kept`);
      return toHex(hash);
    });
  }
}
