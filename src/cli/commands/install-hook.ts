/** `comply-gate install-hook`: write the pre-push hook into this repository's hooks folder (core.hooksPath honoured). */
import { execFile } from "node:child_process";
import { chmod, mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { packageRootOf } from "../../init/action-ref.js";
import { HOOK_MARKER, prePushHook } from "../../init/hook.js";
import { displayPath } from "../../io/expand.js";
import type { Command } from "../command.js";
import { InputError, UsageError } from "../errors.js";
import { HELP_FLAG } from "../flags.js";
import { EXIT_PASS } from "../io.js";
import { writeOrFail } from "../output.js";

const execFileAsync = promisify(execFile);

export const installHookCommand: Command = {
  name: "install-hook",
  summary: "a git pre-push hook that runs `comply-gate check` on what is pushed",
  usage: "[flags]",
  flags: {
    force: { type: "boolean", help: "replace a pre-push hook that is not comply-gate's" },
    ...HELP_FLAG,
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError("install-hook takes no arguments");
    let hooks: string;
    try {
      const { stdout } = await execFileAsync("git", ["rev-parse", "--git-path", "hooks"], { cwd: io.cwd });
      hooks = resolve(io.cwd, stdout.trim());
    } catch {
      throw new UsageError("install-hook must run inside a git repository");
    }
    const path = join(hooks, "pre-push");
    const existing = await readFile(path, "utf8").catch(() => undefined);
    if (existing !== undefined && !existing.includes(HOOK_MARKER) && values.force !== true) {
      throw new UsageError(`${displayPath(path, io.cwd)} exists and is not comply-gate's: --force replaces it`);
    }
    // The hook runs this very CLI: the node running now and the package's bin script, by absolute path.
    const root = packageRootOf(import.meta.dirname);
    const cli = root === undefined ? undefined : join(root, "dist/cli.js");
    if (cli === undefined || !(await io.fileExists(cli))) {
      throw new InputError("install-hook cannot find the comply-gate CLI it runs from (dist/cli.js)");
    }
    await mkdir(hooks, { recursive: true });
    await writeOrFail(path, prePushHook({ node: process.execPath, cli }), "install-hook");
    await chmod(path, 0o755);
    io.stdout(
      `installed ${displayPath(path, io.cwd)}: every git push runs comply-gate check first, with ${cli}.\n` +
        "Skip it once with git push --no-verify (or COMPLY_GATE_SKIP_HOOK=1); remove it by deleting the file.\n",
    );
    return EXIT_PASS;
  },
};
