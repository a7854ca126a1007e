/**
 * Column names and keys are data the pull request wrote: a CSV header or a JSON key can be an e-mail address,
 * a phone number or an IBAN. The gate still judges those columns (their missing values, a special category,
 * a label), but a name a recognizer matches is shown as `[key]` in every output, and a class label it matches
 * as `[label]`: the text report, the JSON report, SARIF, HTML, the job summary, the comment and annotations.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/model.js";
import { selectAnnotations } from "../../src/report/annotations.js";
import { cli, expectClean, type Run, scratch } from "./harness.js";

const EMAIL = "jane.planted@acme-corp.io";
const PHONE = "+44 20 7123 4567";
const IBAN = "DE62370400440532013001";
/** A special-category column whose name also holds an e-mail address. */
const RELIGION = "religion of sam.planted@acme-corp.io";
/** A class label that is an IBAN. */
const LABEL_IBAN = "FR1030004008190001234567806";
const PLANTED = [EMAIL, PHONE, IBAN, RELIGION, "sam.planted", LABEL_IBAN, "7123 4567", "0532013001", "4008190001"];

const repo = join(scratch, "personal-keys");

/** Text that must hold none of the planted names. */
function expectNoPlanted(what: string, text: string): void {
  for (const planted of PLANTED) expect(text, `${what} echoes ${planted}`).not.toContain(planted);
}

const stdout = (run: Run): string => run.output.slice(0, run.output.length - run.stderr.length);

beforeAll(() => {
  mkdirSync(join(repo, "data"), { recursive: true });
  // 10 rows: the e-mail column is empty in 6, the phone column in 10, the IBAN column in 3.
  const header = ["text", "source", "consent", "label", EMAIL, PHONE, IBAN, RELIGION];
  const csvRows = Array.from({ length: 10 }, (_, i) =>
    [
      `row ${i} says hello`,
      "crawl",
      "true",
      i % 2 === 0 ? "spam" : LABEL_IBAN,
      i < 6 ? "" : "x",
      "N/A",
      i < 3 ? "" : "y",
      "christian",
    ].join(","),
  );
  writeFileSync(
    join(repo, "data", "people.csv"),
    `${[header.map((h) => `"${h}"`).join(","), ...csvRows].join("\n")}\n`,
  );
  const jsonRows = Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({
      text: `line ${i} of plain text`,
      source: "crawl",
      consent: true,
      label: i % 2 === 0 ? "ham" : LABEL_IBAN,
      ...(i < 6 ? {} : { [EMAIL]: "x" }),
      [PHONE]: null,
      [IBAN]: i < 3 ? "" : "y",
      [RELIGION]: "muslim",
    }),
  );
  writeFileSync(join(repo, "data", "people.jsonl"), `${jsonRows.join("\n")}\n`);
  writeFileSync(
    join(repo, "comply-gate.yml"),
    [
      "datasets:",
      "  - paths: [data/people.csv, data/people.jsonl]",
      `    requiredColumns: ["${EMAIL}", "${PHONE}", "${IBAN}"]`,
      `    idColumns: ["${IBAN}"]`,
      "    labelColumn: label",
      "",
    ].join("\n"),
  );
});

describe("column names and keys that hold personal data are judged, never echoed", () => {
  it("the text report, verbose: the missing values fail the gate under masked names", async () => {
    const run = await cli(["check", "--verbose"], { cwd: repo });
    expectClean(run, {
      code: 1,
      message:
        /fail +Art\.10\(3\)-missing +required column\(s\) above 5%: `\[key\]` 60\.0% missing, `\[key\]` 100\.0% missing, `\[key\]` 30\.0% missing/,
    });
    expect(run.output).toMatch(/`\[key\]` \(religious or philosophical beliefs\)/);
    expectNoPlanted("the text report", run.output);
  });

  it("the JSON report, SARIF, HTML and Markdown written by the CLI, and the annotations drawn from them", async () => {
    const json = await cli(["check", "--json"], { cwd: repo });
    expect(json.code).toBe(1);
    expectNoPlanted("the JSON report", json.output);
    const report = JSON.parse(stdout(json)) as Report;
    const missing = report.checks[0]?.clauses.find((c) => c.id === "Art.10(3)-missing");
    expect(missing?.status).toBe("fail");
    expect(missing?.evidence).toMatchObject({
      columns: ["[key]", "[key]", "[key]", "[key]", "consent", "label", "source", "text"],
      requiredColumns: ["[key]", "[key]", "[key]"],
    });
    expect(missing?.evidence.missingPct).toEqual([100, 30, 60, 0, 0, 0, 0, 0]);
    const labels = report.checks[0]?.clauses.find((c) => c.id === "Art.10(2)(f)");
    expect(labels?.evidence.classNames).toEqual(["[label]", "ham", "spam"]);
    writeFileSync(join(repo, "report.json"), stdout(json));
    for (const [format, file] of [
      ["sarif", "out.sarif"],
      ["html", "out.html"],
      ["markdown", "out.md"],
    ] as const) {
      const run = await cli(["check", "--out", file], { cwd: repo });
      expect(run.code, run.output).toBe(1);
      expectNoPlanted(`the ${format} report`, readFileSync(join(repo, file), "utf8"));
      expectNoPlanted(`the output beside the ${format} report`, run.output);
    }
    for (const format of ["comment", "markdown", "text", "sarif", "html"]) {
      const run = await cli(["render", "report.json", "--format", format], { cwd: repo });
      expectNoPlanted(`render --format ${format}`, run.output);
    }
    const { annotations } = selectAnnotations(report, { maxPerLevel: 1000 });
    expect(annotations.length).toBeGreaterThan(0);
    expectNoPlanted("the annotations", JSON.stringify(annotations));
  });

  it("a dataset scanned without a config: the missing values are still reported per masked column", async () => {
    const run = await cli(["dataset", "data/people.jsonl", "data/people.csv", "--verbose"], { cwd: repo });
    expectClean(run, { code: 1, message: /most missing: `\[key\]` 100\.0%, `\[key\]` 60\.0%, `\[key\]` 30\.0%/ });
    expectNoPlanted("the dataset command", run.output);
  });
});
