/**
 * What the format verifiers share: the fold interface, the outcome they produce, a bounded look-back window
 * to explain link breaks, and constant-time comparison.
 */
import { timingSafeEqual } from "node:crypto";
import type { MetricValue } from "../../core/model.js";

export type ChainFormat = "torchcomply" | "spanforge";

/**
 * A synchronous fold over the lines of a log, or of one byte range of it: no I/O, so it can be fed from a
 * file, a test or a worker thread. Its result is plain data that `combine*` merges across ranges.
 */
export interface ChainVerifier {
  readonly wantsRawBytes?: boolean;
  line(text: string, lineNumber: number, raw?: Uint8Array): void;
  badLine(lineNumber: number, reason: string, raw?: Uint8Array): void;
}

/** What the file-level outcome of a chain check says, once ranges are combined. */
export interface ChainOutcome {
  readonly format: ChainFormat;
  /** Non-blank lines, well-formed or not: an entry's position in the file. */
  readonly entries: number;
  readonly metrics: Readonly<Record<string, MetricValue>>;
  /** Short facts about the log for the check summary. */
  readonly summary: string;
}

/** Which key signs the events at some point of a spanforge chain. */
export type KeyState =
  | { readonly kind: "initial" }
  | { readonly kind: "rotated"; readonly eventId: string }
  | { readonly kind: "unavailable" };

export function sameKeyState(a: KeyState, b: KeyState): boolean {
  return a.kind === b.kind && (a.kind !== "rotated" || (b.kind === "rotated" && a.eventId === b.eventId));
}

/** Most segment heads listed in a report; `segments` always counts them all. */
export const MAX_LISTED_HEADS = 1000;

/**
 * The last few thousand ids/hashes seen and the line of each: lets a link break say "points to line 12"
 * (reordered or duplicated) rather than only "broken", in bounded memory. Remembering is a ring write; the
 * linear search runs only when a link is already broken.
 */
export class RecentWindow {
  private readonly keys: (string | undefined)[];
  private readonly lines: Int32Array;
  private next = 0;

  constructor(capacity = 4096) {
    this.keys = new Array<string | undefined>(capacity);
    this.lines = new Int32Array(capacity);
  }

  /** The line of the most recent entry with this key, if it is still in the window. */
  lineOf(key: string): number | undefined {
    const capacity = this.keys.length;
    for (let k = 1; k <= capacity; k++) {
      const slot = (this.next - k + capacity) % capacity;
      if (this.keys[slot] === key) return this.lines[slot];
    }
    return undefined;
  }

  remember(key: string, line: number): void {
    // A key sliced from a line would keep the whole line alive for as long as it is in the window (a few MB
    // copied at every young-generation collection): keep a copy of its own instead.
    this.keys[this.next] = ownCopy(key);
    this.lines[this.next] = line;
    this.next = (this.next + 1) % this.keys.length;
  }
}

/**
 * A string with its own characters, not a view into a larger string. V8 slices strings of 13 characters
 * or more as views of their parent; a concatenation flattened by `slice` is copied.
 */
function ownCopy(value: string): string {
  return value.length < 13 ? value : `${value} `.slice(0, -1);
}

/** Constant-time string equality (lengths may differ; non-ASCII never throws, unlike Python's compare_digest). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}

/**
 * A value as it may be quoted in a message: short, only for identifiers and hashes (never payload data), and
 * without control characters (they could rewrite a terminal line, or pose as a `lineRef`).
 */
export function shortId(value: string, length = 32): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > length ? `${clean.slice(0, length)}…` : clean;
}
