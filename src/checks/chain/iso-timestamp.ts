/**
 * torchcomply's `iso_timestamp`: `datetime.fromtimestamp(timestamp / 1e9, tz=UTC).isoformat()`, reproduced
 * step by step (float division, modf, microseconds rounded half-to-even, `+00:00`, fraction omitted when 0).
 * The field is not hashed, so it is only ever compared, never trusted.
 */

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** Whole seconds and rounded microseconds, with the carry Python applies. */
function split(timestampNs: string): { whole: number; micros: number } {
  const seconds = Number(timestampNs) / 1e9;
  let whole = Math.trunc(seconds);
  let micros = roundHalfEven((seconds - whole) * 1e6);
  if (micros >= 1_000_000) {
    whole += 1;
    micros -= 1_000_000;
  } else if (micros < 0) {
    whole -= 1;
    micros += 1_000_000;
  }
  return { whole, micros };
}

function dateTime(whole: number): string {
  const date = new Date(whole * 1000);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

function format(base: string, micros: number): string {
  return `${base}${micros === 0 ? "" : `.${pad(micros, 6)}`}+00:00`;
}

/** The `iso_timestamp` torchcomply writes for a nanosecond `timestamp` lexeme. */
export function torchcomplyIsoTimestamp(timestampNs: string): string {
  const { whole, micros } = split(timestampNs);
  return format(dateTime(whole), micros);
}

/**
 * The same check for every entry of a log: whether `iso` is what torchcomply writes for `timestampNs`. The
 * date-time part is formatted once per second (consecutive entries mostly share it) and the microseconds
 * are compared as digits, so a matching entry builds no string.
 */
export class IsoTimestampCache {
  private second = Number.NaN;
  private base = "";

  matches(iso: string, timestampNs: string): boolean {
    const { whole, micros } = split(timestampNs);
    if (whole !== this.second) {
      this.second = whole;
      this.base = dateTime(whole);
    }
    const base = this.base;
    if (!iso.startsWith(base)) return false;
    let end = base.length;
    if (micros !== 0) {
      if (iso.charCodeAt(end) !== 0x2e) return false; // "."
      let value = 0;
      for (let k = 1; k <= 6; k++) {
        const digit = iso.charCodeAt(end + k) - 0x30;
        if (!(digit >= 0 && digit <= 9)) return false;
        value = value * 10 + digit;
      }
      if (value !== micros) return false;
      end += 7;
    }
    return iso.length === end + 6 && iso.endsWith("+00:00");
  }
}
