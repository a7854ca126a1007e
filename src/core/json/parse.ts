/**
 * A JSON parser that keeps what other tools hash.
 *
 * `JSON.parse` loses two things byte-exact verification depends on: the spelling of a number (`1` vs `1.0`,
 * integers above 2^53) and duplicate keys (silently last-wins). This parser keeps every number as its
 * source lexeme (`JsonNumber`), returns objects as `Map`s in source order (so `__proto__` is just a key),
 * optionally accepts Python's `NaN` / `Infinity` / `-Infinity` tokens, bounds nesting depth, and reports
 * duplicate keys instead of hiding them.
 */

/** A JSON number as written: `text` is the exact lexeme, `isInteger` is true when it has no fraction or exponent. */
export class JsonNumber {
  readonly text: string;
  readonly isInteger: boolean;

  constructor(text: string, isInteger: boolean) {
    this.text = text;
    this.isInteger = isInteger;
  }

  /** The value as a double (Python's `float(text)`; non-finite tokens give ±Infinity / NaN). */
  toNumber(): number {
    if (this.text === "NaN") return Number.NaN;
    return Number(this.text);
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

export interface ParseOptions {
  /** Accept Python's bare `NaN`, `Infinity` and `-Infinity` (what `json.dumps(allow_nan=True)` writes). */
  readonly allowNonFinite?: boolean;
  /** Deepest container nesting accepted; deeper input is an error, never a stack overflow. */
  readonly maxDepth?: number;
}

export class JsonSyntaxError extends Error {
  /** 0-based UTF-16 offset in the parsed text. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

const DEFAULT_MAX_DEPTH = 512;

/** Parse one JSON text. Throws `JsonSyntaxError` (with an offset and a reason) on anything Python's json would reject. */
export function parseJson(text: string, options: ParseOptions = {}): JsonValue {
  const parser = new Parser(text, options.allowNonFinite ?? false, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  parser.skipWhitespace();
  const value = parser.parseValue(0);
  parser.skipWhitespace();
  if (parser.pos < text.length) parser.fail("unexpected data after the JSON value");
  return value;
}

/** Python's JSON whitespace: space, tab, LF, CR. */
function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

class Parser {
  pos = 0;
  private readonly text: string;
  private readonly allowNonFinite: boolean;
  private readonly maxDepth: number;

  constructor(text: string, allowNonFinite: boolean, maxDepth: number) {
    this.text = text;
    this.allowNonFinite = allowNonFinite;
    this.maxDepth = maxDepth;
  }

  fail(reason: string, at: number = this.pos): never {
    throw new JsonSyntaxError(`${reason} at column ${at + 1}`, at);
  }

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length && isWhitespace(text.charCodeAt(pos))) pos++;
    this.pos = pos;
  }

  parseValue(depth: number): JsonValue {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: // {
        return this.parseObject(depth + 1);
      case 0x5b: // [
        return this.parseArray(depth + 1);
      case 0x22: // "
        return this.parseString();
      case 0x74: // t
        return this.parseLiteral("true", true);
      case 0x66: // f
        return this.parseLiteral("false", false);
      case 0x6e: // n
        return this.parseLiteral("null", null);
      case 0x4e: // N
        return this.parseNonFinite("NaN");
      case 0x49: // I
        return this.parseNonFinite("Infinity");
      default:
        if (c === 0x2d || isDigit(c)) return this.parseNumber();
        if (Number.isNaN(c)) this.fail("unexpected end of input");
        return this.fail("expected a JSON value");
    }
  }

  private parseLiteral<T extends boolean | null>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail("expected a JSON value");
    this.pos += word.length;
    return value;
  }

  private parseNonFinite(word: "NaN" | "Infinity" | "-Infinity"): JsonNumber {
    if (!this.text.startsWith(word, this.pos)) this.fail("expected a JSON value");
    if (!this.allowNonFinite) this.fail(`${word} is not valid JSON`);
    this.pos += word.length;
    return new JsonNumber(word, false);
  }

  private parseNumber(): JsonNumber {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) {
      pos++;
      if (text.startsWith("Infinity", pos)) {
        this.pos = start;
        return this.parseNonFinite("-Infinity");
      }
    }
    const first = text.charCodeAt(pos);
    if (first === 0x30) {
      pos++;
    } else if (isDigit(first)) {
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else {
      this.fail("invalid number", pos);
    }
    let isInteger = true;
    if (text.charCodeAt(pos) === 0x2e) {
      isInteger = false;
      pos++;
      if (!isDigit(text.charCodeAt(pos))) this.fail("invalid number: digit expected after '.'", pos);
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      isInteger = false;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      if (!isDigit(text.charCodeAt(pos))) this.fail("invalid number: digit expected in exponent", pos);
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    this.pos = pos;
    return new JsonNumber(text.slice(start, pos), isInteger);
  }

  parseString(): string {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    // Fast path: no escapes, no control characters.
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === 0x5c) break;
      if (c < 0x20 || Number.isNaN(c)) {
        if (Number.isNaN(c)) this.fail("unterminated string", start - 1);
        this.fail("control character inside a string", pos);
      }
      pos++;
    }
    let out = text.slice(start, pos);
    for (;;) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c)) this.fail("unterminated string", start - 1);
      if (c === 0x22) {
        this.pos = pos + 1;
        return out;
      }
      if (c < 0x20) this.fail("control character inside a string", pos);
      if (c !== 0x5c) {
        const runStart = pos;
        while (pos < text.length) {
          const d = text.charCodeAt(pos);
          if (d === 0x22 || d === 0x5c || d < 0x20) break;
          pos++;
        }
        out += text.slice(runStart, pos);
        continue;
      }
      const esc = text.charCodeAt(pos + 1);
      pos += 2;
      switch (esc) {
        case 0x22:
          out += '"';
          break;
        case 0x5c:
          out += "\\";
          break;
        case 0x2f:
          out += "/";
          break;
        case 0x62:
          out += "\b";
          break;
        case 0x66:
          out += "\f";
          break;
        case 0x6e:
          out += "\n";
          break;
        case 0x72:
          out += "\r";
          break;
        case 0x74:
          out += "\t";
          break;
        case 0x75: {
          let code = 0;
          for (let i = 0; i < 4; i++) {
            const h = hexValue(text.charCodeAt(pos + i));
            if (h < 0) this.fail("invalid \\u escape", pos - 2);
            code = code * 16 + h;
          }
          pos += 4;
          out += String.fromCharCode(code);
          break;
        }
        default:
          this.fail("invalid escape", pos - 2);
      }
    }
  }

  private parseArray(depth: number): JsonValue[] {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.pos++;
    const items: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x2c) continue;
      if (c === 0x5d) return items;
      this.fail("expected ',' or ']' in array", this.pos - 1);
    }
  }

  private parseObject(depth: number): JsonObject {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.pos++;
    const object: JsonObject = new Map();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      const keyAt = this.pos;
      if (this.text.charCodeAt(keyAt) !== 0x22) this.fail("expected a string key in object");
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail("expected ':' after object key");
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(depth);
      // Two parsers that disagree on which duplicate wins can be shown different data: refuse the ambiguity.
      if (object.has(key)) this.fail(`duplicate key ${quoteForMessage(key)}`, keyAt);
      object.set(key, value);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x2c) continue;
      if (c === 0x7d) return object;
      this.fail("expected ',' or '}' in object", this.pos - 1);
    }
  }
}

/** A key, quoted and shortened for an error message (keys are field names, but never trust their length). */
export function quoteForMessage(key: string): string {
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return JSON.stringify(shown);
}
