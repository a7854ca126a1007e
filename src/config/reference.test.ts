import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configReference } from "./reference.js";

const FILE = "docs/config-reference.md";

describe("the config reference", () => {
  it("docs/config-reference.md is generated from the schema, and fresh (UPDATE_DOCS=1 rewrites it)", () => {
    const generated = configReference();
    if (process.env.UPDATE_DOCS === "1") writeFileSync(FILE, generated);
    expect(readFileSync(FILE, "utf8")).toBe(generated);
  });

  it("documents every top-level section and the nested keys users set most", () => {
    const text = configReference();
    for (const key of [
      "failOn",
      "chain",
      "chain[].keyEnv",
      "events[].mapping.frameworks",
      "datasets",
      "diff",
      "waivers[].expires",
      "limits.maxFiles",
    ]) {
      expect(text).toContain(`| \`${key}\` |`);
    }
  });
});
