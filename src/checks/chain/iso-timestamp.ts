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

/** The `iso_timestamp` torchcomply writes for a nanosecond `timestamp` lexeme. */
export function torchcomplyIsoTimestamp(timestampNs: string): string {
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
  const date = new Date(whole * 1000);
  const base =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${base}${micros === 0 ? "" : `.${pad(micros, 6)}`}+00:00`;
}
