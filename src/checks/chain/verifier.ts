/**
 * What the format verifiers share: the fold interface, the outcome they produce, a bounded look-back window
 * to explain link breaks, and constant-time comparison.
 */
import { timingSafeEqual } from "node:crypto";
import type { MetricValue } from "../../core/model.js";

export type ChainFormat = "torchcomply" | "spanforge";

/** A synchronous fold over a log's lines: no I/O, so it can be fed from a file, a test or a worker. */
export interface ChainVerifier {
  line(text: string, lineNumber: number): void;
  badLine(lineNumber: number, reason: string): void;
  finish(lastLine: number): ChainOutcome;
}

export interface ChainOutcome {
  readonly format: ChainFormat;
  /** Non-blank lines, well-formed or not: an entry's position in the file. */
  readonly entries: number;
  /** Head after the last entry: what a checkpoint records. */
  readonly head: string;
  readonly metrics: Readonly<Record<string, MetricValue>>;
  /** Short facts about the log for the check summary. */
  readonly summary: string;
}

/** Most segment heads listed in a report; `segments` always counts them all. */
export const MAX_LISTED_HEADS = 1000;

/**
 * The last few thousand ids/hashes seen and the line of each: lets a link break say "points to line 12"
 * (reordered or duplicated) rather than only "broken", in bounded memory.
 */
export class RecentWindow {
  private readonly lines = new Map<string, number>();
  private readonly capacity: number;

  constructor(capacity = 4096) {
    this.capacity = capacity;
  }

  lineOf(key: string): number | undefined {
    return this.lines.get(key);
  }

  remember(key: string, line: number): void {
    this.lines.delete(key);
    this.lines.set(key, line);
    if (this.lines.size > this.capacity) {
      const oldest = this.lines.keys().next();
      if (!oldest.done) this.lines.delete(oldest.value);
    }
  }
}

/** Constant-time string equality (lengths may differ; non-ASCII never throws, unlike Python's compare_digest). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}

/** A value as it may be quoted in a message: short, and only for identifiers and hashes (never payload data). */
export function shortId(value: string, length = 32): string {
  return value.length > length ? `${value.slice(0, length)}…` : value;
}
