/** Worker-thread entry (bundled as dist/chain-worker.js): verifies one byte range and posts the result. */
import { parentPort, workerData } from "node:worker_threads";
import { type RangeRequest, verifyRange } from "./ranges.js";

parentPort?.postMessage(await verifyRange(workerData as RangeRequest));
