/**
 * Running the bundled CLI on hostile input, each run in its own process with a time box and a memory ceiling:
 * what every hostile test uses. Every run's peak resident set size is measured by the kernel (`getrusage`'s
 * `ru_maxrss` of the CLI's process, worker threads included, read at exit by `max-rss.mjs`) and asserted
 * here, whatever the test checks besides: a run killed by the time box or by running out of memory has no
 * measurement and fails too.
 */
import { execFile } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";

export const FILES = "test/hostile/files";
export const TIME_BOX_MS = 30_000;
export const MAX_RSS_KB = 512 * 1024;
export const scratch = mkdtempSync(join(tmpdir(), "comply-gate-hostile-"));
/** The bundled CLI; another build can be named (to show an attack passing on an older version). */
const CLI_UNDER_TEST = process.env.COMPLY_GATE_CLI_UNDER_TEST ?? join(process.cwd(), "dist/cli.js");

export interface Run {
  readonly code: number;
  readonly output: string;
  readonly stderr: string;
  readonly ms: number;
  readonly rssKb: number;
}

export function cli(
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    cwd?: string /** Another script to run (the harness's own test). */;
    script?: string;
  } = {},
): Promise<Run> {
  const rssFile = join(scratch, `rss-${Math.random().toString(36).slice(2)}`);
  const started = Date.now();
  const run = new Promise<Run>((resolve) => {
    execFile(
      process.execPath,
      ["--import", join(process.cwd(), "test/hostile/max-rss.mjs"), options.script ?? CLI_UNDER_TEST, ...args],
      {
        cwd: options.cwd ?? process.cwd(),
        env: { PATH: process.env.PATH ?? "", COMPLY_GATE_RSS_OUT: rssFile, ...options.env },
        timeout: TIME_BOX_MS,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 99) : 0;
        let rssKb = Number.POSITIVE_INFINITY;
        try {
          rssKb = Number(readFileSync(rssFile, "utf8"));
        } catch {
          // killed by the time box: no exit hook ran
        }
        resolve({ code, output: `${stdout}${stderr}`, stderr, ms: Date.now() - started, rssKb });
      },
    );
  });
  if (options.script !== undefined) return run;
  return run.then((done) => {
    // COMPLY_GATE_RSS_LOG names a file that collects each run's command and peak (the figures SECURITY.md quotes).
    const log = process.env.COMPLY_GATE_RSS_LOG;
    if (log) appendFileSync(log, `${Math.round(done.rssKb / 1024)} MB\t${done.ms} ms\t${args.join(" ")}\n`);
    expect(done.rssKb, `peak RSS of comply-gate ${args.join(" ")}`).toBeLessThan(MAX_RSS_KB);
    return done;
  });
}

/** What every hostile run must show: a clean exit 1 or 2 with the expected, readable message. */
export function expectClean(run: Run, expected: { code: 1 | 2; message: RegExp }): void {
  expect(run.output).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  expect(run.output).not.toContain("internal error");
  expect(run.output).toMatch(expected.message);
  expect(run.code).toBe(expected.code);
  expect(run.ms).toBeLessThan(TIME_BOX_MS);
  expect(run.rssKb).toBeLessThan(MAX_RSS_KB); // asserted by cli() already; kept for runs made otherwise
}

export const f = (name: string) => `${FILES}/${name}`;
