/**
 * Generators for the chain benchmark: realistic 1,000,000-entry logs of each format, written to
 * bench/.data/ (git-ignored, never committed) and reused while the generator version is unchanged.
 */
import { hash as digest } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { torchcomplyIsoTimestamp } from "../src/checks/chain/iso-timestamp.js";
import { spanforgeChecksum, spanforgeSignature } from "../src/checks/chain/spanforge.js";
import { torchcomplyPreimage } from "../src/checks/chain/torchcomply.js";
import { JsonNumber, type JsonObject, type JsonValue } from "../src/core/json/parse.js";
import { PYTHON_COMPACT_UTF8, pythonDumps } from "../src/core/json/python-dumps.js";
import { seededRandom as random } from "../test/helpers/random.js";

export const DATA_DIR = "bench/.data";
export const BENCH_KEY = "bench-chain-key-0123456789abcdef-XYZ";
const GENERATOR_VERSION = 2;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID-shaped id: 10 timestamp characters, then `index` in Crockford base 32 (unique, sortable). */
function ulid(timeMs: number, index: number): string {
  let time = "";
  for (let t = timeMs, k = 0; k < 10; k++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  let random = "";
  for (let r = index, k = 0; k < 16; k++, r = Math.floor(r / 32)) random = CROCKFORD[r % 32] + random;
  return time + random;
}

const n = (value: number): JsonNumber => new JsonNumber(String(value), Number.isInteger(value));

async function writeLines(path: string, count: number, line: (index: number) => string): Promise<void> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(line(i));
    if (batch.length === 10_000) {
      if (!out.write(`${batch.join("\n")}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      batch = [];
    }
  }
  if (batch.length > 0) out.write(`${batch.join("\n")}\n`);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  renameSync(partial, path);
}

/** torchcomply audit_chain.jsonl: `runs` appended runs, 10-key lines (~390 bytes) as flush_jsonl writes them. */
export async function torchcomplyLog(entries: number, runs = 10): Promise<string> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `torchcomply-${entries}-v${GENERATOR_VERSION}.jsonl`);
  if (existsSync(path)) return path;
  const next = random(1);
  const perRun = Math.ceil(entries / runs);
  const modules = ["q_lin", "k_lin", "v_lin", "out_lin", "ffn.lin1", "ffn.lin2", "sa_layer_norm", "output_layer_norm"];
  let prev = "";
  let timestamp = 1775336710940684644n;
  await writeLines(path, entries, (i) => {
    if (i % perRun === 0) prev = "";
    timestamp += BigInt(1000 + Math.floor(next() * 50_000));
    const layer = Math.floor(next() * 6);
    const module = modules[i % modules.length] ?? "q_lin";
    const fields = {
      timestamp: timestamp.toString(),
      moduleName: `distilbert.transformer.layer.${layer}.${module.includes("lin") ? "attention." : ""}${module}`,
      operatorType: module.includes("norm") ? "LayerNorm" : "Linear",
      inputShapes: [[n(1), n(128), n(768)]],
      outputShape: [n(1), n(128), n(768)],
      outputHash: Math.floor(next() * 2 ** 52)
        .toString(16)
        .padStart(16, "0")
        .slice(0, 16),
      device: "cuda:0",
      prevHash: prev,
    };
    const hash = digest("sha256", torchcomplyPreimage(fields), "hex");
    prev = hash;
    return (
      `{"timestamp":${fields.timestamp},"module_name":"${fields.moduleName}","operator_type":"${fields.operatorType}",` +
      `"input_shapes":[[1,128,768]],"output_shape":[1,128,768],"output_hash":"${fields.outputHash}",` +
      `"device":"cuda:0","prev_hash":"${fields.prevHash}","hash":"${hash}","iso_timestamp":"${torchcomplyIsoTimestamp(fields.timestamp)}"}`
    );
  });
  return path;
}

/** spanforge AuditStream export: signed events (~480 bytes) with mixed payloads like first_100.jsonl. */
export async function spanforgeLog(events: number): Promise<string> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `spanforge-${events}-v${GENERATOR_VERSION}.jsonl`);
  if (existsSync(path)) return path;
  const next = random(2);
  const types = ["llm.trace.span.started", "llm.trace.span.completed", "llm.cost.token.recorded", "decision.made"];
  let prevId: string | null = null;
  const start = Date.UTC(2026, 0, 1);
  await writeLines(path, events, (i) => {
    const eventId = ulid(start + i * 10, i);
    const payload: JsonObject = new Map<string, JsonValue>([
      ["seq", n(i)],
      ["span_name", `step-${i}`],
      ["status", next() < 0.9 ? "ok" : "timeout"],
      ["prompt_tokens", n(Math.floor(next() * 2000))],
      ["completion_tokens", n(Math.floor(next() * 800))],
      ["cost_usd", new JsonNumber(String(Math.round(next() * 1e6) / 1e6 + 0.5), false)],
      ["model", "gpt-4o-mini"],
      ["message", i % 7 === 0 ? "café résumé — ünïcode" : "plain ascii message"],
    ]);
    const checksum = spanforgeChecksum(payload);
    const event: JsonObject = new Map<string, JsonValue>([
      ["checksum", checksum],
      ["event_id", eventId],
      ["event_type", types[i % types.length] ?? "decision.made"],
      ["org_id", "org-alpha"],
      ["payload", payload],
      ["schema_version", "2.0"],
      ["signature", spanforgeSignature(BENCH_KEY, eventId, checksum, prevId)],
      ["source", "harness@1.0.0"],
      ["timestamp", `${new Date(start + i * 10).toISOString().slice(0, 23)}000Z`],
    ]);
    if (prevId !== null) event.set("prev_id", prevId);
    prevId = eventId;
    return pythonDumps(event, PYTHON_COMPACT_UTF8);
  });
  return path;
}
