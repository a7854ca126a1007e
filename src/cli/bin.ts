#!/usr/bin/env node
/** The `comply-gate` executable: binds the CLI to this process. */
import { stat } from "node:fs/promises";
import { main } from "./main.js";

const exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  fileExists: async (path) => (await stat(path).catch(() => undefined))?.isFile() ?? false,
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
process.exitCode = exitCode;
