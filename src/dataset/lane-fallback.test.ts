import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type * as Ranges from "../checks/chain/ranges.js";
import { type LaneRequest, scanLane } from "./lane.js";
import { datasetOptions } from "./options.js";
import { type DatasetProgress, scanDataset } from "./scan.js";

/**
 * Worker lanes without worker threads: lane 1 runs in this thread as its worker would (progress per unit, then
 * its partial); lane 2's worker fails after showing its first unit done, as one that runs out of memory does.
 */
vi.mock("../checks/chain/ranges.js", async (importOriginal) => {
  const actual = await importOriginal<typeof Ranges>();
  let lane = 0;
  return {
    ...actual,
    workerAvailable: () => true,
    startWorkerTask: (_script: URL, _limits: unknown, onProgress?: (p: unknown) => void) => {
      lane++;
      const fails = lane % 2 === 0;
      return {
        run: async (data: unknown) => {
          if (fails) {
            const first = (data as LaneRequest).units[0];
            onProgress?.({ path: first?.unit.displayPath, bytes: first?.bytes ?? 0, rows: 1 });
            const error = new Error(
              "Worker terminated due to reaching memory limit: JS heap out of memory near 'alice@example.org'",
            );
            throw Object.assign(error, { code: "ERR_WORKER_OUT_OF_MEMORY" });
          }
          return scanLane(data as LaneRequest, onProgress);
        },
        cancel: () => undefined,
      };
    },
  };
});

describe("a worker lane that fails", () => {
  it("is scanned again in the main thread: the same result, a notice that names no data, progress counted once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cg-lane-fallback-"));
    const path = join(dir, "rows.jsonl");
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      text: `row ${i} mail u${i % 50}@acme.io`,
      source: "crawl",
    }));
    await writeFile(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
    const request = {
      files: [{ path, displayPath: "rows.jsonl" }],
      target: "rows.jsonl",
      options: datasetOptions({}),
      unitBytes: 10_000, // about 13 units, in 2 lanes
      parallelMinBytes: 0,
      threads: 2,
    };
    const single = await scanDataset({ ...request, threads: 1 });
    const notices: string[] = [];
    const progress: DatasetProgress[] = [];
    const lanes = await scanDataset({
      ...request,
      onNotice: (message) => notices.push(message),
      onProgress: (done) => progress.push(done),
    });
    expect(lanes.result).toEqual(single.result);
    expect(notices).toEqual([
      expect.stringMatching(
        /^dataset rows\.jsonl: worker lane 2 of 2 stopped \(ERR_WORKER_OUT_OF_MEMORY\); its \d+ unit\(s\) are scanned again in the main thread/,
      ),
    ]);
    expect(notices[0]).not.toContain("alice");
    // Every unit once: the unit lane 2's worker had shown as done is not counted again.
    const shown = progress.reduce((sum, done) => sum + done.bytes, 0);
    expect(shown).toBeCloseTo(progress[0]?.totalBytes ?? -1, 6);
  });
});
