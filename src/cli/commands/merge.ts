/**
 * `comply-gate merge`: combine shard reports into the report a single run gives: every shard of the same count
 * must be there, each dataset's units exactly once. Dataset options come from the config (the one the shards used).
 */
import { resolve } from "node:path";
import { type GateConfig, loadConfig } from "../../config/config.js";
import type { Report } from "../../core/model.js";
import { mergeShardReports } from "../../dataset/merge-reports.js";
import { type DatasetOptions, DEFAULT_DATASET_OPTIONS } from "../../dataset/options.js";
import { displayPath } from "../../io/expand.js";
import { validateReport } from "../../report/verify.js";
import type { Command } from "../command.js";
import { InputError, readInput, UsageError } from "../errors.js";
import { OUTPUT_FLAGS, text } from "../flags.js";
import { outputFlags } from "../output.js";

/** The options a config gives the dataset a shard report names (defaults when there is no config). */
function datasetOptionsFor(config: GateConfig | undefined, target: string, cwd: string): DatasetOptions {
  const input = config?.datasets?.find((d) => d.paths.map((path) => displayPath(path, cwd)).join(", ") === target);
  return input?.options ?? DEFAULT_DATASET_OPTIONS;
}

export const mergeCommand: Command = {
  name: "merge",
  summary: "combine the reports of `--shard i/n` runs into one",
  usage: "<shard-report.json>... [flags]",
  flags: {
    config: { type: "string", value: "FILE", help: "the config the shards ran with (its dataset options)" },
    ...OUTPUT_FLAGS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError("merge needs the shard reports (JSON) to combine");
    const reports: Report[] = [];
    for (const path of positionals) {
      const bytes = await readInput(resolve(io.cwd, path), path);
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString("utf8"));
      } catch {
        throw new InputError(`${path}: not JSON (a shard report is the JSON of a --shard i/n run)`);
      }
      const problems = validateReport(parsed);
      if (problems.length > 0) throw new InputError(`${path}: not a comply-gate report (${problems[0]})`);
      const report = parsed as Report;
      if (!report.shard) throw new InputError(`${path}: not a shard report (run with --shard i/n)`);
      reports.push(report);
    }
    const count = reports[0]?.shard?.count ?? 0;
    const seen = new Set<number>();
    for (const [i, report] of reports.entries()) {
      const shard = report.shard as NonNullable<Report["shard"]>;
      if (shard.count !== count)
        throw new InputError(`${positionals[i]}: shard of ${shard.count}, the others of ${count}`);
      if (seen.has(shard.index)) throw new InputError(`${positionals[i]}: shard ${shard.index}/${count} given twice`);
      seen.add(shard.index);
    }
    const absent = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
    if (absent.length > 0)
      throw new InputError(`missing shard report(s): ${absent.map((k) => `${k}/${count}`).join(", ")}`);
    const configPath = text(values, "config");
    const config = configPath === undefined ? undefined : await loadConfig(resolve(io.cwd, configPath));
    const merged = mergeShardReports(reports, {
      optionsFor: (target) => datasetOptionsFor(config, target, io.cwd),
    });
    return {
      output: { results: merged.results, checkpoints: merged.checkpoints },
      failOn: config?.failOn ?? reports[0]?.policy.failOn ?? "fail",
      flags: outputFlags(values),
    };
  },
};
