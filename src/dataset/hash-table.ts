/**
 * An open-addressing table of 64-bit hashes (two 32-bit halves) with a 32-bit count each, in typed arrays:
 * counting words or rows by hash costs 12 bytes a slot and allocates nothing per key. Used by the
 * vocabulary counter and the duplicate-row detector.
 */

const MAX_LOAD = 0.7;

/** A table's content as plain data (crosses worker threads and goes into shard reports). */
export interface HashCounts {
  /** Two 32-bit halves per key. */
  readonly hashes: Int32Array;
  readonly counts: Uint32Array;
}

export class HashTable64 {
  private capacity: number;
  private high: Int32Array;
  private low: Int32Array;
  private counts: Uint32Array;
  /** Occupied slots. */
  size = 0;

  constructor(capacity = 1 << 14) {
    this.capacity = capacity;
    this.high = new Int32Array(capacity);
    this.low = new Int32Array(capacity);
    this.counts = new Uint32Array(capacity);
  }

  /** Slots the table may hold before it must grow (or, at its largest, be pruned). */
  get limit(): number {
    return Math.floor(this.capacity * MAX_LOAD);
  }

  get slots(): number {
    return this.capacity;
  }

  /** Add `by` to the key's count; returns the count it had before (0: a new key). Grows when `limit` is passed. */
  add(high: number, low: number, by: number, maxSlots: number): number {
    const mask = this.capacity - 1;
    let slot = (high ^ (low >>> 7)) & mask;
    for (;;) {
      const count = this.counts[slot] ?? 0;
      if (count === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.counts[slot] = by;
        this.size++;
        if (this.size > this.limit && this.capacity < maxSlots) this.rehash(this.capacity * 2, 0);
        return 0;
      }
      if (this.high[slot] === high && this.low[slot] === low) {
        this.counts[slot] = count + by;
        return count;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Whether the table is at its largest and full: the caller must prune or stop adding new keys. */
  full(maxSlots: number): boolean {
    return this.capacity >= maxSlots && this.size > this.limit;
  }

  /** Add one to an existing key's count: false when the key is absent (the fast path of a counter). */
  increment(high: number, low: number): boolean {
    const counts = this.counts;
    const mask = this.capacity - 1;
    let slot = (high ^ (low >>> 7)) & mask;
    for (;;) {
      const count = counts[slot] as number;
      if (count === 0) return false;
      if (this.high[slot] === high && this.low[slot] === low) {
        counts[slot] = count + 1;
        return true;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Add `by` to an existing key without inserting: the count it had, or -1 when the key is absent. */
  bump(high: number, low: number, by = 1): number {
    const mask = this.capacity - 1;
    let slot = (high ^ (low >>> 7)) & mask;
    for (;;) {
      const count = this.counts[slot] ?? 0;
      if (count === 0) return -1;
      if (this.high[slot] === high && this.low[slot] === low) {
        this.counts[slot] = count + by;
        return count;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Keep only keys counted more than `dropAtMost` times (same capacity). */
  prune(dropAtMost: number): void {
    this.rehash(this.capacity, dropAtMost);
  }

  private rehash(capacity: number, dropAtMost: number): void {
    const [high, low, counts] = [this.high, this.low, this.counts];
    this.capacity = capacity;
    this.high = new Int32Array(capacity);
    this.low = new Int32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.size = 0;
    const mask = capacity - 1;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] ?? 0;
      if (count <= dropAtMost) continue;
      const h = high[i] ?? 0;
      const l = low[i] ?? 0;
      let slot = (h ^ (l >>> 7)) & mask;
      while ((this.counts[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      this.high[slot] = h;
      this.low[slot] = l;
      this.counts[slot] = count;
      this.size++;
    }
  }

  maxCount(): number {
    let max = 0;
    for (const count of this.counts) if (count > max) max = count;
    return max;
  }

  /** Occupied slots in slot order (deterministic for the same insertions). */
  export(): HashCounts {
    const hashes = new Int32Array(this.size * 2);
    const counts = new Uint32Array(this.size);
    let k = 0;
    for (let i = 0; i < this.capacity; i++) {
      const count = this.counts[i] ?? 0;
      if (count === 0) continue;
      hashes[2 * k] = this.high[i] ?? 0;
      hashes[2 * k + 1] = this.low[i] ?? 0;
      counts[k++] = count;
    }
    return { hashes, counts };
  }
}

/** Typed arrays as base64 for shard reports, and back. */
export function countsToJson(table: HashCounts): { hashes: string; counts: string } {
  return {
    hashes: Buffer.from(table.hashes.buffer, table.hashes.byteOffset, table.hashes.byteLength).toString("base64"),
    counts: Buffer.from(table.counts.buffer, table.counts.byteOffset, table.counts.byteLength).toString("base64"),
  };
}

export function countsFromJson(json: { hashes: string; counts: string }): HashCounts {
  const hashes = Buffer.from(json.hashes, "base64");
  const counts = Buffer.from(json.counts, "base64");
  if (hashes.length % 8 !== 0 || counts.length % 4 !== 0 || hashes.length !== counts.length * 2) {
    throw new Error("malformed hash table in shard state");
  }
  // Copy into aligned buffers: a Buffer's offset into the pool need not be a multiple of 4.
  return {
    hashes: new Int32Array(new Uint8Array(hashes).buffer),
    counts: new Uint32Array(new Uint8Array(counts).buffer),
  };
}
