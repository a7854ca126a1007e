/**
 * The policy of a pull request's run. The branch under review must not weaken its own verdict, so its config
 * is a proposal judged against the config at the merge base (the policy the base branch holds):
 *
 * - the head's config governs the run when it is as strict as the base's or stricter, or when every weakening
 *   was approved on the head commit by someone other than the author with write access;
 * - otherwise the base's config governs (the head's evidence judged by the base's policy), and a `policy`
 *   check lists each weakening as an `error` finding (`policy.weakened`): an error fails under every `failOn`
 *   and can never be waived.
 *
 * Locally and on a push the working tree's config applies: this module is only used for pull requests.
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, join, posix, resolve, sep } from "node:path";
import { CONFIG_FILE_NAMES, ConfigError, type ConfigFile, parseConfigText, resolveConfig } from "../config/config.js";
import type { CheckResult, Clause, Finding } from "../core/model.js";
import { BaselineError, findMergeBase } from "../diff/baseline.js";
import { type Approval, findApproval, type PullRequestRef, type ReviewsClient } from "./approval.js";
import {
  configAtCommit,
  type FileAtCommit,
  gitPath,
  PolicyReadError,
  readAtCommit,
  workingTreeBlob,
} from "./base-config.js";
import { describeWeakening, referencedFiles, type Weakening, weakenings } from "./policy-diff.js";

/** A config file's parsed value, where it came from, and the folder its paths resolve in. */
export interface GoverningConfig {
  readonly value: unknown;
  /** Names the file in messages: the path, and for the base's copy the commit it was read at. */
  readonly source: string;
  readonly baseDir: string;
  /** The config file in the workspace (the head's copy, or where the base's would be). */
  readonly path: string;
  /** The base's bytes when the base's copy governs (the workspace holds the head's). */
  readonly baseText?: string;
}

export interface PullRequestPolicy {
  /** The config that governs the run, or none (no config at the merge base or in the head). */
  readonly governing: GoverningConfig | undefined;
  /** The `policy` check: pass, or an error listing every unapproved weakening. */
  readonly result: CheckResult;
  /** Every weakening found, approved or not. */
  readonly weakenings: readonly Weakening[];
}

interface PullRequestPayload {
  readonly pull_request?: {
    readonly number?: number;
    readonly user?: { readonly login?: string } | null;
    readonly base?: { readonly sha?: string };
    readonly head?: { readonly sha?: string };
  };
}

/**
 * The pull request an event is about (`pull_request`, `pull_request_review`, … carry one), or undefined for a
 * push, a schedule or a manual run. GitHub writes the payload, not the change under review.
 */
export function pullRequestOf(
  payload: PullRequestPayload,
  repository: { readonly owner: string; readonly repo: string },
): (PullRequestRef & { readonly baseSha: string }) | undefined {
  const pr = payload.pull_request;
  const baseSha = pr?.base?.sha;
  const headSha = pr?.head?.sha;
  const author = pr?.user?.login;
  if (!pr || typeof pr.number !== "number" || !baseSha || !headSha || !author) return undefined;
  return { ...repository, number: pr.number, baseSha, headSha, author };
}

export interface PullRequestPolicyOptions {
  /** The workspace: the repository checked out at the head (or the merge commit GitHub made). */
  readonly cwd: string;
  /** The config path the workflow names (relative to the workspace), else the usual names are looked for. */
  readonly configPath?: string;
  readonly pullRequest: PullRequestRef & { readonly baseSha: string };
  /** The REST client that reads reviews and permissions; none: no approval can be found. */
  readonly client: ReviewsClient | undefined;
  /** Deepen a shallow clone at most this many times (50 commits each) to reach the merge base. */
  readonly maxDeepen?: number;
}

const CHECK = "policy";
const RULE = "policy.weakened";

const toPosix = (path: string) => path.split(sep).join("/");

/** Validate a config value as the loader would, for comparing: a config error names `source`. */
function validated(value: unknown, source: string, baseDir: string): ConfigFile {
  resolveConfig(value, { source, baseDir });
  return value as ConfigFile;
}

/** Weakenings of files the config points to: same key and path in both, different content. */
async function referencedContentChanges(options: {
  cwd: string;
  mergeBase: string;
  configDir: string;
  base: ConfigFile;
  head: ConfigFile;
}): Promise<Weakening[]> {
  const headFiles = referencedFiles(options.head);
  const changes: Weakening[] = [];
  for (const { key, path } of referencedFiles(options.base)) {
    if (!headFiles.some((h) => h.key === key && h.path === path)) continue; // a moved path is reported already
    const inRepo = gitPath(posix.join(options.configDir, toPosix(path)));
    if (inRepo === undefined) continue; // outside the workspace: the run refuses to read it
    const before = await readAtCommit({ cwd: options.cwd, sha: options.mergeBase, path: inRepo });
    const after = await workingTreeBlob({ cwd: options.cwd, path: inRepo });
    if (before?.blob !== after) {
      const blob = (id: string | undefined) => (id === undefined ? "(no file)" : `blob ${id.slice(0, 12)}`);
      changes.push({ key, change: "changed", from: `${path} ${blob(before?.blob)}`, to: `${path} ${blob(after)}` });
    }
  }
  return changes;
}

function policyResult(options: {
  target: string;
  status: CheckResult["status"];
  summary: string;
  clause: Omit<Clause, "id" | "title" | "refs">;
  findings?: readonly Finding[];
}): CheckResult {
  return {
    id: CHECK,
    target: options.target,
    status: options.status,
    summary: options.summary,
    metrics: {},
    clauses: [
      {
        id: RULE,
        title: "The change under review does not weaken the gate's policy (or the weakening was approved)",
        refs: [],
        ...options.clause,
      },
    ],
    findings: options.findings ?? [],
  };
}

/** A policy check that could not read the base's policy: an error, so the run fails closed. */
function unreadable(target: string, message: string): CheckResult {
  return policyResult({
    target,
    status: "error",
    summary: message,
    clause: { status: "error", detail: message, evidence: {} },
    findings: [{ rule: "policy.unreadable", severity: "error", message, location: { path: target } }],
  });
}

async function headConfig(cwd: string, path: string): Promise<{ value: unknown; text: string } | undefined> {
  const text = await readFile(resolve(cwd, path), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new ConfigError(`${path}: cannot read the config file (${error.code ?? "error"})`);
  });
  return text === undefined ? undefined : { value: parseConfigText(text, path), text };
}

/** The first config file name present in the workspace (the usual lookup), if any. */
async function findInWorkspace(cwd: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    if ((await stat(join(cwd, name)).catch(() => undefined))?.isFile()) return name;
  }
  return undefined;
}

/** Decide which config governs a pull request's run, and the `policy` check that says why. */
export async function pullRequestPolicy(options: PullRequestPolicyOptions): Promise<PullRequestPolicy> {
  const { cwd, pullRequest: pr } = options;
  const head12 = pr.headSha.slice(0, 12);
  let mergeBase: string;
  let base: FileAtCommit | undefined;
  try {
    mergeBase = await findMergeBase({
      cwd,
      baseSha: pr.baseSha,
      headSha: pr.headSha,
      ...(options.maxDeepen === undefined ? {} : { maxDeepen: options.maxDeepen }),
    });
    base = await configAtCommit({ cwd, sha: mergeBase, path: options.configPath });
  } catch (error) {
    if (!(error instanceof BaselineError || error instanceof PolicyReadError)) throw error;
    const path = options.configPath ?? (await findInWorkspace(cwd));
    const message = `the base branch's policy could not be read, so the change cannot be judged against it: ${error.message}`;
    const headFile = path === undefined ? undefined : await headConfig(cwd, path);
    return {
      governing: headFile && path ? governingHead(cwd, path, headFile.value) : undefined,
      result: unreadable(path ?? "comply-gate.yml", message),
      weakenings: [],
    };
  }
  const path = base?.path ?? options.configPath ?? (await findInWorkspace(cwd));
  const target = path ?? "comply-gate.yml";
  const headFile = path === undefined ? undefined : await headConfig(cwd, path);
  const configDir = path === undefined ? "." : posix.dirname(toPosix(path));
  const baseDir = resolve(cwd, configDir);
  const baseLabel = base ? `${base.path} at the merge base ${mergeBase.slice(0, 12)}` : undefined;

  let baseValue: ConfigFile = {};
  if (base && baseLabel) {
    try {
      baseValue = validated(parseConfigText(base.text, base.path), baseLabel, baseDir);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return {
        governing: headFile && path ? governingHead(cwd, path, headFile.value) : undefined,
        result: unreadable(
          target,
          `the base branch's config is not valid, so the change cannot be judged against it: ${error.message}`,
        ),
        weakenings: [],
      };
    }
  }
  const headValue: ConfigFile = headFile && path ? validated(headFile.value, path, baseDir) : {};
  const list = [
    ...(base && !headFile ? [{ key: "(config file)", change: "removed" as const, from: base.path, to: "(none)" }] : []),
    ...weakenings(baseValue, headValue),
    ...(await referencedContentChanges({ cwd, mergeBase, configDir, base: baseValue, head: headValue })),
  ];
  const headGoverns = headFile && path ? governingHead(cwd, path, headFile.value) : undefined;
  if (list.length === 0) {
    const summary = base
      ? `the config is as strict as at the merge base ${mergeBase.slice(0, 12)} or stricter`
      : `no config at the merge base ${mergeBase.slice(0, 12)}; the change adds no waiver, limit or relaxed default`;
    return {
      governing: headGoverns,
      result: policyResult({
        target,
        status: "pass",
        summary,
        clause: { status: "pass", detail: summary, evidence: { mergeBase, head: pr.headSha } },
      }),
      weakenings: list,
    };
  }
  const approval: Approval = options.client
    ? await findApproval(options.client, pr)
    : { approved: false, reason: "no GitHub token to read the pull request's reviews with" };
  const lines = list.map(describeWeakening);
  if (approval.approved) {
    const summary = `${list.length} weakening(s) of the policy approved on ${head12} by @${approval.by} (${approval.permission} access)`;
    return {
      governing: headGoverns,
      result: policyResult({
        target,
        status: "pass",
        summary,
        clause: {
          status: "pass",
          detail: `${summary}: ${lines.join("; ")}`,
          evidence: { mergeBase, head: pr.headSha, approvedBy: approval.by, weakenings: lines },
        },
      }),
      weakenings: list,
    };
  }
  const why = `not approved: ${approval.reason}`;
  const summary = `${list.length} weakening(s) of the policy at the merge base ${mergeBase.slice(0, 12)}, not approved (${approval.reason}): the base's policy was applied`;
  return {
    governing:
      base && baseLabel && path
        ? { value: baseValue, source: baseLabel, baseDir, path: resolve(cwd, path), baseText: base.text }
        : headGoverns,
    result: policyResult({
      target,
      status: "error",
      summary,
      clause: {
        status: "error",
        detail: `${lines.join("; ")} — ${why}`,
        evidence: { mergeBase, head: pr.headSha, weakenings: lines },
      },
      findings: list.map((w) => ({
        rule: RULE,
        severity: "error" as const,
        message: `${describeWeakening(w)} — ${why}`,
        location: { path: target },
      })),
    }),
    weakenings: list,
  };
}

function governingHead(cwd: string, path: string, value: unknown): GoverningConfig {
  const absolute = resolve(cwd, path);
  return { value, source: absolute, baseDir: dirname(absolute), path: absolute };
}
