// Preloaded into the benchmarked process (node --import): prints its peak RSS, workers included, at exit.
process.on("exit", () => {
  process.stderr.write(`\nBENCH_MAX_RSS_BYTES=${process.resourceUsage().maxRSS * 1024}\n`);
});
