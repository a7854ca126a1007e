/**
 * The sticky PR comment: one per workflow and job, found by its marker on the first line among comments
 * written by the token's own identity (all pages), updated in place on re-runs; duplicates left by racing
 * runs are removed, oldest wins.
 */
import type { getOctokit } from "@actions/github";

type Octokit = ReturnType<typeof getOctokit>;

function sameAuthor(a: string | undefined, b: string): boolean {
  const strip = (login: string): string => login.replace(/\[bot\]$/, "").toLowerCase();
  return a !== undefined && strip(a) === strip(b);
}

export async function upsertComment(
  octokit: Octokit,
  options: { owner: string; repo: string; issueNumber: number; body: string; marker: string },
): Promise<{ id: number; action: "created" | "updated" }> {
  const { owner, repo, issueNumber, body, marker } = options;
  // The token's own login (GraphQL's viewer works for GITHUB_TOKEN, unlike REST /user).
  const viewer = await octokit.graphql<{ viewer: { login: string } }>("query { viewer { login } }");
  const ours: { id: number }[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  })) {
    for (const comment of page.data) {
      if (sameAuthor(comment.user?.login, viewer.viewer.login) && comment.body?.split("\n", 1)[0] === marker) {
        ours.push({ id: comment.id });
      }
    }
  }
  const [keep, ...duplicates] = ours;
  for (const duplicate of duplicates) {
    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: duplicate.id });
  }
  if (keep) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: keep.id, body });
    return { id: keep.id, action: "updated" };
  }
  const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  return { id: created.data.id, action: "created" };
}
