/**
 * Property: with the checkpoint of a verified chain, every single-byte change, deleted entry, swap of two
 * entries and truncation of that chain fails verification. Chains are generated (random lengths, re-signed
 * spanforge chains; prefixes of a real torchcomply chain), mutations are chosen by fast-check.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  realLines,
  SPANFORGE_CHAIN,
  SPANFORGE_KEY,
  TORCHCOMPLY_DIR,
  verifyContent,
  verifyLines,
} from "../../../test/helpers/chain-files.js";
import { parseEvents, signChain, toJson } from "../../../test/helpers/spanforge-writer.js";
import type { Checkpoint } from "../../core/model.js";

const env = { SPANFORGE_SIGNING_KEY: SPANFORGE_KEY };
const torchcomply = realLines(`${TORCHCOMPLY_DIR}/01_audit_trail__audit_chain.jsonl`);
const spanforge = parseEvents(realLines(SPANFORGE_CHAIN).join("\n"));

/** A chain of `length` entries of the given format, as lines. */
function chain(format: "torchcomply" | "spanforge", length: number): string[] {
  if (format === "torchcomply") return torchcomply.slice(0, length);
  return signChain(spanforge.slice(0, length), () => SPANFORGE_KEY).map(toJson);
}

type Mutation =
  | { kind: "byte"; at: number; xor: number }
  | { kind: "delete"; index: number }
  | { kind: "swap"; a: number; b: number }
  | { kind: "truncate"; keep: number };

function mutate(lines: readonly string[], mutation: Mutation): Buffer {
  const text = (rows: readonly string[]) => Buffer.from(`${rows.join("\n")}\n`);
  switch (mutation.kind) {
    case "byte": {
      const bytes = text(lines);
      const at = mutation.at % bytes.length;
      bytes[at] = (bytes[at] ?? 0) ^ mutation.xor;
      return bytes;
    }
    case "delete":
      return text(lines.filter((_l, i) => i !== mutation.index % lines.length));
    case "swap": {
      const rows = [...lines];
      const [a, b] = [mutation.a % rows.length, mutation.b % rows.length];
      [rows[a], rows[b]] = [rows[b] as string, rows[a] as string];
      return text(rows);
    }
    case "truncate":
      return text(lines.slice(0, mutation.keep % lines.length));
  }
}

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("byte" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("delete" as const), index: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), a: fc.nat(), b: fc.nat() }).filter((m) => m.a !== m.b),
  fc.record({ kind: fc.constant("truncate" as const), keep: fc.nat() }),
);

describe.each(["torchcomply", "spanforge"] as const)("%s chains under mutation", (format) => {
  it("fail verification against the checkpoint of the original, whatever the mutation", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 3, max: 40 }), mutations, async (length, mutation) => {
        const lines = chain(format, length);
        if (mutation.kind === "swap" && mutation.a % length === mutation.b % length) return;
        const original = await verifyLines(lines, { format, env });
        expect(original.result.status).toBe("pass");
        const checkpoint = original.checkpoint as Checkpoint;
        const mutated = await verifyContent(mutate(lines, mutation), { format, env, checkpoints: [checkpoint] });
        expect(mutated.result.status, JSON.stringify(mutation)).not.toBe("pass");
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
