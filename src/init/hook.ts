/**
 * The git `pre-push` hook `comply-gate install-hook` writes: it runs `comply-gate check` on what is being
 * pushed — the working tree when the pushed commit is a clean HEAD (so evidence kept out of git, such as large
 * datasets, is seen), otherwise a temporary checkout of the pushed commit.
 */

export const HOOK_MARKER = "# comply-gate pre-push hook";

export function prePushHook(options: { version: string }): string {
  return `#!/bin/sh
${HOOK_MARKER} (installed by \`comply-gate install-hook\`).
# Skip it once: git push --no-verify, or COMPLY_GATE_SKIP_HOOK=1 git push. Remove it: delete this file.
[ "\${COMPLY_GATE_SKIP_HOOK:-}" = "1" ] && exit 0

gate() {
  if [ -n "\${COMPLY_GATE_BIN:-}" ]; then $COMPLY_GATE_BIN check --quiet
  elif [ -x node_modules/.bin/comply-gate ]; then node_modules/.bin/comply-gate check --quiet
  else npx --yes comply-gate@${options.version} check --quiet
  fi
}

zero=0000000000000000000000000000000000000000
status=0
while read -r local_ref local_sha remote_ref remote_sha; do
  [ "$local_sha" = "$zero" ] && continue # a branch deletion: nothing to check
  if [ "$local_sha" = "$(git rev-parse HEAD)" ] && git diff --quiet HEAD -- 2>/dev/null; then
    echo "comply-gate: checking $local_ref (the working tree)" >&2
    gate || status=1
  else
    tree=$(mktemp -d)
    git worktree add --quiet --detach "$tree" "$local_sha" || { rm -rf "$tree"; exit 1; }
    echo "comply-gate: checking $local_ref at $local_sha" >&2
    (cd "$tree" && gate) || status=1
    git worktree remove --force "$tree"
  fi
done
[ "$status" -eq 0 ] || echo "comply-gate: the gate failed; push refused (git push --no-verify skips the hook)" >&2
exit "$status"
`;
}
