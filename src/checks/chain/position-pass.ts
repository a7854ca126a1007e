/**
 * One cheap sequential pass over a log's raw bytes for what depends on absolute positions, while the
 * verification itself runs in parallel over byte ranges:
 * - the entry at a checkpoint's position (its line and text), for `--anchor`;
 * - for spanforge, the head: SHA-256 of the file's bytes (after a byte-order mark) up to the end of the last
 *   entry line, and the same digest after the checkpointed entry. An auditor can recompute it with
 *   `head -c <bytes> log.jsonl | sha256sum`.
 * - when asked (`tree`), the RFC 6962 Merkle tree over the entries (`merkle.ts`): its head, the log's id (the
 *   first leaf's hash) and, for a checkpoint, the head at the checkpointed size and the consistency proof.
 *   The ranges normally fold the tree themselves from the bytes they read; this pass is the fallback.
 * An entry is a non-blank line (blank = ASCII spaces, tabs, CR, FF, VT only), as the verifiers count them.
 * An entry's leaf data is its line's exact bytes without the line feed that ends it (a CR before it stays),
 * and, on the first line, without a UTF-8 byte-order mark: any byte changed in an entry changes its leaf.
 */
import { createHash, type Hash } from "node:crypto";
import { open } from "node:fs/promises";
import { type BinaryHash, LeafHasher, MerkleStream, type TreeSummary } from "./merkle.js";

/** Where a log's entries are: what the position pass finds besides the tree. */
export interface LogPositions {
  readonly entries: number;
  readonly lines: number;
  /** The line and text of entry number `anchorAt` (and the digest after it), if the log has that many. */
  readonly anchor: { readonly line: number; readonly text: string; readonly digest: string | undefined } | undefined;
  /** Digest through the last entry line ("" without entries); only when `digest` was asked for. */
  readonly finalDigest: string | undefined;
}

export interface PositionPassResult extends LogPositions {
  /** The Merkle tree over all entries, when `tree` was asked for. */
  readonly merkle: TreeSummary | undefined;
}

/** An ASCII white-space character a blank line may hold: space, tab, CR, FF, VT. */
const isBlankCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b;

/** 3 when the file's first `bytesRead` bytes in `buffer` start with a UTF-8 byte-order mark, else 0. */
const bomLength = (buffer: Buffer, bytesRead: number): number =>
  bytesRead >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;

/** A line of ASCII white space only (or empty): not an entry. */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isBlankCode(text.charCodeAt(i))) return false;
  }
  return true;
}

/** `isBlankText` over bytes: the line buffer[start, end) holds ASCII white space only (or nothing). */
export function isBlankBytes(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isBlankCode(buffer[i] as number)) return false;
  }
  return true;
}

const CHUNK_BYTES = 1024 * 1024;
const LEAF_PREFIX = Buffer.from([0x00]);
/** Longest anchored line whose text is kept (torchcomply entries are a few hundred bytes). */
const MAX_ANCHOR_LINE_BYTES = 16 * 1024 * 1024;

export async function runPositionPass(
  path: string,
  options: { digest: boolean; anchorAt: number | undefined; tree: boolean },
): Promise<PositionPassResult> {
  const handle = await open(path, "r");
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let transcript: Hash | undefined = options.digest ? createHash("sha256") : undefined;
  /** The transcript with the blank lines since the last entry: adopted only when another entry follows. */
  let pending: Hash | undefined;
  let entries = 0;
  let lines = 0;
  let lineNonBlank = false; // the current line has a non-blank byte so far
  let lineHasBytes = false;
  let anchorParts: Buffer[] = [];
  let anchorBytes = 0;
  let anchor: PositionPassResult["anchor"];
  let first = true;
  const tree = options.tree ? new MerkleStream({ earlier: options.anchorAt }) : undefined;
  const leaves = new LeafHasher();
  /** The leaf hash of the current line when it is complete in one chunk; else its running hash. */
  let leaf: BinaryHash | undefined;
  let spanning: Hash | undefined;

  const endLine = (): void => {
    lines++;
    if (lineNonBlank) {
      tree?.push(leaf ?? (spanning as Hash).digest("binary"));
      entries++;
      if (entries === options.anchorAt) {
        anchor = {
          line: lines,
          text: Buffer.concat(anchorParts).toString("utf8"),
          digest: transcript?.copy().digest("hex"),
        };
      }
    }
    lineNonBlank = false;
    lineHasBytes = false;
    leaf = undefined;
    spanning = undefined;
    anchorParts = [];
    anchorBytes = 0;
  };

  /** Feed a line's bytes in this chunk to its leaf hash; `whole`: the entire line is here, in one piece. */
  const hashLeafPart = (pos: number, contentEnd: number, whole: boolean): void => {
    if (spanning) spanning.update(buffer.subarray(pos, contentEnd));
    else if (whole)
      leaf = leaves.hashRange(buffer, pos, contentEnd); // almost every line: one native call
    else spanning = createHash("sha256").update(LEAF_PREFIX).update(buffer.subarray(pos, contentEnd));
  };

  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      let pos = 0;
      if (first) {
        first = false;
        pos = bomLength(buffer, bytesRead);
      }
      let runStart = pos; // entry-line bytes from here to `pos` not fed to the transcript yet
      const flushRun = (to: number): void => {
        if (transcript && to > runStart) transcript.update(buffer.subarray(runStart, to));
        runStart = to;
      };
      while (pos < bytesRead) {
        let newline = buffer.indexOf(0x0a, pos);
        if (newline >= bytesRead) newline = -1;
        const contentEnd = newline === -1 ? bytesRead : newline;
        const segmentEnd = newline === -1 ? bytesRead : newline + 1;
        const blank = isBlankBytes(buffer, pos, contentEnd); // decided by the first byte on an entry line
        const whole = newline !== -1 && !lineHasBytes;
        if (tree && !(whole && blank)) hashLeafPart(pos, contentEnd, whole); // a blank line is no leaf
        lineHasBytes ||= segmentEnd > pos;
        if (!lineNonBlank && !blank) {
          lineNonBlank = true;
          if (pending) {
            flushRun(pos);
            transcript = pending; // the blank lines before this entry belong to the prefix after all
            pending = undefined;
          }
        }
        if (!lineNonBlank && transcript) {
          flushRun(pos);
          pending ??= transcript.copy();
          pending.update(buffer.subarray(pos, segmentEnd));
          runStart = segmentEnd;
        }
        if (entries + 1 === options.anchorAt && anchorBytes < MAX_ANCHOR_LINE_BYTES) {
          anchorParts.push(Buffer.from(buffer.subarray(pos, contentEnd)));
          anchorBytes += contentEnd - pos;
        }
        if (newline !== -1) {
          if (lineNonBlank && entries + 1 === options.anchorAt) flushRun(segmentEnd);
          endLine();
        }
        pos = segmentEnd;
      }
      flushRun(bytesRead);
    }
    if (lineHasBytes) endLine(); // a last line without a newline
    const finalDigest = transcript ? (entries === 0 ? "" : transcript.digest("hex")) : undefined;
    return {
      entries,
      lines,
      anchor,
      finalDigest,
      merkle: tree?.summary(),
    };
  } finally {
    await handle.close();
  }
}

/**
 * How many entries lie before each of `offsets` (ascending, each a line start): where a byte range's first
 * entry is in the log, so that ranges can fold their parts of the tree apart. Counts lines with a non-blank
 * byte, as `runPositionPass` does, and reads up to the last offset only: one `indexOf` per line.
 */
export async function countEntriesBefore(path: string, offsets: readonly number[]): Promise<number[] | undefined> {
  const counts: number[] = [];
  const last = offsets.at(-1) ?? 0;
  const handle = await open(path, "r");
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let entries = 0;
  let nonBlank = false; // the current line has a non-blank byte so far
  let position = 0;
  const reached = (at: number): void => {
    while (counts.length < offsets.length && offsets[counts.length] === at) counts.push(entries);
  };
  try {
    reached(0);
    while (position < last) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, last - position), position);
      if (bytesRead === 0) break;
      const data = buffer.subarray(0, bytesRead);
      let i = position === 0 ? bomLength(data, bytesRead) : 0;
      while (i < bytesRead) {
        if (!nonBlank) {
          const c = data[i];
          i++;
          if (c === 0x0a) reached(position + i);
          else if (!isBlankCode(c as number)) nonBlank = true;
          continue;
        }
        const newline = data.indexOf(0x0a, i);
        if (newline === -1) break;
        entries++;
        nonBlank = false;
        i = newline + 1;
        reached(position + i);
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  // An offset not at a line start (the file changed since the cut was chosen): no counts to trust.
  return counts.length === offsets.length ? counts : undefined;
}

/**
 * The log's id without reading it all: the leaf hash (hex) of its first entry, as `runPositionPass` gives
 * it, or undefined when the log holds no entry. Reads up to the end of the first entry line.
 */
export async function readLogId(path: string): Promise<string | undefined> {
  const handle = await open(path, "r");
  const buffer = Buffer.allocUnsafe(64 * 1024);
  let leaf: Hash | undefined;
  let nonBlank = false;
  let first = true;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      let pos = 0;
      if (first) {
        first = false;
        pos = bomLength(buffer, bytesRead);
      }
      while (pos < bytesRead) {
        let newline = buffer.indexOf(0x0a, pos);
        if (newline >= bytesRead) newline = -1;
        const contentEnd = newline === -1 ? bytesRead : newline;
        leaf ??= createHash("sha256").update(LEAF_PREFIX);
        leaf.update(buffer.subarray(pos, contentEnd));
        nonBlank ||= !isBlankBytes(buffer, pos, contentEnd);
        if (newline === -1) break;
        if (nonBlank) return leaf.digest("hex");
        leaf = undefined;
        pos = newline + 1;
      }
    }
    return nonBlank ? leaf?.digest("hex") : undefined;
  } finally {
    await handle.close();
  }
}
