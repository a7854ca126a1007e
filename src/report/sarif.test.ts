import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { sarifSchemaErrors } from "../../test/helpers/sarif-schema.js";
import { runChecks } from "../checks/run.js";
import { loadConfig } from "../config/config.js";
import type { Report } from "../core/model.js";
import { buildReport } from "../core/report.js";
import { selectAnnotations } from "./annotations.js";
import { renderSummary } from "./markdown.js";
import { FINGERPRINT_KEY, renderSarif } from "./sarif.js";

const env = { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" };

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation?: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } };
    logicalLocations?: { name: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  properties: { tags: string[]; clauses: string[]; regulations: string[] };
}
interface SarifRun {
  tool: { driver: { rules: SarifRule[] } };
  automationDetails: { id: string };
  invocations: { toolExecutionNotifications?: { message: { text: string } }[] }[];
  results: SarifResult[];
}
const runOf = (sarif: object): SarifRun => (sarif as { runs: SarifRun[] }).runs[0] as SarifRun;

/** The report `comply-gate check` gives for a config, run from the repository root (the CLI, as users run it). */
async function checkReport(config: string, cwd = process.cwd()): Promise<Report> {
  const run = await runCli(["check", "--config", config, "--json"], { env, cwd });
  return JSON.parse(run.stdout) as Report;
}

/** A temporary repository with these files and config, checked on a fixed day. */
async function repository(files: Record<string, string>, config: string): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-sarif-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, "comply-gate.yml"), config);
  const loaded = await loadConfig(join(dir, "comply-gate.yml"));
  const output = await runChecks(loaded, { cwd: dir, env, today: new Date("2026-11-22T12:00:00Z") });
  return buildReport({
    results: output.results,
    checkpoints: output.checkpoints,
    policy: { failOn: loaded.failOn },
    subject: { event: "local", trust: "local" },
    toolVersion: "test",
  });
}

/** Eight rows, each with a different person's e-mail address (and consent, so no other clause fires). */
const EIGHT_PII_ROWS = `text,source,consent\n${Array.from(
  { length: 8 },
  (_, i) => `"please write to jane.planted${i}@acme-corp.io about order ${i}",support,true`,
).join("\n")}\n`;

const PII_WAIVER = `waivers:
  - rule: Art.10(2)(a)
    owner: privacy@acme.example
    reason: pseudonymisation lands in DATA-7
    expires: "2026-12-31"
`;

/** Every property GitHub code scanning relies on, beyond the schema. */
function expectCodeScanningReady(sarif: object): void {
  const run = runOf(sarif);
  expect(run.automationDetails.id).toMatch(/^comply-gate\/([A-Za-z0-9._-]+\/)*$/);
  const rules = run.tool.driver.rules;
  for (const rule of rules) {
    expect(rule.shortDescription.text).not.toBe("");
    expect(rule.fullDescription.text).not.toBe("");
    expect(rule.help.text).toMatch(/^How to fix: /);
    expect(rule.help.markdown).toMatch(/^\*\*How to fix:\*\* /);
    expect(rule.properties.tags.length).toBeLessThanOrEqual(10);
  }
  for (const result of run.results) {
    expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}(:\d+)?$/);
    for (const location of result.locations) {
      const artifact = location.physicalLocation?.artifactLocation;
      if (!artifact) continue;
      expect(artifact.uriBaseId).toBe("%SRCROOT%");
      // A relative reference in RFC 3986's characters, inside the repository.
      expect(artifact.uri).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@%][A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/);
      expect(artifact.uri.split("/")).not.toContain("..");
    }
  }
  expect(JSON.stringify(sarif)).not.toContain(process.cwd());
}

describe("SARIF 2.1.0 for code scanning", () => {
  it("is valid against the official OASIS SARIF 2.1.0 schema for real runs: demo, tampered logs, PII, a regressed diff, a waiver", async () => {
    const logs = {
      demo: renderSarif(await checkReport("fixtures/demo/comply-gate.yml"), {
        category: "fixtures/demo/comply-gate.yml",
      }),
      tampered: renderSarif(await checkReport("fixtures/tampered/comply-gate.yml")),
      pii: renderSarif(
        await repository(
          {
            "planted.jsonl": readFileSync("fixtures/datasets/planted-identifiers.jsonl", "utf8"),
            "rows.csv": EIGHT_PII_ROWS,
          },
          "datasets:\n  - paths: [planted.jsonl, rows.csv]\n",
        ),
      ),
      diff: renderSarif(await checkReport("fixtures/snapshots/comply-gate.yml")),
      waived: renderSarif(
        await repository({ "rows.csv": EIGHT_PII_ROWS }, `datasets:\n  - paths: [rows.csv]\n${PII_WAIVER}`),
      ),
    };
    for (const [name, sarif] of Object.entries(logs)) {
      expect({ name, errors: sarifSchemaErrors(sarif) }).toEqual({ name, errors: [] });
      expectCodeScanningReady(sarif);
      if (name !== "demo") expect(runOf(sarif).results.length, name).toBeGreaterThan(0); // the demo passes
    }
    expect(runOf(logs.demo).automationDetails.id).toBe("comply-gate/fixtures/demo/comply-gate.yml/");
    expect(runOf(logs.tampered).automationDetails.id).toBe("comply-gate/");
    // The diff's regression is an error on the metric's line in the snapshot.
    const regressed = runOf(logs.diff).results.find((r) => r.ruleId === "diff.regressed");
    expect(regressed?.level).toBe("error");
    expect(regressed?.locations[0]?.physicalLocation?.region?.startLine).toBeGreaterThan(1);
  });

  it("names the config file as the code-scanning category, from `check --format sarif` and the bundle alike", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-sarif-bundle-"));
    const run = await runCli(
      ["check", "--config", "fixtures/demo/comply-gate.yml", "--format", "sarif", "--bundle", dir],
      { env },
    );
    const printed = JSON.parse(run.stdout) as object;
    const bundled = JSON.parse(readFileSync(join(dir, "comply-gate.sarif"), "utf8")) as object;
    expect(sarifSchemaErrors(printed)).toEqual([]);
    expect(runOf(printed).automationDetails.id).toBe("comply-gate/fixtures/demo/comply-gate.yml/");
    expect(bundled).toEqual(printed);
  });

  it("the schema check fails an invalid log: a level SARIF does not have", async () => {
    const sarif = renderSarif(await checkReport("fixtures/tampered/comply-gate.yml")) as { runs: SarifRun[] };
    const result = sarif.runs[0]?.results[0] as SarifResult;
    result.level = "fail";
    expect(sarifSchemaErrors(sarif)).toContain("/runs/0/results/0/level must be equal to one of the allowed values");
  });

  it("eight CSV rows with personal data are eight results, each at its row's line, with its own stable fingerprint", async () => {
    const config = "datasets:\n  - paths: [rows.csv]\n";
    const first = runOf(renderSarif(await repository({ "rows.csv": EIGHT_PII_ROWS }, config)));
    const second = runOf(renderSarif(await repository({ "rows.csv": EIGHT_PII_ROWS }, config)));
    const pii = first.results.filter((r) => r.ruleId === "dataset.pii");
    expect(pii.map((r) => r.locations[0]?.physicalLocation?.region?.startLine)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pii.map((r) => r.locations[0]?.physicalLocation?.artifactLocation.uri)).toEqual(Array(8).fill("rows.csv"));
    const prints = pii.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(8);
    expect(second.results.map((r) => r.partialFingerprints)).toEqual(first.results.map((r) => r.partialFingerprints));
    // The Art.10(2)(a) density fails on these rows: its findings are errors. Never the matched address.
    expect(pii.every((r) => r.level === "error")).toBe(true);
    expect(JSON.stringify(first)).not.toContain("acme-corp.io");
    const rule = first.tool.driver.rules.find((r) => r.id === "dataset.pii");
    expect(rule?.properties.clauses).toEqual(["Art.10(2)(a)"]);
    expect(rule?.properties.regulations).toContain("EU AI Act Art. 10(2)(a)");
    expect(rule?.help.markdown).toContain("`thresholds.piiDensity`");
    expect(rule?.help.markdown).toContain("waivers:");
  });

  it("a finding's level follows its clause: error under a failing one, note under a passing one", async () => {
    // One row with an address among many without: the density passes, so the row's finding is only a note.
    const rows = Array.from({ length: 400 }, (_, i) =>
      i === 7
        ? "write to jane.planted@acme-corp.io today,support,true"
        : `an ordinary sentence number ${i} about the weather,support,true`,
    );
    const run = runOf(
      renderSarif(
        await repository(
          { "rows.csv": `text,source,consent\n${rows.join("\n")}\n` },
          "datasets:\n  - paths: [rows.csv]\n",
        ),
      ),
    );
    const pii = run.results.filter((r) => r.ruleId === "dataset.pii");
    expect(pii).toHaveLength(1);
    expect(pii[0]?.level).toBe("note");
    expect(pii[0]?.locations[0]?.physicalLocation?.region?.startLine).toBe(9);
    const tampered = runOf(renderSarif(await checkReport("fixtures/tampered/comply-gate.yml")));
    expect(tampered.results.find((r) => r.ruleId === "chain.link")).toMatchObject({
      level: "error",
      message: { text: expect.stringMatching(/prev_hash does not match/) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "fixtures/tampered/torchcomply_deleted_entry.jsonl", uriBaseId: "%SRCROOT%" },
            region: { startLine: 50 },
          },
        },
      ],
    });
  });

  it("keeps the most severe results up to the cap and says how many it left out", async () => {
    const report = await checkReport("fixtures/tampered/comply-gate.yml");
    const all = runOf(renderSarif(report)).results;
    const capped = renderSarif(report, { maxResults: 2 });
    expect(sarifSchemaErrors(capped)).toEqual([]);
    const run = runOf(capped);
    expect(run.results).toHaveLength(2);
    expect(run.results.every((r) => r.level === "error")).toBe(true);
    expect(run.invocations[0]?.toolExecutionNotifications?.[0]?.message.text).toBe(
      `${all.length - 2} of ${all.length} results were left out (at most 2 per run, the most severe kept): every finding is in the comply-gate report`,
    );
  });

  it("points inside the repository only: a path climbing out is a logical location; odd characters are encoded", async () => {
    const report = await checkReport("fixtures/tampered/comply-gate.yml");
    const check = report.checks[0] as Report["checks"][number];
    const odd: Report = {
      ...report,
      checks: [
        {
          ...check,
          findings: [
            { rule: "input.missing", severity: "error", message: "m", location: { path: "../outside/secret.jsonl" } },
            { rule: "input.missing", severity: "error", message: "m", location: { path: "data sets/*.csv" } },
            { rule: "dataset.pii", severity: "warn", message: "m", location: { path: "t.parquet", row: 12 } },
          ],
        },
      ],
    };
    const sarif = renderSarif(odd);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const [outside, glob, parquet] = runOf(sarif).results;
    expect(outside?.locations[0]).toEqual({ logicalLocations: [{ name: "secret.jsonl", kind: "resource" }] });
    expect(glob?.locations[0]?.physicalLocation?.artifactLocation.uri).toBe("data%20sets/*.csv");
    expect(parquet?.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: "t.parquet", uriBaseId: "%SRCROOT%" } },
      logicalLocations: [{ name: "row 12", kind: "element" }],
    });
    expect(JSON.stringify(sarif)).not.toContain("outside");
  });

  it("carries no payload values: messages are the findings' own", async () => {
    const text = JSON.stringify(renderSarif(await checkReport("fixtures/tampered/comply-gate.yml")));
    expect(text).not.toContain('"OK"'); // the edited payload value
    expect(text).not.toContain("octocat"); // the hostile garbage line's content
  });
});

describe("a waived clause's findings", () => {
  it("are suppressed alike in SARIF, the annotations and the job summary", async () => {
    // Art.10(2)(a) fails on eight rows and is waived; two rows lack consent, so Art.10(2)(b) still fails.
    const rows = EIGHT_PII_ROWS.replace(/,true\n/g, (match, offset: number) => (offset < 200 ? ",false\n" : match));
    const report = await repository({ "rows.csv": rows }, `datasets:\n  - paths: [rows.csv]\n${PII_WAIVER}`);
    const dataset = report.checks.find((c) => c.id === "dataset");
    expect(dataset?.clauses.find((c) => c.id === "Art.10(2)(a)")?.status).toBe("waived");
    expect(dataset?.clauses.find((c) => c.id === "Art.10(2)(b)")?.status).toBe("fail");

    const key = (path: string, line: number | undefined, rule: string) => `${path}:${line} ${rule}`;
    const run = runOf(renderSarif(report));
    const sarifWaived = run.results
      .filter((r) => r.suppressions !== undefined)
      .map((r) =>
        key(
          r.locations[0]?.physicalLocation?.artifactLocation.uri ?? "",
          r.locations[0]?.physicalLocation?.region?.startLine,
          r.ruleId,
        ),
      );
    const sarifOpen = run.results
      .filter((r) => r.suppressions === undefined)
      .map((r) =>
        key(
          r.locations[0]?.physicalLocation?.artifactLocation.uri ?? "",
          r.locations[0]?.physicalLocation?.region?.startLine,
          r.ruleId,
        ),
      );
    for (const result of run.results.filter((r) => r.suppressions)) {
      expect(result.level).toBe("note");
      expect(result.suppressions).toEqual([
        {
          kind: "external",
          status: "accepted",
          justification: "waived until 2026-12-31 by privacy@acme.example: pseudonymisation lands in DATA-7",
        },
      ]);
    }

    const { annotations } = selectAnnotations(report, { maxPerLevel: 1000 });
    const annotated = (waived: boolean) =>
      annotations
        .filter((a) => a.title.endsWith(" (waived)") === waived)
        .map((a) => key(a.file, a.startLine, a.title.replace(/^comply-gate /, "").replace(/ \(waived\)$/, "")));

    const summaryRows = renderSummary(report)
      .split("\n")
      .filter((line) => line.startsWith("| rows.csv:"))
      .map((line) => line.split(" | "));
    const summarised = (waived: boolean) =>
      summaryRows
        .filter((cells) => (cells[1] ?? "").includes("🔕 waived") === waived)
        .map((cells) => {
          const [, path, line] = /^\| (\S+?):(\d+)/.exec(cells[0] as string) ?? [];
          return key(path as string, Number(line), (cells[2] as string).replace(/\\/g, ""));
        });

    expect(sarifWaived).toHaveLength(8);
    expect(sarifWaived.every((k) => k.endsWith(" dataset.pii"))).toBe(true);
    expect(sarifOpen.filter((k) => k.endsWith(" dataset.lawful-basis"))).toHaveLength(2);
    expect(annotated(true).sort()).toEqual([...sarifWaived].sort());
    expect(annotated(false).sort()).toEqual([...sarifOpen].sort());
    expect(summarised(true).sort()).toEqual([...sarifWaived].sort());
    expect(summarised(false).sort()).toEqual([...sarifOpen].sort());
    expect(annotations.filter((a) => a.title.endsWith("(waived)")).every((a) => a.level === "warning")).toBe(true);
  });
});

describe("a finding waived by its rule", () => {
  it("is suppressed in SARIF and marked waived in the annotations and the summary, with the waiver's words", async () => {
    const rows = EIGHT_PII_ROWS.replace(/,true\n/g, (match, offset: number) => (offset < 200 ? ",false\n" : match));
    const report = await repository(
      { "rows.csv": rows },
      `datasets:\n  - paths: [rows.csv]\nwaivers:\n  - rule: dataset.lawful-basis\n    path: rows.csv\n    owner: data@acme.example\n    reason: consent re-collected in DATA-9\n    expires: "2026-12-31"\n`,
    );
    const justification = "waived until 2026-12-31 by data@acme.example: consent re-collected in DATA-9";
    const lawful = runOf(renderSarif(report)).results.filter((r) => r.ruleId === "dataset.lawful-basis");
    expect(lawful).toHaveLength(2);
    for (const result of lawful) {
      expect(result.level).toBe("note");
      expect(result.suppressions).toEqual([{ kind: "external", status: "accepted", justification }]);
    }
    const { annotations } = selectAnnotations(report, { maxPerLevel: 1000 });
    expect(annotations.filter((a) => a.title === "comply-gate dataset.lawful-basis (waived)")).toHaveLength(2);
    expect(renderSummary(report).match(/🔕 waived \| dataset\.lawful-basis/g)).toHaveLength(2);
  });
});

describe("annotations", () => {
  it("puts errors and failures first, at most 10 per level, and counts the rest", async () => {
    const report = await checkReport("fixtures/tampered/comply-gate.yml");
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
