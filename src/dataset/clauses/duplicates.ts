/**
 * Art.10(3) "free of errors" — exact duplicate rows. Each row is hashed (64 bits, from its non-id columns
 * whatever their order, so key order and an id column do not hide a repeat) into a typed-array set: rows are
 * hashed, never kept. Duplicate share = 1 − distinct / rows; defaults warn above 1 %, fail above 5 %
 * (specs/regulation-pii.md §1.4.2). Exact up to 64-bit hash collisions (≈ 3·10⁻⁸ for a million rows).
 */

import { Spare } from "../../core/spare.js";
import { type CountsForm, capacityFor, countsFrom, type HashCounts, HashTable64 } from "../hash-table.js";
import type { DatasetOptions } from "../options.js";
import { isContainer } from "../readers/reader.js";
import { WordCounter } from "../words.js";
import { type DatasetClause, fmt, PerKeys, pct, type RowView, shownName } from "./clause.js";

/** 2^23 slots: 96 MiB at most, about 5.8 million distinct rows; later new rows are compared, not added. */
const MAX_SLOTS = 1 << 23;
/**
 * A size hint presizes the set up to 2^21 slots (24 MiB, 1.4 million distinct rows); past that it grows as
 * distinct rows arrive. Capped at 2^20, the main thread's set of a 1,000,000-row scan is rehashed when the last
 * lane's rows come in, on the scan's last step (45 ms of 5.3 s on the snappy benchmark file).
 */
const PRESIZED_SLOTS = 1 << 21;

interface SavedDuplicates {
  readonly table: CountsForm;
  readonly rows: number;
  readonly unhashed: number;
}

interface DuplicateState {
  table: HashTable64;
  rows: number;
  /** Rows that could not be added once the set was full (their own repeats go uncounted). */
  unhashed: number;
}

const idColumnsCache = new WeakMap<DatasetOptions, Set<string>>();

/** A non-string value's canonical text: its type and content, so `1` and `"1"` differ. */
function canonicalValue(value: unknown): string {
  if (typeof value === "bigint") return `n${value}`;
  if (value instanceof Uint8Array) return `b${Buffer.from(value).toString("base64")}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  if (typeof value === "object" && value !== null) {
    // Without a replacer first: a replacer sends every nested value through a call (chat rows: 3× slower).
    try {
      return `o${JSON.stringify(value)}`;
    } catch {
      return `o${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`;
    }
  }
  return `${typeof value}${String(value)}`;
}

// Two 32-bit chains over a key or a non-string value, read by `rowHash` (module state: no array per call).
let chainA = 0;
let chainB = 0;

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const float = new Float64Array(1);
const floatWords = new Int32Array(float.buffer);

/**
 * Continue both chains over a number's 64 bits, after a tag for its type (number, bigint, Date, boolean), so
 * the common scalar values are hashed without building text. -0 counts as 0 and every NaN as one NaN, as their
 * text did.
 */
function chainNumber(tag: number, value: number): void {
  float[0] = value === 0 ? 0 : Number.isNaN(value) ? Number.NaN : value;
  const low = floatWords[0] as number;
  const high = floatWords[1] as number;
  chainA = Math.imul(Math.imul(chainA ^ tag, 0x01000193) ^ low, 0x01000193) ^ high;
  chainB = Math.imul(Math.imul(chainB ^ high, 0x5bd1e995) ^ low, 0x5bd1e995) ^ tag;
}

/** Chain a non-string value: scalars by their bits, arrays and objects by their parts, anything else by its text. */
function chainValue(value: unknown): void {
  if (typeof value === "number") chainNumber(0x6e756d, value);
  else if (typeof value === "boolean") chainNumber(0x626f6f, value ? 1 : 0);
  else if (value === null) chainNumber(0x6e756c, 0);
  else if (typeof value === "bigint" && value >= -MAX_EXACT && value <= MAX_EXACT) chainNumber(0x626967, Number(value));
  else if (value instanceof Date) chainNumber(0x646174, value.getTime());
  else if (isContainer(value)) chainNested(value);
  else chainLongText(canonicalValue(value));
}

/**
 * Chain a JSON array or object part by part, as its JSON text reads: a tag and the length of each array,
 * object and string, each object's keys in their order, each scalar by its bits. Equal values give the same
 * chain, and a chain says where each part ends, so different values give different chains (short of a
 * collision). Writing the value out as JSON to hash that text costs a fifth of a chat-format scan's CPU.
 * (Rows nest at most `maxNesting` deep: deeper ones are refused before any clause sees them.)
 */
function chainNested(value: unknown[] | Record<string, unknown>): void {
  if (Array.isArray(value)) {
    chainNumber(0x617272, value.length);
    for (let i = 0; i < value.length; i++) chainPart(value[i]);
    return;
  }
  const keys = Object.keys(value);
  chainNumber(0x6f626a, keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    chain(key);
    chainPart(value[key]);
  }
}

/** Strings this long are hashed by the text core, eight bytes a step; shorter ones here, two code units a step. */
const CORE_HASHED = 64;

/** One part of an array or object: a string by its text, anything else as a value. */
function chainPart(part: unknown): void {
  if (typeof part === "string") {
    chainNumber(0x737472, part.length);
    if (part.length >= CORE_HASHED) chainLongText(part);
    else chain(part);
  } else if (part === undefined) chainNumber(0x6e756c, 0);
  else chainValue(part);
}

/**
 * The text core that hashes long texts (this thread's own: it counts no word): a chat message's content, a
 * value's canonical text. It hashes eight bytes a step, `chain` two UTF-16 units a step: hashing the chat
 * benchmark's messages with `chain` alone takes 6 % more of its scan's time.
 */
let canonicalHasher: WordCounter | undefined;

/** Continue both chains over a text's 64-bit content hash (the text core's), after its own tag. */
function chainLongText(text: string): void {
  canonicalHasher ??= new WordCounter({ maxSlots: 1 << 4 });
  canonicalHasher.hashText(text);
  chainA = Math.imul(Math.imul(chainA ^ 0x63616e, 0x01000193) ^ canonicalHasher.hashHigh, 0x01000193);
  chainB = Math.imul(Math.imul(chainB ^ canonicalHasher.hashLow, 0x5bd1e995) ^ 0x63616e, 0x5bd1e995);
}

/** Continue both chains over `text`, two UTF-16 code units per step (half the multiplications). */
function chain(text: string): void {
  let a = chainA;
  let b = chainB;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const pair = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ pair, 0x01000193);
    b = Math.imul(b ^ pair, 0x5bd1e995);
  }
  if (i < n) {
    const last = text.charCodeAt(i) | 0x10000000; // an odd tail differs from any pair
    a = Math.imul(a ^ last, 0x01000193);
    b = Math.imul(b ^ last, 0x5bd1e995);
  }
  chainA = a ^ n;
  chainB = b ^ Math.imul(n, 0x27d4eb2d);
}

/** Murmur3's 32-bit finaliser: every input bit affects every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Each key's chain state after hashing its name, and which keys are id columns left out. */
interface KeySeeds {
  readonly hashes: Int32Array;
  readonly skipped: Uint8Array;
}

const keySeeds = new PerKeys((row, skip: ReadonlySet<string>): KeySeeds => {
  const { keys, lowerKeys } = row;
  const hashes = new Int32Array(2 * keys.length);
  const skipped = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    if (skip.has(lowerKeys[i] as string)) skipped[i] = 1;
    chainA = 0x811c9dc5;
    chainB = 0x9747b28c;
    chain(keys[i] as string);
    hashes[2 * i] = chainA;
    hashes[2 * i + 1] = chainB;
  }
  return { hashes, skipped };
});

/**
 * The row's 64-bit content hash: each (key, value) pair is hashed, typed (a string and a number never agree),
 * and the pair hashes are summed, so key order does not matter and no sorted copy is made. A string value's
 * own hash comes from the scanner's word pass over its bytes (`RowView.stringHashes`, WebAssembly); keys and
 * other values are short and hashed here. A collision can only make two different rows count as one repeat.
 */
export function rowHash(
  row: Pick<RowView, "values" | "keys" | "lowerKeys" | "stringHashes">,
  skip: ReadonlySet<string>,
): [number, number] {
  const { values, keys, stringHashes } = row;
  const seeds = keySeeds.of(row, skip);
  let sumA = 0;
  let sumB = 0;
  let strings = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = values[key];
    const isString = typeof value === "string";
    const index = isString ? strings++ : -1;
    if (seeds.skipped[i] === 1) continue;
    chainA = seeds.hashes[2 * i] as number;
    chainB = seeds.hashes[2 * i + 1] as number;
    if (isString) {
      chainA = Math.imul(chainA ^ (stringHashes[2 * index] as number), 0x01000193) ^ 0x73; // "s": a string
      chainB = Math.imul(chainB ^ (stringHashes[2 * index + 1] as number), 0x5bd1e995);
    } else chainValue(value);
    sumA = (sumA + mix(chainA ^ Math.imul(chainB, 0x9e3779b1))) | 0;
    sumB = (sumB + mix(chainB ^ 0x2545f491)) | 0;
  }
  return [sumA, sumB];
}

/** Add counted row hashes to a set; once it is full, rows it does not hold are compared, not added. */
function addRows(state: DuplicateState, rows: HashCounts): void {
  state.table.reserve(rows.counts.length, MAX_SLOTS);
  for (let k = 0; k < rows.counts.length; k++)
    addRow(state, rows.hashes[2 * k] ?? 0, rows.hashes[2 * k + 1] ?? 0, rows.counts[k] ?? 0);
}

/** `addRows` for a live set, read where it is (the same rows in the same order as its export). */
function addSet(state: DuplicateState, set: HashTable64): void {
  state.table.reserve(set.size, MAX_SLOTS);
  set.forEachKey((high, low, n) => addRow(state, high, low, n));
}

function addRow(state: DuplicateState, high: number, low: number, n: number): void {
  if (!state.table.full(MAX_SLOTS)) state.table.add(high, low, n, MAX_SLOTS);
  else if (state.table.bump(high, low, n) < 0) state.unhashed += n;
}

/** A unit's set, emptied once merged into its lane's, for the thread's next unit (see `Spare`). */
const spareSets = new Spare<HashTable64>();
/** Larger sets (a shard's, a lane's) are not kept: emptying one costs more, and it would hold its memory. */
const SPARE_SLOTS = 1 << 16;

export const duplicateRows: DatasetClause<DuplicateState> = {
  id: "Art.10(3)",
  title: "Free of errors — duplicate rows",
  refs: ["EU AI Act Art. 10(3)", "EU AI Act Art. 10(2)(c)"],
  // Sized for the rows the plan expects (a row group, a lane of them): no rehash while they are folded.
  init: (_options, expectedRows = 0) => {
    const slots = capacityFor(expectedRows, PRESIZED_SLOTS);
    return { table: spareSets.take((set) => set.slots === slots) ?? new HashTable64(slots), rows: 0, unhashed: 0 };
  },
  row(state, row, report, options) {
    let skip = idColumnsCache.get(options);
    if (!skip) {
      skip = new Set(options.idColumns.map((c) => c.toLowerCase()));
      idColumnsCache.set(options, skip);
    }
    const [high, low] = rowHash(row, skip);
    state.rows++;
    const seen = state.table.full(MAX_SLOTS) ? state.table.bump(high, low) : state.table.add(high, low, 1, MAX_SLOTS);
    if (seen < 0) state.unhashed++;
    if (seen > 0) report("dataset.duplicate", "warn", "row repeats the content of an earlier row");
  },
  merge(into, from) {
    // An empty set takes the other's over, unless it was made larger for the rows to come.
    if (into.rows === 0 && into.table.size === 0 && from.table.limit >= into.table.limit) {
      // Nothing to merge into: take the other set over rather than copy it (`from` is not used after a merge).
      into.table = from.table;
      into.rows = from.rows;
      into.unhashed += from.unhashed;
      return;
    }
    addSet(into, from.table);
    into.rows += from.rows;
    into.unhashed += from.unhashed;
    if (from.table.slots <= SPARE_SLOTS) {
      from.table.clear();
      spareSets.give(from.table);
    }
  },
  // An estimate, given a tenth more room: one a little low would make the set double on the scan's last rows.
  expect(state, rows) {
    state.table.reserve(Math.ceil(rows * 1.1) - state.table.size, PRESIZED_SLOTS);
  },
  // The set as typed arrays in its own memory (saving is a state's last use): they cross to the main thread as
  // they are; a shard report writes them as base64.
  save: (state) => ({ table: state.table.exportInPlace(), rows: state.rows, unhashed: state.unhashed }),
  load(json) {
    const saved = json as SavedDuplicates;
    const state: DuplicateState = { table: new HashTable64(1 << 12), rows: saved.rows, unhashed: saved.unhashed };
    addRows(state, countsFrom(saved.table));
    return state;
  },
  // A lane's or shard's set goes straight into this one: loading it first built a table of it to export again.
  mergeSaved(into, json) {
    const saved = json as SavedDuplicates;
    addRows(into, countsFrom(saved.table));
    into.rows += saved.rows;
    into.unhashed += saved.unhashed;
  },
  judge(state, _totals, options) {
    const hashed = state.rows - state.unhashed;
    const duplicates = hashed - state.table.size;
    const share = pct(duplicates, state.rows);
    const { duplicateWarnPct: warnAt, duplicateFailPct: failAt } = options.thresholds;
    const status = state.rows === 0 ? "fail" : share > failAt ? "fail" : share > warnAt ? "warn" : "pass";
    return {
      status,
      detail:
        `${duplicates} duplicate row(s) of ${state.rows} (${fmt(share, 2)}%) — ` +
        (share > failAt ? `ABOVE ${failAt}%` : share > warnAt ? `above ${warnAt}%: review` : `within ${warnAt}%`) +
        (state.unhashed > 0 ? `; ${state.unhashed} rows past the set's capacity were compared, not added` : ""),
      evidence: {
        duplicates,
        duplicatePct: Number(share.toFixed(6)),
        distinctRows: state.table.size,
        exact: state.unhashed === 0,
        ignoredColumns: options.idColumns.map((c) => shownName(c)),
      },
    };
  },
};
