/** Running the CLI in-process with captured output, as the bin would in a terminal. */
import { stat } from "node:fs/promises";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(
  argv: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    fileExists: async (path) => (await stat(path).catch(() => undefined))?.isFile() ?? false,
  });
  return { code, stdout, stderr };
}
