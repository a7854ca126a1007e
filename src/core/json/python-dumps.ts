/**
 * Python `json.dumps(value, sort_keys=True, …)` reproduced byte for byte over values from `parseJson`.
 *
 * torchcomply hashes `json.dumps(entry, sort_keys=True)` (separators `", "` / `": "`, ASCII escaping);
 * spanforge hashes `json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`.
 * Both depend on Python's number spelling (ints exact at any size, floats as `repr`) and on keys sorted by
 * code point, which is what this module reproduces.
 */
import { JsonNumber, type JsonValue } from "./parse.js";

export interface PythonDumpsOptions {
  /** Python `separators[0]`: `", "` by default, `","` for compact output. */
  readonly itemSeparator: string;
  /** Python `separators[1]`: `": "` by default, `":"` for compact output. */
  readonly keySeparator: string;
  /** Python `ensure_ascii`: escape every non-ASCII code point (and DEL) as `\uXXXX`. */
  readonly ensureAscii: boolean;
}

/** `json.dumps(value, sort_keys=True)` with Python's defaults. */
export const PYTHON_DEFAULT: PythonDumpsOptions = { itemSeparator: ", ", keySeparator: ": ", ensureAscii: true };
/** `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`. */
export const PYTHON_COMPACT_UTF8: PythonDumpsOptions = { itemSeparator: ",", keySeparator: ":", ensureAscii: false };

/** Serialise like Python's `json.dumps(value, sort_keys=True, …)`. */
export function pythonDumps(value: JsonValue, options: PythonDumpsOptions): string {
  const parts: string[] = [];
  writeValue(value, options, parts);
  return parts.join("");
}

function writeValue(value: JsonValue, options: PythonDumpsOptions, out: string[]): void {
  if (value === null) {
    out.push("null");
  } else if (value === true) {
    out.push("true");
  } else if (value === false) {
    out.push("false");
  } else if (typeof value === "string") {
    out.push(options.ensureAscii ? pythonStringAscii(value) : pythonStringUtf8(value));
  } else if (value instanceof JsonNumber) {
    out.push(pythonNumber(value));
  } else if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(options.itemSeparator);
      writeValue(value[i] as JsonValue, options, out);
    }
    out.push("]");
  } else {
    const keys = [...value.keys()].sort(compareCodePoints);
    out.push("{");
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (i > 0) out.push(options.itemSeparator);
      out.push(options.ensureAscii ? pythonStringAscii(key) : pythonStringUtf8(key));
      out.push(options.keySeparator);
      writeValue(value.get(key) as JsonValue, options, out);
    }
    out.push("}");
  }
}

/** How Python re-prints a number it parsed: ints exactly (`-0` → `0`), floats via `repr(float(text))`. */
export function pythonNumber(n: JsonNumber): string {
  if (n.isInteger) {
    // The JSON grammar forbids leading zeros, so an integer lexeme is already Python's spelling, except -0.
    return n.text === "-0" ? "0" : n.text;
  }
  return pythonFloatRepr(n.toNumber());
}

/**
 * Python `repr(float)`: the shortest digits that round-trip (as JavaScript also picks), printed in fixed
 * notation when the decimal exponent is in [-4, 16) and as `d.ddde±XX` otherwise, always with a `.0` or
 * exponent so it reads back as a float.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const exponential = Math.abs(x).toExponential(); // shortest round-trip digits, e.g. "1.2345e-7"
  const eAt = exponential.indexOf("e");
  const mantissa = exponential.slice(0, eAt);
  const exponent = Number(exponential.slice(eAt + 1));
  const digits = mantissa.replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expSign = exponent < 0 ? "-" : "+";
    const expDigits = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${digits[0]}${fraction}e${expSign}${expDigits}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const integerDigits = exponent + 1;
  if (digits.length <= integerDigits) return `${sign}${digits.padEnd(integerDigits, "0")}.0`;
  return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}

/** Python sorts `str` keys by code point; JavaScript's default sort uses UTF-16 code units. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Only a surrogate (an astral code point) against U+E000–U+FFFF orders differently: lift surrogates above.
    const ka = ca >= 0xd800 && ca <= 0xdfff ? ca + 0x10000 : ca;
    const kb = cb >= 0xd800 && cb <= 0xdfff ? cb + 0x10000 : cb;
    return ka - kb;
  }
  return a.length - b.length;
}

const SHORT_ESCAPES: Record<number, string> = {
  34: '\\"',
  92: "\\\\",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t",
};

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

// Strings that need no escaping at all (the common case) are detected with one regex test.
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const PLAIN_UTF8 = /^[^\x00-\x1f"\\]*$/;

/** A string as Python writes it with `ensure_ascii=True`: non-ASCII and DEL as lower-case `\uXXXX` (UTF-16 units). */
export function pythonStringAscii(s: string): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (c < 0x20 || c > 0x7e) out += unicodeEscape(c);
    else out += s[i];
  }
  return `${out}"`;
}

/** A string as Python writes it with `ensure_ascii=False`: only `"`, `\` and C0 controls are escaped. */
export function pythonStringUtf8(s: string): string {
  if (PLAIN_UTF8.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (c < 0x20) out += unicodeEscape(c);
    else out += s[i];
  }
  return `${out}"`;
}
