import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  located,
  realLines,
  SPANFORGE_CHAIN,
  SPANFORGE_KEY,
  TORCHCOMPLY_DIR,
  type VerifyOptions,
  verifyContent,
} from "../../../test/helpers/chain-files.js";
import { eraseSubject, parseEvents, rotateKey, toJson } from "../../../test/helpers/spanforge-writer.js";
import type { ChainCheckOutput } from "./index.js";
import { type RangeRequest, verifyRange, verifyRangeInWorker } from "./ranges.js";

const torch = realLines(`${TORCHCOMPLY_DIR}/10_connected_pipeline__audit_chain.jsonl`);
const span = realLines(SPANFORGE_CHAIN);
const env = { SPANFORGE_SIGNING_KEY: SPANFORGE_KEY };

/** What must not depend on how the file was cut: every located finding, the metrics, the checkpoint. */
function essence(output: ChainCheckOutput) {
  return {
    status: output.result.status,
    findings: located(output),
    clauses: output.result.clauses.map((c) => [c.id, c.status, c.evidence]),
    metrics: output.result.metrics,
    checkpoint: output.checkpoint,
  };
}

const swap = (lines: string[], i: number): string[] => {
  const copy = [...lines];
  [copy[i], copy[i + 1]] = [copy[i + 1] as string, copy[i] as string];
  return copy;
};

const events = parseEvents(span.join("\n"));
const rotationId = "01KDVDNZZZZZZZZZZZZZZZR0T1";
const NEW_KEY = "rotated-key-0123456789-ABCDEFGHIJ!";

const variants: [string, string, VerifyOptions][] = [
  ["torchcomply, untouched", `${torch.join("\n")}\n`, {}],
  ["torchcomply, deleted lines across the file", `${torch.filter((_, i) => i % 97 !== 50).join("\n")}\n`, {}],
  ["torchcomply, swaps", `${swap(swap(torch, 100), 400).join("\n")}\n`, {}],
  ["torchcomply, garbage and blank lines", `${torch.toSpliced(270, 0, "garbage", "", "  ").join("\n")}\n`, {}],
  ["torchcomply, head cut", `${torch.slice(3).join("\n")}\n`, {}],
  ["torchcomply, replayed run", `${[...torch, ...torch.slice(0, 108)].join("\n")}\n`, {}],
  ["torchcomply, CRLF and no final newline", torch.join("\r\n"), {}],
  ["spanforge, untouched", `${span.join("\n")}\n`, { env }],
  ["spanforge, no key", `${span.join("\n")}\n`, {}],
  ["spanforge, deletions and swaps", `${swap(span.toSpliced(30, 1), 70).join("\n")}\n`, { env }],
  ["spanforge, head cut", `${span.slice(2).join("\n")}\n`, { env }],
  [
    "spanforge, rotated key",
    `${rotateKey({ events, at: 30, oldKey: SPANFORGE_KEY, newKey: NEW_KEY, rotationId }).map(toJson).join("\n")}\n`,
    { env: { ...env, NEW_KEY }, keyMap: new Map([[rotationId, "NEW_KEY"]]) },
  ],
  [
    "spanforge, rotation without its key",
    `${rotateKey({ events, at: 30, oldKey: SPANFORGE_KEY, newKey: NEW_KEY, rotationId }).map(toJson).join("\n")}\n`,
    { env },
  ],
  ["spanforge, tombstones", `${eraseSubject(events, "ok", SPANFORGE_KEY).map(toJson).join("\n")}\n`, { env }],
];

describe("verifying in byte ranges gives the result of one sequential pass", () => {
  it.each(variants)("%s", async (_name, content, options) => {
    const sequential = essence(await verifyContent(content, options));
    for (const parts of [2, 3, 7]) {
      const output = await verifyContent(content, { ...options, parts });
      expect({ parts, ...essence(output) }).toEqual({ parts, ...sequential });
      // line references inside messages are file lines, never a range's own numbering
      expect(output.result.findings.filter((f) => f.message.includes("\u0000"))).toEqual([]);
    }
  });

  it("checks anchors the same way when the anchored entry sits in a later range", async () => {
    const { checkpoint } = await verifyContent(`${torch.join("\n")}\n`);
    for (const parts of [1, 2, 5]) {
      const cut = await verifyContent(`${torch.slice(0, 500).join("\n")}\n`, {
        checkpoints: checkpoint ? [checkpoint] : [],
        parts,
      });
      expect(located(cut)).toEqual([["chain.anchor", 500, "fail"]]);
    }
  });
});

describe("anchors give the same tree heads and proofs in any number of ranges", () => {
  it.each([
    ["grown", (lines: string[]) => lines],
    [
      "an earlier entry rewritten",
      (lines: string[]) => lines.map((l, i) => (i === 50 ? l.replace("cuda:0", "cuda:1") : l)),
    ],
  ])("%s", async (_name, change) => {
    const { checkpoint } = await verifyContent(`${torch.slice(0, 300).join("\n")}\n`);
    const content = `${change([...torch]).join("\n")}\n`;
    const sequential = essence(await verifyContent(content, { checkpoints: checkpoint ? [checkpoint] : [] }));
    expect(sequential.clauses.find(([id]) => id === "chain.anchor")?.[2]).toHaveProperty("treeHead");
    for (const parts of [2, 5]) {
      const output = await verifyContent(content, { checkpoints: checkpoint ? [checkpoint] : [], parts });
      expect({ parts, ...essence(output) }).toEqual({ parts, ...sequential });
    }
  });
});

describe("the spanforge head", () => {
  it("is SHA-256 of the file's bytes through the last entry line, so `head -c N | sha256sum` reproduces it", async () => {
    const bytes = Buffer.from(`${span.join("\n")}\n\n\n`); // trailing blank lines are not part of the head
    const { checkpoint } = await verifyContent(bytes, { env });
    const throughLastEntry = bytes.subarray(0, bytes.length - 2);
    expect(checkpoint?.head).toBe(createHash("sha256").update(throughLastEntry).digest("hex"));
  });

  it("covers blank lines between entries, and not a byte-order mark", async () => {
    const withBlank = `${span.slice(0, 3).join("\n")}\n\n${span.slice(3, 6).join("\n")}\n`;
    const { checkpoint } = await verifyContent(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withBlank)]),
      { env },
    );
    expect(checkpoint?.head).toBe(createHash("sha256").update(withBlank).digest("hex"));
  });

  it("changes when an envelope field the signature does not cover is edited, so an anchor catches it", async () => {
    const { checkpoint } = await verifyContent(`${span.join("\n")}\n`, { env });
    const edited = span.map((line, i) =>
      i === 10 ? line.replace('"org_id":"org-alpha"', '"org_id":"org-omega"') : line,
    );
    expect(edited[10]).not.toBe(span[10]);
    const output = await verifyContent(`${edited.join("\n")}\n`, { env, checkpoints: checkpoint ? [checkpoint] : [] });
    expect(located(output)).toEqual([["chain.anchor", 100, "fail"]]);
  });
});

describe("a range whose worker fails", () => {
  it("is verified in this thread, with the same result, and the failure is told by its code", async () => {
    const path = `${TORCHCOMPLY_DIR}/10_connected_pipeline__audit_chain.jsonl`;
    const request: RangeRequest = {
      path,
      displayPath: "audit_chain.jsonl",
      format: "torchcomply",
      start: 0,
      end: statSync(path).size,
      continues: false,
      keys: { initial: { kind: "missing", envName: "NONE", reason: "not needed" }, rotations: new Map() },
      startKey: { kind: "initial" },
      maxLineBytes: 1 << 20,
    };
    // Under the tests the bundled worker script does not exist beside the source: its worker cannot start.
    const reasons: string[] = [];
    const result = await verifyRangeInWorker(request, (reason) => reasons.push(reason));
    expect(reasons).toEqual(["MODULE_NOT_FOUND"]); // its code: never the message, which may quote data
    expect(result).toEqual(await verifyRange(request));
  });
});
