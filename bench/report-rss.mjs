// Preloaded into the benchmarked process (node --import): prints its peak RSS and CPU time (user + system),
// workers included, at exit: CPU time is what to compare on a machine other work shares.
// Worker threads load this too; only the main thread prints, last, when the whole process's peak is known
// (a worker's exit came first and missed the main thread's final merge).
import { readFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

/**
 * The peak resident set of this process image in KiB. Linux carries `ru_maxrss` over fork and exec, so a CLI
 * spawned by a benchmark that has just generated gigabytes reports the benchmark's peak as its own;
 * `VmHWM` is the high-water mark of this image's memory alone. Elsewhere `ru_maxrss` is all there is.
 */
function peakRssKiB() {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]);
  } catch {
    // no procfs: fall through
  }
  return process.resourceUsage().maxRSS;
}

if (isMainThread) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    process.stderr.write(`\nBENCH_MAX_RSS_BYTES=${peakRssKiB() * 1024}\n`);
    process.stderr.write(`BENCH_CPU_SECONDS=${(usage.userCPUTime + usage.systemCPUTime) / 1e6}\n`);
  });
}
