/**
 * spanforge's five-point compatibility checklist (specs/spanforge.md §b), per event, each violation under the id
 * spanforge's current `test_compatibility` gives it: CHK-1 `schema_version`, `source` and a non-empty payload;
 * CHK-2 the event type (empty, or neither registered nor a valid custom type); CHK-3 `<service>@X.Y.Z`; CHK-5 a
 * valid ULID. Where comply-gate is stricter, the message says why: a missing `timestamp` (CHK-1; spanforge's
 * `from_dict` refuses such an event before its checklist runs), an empty `event_id` (CHK-5; the documented
 * checklist fails it, the current one skips it), a trailing newline Python's `$` lets through (CHK-3), an
 * implausible ULID time (CHK-5, warn), and CHK-4, which spanforge never implemented: the envelope version,
 * `schema_version` present and "1.0" or "2.0".
 */
import { eventTypeProblem } from "./registry.js";
import { isValidUlid, ulidTimeMs } from "./ulid.js";

export type CheckId = "CHK-1" | "CHK-2" | "CHK-3" | "CHK-4" | "CHK-5";

export interface Violation {
  readonly check: CheckId;
  readonly severity: "fail" | "warn";
  readonly detail: string;
}

export const CHECKS: readonly { id: CheckId; title: string }[] = [
  { id: "CHK-1", title: "Required envelope fields are present and non-empty" },
  { id: "CHK-2", title: "The event type is registered or a valid custom type" },
  { id: "CHK-3", title: "The source is <service>@<semver>" },
  { id: "CHK-4", title: "The envelope declares a supported schema_version" },
  { id: "CHK-5", title: "The event id is a valid ULID with a plausible time" },
];

// spanforge's envelope source pattern, which its current CHK-3 applies. The legacy package's pattern
// (`^[a-z][a-z0-9-]*@\d+\.\d+(\.\d+)?…`) also let `my-tool@1.0` through; spanforge now fails it, and so do we.
const SOURCE = /^[a-zA-Z][a-zA-Z0-9._-]*@\d+\.\d+\.\d+(?:[.-][a-zA-Z0-9.]+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const nonEmptyString = (value: unknown): value is string => typeof value === "string" && value !== "";

const sourceOk = (source: string): boolean => SOURCE.test(source);

/** The checklist's violations for one parsed event (a plain JSON object). */
export function compatibilityViolations(event: Record<string, unknown>): Violation[] {
  const violations: Violation[] = [];
  const add = (check: CheckId, detail: string, severity: "fail" | "warn" = "fail"): void => {
    violations.push({ check, severity, detail });
  };

  for (const field of ["schema_version", "source"]) {
    if (!nonEmptyString(event[field])) add("CHK-1", `${field} must be present and a non-empty string`);
  }
  const payload = event.payload;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload) || Object.keys(payload).length === 0) {
    add("CHK-1", "payload must be a non-empty object");
  }
  if (typeof event.timestamp !== "string") {
    add(
      "CHK-1",
      "timestamp must be present and a string (stricter than spanforge's checklist: its Event.from_dict refuses an event without one)",
    );
  }

  if (!nonEmptyString(event.event_type)) add("CHK-2", "event_type must be present and non-empty");
  else {
    const problem = eventTypeProblem(event.event_type);
    if (problem) add("CHK-2", `event type ${JSON.stringify(event.event_type.slice(0, 80))}: ${problem}`);
  }

  if (nonEmptyString(event.source) && !sourceOk(event.source)) {
    add(
      "CHK-3",
      event.source.endsWith("\n") && sourceOk(event.source.slice(0, -1))
        ? "source ends with a newline (Python's regex lets this through)"
        : "source must match <service>@<semver>: a name and three version numbers, e.g. my-tool@1.0.0",
    );
  }

  if (!("schema_version" in event))
    add("CHK-4", "schema_version is omitted: every event must declare its envelope version");
  else if (event.schema_version !== "1.0" && event.schema_version !== "2.0") {
    add("CHK-4", `schema_version must be "1.0" or "2.0" (got ${JSON.stringify(event.schema_version)?.slice(0, 20)})`);
  }

  if (!nonEmptyString(event.event_id)) {
    add(
      "CHK-5",
      "event_id must be present and non-empty (stricter than spanforge's current checklist, which skips an empty id; its documented checklist fails it)",
    );
  } else {
    if (!isValidUlid(event.event_id)) add("CHK-5", "event_id must be a valid 26-character ULID");
    else if (nonEmptyString(event.timestamp) && TIMESTAMP.test(event.timestamp)) {
      const eventMs = Date.parse(event.timestamp);
      const idMs = ulidTimeMs(event.event_id);
      if (Number.isFinite(eventMs) && Math.abs(idMs - eventMs) > DAY_MS) {
        add(
          "CHK-5",
          `the event_id's time (${new Date(idMs).toISOString()}) is more than a day from the event's timestamp`,
          "warn",
        );
      }
    }
  }
  return violations;
}
