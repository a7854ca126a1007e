/** What the repository promises about its supply chain, checked on the files themselves. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const WORKFLOWS = ".github/workflows";

describe("the supply chain", () => {
  it.each(readdirSync(WORKFLOWS))("%s: least-privilege permissions, every action pinned by commit SHA", (name) => {
    const text = readFileSync(join(WORKFLOWS, name), "utf8");
    expect(text).toMatch(/^permissions:\n {2}contents: read$/m);
    for (const [, ref] of text.matchAll(/^\s*(?:-\s*)?uses:\s*(\S+)/gm)) {
      if (ref?.startsWith("./")) continue;
      expect(ref, `${name}: ${ref}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    }
  });

  it("dist/ ships the licence of every bundled package", () => {
    const notices = readFileSync("dist/THIRD_PARTY_NOTICES.txt", "utf8");
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, { version: string }>;
    };
    for (const name of ["hyparquet", "papaparse", "ajv", "@actions/core", "yaml", "tinyglobby"]) {
      const version = lock.packages[`node_modules/${name}`]?.version;
      expect(notices, name).toContain(`\n${name} ${version} (`);
    }
  });

  it("pins every dependency exactly, with a lockfile", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8")) as Record<string, Record<string, string>>;
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(range, name).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    }
    expect(readFileSync("package-lock.json", "utf8")).toContain('"lockfileVersion": 3');
  });
});
