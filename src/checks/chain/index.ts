/**
 * The chain-integrity check: one log file in, one CheckResult (one clause per rule) and one checkpoint out.
 * Streams the file once (twice for the first lines when the format is detected) in constant memory.
 */
import { statusOf, worstStatus } from "../../core/decide.js";
import { FindingCollector } from "../../core/findings.js";
import { type JsonValue, parseJson } from "../../core/json/parse.js";
import type { Checkpoint, CheckResult, Clause, Status } from "../../core/model.js";
import { DEFAULT_MAX_LINE_BYTES, type ReadLinesSummary, readLines } from "../../io/lines.js";
import { AnchorWatcher, checkpointFor } from "./anchor.js";
import { CHAIN_RULES, type ChainRuleId } from "./rules.js";
import { type SpanforgeKeys, SpanforgeVerifier } from "./spanforge.js";
import { TorchcomplyVerifier } from "./torchcomply.js";
import type { ChainFormat, ChainOutcome, ChainVerifier } from "./verifier.js";

export type { ChainFormat } from "./verifier.js";
export type FormatChoice = "auto" | ChainFormat;

export interface ChainFile {
  /** Where to read the file. */
  readonly path: string;
  /** How the file is named in reports and checkpoints (relative, `/`-separated). */
  readonly displayPath: string;
}

export interface ChainCheckOptions {
  readonly format: FormatChoice;
  readonly keys: SpanforgeKeys;
  /** Checkpoints from `--anchor`; undefined when no anchor was given. */
  readonly checkpoints: readonly Checkpoint[] | undefined;
  readonly maxLineBytes?: number;
}

export interface ChainCheckOutput {
  readonly result: CheckResult;
  readonly checkpoint: Checkpoint | undefined;
}

/** Which format a parsed entry belongs to, by the fields only that format has. */
export function classifyEntry(value: JsonValue): ChainFormat | undefined {
  if (!(value instanceof Map)) return undefined;
  if (value.has("event_id") && value.has("payload")) return "spanforge";
  if (value.has("prev_hash") && value.has("hash") && value.has("operator_type")) return "torchcomply";
  return undefined;
}

const DETECT_MAX_LINES = 1000;

/** The format of the first parseable entry among the first lines, or undefined. */
export async function detectFormat(
  path: string,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): Promise<ChainFormat | undefined> {
  const found = { format: undefined as ChainFormat | undefined };
  const stop = new Error("format detected");
  try {
    await readLines(
      path,
      {
        line(text, lineNumber) {
          if (lineNumber > DETECT_MAX_LINES) throw stop;
          if (text.trim() === "") return;
          try {
            found.format = classifyEntry(parseJson(text.trim(), { allowNonFinite: true, maxDepth: 128 }));
          } catch {
            return; // a garbage line: keep looking, the verifier will report it
          }
          if (found.format) throw stop;
        },
        badLine(lineNumber) {
          if (lineNumber > DETECT_MAX_LINES) throw stop;
        },
      },
      { maxLineBytes },
    );
  } catch (error) {
    if (error !== stop) throw error;
  }
  return found.format;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "cannot read the log: no such file";
    case "EISDIR":
      return "cannot read the log: it is a directory";
    case "EACCES":
    case "EPERM":
      return "cannot read the log: permission denied";
    default:
      return `cannot read the log: ${code ?? "I/O error"}`;
  }
}

const PASS_DETAIL: Record<ChainRuleId, (outcome: ChainOutcome) => string> = {
  "chain.malformed": (o) => `${o.entries} entries are well-formed`,
  "chain.hash": (o) =>
    o.format === "spanforge"
      ? `${o.entries} payloads match their checksums`
      : `${o.entries} entries re-hash to their stored hash`,
  "chain.signature": (o) => `${o.entries} signatures verify`,
  "chain.link": () => "every entry links to the one before it",
  "chain.head": (o) => `${o.metrics.segments} chain(s) start at a genesis entry`,
  "chain.timestamp": () => "timestamps never go backwards",
  "chain.anchor": () => "the log still holds the checkpointed head at its position",
};

function buildClauses(options: {
  findings: FindingCollector;
  format: ChainFormat | undefined;
  outcome: ChainOutcome | undefined;
  anchor: { given: boolean; found: boolean };
}): Clause[] {
  const { findings, format, outcome, anchor } = options;
  return CHAIN_RULES.filter((rule) => rule.id !== "chain.signature" || format !== "torchcomply").map((rule) => {
    const tally = findings.tally(rule.id);
    const total = tally.error + tally.fail + tally.warn;
    const evidence = { errors: tally.error, failures: tally.fail, warnings: tally.warn };
    let status: Status = statusOf([
      ...(tally.error ? (["error"] as const) : []),
      ...(tally.fail ? (["fail"] as const) : []),
      ...(tally.warn ? (["warn"] as const) : []),
    ]);
    let detail: string;
    if (total > 0) {
      const parts = [
        tally.error ? `${tally.error} error${tally.error > 1 ? "s" : ""}` : "",
        tally.fail ? `${tally.fail} failure${tally.fail > 1 ? "s" : ""}` : "",
        tally.warn ? `${tally.warn} warning${tally.warn > 1 ? "s" : ""}` : "",
      ].filter(Boolean);
      detail = parts.join(", ") + (tally.omitted ? ` (${tally.omitted} not listed)` : "");
    } else if (!outcome) {
      status = "skip";
      detail = "not checked: the log could not be read";
    } else if (rule.id === "chain.anchor" && !anchor.given) {
      status = "skip";
      detail = "no --anchor given: a cut tail or a full rewrite cannot be detected without a checkpoint";
    } else if (rule.id === "chain.anchor" && !anchor.found) {
      status = "warn";
      detail = "the anchor file has no checkpoint for this log (a new log?)";
    } else {
      detail = PASS_DETAIL[rule.id](outcome);
    }
    return { id: rule.id, title: rule.title, refs: rule.refs, status, detail, evidence };
  });
}

export async function checkChainFile(file: ChainFile, options: ChainCheckOptions): Promise<ChainCheckOutput> {
  const findings = new FindingCollector();
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const fail = (message: string): ChainCheckOutput => {
    findings.add("chain.malformed", "error", message, { path: file.displayPath, line: 1 });
    return {
      result: {
        id: "chain",
        target: file.displayPath,
        status: "error",
        summary: message,
        metrics: {},
        clauses: buildClauses({
          findings,
          format: undefined,
          outcome: undefined,
          anchor: { given: false, found: false },
        }),
        findings: findings.findings(),
      },
      checkpoint: undefined,
    };
  };

  let format: ChainFormat | undefined;
  try {
    format = options.format === "auto" ? await detectFormat(file.path, maxLineBytes) : options.format;
  } catch (error) {
    return fail(describeReadError(error));
  }
  if (!format) {
    return fail(
      "cannot tell the log's format: no line is a torchcomply audit entry or a spanforge event (an empty file, or pass --format)",
    );
  }

  const expected = options.checkpoints ? checkpointFor(options.checkpoints, file.displayPath) : undefined;
  const anchor = new AnchorWatcher({ expected, findings, path: file.displayPath });
  const verifier: ChainVerifier =
    format === "torchcomply"
      ? new TorchcomplyVerifier({ findings, anchor, path: file.displayPath })
      : new SpanforgeVerifier({ findings, anchor, path: file.displayPath, keys: options.keys });

  let summary: ReadLinesSummary;
  try {
    summary = await readLines(file.path, verifier, { maxLineBytes });
  } catch (error) {
    return fail(describeReadError(error));
  }
  if (summary.hadBom) {
    findings.add(
      "chain.malformed",
      "warn",
      "the file starts with a UTF-8 byte-order mark, which the format does not write",
      {
        path: file.displayPath,
        line: 1,
      },
    );
  }
  const outcome = verifier.finish(summary.lines);
  if (outcome.entries === 0) {
    findings.add("chain.malformed", "error", "the log holds no entries: nothing was verified", {
      path: file.displayPath,
      line: 1,
    });
  }

  const clauses = buildClauses({
    findings,
    format,
    outcome,
    anchor: { given: options.checkpoints !== undefined, found: expected !== undefined },
  });
  const status = clauses.reduce<Status>((worst, clause) => worstStatus(worst, clause.status), "pass");
  return {
    result: {
      id: "chain",
      target: file.displayPath,
      status,
      summary: outcome.summary,
      metrics: outcome.metrics,
      clauses,
      findings: findings.findings(),
    },
    checkpoint:
      outcome.entries > 0
        ? { path: file.displayPath, format: outcome.format, entries: outcome.entries, head: outcome.head }
        : undefined,
  };
}
