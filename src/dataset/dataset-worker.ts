/**
 * Worker-thread entry (bundled as dist/dataset-worker.js): scans a lane, posts its partial. The lane comes as
 * the first message (the worker is started while the main thread plans) or, when given at start, as `workerData`.
 */
import { once } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { tableBuffers } from "./hash-table.js";
import { type LaneRequest, scanLane } from "./lane.js";

const port = parentPort;
if (port) {
  const lane = (workerData as LaneRequest | undefined) ?? ((await once(port, "message"))[0] as LaneRequest);
  const partial = await scanLane(lane, (done) => port.postMessage({ progress: done }));
  // The word and duplicate tables move to the main thread; base64 copies cost tens of MB on both sides.
  port.postMessage(partial, tableBuffers(partial));
}
