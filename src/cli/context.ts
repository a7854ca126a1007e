/** The run context the core gets from the CLI: working folder, environment, notes and progress on stderr. */
import type { RunContext } from "../checks/run.js";
import { UsageError } from "./errors.js";
import type { CliIo } from "./io.js";
import type { ProgressSink } from "./progress.js";

/** The progress line of the invocation an io belongs to (made in `main`). */
const progressOf = new WeakMap<CliIo, ProgressSink>();

export function attachProgress(io: CliIo, progress: ProgressSink): void {
  progressOf.set(io, progress);
}

/**
 * `COMPLY_GATE_PARALLEL_MIN_BYTES`: inputs at least this large are checked on all cores (default 64 MiB for
 * logs, 16 MiB for datasets). `COMPLY_GATE_DATASET_UNIT_BYTES`: the size datasets are cut into (default 8 MiB).
 */
export function runContext(io: CliIo): RunContext {
  const bytes = (name: string): number | undefined => {
    const raw = io.env[name];
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (!(Number.isSafeInteger(parsed) && parsed >= 0)) throw new UsageError(`${name} must be a whole number of bytes`);
    return parsed;
  };
  const parallelMinBytes = bytes("COMPLY_GATE_PARALLEL_MIN_BYTES");
  const datasetUnitBytes = bytes("COMPLY_GATE_DATASET_UNIT_BYTES");
  const progress = progressOf.get(io);
  return {
    cwd: io.cwd,
    env: io.env,
    ...(progress ? { onDatasetProgress: progress.unit } : {}),
    onNotice: (message) => {
      progress?.end(); // the note on a line of its own; the progress line is drawn again after it
      io.stderr(`comply-gate: note: ${message}\n`);
    },
    ...(parallelMinBytes === undefined ? {} : { parallelMinBytes }),
    ...(datasetUnitBytes === undefined ? {} : { datasetUnitBytes: Math.max(1, datasetUnitBytes) }),
  };
}
