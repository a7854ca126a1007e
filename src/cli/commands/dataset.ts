/** `comply-gate dataset`: scan training data against EU AI Act Article 10. */
import { resolve } from "node:path";
import { type ChecksOutput, runDatasetInput } from "../../checks/run.js";
import { datasetOptions } from "../../dataset/options.js";
import { FORMAT_BY_EXTENSION } from "../../dataset/readers/reader.js";
import type { Command } from "../command.js";
import { runContext } from "../context.js";
import { refuseMissing, refuseUnreadable, UsageError } from "../errors.js";
import { OUTPUT_FLAGS, shardFlag, text } from "../flags.js";
import { outputFlags } from "../output.js";

export const datasetCommand: Command = {
  name: "dataset",
  summary: "scan datasets against EU AI Act Article 10 (PII, consent, duplicates …)",
  usage: "<path|dir|glob>... [flags]",
  flags: {
    shard: { type: "string", value: "i/n", help: "scan shard i of n (combine the reports with `merge`)" },
    "label-column": { type: "string", value: "NAME", help: "the column holding the label (class balance)" },
    ...OUTPUT_FLAGS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError("dataset needs at least one file, directory or glob");
    const shard = shardFlag(values.shard);
    const input = {
      paths: positionals.map((p) => resolve(io.cwd, p)),
      optional: false,
      options: datasetOptions({ labelColumn: text(values, "label-column") }),
    };
    await refuseUnreadable(positionals, io.cwd);
    const { result, partial } = await runDatasetInput(input, { ...runContext(io), ...(shard ? { shard } : {}) });
    await refuseMissing([result], { cwd: io.cwd, extensions: Object.keys(FORMAT_BY_EXTENSION) });
    const output: ChecksOutput = { results: [result], checkpoints: [], ...(partial ? { partials: [partial] } : {}) };
    return { output, failOn: "fail", flags: outputFlags(values), ...(shard ? { shard } : {}) };
  },
};
