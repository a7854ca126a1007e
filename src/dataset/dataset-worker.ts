/**
 * Worker-thread entry (bundled as dist/dataset-worker.js): scans one lane of units into its own accumulator
 * and answers with the lane's partial, once (no per-unit state to copy between threads).
 */
import { parentPort } from "node:worker_threads";
import { DatasetAccumulator } from "./accumulator.js";
import { scanUnit, type UnitRequest } from "./scan-unit.js";

export interface LaneRequest {
  readonly units: readonly UnitRequest[];
  readonly unitsTotal: number;
}

parentPort?.once("message", async (request: LaneRequest) => {
  try {
    const first = request.units[0];
    if (!first) throw new Error("empty lane");
    const accumulator = new DatasetAccumulator(first.options, request.unitsTotal);
    for (const unit of request.units) accumulator.addUnit(await scanUnit(unit, accumulator.words));
    parentPort?.postMessage({ ok: true, partial: accumulator.toPartial({ target: "", files: 0, bytes: 0 }) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: (error as Error).message });
  }
});
