/**
 * The workspace gate: every file a check reads because a config file (which a pull request can change) named
 * it goes through here. A path is read only when its real path (symlinks resolved) lies inside the workspace
 * and it is a regular file of bounded size: a FIFO, a device or a directory would hang or flood the reader, a
 * link out of the workspace would read the runner's own files. Refusals say why without echoing anything
 * read from the file.
 */
import { constants } from "node:fs";
import { open, realpath, stat } from "node:fs/promises";
import { sep } from "node:path";

export class GateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GateError";
  }
}

export interface GateOptions {
  /** Real paths outside this folder are refused (absent: a path the user typed, read wherever it is). */
  readonly workspace?: string | undefined;
  /** Larger files are refused before a byte is read. */
  readonly maxBytes: number;
}

/** Whether `real` is `root` or lies beneath it (both real paths). */
export function isInside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Why `path` may not be read as an input file, or `undefined` when it may. Never throws. */
export async function refusalOf(path: string, options: Omit<GateOptions, "maxBytes"> & { maxBytes?: number }) {
  if (options.workspace !== undefined) {
    const root = await realpath(options.workspace).catch(() => options.workspace as string);
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined) return undefined; // does not exist: the reader says so
    if (!isInside(real, root)) return "resolves outside the workspace (a `../` path or a symlink): not read";
  }
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return undefined;
  if (!info.isFile()) return `is not a regular file (${kindOf(info)}): not read`;
  if (options.maxBytes !== undefined && info.size > options.maxBytes) {
    return `${info.size} bytes, more than the limit of ${options.maxBytes}: not read`;
  }
  return undefined;
}

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a named pipe";
  if (info.isSocket()) return "a socket";
  return "a device or special file";
}

/**
 * Read a small input file (a policy, key map, checkpoint file, registry, snapshot) as UTF-8 through the gate.
 * `shown` names it in messages. The file is opened without blocking and checked again on the open handle, so a
 * pipe swapped in after the check cannot hang the run.
 */
export async function readGatedText(path: string, shown: string, options: GateOptions): Promise<string> {
  const refused = await refusalOf(path, options);
  if (refused) throw new GateError(`${shown}: ${refused}`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GateError(`${shown}: cannot read (${code === "ENOENT" ? "no such file" : (code ?? "error")})`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new GateError(`${shown}: is not a regular file (${kindOf(info)}): not read`);
    if (info.size > options.maxBytes) {
      throw new GateError(`${shown}: ${info.size} bytes, more than the limit of ${options.maxBytes}: not read`);
    }
    const bytes = Buffer.alloc(info.size);
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesRead } = await handle.read(bytes, offset, bytes.length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return bytes.subarray(0, offset).toString("utf8");
  } finally {
    await handle.close();
  }
}
