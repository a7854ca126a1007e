/**
 * Reading checkpoints for `--anchor`: from a previous comply-gate report (its `checkpoints`), a
 * `{ "checkpoints": [...] }` file, an array of checkpoints, or a single checkpoint object; and finding a
 * log's checkpoint by its content.
 *
 * A checkpoint names its log by `logId` (the first entry's leaf hash) and binds all its entries by `treeHead`.
 * Checkpoints written before those fields existed (`legacy`) bind only the last hash and are found by path:
 * still checked, with a warning to re-anchor.
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

/** A checkpoint as read from an anchor file: current, or legacy (no `logId`/`treeHead`: last hash only). */
export type AnchorCheckpoint = Checkpoint | LegacyCheckpoint;

export interface LegacyCheckpoint extends Omit<Checkpoint, "logId" | "treeHead"> {
  readonly logId?: undefined;
  readonly treeHead?: undefined;
}

export function isLegacy(checkpoint: AnchorCheckpoint): checkpoint is LegacyCheckpoint {
  return checkpoint.logId === undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;

function asCheckpoint(value: unknown, where: string): AnchorCheckpoint {
  if (typeof value !== "object" || value === null) throw new CheckpointError(`${where}: expected an object`);
  const { path, format, entries, head, logId, treeHead } = value as Record<string, unknown>;
  if (typeof path !== "string" || path === "") throw new CheckpointError(`${where}.path: expected a non-empty string`);
  if (typeof entries !== "number" || !Number.isSafeInteger(entries) || entries < 0) {
    throw new CheckpointError(`${where}.entries: expected a non-negative integer`);
  }
  if (typeof head !== "string") throw new CheckpointError(`${where}.head: expected a string`);
  const base = { path, format: typeof format === "string" ? format : "unknown", entries, head };
  if (logId === undefined && treeHead === undefined) return base;
  for (const [name, field] of [
    ["logId", logId],
    ["treeHead", treeHead],
  ] as const) {
    if (typeof field !== "string" || !HEX64.test(field)) {
      throw new CheckpointError(
        `${where}.${name}: expected 64 lower-case hex characters (logId and treeHead go together)`,
      );
    }
  }
  if (entries < 1) throw new CheckpointError(`${where}.entries: a checkpoint with a tree head holds at least 1 entry`);
  return { ...base, logId: logId as string, treeHead: treeHead as string };
}

export function parseCheckpoints(text: string, source: string): AnchorCheckpoint[] {
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

export async function loadCheckpoints(path: string): Promise<AnchorCheckpoint[]> {
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

/**
 * The checkpoint of the log at `path` whose first entry hashes to `logId`: a checkpoint with that id (the
 * one recorded at the same path first, so two copies of a log each find their own), else a legacy
 * checkpoint recorded at that path. A log that starts with a checkpointed log's first entry is always checked
 * against it, wherever it now lies.
 */
export function checkpointFor(
  checkpoints: readonly AnchorCheckpoint[],
  log: { readonly path: string; readonly logId: string | undefined },
): AnchorCheckpoint | undefined {
  if (log.logId !== undefined) {
    const same = checkpoints.filter((checkpoint) => checkpoint.logId === log.logId);
    const found = same.find((checkpoint) => checkpoint.path === log.path) ?? same[0];
    if (found) return found;
  }
  return checkpoints.find((checkpoint) => isLegacy(checkpoint) && checkpoint.path === log.path);
}
