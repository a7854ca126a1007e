/**
 * One object kept for its thread's next use and lent to one user at a time (a user that finds it taken, or
 * unfit, makes its own). For objects whose memory lies outside the V8 heap (read buffers, typed-array tables):
 * only a mark-compact frees that memory, and V8 counts it towards starting one, so making one per unit of work
 * made each dataset lane run a mark-compact every half second.
 */
export class Spare<T> {
  private kept: T | undefined;

  /** The kept object, lent (and kept no more), when `fits` accepts it; else undefined. */
  take(fits: (kept: T) => boolean): T | undefined {
    const kept = this.kept;
    if (kept === undefined || !fits(kept)) return undefined;
    this.kept = undefined;
    return kept;
  }

  /** Keep `value` for the next `take`, in place of any object kept before. */
  give(value: T): void {
    this.kept = value;
  }
}
