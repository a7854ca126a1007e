/**
 * Vitest global setup: every test's temporary files go under one folder made for the run, removed when the run
 * ends. Tests (and the CLIs they spawn) make their folders with `mkdtemp(tmpdir())`; without this, each run left
 * about 150 MB of logs, datasets and Parquet files behind in the system's temporary folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The variables `os.tmpdir()` reads (TMPDIR on POSIX; TEMP and TMP on Windows). */
const TEMP_VARIABLES = ["TMPDIR", "TEMP", "TMP"] as const;

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "comply-gate-tests-"));
  const previous = TEMP_VARIABLES.map((name) => process.env[name]);
  // Set before the test processes fork: they inherit it.
  for (const name of TEMP_VARIABLES) process.env[name] = root;
  return () => {
    TEMP_VARIABLES.forEach((name, i) => {
      const value = previous[i];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    });
    rmSync(root, { recursive: true, force: true });
  };
}
