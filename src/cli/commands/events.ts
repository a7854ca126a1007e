/** `comply-gate events`: spanforge events against the compatibility checklist (CHK-1..CHK-5). */
import { resolve } from "node:path";
import { runEventsInput } from "../../checks/run.js";
import type { Command } from "../command.js";
import { runContext } from "../context.js";
import { refuseMissing, refuseUnreadable, UsageError } from "../errors.js";
import { OUTPUT_FLAGS } from "../flags.js";
import { outputFlags } from "../output.js";

export const eventsCommand: Command = {
  name: "events",
  summary: "check spanforge events (CHK-1..CHK-5, the envelope schema)",
  usage: "<file|dir|glob>... [flags]",
  flags: OUTPUT_FLAGS,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError("events needs at least one file, directory or glob");
    await refuseUnreadable(positionals, io.cwd);
    const results = await runEventsInput(
      { paths: positionals.map((p) => resolve(io.cwd, p)), optional: false },
      runContext(io),
    );
    await refuseMissing(results, { cwd: io.cwd, extensions: [".jsonl", ".json"] });
    return { output: { results, checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
  },
};
