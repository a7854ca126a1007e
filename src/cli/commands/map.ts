/** `comply-gate map`: map spanforge events to regulatory clauses. */
import { resolve } from "node:path";
import { expand, refusedResults, runMapping } from "../../checks/run.js";
import { displayPath } from "../../io/expand.js";
import type { Command } from "../command.js";
import { runContext } from "../context.js";
import { UsageError } from "../errors.js";
import { envName, OUTPUT_FLAGS, text } from "../flags.js";
import { outputFlags } from "../output.js";

export const FRAMEWORKS = "eu_ai_act, gdpr, iso_42001, nist_ai_rmf, soc2, hipaa";

export const mapCommand: Command = {
  name: "map",
  summary: "map events to regulatory clauses and check the coverage",
  usage: "<events>... --framework NAME [--framework NAME]... [flags]",
  details: `Frameworks: ${FRAMEWORKS}.`,
  flags: {
    framework: { type: "string", multiple: true, value: "NAME", help: `a framework to map to (${FRAMEWORKS})` },
    from: { type: "string", value: "DATE", help: "the period's start (ISO date or instant)" },
    to: { type: "string", value: "DATE", help: "the period's end (a date covers its whole day)" },
    model: { type: "string", value: "ID", help: "only events about this model count" },
    registry: { type: "string", value: "FILE", help: "a model registry: events about unregistered models warn" },
    "max-age": { type: "string", value: "DAYS", help: "evidence older than DAYS is stale (default 90)" },
    "key-env": { type: "string", value: "NAME", help: "the environment variable holding signed chains' HMAC key" },
    attestation: { type: "string", value: "FILE", help: "a spanforge attestation to verify against the same events" },
    ...OUTPUT_FLAGS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError("map needs at least one events file, directory or glob");
    const frameworks = (values.framework as string[] | undefined) ?? [];
    if (frameworks.length === 0) throw new UsageError("map needs --framework NAME");
    const maxAge = values["max-age"] === undefined ? undefined : Number(values["max-age"]);
    if (maxAge !== undefined && !(Number.isFinite(maxAge) && maxAge > 0)) {
      throw new UsageError("--max-age must be a positive number of days");
    }
    const file = (name: string) => {
      const value = text(values, name);
      return value === undefined ? undefined : resolve(io.cwd, value);
    };
    const from = text(values, "from");
    const to = text(values, "to");
    const model = text(values, "model");
    const registry = file("registry");
    const attestation = file("attestation");
    const keyEnv = envName(values["key-env"], "--key-env");
    const mapping = {
      frameworks,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(model === undefined ? {} : { model }),
      ...(registry === undefined ? {} : { registry }),
      ...(attestation === undefined ? {} : { attestation }),
      ...(maxAge === undefined ? {} : { maxAgeDays: maxAge }),
      ...(keyEnv === undefined ? {} : { keyEnv }),
    };
    const context = runContext(io);
    const paths = positionals.map((p) => resolve(io.cwd, p));
    const { files, unmatched, refused } = await expand(paths, [".jsonl", ".json"], context);
    if (unmatched.length > 0) {
      const shown = unmatched.map((u) => JSON.stringify(displayPath(u, io.cwd))).join(", ");
      throw new UsageError(`no events file matches ${shown}`);
    }
    const target = paths.map((p) => displayPath(p, io.cwd)).join(", ");
    const results = [
      ...refusedResults(refused, "mapping"),
      ...(files.length > 0 ? await runMapping(mapping, { files, target }, context) : []),
    ];
    return { output: { results, checkpoints: [] }, failOn: "fail", flags: outputFlags(values) };
  },
};
