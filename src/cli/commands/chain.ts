/** `comply-gate chain`: verify hash-chained audit logs (torchcomply, spanforge). */
import { resolve } from "node:path";
import type { FormatChoice } from "../../checks/chain/index.js";
import { DEFAULT_KEY_ENV } from "../../checks/chain/keys.js";
import { runChainInput } from "../../checks/run.js";
import type { Command } from "../command.js";
import { runContext } from "../context.js";
import { refuseMissing, refuseUnreadable, UsageError } from "../errors.js";
import { envName, FAIL_ON, OUTPUT_FLAGS, oneOf, text } from "../flags.js";
import { outputFlags } from "../output.js";

const FORMATS = ["auto", "torchcomply", "spanforge"] as const;

export const chainCommand: Command = {
  name: "chain",
  summary: "verify hash-chained audit logs (torchcomply, spanforge)",
  usage: "<path|dir|glob>... [flags]",
  flags: {
    format: {
      type: "string",
      value: "auto|torchcomply|spanforge",
      help: "the log format (auto: from the first entry)",
    },
    "key-env": {
      type: "string",
      value: "NAME",
      help: `the environment variable holding a spanforge chain's HMAC key (default ${DEFAULT_KEY_ENV})`,
    },
    "key-map": { type: "string", value: "FILE", help: "JSON map of key-rotation event ids to variable names" },
    anchor: { type: "string", value: "FILE", help: "an earlier report: its chain heads must still be in the logs" },
    "fail-on": { type: "string", value: "error|fail|warn", help: "the least severe status that fails (default fail)" },
    ...OUTPUT_FLAGS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError("chain needs at least one path, directory or glob");
    const keyEnv = envName(values["key-env"], "--key-env") ?? DEFAULT_KEY_ENV;
    const format: FormatChoice = oneOf(text(values, "format"), FORMATS, "--format") ?? "auto";
    const failOn = oneOf(text(values, "fail-on"), FAIL_ON, "--fail-on") ?? "fail";
    const keyMap = text(values, "key-map");
    const anchor = text(values, "anchor");
    const input = {
      paths: positionals.map((path) => resolve(io.cwd, path)),
      format,
      keyEnv,
      keyMap: keyMap === undefined ? undefined : resolve(io.cwd, keyMap),
      anchor: anchor === undefined ? undefined : resolve(io.cwd, anchor),
      optional: false,
    };
    await refuseUnreadable(positionals, io.cwd);
    const output = await runChainInput(input, runContext(io));
    await refuseMissing(output.results, { cwd: io.cwd, extensions: [".jsonl"] });
    return { output, failOn, flags: outputFlags(values) };
  },
};
