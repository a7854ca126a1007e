/** The dispatch table: every subcommand, in the order the top-level help lists them. */
import type { Command } from "../command.js";
import { chainCommand } from "./chain.js";
import { checkCommand } from "./check.js";
import { datasetCommand } from "./dataset.js";
import { diffCommand } from "./diff.js";
import { eventsCommand } from "./events.js";
import { initCommand } from "./init.js";
import { installHookCommand } from "./install-hook.js";
import { isolationCommand } from "./isolation.js";
import { mapCommand } from "./map.js";
import { mergeCommand } from "./merge.js";
import { renderCommand } from "./render.js";
import { scopeCommand } from "./scope.js";
import { verifyReportCommand } from "./verify-report.js";

export const COMMANDS: readonly Command[] = [
  chainCommand,
  eventsCommand,
  isolationCommand,
  scopeCommand,
  mapCommand,
  datasetCommand,
  mergeCommand,
  diffCommand,
  checkCommand,
  verifyReportCommand,
  renderCommand,
  initCommand,
  installHookCommand,
];

export const commandNamed = (name: string): Command | undefined => COMMANDS.find((c) => c.name === name);
