/**
 * Limits on what one run reads. Every input comes from a pull request, so it may be built to exhaust the
 * runner: past a limit the input is refused with an `error` finding that names the limit, never cut silently.
 * Defaults suit real evidence; the config's `limits:` section raises or lowers them.
 */
export interface Limits {
  /** Files one configured input (its paths and globs together) may match. */
  readonly maxFiles: number;
  /** Bytes of any one file. */
  readonly maxFileBytes: number;
  /** Bytes of one line of a JSONL log, event file or dataset. */
  readonly maxLineBytes: number;
  /** Container nesting a dataset row's values may have. */
  readonly maxNesting: number;
  /** Seconds a dataset scan may take; what is not read in time (a unit part-way, the units after) is an error. */
  readonly timeBudgetSeconds: number;
  /** Decompressed bytes a compressed dataset file may give per byte of its size (real text: 5–50). */
  readonly maxDecompressionRatio: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFiles: 10_000,
  maxFileBytes: 64 * 1024 ** 3,
  maxLineBytes: 16 * 1024 * 1024,
  maxNesting: 64,
  timeBudgetSeconds: 3600,
  maxDecompressionRatio: 200,
};

export function limitsWith(overrides: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
