import { mkdtempSync, writeFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../cli/main.js";

async function run(argv: string[], options: { env?: Record<string, string>; isTTY?: boolean } = {}) {
  let stdout = "";
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => {},
    env: options.env ?? {},
    cwd: process.cwd(),
    fileExists: async (path) => (await stat(path).catch(() => undefined))?.isFile() ?? false,
    isTTY: options.isTTY ?? false,
  });
  return { code, stdout };
}

const TAMPERED = ["check", "--config", "fixtures/tampered/comply-gate.yml"];
const ESC = "\u001b[";

describe("terminal output conventions", () => {
  it("colours statuses on a terminal; never with NO_COLOR, in CI or when piped; FORCE_COLOR forces it", async () => {
    expect((await run(TAMPERED, { isTTY: true })).stdout).toContain(`${ESC}31mFAIL${ESC}0m`);
    expect((await run(TAMPERED, { isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    expect((await run(TAMPERED, { isTTY: true, env: { CI: "true" } })).stdout).not.toContain(ESC);
    expect((await run(TAMPERED, { isTTY: false })).stdout).not.toContain(ESC);
    expect((await run(TAMPERED, { isTTY: false, env: { FORCE_COLOR: "1" } })).stdout).toContain(ESC);
  });

  it("--quiet prints only the checks that did not pass and the verdict; --verbose every finding", async () => {
    const normal = await run(TAMPERED);
    const quiet = await run([...TAMPERED, "--quiet"]);
    expect(quiet.code).toBe(normal.code);
    expect(quiet.stdout).not.toContain("status  clause");
    expect(quiet.stdout).toMatch(/^FAIL {2}chain/m);
    expect(quiet.stdout.trimEnd().split("\n").at(-1)).toMatch(/^Verdict: FAIL/);
    expect(quiet.stdout.length).toBeLessThan(normal.stdout.length);
    const file = join(mkdtempSync(join(tmpdir(), "comply-gate-terminal-")), "rows.jsonl");
    writeFileSync(file, Array.from({ length: 30 }, (_, i) => `{"text": "row ${i}"}\n`).join(""));
    const dataset = ["dataset", file];
    expect((await run(dataset)).stdout).toContain("more findings (see --json or --out for all)");
    expect((await run([...dataset, "--verbose"])).stdout).not.toContain("more findings");
    expect((await run([...dataset, "--quiet", "--verbose"])).code).toBe(2);
  });
});
