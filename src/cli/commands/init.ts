/**
 * `comply-gate init`: detect the evidence under the working folder, write `comply-gate.yml` and a workflow, say
 * what was found. Idempotent: an identical file is left alone; a different one is kept unless `--force`.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import packageJson from "../../../package.json" with { type: "json" };
import { detectEvidence } from "../../init/detect.js";
import { CONFIG_FILE, configText, describeFound, WORKFLOW_FILE, workflowText } from "../../init/files.js";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { EXIT_PASS, EXIT_USAGE } from "../io.js";
import { writeOrFail } from "../output.js";

export const initCommand: Command = {
  name: "init",
  summary: "detect evidence here; write comply-gate.yml and a GitHub workflow",
  usage: "init [--force]",
  flags: {
    force: { type: "boolean", help: "overwrite files that differ from what init would write" },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError("init takes no paths: it looks at the working folder");
    const found = await detectEvidence(io.cwd);
    const localSchema = "node_modules/comply-gate/schemas/config.schema.json";
    const schemaUrl = (await io.fileExists(join(io.cwd, localSchema)))
      ? `./${localSchema}`
      : `https://unpkg.com/comply-gate@${packageJson.version}/schemas/config.schema.json`;
    const files: [string, string][] = [
      [CONFIG_FILE, configText(found, { schemaUrl })],
      [WORKFLOW_FILE, workflowText(found, { version: packageJson.version })],
    ];
    io.stdout(`Evidence found under ${io.cwd}:\n${describeFound(found)}`);
    let kept = 0;
    for (const [name, content] of files) {
      const path = join(io.cwd, name);
      const existing = await readFile(path, "utf8").catch(() => undefined);
      if (existing === content) {
        io.stdout(`unchanged  ${name}\n`);
        continue;
      }
      if (existing !== undefined && values.force !== true) {
        io.stdout(`kept       ${name} (it differs from what init would write; --force overwrites it)\n`);
        kept++;
        continue;
      }
      await mkdir(join(path, ".."), { recursive: true });
      await writeOrFail(path, content, name);
      io.stdout(`${existing === undefined ? "wrote     " : "rewrote   "} ${name}\n`);
    }
    io.stdout("Next: npx comply-gate check\n");
    return kept > 0 ? EXIT_USAGE : EXIT_PASS;
  },
};
