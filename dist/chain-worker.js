import { createRequire as __cgCreateRequire } from 'node:module'; const require = __cgCreateRequire(import.meta.url);

// src/checks/chain/chain-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/io/lines.ts
import { isAscii, isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
var DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
var CHUNK_BYTES = 1024 * 1024;
async function readLines(path, sink, options = {}) {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const handle = await open(path, "r");
  try {
    let buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxLineBytes + 1));
    let filled = 0;
    let lineNumber = 0;
    let totalBytes = 0;
    let hadBom = false;
    const rangeStart = options.start ?? 0;
    const rangeEnd = options.end ?? Number.POSITIVE_INFINITY;
    let position = rangeStart;
    let first = rangeStart === 0;
    let skippingLongLine = false;
    const raw = sink.wantsRawBytes === true;
    const emitLines = (start, end) => {
      const region = buffer.subarray(start, end);
      const encoding = isAscii(region) ? "latin1" : isUtf8(region) ? "utf8" : void 0;
      let from = start;
      let newline = buffer.indexOf(10, from);
      while (newline !== -1 && newline < end) {
        if (encoding === void 0) emitOne(from, newline, newline + 1);
        else if (raw)
          sink.line(buffer.toString(encoding, from, newline), ++lineNumber, buffer.subarray(from, newline + 1));
        else sink.line(buffer.toString(encoding, from, newline), ++lineNumber);
        from = newline + 1;
        newline = buffer.indexOf(10, from);
      }
    };
    const emitOne = (start, end, rawEnd) => {
      lineNumber++;
      const bytes = buffer.subarray(start, end);
      const rawBytes = raw ? buffer.subarray(start, rawEnd) : void 0;
      if (!isUtf8(bytes)) sink.badLine(lineNumber, "line is not valid UTF-8", rawBytes);
      else sink.line(buffer.toString("utf8", start, end), lineNumber, rawBytes);
    };
    for (; ; ) {
      if (filled === buffer.length) {
        if (buffer.length <= maxLineBytes) {
          const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxLineBytes + 1));
          buffer.copy(grown, 0, 0, filled);
          buffer = grown;
        } else {
          if (!skippingLongLine) {
            lineNumber++;
            sink.badLine(lineNumber, `line is longer than ${maxLineBytes} bytes`);
          }
          skippingLongLine = true;
          filled = 0;
        }
      }
      const want = Math.min(buffer.length - filled, rangeEnd - position);
      const { bytesRead } = want > 0 ? await handle.read(buffer, filled, want, position) : { bytesRead: 0 };
      if (bytesRead === 0) break;
      position += bytesRead;
      let start = 0;
      if (first) {
        first = false;
        if (bytesRead >= 3 && buffer[0] === 239 && buffer[1] === 187 && buffer[2] === 191) {
          hadBom = true;
          start = 3;
        }
      }
      totalBytes += bytesRead;
      const end = filled + bytesRead;
      const data = buffer.subarray(0, end);
      if (skippingLongLine) {
        const newline = data.indexOf(10, filled);
        if (newline === -1) {
          filled = 0;
          continue;
        }
        skippingLongLine = false;
        start = newline + 1;
      }
      const lastNewline = data.lastIndexOf(10);
      if (lastNewline >= start) {
        emitLines(start, lastNewline + 1);
        start = lastNewline + 1;
      }
      buffer.copy(buffer, 0, start, end);
      filled = end - start;
    }
    if (filled > 0 && !skippingLongLine) emitOne(0, filled, filled);
    return { lines: lineNumber, bytes: totalBytes, hadBom };
  } finally {
    await handle.close();
  }
}

// src/checks/chain/spanforge.ts
import { createHmac, hash as digest, timingSafeEqual as timingSafeEqual2 } from "node:crypto";

// src/core/findings.ts
var DEFAULT_MAX_FINDINGS_PER_RULE = 100;
function lineRef(line) {
  return `\0${line}\0`;
}
var LINE_REF = /\u0000(\d+)\u0000/g;
var FindingCollector = class _FindingCollector {
  kept = [];
  keptPerRule = /* @__PURE__ */ new Map();
  counts = /* @__PURE__ */ new Map();
  maxPerRule;
  constructor(options = {}) {
    this.maxPerRule = options.maxPerRule ?? DEFAULT_MAX_FINDINGS_PER_RULE;
  }
  add(rule, severity, message, location) {
    this.count(rule, severity, 1);
    this.keep({ rule, severity, message, location });
  }
  count(rule, severity, n) {
    let counts = this.counts.get(rule);
    if (!counts) {
      counts = { error: 0, fail: 0, warn: 0 };
      this.counts.set(rule, counts);
    }
    counts[severity] += n;
  }
  keep(finding) {
    const kept = this.keptPerRule.get(finding.rule) ?? 0;
    if (kept >= this.maxPerRule) return;
    this.keptPerRule.set(finding.rule, kept + 1);
    this.kept.push(finding);
  }
  /** False once a rule has reached its cap: callers can skip work (e.g. diagnosis) for findings not listed. */
  listsMore(rule) {
    return (this.keptPerRule.get(rule) ?? 0) < this.maxPerRule;
  }
  tally(rule) {
    const counts = this.counts.get(rule) ?? { error: 0, fail: 0, warn: 0 };
    const omitted = counts.error + counts.fail + counts.warn - (this.keptPerRule.get(rule) ?? 0);
    return { ...counts, omitted };
  }
  /** Kept findings in the order they were found (file order for a streaming check). */
  findings() {
    return this.kept;
  }
  export() {
    return {
      kept: this.kept,
      counts: [...this.counts].map(([rule, c]) => [rule, c.error, c.fail, c.warn])
    };
  }
  /**
   * Merge parts collected separately, in file order. Each part's findings have 1-based lines relative to the
   * part; `lineOffset` moves them to file lines. `extra` findings (already on file lines) are placed after
   * the parts' findings on the same line, where a sequential check would have reported them.
   */
  static merge(parts, extra, options = {}) {
    const merged = new _FindingCollector(options);
    const ordered = [];
    for (const part of parts) {
      for (const [rule, error, fail, warn] of part.findings.counts) {
        merged.count(rule, "error", error);
        merged.count(rule, "fail", fail);
        merged.count(rule, "warn", warn);
      }
      for (const finding of part.findings.kept) {
        const line = finding.location.line === void 0 ? void 0 : finding.location.line + part.lineOffset;
        const message = finding.message.replace(LINE_REF, (_, n) => String(Number(n) + part.lineOffset));
        const moved = {
          ...finding,
          message,
          location: line === void 0 ? finding.location : { ...finding.location, line }
        };
        ordered.push({ finding: moved, line: line ?? 0, group: 0, index: ordered.length });
      }
    }
    for (const finding of extra) {
      merged.count(finding.rule, finding.severity, 1);
      ordered.push({ finding, line: finding.location.line ?? 0, group: 1, index: ordered.length });
    }
    ordered.sort((a, b) => a.line - b.line || a.group - b.group || a.index - b.index);
    for (const { finding } of ordered) merged.keep(finding);
    return merged;
  }
};

// src/core/hmac.ts
import { hash } from "node:crypto";
var BLOCK = 64;
var HmacSha256 = class {
  inner;
  outer = Buffer.alloc(BLOCK + 32);
  innerPad;
  constructor(key) {
    const block = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? hash("sha256", key, "buffer") : key).copy(block);
    this.innerPad = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK; i++) {
      this.innerPad[i] = (block[i] ?? 0) ^ 54;
      this.outer[i] = (block[i] ?? 0) ^ 92;
    }
    this.inner = Buffer.alloc(BLOCK + 256);
    this.innerPad.copy(this.inner);
  }
  /** The 32-byte MAC of `message` (UTF-8). The buffer is fresh: safe to keep. */
  digest(message) {
    if (BLOCK + message.length * 3 > this.inner.length) {
      this.inner = Buffer.alloc(BLOCK + message.length * 3);
      this.innerPad.copy(this.inner);
    }
    const length = this.inner.write(message, BLOCK, "utf8");
    hash("sha256", this.inner.subarray(0, BLOCK + length), "buffer").copy(this.outer, BLOCK);
    return hash("sha256", this.outer, "buffer");
  }
  hex(message) {
    return this.digest(message).toString("hex");
  }
};

// src/core/json/parse.ts
var JsonNumber = class {
  text;
  isInteger;
  constructor(text, isInteger) {
    this.text = text;
    this.isInteger = isInteger;
  }
  /** The value as a double (Python's `float(text)`; non-finite tokens give ±Infinity / NaN). */
  toNumber() {
    if (this.text === "NaN") return Number.NaN;
    return Number(this.text);
  }
};
var JsonSyntaxError = class extends Error {
  /** 0-based UTF-16 offset in the parsed text. */
  offset;
  constructor(message, offset) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
};
var DEFAULT_MAX_DEPTH = 512;
function parseJson(text, options = {}) {
  const parser = new Parser(text, options.allowNonFinite ?? false, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  parser.skipWhitespace();
  const value = parser.parseValue(0);
  parser.skipWhitespace();
  if (parser.pos < text.length) parser.fail("unexpected data after the JSON value");
  return value;
}
function isWhitespace(c) {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
var Parser = class {
  pos = 0;
  text;
  allowNonFinite;
  maxDepth;
  constructor(text, allowNonFinite, maxDepth) {
    this.text = text;
    this.allowNonFinite = allowNonFinite;
    this.maxDepth = maxDepth;
  }
  fail(reason, at = this.pos) {
    throw new JsonSyntaxError(`${reason} at column ${at + 1}`, at);
  }
  skipWhitespace() {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length && isWhitespace(text.charCodeAt(pos))) pos++;
    this.pos = pos;
  }
  parseValue(depth) {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123:
        return this.parseObject(depth + 1);
      case 91:
        return this.parseArray(depth + 1);
      case 34:
        return this.parseString();
      case 116:
        return this.parseLiteral("true", true);
      case 102:
        return this.parseLiteral("false", false);
      case 110:
        return this.parseLiteral("null", null);
      case 78:
        return this.parseNonFinite("NaN");
      case 73:
        return this.parseNonFinite("Infinity");
      default:
        if (c === 45 || isDigit(c)) return this.parseNumber();
        if (Number.isNaN(c)) this.fail("unexpected end of input");
        return this.fail("expected a JSON value");
    }
  }
  parseLiteral(word, value) {
    if (!this.text.startsWith(word, this.pos)) this.fail("expected a JSON value");
    this.pos += word.length;
    return value;
  }
  parseNonFinite(word) {
    if (!this.text.startsWith(word, this.pos)) this.fail("expected a JSON value");
    if (!this.allowNonFinite) this.fail(`${word} is not valid JSON`);
    this.pos += word.length;
    return new JsonNumber(word, false);
  }
  parseNumber() {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 45) {
      pos++;
      if (text.startsWith("Infinity", pos)) {
        this.pos = start;
        return this.parseNonFinite("-Infinity");
      }
    }
    const first = text.charCodeAt(pos);
    if (first === 48) {
      pos++;
    } else if (isDigit(first)) {
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else {
      this.fail("invalid number", pos);
    }
    let isInteger = true;
    if (text.charCodeAt(pos) === 46) {
      isInteger = false;
      pos++;
      if (!isDigit(text.charCodeAt(pos))) this.fail("invalid number: digit expected after '.'", pos);
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 101 || e === 69) {
      isInteger = false;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 43 || sign === 45) pos++;
      if (!isDigit(text.charCodeAt(pos))) this.fail("invalid number: digit expected in exponent", pos);
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    this.pos = pos;
    return new JsonNumber(text.slice(start, pos), isInteger);
  }
  parseString() {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    for (; ; ) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === 92) break;
      if (c < 32 || Number.isNaN(c)) {
        if (Number.isNaN(c)) this.fail("unterminated string", start - 1);
        this.fail("control character inside a string", pos);
      }
      pos++;
    }
    let out = text.slice(start, pos);
    for (; ; ) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c)) this.fail("unterminated string", start - 1);
      if (c === 34) {
        this.pos = pos + 1;
        return out;
      }
      if (c < 32) this.fail("control character inside a string", pos);
      if (c !== 92) {
        const runStart = pos;
        while (pos < text.length) {
          const d = text.charCodeAt(pos);
          if (d === 34 || d === 92 || d < 32) break;
          pos++;
        }
        out += text.slice(runStart, pos);
        continue;
      }
      const esc = text.charCodeAt(pos + 1);
      pos += 2;
      switch (esc) {
        case 34:
          out += '"';
          break;
        case 92:
          out += "\\";
          break;
        case 47:
          out += "/";
          break;
        case 98:
          out += "\b";
          break;
        case 102:
          out += "\f";
          break;
        case 110:
          out += "\n";
          break;
        case 114:
          out += "\r";
          break;
        case 116:
          out += "	";
          break;
        case 117: {
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
  parseArray(depth) {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.pos++;
    const items = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return items;
    }
    for (; ; ) {
      this.skipWhitespace();
      items.push(this.parseValue(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) continue;
      if (c === 93) return items;
      this.fail("expected ',' or ']' in array", this.pos - 1);
    }
  }
  parseObject(depth) {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.pos++;
    const object = /* @__PURE__ */ new Map();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return object;
    }
    for (; ; ) {
      this.skipWhitespace();
      const keyAt = this.pos;
      if (this.text.charCodeAt(keyAt) !== 34) this.fail("expected a string key in object");
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 58) this.fail("expected ':' after object key");
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(depth);
      if (object.has(key)) this.fail(`duplicate key ${quoteForMessage(key)}`, keyAt);
      object.set(key, value);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) continue;
      if (c === 125) return object;
      this.fail("expected ',' or '}' in object", this.pos - 1);
    }
  }
};
function quoteForMessage(key) {
  const shown = key.length > 40 ? `${key.slice(0, 40)}\u2026` : key;
  return JSON.stringify(shown);
}

// src/core/json/python-dumps.ts
var PYTHON_DEFAULT = { itemSeparator: ", ", keySeparator: ": ", ensureAscii: true };
var PYTHON_COMPACT_UTF8 = { itemSeparator: ",", keySeparator: ":", ensureAscii: false };
function pythonDumps(value, options) {
  const parts = [];
  writeValue(value, options, parts);
  return parts.join("");
}
function writeValue(value, options, out) {
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
      writeValue(value[i], options, out);
    }
    out.push("]");
  } else {
    const keys = [...value.keys()].sort(compareCodePoints);
    out.push("{");
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (i > 0) out.push(options.itemSeparator);
      out.push(options.ensureAscii ? pythonStringAscii(key) : pythonStringUtf8(key));
      out.push(options.keySeparator);
      writeValue(value.get(key), options, out);
    }
    out.push("}");
  }
}
function pythonNumber(n) {
  if (n.isInteger) {
    return n.text === "-0" ? "0" : n.text;
  }
  return pythonFloatRepr(n.toNumber());
}
function pythonFloatRepr(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const exponential = Math.abs(x).toExponential();
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
function compareCodePoints(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const ka = ca >= 55296 && ca <= 57343 ? ca + 65536 : ca;
    const kb = cb >= 55296 && cb <= 57343 ? cb + 65536 : cb;
    return ka - kb;
  }
  return a.length - b.length;
}
var SHORT_ESCAPES = {
  34: '\\"',
  92: "\\\\",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t"
};
function unicodeEscape(code) {
  return `\\u${code.toString(16).padStart(4, "0")}`;
}
var PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
var PLAIN_UTF8 = /^[^\x00-\x1f"\\]*$/;
function pythonStringAscii(s) {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== void 0) out += short;
    else if (c < 32 || c > 126) out += unicodeEscape(c);
    else out += s[i];
  }
  return `${out}"`;
}
function pythonStringUtf8(s) {
  if (PLAIN_UTF8.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== void 0) out += short;
    else if (c < 32) out += unicodeEscape(c);
    else out += s[i];
  }
  return `${out}"`;
}

// src/core/json/slice.ts
var KeyMatcher = class {
  byLength = /* @__PURE__ */ new Map();
  constructor(names) {
    names.forEach((name, index) => {
      const bucket = this.byLength.get(name.length) ?? [];
      bucket.push({ name, index });
      this.byLength.set(name.length, bucket);
    });
  }
  /** The index of the name at text[start, end) in the constructor's list, or -1. */
  match(text, start, end) {
    const bucket = this.byLength.get(end - start);
    if (bucket === void 0) return -1;
    for (const { name, index } of bucket) if (text.startsWith(name, start)) return index;
    return -1;
  }
};
function isWhitespace2(c) {
  return c === 32 || c === 9 || c === 13 || c === 10;
}
var lastStringHadEscape = false;
function stringEnd(text, start) {
  lastStringHadEscape = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      lastStringHadEscape = true;
      i++;
    } else if (c < 32) {
      return -1;
    }
  }
  return -1;
}
function valueEnd(text, start) {
  const c = text.charCodeAt(start);
  if (c === 34) return stringEnd(text, start);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let i2 = start; i2 < text.length; i2++) {
      const d = text.charCodeAt(i2);
      if (d === 34) {
        const end = stringEnd(text, i2);
        if (end < 0) return -1;
        i2 = end - 1;
      } else if (d === 123 || d === 91) {
        depth++;
      } else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return i2 + 1;
      }
    }
    return -1;
  }
  let i = start;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || isWhitespace2(d)) break;
    i++;
  }
  return i > start ? i : -1;
}
var MemberSlices = class {
  count = 0;
  keyStart;
  keyEnd;
  start;
  end;
  constructor(capacity = 64) {
    this.keyStart = new Int32Array(capacity);
    this.keyEnd = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }
};
function sliceMembers(text, into) {
  let i = 0;
  let count = 0;
  const length = text.length;
  const capacity = into.start.length;
  while (i < length && isWhitespace2(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 123) return false;
  i++;
  while (i < length && isWhitespace2(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 125) {
    i++;
  } else {
    for (; ; ) {
      if (text.charCodeAt(i) !== 34 || count === capacity) return false;
      const keyEnd = stringEnd(text, i);
      if (keyEnd < 0 || lastStringHadEscape) return false;
      into.keyStart[count] = i + 1;
      into.keyEnd[count] = keyEnd - 1;
      i = keyEnd;
      while (i < length && isWhitespace2(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 58) return false;
      i++;
      while (i < length && isWhitespace2(text.charCodeAt(i))) i++;
      const end = valueEnd(text, i);
      if (end < 0) return false;
      into.start[count] = i;
      into.end[count] = end;
      count++;
      i = end;
      while (i < length && isWhitespace2(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      i++;
      if (c === 125) break;
      if (c !== 44) return false;
      while (i < length && isWhitespace2(text.charCodeAt(i))) i++;
    }
  }
  while (i < length && isWhitespace2(text.charCodeAt(i))) i++;
  into.count = count;
  return i === length;
}
var FieldSlices = class {
  start;
  end;
  members = new MemberSlices();
  constructor(fields) {
    this.start = new Int32Array(fields);
    this.end = new Int32Array(fields);
  }
  slice(text, field) {
    return text.slice(this.start[field], this.end[field]);
  }
};
function locateFields(text, matcher, into, acceptOther) {
  const members = into.members;
  if (!sliceMembers(text, members)) return -1;
  let seen = 0;
  for (let m = 0; m < members.count; m++) {
    const start = members.start[m] ?? 0;
    const end = members.end[m] ?? 0;
    const field = matcher.match(text, members.keyStart[m] ?? 0, members.keyEnd[m] ?? 0);
    if (field < 0) {
      if (!acceptOther(start, end)) return -1;
      continue;
    }
    if ((seen & 1 << field) !== 0) return -1;
    seen |= 1 << field;
    into.start[field] = start;
    into.end[field] = end;
  }
  return seen;
}
var PLAIN_STRING = /^"[\x20\x21\x23-\x5b\x5d-\x7e]*"$/;
function plainString(text, start, end) {
  const raw = text.slice(start, end);
  return PLAIN_STRING.test(raw) ? raw.slice(1, -1) : void 0;
}
function escapeFreeString(text, start, end) {
  if (text.charCodeAt(start) !== 34 || end - start < 2) return void 0;
  const inner = text.slice(start + 1, end - 1);
  return inner.includes("\\") ? void 0 : inner;
}
var NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
function isValidValue(text, start, end) {
  const c = text.charCodeAt(start);
  if (c === 34 && escapeFreeString(text, start, end) !== void 0) return true;
  const raw = text.slice(start, end);
  if (raw === "null" || raw === "true" || raw === "false") return true;
  if (c === 45 || c >= 48 && c <= 57) return NUMBER.test(raw);
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}

// src/checks/chain/position-pass.ts
function isBlankText(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) return false;
  }
  return true;
}
var CHUNK_BYTES2 = 1024 * 1024;
var MAX_ANCHOR_LINE_BYTES = 16 * 1024 * 1024;

// src/checks/chain/verifier.ts
import { timingSafeEqual } from "node:crypto";
var MAX_LISTED_HEADS = 1e3;
var RecentWindow = class {
  keys;
  lines;
  next = 0;
  constructor(capacity = 4096) {
    this.keys = new Array(capacity);
    this.lines = new Int32Array(capacity);
  }
  /** The line of the most recent entry with this key, if it is still in the window. */
  lineOf(key) {
    const capacity = this.keys.length;
    for (let k = 1; k <= capacity; k++) {
      const slot = (this.next - k + capacity) % capacity;
      if (this.keys[slot] === key) return this.lines[slot];
    }
    return void 0;
  }
  remember(key, line) {
    this.keys[this.next] = key;
    this.lines[this.next] = line;
    this.next = (this.next + 1) % this.keys.length;
  }
};
function safeEqual(a, b) {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
function shortId(value, length = 32) {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > length ? `${clean.slice(0, length)}\u2026` : clean;
}

// src/checks/chain/spanforge.ts
var ROTATION_EVENT = "llm.audit.key.rotated";
var TOMBSTONE_EVENT = "llm.audit.tombstone";
function spanforgeChecksum(payload) {
  return `sha256:${digest("sha256", pythonDumps(payload, PYTHON_COMPACT_UTF8), "hex")}`;
}
var TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;
function parseSpanforgeTimestamp(value) {
  const match = TIMESTAMP.exec(value);
  if (!match) return void 0;
  const [, y, mo, d, h, mi, s, us] = match.map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return void 0;
  if (h > 23 || mi > 59 || s > 59) return void 0;
  return ms * 1e3 + us;
}
var TimestampOrder = class {
  lastDate = "";
  // The first and last valid timestamps seen, with their lines (fields, not objects: this runs per event).
  firstValue;
  firstLine = 0;
  lastValue;
  lastLine = 0;
  get first() {
    return this.firstValue === void 0 ? void 0 : { value: this.firstValue, line: this.firstLine };
  }
  get last() {
    return this.lastValue === void 0 ? void 0 : { value: this.lastValue, line: this.lastLine };
  }
  /** 0 when in order, -1 when invalid, else the line of the later timestamp this one is earlier than. */
  check(value, line) {
    const date = value.slice(0, 10);
    if (date === this.lastDate && value.length === 27 && value.charCodeAt(26) === 90) {
      if (!TIME_OF_DAY.test(value)) return -1;
    } else {
      if (parseSpanforgeTimestamp(value) === void 0) return -1;
      this.lastDate = date;
    }
    const backwardsThan = this.lastValue !== void 0 && value < this.lastValue ? this.lastLine : 0;
    this.lastValue = value;
    this.lastLine = line;
    if (this.firstValue === void 0) {
      this.firstValue = value;
      this.firstLine = line;
    }
    return backwardsThan;
  }
};
var TIME_OF_DAY = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/;
function readEvent(object) {
  const eventId = object.get("event_id");
  if (typeof eventId !== "string" || eventId === "") return "`event_id` must be a non-empty string";
  const eventType = object.get("event_type");
  if (typeof eventType !== "string") return "`event_type` must be a string";
  const timestamp = object.get("timestamp");
  if (typeof timestamp !== "string") return "`timestamp` must be a string";
  const payload = object.get("payload");
  if (!(payload instanceof Map)) return "`payload` must be an object";
  const checksum = object.get("checksum");
  if (checksum !== void 0 && checksum !== null && typeof checksum !== "string") return "`checksum` must be a string";
  const signature = object.get("signature");
  if (signature !== void 0 && signature !== null && typeof signature !== "string") {
    return "`signature` must be a string";
  }
  const prevId = object.get("prev_id");
  if (prevId !== void 0 && prevId !== null && typeof prevId !== "string") return "`prev_id` must be a string";
  return {
    eventId,
    eventType,
    timestamp,
    payload,
    checksum: checksum ?? void 0,
    signature: signature ?? void 0,
    prevId: prevId ?? null,
    computedChecksum: spanforgeChecksum(payload)
  };
}
var ENVELOPE = ["event_id", "event_type", "timestamp", "checksum", "signature", "prev_id", "payload"];
var ENVELOPE_MATCHER = new KeyMatcher(ENVELOPE);
var [EVENT_ID, EVENT_TYPE, TIMESTAMP_FIELD, CHECKSUM, SIGNATURE, PREV_ID, PAYLOAD] = [0, 1, 2, 3, 4, 5, 6];
var REQUIRED_MASK = 95;
var fastFields = new FieldSlices(ENVELOPE.length);
function fastEvent(text, isKeyMapped) {
  const fields = fastFields;
  const seen = locateFields(text, ENVELOPE_MATCHER, fields, (start, end) => isValidValue(text, start, end));
  if (seen < 0) return void 0;
  if ((seen & REQUIRED_MASK) !== REQUIRED_MASK) return void 0;
  const string = (field) => escapeFreeString(text, fields.start[field] ?? 0, fields.end[field] ?? 0);
  const eventId = string(EVENT_ID);
  const eventType = string(EVENT_TYPE);
  const timestamp = string(TIMESTAMP_FIELD);
  const checksum = string(CHECKSUM);
  const signature = string(SIGNATURE);
  let prevId = null;
  if ((seen & 1 << PREV_ID) !== 0) {
    const raw = fields.slice(text, PREV_ID);
    prevId = raw === "null" ? null : string(PREV_ID);
  }
  if (eventId === void 0 || eventId === "" || eventType === void 0 || timestamp === void 0) return void 0;
  if (checksum === void 0 || signature === void 0 || prevId === void 0) return void 0;
  if (text.charCodeAt(fields.start[PAYLOAD] ?? 0) !== 123) return void 0;
  if (eventType === ROTATION_EVENT || eventType === TOMBSTONE_EVENT || isKeyMapped(eventId)) return void 0;
  const computedChecksum = `sha256:${digest("sha256", fields.slice(text, PAYLOAD), "hex")}`;
  if (computedChecksum !== checksum) return void 0;
  return { eventId, eventType, timestamp, checksum, signature, prevId, payload: void 0, computedChecksum };
}
var SIGNATURE_PREFIX = "hmac-sha256:";
function signatureMatches(expected, stored) {
  if (stored.length !== 76 || !stored.startsWith(SIGNATURE_PREFIX)) return false;
  for (let i = 12; i < 76; i++) {
    const c = stored.charCodeAt(i);
    if (!(c >= 48 && c <= 57 || c >= 97 && c <= 102)) return false;
  }
  return timingSafeEqual2(expected, Buffer.from(stored.slice(12), "hex"));
}
function activate(key) {
  return key.kind === "key" ? { envName: key.envName, hmac: new HmacSha256(Buffer.from(key.secret, "utf8")) } : void 0;
}
var SpanforgeVerifier = class {
  findings = new FindingCollector();
  path;
  keys;
  isKeyMapped;
  continues;
  keyAtStart;
  keyState;
  currentKey;
  unverified = 0;
  entries = 0;
  events = 0;
  // The event before the current one (fields, not an object: this runs per event).
  previousId;
  previousLine = 0;
  first;
  timestamps = new TimestampOrder();
  recentIds = new RecentWindow();
  tombstones = 0;
  tombstoneIds = [];
  keyRotations = 0;
  constructor(options) {
    this.path = options.path;
    this.keys = options.keys;
    this.continues = options.continues;
    const rotations = options.keys.rotations;
    this.isKeyMapped = (eventId) => rotations.has(eventId);
    this.keyAtStart = options.startKey;
    this.keyState = options.startKey;
    this.currentKey = this.keyFor(options.startKey);
    if (!options.continues && options.keys.initial.kind === "missing") {
      this.findings.add("chain.signature", "error", options.keys.initial.reason, { path: this.path, line: 1 });
    }
  }
  keyFor(state) {
    if (state.kind === "initial") return activate(this.keys.initial);
    if (state.kind === "rotated") {
      const key = this.keys.rotations.get(state.eventId);
      return key === void 0 ? void 0 : activate(key);
    }
    return void 0;
  }
  badLine(lineNumber, reason) {
    this.entries++;
    this.findings.add("chain.malformed", "error", reason, { path: this.path, line: lineNumber });
  }
  line(text, lineNumber) {
    if (isBlankText(text)) return;
    this.entries++;
    const event = fastEvent(text, this.isKeyMapped) ?? this.slowEvent(text, lineNumber);
    if (event === void 0) return;
    this.events++;
    this.verifyChecksum(event, lineNumber);
    this.verifySignature(event, lineNumber);
    this.verifyLink(event, lineNumber);
    this.verifyTimestamp(event, lineNumber);
    if (event.eventType === TOMBSTONE_EVENT) this.countTombstone(event, this.at(lineNumber, event));
    if (event.eventType === ROTATION_EVENT || this.isKeyMapped(event.eventId))
      this.rotate(event, this.at(lineNumber, event));
    this.recentIds.remember(event.eventId, lineNumber);
  }
  /** Where a finding about an event points (built only when there is a finding). */
  at(lineNumber, event) {
    return { path: this.path, line: lineNumber, eventId: event.eventId };
  }
  /** The full parser: exact about what is wrong with a line. Reports and returns undefined for a bad line. */
  slowEvent(text, lineNumber) {
    const at = { path: this.path, line: lineNumber };
    let parsed;
    try {
      parsed = parseJson(text, { allowNonFinite: true, maxDepth: 128 });
    } catch (error) {
      const reason = error instanceof JsonSyntaxError ? error.message : String(error);
      this.findings.add("chain.malformed", "error", `not a JSON event: ${reason}`, at);
      return void 0;
    }
    const event = parsed instanceof Map ? readEvent(parsed) : "expected an object";
    if (typeof event === "string") {
      this.findings.add("chain.malformed", "error", `not a spanforge event: ${event}`, at);
      return void 0;
    }
    return event;
  }
  verifyChecksum(event, lineNumber) {
    if (event.checksum === void 0) {
      this.findings.add(
        "chain.hash",
        "fail",
        "event has no checksum: its payload is not protected",
        this.at(lineNumber, event)
      );
      return;
    }
    if (event.computedChecksum !== event.checksum) {
      this.findings.add(
        "chain.hash",
        "fail",
        `payload does not match its checksum (stored ${shortId(event.checksum, 71)}, computed ${event.computedChecksum}): the payload was edited`,
        this.at(lineNumber, event)
      );
    }
  }
  verifySignature(event, lineNumber) {
    if (event.signature === void 0) {
      this.findings.add("chain.signature", "fail", "event is not signed", this.at(lineNumber, event));
      return;
    }
    if (!this.currentKey) {
      this.unverified++;
      return;
    }
    const expected = this.currentKey.hmac.digest(`${event.eventId}|${event.checksum ?? ""}|${event.prevId ?? ""}`);
    if (!signatureMatches(expected, event.signature)) {
      this.findings.add(
        "chain.signature",
        "fail",
        `signature does not verify with the key from ${this.currentKey.envName}: the event id, checksum or prev_id was changed, or it was signed with another key`,
        this.at(lineNumber, event)
      );
    }
  }
  verifyLink(event, lineNumber) {
    const previousId = this.previousId;
    const previousLine = this.previousLine;
    this.previousId = event.eventId;
    this.previousLine = lineNumber;
    if (previousId === void 0) {
      if (this.continues) {
        this.first = { line: lineNumber, eventId: event.eventId, prevId: event.prevId };
      } else if (event.prevId !== null) {
        this.findings.add("chain.head", "fail", headCutMessage(event.prevId), this.at(lineNumber, event));
      }
      return;
    }
    if (event.prevId === previousId) return;
    const at = this.at(lineNumber, event);
    if (!this.findings.listsMore("chain.link")) {
      this.findings.add("chain.link", "fail", brokenLinkMessage(event.prevId, lineRef(previousLine)), at);
      return;
    }
    const duplicateOf = this.recentIds.lineOf(event.eventId);
    const pointsTo = event.prevId === null ? void 0 : this.recentIds.lineOf(event.prevId);
    const message = duplicateOf !== void 0 ? duplicateMessage(lineRef(duplicateOf)) : pointsTo !== void 0 ? `prev_id points to the event at line ${lineRef(pointsTo)}, not to the event before it (line ${lineRef(previousLine)}): events were reordered or inserted` : brokenLinkMessage(event.prevId, lineRef(previousLine));
    this.findings.add("chain.link", "fail", message, at);
  }
  verifyTimestamp(event, lineNumber) {
    const order = this.timestamps.check(event.timestamp, lineNumber);
    if (order < 0) {
      this.findings.add(
        "chain.timestamp",
        "fail",
        "timestamp is not a valid spanforge timestamp (YYYY-MM-DDTHH:MM:SS.ffffffZ, a real UTC date)",
        this.at(lineNumber, event)
      );
    } else if (order > 0) {
      this.findings.add("chain.timestamp", "fail", backwardsMessage(lineRef(order)), this.at(lineNumber, event));
    }
  }
  countTombstone(event, at) {
    this.tombstones++;
    if (this.tombstoneIds.length < MAX_LISTED_TOMBSTONES) this.tombstoneIds.push(event.eventId);
    const hashValue = event.payload?.get("erased_subject_id_hash");
    if (typeof hashValue !== "string" || !/^[0-9a-f]{64}$/.test(hashValue)) {
      this.findings.add(
        "chain.malformed",
        "warn",
        "tombstone has no `erased_subject_id_hash` (64 hex characters): the erasure cannot be traced to a request",
        at
      );
    }
  }
  /** Switch keys after a rotation event, as spanforge does, but only when the rotation is bound to the key. */
  rotate(event, at) {
    const next = this.keys.rotations.get(event.eventId);
    if (event.eventType !== ROTATION_EVENT) {
      this.findings.add(
        "chain.signature",
        "fail",
        `the key map names this event, but it is a ${shortId(event.eventType, 60)} event, not ${ROTATION_EVENT}: the key was not switched`,
        at
      );
      return;
    }
    this.keyRotations++;
    if (next === void 0 || next.kind === "missing") {
      this.keyState = { kind: "unavailable" };
      this.currentKey = void 0;
      const message = next === void 0 ? `key rotation with no key for it: add "${shortId(event.eventId, 64)}": "<ENV_VAR_NAME>" to the key map (--key-map); events after it cannot be verified` : `${next.reason}; events after this rotation cannot be verified`;
      this.findings.add("chain.signature", "error", message, at);
      return;
    }
    const announced = event.payload?.get("new_secret_hash");
    const actual = digest("sha256", next.secret, "hex");
    if (typeof announced !== "string" || !safeEqual(announced, actual)) {
      this.findings.add(
        "chain.signature",
        "fail",
        `the key in ${next.envName} does not match this rotation's new_secret_hash: the rotation event does not announce that key`,
        at
      );
    }
    this.keyState = { kind: "rotated", eventId: event.eventId };
    this.currentKey = activate(next);
  }
  result(options) {
    return {
      format: "spanforge",
      lines: options.lines,
      entries: this.entries,
      events: this.events,
      findings: this.findings.export(),
      hadBom: options.hadBom,
      first: this.first,
      last: this.previousId === void 0 ? void 0 : { line: this.previousLine, eventId: this.previousId },
      firstTimestamp: this.timestamps.first,
      lastTimestamp: this.timestamps.last,
      tombstones: this.tombstones,
      tombstoneIds: this.tombstoneIds,
      keyRotations: this.keyRotations,
      unverified: this.unverified,
      keyAtStart: this.keyAtStart,
      keyAtEnd: this.keyState
    };
  }
};
var MAX_LISTED_TOMBSTONES = 100;
function headCutMessage(prevId) {
  return `the first event points to a predecessor (prev_id ${shortId(prevId)}): events before it were cut from the head`;
}
function duplicateMessage(line) {
  return `duplicate event_id: the same id is used at line ${line}`;
}
function brokenLinkMessage(prevId, previousLine) {
  return prevId === null ? `event has no prev_id: the link to the event before it (line ${previousLine}) was removed, or a second chain starts here` : `prev_id does not name the event before it (line ${previousLine}): an event was deleted, inserted or replaced`;
}
function backwardsMessage(line) {
  return `timestamp goes backwards: earlier than the event at line ${line} (timestamps are not covered by the signature)`;
}

// src/checks/chain/torchcomply.ts
import { hash as digest2 } from "node:crypto";

// src/checks/chain/iso-timestamp.ts
function roundHalfEven(x) {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
var pad = (n, width = 2) => String(n).padStart(width, "0");
function split(timestampNs) {
  const seconds = Number(timestampNs) / 1e9;
  let whole = Math.trunc(seconds);
  let micros = roundHalfEven((seconds - whole) * 1e6);
  if (micros >= 1e6) {
    whole += 1;
    micros -= 1e6;
  } else if (micros < 0) {
    whole -= 1;
    micros += 1e6;
  }
  return { whole, micros };
}
function dateTime(whole) {
  const date = new Date(whole * 1e3);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}
function format(base, micros) {
  return `${base}${micros === 0 ? "" : `.${pad(micros, 6)}`}+00:00`;
}
var IsoTimestampCache = class {
  second = Number.NaN;
  base = "";
  format(timestampNs) {
    const { whole, micros } = split(timestampNs);
    if (whole !== this.second) {
      this.second = whole;
      this.base = dateTime(whole);
    }
    return format(this.base, micros);
  }
};

// src/checks/chain/torchcomply.ts
var HEX64 = /^[0-9a-f]{64}$/;
var OUTPUT_HASH = /^(?:[0-9a-f]{16})?$/;
function torchcomplyPreimage(fields) {
  return `{"device": ${pythonStringAscii(fields.device)}, "input_shapes": ${pythonDumps(fields.inputShapes, PYTHON_DEFAULT)}, "module_name": ${pythonStringAscii(fields.moduleName)}, "operator_type": ${pythonStringAscii(fields.operatorType)}, "output_hash": ${pythonStringAscii(fields.outputHash)}, "output_shape": ${pythonDumps(fields.outputShape, PYTHON_DEFAULT)}, "prev_hash": ${pythonStringAscii(fields.prevHash)}, "timestamp": ${fields.timestamp}}`;
}
function compareUint(a, b) {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
function isShape(value) {
  return Array.isArray(value) && value.every((dim) => dim instanceof JsonNumber && dim.isInteger && !dim.text.startsWith("-"));
}
function parseEntry(text) {
  let parsed;
  try {
    parsed = parseJson(text, { maxDepth: 64 });
  } catch (error) {
    return `not a JSON audit entry: ${error instanceof JsonSyntaxError ? error.message : String(error)}`;
  }
  if (!(parsed instanceof Map)) return "not a JSON audit entry: expected an object";
  const entry = readEntry(parsed);
  if (typeof entry === "string") return `not a torchcomply audit entry: ${entry}`;
  return { ...entry, unknownKeys: [...parsed.keys()].filter((key) => !KNOWN_KEYS.has(key)) };
}
function readEntry(object) {
  const text = (key) => {
    const value = object.get(key);
    return typeof value === "string" ? value : void 0;
  };
  const timestamp = object.get("timestamp");
  if (!(timestamp instanceof JsonNumber) || !timestamp.isInteger || timestamp.text.startsWith("-")) {
    return "`timestamp` must be a non-negative integer (nanoseconds)";
  }
  const moduleName = text("module_name");
  if (moduleName === void 0) return "`module_name` must be a string";
  const operatorType = text("operator_type");
  if (operatorType === void 0) return "`operator_type` must be a string";
  const inputShapes = object.get("input_shapes");
  if (!Array.isArray(inputShapes) || !inputShapes.every(isShape)) {
    return "`input_shapes` must be a list of shapes (lists of non-negative integers)";
  }
  const outputShape = object.get("output_shape");
  if (!isShape(outputShape)) return "`output_shape` must be a list of non-negative integers";
  const outputHash = object.has("output_hash") ? text("output_hash") : "";
  if (outputHash === void 0 || !OUTPUT_HASH.test(outputHash)) {
    return "`output_hash` must be empty or 16 lower-case hex characters";
  }
  const device = text("device");
  if (device === void 0) return "`device` must be a string";
  const prevHash = text("prev_hash");
  if (prevHash === void 0 || prevHash !== "" && !HEX64.test(prevHash)) {
    return "`prev_hash` must be empty or 64 lower-case hex characters";
  }
  const hash2 = text("hash");
  if (hash2 === void 0 || !HEX64.test(hash2)) return "`hash` must be 64 lower-case hex characters";
  const iso = object.get("iso_timestamp");
  if (iso !== void 0 && typeof iso !== "string") return "`iso_timestamp` must be a string";
  const normalized = timestamp.text === "-0" ? "0" : timestamp.text;
  const fields = {
    timestamp: normalized,
    moduleName,
    operatorType,
    inputShapes,
    outputShape,
    outputHash,
    device,
    prevHash
  };
  return { timestamp: normalized, prevHash, hash: hash2, isoTimestamp: iso, preimage: torchcomplyPreimage(fields) };
}
var UINT = /^(?:0|[1-9][0-9]*)$/;
var DIMS = "(?:(?:0|[1-9][0-9]*)(?:,(?:0|[1-9][0-9]*))*)?";
var SHAPE = new RegExp(`^\\[${DIMS}\\]$`);
var SHAPES = new RegExp(`^\\[(?:\\[${DIMS}\\](?:,\\[${DIMS}\\])*)?\\]$`);
var HASHED_OUTPUT = /^"(?:[0-9a-f]{16})?"$/;
var FIELDS = [
  "timestamp",
  "module_name",
  "operator_type",
  "input_shapes",
  "output_shape",
  "output_hash",
  "device",
  "prev_hash",
  "hash",
  "iso_timestamp"
];
var FIELD_MATCHER = new KeyMatcher(FIELDS);
var KNOWN_KEYS = new Set(FIELDS);
var TIMESTAMP2 = 0;
var MODULE_NAME = 1;
var OPERATOR_TYPE = 2;
var INPUT_SHAPES = 3;
var OUTPUT_SHAPE = 4;
var OUTPUT_HASH_FIELD = 5;
var DEVICE = 6;
var PREV_HASH = 7;
var HASH = 8;
var ISO_TIMESTAMP = 9;
var REQUIRED_MASK2 = (1 << ISO_TIMESTAMP) - 1;
function fastEntry(text) {
  const fields = fastFields2;
  const seen = locateFields(text, FIELD_MATCHER, fields, () => false);
  if (seen < 0) return void 0;
  if ((seen & REQUIRED_MASK2) !== REQUIRED_MASK2) return void 0;
  const slice = (field) => fields.slice(text, field);
  const timestamp = slice(TIMESTAMP2);
  const inputShapes = slice(INPUT_SHAPES);
  const outputShape = slice(OUTPUT_SHAPE);
  const outputHash = slice(OUTPUT_HASH_FIELD);
  if (!UINT.test(timestamp) || !SHAPES.test(inputShapes) || !SHAPE.test(outputShape)) return void 0;
  if (!HASHED_OUTPUT.test(outputHash)) return void 0;
  const moduleName = slice(MODULE_NAME);
  const operatorType = slice(OPERATOR_TYPE);
  const device = slice(DEVICE);
  if (!PLAIN_STRING.test(moduleName) || !PLAIN_STRING.test(operatorType) || !PLAIN_STRING.test(device))
    return void 0;
  const stringField = (field) => plainString(text, fields.start[field] ?? 0, fields.end[field] ?? 0);
  const prevHash = stringField(PREV_HASH);
  const hash2 = stringField(HASH);
  const iso = (seen & 1 << ISO_TIMESTAMP) === 0 ? void 0 : stringField(ISO_TIMESTAMP);
  if (prevHash === void 0 || hash2 === void 0 || (seen & 1 << ISO_TIMESTAMP) !== 0 && iso === void 0) {
    return void 0;
  }
  const preimage = `{"device": ${device}, "input_shapes": ${inputShapes.replaceAll(",", ", ")}, "module_name": ${moduleName}, "operator_type": ${operatorType}, "output_hash": ${outputHash}, "output_shape": ${outputShape.replaceAll(",", ", ")}, "prev_hash": "${prevHash}", "timestamp": ${timestamp}}`;
  return { timestamp, prevHash, hash: hash2, isoTimestamp: iso, preimage };
}
var fastFields2 = new FieldSlices(FIELDS.length);
var TorchcomplyVerifier = class {
  findings = new FindingCollector();
  path;
  /** The range does not start the file: the first entry's link is checked at the seam, not here. */
  continues;
  entries = 0;
  segmentCount = 0;
  listedSegments = [];
  current;
  // The entry before the current one (kept as fields: no object allocated per entry).
  previousHash;
  previousLine = 0;
  previousTimestamp = "";
  first;
  endsWellFormed = false;
  recentHashes = new RecentWindow();
  /** First hash of each run → its line, to spot a run written twice. Bounded like the segment list. */
  segmentStarts = /* @__PURE__ */ new Map();
  isoTimestamps = new IsoTimestampCache();
  constructor(options) {
    this.path = options.path;
    this.continues = options.continues;
  }
  badLine(lineNumber, reason) {
    this.entries++;
    this.endsWellFormed = false;
    this.findings.add("chain.malformed", "error", reason, { path: this.path, line: lineNumber });
  }
  line(raw, lineNumber) {
    if (isBlankText(raw)) return;
    const text = raw.trim();
    this.entries++;
    const entry = fastEntry(text) ?? this.slowEntry(text, lineNumber);
    this.endsWellFormed = entry !== void 0;
    if (entry === void 0) return;
    this.check(entry, lineNumber);
    this.recentHashes.remember(entry.hash, lineNumber);
    this.previousHash = entry.hash;
    this.previousLine = lineNumber;
    this.previousTimestamp = entry.timestamp;
    if (this.current) {
      this.current.entries++;
      this.current.head = entry.hash;
    }
  }
  /** The full parser: exact about what is wrong with a line. Reports and returns undefined for a bad line. */
  slowEntry(text, lineNumber) {
    const at = { path: this.path, line: lineNumber };
    const entry = parseEntry(text);
    if (typeof entry === "string") {
      this.findings.add("chain.malformed", "error", entry, at);
      return void 0;
    }
    for (const key of entry.unknownKeys) {
      this.findings.add(
        "chain.malformed",
        "warn",
        `key ${JSON.stringify(key.slice(0, 40))} is not a torchcomply field and is not covered by the hash`,
        at
      );
    }
    return entry;
  }
  check(entry, lineNumber) {
    const computed = digest2("sha256", entry.preimage, "hex");
    if (computed !== entry.hash) {
      this.findings.add(
        "chain.hash",
        "fail",
        `entry does not re-hash to its stored hash (stored ${entry.hash}, computed ${computed}): a hashed field was edited`,
        { path: this.path, line: lineNumber }
      );
    }
    if (entry.isoTimestamp !== void 0 && entry.isoTimestamp !== this.isoTimestamps.format(entry.timestamp)) {
      this.findings.add(
        "chain.timestamp",
        "warn",
        "iso_timestamp does not match timestamp (iso_timestamp is not covered by the hash; timestamp is)",
        { path: this.path, line: lineNumber }
      );
    }
    this.link(entry, lineNumber);
  }
  startSegment(entry, lineNumber, continuation) {
    if (!continuation) this.segmentCount++;
    this.current = { startLine: lineNumber, entries: 0, head: entry.hash, continuation };
    if (this.listedSegments.length < MAX_LISTED_HEADS) this.listedSegments.push(this.current);
    if (continuation) return;
    const replayOf = this.segmentStarts.get(entry.hash);
    if (replayOf !== void 0) {
      this.findings.add("chain.link", "fail", replayMessage(lineRef(replayOf)), { path: this.path, line: lineNumber });
    } else if (this.segmentStarts.size < MAX_LISTED_HEADS) {
      this.segmentStarts.set(entry.hash, lineNumber);
    }
  }
  link(entry, lineNumber) {
    if (entry.prevHash === "") {
      this.startSegment(entry, lineNumber, false);
      return;
    }
    const at = { path: this.path, line: lineNumber };
    if (this.previousHash === void 0) {
      if (this.continues) {
        this.first = { line: lineNumber, prevHash: entry.prevHash, timestamp: entry.timestamp };
        this.startSegment(entry, lineNumber, true);
      } else {
        this.startSegment(entry, lineNumber, false);
        this.findings.add("chain.head", "fail", HEAD_CUT, at);
      }
      return;
    }
    if (entry.prevHash !== this.previousHash) this.reportBrokenLink(entry, this.previousLine, at);
    if (compareUint(entry.timestamp, this.previousTimestamp) < 0) {
      this.findings.add("chain.timestamp", "fail", backwardsMessage2(lineRef(this.previousLine)), at);
    }
  }
  reportBrokenLink(entry, previousLine, at) {
    if (!this.findings.listsMore("chain.link")) {
      this.findings.add("chain.link", "fail", brokenLinkMessage2(lineRef(previousLine)), at);
      return;
    }
    const duplicateOf = this.recentHashes.lineOf(entry.hash);
    const pointsTo = duplicateOf === void 0 ? this.recentHashes.lineOf(entry.prevHash) : void 0;
    const message = duplicateOf !== void 0 ? `duplicate of the entry at line ${lineRef(duplicateOf)}` : pointsTo !== void 0 ? `prev_hash points to the entry at line ${lineRef(pointsTo)}, not to the entry before it (line ${lineRef(previousLine)}): entries were reordered or inserted` : brokenLinkMessage2(lineRef(previousLine));
    this.findings.add("chain.link", "fail", message, at);
  }
  result(options) {
    return {
      format: "torchcomply",
      lines: options.lines,
      entries: this.entries,
      findings: this.findings.export(),
      hadBom: options.hadBom,
      first: this.first,
      last: this.previousHash === void 0 ? void 0 : { line: this.previousLine, hash: this.previousHash, timestamp: this.previousTimestamp },
      endsWellFormed: this.endsWellFormed,
      segments: this.listedSegments,
      segmentCount: this.segmentCount,
      segmentStarts: [...this.segmentStarts]
    };
  }
};
var HEAD_CUT = "the first entry points to a predecessor (prev_hash is set): entries before it were cut from the head";
function brokenLinkMessage2(previousLine) {
  return `prev_hash does not match the hash of the entry before it (line ${previousLine}): an entry was deleted, inserted or replaced`;
}
function backwardsMessage2(previousLine) {
  return `timestamp goes backwards: earlier than the entry at line ${previousLine}`;
}
function replayMessage(line) {
  return `this run repeats the run that starts at line ${line} (duplicated entries, e.g. the chain was flushed twice)`;
}

// src/checks/chain/ranges.ts
async function verifyRange(request) {
  const verifier = request.format === "torchcomply" ? new TorchcomplyVerifier({ path: request.displayPath, continues: request.continues }) : new SpanforgeVerifier({
    path: request.displayPath,
    keys: request.keys,
    continues: request.continues,
    startKey: request.startKey
  });
  const summary = await readLines(request.path, verifier, {
    maxLineBytes: request.maxLineBytes,
    start: request.start,
    end: request.end
  });
  return verifier.result({ lines: summary.lines, hadBom: summary.hadBom });
}
var DEFAULT_PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
var WORKER_URL = new URL("./chain-worker.js", import.meta.url);

// src/checks/chain/chain-worker.ts
parentPort?.postMessage(await verifyRange(workerData));
