/**
 * Verifying a log in byte ranges: where to cut, how one range is verified (here or in a worker thread), and
 * the worker plumbing. A small file is one range; a large one is cut at line starts into one range per core
 * (at most 4: on 2 cores more threads are slower), and the ranges are merged by `combine*`.
 */
import { existsSync } from "node:fs";
import { open } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type LineSink, readLines } from "../../io/lines.js";
import { LeafHasher, MerkleStream, type SegmentTree } from "./merkle.js";
import { isBlankBytes } from "./position-pass.js";
import { type SpanforgeKeys, type SpanforgeRange, SpanforgeVerifier } from "./spanforge.js";
import { type TorchcomplyRange, TorchcomplyVerifier } from "./torchcomply.js";
import type { ChainFormat, KeyState } from "./verifier.js";

/** A range's entries as a segment of the log's Merkle tree (`merkle.ts`), folded where they are read. */
export interface RangeTree {
  readonly segment: SegmentTree;
  /** False when a line's bytes were not kept (a line over the length limit): the segment lacks its leaf. */
  readonly complete: boolean;
  /** The entry that ends the tree at `earlier`, if it is in this range: its line in the range, and its text. */
  readonly anchor: { readonly line: number; readonly text: string } | undefined;
}

export type RangeResult = (TorchcomplyRange | SpanforgeRange) & { readonly tree?: RangeTree | undefined };

/** Everything one range's verification needs: plain data, so it can be posted to a worker. */
export interface RangeRequest {
  readonly path: string;
  readonly displayPath: string;
  readonly format: ChainFormat;
  readonly start: number;
  readonly end: number;
  /** The range does not start the file. */
  readonly continues: boolean;
  readonly keys: SpanforgeKeys;
  readonly startKey: KeyState;
  readonly maxLineBytes: number;
  /**
   * Fold the range's entries into its segment of the Merkle tree: the log's entries before the range
   * (`leafStart`) and the anchor's size (`earlier`), if any.
   */
  readonly tree?: { readonly leafStart: number; readonly earlier: number | undefined } | undefined;
}

export type RangeRunner = (request: RangeRequest) => Promise<RangeResult>;

/** Verify one range in this thread. */
export async function verifyRange(request: RangeRequest): Promise<RangeResult> {
  const verifier =
    request.format === "torchcomply"
      ? new TorchcomplyVerifier({ path: request.displayPath, continues: request.continues })
      : new SpanforgeVerifier({
          path: request.displayPath,
          keys: request.keys,
          continues: request.continues,
          startKey: request.startKey,
        });
  const leaves = request.tree ? new SegmentLeaves(request.tree) : undefined;
  const sink: LineSink = leaves
    ? {
        lineBytes: (buffer, start, end, lineNumber) => leaves.add(buffer, start, end, lineNumber),
        line: (text, lineNumber) => verifier.line(text, lineNumber),
        badLine: (lineNumber, reason) => {
          leaves.expect(lineNumber);
          verifier.badLine(lineNumber, reason);
        },
      }
    : verifier;
  const summary = await readLines(request.path, sink, {
    maxLineBytes: request.maxLineBytes,
    start: request.start,
    end: request.end,
  });
  const result = verifier.result({ lines: summary.lines, hadBom: summary.hadBom });
  return leaves ? { ...result, tree: leaves.result() } : result;
}

/**
 * A range's leaves, hashed from the bytes the verifier reads anyway (no second pass over the file) and
 * folded into the range's segment of the tree.
 */
class SegmentLeaves {
  private readonly tree: MerkleStream;
  private readonly hasher = new LeafHasher();
  private readonly earlier: number | undefined;
  private lastLine = 0;
  private complete = true;
  private anchor: RangeTree["anchor"];

  constructor(options: { leafStart: number; earlier: number | undefined }) {
    this.earlier = options.earlier;
    this.tree = new MerkleStream({ start: options.leafStart, earlier: options.earlier });
  }

  add(buffer: Buffer, start: number, end: number, lineNumber: number): void {
    this.lastLine = lineNumber;
    if (isBlankBytes(buffer, start, end)) return;
    this.tree.push(this.hasher.hashRange(buffer, start, end));
    if (this.tree.size === this.earlier) this.anchor = { line: lineNumber, text: buffer.toString("utf8", start, end) };
  }

  /** A bad line: its bytes came first unless the reader dropped them (a line over the limit). */
  expect(lineNumber: number): void {
    if (this.lastLine !== lineNumber) this.complete = false;
  }

  result(): RangeTree {
    return { segment: this.tree.segment(), complete: this.complete, anchor: this.anchor };
  }
}

/** Files smaller than this are verified in one range, in this thread (worker start-up would cost more). */
export const DEFAULT_PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** Cut [0, size) into `parts` ranges that each start at a line start (after a `\n`). */
export async function planRanges(
  path: string,
  options: { size: number; parts: number; maxLineBytes: number },
): Promise<{ start: number; end: number }[]> {
  const cuts = [0];
  const handle = await open(path, "r");
  try {
    const window = Buffer.allocUnsafe(Math.min(options.maxLineBytes + 1, 1024 * 1024));
    for (let k = 1; k < options.parts; k++) {
      const target = Math.floor((options.size * k) / options.parts);
      if (target <= (cuts.at(-1) ?? 0)) continue;
      const { bytesRead } = await handle.read(window, 0, window.length, target - 1);
      const newline = window.subarray(0, bytesRead).indexOf(0x0a);
      if (newline === -1) continue; // no line boundary near the cut: leave this part to the previous range
      const cut = target - 1 + newline + 1;
      if (cut > (cuts.at(-1) ?? 0) && cut < options.size) cuts.push(cut);
    }
  } finally {
    await handle.close();
  }
  return cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? options.size }));
}

export function defaultParts(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

// The bundled CLI sits beside the bundled workers (dist/cli.js, dist/chain-worker.js, dist/events-worker.js).
const WORKER_URL = new URL("./chain-worker.js", import.meta.url);

/** Whether a bundled worker script exists beside this bundle (not when running from sources). */
export function workerAvailable(url: URL): boolean {
  return url.protocol === "file:" && existsSync(fileURLToPath(url));
}

/** Whether worker threads can be used for chain ranges. */
export function workersAvailable(): boolean {
  return workerAvailable(WORKER_URL);
}

/**
 * Worker heap limits. A range's verifier keeps little (capped findings, a look-back window), so small
 * limits keep a whole parallel run near one thread's memory. A range that needs more (a line of many MB on
 * the full parser) makes its worker run out of memory, and is then verified in this thread instead.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 48 };

type WorkerLimits = { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number };

/**
 * Run `script` in a worker thread with `data`; resolves with the message it posts as its result. Messages of
 * the shape `{ progress }` before it go to `onProgress`.
 */
export function runWorkerTask<T>(
  script: URL,
  data: unknown,
  limits: WorkerLimits = WORKER_LIMITS,
  onProgress?: (progress: unknown) => void,
): Promise<T> {
  return resultOf<T>(new Worker(script, { workerData: data, resourceLimits: limits }), onProgress).result;
}

/** A worker thread started before its data is known (`startWorkerTask`). */
export interface StartedWorker<T> {
  /** Post the task's data (once); resolves with the worker's result as `runWorkerTask` does. */
  run(data: unknown): Promise<T>;
  /** Stop a worker that will not be given a task. */
  cancel(): void;
}

/**
 * Start `script` in a worker thread now and give it its data later: the thread loads its bundle (≈ 0.1 s)
 * while this thread plans the work. The worker reads the first message it receives as its data.
 */
export function startWorkerTask<T>(
  script: URL,
  limits: WorkerLimits = WORKER_LIMITS,
  onProgress?: (progress: unknown) => void,
): StartedWorker<T> {
  const worker = new Worker(script, { resourceLimits: limits });
  const { result, settle } = resultOf<T>(worker, onProgress);
  // A worker that fails before `run` (or is cancelled) must not leave an unhandled rejection behind.
  result.catch(() => undefined);
  return {
    run(data) {
      worker.postMessage(data);
      // The result is handed over once the thread has stopped and its heap and WebAssembly memories are freed:
      // handed over at once, its merge's memory and the thread's peak together.
      return result.then(async (value) => {
        await worker.terminate();
        return value;
      });
    },
    cancel() {
      settle();
      void worker.terminate();
    },
  };
}

/**
 * The worker's result: the first message not of the shape `{ progress }` (those go to `onProgress`); an error
 * or an exit before it rejects. `settle` makes later messages and the exit count for nothing.
 */
function resultOf<T>(
  worker: Worker,
  onProgress: ((progress: unknown) => void) | undefined,
): { result: Promise<T>; settle: () => void } {
  let settled = false;
  const result = new Promise<T>((resolve, reject) => {
    worker.on("message", (message: T | { progress: unknown }) => {
      if (settled) return;
      if (isProgress(message)) {
        onProgress?.(message.progress);
        return;
      }
      settled = true;
      resolve(message as T);
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`worker stopped with exit code ${code}`));
    });
  });
  return {
    result,
    settle: () => {
      settled = true;
    },
  };
}

function isProgress(message: unknown): message is { progress: unknown } {
  return typeof message === "object" && message !== null && "progress" in message && Object.keys(message).length === 1;
}

/** How a notice ends when a worker's work is done again in the main thread. */
export const REDONE_IN_MAIN_THREAD = "in the main thread, whose heap is not capped (slower, and more memory)";

/** A worker's failure by its code or name only: an error's message may quote the data it failed on. */
export function workerFailureName(reason: unknown): string {
  const code = (reason as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") return code;
  return reason instanceof Error ? reason.name : "an unknown failure";
}

/**
 * Verify one range in a worker thread; if the worker fails (out of memory, say), in this thread, telling
 * `onFallback` why (`workerFailureName`).
 */
export async function verifyRangeInWorker(
  request: RangeRequest,
  onFallback?: (reason: string) => void,
): Promise<RangeResult> {
  try {
    return await runWorkerTask<RangeResult>(WORKER_URL, request);
  } catch (error) {
    onFallback?.(workerFailureName(error));
    return verifyRange(request);
  }
}
