/** `comply-gate scope`: every event of a file belongs to one organisation, one team, or both. */
import { resolve } from "node:path";
import { runScopeInput } from "../../checks/run.js";
import type { Command } from "../command.js";
import { runContext } from "../context.js";
import { refuseUnreadable, UsageError } from "../errors.js";
import { OUTPUT_FLAGS, text } from "../flags.js";
import { outputFlags } from "../output.js";

export const scopeCommand: Command = {
  name: "scope",
  summary: "check that an event file stays within one organisation, one team, or both",
  usage: "<file> (--org ID | --team ID | both) [flags]",
  flags: {
    org: { type: "string", value: "ID", help: "the organisation every event must belong to" },
    team: { type: "string", value: "ID", help: "the team every event must belong to (--org, --team or both)" },
    ...OUTPUT_FLAGS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError("scope takes one event file");
    const org = text(values, "org");
    const team = text(values, "team");
    if (org === "" || team === "") throw new UsageError("--org and --team take a non-empty id");
    if (org === undefined && team === undefined) throw new UsageError("scope needs --org ID, --team ID or both");
    const input = { path: resolve(io.cwd, positionals[0] as string), org, team };
    await refuseUnreadable(positionals, io.cwd);
    const result = await runScopeInput(input, runContext(io));
    return { output: { results: [result], checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
  },
};
