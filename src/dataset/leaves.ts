/**
 * A row's leaves, found by one iterative walk: every string at any depth (chat turns, struct fields, list
 * items), every number as exact decimal text, and the keys of nested objects (a map column's keys, a JSON
 * object keyed by e-mail address: keys are data too). The walk is breadth-first over typed arrays reused from
 * row to row, so a hostile row can neither overflow the stack nor make a walk allocate per container; it
 * refuses a row nested deeper than the limit before anything of the row is counted.
 *
 * Where each leaf is stays a (container, segment) pair until a finding asks for its path, which is then
 * written as `messages[3].content`, with a key segment that holds personal data masked as `[key]`.
 */
import { DecimalText, isContainer } from "./readers/reader.js";
import { findPii } from "./recognizers/index.js";

/** 2^53: a number at or beyond it may not be the digits its source held. */
const EXACT_LIMIT = 2 ** 53;

/** Key segments longer than this are cut in a path: a path locates, it does not copy the row. */
const MAX_SEGMENT = 64;

/** A path segment written bare after a dot (`messages`, `content`); any other key is quoted in brackets. */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Where the row itself is: the parent of its top-level values. */
const ROW = -1;

/** A growable list of container or leaf positions: parent node and segment (key or array index). */
class Places {
  parent = new Int32Array(64);
  readonly segment: (string | number)[] = [];
  /** Per place, the nearest object key at or above it (the context a recognizer may read). */
  readonly name: string[] = [];
  length = 0;

  add(parent: number, segment: string | number, name: string): number {
    if (this.length === this.parent.length) {
      const grown = new Int32Array(2 * this.parent.length);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[this.length] = parent;
    this.segment[this.length] = segment;
    this.name[this.length] = name;
    return this.length++;
  }

  /**
   * Forget the places (their slots are overwritten by the next row's). The arrays are not truncated: an array
   * set to length 0 drops its backing store, and growing it again row after row was a tenth of a JSONL scan.
   */
  clear(): void {
    this.length = 0;
  }
}

/**
 * One row's leaves (reused for every row of a unit: read them during the row's fold only). Strings come
 * first at the top level, in key order (`topStrings` of them), then the nested ones.
 */
export class RowLeaves {
  readonly strings: string[] = [];
  private stringCount = 0;
  topStrings = 0;
  /** Per string, where it is. */
  readonly stringPlaces = new Places();
  /**
   * Numbers (JSON numbers, int64, DECIMAL …) as read, and where each is. Their decimal text is made only when
   * asked for (`numberText`): a text per number went through V8's number-to-string cache, which kept every
   * row's ids alive long enough to be copied out of the young generation.
   */
  private readonly numberValues: (number | bigint | DecimalText)[] = [];
  /** A number's exact text from the row's source, where a double could not hold its digits. */
  private readonly exactTexts = new Map<number, string>();
  numberCount = 0;
  readonly numberPlaces = new Places();
  /** Keys of nested objects (a row's own keys are its `keys`), and where each is (its object, itself). */
  readonly keyPlaces = new Places();
  /** Containers: the nodes leaves and keys hang from. */
  private readonly nodes = new Places();
  /** The breadth-first queue: containers, their node and depth. */
  private queue: unknown[] = [];
  private queueNode = new Int32Array(64);
  private queueDepth = new Int32Array(64);
  /** Numbers a double may not hold exactly (their text is taken from the row's source when there is one). */
  private inexact: number[] = [];
  /** The row's top-level values other than strings, and their keys (reused from row to row). */
  private readonly otherKeys: string[] = [];
  private readonly otherValues: unknown[] = [];

  /**
   * Collect the leaves of a row. Returns false, with nothing collected, when a value nests deeper than
   * `maxNesting` containers (a top-level object or array is depth 1). `source`: the row's JSON text, where
   * numbers a double cannot hold exactly keep their digits.
   */
  collect(
    values: Readonly<Record<string, unknown>>,
    keys: readonly string[],
    options: { maxNesting: number; source?: string | undefined },
  ): boolean {
    this.clear();
    // One look-up per key: strings and numbers at once, the other values kept for the second pass.
    let others = 0;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const value = values[key];
      if (typeof value === "string") {
        this.strings[this.stringCount++] = value;
        this.stringPlaces.add(ROW, key, key);
      } else if (typeof value === "number") {
        this.scalar(value, ROW, key, key);
      } else if (value !== null && value !== undefined && typeof value !== "boolean") {
        this.otherKeys[others] = key;
        this.otherValues[others++] = value;
      }
    }
    this.topStrings = this.stringCount;
    let tail = 0;
    for (let k = 0; k < others; k++) {
      const key = this.otherKeys[k] as string;
      const value = this.otherValues[k];
      if (isContainer(value)) tail = this.enqueue(tail, value, this.nodes.add(ROW, key, key), 1);
      else this.scalar(value, ROW, key, key);
    }
    for (let head = 0; head < tail; head++) {
      const container = this.queue[head] as object;
      const node = this.queueNode[head] as number;
      const depth = this.queueDepth[head] as number;
      if (depth > options.maxNesting) {
        this.clear();
        this.trim();
        this.forgetOthers(others);
        return false;
      }
      const name = this.nodes.name[node] as string;
      if (Array.isArray(container)) {
        for (let i = 0; i < container.length; i++) {
          const item: unknown = container[i];
          if (typeof item === "string") {
            this.strings[this.stringCount++] = item;
            this.stringPlaces.add(node, i, name);
          } else if (isContainer(item)) tail = this.enqueue(tail, item, this.nodes.add(node, i, name), depth + 1);
          else this.scalar(item, node, i, name);
        }
      } else {
        const record = container as Record<string, unknown>;
        for (const key of Object.keys(record)) {
          this.keyPlaces.add(node, key, name);
          const item = record[key];
          if (typeof item === "string") {
            this.strings[this.stringCount++] = item;
            this.stringPlaces.add(node, key, key);
          } else if (isContainer(item)) tail = this.enqueue(tail, item, this.nodes.add(node, key, key), depth + 1);
          else this.scalar(item, node, key, key);
        }
      }
    }
    if (tail > 0) this.queue.length = 0;
    this.forgetOthers(others);
    this.trim();
    if (this.inexact.length > 0 && options.source !== undefined) this.exactFromSource(options.source);
    return true;
  }

  /**
   * Forget the leaves. The lists are overwritten in place and cut to length once the row is read (`trim`): set
   * to length 0 row after row, an array drops its backing store and grows a new one for the next row.
   */
  private clear(): void {
    this.stringCount = 0;
    this.numberCount = 0;
    if (this.exactTexts.size !== 0) this.exactTexts.clear();
    // (an array's length is set only when it has one: setting it is a call into the runtime)
    if (this.inexact.length !== 0) this.inexact.length = 0;
    if (this.queue.length !== 0) this.queue.length = 0;
    this.topStrings = 0;
    this.stringPlaces.clear();
    this.numberPlaces.clear();
    this.keyPlaces.clear();
    this.nodes.clear();
  }

  /** Drop the row's values kept for the second pass (the next row overwrites the slots, a last row would not). */
  private forgetOthers(count: number): void {
    for (let k = 0; k < count; k++) this.otherValues[k] = undefined;
  }

  private trim(): void {
    if (this.strings.length !== this.stringCount) this.strings.length = this.stringCount;
    if (this.numberValues.length !== this.numberCount) this.numberValues.length = this.numberCount;
  }

  private enqueue(tail: number, container: object, node: number, depth: number): number {
    if (tail === this.queueNode.length) {
      const nodes = new Int32Array(2 * tail);
      const depths = new Int32Array(2 * tail);
      nodes.set(this.queueNode);
      depths.set(this.queueDepth);
      this.queueNode = nodes;
      this.queueDepth = depths;
    }
    this.queue[tail] = container;
    this.queueNode[tail] = node;
    this.queueDepth[tail] = depth;
    return tail + 1;
  }

  /** A number, bigint or exact decimal; other scalars (booleans, null, bytes) hold no digits to read. */
  private scalar(value: unknown, parent: number, segment: string | number, name: string): void {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return;
      // Its text may not be the digits its source held: beyond 2^53, or written with an exponent (1e21 and
      // more, or below 1e-6).
      const size = Math.abs(value);
      if (size >= EXACT_LIMIT || (size < 1e-6 && size !== 0)) this.inexact.push(this.numberCount);
    } else if (typeof value !== "bigint" && !(value instanceof DecimalText)) return;
    this.numberValues[this.numberCount++] = value;
    this.numberPlaces.add(parent, segment, name);
  }

  /** Number `i` as read: a double, a bigint or an exact decimal. */
  numberValue(i: number): number | bigint | DecimalText {
    return this.numberValues[i] as number | bigint | DecimalText;
  }

  /** Number `i` as exact decimal text (the source's digits where a double could not hold them). */
  numberText(i: number): string {
    const value = this.numberValues[i] as number | bigint | DecimalText;
    if (value instanceof DecimalText) return value.text;
    return this.exactTexts.get(i) ?? String(value);
  }

  /**
   * Give the numbers a double could not hold their source digits (a 19-digit card number read by
   * `JSON.parse` is a different number): the source's number tokens are matched to them by path.
   */
  private exactFromSource(source: string): void {
    const literals = numberLiterals(source);
    for (const index of this.inexact) {
      const literal = literals.get(this.rawPath(this.numberPlaces, index));
      if (literal !== undefined) this.exactTexts.set(index, literal);
    }
  }

  /** A path as a lookup key: segments joined by NUL, array indices as `#n` (as `numberLiterals` writes them). */
  private rawPath(places: Places, index: number): string {
    const parts: string[] = [];
    let segment = places.segment[index] as string | number;
    let parent = places.parent[index] as number;
    for (;;) {
      parts.push(typeof segment === "number" ? `#${segment}` : `.${segment}`);
      if (parent === ROW) break;
      segment = this.nodes.segment[parent] as string | number;
      parent = this.nodes.parent[parent] as number;
    }
    return parts.reverse().join("\u0000");
  }

  /** Where string `i` is: `messages[3].content` (a key that holds personal data written `[key]`). */
  stringPath(i: number): string {
    return this.path(this.stringPlaces, i);
  }

  numberPath(i: number): string {
    return this.path(this.numberPlaces, i);
  }

  /** Where nested key `i` is: its object's path and the key itself, masked when it holds personal data. */
  keyPath(i: number): string {
    return this.path(this.keyPlaces, i);
  }

  /** The nested key `i` itself, and the name of the object it is in (context for recognizers). */
  key(i: number): string {
    return this.keyPlaces.segment[i] as string;
  }

  keyContext(i: number): string {
    return this.keyPlaces.name[i] as string;
  }

  stringContext(i: number): string {
    return this.stringPlaces.name[i] as string;
  }

  numberContext(i: number): string {
    return this.numberPlaces.name[i] as string;
  }

  private path(places: Places, index: number): string {
    const segments: (string | number)[] = [places.segment[index] as string | number];
    for (let parent = places.parent[index] as number; parent !== ROW; parent = this.nodes.parent[parent] as number) {
      segments.push(this.nodes.segment[parent] as string | number);
    }
    segments.reverse();
    let path = "";
    let context: string | undefined;
    for (const segment of segments) {
      if (typeof segment === "number") path += `[${segment}]`;
      else {
        path += keySegment(segment, context, path === "");
        context = segment;
      }
    }
    return path;
  }
}

/** A path segment for `key`: masked when a recognizer finds personal data in it (read under `context`). */
export function keySegment(key: string, context: string | undefined, first: boolean): string {
  if (holdsPii(key, context)) return "[key]";
  if (PLAIN_KEY.test(key) && key.length <= MAX_SEGMENT) return first ? key : `.${key}`;
  const cut = key.length > MAX_SEGMENT ? `${key.slice(0, MAX_SEGMENT)}…` : key;
  return `[${JSON.stringify(cut)}]`;
}

/** Whether a key holds personal data, read as the scan reads keys: with its parent's name as context. */
export function holdsPii(key: string, context: string | undefined): boolean {
  return findPii(key, context === undefined ? {} : { field: context }).length > 0;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The number tokens of a JSON text whose digits a double may not keep (15 or more digits, or an exponent), by
 * path (`rawPath`'s form). The text parsed already, so it is valid JSON; a later duplicate key wins, as in
 * `JSON.parse`.
 */
export function numberLiterals(source: string): Map<string, string> {
  const found = new Map<string, string>();
  // Per open container: its path, whether it is an array, its next index, and the key last read in it.
  const paths: string[] = [];
  const arrays: boolean[] = [];
  const indices: number[] = [];
  const keysRead: (string | undefined)[] = [];
  let expectKey = false;
  const here = (): string => {
    const depth = paths.length - 1;
    const base = paths[depth] as string;
    const segment = arrays[depth] ? `#${indices[depth]}` : `.${keysRead[depth]}`;
    return base === "" ? segment : `${base}\u0000${segment}`;
  };
  for (let i = 0; i < source.length; ) {
    const c = source.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      while (end < source.length && source.charCodeAt(end) !== 0x22) end += source.charCodeAt(end) === 0x5c ? 2 : 1;
      if (expectKey) {
        keysRead[paths.length - 1] = JSON.parse(source.slice(i, end + 1)) as string;
        expectKey = false;
      }
      i = end + 1;
    } else if (c === 0x7b || c === 0x5b) {
      const path = paths.length === 0 ? "" : here();
      paths.push(path);
      arrays.push(c === 0x5b);
      indices.push(0);
      keysRead.push(undefined);
      expectKey = c === 0x7b;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      paths.pop();
      arrays.pop();
      indices.pop();
      keysRead.pop();
      i++;
    } else if (c === 0x2c) {
      const depth = paths.length - 1;
      if (arrays[depth]) indices[depth] = (indices[depth] as number) + 1;
      else expectKey = true;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(source)?.[0] ?? "-";
      const digits = literal.replace(/\D/g, "").length;
      if (paths.length > 0 && (digits >= 15 || /[eE]/.test(literal))) found.set(here(), literal);
      i += literal.length;
    } else i++;
  }
  return found;
}
