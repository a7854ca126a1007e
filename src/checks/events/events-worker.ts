/** Worker-thread entry (bundled as dist/events-worker.js): checks one byte range of events and posts the result. */
import { parentPort, workerData } from "node:worker_threads";
import { checkEventsRange, type EventsRangeRequest } from "./index.js";

parentPort?.postMessage(await checkEventsRange(workerData as EventsRangeRequest));
