/**
 * Progress of long dataset scans on an interactive terminal: one line on stderr, rewritten in place at most
 * four times a second (files, rows, MB/s, ETA). Nothing when stderr is not a terminal, in CI, or with --quiet:
 * logs must stay clean.
 */
import type { DatasetProgress } from "../dataset/scan.js";

export interface ProgressSink {
  /** A unit of `target` finished: its file, bytes and rows, and the dataset's total bytes and files. */
  readonly unit: (target: string, done: DatasetProgress) => void;
  /** Clear the line (before the report is printed). */
  readonly end: () => void;
}

const CLEAR = "\r\u001b[2K";
const MB = 1024 * 1024;

export function progressLine(options: {
  write: (text: string) => void;
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  quiet: boolean;
  now?: () => number;
}): ProgressSink | undefined {
  if (!options.isTTY || options.quiet || options.env.CI !== undefined || options.env.TERM === "dumb") return undefined;
  const now = options.now ?? (() => performance.now());
  const started = now();
  let shownAt = Number.NEGATIVE_INFINITY;
  let current = "";
  let bytes = 0;
  let rows = 0;
  let files = new Set<string>();
  let drawn = false;
  return {
    unit(target, done) {
      if (target !== current) {
        current = target;
        bytes = 0;
        rows = 0;
        files = new Set();
      }
      files.add(done.path);
      bytes += done.bytes;
      rows += done.rows;
      const t = now();
      if (t - shownAt < 250 && bytes < done.totalBytes) return;
      shownAt = t;
      const seconds = Math.max((t - started) / 1000, 0.001);
      const rate = bytes / MB / seconds;
      const left = done.totalBytes - bytes;
      const eta = rate > 0 && left > 0 ? `  ETA ${Math.ceil(left / MB / rate)} s` : "";
      const percent = done.totalBytes > 0 ? Math.min(100, Math.floor((bytes / done.totalBytes) * 100)) : 100;
      options.write(
        `${CLEAR}dataset ${target.slice(-40)}  file ${files.size} of ${done.totalFiles}  ` +
          `${(bytes / MB).toFixed(1)} of ${(done.totalBytes / MB).toFixed(1)} MB (${percent}%)  ` +
          `${rows.toLocaleString("en-US")} rows  ${rate.toFixed(0)} MB/s${eta}`,
      );
      drawn = true;
    },
    end() {
      if (drawn) options.write(CLEAR);
    },
  };
}
