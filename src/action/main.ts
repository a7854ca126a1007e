/**
 * The GitHub Action: the only code that touches `@actions/*`. It runs the same core as the CLI, then does I/O
 * in a fixed order: report files → artifact → job summary → annotations → outputs → PR comment → fail last.
 * An upload or comment that fails (no permission, fork PR, GHES) is a warning that says what to change; it
 * never changes the verdict and never crashes the run.
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import { context, getOctokit } from "@actions/github";
import packageJson from "../../package.json" with { type: "json" };
import { CheckpointError } from "../checks/chain/checkpoints.js";
import { KeyMapError } from "../checks/chain/keys.js";
import { runChecks } from "../checks/run.js";
import { ConfigError } from "../config/config.js";
import type { Report } from "../core/model.js";
import { buildReport, subjectFromEnv } from "../core/report.js";
import { type ResolvedBaseline, resolveBaseline, resolveMergeBaseBaseline } from "../diff/baseline.js";
import { type GoverningConfig, pullRequestOf, pullRequestPolicy } from "../gate/pull-request.js";
import { OutputRefused, writeOutputFile } from "../io/write-output.js";
import { selectAnnotations } from "../report/annotations.js";
import { buildBundle, PREDICATE_FILE, REPORT_FILE, SARIF_FILE } from "../report/bundle.js";
import { configurationSubjects, inputSubjects } from "../report/inputs.js";
import {
  commentMarker,
  type MarkdownLinks,
  renderComment,
  renderSummary,
  SUMMARY_BUDGET_BYTES,
} from "../report/markdown.js";
import { uploadBundle } from "./artifact.js";
import { upsertComment } from "./comment.js";
import { artifactName, type RunInfo, readRunInfo } from "./context.js";
import { type ActionInputs, actionConfig, readInputs } from "./inputs.js";
import { setOutput } from "./outputs.js";

const FORK_PATTERN =
  "see the README's section on pull requests from forks (a workflow_run job posts the comment from the report artifact)";

function maskSecrets(inputs: ActionInputs): void {
  // The chain key arrives in an environment variable (a repository secret the runner masks already); mask it
  // here too, in case it was set some other way.
  const chainKey = process.env[inputs.chainKeyEnv];
  for (const secret of [inputs.signingKey, inputs.hmacKey, inputs.githubToken, chainKey]) {
    if (!secret) continue;
    core.setSecret(secret);
    // A PEM spans lines and the runner masks line by line.
    for (const line of secret.split(/\r?\n/)) {
      const part = line.trim();
      if (part.length > 8 && !part.startsWith("-----")) core.setSecret(part);
    }
  }
}

function signingKeyOf(inputs: ActionInputs): KeyObject | undefined {
  if (!inputs.signingKey) return undefined;
  try {
    const key = createPrivateKey(inputs.signingKey);
    if (key.asymmetricKeyType === "ed25519") return key;
  } catch {
    // fall through: never echo the value
  }
  throw new ConfigError("input `signing-key` is not an Ed25519 private key in PEM (the value is not shown)");
}

/** The inputs that decide what is checked and how: never the token or the keys (not even hashed). */
function checkSettings(inputs: ActionInputs): object {
  const { githubToken: _token, signingKey: _signing, hmacKey: _hmac, ...settings } = inputs;
  return settings;
}

/** Bytes the step summary may still take: other steps' content in this step counts toward GitHub's 1 MiB. */
async function summaryBudget(): Promise<number> {
  const path = process.env.GITHUB_STEP_SUMMARY;
  const used = path ? ((await stat(path).catch(() => undefined))?.size ?? 0) : 0;
  return Math.max(10_000, SUMMARY_BUDGET_BYTES - used);
}

/** The config file the statement names: when the base's copy governed, its bytes (the workspace holds the head's). */
async function governingConfigFile(
  configFile: { path: string; name: string } | undefined,
  governing: GoverningConfig | undefined,
  dir: string,
): Promise<{ path: string; name: string } | undefined> {
  if (!configFile || governing?.baseText === undefined) return configFile;
  const path = join(dir, "governing-config");
  await writeFile(path, governing.baseText);
  return { path, name: governing.source };
}

function statusOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error ? Number(error.status) : undefined;
}

async function postComment(report: Report, inputs: ActionInputs, info: RunInfo, links: MarkdownLinks): Promise<void> {
  if (inputs.comment === "never") return;
  const pr = info.pullRequest;
  if (!pr) {
    core.info("comply-gate: no pull request for this event; the result is in the job summary and the artifact.");
    return;
  }
  if (pr.fromFork && inputs.comment === "auto") {
    core.notice(`comply-gate: not commenting on a pull request from a fork (the token is read-only): ${FORK_PATTERN}.`);
    return;
  }
  try {
    const octokit = getOctokit(inputs.githubToken);
    const body = renderComment(report, { key: info.reportKey, links });
    const result = await upsertComment(octokit, {
      owner: info.owner,
      repo: info.repo,
      issueNumber: pr.number,
      body,
      marker: commentMarker(info.reportKey),
    });
    setOutput("comment-id", String(result.id));
    core.info(`comply-gate: ${result.action} the pull request comment ${result.id}.`);
  } catch (error) {
    const status = statusOf(error);
    const fix =
      status === 403 || status === 404
        ? `the token cannot write pull request comments: add \`permissions: pull-requests: write\` to the job${pr.fromFork ? `; on pull requests from forks the token is read-only: ${FORK_PATTERN}` : ""}`
        : `${(error as Error).message}`;
    core.warning(`comply-gate: the pull request comment was not posted (${fix}). The verdict is unchanged.`);
  }
}

/**
 * The default baseline, never from the working tree the change controls: the snapshot's own path at the pull
 * request's merge base, or at the commit before a push.
 */
async function autoBaseline(snapshot: string, workspace: string): Promise<ResolvedBaseline> {
  const path = relative(workspace, snapshot).split(sep).join("/");
  const payload = context.payload as {
    pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
    before?: string;
  };
  const baseSha = payload.pull_request?.base?.sha;
  const headSha = payload.pull_request?.head?.sha;
  if (baseSha && headSha) return resolveMergeBaseBaseline({ cwd: workspace, baseSha, headSha, path });
  const before = payload.before;
  if (before && /^[0-9a-f]{40}$/.test(before) && !/^0+$/.test(before)) {
    return resolveBaseline(`git:${before}:${path}`, { cwd: workspace });
  }
  return resolveBaseline(`git:HEAD~1:${path}`, { cwd: workspace });
}

async function gate(): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  maskSecrets(inputs);
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const signingKey = signingKeyOf(inputs);
  const info = readRunInfo({ env: process.env, payload: context.payload, matrix: inputs.matrix });
  // A pull request is judged by the base branch's policy unless its weakenings were approved (src/gate).
  const pullRequest = pullRequestOf(context.payload, info);
  const policy = pullRequest
    ? await pullRequestPolicy({
        cwd: workspace,
        ...(inputs.config === undefined ? {} : { configPath: inputs.config }),
        pullRequest,
        client: inputs.githubToken ? getOctokit(inputs.githubToken) : undefined,
      })
    : undefined;
  const { config, configFile } = await actionConfig(inputs, workspace, policy?.governing);

  const output = await runChecks(config, {
    cwd: workspace,
    env: process.env,
    onNotice: (message) => core.notice(message),
    resolveAutoBaseline: (input) => autoBaseline(input.snapshot, workspace),
  });
  const report = buildReport({
    results: policy ? [policy.result, ...output.results] : output.results,
    checkpoints: output.checkpoints,
    policy: { failOn: config.failOn },
    subject: subjectFromEnv(process.env),
    toolVersion: packageJson.version,
  });

  // 1. The report files.
  const name = artifactName(info, inputs.artifactName);
  const dir = join(process.env.RUNNER_TEMP ?? tmpdir(), `comply-gate-${name}`);
  await mkdir(dir, { recursive: true });
  const bundle = buildBundle({
    report,
    inputs: await inputSubjects({ report, read: output.read, cwd: workspace }),
    configuration: await configurationSubjects({
      configFile: await governingConfigFile(configFile, policy?.governing, dir),
      settings: checkSettings(inputs),
    }),
    signingKey,
    hmacKey: inputs.hmacKey,
    ...(info.runId ? { run: { id: info.runId, attempt: info.runAttempt } } : {}),
    runUrl: info.runUrl,
    links: { artifactName: name, ...(info.runUrl ? { runUrl: info.runUrl } : {}) },
  });
  for (const [file, bytes] of bundle.files) await writeFile(join(dir, file), bytes);
  if (inputs.sarif) {
    // The SARIF lands in the workspace the pull request wrote: never through a link it committed.
    await writeOutputFile(resolve(workspace, inputs.sarif), bundle.files.get(SARIF_FILE) ?? "", { workspace }).catch(
      (error: unknown) => {
        throw error instanceof OutputRefused ? new ConfigError(`input \`sarif\`: ${error.message}`) : error;
      },
    );
  }

  // 2. The artifact (the runtime token works on fork PRs too; GHES has no artifact service for this client).
  let artifactUrl: string | undefined;
  try {
    const uploaded = await uploadBundle({ name, dir, files: [...bundle.files.keys()].map((file) => join(dir, file)) });
    if (uploaded.id !== undefined) {
      artifactUrl = info.runUrl ? `${info.runUrl}/artifacts/${uploaded.id}` : undefined;
      setOutput("artifact-id", String(uploaded.id));
      if (artifactUrl) setOutput("artifact-url", artifactUrl);
    }
  } catch (error) {
    const ghes = (error as Error).name === "GHESNotSupportedError";
    core.warning(
      ghes
        ? `comply-gate: artifacts are not supported on GitHub Enterprise Server by this client; the report is in ${dir}: upload it with actions/upload-artifact@v3. The verdict is unchanged.`
        : `comply-gate: the report artifact was not uploaded (${(error as Error).message}); the report is in ${dir}. The verdict is unchanged.`,
    );
  }

  // 3. The job summary.
  const links = {
    ...(artifactUrl ? { artifactUrl } : { artifactName: name }),
    ...(info.runUrl ? { runUrl: info.runUrl } : {}),
  };
  const summary = renderSummary(report, { links, budgetBytes: await summaryBudget() });
  await writeFile(join(dir, "job-summary.md"), summary);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();

  // 4. Annotations.
  const { annotations, omitted } = selectAnnotations(report);
  for (const a of annotations) {
    const properties = { title: a.title, file: a.file, startLine: a.startLine };
    if (a.level === "error") core.error(a.message, properties);
    else core.warning(a.message, properties);
  }
  if (omitted > 0) core.notice(`comply-gate: ${omitted} more findings are listed in the job summary and the report.`);

  // 5. Outputs.
  setOutput("verdict", report.verdict);
  setOutput("report-path", join(dir, REPORT_FILE));
  setOutput("predicate-path", join(dir, PREDICATE_FILE));
  setOutput("report-digest", `sha256:${bundle.reportSha256}`);
  setOutput("summary-path", join(dir, "job-summary.md"));
  setOutput(
    "failed-checks",
    JSON.stringify(
      report.checks.filter((c) => c.status === "fail" || c.status === "error").map((c) => `${c.id}:${c.target}`),
    ),
  );
  setOutput(
    "root-hashes",
    JSON.stringify(Object.fromEntries(report.checkpoints.map((checkpoint) => [checkpoint.path, checkpoint.head]))),
  );
  if (bundle.fingerprint) setOutput("signing-key-fingerprint", bundle.fingerprint);

  // 6. The PR comment.
  await postComment(report, inputs, info, links);

  // 7. Fail last.
  if (report.verdict === "fail") {
    const failed = report.checks.filter((c) => c.status === "fail" || c.status === "error").length;
    core.setFailed(
      `comply-gate: the gate failed (${failed} of ${report.checks.length} checks failed; see the job summary)`,
    );
  }
}

const isUserError = (error: unknown): error is Error =>
  error instanceof ConfigError || error instanceof KeyMapError || error instanceof CheckpointError;

/**
 * Runs the gate once. Never throws: a config error fails the step with its message, a bug fails it readably
 * (the entry point is `index.ts`; this module has no top-level side effects, so tools can import and run it).
 */
export async function run(): Promise<void> {
  try {
    await gate();
  } catch (error) {
    if (isUserError(error)) {
      core.setFailed(`comply-gate: ${error.message}`);
    } else {
      // A bug still fails the gate, readably, and says so where reviewers look.
      core.setFailed(`comply-gate crashed: ${(error as Error).message}`);
      if (process.env.GITHUB_STEP_SUMMARY) {
        await core.summary
          .addRaw(`## ⛔ comply-gate crashed\n\nThe gate could not finish; treat this run as failed.\n`)
          .write()
          .catch(() => undefined);
      }
    }
  }
}
