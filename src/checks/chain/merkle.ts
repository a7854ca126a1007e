/**
 * RFC 6962 Merkle tree heads over a log's entries, computed while the log is read (in segments, one per byte
 * range, joined at the end), and consistency proofs (RFC 6962 §2.1.2) between an earlier head and the
 * current one.
 *
 * Leaf hash = SHA-256(0x00 || leaf data), node hash = SHA-256(0x01 || left || right); the leaf data of an
 * entry is the exact bytes of its line (see `position-pass.ts`). The tree is folded as leaves arrive: a
 * stack of perfect subtrees, one per set bit of the leaf count (the binary decomposition of n), so memory
 * is O(log n). A subtree the proof will need is kept when the stack creates it; which ones those are
 * follows from the earlier size m alone (the path of leaf m-1 and its siblings), so they are known before
 * the pass starts, while the current size n is not. A segment's subtrees are aligned to their size in the
 * whole tree, so the segments' stacks, pushed in order, fold into the whole tree's.
 */
import { hash } from "node:crypto";

import { type BinaryHash, toHex, writeBinary } from "../../core/binary-hash.js";

export type { BinaryHash } from "../../core/binary-hash.js";
export { toHex } from "../../core/binary-hash.js";

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
/** SHA-256(0x01 || left || right). */
export function nodeHash(left: BinaryHash, right: BinaryHash): BinaryHash {
  nodeScratch[0] = NODE_PREFIX;
  writeBinary(nodeScratch, left, 1);
  writeBinary(nodeScratch, right, 33);
  return hash("sha256", nodeScratch, "binary");
}

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

/** What an anchor needs of a log's tree. */
export interface TreeSummary {
  /** The head over all entries. */
  readonly tree: TreeAt;
  /** The log's identity: the first entry's leaf hash (hex), undefined without entries. */
  readonly logId: string | undefined;
  /** The head after `earlier` entries, if the log has that many. */
  readonly earlier: TreeAt | undefined;
  /** RFC 6962 consistency proof from the tree of `earlier` entries to the whole tree. */
  readonly consistencyProof: readonly string[] | undefined;
}

export interface TreeAt {
  /** Leaves in the tree. */
  readonly size: number;
  /** Merkle tree head, lower-case hex. */
  readonly head: string;
}

/**
 * The perfect subtrees a consistency proof from size m may need, as `start:size` keys and by where they end:
 * the path of leaf m-1 up the tree, and each level's sibling. Every proof node is one of these (or, where
 * the sibling reaches past the end of the log, the right edge folded at the end), so they are known before
 * the pass starts, while the current size n is not. A segment's subtrees are aligned to their size in the
 * whole tree, so the segments' stacks, pushed in order, fold into the whole tree's.
 */
function wantedSubtrees(m: number | undefined): { ends: Set<number>; keys: Set<string> } {
  const ends = new Set<number>();
  const keys = new Set<string>();
  if (m === undefined || m < 1) return { ends, keys };
  for (let size = 1; size <= 2 ** 52; size *= 2) {
    const block = Math.floor((m - 1) / size);
    const start = block * size;
    const sibling = block % 2 === 0 ? start + size : start - size;
    for (const s of [start, sibling]) {
      keys.add(key(s, size));
      ends.add(s + size);
    }
  }
  return { ends, keys };
}

/** The head of a tree given as its stack of perfect subtrees, left to right. */
function foldBlocks(blocks: readonly Block[]): string {
  let acc: BinaryHash | undefined;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const hash = (blocks[i] as Block)[1];
    acc = acc === undefined ? hash : nodeHash(hash, acc);
  }
  return acc === undefined ? EMPTY_TREE_HEAD : toHex(acc);
}

/** A perfect subtree of a segment's stack: its size (a power of two) and hash; it starts where the one before ends. */
export type Block = readonly [size: number, hash: BinaryHash];

/**
 * What a segment of consecutive leaves, folded on its own (in a worker, say), hands over for the whole tree:
 * plain data (strings and numbers), so it crosses threads.
 */
export interface SegmentTree {
  /** Index of the segment's first leaf in the whole log. */
  readonly start: number;
  readonly leaves: number;
  /** The first leaf's hash (hex): the log's id when the segment starts the log. */
  readonly firstLeaf: string | undefined;
  /** The segment's perfect subtrees, left to right, aligned to their size in the whole tree. */
  readonly blocks: readonly Block[];
  /** The blocks when the tree held `earlier` leaves, if that size falls in this segment. */
  readonly earlierBlocks: readonly Block[] | undefined;
  /** Subtrees a consistency proof from `earlier` needs that were completed inside this segment. */
  readonly kept: readonly (readonly [key: string, hash: BinaryHash])[];
}

/**
 * A Merkle tree folded leaf by leaf, or a segment of one: `start` (default 0) is the index of its first
 * leaf. A segment's subtrees are aligned to their size in the whole tree, so segments folded apart (one
 * per byte range, in parallel) and pushed in order as blocks give the whole tree (`pushBlock`).
 * `earlier` (optional): the size whose head and proof are wanted.
 */
export class MerkleStream {
  private hashes: BinaryHash[] = [];
  private sizes: number[] = [];
  private readonly start: number;
  private count: number;
  private readonly earlier: number | undefined;
  /** Perfect subtrees a proof from `earlier` may need, by where they end; filled as the stack makes them. */
  private readonly wantedEnds: Set<number>;
  private readonly wanted: Set<string>;
  private kept = new Map<string, BinaryHash>();
  private earlierBlocks: Block[] | undefined;
  private first: BinaryHash | undefined;

  constructor(options: { earlier?: number | undefined; start?: number } = {}) {
    this.earlier = options.earlier;
    this.start = options.start ?? 0;
    this.count = this.start;
    const { ends, keys } = wantedSubtrees(options.earlier);
    this.wantedEnds = ends;
    this.wanted = keys;
  }

  /** Leaves folded so far, counted from the whole log's first leaf. */
  get size(): number {
    return this.count;
  }

  push(leaf: BinaryHash): void {
    this.first ??= leaf;
    this.pushBlock(leaf, 1);
  }

  /**
   * Add a perfect subtree of `size` leaves (a power of two) that starts at the current size, which `size`
   * must divide: a segment's block, pushed in order.
   */
  pushBlock(hash: BinaryHash, size: number): void {
    let node = hash;
    let width = size;
    this.count += size;
    const end = this.count;
    const watch = this.wantedEnds.has(end);
    if (watch) this.keep(end - width, width, node);
    const sizes = this.sizes;
    const hashes = this.hashes;
    // Merge with the subtree on the left while both halves of an aligned subtree are there (a segment's
    // first subtrees stay open: their left halves lie in the segment before).
    while (sizes.length > 0 && sizes[sizes.length - 1] === width && (end - 2 * width) % (2 * width) === 0) {
      sizes.pop();
      node = nodeHash(hashes.pop() as BinaryHash, node);
      width *= 2;
      if (watch) this.keep(end - width, width, node);
    }
    sizes.push(width);
    hashes.push(node);
    if (end === this.earlier) this.earlierBlocks = this.blocks();
  }

  /** A copy to fold further without changing this one. */
  clone(): MerkleStream {
    const copy = new MerkleStream({ earlier: this.earlier, start: this.start });
    copy.count = this.count;
    copy.sizes = [...this.sizes];
    copy.hashes = [...this.hashes];
    copy.kept = new Map(this.kept);
    copy.earlierBlocks = this.earlierBlocks;
    copy.first = this.first;
    return copy;
  }

  private blocks(): Block[] {
    return this.sizes.map((size, i) => [size, this.hashes[i] as BinaryHash] as const);
  }

  /** This segment's fold, for `combineSegments`. */
  segment(): SegmentTree {
    return {
      start: this.start,
      leaves: this.count - this.start,
      firstLeaf: this.first === undefined ? undefined : toHex(this.first),
      blocks: this.blocks(),
      earlierBlocks: this.earlierBlocks,
      kept: [...this.kept],
    };
  }

  /**
   * The whole tree from its segments, folded apart and given in order (each starting where the one before
   * ends): its head, the log's id, and the head and consistency proof at `earlier`.
   */
  static combine(segments: readonly SegmentTree[], earlier: number | undefined): TreeSummary {
    const tree = new MerkleStream({ earlier });
    let logId: string | undefined;
    for (const segment of segments) {
      if (segment.start !== tree.count) {
        throw new Error(`tree segments do not join: one starts at leaf ${segment.start}, not ${tree.count}`);
      }
      if (segment.earlierBlocks) {
        // The tree at `earlier` = the segments before this one, then this one's blocks at that size.
        const probe = tree.clone();
        for (const [size, hash] of segment.earlierBlocks) probe.pushBlock(hash, size);
        tree.earlierBlocks = probe.earlierBlocks;
      }
      logId ??= segment.firstLeaf;
      for (const [size, hash] of segment.blocks) tree.pushBlock(hash, size);
      for (const [k, hash] of segment.kept) tree.kept.set(k, hash);
    }
    return tree.summary(logId);
  }

  /** Head, id, earlier head and proof of a tree that starts at leaf 0. */
  summary(logId = this.first === undefined ? undefined : toHex(this.first)): TreeSummary {
    return {
      tree: { size: this.count, head: this.root() },
      logId,
      earlier: this.headAtEarlier(),
      consistencyProof: this.consistencyProof(),
    };
  }

  private keep(start: number, size: number, hash: BinaryHash): void {
    const k = key(start, size);
    if (this.wanted.has(k)) this.kept.set(k, hash);
  }

  /** The head of the tree so far (the empty tree's head without leaves); for a tree that starts at leaf 0. */
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

  /** The head after `earlier` leaves, if the log had that many (a tree that starts at leaf 0 only). */
  headAtEarlier(): TreeAt | undefined {
    if (this.earlier === undefined || this.earlierBlocks === undefined || this.start !== 0) return undefined;
    return { size: this.earlier, head: foldBlocks(this.earlierBlocks) };
  }

  /** The consistency proof from `earlier` to the current size (RFC 6962 §2.1.2), as hex node hashes. */
  consistencyProof(): string[] | undefined {
    const m = this.earlier;
    if (m === undefined || this.earlierBlocks === undefined || this.start !== 0) return undefined;
    return consistencyRanges(m, this.count).map(([start, end]) => {
      const hash = this.kept.get(key(start, end - start)) ?? (end === this.count ? this.foldFrom(start) : undefined);
      if (hash === undefined) throw new Error(`consistency proof: subtree [${start}, ${end}) was not kept`);
      return toHex(hash);
    });
  }
}
