/**
 * spanforge's event types (specs/spanforge.md §a.3): the 74 first-party types, the reserved namespaces and
 * the rule for custom types, as spanforge's `EventType` and `validate_custom` apply them.
 */

export const FIRST_PARTY_EVENT_TYPES: ReadonlySet<string> = new Set([
  "llm.trace.span.started",
  "llm.trace.span.completed",
  "llm.trace.span.failed",
  "llm.trace.agent.step",
  "llm.trace.agent.completed",
  "llm.trace.reasoning.step",
  "llm.cost.token.recorded",
  "llm.cost.session.recorded",
  "llm.cost.attributed",
  "llm.cache.hit",
  "llm.cache.miss",
  "llm.cache.evicted",
  "llm.cache.written",
  "llm.eval.score.recorded",
  "llm.eval.regression.detected",
  "llm.eval.scenario.started",
  "llm.eval.scenario.completed",
  "llm.guard.input.blocked",
  "llm.guard.input.passed",
  "llm.guard.output.blocked",
  "llm.guard.output.passed",
  "llm.fence.validated",
  "llm.fence.retry.triggered",
  "llm.fence.max_retries.exceeded",
  "llm.prompt.rendered",
  "llm.prompt.template.loaded",
  "llm.prompt.version.changed",
  "llm.redact.pii.detected",
  "llm.redact.phi.detected",
  "llm.redact.applied",
  "llm.diff.computed",
  "llm.diff.regression.flagged",
  "llm.template.registered",
  "llm.template.variable.bound",
  "llm.template.validation.failed",
  "llm.audit.key.rotated",
  "llm.audit.tombstone",
  "llm.audit.key_expired",
  "llm.audit.chain_rotated",
  "decision.made",
  "decision.revised",
  "decision.rejected",
  "tool_call.invoked",
  "tool_call.completed",
  "tool_call.failed",
  "chain.started",
  "chain.step_completed",
  "chain.completed",
  "chain.failed",
  "confidence.sample",
  "confidence.threshold_breach",
  "consent.granted",
  "consent.revoked",
  "consent.violation",
  "drift.detected",
  "drift.threshold_breach",
  "drift.resolved",
  "latency.sample",
  "latency.sla_breach",
  "hitl.queued",
  "hitl.reviewed",
  "hitl.escalated",
  "hitl.timeout",
  "playbook.triggered",
  "playbook.step_executed",
  "playbook.completed",
  "playbook.failed",
  "model_registry.registered",
  "model_registry.deprecated",
  "model_registry.retired",
  "explanation.generated",
  "audit.event_signed",
  "audit.chain_verified",
  "audit.tamper_detected",
]);

/** Namespaces only spanforge may define types in: the 11 `llm.*` ones and the 12 bare ones. */
const LLM_NAMESPACES = [
  "trace",
  "cost",
  "cache",
  "eval",
  "guard",
  "fence",
  "prompt",
  "redact",
  "diff",
  "template",
  "audit",
];
const BARE_NAMESPACES = [
  "decision",
  "tool_call",
  "chain",
  "confidence",
  "consent",
  "drift",
  "latency",
  "hitl",
  "playbook",
  "audit",
  "model_registry",
  "explanation",
];

// spanforge's EVENT_TYPE_PATTERN (one alternation in the source), anchored; JavaScript's `$` does not match
// before a trailing newline the way Python's does, so "x.y.z.w\n" fails here (and is reported as such).
const SEGMENT = "[a-z][a-z0-9_]*";
const EVENT_TYPE_PATTERN = new RegExp(
  `^(?:llm\\.(?:${LLM_NAMESPACES.join("|")})\\.(?:${SEGMENT}|${SEGMENT}\\.${SEGMENT})` +
    `|(?:${BARE_NAMESPACES.join("|")})\\.(?:${SEGMENT}|${SEGMENT}\\.${SEGMENT})` +
    `|(?!llm\\.)[a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9-]*)+\\.${SEGMENT}\\.${SEGMENT})$`,
);

/** Why `type` is not a valid event type, or undefined when it is (registered, or a valid custom type). */
export function eventTypeProblem(type: string): string | undefined {
  if (FIRST_PARTY_EVENT_TYPES.has(type)) return undefined;
  if (type.endsWith("\n") && eventTypeProblem(type.slice(0, -1)) === undefined) {
    return "ends with a newline (Python's regex lets this through; the type is not what it looks like)";
  }
  if (!EVENT_TYPE_PATTERN.test(type)) return "does not match spanforge's event type pattern";
  const segments = type.split(".");
  const namespace = BARE_NAMESPACES.includes(segments[0] ?? "") ? segments[0] : `${segments[0]}.${segments[1]}`;
  if (namespace === "audit" || BARE_NAMESPACES.includes(namespace ?? "") || namespace?.startsWith("llm.")) {
    return `the namespace ${namespace} is reserved for spanforge's own types, and this one is not registered`;
  }
  return undefined;
}
