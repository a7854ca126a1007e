/**
 * `comply-gate init`, first half: find the evidence in a repository. Audit chains and event files are
 * recognised by content (the first entry), datasets by extension, snapshots by their `metrics` object. Only
 * the first line of a JSONL file and the head of a JSON file are read, so detection stays fast on large data.
 */
import { open } from "node:fs/promises";
import { glob } from "tinyglobby";
import { classifyEntry } from "../checks/chain/index.js";
import { parseJson } from "../core/json/parse.js";
import { READ_COMPRESSIONS } from "../io/decompress.js";

export interface FoundEvidence {
  /** Paths relative to the repository root, `/`-separated, sorted. */
  readonly torchcomplyChains: readonly string[];
  readonly spanforgeChains: readonly string[];
  readonly datasets: readonly string[];
  readonly snapshots: readonly string[];
}

const IGNORED = [
  "**/node_modules/**",
  "**/.git/**",
  "**/dist/**",
  "**/.venv/**",
  "**/__pycache__/**",
  "**/coverage/**",
];
const DATASET_EXTENSIONS = [".csv", ".parquet"];
/** Compressed text files (`train.jsonl.gz`, `part-0.csv.zst`): datasets wherever they are (logs are not shipped so). */
const COMPRESSIONS = Object.keys(READ_COMPRESSIONS);
const COMPRESSED_DATASETS = `**/*.{jsonl,ndjson,json,csv,txt}{${COMPRESSIONS.join(",")}}`;
/** Folders whose JSON, JSONL and TXT files are datasets (elsewhere those endings are too common to guess). */
const DATA_FOLDER = /(^|\/)(data|datasets?|train|training|corpus)\//i;
const HEAD_BYTES = 64 * 1024;

async function head(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.toString("utf8", 0, bytesRead);
  } finally {
    await handle.close();
  }
}

function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim() !== "");
  return line ?? "";
}

/**
 * A compliance snapshot: a whole (small) JSON object that is not a comply-gate report, with a `metrics` object,
 * or named like torchcomply's `compliance_snapshot.json` (flat metrics).
 */
function isSnapshot(file: string, text: string): boolean {
  if (text.length >= HEAD_BYTES) return false;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (typeof value !== "object" || value === null || Array.isArray(value) || "checks" in value) return false;
    const metrics = value.metrics;
    if (typeof metrics === "object" && metrics !== null && !Array.isArray(metrics)) return true;
    return /snapshot/i.test(file.split("/").pop() ?? "");
  } catch {
    return false;
  }
}

export async function detectEvidence(root: string): Promise<FoundEvidence> {
  const files = (
    await glob(
      ["**/*.jsonl", "**/*.ndjson", "**/*.json", "**/*.csv", "**/*.parquet", "**/*.txt", COMPRESSED_DATASETS],
      {
        cwd: root,
        ignore: IGNORED,
        onlyFiles: true,
        dot: false,
      },
    )
  ).sort();
  const found = {
    torchcomplyChains: [] as string[],
    spanforgeChains: [] as string[],
    datasets: [] as string[],
    snapshots: [] as string[],
  };
  for (const file of files) {
    const path = `${root}/${file}`;
    const lower = file.toLowerCase();
    if ([...DATASET_EXTENSIONS, ...COMPRESSIONS].some((ext) => lower.endsWith(ext))) {
      found.datasets.push(file);
      continue;
    }
    let text: string;
    try {
      text = await head(path);
    } catch {
      continue; // unreadable: not evidence init can describe
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      let format: ReturnType<typeof classifyEntry>;
      try {
        format = classifyEntry(parseJson(firstLine(text), { allowNonFinite: true, maxDepth: 64 }));
      } catch {
        format = undefined;
      }
      if (format === "torchcomply") found.torchcomplyChains.push(file);
      else if (format === "spanforge") found.spanforgeChains.push(file);
      else if (DATA_FOLDER.test(file) || /^\s*\{/.test(firstLine(text))) found.datasets.push(file);
    } else if (lower.endsWith(".json")) {
      if (isSnapshot(file, text)) found.snapshots.push(file);
      else if (DATA_FOLDER.test(file) && /^\s*\[/.test(text)) found.datasets.push(file);
    } else if (lower.endsWith(".txt") && DATA_FOLDER.test(file)) {
      found.datasets.push(file);
    }
  }
  return found;
}
