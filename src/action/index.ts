/** The Action's entry point (dist/action.js): runs the gate. The logic lives in main.ts. */
import { run } from "./main.js";

await run();
