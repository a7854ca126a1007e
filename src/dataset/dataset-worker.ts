/** Worker-thread entry (bundled as dist/dataset-worker.js): scans the lane in `workerData`, posts its partial. */
import { parentPort, workerData } from "node:worker_threads";
import { tableBuffers } from "./hash-table.js";
import { type LaneRequest, scanLane } from "./lane.js";

const partial = await scanLane(workerData as LaneRequest, (done) => parentPort?.postMessage({ progress: done }));
// The word and duplicate tables move to the main thread; base64 copies cost tens of MB on both sides.
parentPort?.postMessage(partial, tableBuffers(partial));
