/** Golden files: rendered output committed under test/golden/ so reviewers see every change to it. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

/** Compare with test/golden/<name>; `UPDATE_GOLDEN=1 npm test` rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const path = join("test/golden", name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    if (process.env.CI === "true" && !existsSync(path)) throw new Error(`missing golden file ${path}`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}
