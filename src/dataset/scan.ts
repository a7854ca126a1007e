/**
 * The Article 10 dataset scan: plan the units, scan them (in worker threads when the data is large enough to
 * pay for them), fold the results in plan order and judge the clauses. With a shard, only that shard's units
 * are scanned and the partial state is returned for `comply-gate merge`.
 */

import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import {
  REDONE_IN_MAIN_THREAD,
  type StartedWorker,
  startWorkerTask,
  workerAvailable,
  workerFailureName,
} from "../checks/chain/ranges.js";
import { DEFAULT_LIMITS } from "../core/limits.js";
import type { CheckResult } from "../core/model.js";
import { decompressedByteLimit } from "../io/decompress.js";
import type { InputFile } from "../io/expand.js";
import { DEFAULT_MAX_LINE_BYTES } from "../io/lines.js";
import { DatasetAccumulator, type DatasetPartial } from "./accumulator.js";
import { type LaneRequest, scanLane, scanUnitsInto, type UnitDoneInfo } from "./lane.js";
import type { DatasetOptions } from "./options.js";
import { planScan, type Shard } from "./plan.js";
import type { UnitRequest } from "./scan-unit.js";

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
  /** A compressed file may decompress to at most this many bytes (`limits.maxFileBytes`). */
  readonly maxFileBytes?: number;
  /** …and to at most this many times its own size (`limits.maxDecompressionRatio`, default 200). */
  readonly maxDecompressionRatio?: number;
  readonly maxNesting?: number;
  readonly parallelMinBytes?: number;
  /** Worker threads to use (default: one per core, at most 2: more are slower on 2 cores). */
  readonly threads?: number;
  /** Units not started within this many seconds are not read, and the scan is an error. */
  readonly timeBudgetSeconds?: number;
  /** Called as units finish (from any thread), with that unit's bytes and rows, and the run's total bytes. */
  readonly onProgress?: (progress: DatasetProgress) => void;
  /** Told what the report does not show but the user should know: a worker lane scanned again in this thread. */
  readonly onNotice?: (message: string) => void;
}

export interface DatasetProgress {
  /** The file the unit belongs to. */
  readonly path: string;
  readonly bytes: number;
  readonly rows: number;
  readonly totalBytes: number;
  readonly totalFiles: number;
}

export interface ScanOutcome {
  readonly result: CheckResult;
  /** Present for a shard run: what `merge` needs. */
  readonly partial?: DatasetPartial;
}

const WORKER_URL = new URL("./dataset-worker.js", import.meta.url);

/**
 * Worker heap limits: a unit's rows are garbage once folded, so small heaps keep two lanes near one thread's
 * memory (and collect sooner, which measured faster too). A lane that needs more (a huge Parquet row group,
 * a line of many MB) runs out of memory in its worker and is scanned again in this thread. A 12 MB young
 * generation instead of 16 lowers two lanes' peak by about 20 MB (CSV 1M: 246–258 → 232–239 MB) for 2–5 %
 * more time.
 */
const LANE_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 64 };

/**
 * Scan the units in worker threads (started by the caller, one per lane), unit k in lane k mod lanes: each
 * lane folds its units into its own accumulator and sends one partial, so the main thread only merges, once
 * per lane, and stays off the cores the workers need. The lanes are fixed by the plan and their partials are
 * handed to `onPartial` in lane order, so the same input gives the same report; a lane is handed over as soon
 * as it and the lanes before it are done, so its merge overlaps the lanes still scanning.
 */
async function scanInLanes(
  requests: readonly UnitRequest[],
  options: {
    workers: readonly StartedWorker<DatasetPartial>[];
    /** Where the workers' progress goes: set here, once the lanes are known. */
    progress: { report?: (lane: number, done: UnitDoneInfo) => void };
    unitsTotal: number;
    deadline?: number;
    onUnit?: (done: UnitDoneInfo) => void;
    onFallback?: (lane: number, reason: string, units: number) => void;
    onPartial: (partial: DatasetPartial) => void;
  },
): Promise<void> {
  const { workers, unitsTotal, onUnit } = options;
  const threads = workers.length;
  const lanes: LaneRequest[] = Array.from({ length: threads }, (_, lane) => ({
    units: requests.filter((_r, k) => k % threads === lane),
    unitsTotal,
    ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
  }));
  const reported = lanes.map(() => 0);
  options.progress.report = (lane, done) => {
    reported[lane] = (reported[lane] ?? 0) + 1;
    onUnit?.(done);
  };
  const done: (DatasetPartial | undefined)[] = lanes.map(() => undefined);
  let next = 0;
  // A merge that throws is the scan's error, not the lane's: it is not taken for a worker's failure.
  let mergeError: { readonly error: unknown } | undefined;
  const handOver = (): void => {
    try {
      for (let partial = done[next]; partial !== undefined && !mergeError; partial = done[next]) {
        done[next] = undefined;
        next++;
        options.onPartial(partial);
      }
    } catch (error) {
      mergeError = { error };
    }
  };
  const settled = await Promise.allSettled(
    lanes.map((lane, i) =>
      (workers[i] as StartedWorker<DatasetPartial>).run(lane).then((partial) => {
        done[i] = partial;
        handOver();
      }),
    ),
  );
  for (const [i, outcome] of settled.entries()) {
    if (mergeError) break;
    if (outcome.status === "fulfilled") continue;
    const lane = lanes[i] as LaneRequest;
    options.onFallback?.(i + 1, workerFailureName(outcome.reason), lane.units.length);
    // The units the worker finished were shown as done already: the progress counts them once.
    let shown = reported[i] ?? 0;
    done[i] = await scanLane(
      lane,
      onUnit &&
        ((unit) => {
          if (shown > 0) shown--;
          else onUnit(unit);
        }),
    );
    handOver();
  }
  if (mergeError) throw mergeError.error;
}

/**
 * Lane workers for a scan that may run in lanes, started before the plan is made (each loads its bundle
 * meanwhile); the plan then takes as many as it has lanes and the rest are stopped.
 */
function startLaneWorkers(threads: number): {
  workers: StartedWorker<DatasetPartial>[];
  progress: { report?: (lane: number, done: UnitDoneInfo) => void };
} {
  const progress: { report?: (lane: number, done: UnitDoneInfo) => void } = {};
  const workers = Array.from({ length: threads }, (_, lane) =>
    startWorkerTask<DatasetPartial>(WORKER_URL, LANE_LIMITS, (done) => progress.report?.(lane, done as UnitDoneInfo)),
  );
  return { workers, progress };
}

/** The files' total size: with a shard, about its share (a scan below `parallelMinBytes` starts no worker). */
async function bytesToScan(request: ScanRequest): Promise<number> {
  const sizes = await Promise.all(
    request.files.map((file) =>
      stat(file.path).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return request.shard ? total / request.shard.count : total;
}

export async function scanDataset(request: ScanRequest): Promise<ScanOutcome> {
  const threadsWanted = Math.max(1, request.threads ?? Math.min(availableParallelism(), 2));
  const parallelMinBytes = request.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES;
  const early =
    threadsWanted > 1 && workerAvailable(WORKER_URL) && (await bytesToScan(request)) >= parallelMinBytes
      ? startLaneWorkers(threadsWanted)
      : undefined;
  try {
    return await scanPlanned(request, early);
  } finally {
    // Workers the plan found no lane for, and any still running should the scan throw (a finished one has exited).
    for (const worker of early?.workers ?? []) worker.cancel();
  }
}

async function scanPlanned(
  request: ScanRequest,
  early: ReturnType<typeof startLaneWorkers> | undefined,
): Promise<ScanOutcome> {
  const plan = await planScan(request.files, {
    ...(request.unitBytes === undefined ? {} : { unitBytes: request.unitBytes }),
    ...(request.shard === undefined ? {} : { shard: request.shard }),
  });
  const accumulator = new DatasetAccumulator(request.options, plan.total);
  const maxLineBytes = request.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const fileRows = new Map<string, number>();
  for (const unit of plan.units) {
    if (unit.rowEnd !== undefined) fileRows.set(unit.path, Math.max(fileRows.get(unit.path) ?? 0, unit.rowEnd));
  }
  const shareOf = (unit: (typeof plan.units)[number]): number =>
    unit.rowEnd === undefined
      ? unit.end - unit.start
      : (unit.end * (unit.rowEnd - (unit.rowStart ?? 0))) / Math.max(1, fileRows.get(unit.path) ?? 1);
  const requests: UnitRequest[] = plan.units.map((unit) => ({
    unit,
    options: request.options,
    maxLineBytes,
    bytes: shareOf(unit),
    ...(request.maxNesting === undefined ? {} : { maxNesting: request.maxNesting }),
    ...(unit.compression === undefined
      ? request.maxFileBytes === undefined
        ? {}
        : { maxFileBytes: request.maxFileBytes }
      : {
          maxFileBytes: decompressedByteLimit({
            size: unit.end,
            maxFileBytes: request.maxFileBytes,
            ratio: request.maxDecompressionRatio ?? DEFAULT_LIMITS.maxDecompressionRatio,
          }),
        }),
  }));

  // The whole dataset's size (every shard reports the same); this run reads about its share of the units.
  const totalBytes = plan.bytes;
  const ownBytes = plan.total === 0 ? 0 : (totalBytes * plan.units.length) / plan.total;
  const threads = Math.min(early?.workers.length ?? 1, requests.length);
  const parallel =
    early !== undefined && threads > 1 && ownBytes >= (request.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES);
  const deadline = request.timeBudgetSeconds === undefined ? undefined : Date.now() + request.timeBudgetSeconds * 1000;
  const ownTotal = requests.reduce((sum, r) => sum + (r.bytes ?? 0), 0);
  const ownFiles = new Set(requests.map((r) => r.unit.displayPath)).size;
  const onUnit = request.onProgress
    ? (done: UnitDoneInfo) => request.onProgress?.({ ...done, totalBytes: ownTotal, totalFiles: ownFiles })
    : undefined;
  if (parallel) {
    let sized = false;
    await scanInLanes(requests, {
      workers: early.workers.slice(0, threads),
      progress: early.progress,
      unitsTotal: plan.total,
      onPartial: (partial) => {
        // The first lane's rows per unit say about how many rows all will hold: the sets grow once, not at
        // each lane's merge (a rehash of the first lane's rows on the scan's last step).
        if (!sized && partial.units.length > 0) {
          accumulator.expectRows(Math.ceil((partial.rows * requests.length) / partial.units.length));
          sized = true;
        }
        accumulator.addPartial(partial);
      },
      ...(deadline === undefined ? {} : { deadline }),
      ...(onUnit ? { onUnit } : {}),
      onFallback: (lane, reason, units) =>
        request.onNotice?.(
          `dataset ${request.target}: worker lane ${lane} of ${threads} stopped (${reason}); its ${units} unit(s) ` +
            `are scanned again ${REDONE_IN_MAIN_THREAD}`,
        ),
    });
  } else {
    await scanUnitsInto(accumulator, requests, { deadline, onUnit });
  }
  const unread = requests.filter((r) => !accumulator.scanned(r.unit.index)).length;
  if (unread > 0) {
    accumulator.addError(
      "dataset.time-budget",
      `the scan's time budget of ${request.timeBudgetSeconds} s ran out: ${unread} of ${requests.length} units (about ${Math.round((unread / requests.length) * 100)}% of the data) were not read (limits.timeBudgetSeconds)`,
      { path: request.target },
    );
  }
  const files = new Set(request.files.map((f) => f.displayPath)).size;
  const result = accumulator.result({ target: request.target, files, bytes: totalBytes });
  if (!request.shard) return { result };
  // After the result: the partial is the accumulator's last use.
  const partial = accumulator.toPartial({ target: request.target, files, bytes: totalBytes });
  return { result, partial: DatasetAccumulator.reportForm(partial) };
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
