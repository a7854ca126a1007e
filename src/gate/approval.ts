/**
 * Whether a weakened policy was accepted: the head commit has an approving review from someone other than the
 * pull request's author who can write to the repository. Read through the REST API (reviews, then each
 * approver's permission); anything the token may not read (403/404, as on a pull request from a fork) is no
 * approval, with the reason said.
 */

/** The two endpoints used, as Octokit's `rest` namespace has them (a fake in tests). */
export interface ReviewsClient {
  readonly rest: {
    readonly pulls: {
      listReviews(params: {
        owner: string;
        repo: string;
        pull_number: number;
        per_page: number;
        page: number;
      }): Promise<{
        data: readonly {
          readonly user?: { readonly login: string } | null;
          readonly state: string;
          readonly commit_id?: string | null;
        }[];
      }>;
    };
    readonly repos: {
      getCollaboratorPermissionLevel(params: {
        owner: string;
        repo: string;
        username: string;
      }): Promise<{ data: { readonly permission: string; readonly role_name?: string } }>;
    };
  };
}

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  /** The commit the approval must be for. */
  readonly headSha: string;
  /** The author's login: their own approval does not count. */
  readonly author: string;
}

export type Approval =
  | { readonly approved: true; readonly by: string; readonly permission: string }
  | { readonly approved: false; readonly reason: string };

// `permission` says admin/write/read/none (maintain shows as write); `role_name` says maintain and custom roles.
const WRITE_ROLES = new Set(["admin", "maintain", "write"]);
// Reviews that set a reviewer's state; a COMMENTED review leaves an earlier approval standing.
const DECISIVE = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);
const PAGE = 100;
const MAX_PAGES = 30;

function statusOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error ? Number(error.status) : undefined;
}

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function apiRefusal(error: unknown, what: string): string {
  const status = statusOf(error);
  if (status === 403 || status === 404) {
    return `the token cannot read ${what} (HTTP ${status}): give the job \`permissions: pull-requests: read\`; on a pull request from a fork the token cannot, so a maintainer must approve the change on a branch of this repository or merge the policy change first`;
  }
  return `${what} could not be read (${status === undefined ? "no response" : `HTTP ${status}`})`;
}

/** Has someone other than the author, with write access, approved exactly `pr.headSha`? */
export async function findApproval(client: ReviewsClient, pr: PullRequestRef): Promise<Approval> {
  // Each reviewer's latest decisive review, in the order GitHub lists them (oldest first).
  const latest = new Map<string, { state: string; commit: string | undefined }>();
  try {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await client.rest.pulls.listReviews({
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.number,
        per_page: PAGE,
        page,
      });
      for (const review of data) {
        const login = review.user?.login;
        if (!login || !DECISIVE.has(review.state)) continue;
        latest.set(login.toLowerCase(), { state: review.state, commit: review.commit_id ?? undefined });
      }
      if (data.length < PAGE) break;
    }
  } catch (error) {
    return { approved: false, reason: apiRefusal(error, "the pull request's reviews") };
  }
  const approvers = [...latest].filter(([, r]) => r.state === "APPROVED").map(([login, r]) => ({ login, ...r }));
  const others = approvers.filter((a) => !sameLogin(a.login, pr.author));
  const current = others.filter((a) => a.commit === pr.headSha);
  const denied: string[] = [];
  for (const approver of current) {
    let role: string;
    try {
      const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
        owner: pr.owner,
        repo: pr.repo,
        username: approver.login,
      });
      role = WRITE_ROLES.has(data.role_name ?? "") ? (data.role_name as string) : data.permission;
    } catch (error) {
      return { approved: false, reason: apiRefusal(error, `@${approver.login}'s permission`) };
    }
    if (WRITE_ROLES.has(role)) return { approved: true, by: approver.login, permission: role };
    denied.push(`@${approver.login} has ${role} access, not write`);
  }
  const head = pr.headSha.slice(0, 12);
  if (denied.length > 0)
    return { approved: false, reason: `the approval of ${head} does not count: ${denied.join("; ")}` };
  if (others.length > 0) {
    return {
      approved: false,
      reason: `the approval by ${others.map((a) => `@${a.login}`).join(", ")} is for an earlier commit, not the head ${head}`,
    };
  }
  if (approvers.length > 0) {
    return { approved: false, reason: `the author @${pr.author} cannot approve their own change to the policy` };
  }
  return {
    approved: false,
    reason: `no approving review of ${head} by someone other than the author @${pr.author} with write access`,
  };
}
