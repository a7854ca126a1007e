/**
 * What a signed statement names besides the report: every file a check read (by report path and SHA-256), and
 * the configuration that decided the verdict.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { canonicalJson } from "../core/canonical-json.js";
import type { Report } from "../core/model.js";
import { sha256File } from "../io/digest.js";
import type { ReadInput } from "../io/expand.js";
import { refusalOf } from "../io/gate.js";
import { type Subject, sha256Hex } from "./attestation.js";

/**
 * A subject per file the checks read (`ChecksOutput.read`: a directory's or a glob's files one by one, both
 * sides of a two-sided check, key maps, anchors, policies, history; a `git:` baseline by commit and path),
 * sorted by name. A file gone since it was read, or that is no regular file inside `cwd` (the workspace), is
 * left out. Without `read` (a command that does not list its reads), the checks' targets that are files.
 */
export async function inputSubjects(options: {
  report: Report;
  read?: readonly ReadInput[] | undefined;
  cwd: string;
}): Promise<Subject[]> {
  const read: readonly ReadInput[] =
    options.read ??
    [...new Set(options.report.checks.map((check) => check.target))].map((target) => ({
      name: target,
      path: resolve(options.cwd, target),
    }));
  const subjects: Subject[] = [];
  for (const input of [...read].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if ("sha256" in input) {
      subjects.push({ name: input.name, digest: { sha256: input.sha256 } });
      continue;
    }
    if ((await refusalOf(input.path, { workspace: options.cwd })) !== undefined) continue;
    const info = await stat(input.path).catch(() => undefined);
    if (info?.isFile()) subjects.push({ name: input.name, digest: { sha256: await sha256File(input.path) } });
  }
  return subjects;
}

/** The config file by digest, or (for a run configured by flags or inputs) the canonical settings by digest. */
export async function configurationSubjects(options: {
  configFile?: { path: string; name: string } | undefined;
  settings?: unknown;
}): Promise<Subject[]> {
  if (options.configFile) {
    return [{ name: options.configFile.name, digest: { sha256: sha256Hex(await readFile(options.configFile.path)) } }];
  }
  return [{ name: "comply-gate:settings", digest: { sha256: sha256Hex(canonicalJson(options.settings ?? {})) } }];
}
