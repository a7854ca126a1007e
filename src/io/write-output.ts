/**
 * Writing an output file (a report, SARIF, a bundle) where a pull request may have committed a link: the file is
 * opened with O_NOFOLLOW, so a committed `comply-gate.sarif -> ~/.bashrc` is refused instead of overwritten, and
 * with a workspace the folder it lands in must really lie inside it (a committed `reports -> /etc` is refused).
 */
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { dirname } from "node:path";
import { isInside } from "./gate.js";

export class OutputRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputRefused";
  }
}

export async function writeOutputFile(
  path: string,
  bytes: string | Uint8Array,
  options: { workspace?: string | undefined } = {},
): Promise<void> {
  if (options.workspace !== undefined) {
    const root = await realpath(options.workspace).catch(() => options.workspace as string);
    const folder = await realpath(dirname(path)).catch(() => undefined);
    if (folder !== undefined && !isInside(folder, root)) {
      throw new OutputRefused(`${path}: its folder resolves outside the workspace (a symlink): not written`);
    }
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP")
      throw new OutputRefused(`${path}: is a symbolic link: comply-gate does not write through links`);
    throw error;
  }
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}
