/**
 * Reusable buffers for one Parquet row group's file reads and pages. A row group's column chunks and decompressed
 * pages are garbage as soon as its rows are folded; allocating them afresh for every row group (tens of MB each)
 * fragmented the allocator, and two workers peaked 30–50 MB higher on the 1M-row benchmark files. The k-th buffer
 * a row group takes is the k-th slot the previous row group used, grown when too small.
 *
 * A set of buffers serves one row group at a time: it is taken with `acquirePageBuffers` and handed back with
 * `releasePageBuffers` once the group's rows are folded (every value that views a page is dead by then).
 */

/** Larger buffers are allocated for their row group only: a freak row group should not pin its size forever. */
const MAX_POOLED_BYTES = 64 * 1024 * 1024;

/** Slots grow with headroom, so row groups of slightly different sizes reuse them instead of regrowing. */
const GROWTH = 1.25;

export class PageBuffers {
  private readonly bytesSlots: Uint8Array[] = [];
  private readonly fileSlots: ArrayBuffer[] = [];
  private bytesTaken = 0;
  private fileTaken = 0;

  /** `length` writable bytes, distinct from every other buffer taken since the last `rewind`. */
  bytes(length: number): Uint8Array {
    if (length > MAX_POOLED_BYTES) return new Uint8Array(length);
    const k = this.bytesTaken++;
    let slot = this.bytesSlots[k];
    if (!slot || slot.length < length) {
      slot = new Uint8Array(Math.min(MAX_POOLED_BYTES, Math.ceil(length * GROWTH)));
      this.bytesSlots[k] = slot;
    }
    return slot.subarray(0, length);
  }

  /**
   * An ArrayBuffer of exactly `length` bytes (hyparquet views a file read's whole buffer), distinct from every
   * other taken since the last `rewind`: a resizable buffer, so its memory stays reserved between row groups.
   */
  fileBuffer(length: number): ArrayBuffer {
    if (length > MAX_POOLED_BYTES) return new ArrayBuffer(length);
    const k = this.fileTaken++;
    let slot = this.fileSlots[k];
    if (!slot) {
      slot = new ArrayBuffer(length, { maxByteLength: MAX_POOLED_BYTES });
      this.fileSlots[k] = slot;
    }
    slot.resize(length);
    return slot;
  }

  /** Make every buffer available again: what they held must no longer be read. */
  rewind(): void {
    this.bytesTaken = 0;
    this.fileTaken = 0;
  }
}

/** Idle sets, one per row group that ran at once in this thread (usually one). */
const idle: PageBuffers[] = [];

export function acquirePageBuffers(): PageBuffers {
  return idle.pop() ?? new PageBuffers();
}

export function releasePageBuffers(buffers: PageBuffers): void {
  buffers.rewind();
  idle.push(buffers);
}
