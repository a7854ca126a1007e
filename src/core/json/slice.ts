/**
 * The fast path of log verification: find the top-level members of a one-line JSON object and hand over
 * where each value starts and ends in the text, without building values.
 *
 * Re-serialising is where verification spends its time, yet a well-formed line already holds the bytes a
 * preimage needs (torchcomply's fields, spanforge's canonical payload). Callers assemble preimages from these
 * slices and fall back to the full parser (`parseJson`) whenever this returns false or a slice is unusual,
 * so the slow path alone decides what is wrong with a line.
 *
 * Nested containers are skipped, not validated: callers validate the slices they use (or prove them by a
 * hash match) and never trust a skipped one.
 */

/** Recognises a fixed set of key names at positions in a text without slicing strings out of it. */
export class KeyMatcher {
  private readonly byLength = new Map<number, { name: string; index: number }[]>();

  constructor(names: readonly string[]) {
    names.forEach((name, index) => {
      const bucket = this.byLength.get(name.length) ?? [];
      bucket.push({ name, index });
      this.byLength.set(name.length, bucket);
    });
  }

  /** The index of the name at text[start, end) in the constructor's list, or -1. */
  match(text: string, start: number, end: number): number {
    const bucket = this.byLength.get(end - start);
    if (bucket === undefined) return -1;
    for (const { name, index } of bucket) if (text.startsWith(name, start)) return index;
    return -1;
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** Whether the string most recently scanned by `stringEnd` had an escape (saves a second scan). */
let lastStringHadEscape = false;

/**
 * Whether the text being sliced has no backslash and no control character: then every string in it ends at
 * the next quote, found by one native `indexOf` instead of a loop over its characters. Decided once per
 * line by `sliceMembers`.
 */
let textIsEscapeFree = false;
const ESCAPE_OR_CONTROL = /[\x00-\x1f\\]/;
const NOT_PLAIN_ASCII = /[^\x20-\x5b\x5d-\x7e]/;

/** End (exclusive) of the string starting at `start` (a quote), or -1 if it is unterminated or has a raw control character. */
function stringEnd(text: string, start: number): number {
  lastStringHadEscape = false;
  if (textIsEscapeFree) {
    const quote = text.indexOf('"', start + 1);
    return quote < 0 ? -1 : quote + 1;
  }
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      lastStringHadEscape = true;
      i++;
    } else if (c < 0x20) {
      return -1;
    }
  }
  return -1;
}

/** End (exclusive) of the scalar or container value starting at `start`, or -1. */
function valueEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 0x22) return stringEnd(text, start);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x22) {
        const end = stringEnd(text, i);
        if (end < 0) return -1;
        i = end - 1;
      } else if (d === 0x7b || d === 0x5b) {
        depth++;
      } else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  // number or literal: up to the next delimiter
  let i = start;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 0x2c || d === 0x7d || d === 0x5d || isWhitespace(d)) break;
    i++;
  }
  return i > start ? i : -1;
}

/** Where a line's top-level members are: filled by `sliceMembers`, reused from line to line. */
export class MemberSlices {
  count = 0;
  /** The text has no backslash and no control character: no string in it has an escape. */
  escapeFree = false;
  /** The text is printable ASCII without a backslash: every string in it is a `PLAIN_STRING`. */
  plainAscii = false;
  readonly keyStart: Int32Array;
  readonly keyEnd: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;

  constructor(capacity = 64) {
    this.keyStart = new Int32Array(capacity);
    this.keyEnd = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }
}

/**
 * Find the members of the JSON object `text`: key [keyStart, keyEnd) inside its quotes (escape-free) and value
 * [start, end). Returns false when the text is not an object this fast path can vouch for: keys with escapes,
 * unbalanced structure, trailing data, or more members than `into` holds.
 */
export function sliceMembers(text: string, into: MemberSlices): boolean {
  into.plainAscii = !NOT_PLAIN_ASCII.test(text);
  textIsEscapeFree = into.plainAscii || !ESCAPE_OR_CONTROL.test(text);
  into.escapeFree = textIsEscapeFree;
  let i = 0;
  let count = 0;
  const length = text.length;
  const capacity = into.start.length;
  while (i < length && isWhitespace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x7b) return false;
  i++;
  while (i < length && isWhitespace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 0x7d) {
    i++;
  } else {
    for (;;) {
      if (text.charCodeAt(i) !== 0x22 || count === capacity) return false;
      const keyEnd = stringEnd(text, i);
      if (keyEnd < 0 || lastStringHadEscape) return false;
      into.keyStart[count] = i + 1;
      into.keyEnd[count] = keyEnd - 1;
      i = keyEnd;
      while (i < length && isWhitespace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 0x3a) return false;
      i++;
      while (i < length && isWhitespace(text.charCodeAt(i))) i++;
      const end = valueEnd(text, i);
      if (end < 0) return false;
      into.start[count] = i;
      into.end[count] = end;
      count++;
      i = end;
      while (i < length && isWhitespace(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      i++;
      if (c === 0x7d) break;
      if (c !== 0x2c) return false;
      while (i < length && isWhitespace(text.charCodeAt(i))) i++;
    }
  }
  while (i < length && isWhitespace(text.charCodeAt(i))) i++;
  into.count = count;
  return i === length;
}

/** Where the known fields of one line are, by field index: reused from line to line. */
export class FieldSlices {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly members = new MemberSlices();

  constructor(fields: number) {
    this.start = new Int32Array(fields);
    this.end = new Int32Array(fields);
  }

  slice(text: string, field: number): string {
    return text.slice(this.start[field], this.end[field]);
  }
}

/**
 * Slice a line's members and place the ones `matcher` knows into `into`, by field index. Returns a bit set of
 * the fields seen, or -1 when the line is not simple, a known key repeats (the full parser must report it), or
 * `acceptOther` refuses a member the matcher does not know.
 */
export function locateFields(
  text: string,
  matcher: KeyMatcher,
  into: FieldSlices,
  acceptOther: (start: number, end: number) => boolean,
): number {
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
    if ((seen & (1 << field)) !== 0) return -1;
    seen |= 1 << field;
    into.start[field] = start;
    into.end[field] = end;
  }
  return seen;
}

/** A JSON string of printable ASCII with nothing to escape: Python writes it exactly so in both dialects. */
export const PLAIN_STRING = /^"[\x20\x21\x23-\x5b\x5d-\x7e]*"$/;

/**
 * The slice as a string value when it is a plain printable-ASCII JSON string (no escapes): then its JSON text
 * is exactly what Python's json.dumps writes for it, in either dialect. Otherwise undefined.
 */
export function plainString(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start, end);
  return PLAIN_STRING.test(raw) ? raw.slice(1, -1) : undefined;
}

/** The slice as a string value when it has no escapes (any code point otherwise), or undefined. */
export function escapeFreeString(text: string, start: number, end: number): string | undefined {
  if (text.charCodeAt(start) !== 0x22 || end - start < 2) return undefined;
  const inner = text.slice(start + 1, end - 1);
  return inner.includes("\\") ? undefined : inner;
}

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

/**
 * Whether a member's value slice is valid JSON. Cheap for what logs hold (escape-free strings, numbers,
 * literals); anything else is checked by the native parser. For members a fast path does not otherwise
 * validate or prove by a hash, so a line it accepts is always a line the full parser accepts.
 */
export function isValidValue(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  if (c === 0x22 && escapeFreeString(text, start, end) !== undefined) return true;
  const raw = text.slice(start, end);
  if (raw === "null" || raw === "true" || raw === "false") return true;
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return NUMBER.test(raw);
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}
