/**
 * Personal data at the leaves of a row — chat turns, nested JSON, Parquet lists, structs and maps written by
 * DuckDB and by parquet-rs, numbers in CSV and JSON — fails the PII clause, each finding located at its leaf;
 * the same files without it pass. The report never holds a planted value.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Field, Int64, List, Map_, Struct, Utf8 } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import { writeArrowParquet } from "../../test/helpers/arrow-parquet-writer.js";
import { writeParquet } from "../../test/helpers/parquet-writer.js";
import { reportSchemaErrors } from "../../test/helpers/report-schema.js";
import type { CheckResult, Clause, Location } from "../core/model.js";
import { buildReport, serializeReport, subjectFromEnv } from "../core/report.js";
import { datasetOptions } from "./options.js";
import { findPii } from "./recognizers/index.js";
import { scanDataset } from "./scan.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "comply-gate-leaves-"));
});

const ROWS = 12;

/** A Visa number passing Luhn (made here, so the test does not lean on the validator it checks). */
function card(k: number): string {
  const body = `45398${String(7_654_321 + k * 7919).padStart(10, "0")}`;
  for (let d = 0; d <= 9; d++) {
    const digits = `${body}${d}`;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let n = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error("unreachable");
}

/** A 19-digit card number the recognizers report (a double would round its last digits). */
function bigCard(): string {
  for (let body = 601_112_345_678_901_234n; ; body += 1n) {
    const digits = `${body}0`;
    if (findPii(digits, { field: "code" }).length > 0) return digits;
  }
}

const email = (k: number) => `maria.keller${k}@gmail.com`;

async function scan(name: string): Promise<CheckResult> {
  const files = [{ path: join(dir, name), displayPath: name }];
  return (await scanDataset({ files, target: "data", options: datasetOptions({}) })).result;
}

const pii = (result: CheckResult): Clause => result.clauses.find((c) => c.id === "Art.10(2)(a)") as Clause;

/** The PII findings' rules and locations (path left out), in report order. */
const located = (result: CheckResult) =>
  result.findings
    .filter((f) => f.rule.startsWith("dataset.pii"))
    .map((f) => {
      const { path: _path, ...at } = f.location as Location;
      return [f.rule, at] as const;
    });

function expectNoPlantedValue(result: CheckResult): void {
  const report = JSON.stringify(result);
  for (let k = 0; k < ROWS; k++) {
    expect(report).not.toContain(email(k));
    expect(report).not.toContain(card(k));
    expect(report).not.toContain(card(k).slice(4, 12));
  }
}

describe("personal data at the leaves", () => {
  it("chat-format JSONL (messages[].content, a card number stored as a JSON number): fails, located per turn", async () => {
    const chat = (k: number, withPii: boolean) => ({
      messages: [
        { role: "system", content: "You are a helpful assistant for a bike shop." },
        { role: "user", content: withPii ? `Send the invoice to ${email(k)} please` : "Send the invoice please" },
        { role: "assistant", content: withPii ? `Charged card ${card(k)} for order ${k}.` : `Done, order ${k}.` },
      ],
      meta: { customer: { card_number: withPii ? Number(card(k)) : k } },
    });
    for (const withPii of [true, false]) {
      const name = `chat-${withPii}.jsonl`;
      await writeFile(
        join(dir, name),
        Array.from({ length: ROWS }, (_, k) => `${JSON.stringify(chat(k, withPii))}\n`).join(""),
      );
      const result = await scan(name);
      if (!withPii) {
        expect(pii(result).status).toBe("pass");
        expect(located(result)).toEqual([]);
        continue;
      }
      expect(pii(result).status).toBe("fail");
      expect(pii(result).evidence.matches).toBe(3 * ROWS);
      expect(located(result).slice(0, 3)).toEqual([
        ["dataset.pii", { line: 1, field: "messages[1].content" }],
        ["dataset.pii", { line: 1, field: "messages[2].content" }],
        ["dataset.pii", { line: 1, field: "meta.customer.card_number" }],
      ]);
      expectNoPlantedValue(result);
      // The located findings are a valid report (Location.field is in the published schema).
      const report = buildReport({
        results: [result],
        checkpoints: [],
        policy: { failOn: "fail" },
        subject: subjectFromEnv({}),
        toolVersion: "0.1.0",
      });
      expect(reportSchemaErrors(JSON.parse(serializeReport(report)))).toEqual([]);
    }
  });

  it("nested JSON (conversations[].value, keys that are e-mail addresses): fails, keys masked", async () => {
    const row = (k: number, withPii: boolean) => ({
      conversations: [
        { from: "human", value: withPii ? `hi, I am reachable at ${email(k)}` : "hi there" },
        { from: "gpt", value: "Noted." },
      ],
      contacts: withPii ? { [email(k + 100)]: "colleague" } : { colleague: "yes" },
    });
    for (const withPii of [true, false]) {
      const name = `nested-${withPii}.json`;
      const rows = Array.from({ length: ROWS }, (_, k) => row(k, withPii));
      await writeFile(join(dir, name), JSON.stringify({ train: rows }, null, 1));
      const result = await scan(name);
      expect(pii(result).status).toBe(withPii ? "fail" : "pass");
      if (!withPii) {
        expect(located(result)).toEqual([]);
        continue;
      }
      const first = located(result).slice(0, 2);
      expect(first.map(([rule, at]) => [rule, at.field])).toEqual([
        ["dataset.pii", "conversations[0].value"],
        ["dataset.pii.key", "contacts[key]"],
      ]);
      expect(first[0]?.[1].line).toBeGreaterThan(1);
      expect(JSON.stringify(result)).not.toContain("maria.keller");
    }
  });

  it("Parquet written by DuckDB: list, struct, map and int64/DECIMAL columns are read to their leaves", async () => {
    for (const withPii of [true, false]) {
      const name = `duckdb-${withPii}.parquet`;
      const text = (what: string) => (withPii ? what : "'nothing personal here'");
      await writeParquet({
        path: join(dir, name),
        codec: "zstd",
        rowGroupSize: 5,
        select: `SELECT i AS id,
          [{'role': 'user', 'content': ${text(`'mail me at maria.keller' || i || '@gmail.com'`)}},
           {'role': 'assistant', 'content': 'ok'}] AS messages,
          {'name': 'customer', 'contact': {'email': ${text(`'maria.keller' || (i + 200) || '@gmail.com'`)}}} AS profile,
          MAP {${withPii ? `'maria.keller' || (i + 300) || '@gmail.com'` : "'note'"}: 'home'} AS attrs,
          ${withPii ? `CAST(${card(0)} AS BIGINT)` : "CAST(i AS BIGINT)"} AS card_number,
          CAST(${withPii ? `'${bigCard()}'` : "'1'"} AS DECIMAL(38,0)) AS code
        FROM range(${ROWS}) t(i)`,
      });
      const result = await scan(name);
      expect(pii(result).status).toBe(withPii ? "fail" : "pass");
      if (!withPii) {
        expect(located(result)).toEqual([]);
        continue;
      }
      expect(located(result).filter(([, at]) => at.row === 7)).toEqual([
        ["dataset.pii", { row: 7, field: "messages[0].content" }],
        ["dataset.pii", { row: 7, field: "profile.contact.email" }],
        ["dataset.pii", { row: 7, field: "card_number" }],
        // a DECIMAL(38,0) of 19 digits: its exact digits, not the double hyparquet would make of them
        ["dataset.pii", { row: 7, field: "code" }],
        ["dataset.pii.key", { row: 7, field: "attrs[key]" }],
      ]);
      expect(JSON.stringify(result)).not.toContain("maria.keller");
    }
  });

  it("Parquet written by parquet-rs: list<struct>, struct and map columns are read to their leaves", async () => {
    const message = new Struct([new Field("role", new Utf8(), true), new Field("content", new Utf8(), true)]);
    const columns = {
      id: new Int64(),
      messages: new List(new Field("item", message, true)),
      profile: new Struct([
        new Field("email", new Utf8(), true),
        new Field("phones", new List(new Field("item", new Utf8(), true)), true),
      ]),
      attrs: new Map_<Utf8, Utf8>(
        new Field(
          "entries",
          new Struct<{ key: Utf8; value: Utf8 }>([
            new Field("key", new Utf8(), false),
            new Field("value", new Utf8(), true),
          ]),
          false,
        ),
      ),
    };
    for (const withPii of [true, false]) {
      const name = `parquet-rs-${withPii}.parquet`;
      const rows = Array.from({ length: ROWS }, (_, k) => ({
        id: BigInt(k),
        messages: [
          { role: "user", content: withPii ? `card ${card(k)} please` : "no card please" },
          { role: "assistant", content: "ok" },
        ],
        profile: { email: withPii ? email(k) : "none", phones: ["n/a"] },
        attrs: new Map([[withPii ? email(k + 50) : "note", "home"]]),
      }));
      await writeArrowParquet({
        path: join(dir, name),
        rows,
        columns,
        codec: "SNAPPY",
        version: "V2",
        rowGroupSize: 5,
      });
      const result = await scan(name);
      expect(pii(result).status).toBe(withPii ? "fail" : "pass");
      if (!withPii) {
        expect(located(result)).toEqual([]);
        continue;
      }
      expect(located(result).filter(([, at]) => at.row === 11)).toEqual([
        ["dataset.pii", { row: 11, field: "profile.email" }],
        ["dataset.pii", { row: 11, field: "messages[0].content" }],
        ["dataset.pii.key", { row: 11, field: "attrs[key]" }],
      ]);
      expectNoPlantedValue(result);
    }
  });

  it("CSV with numbers in personal columns (card_number, phone as digits): fails, located by column", async () => {
    const phone = "4155550123";
    // The scan reports exactly what the recognizers find in the value under its column's name.
    const phoneFound = findPii(phone, { field: "phone" }).length > 0;
    for (const withPii of [true, false]) {
      const name = `numbers-${withPii}.csv`;
      const lines = Array.from(
        { length: ROWS },
        (_, k) => `${k},customer ${k},${withPii ? phone : ""},${withPii ? card(k) : String(100_000 + k)}\n`,
      );
      await writeFile(join(dir, name), `id,name,phone,card_number\n${lines.join("")}`);
      const result = await scan(name);
      expect(pii(result).status).toBe(withPii ? "fail" : "pass");
      if (!withPii) {
        expect(located(result)).toEqual([]);
        continue;
      }
      // (CSV findings carry the data row, and the file line too)
      expect(
        located(result)
          .filter(([, at]) => at.row === 3)
          .map(([rule, at]) => [rule, at.field]),
      ).toEqual([...(phoneFound ? [["dataset.pii", "phone"]] : []), ["dataset.pii", "card_number"]]);
      expectNoPlantedValue(result);
    }
  });

  it("nested keys are screened on every row, however many distinct keys the set holds", async () => {
    // 6,000 objects keyed by 6,000 distinct names, then keys holding e-mail addresses that repeat on later rows.
    const rows = [
      ...Array.from({ length: 6000 }, (_, k) => ({ contacts: { [`name_${k}`]: "x" } })),
      ...Array.from({ length: 3 }, () => ({ contacts: { [email(7)]: "x" }, turns: [{ [email(8)]: "y" }] })),
    ];
    await writeFile(join(dir, "keys.jsonl"), rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
    const result = await scan("keys.jsonl");
    expect(pii(result).status).toBe("fail");
    expect(located(result).map(([rule, at]) => [rule, at.line, at.field])).toEqual(
      [6001, 6002, 6003].flatMap((line) => [
        ["dataset.pii.key", line, "contacts[key]"],
        ["dataset.pii.key", line, "turns[0][key]"],
      ]),
    );
  });

  it("a 100,000-element array: every element read, the one holding personal data located", async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => (i === 99_999 ? `write to ${email(1)}` : `item ${i}`));
    await writeFile(join(dir, "wide.jsonl"), `${JSON.stringify({ items })}\n`);
    const result = await scan("wide.jsonl");
    expect(located(result)).toEqual([["dataset.pii", { line: 1, field: "items[99999]" }]]);
  });

  it("a number beyond 2^53 in JSON is read as its source digits", async () => {
    // A 19-digit card number whose nearest double prints digits the recognizers do not report.
    let big = "";
    for (let body = 601_112_345_678_901_234n; big === ""; body += 1n) {
      const digits = `${body}0`;
      if (
        findPii(digits, { field: "pan" }).length > 0 &&
        findPii(String(Number(digits)), { field: "pan" }).length === 0
      )
        big = digits;
    }
    const lines = Array.from({ length: ROWS }, (_, k) => `{"id": ${k}, "payment": {"pan": ${big}}}\n`);
    await writeFile(join(dir, "big.jsonl"), lines.join(""));
    expect(findPii(String(Number(big)), { field: "pan" })).toEqual([]);
    const result = await scan("big.jsonl");
    expect(located(result)[0]).toEqual(["dataset.pii", { line: 1, field: "payment.pan" }]);
    expect(pii(result).evidence.entities).toEqual(["credit_card"]);
  });
});
