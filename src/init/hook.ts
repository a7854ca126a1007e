/**
 * The git `pre-push` hook `comply-gate install-hook` writes: it runs `comply-gate check` on what is being
 * pushed — the working tree when the pushed commit is a clean HEAD (so evidence kept out of git, such as large
 * datasets, is seen), otherwise a temporary checkout of the pushed commit. It runs the very CLI that installed
 * it (absolute paths of node and the script), never whatever `npx` would fetch. It fails closed: a CLI that
 * cannot be run refuses the push too, saying so — distinct from a gate that ran and failed.
 */

export const HOOK_MARKER = "# comply-gate pre-push hook";

/** A shell word: single-quoted, any single quote closed, escaped and reopened. */
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export interface HookOptions {
  /** Absolute path of the node executable that ran `install-hook`. */
  readonly node: string;
  /** Absolute path of the comply-gate CLI script (`dist/cli.js`). */
  readonly cli: string;
}

export function prePushHook(options: HookOptions): string {
  return `#!/bin/sh
${HOOK_MARKER} (installed by \`comply-gate install-hook\`).
# Skip it once: git push --no-verify, or COMPLY_GATE_SKIP_HOOK=1 git push. Remove it: delete this file.
# It runs the comply-gate that installed it; COMPLY_GATE_BIN="command" runs another one instead.
[ "\${COMPLY_GATE_SKIP_HOOK:-}" = "1" ] && exit 0

node_bin=${shellQuote(options.node)}
cli_js=${shellQuote(options.cli)}

# Exit codes: 0 passed, 1 the gate failed, 2 a config or usage error; anything else: comply-gate did not run.
gate() {
  if [ -n "\${COMPLY_GATE_BIN:-}" ]; then
    $COMPLY_GATE_BIN check --quiet
    return $?
  fi
  if [ ! -x "$node_bin" ] || [ ! -f "$cli_js" ]; then
    echo "comply-gate: $node_bin $cli_js: not found (comply-gate moved or was removed; run comply-gate install-hook --force again)" >&2
    return 127
  fi
  "$node_bin" "$cli_js" check --quiet
}

zero=0000000000000000000000000000000000000000
failed=0
broken=""
while read -r local_ref local_sha remote_ref remote_sha; do
  [ "$local_sha" = "$zero" ] && continue # a branch deletion: nothing to check
  if [ "$local_sha" = "$(git rev-parse HEAD)" ] && git diff --quiet HEAD -- 2>/dev/null; then
    echo "comply-gate: checking $local_ref (the working tree)" >&2
    gate
    code=$?
  else
    tree=$(mktemp -d)
    git worktree add --quiet --detach "$tree" "$local_sha" || { rm -rf "$tree"; exit 1; }
    echo "comply-gate: checking $local_ref at $local_sha" >&2
    (cd "$tree" && gate)
    code=$?
    git worktree remove --force "$tree"
  fi
  case "$code" in
    0) ;;
    1) failed=1 ;;
    2) broken="comply-gate could not check: the config or the command line is wrong (see above)" ;;
    126 | 127) broken="could not run comply-gate (not found or not executable: see above)" ;;
    *) broken="could not run comply-gate (it stopped with exit code $code: see above)" ;;
  esac
done
if [ -n "$broken" ]; then
  echo "comply-gate: $broken; push refused (git push --no-verify skips the hook)" >&2
  exit 1
fi
[ "$failed" -eq 0 ] || echo "comply-gate: the gate failed; push refused (git push --no-verify skips the hook)" >&2
exit "$failed"
`;
}
