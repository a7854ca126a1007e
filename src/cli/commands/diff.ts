/** `comply-gate diff`: compare a metric snapshot with its baseline. */
import { resolve } from "node:path";
import { runDiffInput } from "../../checks/run.js";
import type { Command } from "../command.js";
import { runContext } from "../context.js";
import { InputError, UsageError } from "../errors.js";
import { OUTPUT_FLAGS, text } from "../flags.js";
import { outputFlags } from "../output.js";

export const diffCommand: Command = {
  name: "diff",
  summary: "compare a compliance snapshot with its baseline",
  usage: "<baseline> <current> [flags]",
  details: "<baseline>: a file, or git:<ref>:<path> read from git.",
  flags: {
    policy: {
      type: "string",
      value: "FILE",
      help: "per metric: direction, tolerance, limit (default: torchcomply's rules)",
    },
    ...OUTPUT_FLAGS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 2) throw new UsageError("diff takes a baseline and a current snapshot");
    const [baseline, current] = positionals as [string, string];
    const policy = text(values, "policy");
    const input = {
      snapshot: resolve(io.cwd, current),
      baseline: baseline.startsWith("git:") ? baseline : resolve(io.cwd, baseline),
      ...(policy === undefined ? {} : { policy: resolve(io.cwd, policy) }),
    };
    const result = await runDiffInput(input, runContext(io));
    // For `diff`, input that cannot be read is an input error (exit 2), as the contract says.
    const unreadable = result.findings.find((f) => f.rule === "diff.unreadable");
    if (unreadable) throw new InputError(unreadable.message);
    return { output: { results: [result], checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
  },
};
