/**
 * Art.10(3) "free of errors" — exact duplicate rows. Each row is hashed (64 bits, from its non-id columns in
 * key order, so key order and an id column do not hide a repeat) into a typed-array set: rows are hashed,
 * never kept. Duplicate share = 1 − distinct / rows; defaults warn above 1 %, fail above 5 %
 * (specs/regulation-pii.md §1.4.2). Exact up to 64-bit hash collisions (≈ 3·10⁻⁸ for a million rows).
 */
import { hash } from "node:crypto";
import { countsFromJson, countsToJson, HashTable64 } from "../hash-table.js";
import type { DatasetOptions } from "../options.js";
import { type DatasetClause, fmt, pct } from "./clause.js";

/** 2^23 slots: 96 MiB at most, about 5.8 million distinct rows; later new rows are compared, not added. */
const MAX_SLOTS = 1 << 23;

interface DuplicateState {
  table: HashTable64;
  rows: number;
  /** Rows that could not be added once the set was full (their own repeats go uncounted). */
  unhashed: number;
}

const idColumnsCache = new WeakMap<DatasetOptions, Set<string>>();

/** A value's canonical text: its type and content, so `1` and `"1"` differ. */
function canonicalValue(value: unknown): string {
  if (typeof value === "string") return `s${value}`;
  if (typeof value === "bigint") return `n${value}`;
  if (value instanceof Uint8Array) return `b${Buffer.from(value).toString("base64")}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  if (typeof value === "object" && value !== null) {
    return `o${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`;
  }
  return `${typeof value}${String(value)}`;
}

/**
 * The row's 64-bit content hash: SHA-256 (native, faster than hashing in JavaScript) of its non-id columns
 * in key order, keys and values separated by control characters that JSON text cannot hold raw.
 */
export function rowHash(
  values: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  skip: ReadonlySet<string>,
): [number, number] {
  const sorted = keys.length > 1 ? [...keys].sort() : keys;
  let text = "";
  for (const key of sorted) {
    if (skip.has(key.toLowerCase())) continue;
    text += `${key}\u0000${canonicalValue(values[key])}\u0001`;
  }
  const digest = hash("sha256", text, "buffer") as unknown as Buffer;
  return [digest.readInt32LE(0), digest.readInt32LE(4)];
}

export const duplicateRows: DatasetClause<DuplicateState> = {
  id: "Art.10(3)",
  title: "Free of errors — duplicate rows",
  refs: ["EU AI Act Art. 10(3)", "EU AI Act Art. 10(2)(c)"],
  init: () => ({ table: new HashTable64(1 << 12), rows: 0, unhashed: 0 }),
  row(state, row, report, options) {
    let skip = idColumnsCache.get(options);
    if (!skip) {
      skip = new Set(options.idColumns.map((c) => c.toLowerCase()));
      idColumnsCache.set(options, skip);
    }
    const [high, low] = rowHash(row.values, row.keys, skip);
    state.rows++;
    const seen = state.table.full(MAX_SLOTS) ? state.table.bump(high, low) : state.table.add(high, low, 1, MAX_SLOTS);
    if (seen < 0) state.unhashed++;
    if (seen > 0) report("dataset.duplicate", "warn", "row repeats the content of an earlier row");
  },
  merge(into, from) {
    const exported = from.table.export();
    for (let k = 0; k < exported.counts.length; k++) {
      const [high, low, n] = [exported.hashes[2 * k] ?? 0, exported.hashes[2 * k + 1] ?? 0, exported.counts[k] ?? 0];
      if (into.table.full(MAX_SLOTS)) {
        if (into.table.bump(high, low, n) < 0) into.unhashed += n;
      } else into.table.add(high, low, n, MAX_SLOTS);
    }
    into.rows += from.rows;
    into.unhashed += from.unhashed;
  },
  save: (state) => ({ table: countsToJson(state.table.export()), rows: state.rows, unhashed: state.unhashed }),
  load(json) {
    const saved = json as { table: { hashes: string; counts: string }; rows: number; unhashed: number };
    const table = new HashTable64(1 << 12);
    const counts = countsFromJson(saved.table);
    for (let k = 0; k < counts.counts.length; k++) {
      table.add(counts.hashes[2 * k] ?? 0, counts.hashes[2 * k + 1] ?? 0, counts.counts[k] ?? 0, MAX_SLOTS);
    }
    return { table, rows: saved.rows, unhashed: saved.unhashed };
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
        ignoredColumns: [...options.idColumns],
      },
    };
  },
};
