/**
 * A torchcomply entry as large as the line limit (16 MiB) is a valid entry: it verifies within the memory
 * ceiling, whichever field is large. One byte more is a located error, never a crash or "I/O error"; and a
 * line that large which is not written as torchcomply writes it is refused by a named limit, not parsed into
 * a gigabyte of objects.
 *
 * The entries and their hashes are written here from the format's definition (specs/torchcomply.md §1.3:
 * SHA-256 of `json.dumps(<8 fields>, sort_keys=True)`), not with comply-gate's own preimage code.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, expectClean, scratch } from "./harness.js";

const LIMIT = 16 * 1024 * 1024; // bytes per line (limits.maxLineBytes)
const dir = join(scratch, "large-entry");
const TIMESTAMP = "1775336805459411645";

/** A one-entry log line of exactly `bytes` bytes: `shapes` input shapes, the module name padding the rest. */
function entryLine(options: { bytes: number; shapes: number; escaped?: boolean; extra?: string }): string {
  const shapes = `[${Array(options.shapes).fill("[7,8]").join(",")}]`;
  const line = (module: string, hash: string) =>
    `{"timestamp":${TIMESTAMP},"module_name":"${module}","operator_type":"Linear","input_shapes":${shapes},` +
    `"output_shape":[52,32],"output_hash":"dabdf996f188184e","device":"cuda:0","prev_hash":""${options.extra ?? ""},` +
    `"hash":"${hash}"}`;
  const room = options.bytes - line("", "0".repeat(64)).length;
  // Python's ensure_ascii writes "é" as \u00e9 (6 bytes): the same text in the line and in the preimage.
  const module = options.escaped
    ? `${"\\u00e9".repeat(Math.floor(room / 6))}${"m".repeat(room % 6)}`
    : "m".repeat(room);
  const preimage =
    `{"device": "cuda:0", "input_shapes": ${shapes.replaceAll(",", ", ")}, "module_name": "${module}", ` +
    `"operator_type": "Linear", "output_hash": "dabdf996f188184e", "output_shape": [52, 32], ` +
    `"prev_hash": "", "timestamp": ${TIMESTAMP}}`;
  const text = line(module, createHash("sha256").update(preimage).digest("hex"));
  expect(Buffer.byteLength(text)).toBe(options.bytes);
  return text;
}

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  const put = (name: string, line: string) => writeFileSync(join(dir, name), `${line}\n`);
  put("shapes.jsonl", entryLine({ bytes: LIMIT, shapes: 2_700_000 }));
  put("name.jsonl", entryLine({ bytes: LIMIT, shapes: 1 }));
  put("escaped-name.jsonl", entryLine({ bytes: LIMIT, shapes: 1, escaped: true }));
  put("one-byte-more.jsonl", entryLine({ bytes: LIMIT + 1, shapes: 2_700_000 }));
  put("not-as-written.jsonl", entryLine({ bytes: LIMIT, shapes: 2_700_000, extra: ',"note":"x"' }));
}, 60_000);

describe("a torchcomply entry of 16 MiB, the line limit", () => {
  it.each([
    ["2.7 million input shapes", "shapes.jsonl"],
    ["a 16 MiB module name", "name.jsonl"],
    ["a 16 MiB module name of \\u escapes", "escaped-name.jsonl"],
  ])("%s verifies (exit 0) within the memory ceiling", async (_name, file) => {
    const run = await cli(["chain", file], { cwd: dir });
    expect(run.output).toMatch(/PASS +chain/);
    expect(run.output).toMatch(/torchcomply audit chain: 1 entries in 1 run/);
    expect(run.code, run.output).toBe(0);
  });

  it("one byte more is a located error naming the limit", async () => {
    expectClean(await cli(["chain", "one-byte-more.jsonl", "--format", "torchcomply"], { cwd: dir }), {
      code: 1,
      message: /one-byte-more\.jsonl:1 +error +chain\.malformed +line is longer than 16777216 bytes/,
    });
  });

  it("a 16 MiB line not written as torchcomply writes it (an extra key) is refused, not parsed", async () => {
    expectClean(await cli(["chain", "not-as-written.jsonl", "--format", "torchcomply"], { cwd: dir }), {
      code: 1,
      message: /not-as-written\.jsonl:1 +error +chain\.malformed +.*more than 1000000 values: not parsed/,
    });
  });
});
