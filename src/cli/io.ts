/** What the CLI needs from its process: output streams, environment, working folder. Tests pass their own. */

export const EXIT_PASS = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly fileExists: (path: string) => Promise<boolean>;
  /** Whether stdout is a terminal (colour); absent: not one. */
  readonly isTTY?: boolean;
  /** Whether stderr is a terminal (the progress line); absent: not one. */
  readonly stderrIsTTY?: boolean;
}
