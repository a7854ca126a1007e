/**
 * Property: every reader reports on arbitrary bytes instead of throwing — datasets in every format, event
 * files, chains and the regulatory mapping all resolve to a result, and one that is never a silent pass.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkChainFile } from "../../src/checks/chain/index.js";
import { keyFromEnv } from "../../src/checks/chain/keys.js";
import { checkEventsFile } from "../../src/checks/events/index.js";
import { type Framework, findFramework } from "../../src/checks/mapping/frameworks.js";
import { mapEvents } from "../../src/checks/mapping/index.js";
import { datasetOptions } from "../../src/dataset/options.js";
import { scanDataset } from "../../src/dataset/scan.js";

const dir = mkdtempSync(join(tmpdir(), "comply-gate-bytes-"));
let counter = 0;
function file(bytes: Uint8Array, extension: string) {
  const path = join(dir, `${counter++}.${extension}`);
  writeFileSync(path, bytes);
  return { path, displayPath: `input.${extension}` };
}

/** Bytes that look like the format now and then: JSON punctuation, quotes, newlines, commas, high bytes. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc
    .array(
      fc.constantFrom("{", "}", "[", "]", '"', ",", ":", "\n", "\r", "\\", "a", "1", "e", "-", "\u2028", "é", "\u0000"),
      {
        maxLength: 300,
      },
    )
    .map((chars) => Buffer.from(chars.join(""))),
);

describe("readers on arbitrary bytes", () => {
  it.each(["jsonl", "json", "csv", "txt", "parquet"])(
    "the %s dataset reader reports, never throws",
    async (extension) => {
      await fc.assert(
        fc.asyncProperty(bytes, async (content) => {
          const { result } = await scanDataset({
            files: [file(content, extension)],
            target: "input",
            options: datasetOptions({}),
          });
          // No rows read is a failure; anything unreadable an error: arbitrary bytes never pass on nothing.
          if (result.metrics.rows === 0) expect(result.status).not.toBe("pass");
        }),
        { numRuns: 60 },
      );
    },
    60_000,
  );

  it("the event checker, the chain verifier and the mapping report, never throw", async () => {
    const key = keyFromEnv("K", { K: "a-key-for-arbitrary-bytes" });
    const framework = findFramework("eu_ai_act") as Framework;
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom("jsonl", "json"), async (content, extension) => {
        const input = file(content, extension);
        const events = await checkEventsFile(input);
        const chain = await checkChainFile(input, {
          format: "auto",
          keys: { initial: key, rotations: new Map() },
          checkpoints: undefined,
        });
        const mapping = await mapEvents({ files: [input], target: "input", framework, period: {}, key });
        for (const result of [events, chain.result, mapping]) expect(result.status).not.toBe("pass");
      }),
      { numRuns: 80 },
    );
  }, 60_000);
});
