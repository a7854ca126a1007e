/**
 * `comply-gate merge`: shard reports → the report a single run gives. Each dataset is finished from its
 * shards' partial states (never from their already-judged results, which saw only part of the rows); the
 * other checks ran in shard 1 only and are taken as they are.
 */
import type { Checkpoint, CheckResult, Report } from "../core/model.js";
import type { DatasetPartial } from "./accumulator.js";
import type { DatasetOptions } from "./options.js";
import { mergeDatasetPartials } from "./scan.js";

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MergeError";
  }
}

export function mergeShardReports(
  reports: readonly Report[],
  options: { optionsFor: (target: string) => DatasetOptions },
): { results: CheckResult[]; checkpoints: Checkpoint[] } {
  const ordered = [...reports].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const partialsByTarget = new Map<string, DatasetPartial[]>();
  for (const report of ordered) {
    for (const raw of report.shard?.partials ?? []) {
      const partial = raw as unknown as DatasetPartial;
      if (typeof partial.target !== "string") throw new MergeError("a shard report holds a malformed dataset partial");
      const list = partialsByTarget.get(partial.target) ?? [];
      list.push(partial);
      partialsByTarget.set(partial.target, list);
    }
  }
  const results: CheckResult[] = [];
  const checkpoints: Checkpoint[] = [];
  for (const report of ordered) {
    for (const check of report.checks) {
      if (check.id !== "dataset") {
        results.push(check);
        continue;
      }
      if (report !== ordered[0]) continue; // every shard judges each dataset: take one place in the order
      const partials = partialsByTarget.get(check.target);
      if (!partials) {
        results.push(check); // no rows were planned (a path matched nothing): the same in every shard
        continue;
      }
      try {
        results.push(mergeDatasetPartials(partials, options.optionsFor(check.target)));
      } catch (error) {
        throw new MergeError(`dataset \`${check.target}\`: ${(error as Error).message}`);
      }
    }
    checkpoints.push(...report.checkpoints);
  }
  return { results, checkpoints };
}
