/**
 * The OASIS SARIF 2.1.0 schema (as @microsoft/jest-sarif ships it, sarif-2.1.0-rtm.5.json), compiled once:
 * every SARIF log a test produces is validated against it.
 *
 * The file declares JSON Schema draft-04, which Ajv 8 does not load; Ajv's default (draft-07) class validates
 * it with the same meaning, because the schema uses only keywords whose meaning did not change between the two
 * drafts — checked below, so a schema using another keyword fails here instead of being validated loosely. Its
 * draft-04 `id` becomes `$id`. Formats (`uri`, `uri-reference`, `date-time`) are NOT checked by Ajv (ajv-formats
 * is not installed): tests check artifact URIs themselves.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";

const SCHEMA_PATH = new URL(
  "../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json",
  import.meta.url,
);

/** Keywords whose meaning is the same in draft-04 and draft-07 (`exclusiveMinimum` & co. changed: not here). */
const SAME_IN_BOTH = new Set([
  "$ref",
  "$schema",
  "id",
  "title",
  "description",
  "default",
  "type",
  "properties",
  "additionalProperties",
  "required",
  "definitions",
  "items",
  "minItems",
  "uniqueItems",
  "enum",
  "minimum",
  "maximum",
  "pattern",
  "format",
  "anyOf",
  "oneOf",
]);

function keywordsOf(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) keywordsOf(item, into);
  } else if (schema !== null && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      into.add(key);
      if (key === "properties" || key === "definitions") {
        for (const sub of Object.values(value as object)) keywordsOf(sub, into);
      } else {
        keywordsOf(value, into);
      }
    }
  }
  return into;
}

const official = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<string, unknown>;
const unexpected = [...keywordsOf(official)].filter((keyword) => !SAME_IN_BOTH.has(keyword));
if (unexpected.length > 0) throw new Error(`the SARIF schema uses keywords not checked here: ${unexpected.join(", ")}`);
const { id, $schema: _draft04, ...rest } = official;
// unicodeRegExp off: the schema's `language` pattern (`…[a-zA-Z]{2}]?$`) has a stray `]` that is valid in a
// plain ECMAScript regular expression, as JSON Schema specifies them, but not with the `u` flag Ajv adds.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
const validate = ajv.compile({ ...rest, $id: id as string });

/** Problems with `value` as a SARIF 2.1.0 log (empty when it is valid against the official schema). */
export function sarifSchemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
