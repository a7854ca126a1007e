/** `comply-gate check`: run everything the config lists, as the Action does. */
import { resolve } from "node:path";
import { runChecks } from "../../checks/run.js";
import { CONFIG_FILE_NAMES, type GateConfig, loadConfig } from "../../config/config.js";
import { displayPath } from "../../io/expand.js";
import type { Command } from "../command.js";
import { runContext } from "../context.js";
import { InputError, readInput, UsageError } from "../errors.js";
import { envName, FAIL_ON, OUTPUT_FLAGS, oneOf, shardFlag, text } from "../flags.js";
import type { CliIo } from "../io.js";
import { chooseFormat, detailFlag, OUTPUT_FORMATS, type OutputFlags } from "../output.js";

async function findConfig(io: CliIo): Promise<string> {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(io.cwd, name);
    if (await io.fileExists(candidate)) return candidate;
  }
  throw new InputError(
    `no config file in ${io.cwd}: run 'comply-gate init' to write ${CONFIG_FILE_NAMES[0]}, or pass --config FILE`,
  );
}

export const checkCommand: Command = {
  name: "check",
  summary: "run every check comply-gate.yml lists (what the Action runs)",
  usage: "[flags]",
  flags: {
    config: { type: "string", value: "FILE", help: "the config (default: comply-gate.yml in the working folder)" },
    format: {
      type: "string",
      value: OUTPUT_FORMATS.join("|"),
      help: "the report's format, on stdout or in --out FILE (default text)",
    },
    "fail-on": {
      type: "string",
      value: FAIL_ON.join("|"),
      help: "the least severe status that fails the gate (overrides the config's failOn)",
    },
    bundle: { type: "string", value: "DIR", help: "write the report bundle (report, statement, seal, SARIF) to DIR" },
    "signing-key-env": { type: "string", value: "NAME", help: "sign the bundle with the Ed25519 PEM key in NAME" },
    "hmac-key-env": { type: "string", value: "NAME", help: "seal the bundle with the HMAC key in NAME" },
    shard: { type: "string", value: "i/n", help: "scan shard i of n of the datasets (combine with `merge`)" },
    ...OUTPUT_FLAGS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) {
      throw new UsageError(`check takes no positional arguments (got ${positionals.join(" ")})`);
    }
    const shard = shardFlag(values.shard);
    const format = chooseFormat(values, { formatFlag: true });
    const failOn = oneOf(text(values, "fail-on"), FAIL_ON, "--fail-on");
    const signingKeyEnv = envName(values["signing-key-env"], "--signing-key-env");
    const hmacKeyEnv = envName(values["hmac-key-env"], "--hmac-key-env");
    if ((signingKeyEnv || hmacKeyEnv) && values.bundle === undefined) {
      throw new UsageError("--signing-key-env and --hmac-key-env sign a bundle: add --bundle DIR");
    }
    const configFlag = text(values, "config");
    const configPath = configFlag === undefined ? await findConfig(io) : resolve(io.cwd, configFlag);
    if (configFlag !== undefined) await readInput(configPath, configFlag); // missing or unreadable: said as such
    const config: GateConfig = await loadConfig(configPath);
    const output = await runChecks(config, { ...runContext(io), ...(shard ? { shard } : {}) });
    const bundleDir = text(values, "bundle");
    const bundle =
      bundleDir !== undefined
        ? { dir: bundleDir, ...(signingKeyEnv ? { signingKeyEnv } : {}), ...(hmacKeyEnv ? { hmacKeyEnv } : {}) }
        : undefined;
    const flags: OutputFlags = {
      format,
      out: text(values, "out"),
      ...detailFlag(values),
      configFile: { path: configPath, name: displayPath(configPath, io.cwd) },
      ...(bundle ? { bundle } : {}),
    };
    // On the command line --fail-on is the user's own choice for this run: it wins over the config's failOn.
    return { output, failOn: failOn ?? config.failOn, flags, ...(shard ? { shard } : {}) };
  },
};
