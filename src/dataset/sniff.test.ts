/**
 * A dataset file is read as what its bytes are, not as what its name says: a gzip or Parquet file named `.csv`
 * is read as gzip or Parquet, a UTF-16 export or binary data is a located error, and a file that gives no row
 * is a finding, never zero rows passing unseen beside a good file.
 */
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { writeJsonLines, writeParquet } from "../../test/helpers/parquet-writer.js";
import type { CheckResult } from "../core/model.js";
import { sniff } from "../io/sniff.js";
import { datasetOptions } from "./options.js";
import { scanDataset } from "./scan.js";

let dir: string;
/** Rows with personal data (a validated card number) in half of them, written by DuckDB. */
const SELECT =
  "SELECT i AS id, CASE WHEN i % 2 = 0 THEN 'pay with 4539 1488 0343 6467 please' ELSE 'hello world' END AS text, " +
  "'web' AS source, true AS consent FROM range(40) t(i)";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "comply-gate-sniff-"));
  await writeJsonLines({ path: join(dir, "good.csv"), select: SELECT, format: "csv" });
  await writeJsonLines({ path: join(dir, "pii.csv.gz"), select: SELECT, format: "csv", compression: "gzip" });
  await writeParquet({ path: join(dir, "pii.parquet"), select: SELECT, codec: "snappy" });
});

async function scan(files: string[]): Promise<CheckResult> {
  const inputs = files.map((name) => ({ path: join(dir, name), displayPath: name }));
  return (await scanDataset({ files: inputs, target: "data", options: datasetOptions({}) })).result;
}

const messages = (result: CheckResult, rule: string): string[] =>
  result.findings.filter((f) => f.rule === rule).map((f) => `${f.location.path}: ${f.message}`);

describe("content before names", () => {
  it("reads a gzip file named .csv beside a good file as the gzip CSV it is: its rows and PII count", async () => {
    await copyFile(join(dir, "pii.csv.gz"), join(dir, "mislabelled.csv"));
    const result = await scan(["good.csv", "mislabelled.csv"]);
    const alone = await scan(["good.csv"]);
    expect(result.metrics.rows).toBe(80);
    expect(Number(result.metrics.piiMatches)).toBe(2 * Number(alone.metrics.piiMatches));
  });

  it("reads a Parquet file named .jsonl as Parquet", async () => {
    await copyFile(join(dir, "pii.parquet"), join(dir, "parquet.jsonl"));
    const result = await scan(["parquet.jsonl"]);
    expect(result.metrics.rows).toBe(40);
    expect(Number(result.metrics.piiMatches)).toBeGreaterThan(0);
  });

  it.each([
    ["UTF-16 LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("text,source\nhi,web\n", "utf16le")])],
    ["UTF-16 BE", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("text,source\nhi,web\n", "utf16le").swap16()])],
    ["UTF-32 LE", Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x74, 0x00, 0x00, 0x00])],
  ])("refuses a %s export (byte-order mark) with the fix, beside a good file", async (name, bytes) => {
    await writeFile(join(dir, "export.csv"), bytes);
    const result = await scan(["good.csv", "export.csv"]);
    expect(result.status).toBe("error");
    expect(messages(result, "dataset.unreadable")).toEqual([
      `export.csv: the file is encoded as ${name} (byte-order mark): comply-gate reads UTF-8 text; convert it (e.g. iconv -f ${name.replace(" ", "")} -t UTF-8)`,
    ]);
  });

  it("refuses text with NUL bytes (UTF-16 without a mark, or binary), naming the line", async () => {
    await writeFile(join(dir, "nul.jsonl"), Buffer.from('{"a": 1}\n{"b": 2}\n', "utf16le"));
    const result = await scan(["nul.jsonl"]);
    expect(messages(result, "dataset.unreadable")).toEqual([
      "nul.jsonl: a NUL byte at line 1 (byte 2): binary data, or UTF-16/32 text without a byte-order mark, not UTF-8 text",
    ]);
  });

  it("refuses a file whose name promises gzip but holds text, and bzip2 data named .csv", async () => {
    await writeFile(join(dir, "plain.jsonl.gz"), '{"a": 1}\n');
    await writeFile(join(dir, "bz.csv"), Buffer.from("BZh91AY&SY", "latin1"));
    const result = await scan(["plain.jsonl.gz", "bz.csv"]);
    expect(messages(result, "dataset.unreadable")).toEqual([
      "plain.jsonl.gz: the file's name says gzip, but it does not hold gzip data",
      "bz.csv: the file holds bzip2-compressed data, whatever its name says: decompress it first",
    ]);
  });

  it("refuses gzip whose content is not UTF-8 text", async () => {
    await writeFile(join(dir, "inner.jsonl.gz"), gzipSync(Buffer.from('{"a": 1}\n', "utf16le")));
    const result = await scan(["inner.jsonl.gz"]);
    expect(messages(result, "dataset.unreadable")[0]).toMatch(/^inner\.jsonl\.gz: once decompressed, a NUL byte/);
  });
});

describe("files that give no row", () => {
  it("a header-only CSV beside a good file is a failing finding, the good file still judged", async () => {
    await writeFile(join(dir, "header-only.csv"), "id,text,source,consent\n");
    const result = await scan(["good.csv", "header-only.csv"]);
    expect(result.status).toBe("fail");
    expect(result.metrics.rows).toBe(40);
    expect(messages(result, "dataset.empty-file")).toEqual([
      "header-only.csv: no rows were read from this file (a header only, or no records): nothing in it was checked",
    ]);
  });

  it("a JSONL file of blank lines beside a good file, the same", async () => {
    await writeFile(join(dir, "blank.jsonl"), "\n\n\n");
    const result = await scan(["good.csv", "blank.jsonl"]);
    expect(messages(result, "dataset.empty-file")).toHaveLength(1);
  });
});

describe("sniff", () => {
  it.each([
    [[0x1f, 0x8b, 8, 0], "gzip"],
    [[0x28, 0xb5, 0x2f, 0xfd], "zstd"],
    [[0x50, 0x41, 0x52, 0x31], "parquet"],
    [[0x7b, 0x22, 0x61], "text"],
    [[0xef, 0xbb, 0xbf, 0x7b], "text"], // a UTF-8 byte-order mark is UTF-8
  ])("%j is %s", (bytes, kind) => {
    expect(sniff(Uint8Array.from(bytes)).kind).toBe(kind);
  });
});
