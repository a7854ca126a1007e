/**
 * The Article 10 dataset scan: plan the units, scan them (in worker threads when the data is large enough to
 * pay for them), fold the results in plan order and judge the clauses. With a shard, only that shard's units
 * are scanned and the partial state is returned for `comply-gate merge`.
 */

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { workerAvailable } from "../checks/chain/ranges.js";
import type { CheckResult } from "../core/model.js";
import type { InputFile } from "../io/expand.js";
import { DEFAULT_MAX_LINE_BYTES } from "../io/lines.js";
import { DatasetAccumulator, type DatasetPartial } from "./accumulator.js";
import type { DatasetOptions } from "./options.js";
import { planScan, type Shard } from "./plan.js";
import { scanUnit, type UnitRequest, type UnitState } from "./scan-unit.js";

/** Below this many bytes the scan stays in this thread: starting workers would cost more than it saves. */
export const DEFAULT_PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

export interface ScanRequest {
  readonly files: readonly InputFile[];
  /** How the report names the dataset (the configured paths). */
  readonly target: string;
  readonly options: DatasetOptions;
  readonly shard?: Shard;
  readonly unitBytes?: number;
  readonly maxLineBytes?: number;
  readonly parallelMinBytes?: number;
  /** Worker threads to use (default: one per core, at most 2: more are slower on 2 cores). */
  readonly threads?: number;
}

export interface ScanOutcome {
  readonly result: CheckResult;
  /** Present for a shard run: what `merge` needs. */
  readonly partial?: DatasetPartial;
}

const WORKER_URL = new URL("./dataset-worker.js", import.meta.url);

/** Run the units through `threads` persistent workers; results are handed over in plan order. */
async function runInWorkers(requests: readonly UnitRequest[], threads: number, onState: (s: UnitState) => void) {
  const pending = new Map<number, UnitState>();
  const order = requests.map((r) => r.unit.index);
  let nextToHand = 0;
  let nextToSend = 0;
  const hand = () => {
    for (;;) {
      const index = order[nextToHand];
      const state = index === undefined ? undefined : pending.get(index);
      if (!state) return;
      pending.delete(index as number);
      onState(state);
      nextToHand++;
    }
  };
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_URL);
      const sendNext = () => {
        const request = requests[nextToSend++];
        if (!request) {
          void worker.terminate().then(() => resolve());
          return;
        }
        worker.postMessage(request);
      };
      worker.on("message", (message: { ok: true; state: UnitState } | { ok: false; message: string }) => {
        if (!message.ok) {
          reject(new Error(message.message));
          void worker.terminate();
          return;
        }
        pending.set(message.state.index, message.state);
        hand();
        sendNext();
      });
      worker.once("error", reject);
      sendNext();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
}

export async function scanDataset(request: ScanRequest): Promise<ScanOutcome> {
  const plan = await planScan(request.files, {
    ...(request.unitBytes === undefined ? {} : { unitBytes: request.unitBytes }),
    ...(request.shard === undefined ? {} : { shard: request.shard }),
  });
  const accumulator = new DatasetAccumulator(request.options, plan.total);
  const maxLineBytes = request.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const requests: UnitRequest[] = plan.units.map((unit) => ({ unit, options: request.options, maxLineBytes }));
  // The whole dataset's size (every shard reports the same); this run reads about its share of the units.
  const totalBytes = plan.bytes;
  const ownBytes = plan.total === 0 ? 0 : (totalBytes * plan.units.length) / plan.total;
  const threads = Math.max(1, Math.min(request.threads ?? Math.min(availableParallelism(), 2), requests.length));
  const parallel =
    threads > 1 && ownBytes >= (request.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES) && workerAvailable(WORKER_URL);
  if (parallel) {
    await runInWorkers(requests, threads, (state) => accumulator.addUnit(state));
  } else {
    for (const unitRequest of requests) accumulator.addUnit(await scanUnit(unitRequest));
  }
  const files = new Set(request.files.map((f) => f.displayPath)).size;
  if (request.shard) {
    return {
      result: accumulator.result({ target: request.target, files, bytes: totalBytes }),
      partial: accumulator.toPartial({ target: request.target, files, bytes: totalBytes }),
    };
  }
  return { result: accumulator.result({ target: request.target, files, bytes: totalBytes }) };
}

/** Finish a sharded scan from its shards' partials (`comply-gate merge`). */
export function mergeDatasetPartials(partials: readonly DatasetPartial[], options: DatasetOptions): CheckResult {
  const first = partials[0];
  if (!first) throw new Error("no shard partials to merge");
  const accumulator = new DatasetAccumulator(options, first.unitsTotal);
  for (const partial of partials) accumulator.addPartial(partial);
  const missing = accumulator.missingUnits();
  if (missing.length > 0) {
    throw new Error(
      `the shard reports for \`${first.target}\` cover ${first.unitsTotal - missing.length} of ${first.unitsTotal} units: a shard is missing`,
    );
  }
  return accumulator.result({ target: first.target, files: first.fileCount, bytes: first.bytes });
}
