// Preloaded into the benchmarked process (node --import): prints its peak RSS, workers included, at exit.
// Worker threads load this too; only the main thread prints, last, when the whole process's peak is known
// (a worker's exit came first and missed the main thread's final merge).
import { isMainThread } from "node:worker_threads";

if (isMainThread) {
  process.on("exit", () => {
    process.stderr.write(`\nBENCH_MAX_RSS_BYTES=${process.resourceUsage().maxRSS * 1024}\n`);
  });
}
