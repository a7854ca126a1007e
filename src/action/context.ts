/**
 * What the run is about, from the runner's environment and the event payload: the pull request (and whether
 * it comes from a fork, where the token is read-only), links, and names unique per job, matrix leg and attempt.
 */

export interface RunInfo {
  readonly owner: string;
  readonly repo: string;
  readonly eventName: string;
  readonly pullRequest: { readonly number: number; readonly fromFork: boolean } | undefined;
  readonly serverUrl: string;
  readonly runId: string;
  readonly runAttempt: string;
  readonly runUrl: string | undefined;
  /** `workflow/job` plus the matrix values: keys the comment marker and the artifact name. */
  readonly reportKey: string;
}

interface PullRequestPayload {
  readonly pull_request?: {
    readonly number?: number;
    readonly head?: { readonly repo?: { readonly full_name?: string } | null };
  };
}

/** Matrix values (the hidden `matrix` input is `${{ toJson(matrix) }}`) as a stable suffix. */
export function matrixSuffix(matrix: string | undefined): string {
  if (!matrix || matrix === "null") return "";
  try {
    const value = JSON.parse(matrix) as Record<string, unknown> | null;
    if (!value || typeof value !== "object") return "";
    const parts = Object.keys(value)
      .sort()
      .map((key) => (typeof value[key] === "object" ? JSON.stringify(value[key]) : String(value[key])));
    return parts.length > 0 ? `-${parts.join("-")}` : "";
  } catch {
    return "";
  }
}

export function readRunInfo(options: {
  env: Readonly<Record<string, string | undefined>>;
  payload: PullRequestPayload;
  matrix: string | undefined;
}): RunInfo {
  const { env, payload } = options;
  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "/").split("/");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const pr = payload.pull_request;
  const serverUrl = env.GITHUB_SERVER_URL ?? "https://github.com";
  const runId = env.GITHUB_RUN_ID ?? "";
  const suffix = matrixSuffix(options.matrix);
  return {
    owner,
    repo,
    eventName,
    pullRequest:
      pr && typeof pr.number === "number"
        ? { number: pr.number, fromFork: pr.head?.repo?.full_name !== `${owner}/${repo}` }
        : undefined,
    serverUrl,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? "1",
    runUrl: runId && owner ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
    reportKey: `${env.GITHUB_WORKFLOW ?? "workflow"}/${env.GITHUB_JOB ?? "job"}${suffix}`,
  };
}

/** Artifact names are unique per run: job, matrix leg and attempt; characters GitHub refuses are replaced. */
export function artifactName(info: RunInfo, given: string | undefined): string {
  const name = given ?? `comply-gate-${info.reportKey}-attempt-${info.runAttempt}`;
  return name.replace(/["':<>|*?\\/\r\n]/g, "-");
}
