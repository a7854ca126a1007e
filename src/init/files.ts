/**
 * `comply-gate init`, second half: the config and the workflow for what was found, as text (pure). The
 * workflow runs the comply-gate Action pinned by commit SHA, on `pull_request` (never `pull_request_target`:
 * a fork's code gets no secrets and no write token) with least-privilege permissions.
 */
import { posix } from "node:path";
import { DEFAULT_KEY_ENV } from "../checks/chain/keys.js";
import { READ_COMPRESSIONS } from "../io/decompress.js";
import { ACTION_MAJOR, type ActionRef, CANONICAL_REPOSITORY } from "./action-ref.js";
import type { FoundEvidence } from "./detect.js";

export const CONFIG_FILE = "comply-gate.yml";
export const WORKFLOW_FILE = ".github/workflows/comply-gate.yml";

/** A path as a YAML flow-sequence item: JSON strings are valid YAML and quote anything unusual. */
const item = (path: string) => JSON.stringify(path);
const list = (paths: readonly string[]) => `[${paths.map(item).join(", ")}]`;

/** Is there anything a config could check? (A snapshot alone needs a baseline init cannot know.) */
export function hasEvidence(found: FoundEvidence): boolean {
  return found.torchcomplyChains.length + found.spanforgeChains.length + found.datasets.length > 0;
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  ".jsonl": "JSONL",
  ".json": "JSON",
  ".csv": "CSV",
  ".txt": "text",
  ".parquet": "Parquet",
};

/** A dataset file's format as its name says, compression aside (`.ndjson` is JSONL). */
function datasetFormat(path: string): string {
  let name = posix.basename(path).toLowerCase();
  for (const suffix of Object.keys(READ_COMPRESSIONS)) if (name.endsWith(suffix)) name = name.slice(0, -suffix.length);
  const ext = posix.extname(name);
  return ext === ".ndjson" ? ".jsonl" : ext;
}

/**
 * One dataset entry per folder and format: the files of an entry are judged together (one set of columns,
 * one label balance), so a CSV and a JSONL file, or two folders of different data, are never merged.
 */
export function datasetEntries(paths: readonly string[]): { folder: string; format: string; paths: string[] }[] {
  const entries = new Map<string, { folder: string; format: string; paths: string[] }>();
  for (const path of paths) {
    const folder = posix.dirname(path);
    const format = datasetFormat(path);
    const key = `${folder}\u0000${format}`;
    const entry = entries.get(key) ?? { folder, format, paths: [] };
    entry.paths.push(path);
    entries.set(key, entry);
  }
  return [...entries.values()];
}

/** The snapshot the diff is written for: a `compliance_snapshot*` file when there is one. */
export function chosenSnapshot(snapshots: readonly string[]): string | undefined {
  return snapshots.find((path) => /^compliance_snapshot/i.test(posix.basename(path))) ?? snapshots[0];
}

export function configText(found: FoundEvidence, options: { schemaUrl: string }): string {
  const lines = [
    `# yaml-language-server: $schema=${options.schemaUrl}`,
    "# comply-gate configuration, written by `comply-gate init` from the evidence it found. Edit freely;",
    '# `comply-gate init --force` writes it again. Reference: the README\'s "The config file" section.',
    "version: 1",
    "failOn: fail # error | fail | warn: the least severe status that fails the gate",
  ];
  const chains = [...found.torchcomplyChains, ...found.spanforgeChains];
  if (chains.length > 0) {
    lines.push("", "# Hash-chained audit logs: every entry re-hashed, every link and signature checked.", "chain:");
    if (found.torchcomplyChains.length > 0) {
      lines.push(`  - paths: ${list(found.torchcomplyChains)} # torchcomply audit_chain.jsonl`);
    }
    if (found.spanforgeChains.length > 0) {
      lines.push(
        `  - paths: ${list(found.spanforgeChains)} # spanforge signed events`,
        `    keyEnv: ${DEFAULT_KEY_ENV} # the variable holding the chain's HMAC key (a CI secret)`,
      );
    }
  }
  if (found.spanforgeChains.length > 0) {
    lines.push(
      "",
      "# spanforge events: the five-point compatibility checklist and the envelope schema.",
      "events:",
      `  - paths: ${list(found.spanforgeChains)}`,
      "    # mapping: # uncomment to map the events to regulatory clauses",
      "    #   frameworks: [eu_ai_act, gdpr]",
    );
  }
  if (found.datasets.length > 0) {
    lines.push(
      "",
      "# Training data against EU AI Act Article 10 (PII, consent, provenance, skew, duplicates, missing values).",
      "# One entry per folder and format: the files of an entry are judged as one dataset.",
      "datasets:",
      ...datasetEntries(found.datasets).map(
        (entry) =>
          `  - paths: ${list(entry.paths)} # ${FORMAT_NAMES[entry.format] ?? entry.format} in ${entry.folder === "." ? "the root folder" : `${entry.folder}/`}`,
      ),
    );
  }
  const snapshot = chosenSnapshot(found.snapshots);
  lines.push(
    "",
    "# Snapshot diff: compare a compliance snapshot with the base branch's (baseline `auto` works in the Action;",
    "# locally give a file or git:<ref>:<path>).",
    ...(snapshot === undefined
      ? ["# diff:", "#   snapshot: reports/compliance_snapshot.json", "#   baseline: auto"]
      : ["# diff:", `#   snapshot: ${item(snapshot)}`, `#   baseline: "git:origin/main:${snapshot}"`]),
  );
  if (chains.length + found.datasets.length === 0) {
    lines.push("", "# No evidence was found: list your logs, events or datasets above.");
  }
  return `${lines.join("\n")}\n`;
}

export interface WorkflowOptions {
  /** The Action the workflow runs (default: comply-gate/comply-gate at the v1 tag, unpinned). */
  readonly action?: ActionRef;
}

/** The `uses:` line's value: `owner/repo@sha # v1` when pinned, else the tag with how to pin it. */
function actionUses(action: ActionRef): string {
  if (action.pinned) return `${action.repository}@${action.ref}${action.tag ? ` # ${action.tag}` : ""}`;
  return (
    `${action.repository}@${action.ref} # not pinned: replace ${action.ref} with the commit SHA it points at ` +
    `(git ls-remote https://github.com/${action.repository} ${action.ref})`
  );
}

export function workflowText(found: FoundEvidence, options: WorkflowOptions = {}): string {
  const action = options.action ?? {
    repository: CANONICAL_REPOSITORY,
    ref: ACTION_MAJOR,
    pinned: false,
    source: "none",
  };
  const keyLines =
    found.spanforgeChains.length > 0
      ? `\n        env:\n          ${DEFAULT_KEY_ENV}: \${{ secrets.${DEFAULT_KEY_ENV} }} # add it under Settings → Secrets`
      : "";
  return `# Written by \`comply-gate init\`. Runs the compliance gate on every pull request and push to the default branch.
# Fork-safe: \`pull_request\` gives a fork's code no secrets and a read-only token.
name: comply-gate

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  pull-requests: write # the sticky comment (a fork's pull request gets a read-only token: the job summary still shows)

jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
        with:
          persist-credentials: false
      - uses: ${actionUses(action)}
        with:
          config: ${CONFIG_FILE}${keyLines}
`;
}

/** What init prints about what it found. */
export function describeFound(found: FoundEvidence): string {
  const part = (label: string, paths: readonly string[]) =>
    paths.length === 0 ? [] : [`  ${label}:`, ...paths.map((p) => `    ${p}`)];
  const lines = [
    ...part("torchcomply audit chains", found.torchcomplyChains),
    ...part("spanforge signed events (chain and event checks)", found.spanforgeChains),
    ...part("datasets (Article 10 scan)", found.datasets),
    ...part("compliance snapshots (diff, commented out: it needs a baseline)", found.snapshots),
  ];
  return lines.length === 0 ? "  no evidence found\n" : `${lines.join("\n")}\n`;
}
