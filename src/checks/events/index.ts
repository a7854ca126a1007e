/**
 * The event-compatibility check: spanforge events (JSONL, one per line, or a JSON array) against the
 * five-point checklist and the envelope JSON Schema, one finding per problem with its line and event id.
 */

import { readFile, stat } from "node:fs/promises";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import eventSchema from "../../../schemas/spanforge-event.schema.json" with { type: "json" };
import { worstOf } from "../../core/decide.js";
import { type ExportedFindings, FindingCollector, withOwnClauses } from "../../core/findings.js";
import { type JsonValue, parseJson } from "../../core/json/parse.js";
import { jsonErrorMessage } from "../../core/json/syntax-message.js";
import type { CheckResult, Clause, Status } from "../../core/model.js";
import { DEFAULT_MAX_LINE_BYTES, readLines } from "../../io/lines.js";
import { defaultParts, planRanges, runWorkerTask, workerAvailable } from "../chain/ranges.js";
import { CHECKS, compatibilityViolations } from "./compat.js";

const REFS = ["EU AI Act Art. 12(1)", "SOC 2 CC8.1", "ISO/IEC 42001:2023 A.6.2.8"];
/** A JSON array is parsed whole: past this size, write JSONL (streamed in constant memory). */
const MAX_JSON_ARRAY_BYTES = 64 * 1024 * 1024;

let validator: ValidateFunction | undefined;
export function schemaProblems(event: unknown): string[] {
  // The envelope's patterns are ASCII: compiled without the `u` flag they run several times faster.
  validator ??= new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false }).compile(eventSchema);
  return validator(event)
    ? []
    : (validator.errors ?? []).map((e) => `${e.instancePath || "(envelope)"} ${e.message ?? ""}`.trim());
}

/** The event parsed again with number lexemes kept (what a checksum needs); undefined if it cannot be. */
export type ExactEvent = () => JsonValue | undefined;

/**
 * Events of a file, each with its line (1-based), streamed for JSONL (optionally one byte range of it; lines
 * then count from the range's start). `exact` re-parses the event losslessly, only when a caller asks.
 * Returns the number of lines read (0 for a JSON array).
 */
export async function forEachEvent(
  path: string,
  visit: (event: unknown, line: number, exact: ExactEvent) => void,
  bad: (line: number, reason: string) => void,
  range: {
    readonly start?: number | undefined;
    readonly end?: number | undefined;
    readonly maxLineBytes?: number | undefined;
  } = {},
): Promise<{ lines: number }> {
  if (path.endsWith(".json")) {
    const { size } = await stat(path);
    if (size > MAX_JSON_ARRAY_BYTES) {
      bad(1, `a JSON array of ${size} bytes is too large to read whole: write the events as JSONL`);
      return { lines: 0 };
    }
    const text = await readFile(path, "utf8");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      bad(1, `${jsonErrorMessage(error)}: expected a JSON array of events`);
      return { lines: 0 };
    }
    if (!Array.isArray(value)) {
      bad(1, "expected a JSON array of events");
      return { lines: 0 };
    }
    let all: JsonValue | undefined | null = null; // null: not parsed yet
    value.forEach((event, i) => {
      visit(event, 1, () => {
        all ??= exactParse(text);
        return Array.isArray(all) ? all[i] : undefined;
      });
    });
    return { lines: 0 };
  }
  const summary = await readLines(
    path,
    {
      line(text, line) {
        if (text.trim() === "") return;
        let event: unknown;
        try {
          event = JSON.parse(text);
        } catch (error) {
          bad(line, `${jsonErrorMessage(error)}: expected one JSON event per line`);
          return;
        }
        visit(event, line, () => exactParse(text));
      },
      badLine: bad,
    },
    {
      maxLineBytes: range.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      ...(range.start === undefined ? {} : { start: range.start }),
      ...(range.end === undefined ? {} : { end: range.end }),
    },
  );
  return { lines: summary.lines };
}

function exactParse(text: string): JsonValue | undefined {
  try {
    return parseJson(text, { allowNonFinite: true, maxDepth: 128 });
  } catch {
    return undefined;
  }
}

/** One byte range of a JSONL file (or a whole JSON array), checked: plain data, so it can cross threads. */
export interface EventsRangeResult {
  readonly lines: number;
  readonly events: number;
  readonly findings: ExportedFindings;
}

export interface EventsRangeRequest {
  readonly path: string;
  readonly displayPath: string;
  readonly maxLineBytes?: number;
  /** Byte range of a JSONL file; absent for the whole file (and always for a JSON array). */
  readonly start?: number;
  readonly end?: number;
}

export async function checkEventsRange(request: EventsRangeRequest): Promise<EventsRangeResult> {
  const findings = new FindingCollector();
  let events = 0;
  const at = (line: number, eventId?: unknown) => ({
    path: request.displayPath,
    line,
    ...(typeof eventId === "string" && eventId !== "" ? { eventId: eventId.slice(0, 64) } : {}),
  });
  const visit = (event: unknown, line: number): void => {
    events++;
    if (typeof event !== "object" || event === null || Array.isArray(event)) {
      findings.add("events.malformed", "error", "an event must be a JSON object", at(line));
      return;
    }
    const record = event as Record<string, unknown>;
    for (const v of compatibilityViolations(record))
      findings.add(v.check, v.severity, v.detail, at(line, record.event_id));
    for (const problem of schemaProblems(record).slice(0, 3)) {
      findings.add("events.schema", "fail", `envelope schema: ${problem}`, at(line, record.event_id));
    }
  };
  const bad = (line: number, reason: string): void => findings.add("events.malformed", "error", reason, at(line));
  const { lines } = await forEachEvent(request.path, visit, bad, request);
  return { lines, events, findings: findings.export() };
}

/** JSONL files at least this large are checked in parallel byte ranges. */
const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
const EVENTS_WORKER_URL = new URL("./events-worker.js", import.meta.url);

async function checkInRanges(
  file: { path: string; displayPath: string; maxLineBytes: number },
  parallelMinBytes: number,
): Promise<EventsRangeResult[]> {
  const { size } = await stat(file.path);
  const parts = file.path.endsWith(".json") || size < parallelMinBytes ? 1 : defaultParts();
  if (parts === 1) return [await checkEventsRange(file)];
  const plan = await planRanges(file.path, { size, parts, maxLineBytes: file.maxLineBytes });
  const inWorkers = workerAvailable(EVENTS_WORKER_URL);
  return Promise.all(
    plan.map(async (range) => {
      const request = { ...file, start: range.start, end: range.end };
      if (!inWorkers) return checkEventsRange(request);
      return runWorkerTask<EventsRangeResult>(EVENTS_WORKER_URL, request).catch(() => checkEventsRange(request));
    }),
  );
}

export async function checkEventsFile(
  file: { path: string; displayPath: string },
  options: { parallelMinBytes?: number; maxLineBytes?: number } = {},
): Promise<CheckResult> {
  let ranges: EventsRangeResult[];
  try {
    ranges = await checkInRanges(
      { ...file, maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES },
      options.parallelMinBytes ?? PARALLEL_MIN_BYTES,
    );
  } catch (error) {
    const collector = new FindingCollector();
    collector.add(
      "events.malformed",
      "error",
      `cannot read the events (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      {
        path: file.displayPath,
        line: 1,
      },
    );
    ranges = [{ lines: 0, events: 0, findings: collector.export() }];
  }
  const parts: { findings: ExportedFindings; lineOffset: number }[] = [];
  let lineOffset = 0;
  for (const range of ranges) {
    parts.push({ findings: range.findings, lineOffset });
    lineOffset += range.lines;
  }
  const events = ranges.reduce((sum, range) => sum + range.events, 0);
  const extra =
    events === 0 && ranges.every((r) => r.findings.kept.length === 0)
      ? [
          {
            rule: "events.malformed",
            severity: "error" as const,
            message: "the file holds no events: nothing was checked",
            location: { path: file.displayPath, line: 1 },
          },
        ]
      : [];
  const findings = FindingCollector.merge(parts, extra);
  const clause = (id: string, title: string, refs: readonly string[]): Clause => {
    const t = findings.tally(id);
    const status: Status = t.error ? "error" : t.fail ? "fail" : t.warn ? "warn" : "pass";
    const total = t.error + t.fail + t.warn;
    return {
      id,
      title,
      refs,
      status,
      detail:
        total === 0
          ? `${events} events pass`
          : `${total} event${total === 1 ? "" : "s"} with problems${t.omitted ? ` (${t.omitted} not listed)` : ""}`,
      evidence: { errors: t.error, failures: t.fail, warnings: t.warn },
    };
  };
  const clauses = [
    clause("events.malformed", "Every line is a JSON event", REFS),
    ...CHECKS.map((c) => clause(c.id, c.title, REFS)),
    clause("events.schema", "Every event is valid against the envelope schema", REFS),
  ];
  const status = worstOf(clauses);
  return {
    id: "events",
    target: file.displayPath,
    status,
    summary: `${events} spanforge events checked against CHK-1…CHK-5 and the envelope schema`,
    metrics: { events },
    clauses,
    findings: withOwnClauses(
      findings.findings(),
      clauses.map((c) => c.id),
    ),
  };
}
