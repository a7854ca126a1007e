/**
 * Canonical JSON (RFC 8785 / JCS) for everything comply-gate writes, hashes or signs: object keys sorted by
 * UTF-16 code units, no whitespace, numbers in ECMAScript shortest form, strings with JSON's minimal escapes.
 * Same value → same bytes, on every platform and Node version.
 */

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CanonicalJsonError";
  }
}

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out, "$");
  return out.join("");
}

function write(value: unknown, out: string[], path: string): void {
  if (value === null) {
    out.push("null");
    return;
  }
  switch (typeof value) {
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "string":
      // JSON.stringify on a string applies exactly the JCS escaping rules (ES2019 well-formed stringify).
      out.push(JSON.stringify(value));
      return;
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} has no JSON form`);
      // ECMAScript Number-to-String is the JCS number form; -0 serialises as 0.
      out.push(Object.is(value, -0) ? "0" : String(value));
      return;
    case "object":
      break;
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} has no JSON form`);
  }
  if (Array.isArray(value)) {
    out.push("[");
    value.forEach((item, index) => {
      if (index > 0) out.push(",");
      write(item === undefined ? null : item, out, `${path}[${index}]`);
    });
    out.push("]");
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  out.push("{");
  entries.forEach(([key, v], index) => {
    if (index > 0) out.push(",");
    out.push(JSON.stringify(key), ":");
    write(v, out, `${path}.${key}`);
  });
  out.push("}");
}
