/**
 * Instants for the mapping period, in microseconds since the epoch (spanforge timestamps carry microseconds,
 * so milliseconds would let an event 500 µs past the bound through).
 *
 * A date-only bound covers its whole day: `--to 2026-01-05` includes 23:59:59.999999 of the 5th (spanforge
 * reads it as 00:00:00 and silently drops the rest of the last day: specs/spanforge.md §e.2 step 3).
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const DAY_US = 86_400_000_000;

export interface Instant {
  /** Microseconds since the epoch (UTC; a value without an offset is read as UTC, as spanforge does). */
  readonly us: number;
  /** The value was a date alone. */
  readonly dateOnly: boolean;
}

/** Parse an ISO 8601 date or date-time; undefined when it is not one or names no real calendar instant. */
export function parseInstant(value: string): Instant | undefined {
  const match = INSTANT.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction = "", zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as number[];
  if (hour === undefined || minute === undefined || second === undefined) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year as number, (month as number) - 1, day as number, hour, minute, second);
  const date = new Date(ms);
  if (date.getUTCMonth() !== (month as number) - 1 || date.getUTCDate() !== day) return undefined;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== "Z") {
    const digits = zone.replace(":", "");
    offsetMinutes = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits[0] === "-" ? -1 : 1);
  }
  const micros = Number(fraction.padEnd(6, "0").slice(0, 6));
  return { us: (ms - offsetMinutes * 60_000) * 1000 + micros, dateOnly: match[4] === undefined };
}

export interface Period {
  /** Inclusive bounds in microseconds; absent: open. */
  readonly fromUs?: number;
  readonly toUs?: number;
  /** As written, for the report. */
  readonly from?: string;
  readonly to?: string;
}

export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PeriodError";
  }
}

/** The period from `--from` / `--to`: ISO dates or date-times, inclusive; a date-only `to` ends with its day. */
export function parsePeriod(options: { from?: string | undefined; to?: string | undefined }): Period {
  const bound = (value: string | undefined, flag: string): Instant | undefined => {
    if (value === undefined) return undefined;
    const instant = parseInstant(value);
    if (!instant) {
      throw new PeriodError(
        `${flag} must be an ISO 8601 date or date-time such as 2026-01-31 or 2026-01-31T12:00:00Z (got ${JSON.stringify(value)})`,
      );
    }
    return instant;
  };
  const from = bound(options.from, "--from");
  const to = bound(options.to, "--to");
  const toUs = to === undefined ? undefined : to.dateOnly ? to.us + DAY_US - 1 : to.us;
  if (from !== undefined && toUs !== undefined && from.us > toUs) {
    throw new PeriodError(`the period is empty: --from ${options.from} is after --to ${options.to}`);
  }
  return {
    ...(from === undefined || options.from === undefined ? {} : { fromUs: from.us, from: options.from }),
    ...(toUs === undefined || options.to === undefined ? {} : { toUs, to: options.to }),
  };
}

export function inPeriod(us: number, period: Period): boolean {
  return (period.fromUs === undefined || us >= period.fromUs) && (period.toUs === undefined || us <= period.toUs);
}

export const MICROS_PER_DAY = DAY_US;
