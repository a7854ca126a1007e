/**
 * An open-addressing table of 64-bit hashes (two 32-bit halves) with a 32-bit count each, in typed arrays:
 * counting rows by hash costs 12 bytes a slot and allocates nothing per key. Used by the duplicate-row
 * detector; the word counter's table (same layout) lives in the text core's memory (wasm/text-core.ts).
 */

const MAX_LOAD = 0.7;

/** Capacities are multiples of this: a presized table holds its rows at about `MAX_LOAD`, not up to half that. */
const CAPACITY_STEP = 1024;

/** A table's content as plain data (crosses worker threads and goes into shard reports). */
export interface HashCounts {
  /** Two 32-bit halves per key. */
  readonly hashes: Int32Array;
  readonly counts: Uint32Array;
}

export class HashTable64 {
  /**
   * Any number of slots, not only a power of two: a key's slot is its mixed hash scaled to the capacity, so a
   * table sized for 500,000 rows takes 8.6 MB where the next power of two takes 12.6 MB. Slots stay in the
   * order of the mixed hash whatever the capacity, so one table's keys visited in slot order go into another
   * in its slot order too.
   */
  private capacity: number;
  /**
   * Slots interleaved as [high, low, count] triples: a probe touches one cache line, not three arrays (the
   * word table outgrows the L2 cache on real text, and the misses were most of the counting cost).
   */
  private slotData: Int32Array;
  /** Occupied slots. */
  size = 0;

  constructor(capacity = 1 << 14) {
    this.capacity = capacity;
    this.slotData = new Int32Array(capacity * 3);
  }

  /** Slots, used or not. */
  get slots(): number {
    return this.capacity;
  }

  /** Empty the table, keeping its slots (the same as a new table of this size). */
  clear(): void {
    this.slotData.fill(0);
    this.size = 0;
  }

  /** Slots the table may hold before it must grow (at its largest, new keys are only compared: `bump`). */
  get limit(): number {
    return Math.floor(this.capacity * MAX_LOAD);
  }

  /** A key's first slot × 3. Keys can be structured (packed word characters), so both halves are mixed. */
  private home(high: number, low: number): number {
    const mixed = Math.imul(high ^ Math.imul(low, 0x85ebca6b), 0x9e3779b1) >>> 0;
    // mixed × capacity / 2^32 < capacity: the product's rounding (above 2^53) cannot carry it past the last slot.
    return Math.floor((mixed * this.capacity) / 4294967296) * 3;
  }

  /** Add `by` to the key's count; returns the count it had before (0: a new key). Grows when `limit` is passed. */
  add(high: number, low: number, by: number, maxSlots: number): number {
    const data = this.slotData;
    const end = data.length;
    let at = this.home(high, low);
    for (;;) {
      const count = data[at + 2] as number;
      if (count === 0) {
        data[at] = high;
        data[at + 1] = low;
        data[at + 2] = by;
        this.size++;
        if (this.size > this.limit && this.capacity < maxSlots) this.rehash(Math.min(this.capacity * 2, maxSlots));
        return 0;
      }
      if (data[at] === high && data[at + 1] === low) {
        data[at + 2] = count + by;
        return count >>> 0;
      }
      at += 3;
      if (at === end) at = 0;
    }
  }

  /**
   * Grow, before adding `more` keys, to hold them all (up to `maxSlots`). Needed before adding another table's
   * export: its keys come in slot order, and a smaller table with the same hash would pile them into one run.
   */
  reserve(more: number, maxSlots: number): void {
    const capacity = Math.max(this.capacity, capacityFor(this.size + more, maxSlots));
    if (capacity !== this.capacity) this.rehash(capacity);
  }

  /** Whether the table is at its largest and full: the caller must prune or stop adding new keys. */
  full(maxSlots: number): boolean {
    return this.capacity >= maxSlots && this.size > this.limit;
  }

  /** Add `by` to an existing key without inserting: the count it had, or -1 when the key is absent. */
  bump(high: number, low: number, by = 1): number {
    const data = this.slotData;
    const end = data.length;
    let at = this.home(high, low);
    for (;;) {
      const count = data[at + 2] as number;
      if (count === 0) return -1;
      if (data[at] === high && data[at + 1] === low) {
        data[at + 2] = count + by;
        return count >>> 0;
      }
      at += 3;
      if (at === end) at = 0;
    }
  }

  private rehash(capacity: number): void {
    const old = this.slotData;
    this.capacity = capacity;
    this.slotData = new Int32Array(capacity * 3);
    this.size = 0;
    const data = this.slotData;
    const end = data.length;
    for (let i = 0; i < old.length; i += 3) {
      const count = (old[i + 2] as number) >>> 0;
      if (count === 0) continue;
      const high = old[i] as number;
      const low = old[i + 1] as number;
      let at = this.home(high, low);
      while (data[at + 2] !== 0) {
        at += 3;
        if (at === end) at = 0;
      }
      data[at] = high;
      data[at + 1] = low;
      data[at + 2] = count;
      this.size++;
    }
  }

  /**
   * Call `each` for every occupied slot, in slot order (the order `export` lists them), without copying the
   * table: a unit's set merged into its lane's was exported first, a copy the size of the set per unit.
   */
  forEachKey(each: (high: number, low: number, count: number) => void): void {
    const data = this.slotData;
    for (let i = 0; i < data.length; i += 3) {
      const count = (data[i + 2] as number) >>> 0;
      if (count !== 0) each(data[i] as number, data[i + 1] as number, count);
    }
  }

  /** Occupied slots in slot order (deterministic for the same insertions). */
  export(): HashCounts {
    return exportSlots(this.slotData, this.size);
  }

  /**
   * `export` in the table's own memory, for its last use (a lane's set, sent to the main thread): the keys are
   * moved to the front of the slots and the counts after them, and both are views of that memory, so the set
   * is not copied when the lane's memory is at its largest. The table is empty afterwards.
   */
  exportInPlace(): HashCounts {
    const data = this.slotData;
    const size = this.size;
    const { hashes, counts } = exportSlots(data, size, data.subarray(0, 2 * size));
    const placed = new Uint32Array(data.buffer, data.byteOffset + 8 * size, size);
    placed.set(counts);
    this.capacity = 1;
    this.slotData = new Int32Array(3);
    this.size = 0;
    return { hashes, counts: placed };
  }
}

/** The smallest capacity (a multiple of `CAPACITY_STEP` from 2^14, at most `maxSlots`) that holds `keys` keys without growing. */
export function capacityFor(keys: number, maxSlots: number): number {
  const needed = Math.ceil(keys / MAX_LOAD / CAPACITY_STEP) * CAPACITY_STEP;
  return Math.min(maxSlots, Math.max(1 << 14, needed));
}

/**
 * The occupied slots of interleaved [high, low, count] slots, in slot order: this table's, or the word
 * table's in the text core's memory (same layout). `hashes` may be the front of `slots` itself: the k-th key
 * is written at 2k and 2k + 1, at most 3k, and the k-th used slot starts at 3k or later, so nothing unread is
 * overwritten.
 */
export function exportSlots(
  slots: Int32Array,
  size: number,
  hashes: Int32Array = new Int32Array(size * 2),
): HashCounts {
  const counts = new Uint32Array(size);
  let k = 0;
  for (let i = 0; i < slots.length; i += 3) {
    const count = (slots[i + 2] as number) >>> 0;
    if (count === 0) continue;
    hashes[2 * k] = slots[i] as number;
    hashes[2 * k + 1] = slots[i + 1] as number;
    counts[k++] = count;
  }
  return { hashes, counts };
}

/** Typed arrays as base64 for shard reports, and back. */
export function countsToJson(table: HashCounts): { hashes: string; counts: string } {
  return {
    hashes: Buffer.from(table.hashes.buffer, table.hashes.byteOffset, table.hashes.byteLength).toString("base64"),
    counts: Buffer.from(table.counts.buffer, table.counts.byteOffset, table.counts.byteLength).toString("base64"),
  };
}

/** A table in either form: typed arrays (between threads) or base64 (in a shard report). */
export type CountsForm = HashCounts | { readonly hashes: string; readonly counts: string };

export function countsFrom(form: CountsForm): HashCounts {
  return typeof form.hashes === "string"
    ? countsFromJson(form as { hashes: string; counts: string })
    : (form as HashCounts);
}

function isTable(value: object): value is HashCounts {
  const table = value as Partial<HashCounts>;
  return table.hashes instanceof Int32Array && table.counts instanceof Uint32Array;
}

/**
 * A clause state or partial made JSON-safe for a shard report: every table in it (an object holding `hashes`
 * as an Int32Array and `counts` as a Uint32Array) is written as base64; `countsFrom` reads either form.
 */
export function tablesToJson(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (isTable(value)) return { ...value, ...countsToJson(value) };
  if (Array.isArray(value)) return value.map(tablesToJson);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, tablesToJson(item)]));
}

/** The buffers of every table in `value` (exported copies), to transfer rather than copy to another thread. */
export function tableBuffers(value: unknown, found: ArrayBuffer[] = []): ArrayBuffer[] {
  if (typeof value !== "object" || value === null) return found;
  if (isTable(value)) {
    for (const { buffer } of [value.hashes, value.counts]) {
      if (buffer instanceof ArrayBuffer && !found.includes(buffer)) found.push(buffer);
    }
    return found;
  }
  for (const item of Object.values(value)) tableBuffers(item, found);
  return found;
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
