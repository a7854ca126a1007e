/** The help texts: the top-level one lists every command's usage; each command's own is made from its flags. */
import { DEFAULT_KEY_ENV } from "../checks/chain/keys.js";
import type { Command } from "./command.js";

/** Commands whose usage fits one line show their summary beside it in the top-level help. */
const SUMMARY_BESIDE = new Set(["init", "install-hook"]);

function usageLines(command: Command): string {
  const prefix = `  comply-gate ${command.name} `;
  const [first, ...rest] = command.usage.slice(command.name.length + 1).split("\n");
  const beside = SUMMARY_BESIDE.has(command.name) ? `   (${command.summary})` : "";
  return [`${prefix}${first}${beside}`, ...rest.map((line) => `${" ".repeat(prefix.length)}${line}`)].join("\n");
}

export function topLevelUsage(commands: readonly Command[]): string {
  return `Usage:
${commands.map(usageLines).join("\n")}
  comply-gate --help | --version

Exit codes: 0 gate passed (or report verified), 1 gate failed (or verification failed), 2 usage or config error.
Text output: --quiet shows only what did not pass, --verbose every finding; colour on a terminal unless NO_COLOR
is set (FORCE_COLOR=1 forces it).
Keys are read from environment variables only (chain HMAC key: ${DEFAULT_KEY_ENV} by default; report
signing key: an Ed25519 private key in PEM).`;
}
