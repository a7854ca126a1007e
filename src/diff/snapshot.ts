/**
 * Compliance snapshots as flat metric maps, from three kinds of file:
 * - torchcomply's `compliance_snapshot.json` (`run_id`, `fairness_parity`, `epsilon`, …, extras flattened into
 *   the top level, Python's `NaN` / `Infinity` tokens allowed);
 * - a generic `{ "metrics": { name: number | boolean | null } }` document;
 * - a comply-gate report: every check's metrics, as `<check>.<metric>` (or `<check>[<target>].<metric>` when a
 *   check ran on several targets).
 */
import { JsonNumber, type JsonObject, JsonSyntaxError, type JsonValue, parseJson } from "../core/json/parse.js";

export type SnapshotValue = number | boolean | string | null;

export interface Snapshot {
  readonly format: "torchcomply" | "generic" | "comply-gate-report";
  readonly runId: string | undefined;
  /** Metric name → value; `null` means "present but not measured". */
  readonly metrics: ReadonlyMap<string, SnapshotValue>;
}

/**
 * Fixed caps on one snapshot: real ones hold tens of metrics in a few kilobytes. A pull request can commit a
 * snapshot built to exhaust the runner (300,000 metrics); past a cap it is refused, named, before it is compared.
 */
export const SNAPSHOT_MAX_BYTES = 16 * 1024 * 1024;
export const SNAPSHOT_MAX_METRICS = 10_000;

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotError";
  }
}

const TORCHCOMPLY_FIELDS = [
  "audit_root_hash",
  "audit_entries",
  "fairness_parity",
  "fairness_passed",
  "epsilon",
  "delta",
  "drift_detected",
  "accuracy",
];

function scalar(value: JsonValue | undefined): SnapshotValue | undefined {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (value instanceof JsonNumber) return value.toNumber();
  return undefined; // containers are not metrics
}

function fromObject(object: JsonObject, skip: ReadonlySet<string>): Map<string, SnapshotValue> {
  const metrics = new Map<string, SnapshotValue>();
  for (const [key, value] of object) {
    if (skip.has(key)) continue;
    const v = scalar(value);
    if (v !== undefined) metrics.set(key, v);
  }
  return metrics;
}

function reportMetrics(object: JsonObject): Map<string, SnapshotValue> {
  const checks = object.get("checks");
  if (!Array.isArray(checks)) throw new SnapshotError("the report has no `checks` list");
  const byId = new Map<string, number>();
  for (const check of checks) {
    if (check instanceof Map && typeof check.get("id") === "string") {
      byId.set(check.get("id") as string, (byId.get(check.get("id") as string) ?? 0) + 1);
    }
  }
  const metrics = new Map<string, SnapshotValue>();
  for (const check of checks) {
    if (!(check instanceof Map)) continue;
    const id = check.get("id");
    const target = check.get("target");
    const values = check.get("metrics");
    if (typeof id !== "string" || !(values instanceof Map)) continue;
    const prefix = (byId.get(id) ?? 0) > 1 && typeof target === "string" ? `${id}[${target}]` : id;
    for (const [name, value] of values) {
      const v = scalar(value);
      if (v !== undefined) metrics.set(`${prefix}.${name}`, v);
    }
  }
  return metrics;
}

/** Read a snapshot from its text; `source` names it in errors. */
export function parseSnapshot(text: string, source: string): Snapshot {
  const snapshot = parseUncapped(text, source);
  if (snapshot.metrics.size > SNAPSHOT_MAX_METRICS) {
    throw new SnapshotError(
      `${source}: holds ${snapshot.metrics.size} metrics, more than the limit of ${SNAPSHOT_MAX_METRICS} for a snapshot: not compared`,
    );
  }
  return snapshot;
}

function parseUncapped(text: string, source: string): Snapshot {
  if (text.length > SNAPSHOT_MAX_BYTES) {
    throw new SnapshotError(`${source}: larger than the limit of ${SNAPSHOT_MAX_BYTES} bytes for a snapshot: not read`);
  }
  let value: JsonValue;
  try {
    value = parseJson(text.replace(/^\uFEFF/, ""), { allowNonFinite: true, maxDepth: 64 });
  } catch (error) {
    throw new SnapshotError(
      `${source}: not JSON (${error instanceof JsonSyntaxError ? error.message : String(error)})`,
    );
  }
  if (!(value instanceof Map)) throw new SnapshotError(`${source}: expected a JSON object`);
  const runId = typeof value.get("run_id") === "string" ? (value.get("run_id") as string) : undefined;
  if (value.has("schemaVersion") && value.has("checks")) {
    return { format: "comply-gate-report", runId, metrics: reportMetrics(value) };
  }
  const generic = value.get("metrics");
  if (generic instanceof Map) {
    return { format: "generic", runId, metrics: fromObject(generic, new Set()) };
  }
  if (value.has("run_id") && TORCHCOMPLY_FIELDS.some((field) => value.has(field))) {
    // Extras are flattened into the top level by torchcomply's to_dict(): they are metrics too.
    return { format: "torchcomply", runId, metrics: fromObject(value, new Set(["run_id"])) };
  }
  throw new SnapshotError(
    `${source}: not a snapshot (expected torchcomply's compliance_snapshot.json, {"metrics": {…}}, or a comply-gate report)`,
  );
}
