/**
 * Throughput of the PII recognizers alone (`findPii` with the text core's hints, as the dataset scan calls it)
 * on short PII-dense rows and on plain chat rows: rows/s and MB/s, median of five runs after a warm-up.
 *
 *   npx tsx bench/pii-throughput/run.ts [rows]
 */
import { findPii } from "../../src/dataset/recognizers/index.js";
import { WordCounter } from "../../src/dataset/words.js";
import { piiDenseRows, type Row } from "./rows.js";

const count = Number(process.argv[2] ?? 200_000);

function measure(label: string, rows: readonly Row[]): void {
  const counter = new WordCounter();
  const hints = rows.map((row) => {
    counter.addText(row.text);
    return counter.piiHints;
  });
  const bytes = rows.reduce((sum, row) => sum + Buffer.byteLength(row.text), 0);
  const seconds: number[] = [];
  let found = 0;
  for (let run = 0; run < 6; run++) {
    const started = process.hrtime.bigint();
    found = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Row;
      found += findPii(row.text, { field: row.field, hints: hints[i] as number }).length;
    }
    if (run > 0) seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const median = seconds.sort((a, b) => a - b)[2] as number;
  console.log(
    `${label.padEnd(16)} ${rows.length.toLocaleString("en")} rows, ${(bytes / 1e6).toFixed(1)} MB: ${Math.round(rows.length / median / 1000)}k rows/s, ${(bytes / 1e6 / median).toFixed(1)} MB/s (${found.toLocaleString("en")} matches)`,
  );
}

const dense = piiDenseRows(count);
measure("PII-dense rows", dense);
measure(
  "plain rows",
  dense.map((row, i) => ({
    text: `thanks for the update on the project, talk soon (${i % 7 === 0 ? "Mo" : "Fr"})`,
    field: row.field,
  })),
);
