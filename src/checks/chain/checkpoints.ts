/**
 * Reading checkpoints for `--anchor`: from a previous comply-gate report (its `checkpoints`), a
 * `{ "checkpoints": [...] }` file, an array of checkpoints, or a single checkpoint object.
 */

import { readFile } from "node:fs/promises";
import { jsonErrorMessage } from "../../core/json/syntax-message.js";
import type { Checkpoint } from "../../core/model.js";

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointError";
  }
}

function asCheckpoint(value: unknown, where: string): Checkpoint {
  if (typeof value !== "object" || value === null) throw new CheckpointError(`${where}: expected an object`);
  const { path, format, entries, head } = value as Record<string, unknown>;
  if (typeof path !== "string" || path === "") throw new CheckpointError(`${where}.path: expected a non-empty string`);
  if (typeof entries !== "number" || !Number.isSafeInteger(entries) || entries < 0) {
    throw new CheckpointError(`${where}.entries: expected a non-negative integer`);
  }
  if (typeof head !== "string") throw new CheckpointError(`${where}.head: expected a string`);
  return { path, format: typeof format === "string" ? format : "unknown", entries, head };
}

export function parseCheckpoints(text: string, source: string): Checkpoint[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError(`${source}: ${jsonErrorMessage(error)}`);
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === "object" && value !== null && "checkpoints" in value
      ? (value as { checkpoints: unknown }).checkpoints
      : [value];
  if (!Array.isArray(list)) throw new CheckpointError(`${source}: \`checkpoints\` must be an array`);
  return list.map((item, index) => asCheckpoint(item, `${source}: checkpoints[${index}]`));
}

export async function loadCheckpoints(path: string): Promise<Checkpoint[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CheckpointError(
      `${path}: cannot read the anchor file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  return parseCheckpoints(text, path);
}

/** The checkpoint for `path` among an anchor file's checkpoints (paths compared as written in reports). */
export function checkpointFor(checkpoints: readonly Checkpoint[], path: string): Checkpoint | undefined {
  return checkpoints.find((checkpoint) => checkpoint.path === path);
}
