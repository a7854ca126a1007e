/**
 * The dataset benchmark's data (generated into bench/.data, never committed): training rows like a
 * fine-tuning set — id, 20–200 words of text (5 % with one planted identifier, about a third with ordinary
 * numbers), label, source, consent, created_at — as JSONL, as CSV (text quoted, with commas and quotes), and
 * as Parquet written by DuckDB (zstd and snappy, 16,384-row groups); and a chat-format set dense in personal
 * data (`chatRows`). Seeded: the same bytes every time.
 */
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { open } from "node:fs/promises";
import { DuckDBInstance } from "@duckdb/node-api";
import { seededRandom } from "../test/helpers/random.js";
import { DATA_DIR } from "./generate-chains.js";

/**
 * A chat-format fine-tuning set (`messages[].role/content`, OpenAI's layout) dense in personal data: about 30 %
 * of rows hold an identifier at a leaf (an e-mail or a phone number in a turn, a card number stored as a JSON
 * number under `meta.customer`), the rest only text. Turns of 10–80 words: about the plain set's words per row.
 */
function* chatRows(count: number): Generator<Record<string, unknown>> {
  const next = seededRandom(2027);
  const vocabulary = makeVocabulary(next, 5000);
  const pickWord = () => vocabulary[Math.floor(vocabulary.length ** next()) - 1] ?? "the";
  const words = (min: number, max: number) => {
    const n = min + Math.floor(next() * (max - min + 1));
    const out: string[] = [];
    for (let w = 0; w < n; w++) out.push(pickWord());
    return out;
  };
  const card = () => {
    const body = `45398${String(Math.floor(next() * 1e10)).padStart(10, "0")}`;
    for (let d = 0; d <= 9; d++) {
      const digits = `${body}${d}`;
      let sum = 0;
      for (let i = 0; i < digits.length; i++) {
        let n = Number(digits[digits.length - 1 - i]);
        if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
        sum += n;
      }
      if (sum % 10 === 0) return Number(digits);
    }
    return 0;
  };
  for (let i = 0; i < count; i++) {
    const user = words(10, 80);
    const assistant = words(10, 80);
    const pii = next() < 0.3 ? Math.floor(next() * 3) : -1;
    if (pii === 0)
      user.splice(Math.floor(next() * user.length), 0, `mail me at user${Math.floor(next() * 1e6)}@gmail.com`);
    if (pii === 1) {
      // a UK mobile number (+44 7xxx xxxxxx), outside the 07700 900 range kept for drama
      const phone = `+44 7${400 + Math.floor(next() * 599)} ${String(Math.floor(next() * 1e6)).padStart(6, "0")}`;
      assistant.splice(Math.floor(next() * assistant.length), 0, `call ${phone}`);
    }
    yield {
      messages: [
        { role: "system", content: "You are a helpful support assistant." },
        { role: "user", content: user.join(" ") },
        { role: "assistant", content: assistant.join(" ") },
      ],
      meta: { id: i + 1, customer: pii === 2 ? { card: card() } : { tier: "basic" } },
    };
  }
}

export interface DatasetFiles {
  readonly jsonl: string;
  readonly csv: string;
  readonly parquetZstd: string;
  readonly parquetSnappy: string;
  /** Chat-format JSONL, about 30 % of rows with personal data at the leaves. */
  readonly chat: string;
}

function makeVocabulary(next: () => number, size: number): string[] {
  const syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "po", "si", "de", "ba", "gu", "fe", "ri", "an", "el", "or"];
  const words = new Set<string>(["the", "and", "data", "model", "was", "for", "with", "customer", "order"]);
  while (words.size < size) {
    const n = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length: n }, () => syllables[Math.floor(next() * syllables.length)]).join(""));
  }
  return [...words];
}

function* rows(count: number): Generator<Record<string, unknown>> {
  const next = seededRandom(2026);
  const vocabulary = makeVocabulary(next, 5000);
  // Zipf-like: word k drawn with probability ∝ 1/(k+10): the top word stays well under 20 % of all words.
  const pickWord = () => vocabulary[Math.floor(vocabulary.length ** next()) - 1] ?? "the";
  const planted = [
    () => `contact ${["anna", "li.wei", "j_smith"][Math.floor(next() * 3)]}${Math.floor(next() * 999)}@gmail.com`,
    () =>
      `call +44 ${100 + Math.floor(next() * 899)} ${100 + Math.floor(next() * 899)} ${1000 + Math.floor(next() * 8999)}`,
    () => `login from ${11 + Math.floor(next() * 80)}.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}.7`,
  ];
  const labels = ["positive", "negative", "neutral"];
  const sources = ["web-crawl-2025", "support-tickets", "licensed-news", "synthetic-v2"];
  for (let i = 0; i < count; i++) {
    const n = 20 + Math.floor(next() * 181);
    const words: string[] = [];
    for (let w = 0; w < n; w++) words.push(pickWord());
    if (next() < 0.3) words.splice(Math.floor(next() * n), 0, `order ${Math.floor(next() * 100000)}, "rush"`);
    if (next() < 0.05) words.splice(Math.floor(next() * n), 0, (planted[Math.floor(next() * 3)] as () => string)());
    yield {
      id: i + 1,
      text: words.join(" "),
      label: labels[Math.floor(next() * 3)],
      source: sources[Math.floor(next() * 4)],
      consent: next() < 0.95,
      created_at: `2025-${String(1 + Math.floor(next() * 12)).padStart(2, "0")}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`,
    };
  }
}

const csvField = (value: unknown): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

async function writeText(path: string, lines: Iterable<string>): Promise<void> {
  const handle = await open(`${path}.tmp`, "w");
  let batch: string[] = [];
  let size = 0;
  for (const line of lines) {
    batch.push(line);
    size += line.length;
    if (size > 8 << 20) {
      await handle.write(batch.join(""));
      batch = [];
      size = 0;
    }
  }
  await handle.write(batch.join(""));
  await handle.close();
  renameSync(`${path}.tmp`, path);
}

export async function datasetFiles(count: number): Promise<DatasetFiles> {
  mkdirSync(DATA_DIR, { recursive: true });
  const base = `${DATA_DIR}/dataset-${count}`;
  const files = {
    jsonl: `${base}.jsonl`,
    csv: `${base}.csv`,
    parquetZstd: `${base}-zstd.parquet`,
    parquetSnappy: `${base}-snappy.parquet`,
    chat: `${base}-chat.jsonl`,
  };
  if (!existsSync(files.chat)) {
    await writeText(
      files.chat,
      (function* () {
        for (const row of chatRows(count)) yield `${JSON.stringify(row)}\n`;
      })(),
    );
  }
  if (!existsSync(files.jsonl)) {
    await writeText(
      files.jsonl,
      (function* () {
        for (const row of rows(count)) yield `${JSON.stringify(row)}\n`;
      })(),
    );
  }
  if (!existsSync(files.csv)) {
    const columns = ["id", "text", "label", "source", "consent", "created_at"];
    await writeText(
      files.csv,
      (function* () {
        yield `${columns.join(",")}\n`;
        for (const row of rows(count)) yield `${columns.map((c) => csvField(row[c])).join(",")}\n`;
      })(),
    );
  }
  for (const [codec, path] of [
    ["zstd", files.parquetZstd],
    ["snappy", files.parquetSnappy],
  ] as const) {
    if (existsSync(path)) continue;
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    await connection.run(
      `COPY (SELECT * FROM read_json('${files.jsonl}', format = 'newline_delimited')) TO '${path}.tmp' ` +
        `(FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 16384)`,
    );
    connection.closeSync();
    renameSync(`${path}.tmp`, path);
  }
  return files;
}
