import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { OutputRefused, writeOutputFile } from "./write-output.js";

const root = mkdtempSync(join(tmpdir(), "comply-gate-write-"));
const workspace = join(root, "repo");
const victim = join(root, "victim.txt");
mkdirSync(workspace);

describe("output files are never written through a link a pull request committed", () => {
  it("refuses a file that is a symbolic link, leaving its target untouched", async () => {
    writeFileSync(victim, "precious");
    symlinkSync(victim, join(workspace, "comply-gate.sarif"));
    await expect(writeOutputFile(join(workspace, "comply-gate.sarif"), "{}", { workspace })).rejects.toThrow(
      /is a symbolic link: comply-gate does not write through links/,
    );
    expect(readFileSync(victim, "utf8")).toBe("precious");
  });

  it("refuses a folder that links out of the workspace", async () => {
    mkdirSync(join(root, "elsewhere"));
    symlinkSync(join(root, "elsewhere"), join(workspace, "reports"));
    await expect(writeOutputFile(join(workspace, "reports", "out.sarif"), "{}", { workspace })).rejects.toBeInstanceOf(
      OutputRefused,
    );
  });

  it("writes (and replaces) a regular file", async () => {
    const path = join(workspace, "report.json");
    await writeOutputFile(path, "first", { workspace });
    await writeOutputFile(path, "second", { workspace });
    expect(readFileSync(path, "utf8")).toBe("second");
  });

  it("chain --out through a committed link is a one-line error (exit 2), and the link's target is untouched", async () => {
    writeFileSync(victim, "precious");
    symlinkSync(victim, join(workspace, "report.txt"));
    const chain = join(process.cwd(), "fixtures/demo/torchcomply_audit_chain.jsonl");
    const run = await runCli(["chain", chain, "--out", "report.txt"], { cwd: workspace });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out: .*report\.txt: is a symbolic link/);
    expect(readFileSync(victim, "utf8")).toBe("precious");
  });
});
