/** Worker-thread entry (bundled as dist/dataset-worker.js): scans the lane in `workerData`, posts its partial. */
import { parentPort, workerData } from "node:worker_threads";
import { type LaneRequest, scanLane } from "./lane.js";

parentPort?.postMessage(
  await scanLane(workerData as LaneRequest, (done) => parentPort?.postMessage({ progress: done })),
);
