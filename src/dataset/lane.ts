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

/** A unit finished: its file, bytes and rows. */
export interface UnitDoneInfo {
  readonly path: string;
  readonly bytes: number;
  readonly rows: number;
}
export type UnitDone = (done: UnitDoneInfo) => void;

/** Scan `units` in order into `accumulator`, starting none after `deadline`; the one loop of every thread. */
export async function scanUnitsInto(
  accumulator: DatasetAccumulator,
  units: readonly UnitRequest[],
  options: { deadline?: number | undefined; onUnit?: UnitDone | undefined },
): Promise<void> {
  const bytes = units.reduce((sum, unit) => sum + (unit.bytes ?? 0), 0);
  for (const [k, unit] of units.entries()) {
    if (options.deadline !== undefined && Date.now() > options.deadline) break;
    // Units come in plan order: an earlier unit's listed findings count towards this one's caps.
    const result = await scanUnit(unit, accumulator.words, {
      deadline: options.deadline,
      listedBefore: accumulator.listed,
    });
    accumulator.addUnit(result);
    // The first unit's rows per byte say about how many rows all will hold (a line file's units do not know).
    if (k === 0 && units.length > 1 && unit.bytes)
      accumulator.expectRows(Math.ceil((result.rows * bytes) / unit.bytes));
    options.onUnit?.({ path: unit.unit.displayPath, bytes: unit.bytes ?? 0, rows: result.rows });
  }
}

export async function scanLane(request: LaneRequest, onUnit?: UnitDone): Promise<DatasetPartial> {
  const first = request.units[0];
  if (!first) throw new Error("a lane needs at least one unit");
  // Row groups say how many rows they hold: the lane's duplicate set starts at the size it will reach.
  let expectedRows = 0;
  for (const { unit } of request.units)
    if (unit.rowEnd !== undefined) expectedRows += unit.rowEnd - (unit.rowStart ?? 0);
  const accumulator = new DatasetAccumulator(first.options, request.unitsTotal, expectedRows);
  await scanUnitsInto(accumulator, request.units, { deadline: request.deadline, onUnit });
  // The plan's target, file count and size are the caller's: the partial carries only the lane's sums.
  return accumulator.toPartial({ target: "", files: 0, bytes: 0 });
}
