/**
 * One lane of a parallel scan: every n-th unit of the plan, folded into its own accumulator and handed over as
 * one partial (merged like a shard report). Runs in a worker thread, or in this thread when a worker fails.
 */
import { DatasetAccumulator, type DatasetPartial } from "./accumulator.js";
import { scanUnit, type UnitRequest } from "./scan-unit.js";

export interface LaneRequest {
  readonly units: readonly UnitRequest[];
  readonly unitsTotal: number;
  /** Epoch milliseconds after which no further unit is started (the scan's time budget). */
  readonly deadline?: number;
}

/** After each unit: its file, bytes and rows. */
export type UnitDone = (done: { path: string; bytes: number; rows: number }) => void;

export async function scanLane(request: LaneRequest, onUnit?: UnitDone): Promise<DatasetPartial> {
  const first = request.units[0];
  if (!first) throw new Error("a lane needs at least one unit");
  const accumulator = new DatasetAccumulator(first.options, request.unitsTotal);
  for (const unit of request.units) {
    if (request.deadline !== undefined && Date.now() > request.deadline) break;
    const result = await scanUnit(unit, accumulator.words);
    accumulator.addUnit(result);
    onUnit?.({ path: unit.unit.displayPath, bytes: unit.bytes ?? 0, rows: result.rows });
  }
  // The plan's target, file count and size are the caller's: the partial carries only the lane's sums.
  return accumulator.toPartial({ target: "", files: 0, bytes: 0 });
}
