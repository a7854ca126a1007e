import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import type { Report } from "../core/model.js";
import { selectAnnotations } from "./annotations.js";
import { renderSarif } from "./sarif.js";

const env = { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" };
const failing = async (): Promise<Report> =>
  JSON.parse((await runCli(["check", "--config", "fixtures/tampered/comply-gate.yml", "--json"], { env })).stdout);

describe("SARIF 2.1.0 for code scanning", () => {
  it("has one rule per finding rule and one located result per finding", async () => {
    const sarif = renderSarif(await failing()) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } }; results: unknown[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(["chain.hash", "chain.link", "chain.malformed"]);
    expect(run?.tool.driver.rules[1]?.shortDescription.text).toMatch(/links to the one before it/);
    expect(run?.results).toContainEqual({
      ruleId: "chain.link",
      level: "error",
      message: { text: expect.stringMatching(/prev_hash does not match/) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "fixtures/tampered/torchcomply_deleted_entry.jsonl" },
            region: { startLine: 50 },
          },
        },
      ],
    });
  });

  it("carries no payload values: messages are the findings' own", async () => {
    const text = JSON.stringify(renderSarif(await failing()));
    expect(text).not.toContain('"OK"'); // the edited payload value
    expect(text).not.toContain("octocat"); // the hostile garbage line's content
  });
});

describe("annotations", () => {
  it("puts errors and failures first, at most 10 per level, and counts the rest", async () => {
    const report = await failing();
    const many: Report = {
      ...report,
      checks: [
        {
          ...(report.checks[0] as Report["checks"][number]),
          findings: Array.from({ length: 25 }, (_, i) => ({
            rule: "chain.link",
            severity: i % 5 === 0 ? ("warn" as const) : ("fail" as const),
            message: `m${i}`,
            location: { path: "log.jsonl", line: i + 1 },
          })),
        },
      ],
    };
    const { annotations, omitted } = selectAnnotations(many);
    expect(annotations.filter((a) => a.level === "error")).toHaveLength(10);
    expect(annotations.filter((a) => a.level === "warning")).toHaveLength(5);
    expect(annotations[0]).toEqual({
      level: "error",
      title: "comply-gate chain.link",
      message: "m1",
      file: "log.jsonl",
      startLine: 2,
    });
    expect(omitted).toBe(10);
  });
});
