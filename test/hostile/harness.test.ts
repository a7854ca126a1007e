/**
 * The memory ceiling every hostile run is held to is a measurement, not a formality: the harness reads the
 * kernel's peak resident set size of the process it started, and sees a process that touches more than the
 * ceiling go over it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, MAX_RSS_KB, scratch } from "./harness.js";

/** A script that fills (so the pages are resident) a buffer of `mb` MB, then exits. */
function allocating(mb: number): string {
  const script = join(scratch, `allocate-${mb}.mjs`);
  writeFileSync(script, `const b = Buffer.alloc(${mb} * 1024 * 1024, 1);\nconsole.log(b[b.length - 1]);\n`);
  return script;
}

describe("the hostile harness's memory measurement", () => {
  it("sees a process that fills 600 MB go over the 512 MB ceiling", async () => {
    const run = await cli([], { script: allocating(600) });
    expect(run.code).toBe(0);
    expect(run.rssKb).toBeGreaterThan(600 * 1024);
    expect(run.rssKb).toBeGreaterThan(MAX_RSS_KB);
  });

  it("sees 100 MB as 100 MB and more, under the ceiling", async () => {
    const run = await cli([], { script: allocating(100) });
    expect(run.rssKb).toBeGreaterThan(100 * 1024);
    expect(run.rssKb).toBeLessThan(MAX_RSS_KB);
  });

  it("has no measurement, so a failing one, for a process killed before it exits", async () => {
    const script = join(scratch, "killed.mjs");
    writeFileSync(script, "process.kill(process.pid, 'SIGKILL');\n");
    const run = await cli([], { script });
    expect(run.rssKb).toBe(Number.POSITIVE_INFINITY);
  });
});
