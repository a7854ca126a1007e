/**
 * What a signed statement names besides the report: every input file a check read (by report path and
 * SHA-256), and the configuration that decided the verdict.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { canonicalJson } from "../core/canonical-json.js";
import type { Report } from "../core/model.js";
import { sha256File } from "../io/digest.js";
import { type Subject, sha256Hex } from "./attestation.js";

export async function inputSubjects(report: Report, cwd: string): Promise<Subject[]> {
  const targets = [...new Set(report.checks.map((check) => check.target))].sort();
  const subjects: Subject[] = [];
  for (const target of targets) {
    const path = resolve(cwd, target);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) subjects.push({ name: target, digest: { sha256: await sha256File(path) } });
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
