/** The help texts: the top-level one lists the commands; each command's own is made from its flags. */
import { DEFAULT_KEY_ENV } from "../checks/chain/keys.js";
import type { Command } from "./command.js";

export const EXIT_CODES =
  "Exit codes: 0 gate passed (or report verified), 1 gate failed (or verification failed), 2 usage, config or\n" +
  "input error (a wrong flag, an invalid config, a path that is missing or cannot be read).";

export function topLevelUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return `Usage: comply-gate <command> [flags]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join("\n")}

Run 'comply-gate <command> --help' for a command's arguments and flags; 'comply-gate --version' for the version.

${EXIT_CODES}
Text output: --quiet shows only what did not pass, --verbose every finding; colour on a terminal unless NO_COLOR
is set (FORCE_COLOR=1 forces it).
Keys are read from environment variables only (chain HMAC key: ${DEFAULT_KEY_ENV} by default; report
signing key: an Ed25519 private key in PEM).`;
}

export function commandHelp(command: Command): string {
  const names = Object.entries(command.flags).map(([name, flag]) => {
    const long = `--${name}${flag.type === "string" ? ` ${flag.value ?? "VALUE"}` : ""}`;
    return [flag.short ? `-${flag.short}, ${long}` : `    ${long}`, flag] as const;
  });
  const width = Math.min(34, Math.max(...names.map(([shown]) => shown.length)) + 2);
  const lines = names.map(([shown, flag]) => {
    const repeat = flag.multiple ? " (repeatable)" : "";
    return shown.length + 2 > width
      ? `  ${shown}\n  ${" ".repeat(width)}${flag.help}${repeat}`
      : `  ${shown.padEnd(width)}${flag.help}${repeat}`;
  });
  return [
    `Usage: comply-gate ${command.name} ${command.usage}`,
    "",
    `${command.summary[0]?.toUpperCase() ?? ""}${command.summary.slice(1)}.`,
    "",
    "Flags:",
    ...lines,
    "",
    ...(command.details ? [command.details] : []),
    command.exitCodes ?? EXIT_CODES,
  ].join("\n");
}
