/**
 * Assembling the report: the verdict comes from `decide`, the subject from the CI environment, and the
 * bytes from canonical JSON, so the same evidence always gives the same report.
 */
import { canonicalJson } from "./canonical-json.js";
import { decide } from "./decide.js";
import {
  type Checkpoint,
  type CheckResult,
  type GatePolicy,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ShardState,
  type Subject,
} from "./model.js";

export const TOOL_NAME = "comply-gate";

export function buildReport(options: {
  readonly results: readonly CheckResult[];
  readonly checkpoints: readonly Checkpoint[];
  readonly policy: GatePolicy;
  readonly subject: Subject;
  readonly toolVersion: string;
  readonly shard?: ShardState;
}): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: options.toolVersion },
    subject: options.subject,
    policy: options.policy,
    verdict: decide(options.results, options.policy),
    checks: options.results,
    checkpoints: options.checkpoints,
    ...(options.shard ? { shard: options.shard } : {}),
  };
}

/** The report's bytes: canonical JSON (what is written, hashed and signed). */
export function serializeReport(report: Report): string {
  return canonicalJson(report);
}

/** What the report is about, from GitHub's environment variables; outside Actions a local run. */
export function subjectFromEnv(env: Readonly<Record<string, string | undefined>>): Subject {
  if (env.GITHUB_ACTIONS !== "true") return { event: "local", trust: "local" };
  const event = env.GITHUB_EVENT_NAME ?? "unknown";
  const trust: Subject["trust"] = event.startsWith("pull_request")
    ? "untrusted-pr"
    : event === "workflow_run"
      ? "publisher"
      : "trusted";
  return {
    event,
    trust,
    ...(env.GITHUB_REPOSITORY ? { repo: env.GITHUB_REPOSITORY } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
  };
}
