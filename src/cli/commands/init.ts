/**
 * `comply-gate init`: detect the evidence under the working folder, write `comply-gate.yml` and a workflow that
 * runs the Action pinned by SHA, say what was found. Idempotent: an identical file is left alone; a file the user
 * changed is kept (and said so) unless `--force`. With no evidence it writes nothing.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type ActionRef, defaultActionRef, packageRootOf, parseActionRef, schemaUrlAt } from "../../init/action-ref.js";
import { detectEvidence } from "../../init/detect.js";
import { CONFIG_FILE, configText, describeFound, hasEvidence, WORKFLOW_FILE, workflowText } from "../../init/files.js";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { HELP_FLAG, text } from "../flags.js";
import { EXIT_GATE_FAILED, EXIT_PASS } from "../io.js";
import { writeOrFail } from "../output.js";

/** What init looks for, said when it finds none of it. */
const LOOKED_FOR =
  "torchcomply audit chains and spanforge events (*.jsonl, by their first entry), datasets (*.csv, *.parquet, " +
  "compressed *.jsonl/*.json/*.csv/*.txt anywhere; *.jsonl, *.json and *.txt under data/, dataset(s)/, train(ing)/, " +
  "corpus/), compliance snapshots (*.json with metrics); node_modules, .git, dist and virtualenvs skipped";

const LOCAL_SCHEMA = "node_modules/comply-gate/schemas/config.schema.json";

export const initCommand: Command = {
  name: "init",
  summary: "detect evidence here; write comply-gate.yml and a GitHub workflow",
  usage: "[flags]",
  flags: {
    force: { type: "boolean", help: "overwrite files that differ from what init would write" },
    "action-ref": {
      type: "string",
      value: "OWNER/REPO@REF",
      help: "the Action the workflow runs (default comply-gate/comply-gate at this release's commit)",
    },
    ...HELP_FLAG,
  },
  details:
    "The workflow runs the comply-gate Action pinned by commit SHA: the --action-ref SHA, else this package's\n" +
    "release commit (package.json gitHead), else the HEAD of the comply-gate checkout it runs from; when none is\n" +
    "known it names the v1 tag and says how to pin it. The config's $schema is the installed package's schema\n" +
    "(node_modules/comply-gate) or the repository's at that ref.",
  exitCodes:
    "Exit codes: 0 files written or kept (a file you changed is kept unless --force), 1 no evidence found (nothing\n" +
    "written), 2 usage error.",
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError("init takes no paths: it looks at the working folder");
    const refFlag = text(values, "action-ref");
    let action: ActionRef;
    if (refFlag !== undefined) {
      const parsed = parseActionRef(refFlag);
      if (!parsed) throw new UsageError(`--action-ref takes OWNER/REPO@REF, e.g. comply-gate/comply-gate@<sha>`);
      action = parsed;
    } else {
      action = await defaultActionRef(packageRootOf(import.meta.dirname));
    }
    const found = await detectEvidence(io.cwd);
    if (!hasEvidence(found)) {
      const snapshots =
        found.snapshots.length > 0
          ? ` (found only compliance snapshots: ${found.snapshots.join(", ")}; a snapshot diff needs a baseline)`
          : "";
      io.stderr(
        `comply-gate: no evidence found under ${io.cwd}${snapshots}: nothing written. Looked for ${LOOKED_FOR}.\n`,
      );
      return EXIT_GATE_FAILED;
    }
    const schemaUrl = (await io.fileExists(join(io.cwd, LOCAL_SCHEMA))) ? `./${LOCAL_SCHEMA}` : schemaUrlAt(action);
    const files: [string, string][] = [
      [CONFIG_FILE, configText(found, { schemaUrl })],
      [WORKFLOW_FILE, workflowText(found, { action })],
    ];
    io.stdout(`Evidence found under ${io.cwd}:\n${describeFound(found)}`);
    for (const [name, content] of files) {
      const path = join(io.cwd, name);
      const existing = await readFile(path, "utf8").catch(() => undefined);
      if (existing === content) {
        io.stdout(`unchanged  ${name}\n`);
        continue;
      }
      if (existing !== undefined && values.force !== true) {
        io.stdout(`kept       ${name} (yours differs from what init would write; --force overwrites it)\n`);
        continue;
      }
      await mkdir(join(path, ".."), { recursive: true });
      await writeOrFail(path, content, name);
      io.stdout(`${existing === undefined ? "wrote     " : "rewrote   "} ${name}\n`);
    }
    io.stdout(
      action.pinned
        ? `The workflow runs ${action.repository}@${action.ref} (from ${action.source}).\n`
        : `note: the workflow runs ${action.repository}@${action.ref}, a tag, not a commit: pin it by SHA ` +
            `(comply-gate init --force --action-ref ${action.repository}@<sha>).\n`,
    );
    io.stdout("Next: npx comply-gate check\n");
    return EXIT_PASS;
  },
};
