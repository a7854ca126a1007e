/**
 * action.yml as GitHub's runner loads it: strict YAML, a node24 action whose entry file exists, and exactly the
 * inputs and outputs the code reads and sets (both directions), described the same way in the README.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { INPUT_NAMES, type InputName, readInputs } from "./inputs.js";
import { OUTPUT_NAMES } from "./outputs.js";

interface ActionMetadata {
  name: string;
  description: string;
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

function loadActionYml(): ActionMetadata {
  const document = parseDocument(readFileSync("action.yml", "utf8"), {
    strict: true,
    uniqueKeys: true,
    prettyErrors: true,
  });
  expect(document.errors.map((error) => error.message)).toEqual([]);
  expect(document.warnings.map((warning) => warning.message)).toEqual([]);
  return document.toJS() as ActionMetadata;
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe("action.yml", () => {
  it("is YAML to a strict parser (GitHub's runner refuses anything less): no error, no warning, no duplicate key", () => {
    loadActionYml();
  });

  it("is a node24 action whose entry point is the bundle built from src/action/index.ts", () => {
    const action = loadActionYml();
    expect(action.runs.using).toBe("node24");
    expect(action.runs.main).toBe("dist/action.js");
    expect(existsSync(action.runs.main)).toBe(true);
    expect(readFileSync("build.mjs", "utf8")).toContain('action: "src/action/index.ts"');
    expect(typeof action.name).toBe("string");
    expect(action.description.length).toBeGreaterThan(0);
  });

  it("declares exactly the inputs readInputs reads, each described, none required, every default a string", () => {
    const read = new Set<string>();
    const action = loadActionYml();
    readInputs((name: InputName) => {
      read.add(name);
      return "";
    });
    const declared = Object.keys(action.inputs);
    expect(sorted(read)).toEqual(sorted(INPUT_NAMES));
    expect(sorted(declared)).toEqual(sorted(INPUT_NAMES));
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\S/);
      expect(input.required ?? false, name).toBe(false);
      if (input.default !== undefined) expect(typeof input.default, name).toBe("string");
    }
  });

  it("declares exactly the outputs the code sets, and the code sets them only through setOutput", () => {
    const action = loadActionYml();
    const sources = readdirSync("src/action")
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .map((file) => [file, readFileSync(join("src/action", file), "utf8")] as const);
    const set = new Set<string>();
    for (const [file, text] of sources) {
      for (const match of text.matchAll(/\bsetOutput\(\s*"([^"]+)"/g)) set.add(match[1] as string);
      if (file !== "outputs.ts") expect(text, file).not.toMatch(/core\.setOutput\(/);
    }
    expect(sorted(set)).toEqual(sorted(OUTPUT_NAMES));
    expect(sorted(Object.keys(action.outputs))).toEqual(sorted(OUTPUT_NAMES));
    for (const [name, output] of Object.entries(action.outputs)) expect(output.description, name).toMatch(/\S/);
  });
});

/** The README's section on the Action, up to the next `## ` heading. */
function readmeActionSection(): string {
  const readme = readFileSync("README.md", "utf8");
  const start = readme.indexOf("## The GitHub Action");
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** Rows of the Markdown table whose header starts with `| <first> |`: first cell → the other cells. */
function tableRows(section: string, first: string): Map<string, string[]> {
  const lines = section.split("\n");
  const header = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  expect(header, `a table headed | ${first} |`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [key = "", ...rest] = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    for (const name of key.matchAll(/`([^`]+)`/g)) rows.set(name[1] as string, rest);
  }
  return rows;
}

describe("the README's Action section", () => {
  it("lists every input once with action.yml's default, and no other", () => {
    const [action, section] = [loadActionYml(), readmeActionSection()];
    const rows = tableRows(section, "input");
    expect(sorted(rows.keys())).toEqual(sorted(Object.keys(action.inputs)));
    for (const [name, input] of Object.entries(action.inputs)) {
      const [defaultCell = "", what = ""] = rows.get(name) ?? [];
      if (input.default) expect(defaultCell, name).toContain(`\`${input.default}\``);
      expect(what, name).toMatch(/\S/);
    }
  });

  it("lists every output, and no other", () => {
    const [action, section] = [loadActionYml(), readmeActionSection()];
    expect(sorted(tableRows(section, "output").keys())).toEqual(sorted(Object.keys(action.outputs)));
  });

  it("describes what is there, not what may come", () => {
    const section = readmeActionSection();
    expect(section).not.toMatch(/later version|not yet|coming soon|will be added/i);
  });
});
