import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Bool, Field, Float64, Int32, List, Struct, Utf8 } from "apache-arrow";
import { parquetMetadata } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { ARROW_PARQUET_CODECS, writeArrowParquet } from "../../test/helpers/arrow-parquet-writer.js";
import { runCli } from "../../test/helpers/cli.js";
import { PARQUET_CODECS, writeJsonLines, writeParquet } from "../../test/helpers/parquet-writer.js";
import type { CheckResult, Clause } from "../core/model.js";
import { compressionUnavailable } from "../io/decompress.js";
import { datasetOptions } from "./options.js";
import { luhnValid } from "./recognizers/validators.js";
import { scanDataset } from "./scan.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "comply-gate-dataset-"));
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, content);
  return path;
}

async function scan(paths: string[], overrides: Parameters<typeof datasetOptions>[0] = {}): Promise<CheckResult> {
  const files = paths.map((path) => ({ path, displayPath: path.slice(dir.length + 1) }));
  return (await scanDataset({ files, target: "data", options: datasetOptions(overrides) })).result;
}

const clause = (result: CheckResult, id: string): Clause => {
  const found = result.clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no clause ${id}`);
  return found;
};

/** A result's clauses, evidence included, as JSON with the scanned file's name made neutral. */
const clausesOf = (result: CheckResult, fileName: string | RegExp): string =>
  JSON.stringify(result.clauses).replaceAll(fileName, "FILE");

const jsonl = (rows: readonly object[]): string => rows.map((r) => `${JSON.stringify(r)}\n`).join("");

/**
 * Scan `folder` with the CLI in one thread, in two worker lanes (forced on for a small input) and as `shards`
 * shard reports merged in reverse order; every way must give the single run's bytes and exit code. Returns the
 * single run's report text.
 */
async function expectSameReportEveryWay(folder: string, options: { unitBytes: number; shards: number }) {
  const env = { COMPLY_GATE_DATASET_UNIT_BYTES: String(options.unitBytes) };
  const single = await runCli(["dataset", folder, "--json"], { env, cwd: dir });
  const lanes = await runCli(["dataset", folder, "--json"], {
    env: { ...env, COMPLY_GATE_PARALLEL_MIN_BYTES: "0" },
    cwd: dir,
  });
  expect(lanes.stdout).toBe(single.stdout);
  const shards = [];
  for (let i = 1; i <= options.shards; i++) {
    const out = join(dir, `${folder.slice(dir.length + 1)}-shard-${i}.json`);
    const run = await runCli(["dataset", folder, "--shard", `${i}/${options.shards}`, "--json", "--out", out], {
      env,
      cwd: dir,
    });
    expect(run.stderr).toBe("");
    shards.push(out);
  }
  const merged = await runCli(["merge", ...shards.reverse(), "--json"], { env, cwd: dir });
  expect(merged.stderr).toBe("");
  expect(merged.code).toBe(single.code);
  expect(merged.stdout).toBe(single.stdout);
  return single.stdout;
}
/** `n` rows of plain text with the given consent/source fields. */
const rows = (n: number, extra: (i: number) => object = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({
    text: `row number ${i} talks about apples pears plums and cherries`,
    ...extra(i),
  }));

describe("readers", () => {
  it("JSONL: a malformed line in the middle is a located error and the scan goes on", async () => {
    const path = await file(
      "mid.jsonl",
      `${JSON.stringify({ text: "a" })}\n{"text": broken\n[1,2]\n${JSON.stringify({ text: "b" })}\n`,
    );
    const result = await scan([path]);
    expect(result.metrics.rows).toBe(2);
    expect(result.status).toBe("error");
    const parse = result.findings.filter((f) => f.rule === "dataset.parse");
    expect(parse.map((f) => f.location.line)).toEqual([2, 3]);
    // V8's own message quotes the line; only where it failed is kept (the position where this Node gives one).
    expect(parse[0]?.message).toMatch(/^not valid JSON( \(at character \d+\))?; expected one JSON object per line$/);
    expect(parse[0]?.message).not.toContain("broken");
    expect(parse[1]?.message).toBe("expected a JSON object, found an array");
  });

  it("JSONL: U+2028 inside a value is not a line break; a BOM and CRLF endings are accepted", async () => {
    const path = await file("sep.jsonl", `\uFEFF{"text": "one\u2028two"}\r\n{"text": "three"}\r\n`);
    const result = await scan([path]);
    expect(result.metrics.rows).toBe(2);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("JSON: an array of rows, or an object of arrays, streamed with lines located", async () => {
    const array = await file("a.json", `[\n  {"text": "x [y] {z}", "n": 1},\n  {"text": "q\\"uote"}\n]`);
    const split = await file(
      "b.json",
      `{"train": [{"text": "t1"}, {"text": "t2"}], "meta": {"v": 1}, "test": [{"text": "t3"}]}`,
    );
    const one = await file("c.json", `{"text": "a single row"}`);
    expect((await scan([array])).metrics.rows).toBe(2);
    expect((await scan([split])).metrics.rows).toBe(3);
    expect((await scan([one])).metrics.rows).toBe(1);
    const cut = await scan([await file("d.json", `[{"text": "a"}, {"text": "b"`)]);
    expect(cut.status).toBe("error");
    expect(cut.findings.map((f) => f.message)).toContain(
      "the JSON document is cut short (unclosed array, object or string)",
    );
  });

  it("CSV: quoted commas, quotes and newlines, a BOM in the header, ragged rows reported", async () => {
    const path = await file(
      "d.csv",
      '\uFEFFtext,source,consent\r\n"hello, world",web,true\r\n"multi\r\nline ""quoted""",web,yes\r\nshort\r\n',
    );
    const result = await scan([path]);
    expect(result.metrics.rows).toBe(3);
    expect(clause(result, "Art.10(2)(c)").evidence.rowsCovered).toBe(2); // `source` found despite the BOM
    const ragged = result.findings.filter((f) => f.rule === "dataset.csv.ragged");
    expect(ragged.map((f) => [f.location.row, f.message])).toEqual([[2, "row has 1 field(s), the header 3"]]);
  });

  it("CSV: a file without a single quote keeps its first data row; CRLF, tabs and quoted header names", async () => {
    // papaparse's fast path (no quote in the text) reports the header's end one record too far with `preview`.
    const plain = await scan([await file("plain.csv", "text,source\nfirst row,web\nsecond row,web\n")]);
    expect([plain.metrics.rows, clause(plain, "Art.10(2)(c)").evidence.rowsCovered]).toEqual([2, 2]);
    const crlf = await scan([await file("crlf.csv", "text,source\r\nfirst,web\r\nsecond,\r\n")]);
    expect([crlf.metrics.rows, clause(crlf, "Art.10(2)(c)").evidence.rowsCovered]).toEqual([2, 1]);
    // Two commas inside quoted names, one ";" outside them: the delimiter is ";".
    const quoted = await scan([await file("quoted.csv", '"text, long, name";source\n"x, y";web\n')]);
    expect([quoted.metrics.rows, clause(quoted, "Art.10(2)(c)").evidence.rowsCovered]).toEqual([1, 1]);
    const tabs = await scan([await file("tabs.csv", "text\tsource\nfirst, with a comma\tweb\n")]);
    expect([tabs.metrics.rows, tabs.metrics.raggedRows, clause(tabs, "Art.10(2)(c)").evidence.rowsCovered]).toEqual([
      1, 0, 1,
    ]);
  });

  it("CSV: the header's delimiter holds in every unit, even where the rows alone suggest another", async () => {
    // Each row has three commas and one semicolon: a unit guessing from its own rows would split on commas.
    const body = Array.from({ length: 4000 }, (_, i) => `row ${i}, with, some, commas;web-${i % 3}\n`).join("");
    const path = await file("semicolons.csv", `text;source\n${body}`);
    const files = [{ path, displayPath: "semicolons.csv" }];
    const options = datasetOptions({});
    const { result } = await scanDataset({ files, target: "data", options, unitBytes: 16 * 1024 });
    expect(result.metrics.rows).toBe(4000);
    expect(result.metrics.raggedRows).toBe(0);
    expect(clause(result, "Art.10(2)(c)").evidence.rowsCovered).toBe(4000); // every `source` found
  });

  it("CSV: an unclosed quote is an error", async () => {
    const result = await scan([await file("bad.csv", 'text,source\n"never closed,web\nnext,web\n')]);
    expect(result.status).toBe("error");
    expect(result.findings.some((f) => f.message === "a quoted field is never closed")).toBe(true);
  });

  it("TXT: one record per non-blank line", async () => {
    const result = await scan([await file("t.txt", "first line\n\n  second line  \nthird\n")]);
    expect(result.metrics.rows).toBe(3);
  });

  it.each(PARQUET_CODECS.flatMap((codec) => (["V1", "V2"] as const).map((version) => [codec, version] as const)))(
    "Parquet written by DuckDB: %s, %s pages, dictionary and list columns, several row groups",
    async (codec, version) => {
      const path = join(dir, `p-${codec}-${version}.parquet`);
      await writeParquet({
        path,
        codec,
        version,
        rowGroupSize: 2048,
        select:
          "SELECT i AS id, 'text about item ' || i AS text, ['a', 'b'] AS tags, " +
          "CASE WHEN i % 4 = 0 THEN NULL ELSE 'web' END AS source, (i % 3 = 0) AS consent, " +
          "CASE i % 2 WHEN 0 THEN 'cat' ELSE 'dog' END AS label FROM range(5000) t(i)",
      });
      const result = await scan([path]);
      expect(result.metrics.rows).toBe(5000);
      expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(clause(result, "Art.10(2)(c)").evidence.rowsCovered).toBe(3750);
      expect(clause(result, "Art.10(2)(b)").evidence.rowsCovered).toBe(1667);
      expect(clause(result, "Art.10(2)(f)").evidence.classCounts).toEqual([2500, 2500]);
    },
    30_000,
  );

  it("Parquet: struct, map, nested-list and null columns give the rows (and every clause) the same writer's JSON gives", async () => {
    // Several row groups and pages; values JSON and Parquet hold alike (strings, 32-bit numbers, booleans, nulls).
    const select =
      "SELECT {'name': 'n' || (i % 50), 'age': CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 90)::INTEGER END, " +
      "'tags': ['x', 'y' || (i % 3)]} AS person, CASE WHEN i % 5 = 0 THEN NULL ELSE [['a' || i], [], NULL] END AS nested, " +
      "MAP {'k': (i % 4)::INTEGER} AS m, CASE WHEN i % 11 = 0 THEN NULL ELSE 'row text ' || (i % 400) || ' mail a' || i || " +
      "'@acme.io' END AS text, 'crawl' AS source, (i % 2 = 0) AS consent, " +
      "CASE i % 3 WHEN 0 THEN 'cat' WHEN 1 THEN 'dog' ELSE NULL END AS label FROM range(3500) t(i)";
    const parquet = join(dir, "nested.parquet");
    const json = join(dir, "nested.jsonl");
    await writeParquet({ path: parquet, select, codec: "zstd", version: "V2", rowGroupSize: 700 });
    await writeJsonLines({ path: json, select });
    const [fromParquet, fromJson] = [await scan([parquet]), await scan([json])];
    expect(fromParquet.metrics.rows).toBe(3500);
    expect(fromParquet.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(clause(fromParquet, "Art.10(2)(a)").evidence.matches).toBe(3500 - 319); // one e-mail per non-null text
    // The same clauses, evidence included, but for the file names.
    expect(clausesOf(fromParquet, "nested.parquet")).toBe(clausesOf(fromJson, "nested.jsonl"));
  }, 30_000);

  it.each(ARROW_PARQUET_CODECS.flatMap((codec) => (["V1", "V2"] as const).map((version) => [codec, version] as const)))(
    "Parquet written by parquet-rs (Rust's Arrow writer): %s, %s pages — every clause as for the same rows as JSON",
    async (codec, version) => {
      // Unique text overflows the small dictionary page, so its chunks turn to plain pages part-way; lists hold
      // nulls and empties, structs are null or hold nulls.
      const rows = Array.from({ length: 3000 }, (_, i) => ({
        id: i,
        text:
          i % 13 === 0
            ? null
            : `note ${i} naïve 数据 😀 ${"word ".repeat(i % 17)}${i % 4 === 0 ? `mail u${i % 500}@acme.io` : "no contact"}`,
        label: ["cat", "dog", null][i % 3],
        source: i % 5 === 0 ? "" : `crawl-${i % 4}`,
        consent: i % 7 === 0 ? null : i % 2 === 0,
        score: i / 8,
        tags: i % 6 === 0 ? null : i % 6 === 1 ? [] : [`t${i % 3}`, i % 4 === 0 ? null : "x"],
        person: i % 10 === 0 ? null : { name: `n${i % 50}`, age: i % 7 === 0 ? null : i % 90 },
      }));
      const columns = {
        id: new Int32(),
        text: new Utf8(),
        label: new Utf8(),
        source: new Utf8(),
        consent: new Bool(),
        score: new Float64(),
        tags: new List(new Field("item", new Utf8(), true)),
        person: new Struct([new Field("name", new Utf8(), true), new Field("age", new Int32(), true)]),
      };
      const parquet = join(dir, `rs-${codec}-${version}.parquet`);
      const json = join(dir, `rs-${codec}-${version}.jsonl`);
      await writeArrowParquet({ path: parquet, rows, columns, codec, version, rowGroupSize: 700 });
      await writeFile(json, jsonl(rows));
      const metadata = parquetMetadata(new Uint8Array(await readFile(parquet)).buffer);
      expect(metadata.created_by).toMatch(/^parquet-rs/);
      expect(metadata.row_groups).toHaveLength(5);
      const [fromParquet, fromJson] = [await scan([parquet]), await scan([json])];
      expect(fromParquet.metrics.rows).toBe(3000);
      expect(fromParquet.findings.filter((f) => f.severity === "error")).toEqual([]);
      const mails = rows.filter((row) => row.text?.includes("@")).length;
      expect(clause(fromParquet, "Art.10(2)(a)").evidence.matches).toBe(mails);
      expect(clausesOf(fromParquet, `rs-${codec}-${version}.parquet`)).toBe(
        clausesOf(fromJson, `rs-${codec}-${version}.jsonl`),
      );
    },
    30_000,
  );

  it("Parquet: long text (decoded as its row is built) gives every clause what the same rows as JSON give", async () => {
    // Texts on both sides of 64 bytes, non-ASCII, with e-mails, repeated rows and a long repeated label.
    const select =
      "SELECT i::INTEGER AS id, repeat('naïve données ', (j % 30) + 1) || ' mail u' || (j % 700) || " +
      "'@acme.io' AS text, repeat('class ', 1 + j % 15) AS label, 'crawl' AS source, (j % 3 > 0) AS consent " +
      "FROM (SELECT i, i % 900 AS j FROM range(4000) t(i))";
    const parquet = join(dir, "long.parquet");
    const json = join(dir, "long.jsonl");
    await writeParquet({ path: parquet, select, codec: "snappy", rowGroupSize: 1000 });
    await writeJsonLines({ path: json, select });
    const [fromParquet, fromJson] = [await scan([parquet]), await scan([json])];
    expect(fromParquet.metrics.rows).toBe(4000);
    expect(clause(fromParquet, "Art.10(3)").evidence.duplicates).toBe(4000 - 900);
    expect(clausesOf(fromParquet, "long.parquet")).toBe(clausesOf(fromJson, "long.jsonl"));
  }, 30_000);

  it("column names and labels such as `__proto__` and `constructor` are data like any other, in every format", async () => {
    // A row object or clause record with a prototype would hide a `__proto__` column (its PII unscanned) and
    // read `constructor` as an inherited function (the run failed on a NaN).
    const select =
      "SELECT 'note ' || i || ' mail a' || i || '@acme.io' AS \"__proto__\", 'r' || (i % 3) AS \"constructor\", " +
      "CASE i % 3 WHEN 0 THEN '__proto__' WHEN 1 THEN 'constructor' ELSE 'toString' END AS label, " +
      "'web' AS \"toString\" FROM range(90) t(i) ORDER BY i";
    const folder = join(dir, "prototype-names");
    await mkdir(folder, { recursive: true });
    await writeParquet({ path: join(folder, "p.parquet"), select, codec: "snappy", rowGroupSize: 2048 });
    await writeJsonLines({ path: join(folder, "j.jsonl"), select });
    const labels = ["__proto__", "constructor", "toString"];
    await writeFile(
      join(folder, "c.csv"),
      `__proto__,constructor,label,toString\n${Array.from({ length: 90 }, (_, i) => `note ${i} mail a${i}@acme.io,r${i % 3},${labels[i % 3]},web\n`).join("")}`,
    );
    const byFormat = await Promise.all(["p.parquet", "j.jsonl", "c.csv"].map((name) => scan([join(folder, name)])));
    for (const result of byFormat) {
      expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(clause(result, "Art.10(2)(a)").evidence.matches).toBe(90);
      expect(clause(result, "Art.10(2)(f)").evidence).toMatchObject({ classNames: labels, classCounts: [30, 30, 30] });
      expect(clause(result, "Art.10(3)-missing").evidence).toMatchObject({
        columns: ["__proto__", "constructor", "label", "toString"],
        missingPct: [0, 0, 0, 0],
      });
    }
    const clauses = (result: CheckResult) => clausesOf(result, /prototype-names\/\w\.\w+/g);
    expect(clauses(byFormat[0] as CheckResult)).toBe(clauses(byFormat[1] as CheckResult));
    expect(clauses(byFormat[2] as CheckResult)).toBe(clauses(byFormat[1] as CheckResult));
    // Clause states cross threads (structured clone) and shard reports (JSON): both keep the names as data.
    const report = await expectSameReportEveryWay(folder, { unitBytes: 2000, shards: 2 });
    expect(JSON.parse(report).checks[0].metrics).toMatchObject({ rows: 270, piiMatches: 270 });
  }, 60_000);

  it("Parquet: a file that is not Parquet is a located error", async () => {
    const result = await scan([await file("fake.parquet", "PAR1 this is not a parquet file at all PAR1")]);
    expect(result.status).toBe("error");
    expect(result.findings[0]?.rule === "dataset.unreadable" || result.findings[1]?.rule === "dataset.unreadable").toBe(
      true,
    );
  });

  it.each([
    // zstd: the frame's magic number broken.
    { codec: "zstd", expected: "cannot be decompressed" },
    // gzip: the member's CRC-32 no longer matches its text (hyparquet's JavaScript inflate never checked it).
    { codec: "gzip", expected: "cannot be decompressed .*incorrect data check" },
  ] as const)(
    "Parquet: a damaged $codec page is a located error; the row group before it is still scanned",
    async (damaged) => {
      const path = join(dir, `damaged-${damaged.codec}.parquet`);
      const select = "SELECT i AS id, repeat('text ', i % 40) || i AS text FROM range(4000) t(i)";
      await writeParquet({ path, codec: damaged.codec, rowGroupSize: 2000, select });
      const bytes = await readFile(path);
      const { row_groups: groups } = parquetMetadata(new Uint8Array(bytes).buffer);
      // Row group 1's text column is one page: its compressed stream ends where the column chunk does.
      const text = groups[1]?.columns[1]?.meta_data;
      const chunkEnd = Number(text?.data_page_offset) + Number(text?.total_compressed_size);
      const at =
        damaged.codec === "zstd"
          ? bytes.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Number(text?.data_page_offset)) // the frame's start
          : chunkEnd - 8; // gzip's trailer: CRC-32, then the length
      expect(at).toBeGreaterThan(Number(text?.data_page_offset));
      (bytes[at] as number) ^= 1;
      await writeFile(path, bytes);
      const result = await scan([path]);
      expect(result.status).toBe("error");
      expect(result.metrics?.rows).toBe(Number(groups[0]?.num_rows));
      const error = result.findings.find((f) => f.severity === "error");
      expect(error).toMatchObject({ rule: "dataset.parse", location: { path: `damaged-${damaged.codec}.parquet` } });
      expect(error?.message).toMatch(
        new RegExp(`^row group 1 cannot be read \\(a ${damaged.codec} page ${damaged.expected}`),
      );
    },
  );

  it("an empty dataset fails once, with one reason, and judges no clause (none reads 'acceptable' beside a failure)", async () => {
    const result = await scan([await file("empty.jsonl", "")]);
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => `${f.rule}/${f.severity}: ${f.message}`)).toEqual([
      "dataset.empty/fail: no rows were read: nothing was checked",
    ]);
    expect(result.clauses.length).toBeGreaterThan(5);
    for (const clause of result.clauses) {
      expect(clause).toMatchObject({ status: "skip", detail: "not judged: no rows were read" });
    }
    const text = await runCli(["dataset", join(dir, "empty.jsonl")]);
    expect(text.stdout).not.toMatch(/acceptable|within/);
    const clauseRows = text.stdout.split("\n").filter((line) => /^ {2}\w+ +Art\.10/.test(line));
    expect(clauseRows.length).toBe(result.clauses.length);
    for (const row of clauseRows) expect(row).toMatch(/^ {2}skip +/);
    expect(text.stdout.match(/dataset\.empty/g)).toHaveLength(1);
  });
});

describe("compressed text files (.gz, .zst)", () => {
  // Text with e-mails, quotes, commas, non-ASCII and repeats, written by DuckDB plain and compressed.
  const select =
    "SELECT i::INTEGER AS id, 'note ' || (i % 700) || ', \"quoted\" naïve 数据 mail u' || (i % 300) || '@acme.io' AS text, " +
    "CASE i % 3 WHEN 0 THEN 'cat' WHEN 1 THEN 'dog' ELSE 'owl' END AS label, 'crawl' AS source, (i % 4 > 0) AS consent " +
    "FROM range(3000) t(i)";
  const zstdReadable = compressionUnavailable("zstd") === undefined;

  it.each([
    ["gzip", "jsonl"],
    ["gzip", "csv"],
    ["zstd", "jsonl"],
    ["zstd", "csv"],
  ] as const)(
    "%s %s written by DuckDB: every clause as for the same file uncompressed",
    async (compression, format) => {
      const writerFormat = format === "csv" ? "csv" : "json";
      const plain = join(dir, `plain-${compression}.${format}`);
      const packed = join(dir, `packed.${format}.${compression === "gzip" ? "gz" : "zst"}`);
      await writeJsonLines({ path: plain, select, format: writerFormat });
      await writeJsonLines({ path: packed, select, format: writerFormat, compression });
      const [fromPacked, fromPlain] = [await scan([packed]), await scan([plain])];
      if (compression === "zstd" && !zstdReadable) {
        // Node 20 has no zstd: the file is refused, never skipped.
        expect(fromPacked.status).toBe("error");
        const refusal = fromPacked.findings.find((f) => f.rule === "dataset.unreadable");
        expect(refusal?.message).toMatch(/^reading zstd needs Node 22\.15 or later/);
        return;
      }
      expect(fromPacked.metrics.rows).toBe(3000);
      expect(fromPacked.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(clause(fromPacked, "Art.10(2)(a)").evidence.matches).toBe(3000);
      expect(clausesOf(fromPacked, packed.slice(dir.length + 1))).toBe(
        clausesOf(fromPlain, plain.slice(dir.length + 1)),
      );
    },
  );

  it("gzip JSON and TXT are read like their plain files; concatenated gzip members are one stream", async () => {
    const records = rows(40, (i) => ({ source: `s${i % 3}`, consent: i % 2 === 0 }));
    const json = await file("array.json", JSON.stringify(records, null, 1));
    const jsonGz = await file("array.json.gz", gzipSync(JSON.stringify(records, null, 1)));
    expect(clausesOf(await scan([jsonGz]), "array.json.gz")).toBe(clausesOf(await scan([json]), "array.json"));
    const lines = records.map((r) => `${r.text}\n`);
    // Two members, as `cat a.gz b.gz` makes: the second one's lines follow the first's.
    const txtGz = await file(
      "notes.txt.gz",
      Buffer.concat([gzipSync(lines.slice(0, 25).join("")), gzipSync(lines.slice(25).join(""))]),
    );
    const txt = await file("notes.txt", lines.join(""));
    const fromGz = await scan([txtGz]);
    expect(fromGz.metrics.rows).toBe(40);
    expect(clausesOf(fromGz, "notes.txt.gz")).toBe(clausesOf(await scan([txt]), "notes.txt"));
  });

  it("gzip JSONL: a malformed line is located by its line in the decompressed text", async () => {
    const text = `${jsonl(rows(30))}{"text": broken\n${jsonl(rows(5))}`;
    const result = await scan([await file("mid.jsonl.gz", gzipSync(text))]);
    expect(result.metrics.rows).toBe(35);
    expect(result.findings.filter((f) => f.rule === "dataset.parse").map((f) => f.location.line)).toEqual([31]);
  });

  it("a cut-off or damaged compressed file is an error where reading stopped, never a pass", async () => {
    const whole = gzipSync(jsonl(rows(2000, (i) => ({ source: "web", consent: true, id: i }))));
    const cut = await scan([await file("cut.jsonl.gz", whole.subarray(0, whole.length >> 1))]);
    expect(cut.status).toBe("error");
    const stop = cut.findings.find((f) => f.rule === "dataset.parse");
    expect(stop?.message).toBe(
      "the gzip data cannot be decompressed: unexpected end of file (Z_BUF_ERROR): nothing from this line on was read",
    );
    const read = Number(cut.metrics.rows);
    expect(read).toBeGreaterThan(0);
    expect(stop?.location.line).toBe(read + 1); // the lines before it were read
    const damaged = Buffer.from(whole);
    damaged[damaged.length - 6] = (damaged[damaged.length - 6] as number) ^ 0xff; // the CRC-32 trailer
    expect((await scan([await file("crc.jsonl.gz", damaged)])).status).toBe("error");
    const notGzip = await scan([await file("fake.csv.gz", "text,source\nhello,web\n")]);
    expect(notGzip.status).toBe("error");
    expect(notGzip.findings.find((f) => f.rule === "dataset.unreadable")?.message).toBe(
      "the file's name says gzip, but it does not hold gzip data",
    );
  });

  it("a directory's files in compressions not read, and compressed Parquet, are errors, never skipped", async () => {
    const folder = join(dir, "mixed-compressions");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "a.jsonl"), jsonl(rows(10, () => ({ source: "web", consent: true }))));
    await writeFile(join(folder, "b.jsonl.bz2"), "BZh9");
    await writeFile(join(folder, "c.parquet.gz"), gzipSync("PAR1"));
    await writeFile(join(folder, "README.md"), "not data");
    const { code, stdout } = await runCli(["dataset", folder, "--json"], { cwd: dir });
    const check = JSON.parse(stdout).checks[0];
    expect(code).not.toBe(0);
    expect(check.status).toBe("error");
    expect(check.metrics.rows).toBe(10);
    expect(
      check.findings
        .filter((f: { severity: string }) => f.severity === "error")
        .map((f: { location: { path: string }; message: string }) => [f.location.path, f.message]),
    ).toEqual([
      ["mixed-compressions/b.jsonl.bz2", ".bz2 files are not read: decompress it, or compress it as .gz or .zst"],
      ["mixed-compressions/c.parquet.gz", "a compressed Parquet file is not read: Parquet compresses its pages itself"],
    ]);
  });

  it("compressed files in a sharded or two-lane run give the single run's report", async () => {
    const folder = join(dir, "compressed-shards");
    await mkdir(folder, { recursive: true });
    for (let k = 0; k < 3; k++) {
      const part = rows(300, (i) => ({ id: k * 300 + i, source: i % 5 ? "web" : "", consent: i % 3 > 0 }));
      await writeFile(join(folder, `part-${k}.jsonl.gz`), gzipSync(jsonl(part)));
    }
    await writeFile(join(folder, "extra.csv.gz"), gzipSync("text,source\nmail a@acme.io,web\nplain,web\n"));
    const report = await expectSameReportEveryWay(folder, { unitBytes: 2000, shards: 4 });
    expect(JSON.parse(report).checks[0].metrics).toMatchObject({ rows: 902 });
  });
});

describe("Article 10 clauses at their thresholds", () => {
  it("Art.10(2)(b): 79 % affirmative consent fails, 80 % passes; `consent: false` never counts", async () => {
    const at = async (yes: number) =>
      clause(
        await scan([await file(`c${yes}.jsonl`, jsonl(rows(100, (i) => ({ consent: i < yes }))))]),
        "Art.10(2)(b)",
      );
    expect((await at(79)).status).toBe("fail");
    expect((await at(80)).status).toBe("pass");
    expect((await at(80)).evidence.consentPresentNotAffirmative).toBe(20);
  });

  it("Art.10(2)(b): a GDPR Art. 6(1) lawful basis counts; a configurable 100 % threshold", async () => {
    const data = jsonl(rows(10, (i) => (i < 9 ? { legal_basis: "legitimate interests" } : { legal_basis: "because" })));
    const path = await file("basis.jsonl", data);
    expect(clause(await scan([path]), "Art.10(2)(b)").status).toBe("pass");
    expect(clause(await scan([path], { thresholds: { lawfulBasisPct: 100 } }), "Art.10(2)(b)").status).toBe("fail");
  });

  it("Art.10(2)(c): 79 % with a non-empty source fails, 80 % passes", async () => {
    const at = async (n: number) =>
      clause(
        await scan([await file(`s${n}.jsonl`, jsonl(rows(100, (i) => ({ source: i < n ? "crawl" : " " }))))]),
        "Art.10(2)(c)",
      );
    expect((await at(79)).status).toBe("fail");
    expect((await at(80)).status).toBe("pass");
  });

  it("Art.10(2)(a): one email in exactly 1,000 estimated tokens fails, in 1,001 passes", async () => {
    // 4,000 code points = 1,000 tokens; the email itself is part of the text.
    const email = "reach anna.k@gmail.com ";
    const text = (tokens: number) => email + "x".repeat(tokens * 4 - email.length);
    const at = async (tokens: number) =>
      clause(await scan([await file(`p${tokens}.jsonl`, jsonl([{ text: text(tokens) }]))]), "Art.10(2)(a)");
    expect((await at(1000)).status).toBe("fail");
    expect((await at(1001)).status).toBe("pass");
  });

  it("Art.10(2)(a): one row with more validated high-risk identifiers than allowed fails, whatever the average", async () => {
    // Luhn-valid numbers that are not on the well-known test-card list.
    const card = (k: number) => {
      const body = `45398${String(1234567 + k * 7919).padStart(10, "0")}`;
      for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
      throw new Error("unreachable");
    };
    const heavy = { text: `cards ${[0, 1, 2, 3, 4, 5].map(card).join(" and ")}` };
    const result = await scan([await file("heavy.jsonl", jsonl([...rows(20000), heavy]))]);
    const pii = clause(result, "Art.10(2)(a)");
    expect(pii.evidence.density as number).toBeLessThan(1);
    expect(pii.status).toBe("fail");
    const finding = result.findings.find((f) => f.rule === "dataset.pii.concentration");
    expect(finding?.location.line).toBe(20001);
    expect(finding?.message).toBe("row holds 6 validated high-risk identifiers (limit 5): credit_card ×6");
    expect(JSON.stringify(result)).not.toContain(card(0));
  });

  it("Art.10(2)(d): spanforge's cut-offs — 20 % is low, just above is medium, above 40 % high; < 30 words low", async () => {
    const signal = async (name: string, words: string[]) =>
      clause(await scan([await file(name, jsonl([{ text: words.join(" ") }]))]), "Art.10(2)(d)").evidence.signal;
    const distinct = (n: number) =>
      Array.from({ length: n }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
    expect(await signal("v20.jsonl", [...Array(20).fill("apple"), ...distinct(80)])).toBe("low");
    expect(await signal("v21.jsonl", [...Array(21).fill("apple"), ...distinct(79)])).toBe("medium");
    expect(await signal("v40.jsonl", [...Array(40).fill("apple"), ...distinct(60)])).toBe("medium");
    expect(await signal("v41.jsonl", [...Array(41).fill("apple"), ...distinct(59)])).toBe("high");
    expect(await signal("v29.jsonl", Array(29).fill("apple"))).toBe("low");
    // Python lower(): "İ" gives "i" and a combining dot, so "İstanbul" counts "stanbul"; é splits "café" into "caf".
    expect(await signal("vu.jsonl", [...Array(35).fill("İstanbul"), ...distinct(65)])).toBe("medium");
  });

  it("Art.10(2)(f): a column of more than 1,000 distinct values is no class label; multi-label lists count each", async () => {
    const labelled = (n: number) => jsonl(Array.from({ length: 1001 }, (_, i) => ({ text: "t", label: `c${i % n}` })));
    const at1000 = clause(await scan([await file("l1000.jsonl", labelled(1000))]), "Art.10(2)(f)");
    expect(at1000.evidence.classes).toBe(1000);
    const at1001 = clause(await scan([await file("l1001.jsonl", labelled(1001))]), "Art.10(2)(f)");
    expect([at1001.status, at1001.detail]).toEqual(["skip", expect.stringMatching(/more than 1000 distinct values/)]);
    const multi = jsonl([{ label: ["a", "b"] }, { label: ["a"] }, { label: "" }, { label: "b" }]);
    const lists = clause(await scan([await file("multi.jsonl", multi)]), "Art.10(2)(f)");
    expect([lists.evidence.classNames, lists.evidence.classCounts]).toEqual([
      ["a", "b"],
      [2, 2],
    ]);
  });

  it("Art.10(2)(f): imbalance above the ratio warns; a configured label column", async () => {
    const data = jsonl(rows(210, (i) => ({ y: i < 200 ? "common" : "rare" })));
    const path = await file("labels.jsonl", data);
    expect(clause(await scan([path]), "Art.10(2)(f)").status).toBe("skip");
    const judged = clause(await scan([path], { labelColumn: "y" }), "Art.10(2)(f)");
    expect(judged.status).toBe("pass"); // 200 / 10 = 20: not above 20
    expect(
      clause(await scan([path], { labelColumn: "y", thresholds: { labelImbalanceRatio: 19.9 } }), "Art.10(2)(f)")
        .status,
    ).toBe("warn");
  });

  it("Art.10(3): exact duplicates ignore the id column and key order; 1 % passes, above warns, above 5 % fails", async () => {
    const base = rows(100, (i) => ({ id: i }));
    const dup = (n: number) => [
      ...base,
      ...Array.from({ length: n }, (_, k) => ({ source: undefined, ...base[k], id: 1000 + k })),
    ];
    const at = async (n: number) => clause(await scan([await file(`dup${n}.jsonl`, jsonl(dup(n)))]), "Art.10(3)");
    expect((await at(1)).status).toBe("pass"); // 1 of 101 < 1 %
    expect((await at(2)).status).toBe("warn");
    expect((await at(6)).status).toBe("fail");
    const reordered = await file("reorder.jsonl", '{"a": 1, "b": "x"}\n{"b": "x", "a": 1}\n');
    expect(clause(await scan([reordered]), "Art.10(3)").evidence.duplicates).toBe(1);
  });

  it('Art.10(3): a value\'s type is part of it (1, "1", true, null differ); -0 is 0 and 1.0 is 1', async () => {
    const values = ["1", '"1"', "true", "null", "1.5", '"1.5"', "false", "0", "[1]", '{"v": 1}', "-1", "1e300"];
    const distinct = values.map((v) => `{"v": ${v}}`).join("\n");
    expect(clause(await scan([await file("typed.jsonl", `${distinct}\n`)]), "Art.10(3)").evidence.duplicates).toBe(0);
    const same = await file("same.jsonl", '{"v": 0}\n{"v": -0}\n{"v": 1}\n{"v": 1.0}\n{"v": 1e0}\n{"v": 2}\n');
    expect(clause(await scan([same]), "Art.10(3)").evidence.duplicates).toBe(3);
  });

  it("Art.10(3): a nested value repeats when its JSON does, whatever the spacing; any part, type or place differs", async () => {
    const chat = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}';
    const spaced = '{ "messages" : [ {"role":"user","content":"hi"} , {"role":"assistant","content":"hello"} ] }';
    expect(
      clause(await scan([await file("chat.jsonl", `${chat}\n${spaced}\n`)]), "Art.10(3)").evidence.duplicates,
    ).toBe(1);
    // Each differs from every other: where strings split, how deep a part lies, a string or a number, an
    // array or an object, null or absent, an empty part, a nested object's key order, the messages' order.
    const values = [
      '["ab", "c"]',
      '["a", "bc"]',
      '[["a"]]',
      '["a"]',
      '"a"',
      '["1"]',
      "[1]",
      '{"a": "b"}',
      '["a", "b"]',
      "[]",
      "{}",
      "[null]",
      '[""]',
      "[[]]",
      '{"a": 1, "b": 2}',
      '{"b": 2, "a": 1}',
      '{"a": {"b": 1}}',
      '{"a": [{"b": 1}]}',
      '{"ab": 1}',
      '{"a": 1, "b": null}',
      '[{"role": "assistant", "content": "hello"}, {"role": "user", "content": "hi"}]',
    ];
    const distinct = values.map((v) => `{"v": ${v}}`).join("\n");
    expect(clause(await scan([await file("nested.jsonl", `${distinct}\n`)]), "Art.10(3)").evidence.duplicates).toBe(0);
  });

  it("Art.10(3) missing values: a required column above 20 % fails, above 5 % warns; placeholders count", async () => {
    const at = async (missing: number) => {
      const data = jsonl(rows(100, (i) => ({ label: i < missing ? (i % 2 ? "N/A" : null) : "ok" })));
      return clause(
        await scan([await file(`m${missing}.jsonl`, data)], { requiredColumns: ["label"] }),
        "Art.10(3)-missing",
      );
    };
    expect((await at(5)).status).toBe("pass");
    expect((await at(6)).status).toBe("warn");
    expect((await at(21)).status).toBe("fail");
  });

  it("Art.10(5): a special-category column warns unless declared", async () => {
    const data = jsonl(
      rows(10, (i) => ({ religion: ["muslim", "christian", "none"][i % 3], diagnosis_code: "E11.9" })),
    );
    const path = await file("special.jsonl", data);
    const undeclared = clause(await scan([path]), "Art.10(5)");
    expect(undeclared.status).toBe("warn");
    expect(undeclared.evidence.undeclared).toEqual(["diagnosis_code", "religion"]);
    expect(clause(await scan([path], { specialCategories: ["religion", "diagnosis_code"] }), "Art.10(5)").status).toBe(
      "pass",
    );
  });
});

describe("sharding and parallel units", () => {
  it("a merged 4-shard run and a run in two worker lanes give the same report as a single run", async () => {
    const folder = join(dir, "sharded");
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, "a.jsonl"),
      jsonl(rows(3000, (i) => ({ consent: i % 7 !== 0, label: i % 5 ? "a" : "b", source: "s" }))) + "oops\n",
    );
    await writeFile(
      join(folder, "b.csv"),
      `text,label,consent\n${Array.from({ length: 2000 }, (_, i) => `"row ${i % 1500}, call +44 20 7946 ${String(1000 + (i % 50))}",a,yes\n`).join("")}`,
    );
    await writeParquet({
      path: join(folder, "c.parquet"),
      codec: "zstd",
      rowGroupSize: 2048,
      select: "SELECT 'parquet row ' || (i % 900) AS text, 'b' AS label FROM range(7000) t(i)",
    });
    const report = JSON.parse(await expectSameReportEveryWay(folder, { unitBytes: 20000, shards: 4 }));
    expect(report.checks[0].metrics.rows).toBe(12000);
    expect(report.checks[0].findings.find((f: { rule: string }) => f.rule === "dataset.parse").location).toEqual({
      path: "sharded/a.jsonl",
      line: 3001,
    });
  }, 60_000);

  it("lists the first 100 findings of a rule in file order however many units the file is cut into", async () => {
    // Every row holds an e-mail address: each unit finds more than a listed rule's cap of 100.
    const folder = join(dir, "capped");
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, "mail.jsonl"),
      jsonl(rows(1500, (i) => ({ contact: `write to user${i}@acme-mail.io`, n: i }))),
    );
    const whole = await runCli(["dataset", folder, "--json"], {
      env: { COMPLY_GATE_DATASET_UNIT_BYTES: String(64 * 1024 * 1024) },
      cwd: dir,
    });
    const cut = await runCli(["dataset", folder, "--json"], {
      env: { COMPLY_GATE_DATASET_UNIT_BYTES: "4000" },
      cwd: dir,
    });
    expect(cut.stdout).toBe(whole.stdout);
    const listed = JSON.parse(whole.stdout).checks[0].findings.filter(
      (f: { rule: string }) => f.rule === "dataset.pii",
    );
    expect(listed.map((f: { location: { line: number } }) => f.location.line)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
  }, 30_000);

  it("merge refuses an incomplete or mixed set of shards", async () => {
    const folder = join(dir, "sharded");
    const out = join(dir, "only-1.json");
    await runCli(["dataset", folder, "--shard", "1/2", "--json", "--out", out], { cwd: dir });
    const run = await runCli(["merge", out], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing shard report(s): 2/2");
  }, 30_000);
});
