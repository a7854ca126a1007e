/**
 * One cheap sequential pass over a log's raw bytes for what depends on absolute positions, while the
 * verification itself runs in parallel over byte ranges:
 * - the entry at a checkpoint's position (its line and text), for `--anchor`;
 * - for spanforge, the head: SHA-256 of the file's bytes (after a byte-order mark) up to the end of the last
 *   entry line, and the same digest after the checkpointed entry. An auditor can recompute it with
 *   `head -c <bytes> log.jsonl | sha256sum`.
 * - the RFC 6962 Merkle tree over the entries (`merkle.ts`): its head, the log's id (the first leaf's hash) and,
 *   for a checkpoint, the head at the checkpointed size and the consistency proof from there.
 * An entry is a non-blank line (blank = ASCII spaces, tabs, CR, FF, VT only), as the verifiers count them.
 * An entry's leaf data is its line's exact bytes without the line feed that ends it (a CR before it stays),
 * and, on the first line, without a UTF-8 byte-order mark: any byte changed in an entry changes its leaf.
 */
import { createHash, type Hash } from "node:crypto";
import { open } from "node:fs/promises";
import { type BinaryHash, LeafHasher, MerkleStream, type TreeAt, toHex } from "./merkle.js";

export interface PositionPassResult {
  readonly entries: number;
  readonly lines: number;
  /** The line and text of entry number `anchorAt` (and the digest after it), if the log has that many. */
  readonly anchor: { readonly line: number; readonly text: string; readonly digest: string | undefined } | undefined;
  /** Digest through the last entry line ("" without entries); only when `digest` was asked for. */
  readonly finalDigest: string | undefined;
  /** The Merkle tree head over all entries. */
  readonly tree: TreeAt;
  /** The log's identity: the first entry's leaf hash (hex), undefined without entries. */
  readonly logId: string | undefined;
  /** The tree head after `anchorAt` entries, if the log has that many. */
  readonly earlier: TreeAt | undefined;
  /** RFC 6962 consistency proof from the tree of `anchorAt` entries to the whole tree. */
  readonly consistencyProof: readonly string[] | undefined;
}

/** A line of ASCII white space only (or empty): not an entry. */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0c && c !== 0x0b) return false;
  }
  return true;
}

function isBlankBytes(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buffer[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0c && c !== 0x0b) return false;
  }
  return true;
}

const CHUNK_BYTES = 1024 * 1024;
const LEAF_PREFIX = Buffer.from([0x00]);
/** Longest anchored line whose text is kept (torchcomply entries are a few hundred bytes). */
const MAX_ANCHOR_LINE_BYTES = 16 * 1024 * 1024;

export async function runPositionPass(
  path: string,
  options: { digest: boolean; anchorAt: number | undefined },
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
  const tree = new MerkleStream({ earlier: options.anchorAt });
  const leaves = new LeafHasher();
  /** The leaf hash of the current line when it is complete in one chunk; else its running hash. */
  let leaf: BinaryHash | undefined;
  let spanning: Hash | undefined;
  let logId: string | undefined;

  const endLine = (): void => {
    lines++;
    if (lineNonBlank) {
      const leafHash = leaf ?? (spanning as Hash).digest("binary");
      logId ??= toHex(leafHash);
      tree.push(leafHash);
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

  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      let pos = 0;
      if (first) {
        first = false;
        if (bytesRead >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) pos = 3;
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
        if (spanning) spanning.update(buffer.subarray(pos, contentEnd));
        else if (newline !== -1 && !lineHasBytes) {
          // The whole line is in this chunk (almost every line): one native hash call.
          if (!blank) leaf = leaves.hashRange(buffer, pos, contentEnd);
        } else {
          spanning = createHash("sha256").update(LEAF_PREFIX);
          spanning.update(buffer.subarray(pos, contentEnd));
        }
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
      tree: { size: tree.size, head: tree.root() },
      logId,
      earlier: tree.headAtEarlier(),
      consistencyProof: tree.consistencyProof(),
    };
  } finally {
    await handle.close();
  }
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
        if (bytesRead >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) pos = 3;
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
