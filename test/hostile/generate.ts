/**
 * Writes the committed hostile-input corpus (`test/hostile/files/`): small files built to break readers.
 * Run `npx tsx test/hostile/generate.ts` after changing it. Cases too large to commit (a 100 MB line, 100,000
 * files, symlink loops) are made by the test itself in a temporary folder.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeParquet } from "../helpers/parquet-writer.js";

const OUT = join(import.meta.dirname, "files");
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const put = (name: string, content: string | Buffer) => writeFileSync(join(OUT, name), content);

const row = (text: string) => JSON.stringify({ text, source: "crawl", consent: true });

put("truncated-last-line.jsonl", `${row("one")}\n${row("two")}\n{"text": "thr`);
put(
  "invalid-utf8.jsonl",
  Buffer.concat([Buffer.from(`${row("fine")}\n{"text": "`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}\n')]),
);
put("utf16-bom.jsonl", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${row("wide")}\n`, "utf16le")]));
put(
  "nul-bytes.jsonl",
  Buffer.concat([Buffer.from('{"text": "a'), Buffer.from([0]), Buffer.from('b"}\n'), Buffer.from([0, 0, 0, 0x0a])]),
);
put("deep-nesting.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
put("deep-nesting.jsonl", `{"text": "x", "deep": ${"[".repeat(100_000)}${"]".repeat(100_000)}}\n`);
put("huge-number.jsonl", '{"text": "x", "n": 1e999999, "m": -1e999999, "k": 123456789012345678901234567890}\n');
put("nan-infinity.jsonl", '{"text": "x", "n": NaN}\n{"text": "y", "n": Infinity}\n{"text": "z", "n": -Infinity}\n');
put("duplicate-keys.jsonl", '{"text": "first", "text": "second", "consent": false, "consent": true}\n');
put("line-separators.jsonl", `${JSON.stringify({ text: "a\u2028b\u2029c", source: "s" })}\n`);
put("unbalanced-quotes.csv", 'text,label\n"an open quote,1\nnext,2\n');
for (const ext of ["jsonl", "json", "csv", "txt", "parquet"]) put(`empty.${ext}`, "");
put("deep-snapshot.json", `{"metrics": ${'{"a": '.repeat(50_000)}1${"}".repeat(50_000)}}`);
put("nan-snapshot.json", '{"metrics": {"accuracy": NaN, "epsilon": Infinity}}');
put("config-unknown-keys.yml", "version: 1\nchain:\n  - paths: [a.jsonl]\n    formt: auto\nsurprise: true\n");
put("config-wrong-types.yml", "version: 1\nfailOn: sometimes\nchain: {paths: 7}\nlimits: {maxFiles: -1}\n");

// Parquet written by a real writer, then damaged.
const good = join(OUT, "good.parquet");
await writeParquet({
  path: good,
  codec: "zstd",
  rowGroupSize: 1000,
  select: "SELECT 'row ' || i AS text, 'crawl' AS source, true AS consent FROM range(3000) t(i)",
});
const bytes = readFileSync(good);
rmSync(good);
const footerLength = bytes.readUInt32LE(bytes.length - 8);
const wrongMagic = Buffer.from(bytes);
wrongMagic.write("PAR0", bytes.length - 4);
put("wrong-magic.parquet", wrongMagic);
const corruptFooter = Buffer.from(bytes);
corruptFooter.fill(0xff, bytes.length - 8 - footerLength, bytes.length - 8);
put("corrupt-footer.parquet", corruptFooter);
const absurd = Buffer.from(bytes);
absurd.writeUInt32LE(0x7fffffff, bytes.length - 8);
put("absurd-sizes.parquet", absurd);
// The data of the last row groups cut out, the footer kept: the footer points past what is there.
const footer = bytes.subarray(bytes.length - 8 - footerLength);
put(
  "truncated-row-group.parquet",
  Buffer.concat([bytes.subarray(0, Math.floor((bytes.length - footer.length) / 3)), footer]),
);
// The first zstd frame's magic number overwritten: the page cannot be decompressed.
const badPage = Buffer.from(bytes);
const frame = badPage.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), 4);
if (frame < 0) throw new Error("the zstd Parquet file has no zstd frame");
badPage.fill(0, frame, frame + 4);
put("corrupt-page.parquet", badPage);
console.log(`wrote the hostile corpus to ${OUT}`);
