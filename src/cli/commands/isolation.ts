/** `comply-gate isolation`: two tenants' event files share no identifiers. */
import { resolve } from "node:path";
import { runIsolationInput } from "../../checks/run.js";
import type { Command } from "../command.js";
import { runContext } from "../context.js";
import { refuseUnreadable, UsageError } from "../errors.js";
import { OUTPUT_FLAGS } from "../flags.js";
import { outputFlags } from "../output.js";

export const isolationCommand: Command = {
  name: "isolation",
  summary: "check that two tenants' event files share no organisation (tenant isolation)",
  usage: "<a> <b> [flags]",
  flags: {
    strict: { type: "boolean", help: "an event without org_id is a violation (the default)" },
    "no-strict": { type: "boolean", help: "events without org_id are not checked" },
    ...OUTPUT_FLAGS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 2) throw new UsageError("isolation takes two event files, one per tenant");
    if (values.strict && values["no-strict"]) throw new UsageError("--strict and --no-strict contradict each other");
    const [a, b] = positionals as [string, string];
    const input = { a: resolve(io.cwd, a), b: resolve(io.cwd, b), strict: values["no-strict"] !== true };
    await refuseUnreadable(positionals, io.cwd);
    const result = await runIsolationInput(input, runContext(io));
    return { output: { results: [result], checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
  },
};
