/** Writing log variants to temporary files and running the chain check over them, as the CLI would. */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AnchorCheckpoint } from "../../src/checks/chain/checkpoints.js";
import { type ChainCheckOutput, checkChainFile, type FormatChoice } from "../../src/checks/chain/index.js";
import { resolveKeys } from "../../src/checks/chain/keys.js";
import { torchcomplyPreimage } from "../../src/checks/chain/torchcomply.js";
import type { JsonNumber, JsonObject } from "../../src/core/json/parse.js";
import type { Severity } from "../../src/core/model.js";

export const TORCHCOMPLY_DIR = "fixtures/peers/torchcomply";
export const SPANFORGE_CHAIN = "fixtures/peers/spanforge/first_100.jsonl";
export const SPANFORGE_KEY = "harness-chain-key-0123456789abcdef";

/** The lines of a real file, without the final empty string after the last newline. */
export function realLines(path: string): string[] {
  const lines = readFileSync(path, "utf8").split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

const scratch = mkdtempSync(join(tmpdir(), "comply-gate-test-"));
let counter = 0;

export function writeLog(content: string | Buffer, name = "audit_chain.jsonl"): { path: string; displayPath: string } {
  const path = join(scratch, `${counter++}-${name}`);
  writeFileSync(path, content);
  return { path, displayPath: name };
}

export interface VerifyOptions {
  readonly format?: FormatChoice;
  readonly env?: Record<string, string>;
  readonly keyMap?: Map<string, string>;
  readonly checkpoints?: readonly AnchorCheckpoint[];
  readonly name?: string;
  /** Cut the file into this many byte ranges, verified one after the other and merged (as workers would). */
  readonly parts?: number;
}

export async function verifyContent(content: string | Buffer, options: VerifyOptions = {}): Promise<ChainCheckOutput> {
  const file = writeLog(content, options.name);
  const keys = resolveKeys({ keyEnv: "SPANFORGE_SIGNING_KEY", keyMap: options.keyMap, env: options.env ?? {} });
  return checkChainFile(file, {
    format: options.format ?? "auto",
    keys,
    checkpoints: options.checkpoints,
    ...(options.parts ? { parts: options.parts, parallelMinBytes: 0 } : {}),
  });
}

export function verifyLines(lines: readonly string[], options: VerifyOptions = {}): Promise<ChainCheckOutput> {
  return verifyContent(`${lines.join("\n")}\n`, options);
}

/** The findings as [rule, line, severity] triples: what the tamper tests assert exactly. */
export function located(output: ChainCheckOutput): [string, number | undefined, Severity][] {
  return output.result.findings.map((f) => [f.rule, f.location.line, f.severity]);
}

/** torchcomply's hash of an entry, for rewriting entries the way an attacker with write access would. */
export function torchcomplyRehash(object: JsonObject): string {
  const field = (key: string) => object.get(key) as never;
  const preimage = torchcomplyPreimage({
    timestamp: (object.get("timestamp") as JsonNumber).text,
    moduleName: field("module_name"),
    operatorType: field("operator_type"),
    inputShapes: field("input_shapes"),
    outputShape: field("output_shape"),
    outputHash: field("output_hash"),
    device: field("device"),
    prevHash: field("prev_hash"),
  });
  return createHash("sha256").update(preimage).digest("hex");
}
