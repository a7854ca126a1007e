// Preloaded (`node --import`) by the hostile-input tests: records the process's peak RSS (KiB) at exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const out = process.env.COMPLY_GATE_RSS_OUT;
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS));
});
