/**
 * `comply-gate init`, second half: the config and the workflow for what was found, as text (pure). The
 * workflow runs the CLI with `npx`, on `pull_request` (never `pull_request_target`: a fork's code gets no
 * secrets and no write token) with read-only permissions.
 */
import { DEFAULT_KEY_ENV } from "../checks/chain/keys.js";
import type { FoundEvidence } from "./detect.js";

export const CONFIG_FILE = "comply-gate.yml";
export const WORKFLOW_FILE = ".github/workflows/comply-gate.yml";

/** A path as a YAML flow-sequence item: JSON strings are valid YAML and quote anything unusual. */
const item = (path: string) => JSON.stringify(path);
const list = (paths: readonly string[]) => `[${paths.map(item).join(", ")}]`;

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
      "datasets:",
      `  - paths: ${list(found.datasets)}`,
    );
  }
  const [snapshot] = found.snapshots;
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

export function workflowText(found: FoundEvidence, options: { version: string }): string {
  const keyLine =
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

jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
        with:
          persist-credentials: false
      - uses: actions/setup-node@48b55a011bda9f5d6aeb4c2d9c7362e8dae4041e # v6.4.0
        with:
          node-version: 24
      - name: comply-gate check
        run: npx --yes comply-gate@${options.version} check --format markdown >> "$GITHUB_STEP_SUMMARY"${keyLine}
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
