/**
 * The hostile-input corpus against every command, each in its own process (the bundled CLI, as CI runs it):
 * whatever the input, the run ends in a readable, located message and exit 1 or 2 — never a stack trace,
 * never exit 3+, never a hang, never more than 512 MB of memory.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, expectClean, f, scratch } from "./harness.js";

/** [case, command line, exit code, message]: the committed corpus. */
const CORPUS: readonly [string, readonly string[], 1 | 2, RegExp][] = [
  [
    "truncated last line",
    ["dataset", f("truncated-last-line.jsonl")],
    1,
    /truncated-last-line\.jsonl:3 +error +dataset\.parse +not valid JSON/,
  ],
  [
    "truncated last line",
    ["events", f("truncated-last-line.jsonl")],
    1,
    /truncated-last-line\.jsonl:3 +error +events\.malformed +not valid JSON/,
  ],
  [
    "truncated last line",
    ["chain", f("truncated-last-line.jsonl")],
    1,
    /truncated-last-line\.jsonl:1 +error +chain\.malformed/,
  ],
  [
    "truncated last line",
    ["map", f("truncated-last-line.jsonl"), "--framework", "gdpr"],
    1,
    /truncated-last-line\.jsonl:3 +error +mapping\.unreadable/,
  ],
  [
    "invalid UTF-8",
    ["dataset", f("invalid-utf8.jsonl")],
    1,
    /invalid-utf8\.jsonl:2 +error +dataset\.parse +line is not valid UTF-8/,
  ],
  [
    "invalid UTF-8",
    ["events", f("invalid-utf8.jsonl")],
    1,
    /invalid-utf8\.jsonl:2 +error +events\.malformed +line is not valid UTF-8/,
  ],
  [
    "invalid UTF-8",
    ["map", f("invalid-utf8.jsonl"), "--framework", "soc2"],
    1,
    /invalid-utf8\.jsonl:2 +error +mapping\.unreadable/,
  ],
  [
    "UTF-16 with a BOM",
    ["dataset", f("utf16-bom.jsonl")],
    1,
    /utf16-bom\.jsonl +error +dataset\.unreadable +the file is encoded as UTF-16 LE \(byte-order mark\)/,
  ],
  ["UTF-16 with a BOM", ["events", f("utf16-bom.jsonl")], 1, /utf16-bom\.jsonl:1 +error +events\.malformed/],
  ["UTF-16 with a BOM", ["chain", f("utf16-bom.jsonl")], 1, /utf16-bom\.jsonl:1 +error +chain\.malformed/],
  [
    "NUL bytes",
    ["dataset", f("nul-bytes.jsonl")],
    1,
    /nul-bytes\.jsonl +error +dataset\.unreadable +a NUL byte at line 1 \(byte 12\)/,
  ],
  ["NUL bytes", ["events", f("nul-bytes.jsonl")], 1, /nul-bytes\.jsonl:1 +error +events\.malformed/],
  [
    "100,000 levels of nesting",
    ["dataset", f("deep-nesting.json")],
    1,
    /deep-nesting\.json:1 row 0 +error +dataset\.parse/,
  ],
  [
    "100,000 levels of nesting",
    ["dataset", f("deep-nesting.jsonl")],
    1,
    /deep-nesting\.jsonl:1 +error +dataset\.parse +a value is nested deeper than 64 levels: row not read \(limits\.maxNesting\)/,
  ],
  [
    "100,000 levels of nesting",
    ["events", f("deep-nesting.json")],
    1,
    /deep-nesting\.json:1 +error +events\.malformed +an event must be a JSON object/,
  ],
  [
    "100,000 levels of nesting",
    ["chain", f("deep-nesting.jsonl")],
    1,
    /deep-nesting\.jsonl:1 +error +chain\.malformed/,
  ],
  [
    "100,000 levels of nesting",
    ["diff", f("deep-snapshot.json"), f("deep-snapshot.json")],
    2,
    /deep-snapshot\.json: not JSON \(nesting deeper than 64 levels/,
  ],
  ["1e999999", ["dataset", f("huge-number.jsonl")], 1, /huge-number\.jsonl:1 +warn +dataset\.lawful-basis/],
  ["1e999999", ["events", f("huge-number.jsonl")], 1, /huge-number\.jsonl:1 +fail +CHK-1/],
  [
    "NaN and Infinity tokens",
    ["dataset", f("nan-infinity.jsonl")],
    1,
    /nan-infinity\.jsonl:3 +error +dataset\.parse +not valid JSON/,
  ],
  [
    "NaN and Infinity tokens",
    ["events", f("nan-infinity.jsonl")],
    1,
    /nan-infinity\.jsonl:1 +error +events\.malformed +not valid JSON/,
  ],
  [
    "NaN and Infinity tokens",
    ["diff", f("nan-snapshot.json"), f("nan-snapshot.json")],
    1,
    /accuracy +NaN +NaN +higher-is-better +regressed \(fail\)/,
  ],
  ["duplicate keys", ["dataset", f("duplicate-keys.jsonl")], 1, /duplicate-keys\.jsonl:1 +warn +dataset\.provenance/],
  ["duplicate keys", ["events", f("duplicate-keys.jsonl")], 1, /duplicate-keys\.jsonl:1 +fail +CHK-1/],
  ["U+2028 and U+2029 inside strings", ["dataset", f("line-separators.jsonl")], 1, /1 rows in 1 file/],
  [
    "U+2028 and U+2029 inside strings",
    ["events", f("line-separators.jsonl")],
    1,
    /line-separators\.jsonl:1 +fail +CHK-1/,
  ],
  [
    "CSV with an unbalanced quote",
    ["dataset", f("unbalanced-quotes.csv")],
    1,
    /unbalanced-quotes\.csv:2 row 0 +error +dataset\.parse/,
  ],
  [
    "Parquet with a corrupt footer",
    ["dataset", f("corrupt-footer.parquet")],
    1,
    /corrupt-footer\.parquet +error +dataset\.unreadable +not a readable Parquet file/,
  ],
  [
    "Parquet with the wrong magic",
    ["dataset", f("wrong-magic.parquet")],
    1,
    /wrong-magic\.parquet +error +dataset\.unreadable +not a readable Parquet file/,
  ],
  [
    "Parquet with a truncated row group",
    ["dataset", f("truncated-row-group.parquet")],
    1,
    /truncated-row-group\.parquet row 0 +error +dataset\.parse +row group 0 cannot be read/,
  ],
  [
    "Parquet with a zstd page that cannot be decompressed",
    ["dataset", f("corrupt-page.parquet")],
    1,
    /corrupt-page\.parquet row 0 +error +dataset\.parse +row group 0 cannot be read \(a zstd page cannot be decompressed to its \d+ bytes\)/,
  ],
  [
    "Parquet with absurd declared sizes",
    ["dataset", f("absurd-sizes.parquet")],
    1,
    /absurd-sizes\.parquet +error +dataset\.unreadable +not a readable Parquet file/,
  ],
  ["an empty file", ["dataset", f("empty.jsonl")], 1, /empty\.jsonl +fail +dataset\.empty +no rows were read/],
  ["an empty file", ["dataset", f("empty.csv")], 1, /empty\.csv +error +dataset\.unreadable +no header row/],
  ["an empty file", ["dataset", f("empty.json")], 1, /empty\.json:1 +error +dataset\.parse +empty file/],
  ["an empty file", ["dataset", f("empty.txt")], 1, /empty\.txt +fail +dataset\.empty/],
  ["an empty file", ["dataset", f("empty.parquet")], 1, /empty\.parquet +error +dataset\.unreadable/],
  [
    "an empty file",
    ["events", f("empty.jsonl")],
    1,
    /empty\.jsonl:1 +error +events\.malformed +the file holds no events/,
  ],
  ["an empty file", ["chain", f("empty.jsonl")], 1, /empty\.jsonl:1 +error +chain\.malformed/],
  [
    "an empty file",
    ["map", f("empty.jsonl"), "--framework", "hipaa"],
    1,
    /empty\.jsonl +error +mapping\.unreadable +no events were read/,
  ],
  ["an empty file", ["isolation", f("empty.jsonl"), f("empty.json")], 1, /isolation/],
  ["an empty file", ["scope", f("empty.jsonl"), "--org", "acme"], 1, /scope/],
  ["an empty file", ["diff", f("empty.json"), f("empty.json")], 2, /empty\.json: not JSON/],
  ["an empty file", ["render", f("empty.json")], 2, /empty\.json: not JSON/],
  ["an empty file", ["merge", f("empty.json")], 2, /empty\.json/],
  [
    "a config with unknown keys",
    ["check", "--config", f("config-unknown-keys.yml")],
    2,
    /\/chain\/0: unknown key "formt"/,
  ],
  [
    "a config with wrong types",
    ["check", "--config", f("config-wrong-types.yml")],
    2,
    /config-wrong-types\.yml: invalid config/,
  ],
];

describe("the hostile-input corpus", () => {
  it.each(CORPUS)("%s: %j", async (_name, args, code, message) => {
    expectClean(await cli(args), { code, message });
  });
});

describe("hostile inputs too large to commit, built here", () => {
  beforeAll(() => {
    writeFileSync(join(scratch, "line-100mb.jsonl"), `{"text": "${"a".repeat(100 * 1024 * 1024)}"}\n`);
    mkdirSync(join(scratch, "loop"));
    symlinkSync(join(scratch, "loop"), join(scratch, "loop", "self"));
    mkdirSync(join(scratch, "many"));
    for (let i = 0; i < 100_000; i++) writeFileSync(join(scratch, "many", `f${i}.jsonl`), "");
  }, 120_000);

  it.each([
    ["dataset", /line-100mb\.jsonl:1 +error +dataset\.parse +line is longer than 16777216 bytes/],
    ["events", /line-100mb\.jsonl:1 +error +events\.malformed +line is longer than 16777216 bytes/],
    ["chain", /line-100mb\.jsonl:1 +error +chain\.malformed/],
  ])("a 100 MB single line: %s", async (command, message) => {
    expectClean(await cli([command, "line-100mb.jsonl"], { cwd: scratch }), { code: 1, message });
  });

  it.each(["dataset", "events", "chain"])("a directory whose only entry is a symlink loop: %s", async (command) => {
    expectClean(await cli([command, "loop"], { cwd: scratch }), {
      code: 2,
      message: /loop: empty folder — no \*\.jsonl.* files in it/,
    });
  });

  it("a glob matching 100,000 files is refused by the file limit, quickly", async () => {
    const run = await cli(["dataset", "many/*.jsonl"], { cwd: scratch });
    expectClean(run, {
      code: 1,
      message:
        /many\/\*\.jsonl +error +input\.refused +matches 100000 files in all, more than the limit of 10000 \(limits\.maxFiles\)/,
    });
  });

  it("config paths escaping the workspace are refused, not read", async () => {
    mkdirSync(join(scratch, "repo"), { recursive: true });
    writeFileSync(
      join(scratch, "repo", "comply-gate.yml"),
      "datasets:\n  - paths: [../line-100mb.jsonl, /etc/hostname]\n",
    );
    const run = await cli(["check"], { cwd: join(scratch, "repo") });
    expectClean(run, {
      code: 1,
      message: /\.\.\/line-100mb\.jsonl +error +input\.refused +resolves outside the workspace/,
    });
    expect(run.output).toMatch(/etc\/hostname +error +input\.refused +resolves outside the workspace/);
  });

  it.each([
    ["a wrong key", "not-the-key-0000", 1, /fail +chain\.signature/],
    ["an empty key", "", 1, /environment variable SPANFORGE_SIGNING_KEY is empty/],
  ] as const)("a signed chain with %s", async (_name, key, code, message) => {
    const run = await cli(["chain", "fixtures/demo/spanforge_events.jsonl"], { env: { SPANFORGE_SIGNING_KEY: key } });
    expectClean(run, { code, message });
    if (key !== "") expect(run.output).not.toContain(key);
  });

  it("a signed report with one flipped byte fails verification", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const env = {
      SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef",
      SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    };
    const bundle = join(scratch, "bundle");
    const args = [
      "check",
      "--config",
      "fixtures/demo/comply-gate.yml",
      "--bundle",
      bundle,
      "--signing-key-env",
      "SIGNING_KEY",
    ];
    expect((await cli(args, { env })).code).toBe(0);
    const report = join(bundle, "comply-gate-report.json");
    const bytes = readFileSync(report);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    writeFileSync(report, bytes);
    const keyFile = join(scratch, "public.pem");
    writeFileSync(keyFile, publicKey.export({ format: "pem", type: "spki" }));
    const run = await cli(["verify-report", report, "--public-key", keyFile]);
    expectClean(run, { code: 1, message: /FAIL +statement/ });
  });
});
