/**
 * Scores the PII recognizers against the labelled corpus of ./generate.ts (and the older corpus of
 * test/helpers/pii-corpus.ts), through the public API only.
 *
 *   npm run bench:pii [-- --misses TYPE] [-- --check] [-- --seed N]
 *
 * Row-level scoring per entity type: a row is a true positive for T when T is labelled and reported, a false
 * positive when T is reported but not labelled, a false negative when labelled but not reported. F2 weighs recall
 * twice as much as precision. Exit code 0, or with --check 1 when an implemented type (person_name and
 * street_address excepted) has precision < 0.97 or recall < 0.95 on the new corpus.
 */
import { performance } from "node:perf_hooks";
import { ENTITIES, findPii } from "../../src/dataset/recognizers/index.js";
import { generateCorpus as generateOldCorpus } from "../../test/helpers/pii-corpus.js";
import { type CorpusRow, DEFAULT_SEED, ENTITY_IDS, generateCorpus } from "./generate.js";

interface LabelledRow {
  text: string;
  field?: string;
  entities: readonly string[];
  kind?: string;
}

interface Tally {
  rows: number;
  tp: number;
  fp: number;
  fn: number;
}

const CHECK_EXEMPT = new Set(["person_name", "street_address"]);
const PRECISION_FLOOR = 0.97;
const RECALL_FLOOR = 0.95;

function implementedTypes(): Set<string> {
  const list: unknown = ENTITIES;
  const ids = Array.isArray(list)
    ? list.map((e: unknown) =>
        typeof e === "string"
          ? e
          : String((e as { id?: unknown; entity?: unknown }).id ?? (e as { entity?: unknown }).entity),
      )
    : Object.keys(list as object);
  return new Set(ids);
}

function predict(row: LabelledRow): Set<string> {
  const matches = row.field === undefined ? findPii(row.text, {}) : findPii(row.text, { field: row.field });
  return new Set(matches.map((m) => m.entity));
}

interface Scored {
  tallies: Map<string, Tally>;
  predictions: Set<string>[];
  extraTypes: Set<string>;
}

function score(rows: readonly LabelledRow[], types: readonly string[]): Scored {
  const tallies = new Map<string, Tally>(types.map((t) => [t, { rows: 0, tp: 0, fp: 0, fn: 0 }]));
  const known = new Set(types);
  const extraTypes = new Set<string>();
  const predictions = rows.map(predict);
  rows.forEach((row, i) => {
    const predicted = predictions[i] as Set<string>;
    const labelled = new Set(row.entities);
    for (const p of predicted) if (!known.has(p)) extraTypes.add(p);
    for (const t of types) {
      const tally = tallies.get(t) as Tally;
      const isLabelled = labelled.has(t);
      const isPredicted = predicted.has(t);
      if (isLabelled) tally.rows++;
      if (isLabelled && isPredicted) tally.tp++;
      else if (isPredicted) tally.fp++;
      else if (isLabelled) tally.fn++;
    }
  });
  return { tallies, predictions, extraTypes };
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);
function metrics(t: Tally): { precision: number; recall: number; f2: number } {
  const precision = ratio(t.tp, t.tp + t.fp);
  const recall = t.rows === 0 ? 1 : t.tp / t.rows;
  const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
  return { precision, recall, f2 };
}

function printTable(title: string, scored: Scored, implemented: Set<string>): void {
  const out: string[] = [`\n${title}`];
  const head = ["type", "rows", "TP", "FP", "FN", "precision", "recall", "F2", ""];
  const widths = [20, 7, 7, 6, 6, 10, 8, 7, 0];
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(" ");
  out.push(line(head));
  const micro = { implemented: { rows: 0, tp: 0, fp: 0, fn: 0 }, all: { rows: 0, tp: 0, fp: 0, fn: 0 } };
  for (const [type, t] of scored.tallies) {
    const m = metrics(t);
    const isImplemented = implemented.has(type);
    const note = isImplemented ? "" : "not implemented";
    out.push(
      line([
        type,
        String(t.rows),
        String(t.tp),
        String(t.fp),
        String(t.fn),
        m.precision.toFixed(3),
        m.recall.toFixed(3),
        m.f2.toFixed(3),
        note,
      ]),
    );
    for (const key of isImplemented ? (["implemented", "all"] as const) : (["all"] as const)) {
      micro[key].rows += t.rows;
      micro[key].tp += t.tp;
      micro[key].fp += t.fp;
      micro[key].fn += t.fn;
    }
  }
  for (const [label, t] of [
    ["micro (implemented)", micro.implemented],
    ["micro (all types)", micro.all],
  ] as const) {
    const m = metrics(t);
    out.push(
      line([
        label,
        String(t.rows),
        String(t.tp),
        String(t.fp),
        String(t.fn),
        m.precision.toFixed(3),
        m.recall.toFixed(3),
        m.f2.toFixed(3),
        "",
      ]),
    );
  }
  if (scored.extraTypes.size > 0)
    out.push(`reported types outside the corpus labels: ${[...scored.extraTypes].sort().join(", ")}`);
  process.stdout.write(out.join("\n") + "\n");
}

function throughput(rows: readonly LabelledRow[]): string {
  const warm = rows.slice(0, Math.min(2000, rows.length));
  for (const r of warm) predict(r);
  let bytes = 0;
  for (const r of rows) bytes += Buffer.byteLength(r.text, "utf8");
  const start = performance.now();
  for (const r of rows) predict(r);
  const seconds = (performance.now() - start) / 1000;
  return `${rows.length} rows, ${(bytes / 1e6).toFixed(2)} MB in ${seconds.toFixed(2)} s: ${Math.round(rows.length / seconds)} rows/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s (node ${process.version}, ${process.arch})`;
}

function printMisses(rows: readonly LabelledRow[], scored: Scored, type: string): void {
  const fns: string[] = [];
  const fps: string[] = [];
  rows.forEach((row, i) => {
    const predicted = scored.predictions[i] as Set<string>;
    const labelled = row.entities.includes(type);
    const show = (): string =>
      `  ${JSON.stringify(row.text)}${row.field !== undefined ? ` [field ${row.field}]` : ""} labelled=[${row.entities.join(",")}] reported=[${[...predicted].join(",")}]`;
    if (labelled && !predicted.has(type) && fns.length < 20) fns.push(show());
    if (!labelled && predicted.has(type) && fps.length < 20) fps.push(show());
  });
  process.stdout.write(`\nmissed ${type} (false negatives, up to 20):\n${fns.join("\n") || "  none"}\n`);
  process.stdout.write(`\nwrongly reported ${type} (false positives, up to 20):\n${fps.join("\n") || "  none"}\n`);
}

function failures(scored: Scored, implemented: Set<string>): string[] {
  const out: string[] = [];
  for (const [type, t] of scored.tallies) {
    if (!implemented.has(type) || CHECK_EXEMPT.has(type)) continue;
    const m = metrics(t);
    if (m.precision < PRECISION_FLOOR || m.recall < RECALL_FLOOR)
      out.push(`${type}: precision ${m.precision.toFixed(3)} recall ${m.recall.toFixed(3)}`);
  }
  return out;
}

function main(argv: readonly string[]): number {
  const at = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = at("--seed") !== undefined ? Number(at("--seed")) : DEFAULT_SEED;
  const implemented = implementedTypes();
  const rows: CorpusRow[] = generateCorpus({ seed });
  const scored = score(rows, ENTITY_IDS);
  printTable(
    `PII corpus (bench/pii/generate.ts, seed ${seed}): ${rows.length} rows, ${new Set(rows.map((r) => r.locale)).size} locales`,
    scored,
    implemented,
  );
  process.stdout.write(`throughput: ${throughput(rows)}\n`);

  const oldRows = (
    generateOldCorpus(5000) as ReadonlyArray<{ text: string; expected: readonly string[]; field?: string }>
  ).map(
    (r): LabelledRow =>
      r.field === undefined
        ? { text: r.text, entities: r.expected }
        : { text: r.text, field: r.field, entities: r.expected },
  );
  const oldTypes = [...new Set(oldRows.flatMap((r) => r.entities))].sort();
  printTable(`Old corpus (test/helpers/pii-corpus.ts, 5000 rows)`, score(oldRows, oldTypes), implemented);

  const misses = at("--misses");
  if (misses) printMisses(rows, scored, misses);

  if (argv.includes("--check")) {
    const failed = failures(scored, implemented);
    if (failed.length > 0) {
      process.stdout.write(
        `\n--check: below precision ${PRECISION_FLOOR} / recall ${RECALL_FLOOR}:\n  ${failed.join("\n  ")}\n`,
      );
      return 1;
    }
    process.stdout.write(
      `\n--check: every implemented type meets precision ${PRECISION_FLOOR} and recall ${RECALL_FLOOR}\n`,
    );
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
