/** Worker-thread entry (bundled as dist/dataset-worker.js): scans the units it is sent, one message each. */
import { parentPort } from "node:worker_threads";
import { scanUnit, type UnitRequest } from "./scan-unit.js";

parentPort?.on("message", async (request: UnitRequest) => {
  try {
    parentPort?.postMessage({ ok: true, state: await scanUnit(request) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: (error as Error).message });
  }
});
