// Preloaded into the benchmarked process (node --import): prints its peak RSS and CPU time (user + system),
// workers included, at exit: CPU time is what to compare on a machine other work shares.
// Worker threads load this too; only the main thread prints, last, when the whole process's peak is known
// (a worker's exit came first and missed the main thread's final merge).
import { isMainThread } from "node:worker_threads";

if (isMainThread) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    process.stderr.write(`\nBENCH_MAX_RSS_BYTES=${usage.maxRSS * 1024}\n`);
    process.stderr.write(`BENCH_CPU_SECONDS=${(usage.userCPUTime + usage.systemCPUTime) / 1e6}\n`);
  });
}
