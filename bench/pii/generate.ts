/**
 * The labelled PII corpus: positives (valid instances in cells, sentences and free text of many languages), hard
 * negatives (look-alikes that must not be reported) and neutral rows, generated from a seed so that every run
 * yields the same bytes.
 *
 *   tsx bench/pii/generate.ts [--out corpus.jsonl] [--seed 20261204]
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { dateOfBirth, email, ipAddress, macAddress, phone } from "./contact.js";
import { creditCard, cryptoWallet, iban } from "./finance.js";
import {
  aadhaar,
  auMedicare,
  auTfn,
  beNationalNumber,
  caSin,
  cnResidentId,
  deTaxId,
  esDni,
  frNir,
  inPan,
  itFiscalCode,
  krRrn,
  nlBsn,
  passport,
  plPesel,
  sePersonnummer,
  sgNric,
  ukNhs,
  ukNino,
  usAbaRouting,
  usDriverLicense,
  usItin,
  usMbi,
  usNpi,
  usSsn,
} from "./ids.js";
import { bareSentence, contextSentence, FILLERS, isCjk, type Lang, longText, NEUTRAL_FIELDS } from "./language.js";
import { personName_, streetAddress } from "./people.js";
import { Rng } from "./random.js";
import { secret } from "./secrets.js";
import type { CorpusRow, EntitySpec, Snippet } from "./spec.js";

export type { CorpusRow, EntitySpec } from "./spec.js";
export { ENTITY_IDS } from "./spec.js";

/** Every entity type's material, in the order of ENTITY_IDS. */
export const SPECS: readonly EntitySpec[] = [
  email,
  phone,
  creditCard,
  iban,
  usSsn,
  dateOfBirth,
  ipAddress,
  aadhaar,
  inPan,
  ukNino,
  cnResidentId,
  passport,
  ukNhs,
  esDni,
  nlBsn,
  frNir,
  itFiscalCode,
  plPesel,
  sePersonnummer,
  deTaxId,
  beNationalNumber,
  caSin,
  auTfn,
  auMedicare,
  krRrn,
  sgNric,
  usItin,
  usMbi,
  usNpi,
  usAbaRouting,
  usDriverLicense,
  macAddress,
  cryptoWallet,
  secret,
  personName_,
  streetAddress,
];

export const DEFAULT_SEED = 20261204;

export interface CorpusOptions {
  seed?: number;
  /** Positive rows per entity type (before multi-entity rows). */
  positivesPerType?: number;
  /** Hard-negative rows per entity type. */
  negativesPerType?: number;
  /** Rows that hold two or three entity types. */
  multiEntityRows?: number;
}

function labelsFor(spec: EntitySpec, lang: Lang): { lang: Lang; labels: readonly string[] } {
  const own = spec.labels[lang];
  return own ? { lang, labels: own } : { lang: "en", labels: spec.labels.en };
}

/** One positive row of a type: a cell value, a sentence or free text; labelled where the type needs it. */
function positiveRow(rng: Rng, spec: EntitySpec): CorpusRow {
  if (spec.special && rng.chance(spec.special.share)) return row(spec.special.make(rng), [spec.id], "positive");
  const s = spec.sample(rng);
  const style = rng.next();
  if (style < 0.25) {
    const field = spec.selfEvident && rng.chance(0.4) ? rng.pick(NEUTRAL_FIELDS) : rng.pick(spec.fields);
    return { text: s.value, field, entities: [spec.id], locale: s.locale, kind: "positive" };
  }
  const wanted = rng.chance(0.7) ? (s.langs[0] as Lang) : rng.pick(s.langs);
  const { lang, labels } = labelsFor(spec, wanted);
  const labelled = !spec.selfEvident || rng.chance(0.5);
  const sentence = labelled
    ? contextSentence(rng, lang, rng.pick(labels), s.value)
    : bareSentence(rng, wanted, s.value);
  const text = style < 0.75 ? sentence : longText(rng, labelled ? lang : wanted, sentence);
  const out: CorpusRow = { text, entities: [spec.id], locale: s.locale, kind: "positive" };
  if (rng.chance(0.3)) out.field = rng.pick(NEUTRAL_FIELDS);
  return out;
}

/** One hard negative: a type-specific look-alike, or a valid-looking value with one character changed. */
function negativeRow(rng: Rng, spec: EntitySpec): CorpusRow {
  let snippet: Snippet;
  if (spec.corrupt && rng.chance(0.35)) {
    const s = spec.sample(rng);
    const bad = spec.corrupt(rng, s.value);
    const { lang, labels } = labelsFor(spec, s.langs[0] as Lang);
    snippet = rng.chance(0.25)
      ? { text: bad, field: rng.pick(spec.fields), locale: s.locale }
      : { text: contextSentence(rng, lang, rng.pick(labels), bad), locale: s.locale };
  } else {
    snippet = (rng.pick(spec.negatives) as (r: Rng) => Snippet)(rng);
  }
  if (!snippet.field && !snippet.text.includes("\n") && rng.chance(0.2)) {
    const lang = langOfLocale(snippet.locale);
    snippet = { ...snippet, text: longText(rng, lang, snippet.text) };
  }
  return row(snippet, [], "hard-negative");
}

/** Rows with two or three entity types, written as labelled parts of one record. */
const COMBINABLE = [
  "email",
  "phone",
  "iban",
  "credit_card",
  "date_of_birth",
  "person_name",
  "street_address",
  "ip_address",
  "us_ssn",
  "passport",
  "uk_nino",
  "aadhaar",
  "in_pan",
  "es_dni",
  "secret",
];
function multiEntityRow(rng: Rng, byId: Map<string, EntitySpec>): CorpusRow {
  const k = rng.chance(0.6) ? 2 : 3;
  const ids = rng.shuffle([...COMBINABLE]).slice(0, k);
  const lang: Lang = rng.pick(["en", "en", "de", "fr", "es"]);
  const parts: string[] = [];
  let locale = "en-US";
  for (const id of ids) {
    const spec = byId.get(id) as EntitySpec;
    const s = spec.sample(rng);
    if (parts.length === 0) locale = s.locale;
    const { labels } = labelsFor(spec, lang);
    parts.push(`${rng.pick(labels)}: ${s.value}`);
  }
  const sep = rng.pick([", ", "; ", " | ", "\n"]);
  const text = parts.join(sep) + (rng.chance(0.4) ? "." : "");
  return { text, entities: [...ids].sort(), locale, kind: "positive" };
}

const NEUTRAL_CELLS = [
  "yes",
  "no",
  "N/A",
  "42",
  "3",
  "19.99 EUR",
  "blue",
  "large",
  "pending",
  "approved",
  "Q3",
  "true",
  "false",
  "0.875",
  "1,250",
  "in stock",
  "see attachment",
  "—",
  "ok",
  "low",
  "medium",
  "high",
  "v2",
  "beta",
  "EUR",
  "USD",
];
const CODE_LINES = [
  "for i in range(10): print(i)",
  "const total = items.reduce((a, b) => a + b.price, 0);",
  "SELECT id, status FROM orders WHERE status = 'open' LIMIT 50;",
  '{"status": "ok", "count": 3, "next": null}',
  "git rebase -i HEAD~3",
  "docker compose up -d --build",
  "The loss plateaued after epoch 12 at 0.213.",
  "Accuracy: 0.91, F1: 0.88, support: 1200",
];
function neutralRow(rng: Rng): CorpusRow {
  const r = rng.next();
  const langs = Object.keys(FILLERS) as Lang[];
  const lang = rng.pick(langs);
  if (r < 0.2)
    return {
      text: rng.pick(NEUTRAL_CELLS),
      field: rng.pick(["status", "category", "quantity", "color", "size", "flag", "currency", ...NEUTRAL_FIELDS]),
      entities: [],
      locale: "en-US",
      kind: "neutral",
    };
  if (r < 0.3) return { text: rng.pick(CODE_LINES), entities: [], locale: "en-US", kind: "neutral" };
  const n = rng.int(1, 5);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(rng.pick(FILLERS[lang]));
  const out: CorpusRow = {
    text: parts.join(isCjk(lang) ? "" : " "),
    entities: [],
    locale: LANG_LOCALE[lang],
    kind: "neutral",
  };
  if (rng.chance(0.5)) out.field = rng.pick(NEUTRAL_FIELDS);
  return out;
}

const LANG_LOCALE: Record<Lang, string> = {
  en: "en-US",
  de: "de-DE",
  fr: "fr-FR",
  es: "es-ES",
  it: "it-IT",
  nl: "nl-NL",
  pl: "pl-PL",
  sv: "sv-SE",
  pt: "pt-PT",
  hi: "en-IN",
  zh: "zh-CN",
  ja: "ja-JP",
  ko: "ko-KR",
  ru: "ru-RU",
};
function langOfLocale(locale: string): Lang {
  if (locale === "en-IN") return "hi";
  const l = locale.slice(0, 2) as Lang;
  return l in FILLERS ? l : "en";
}

function row(s: Snippet, entities: string[], kind: CorpusRow["kind"]): CorpusRow {
  const out: CorpusRow = { text: s.text, entities, locale: s.locale, kind };
  if (s.field !== undefined) out.field = s.field;
  return out;
}

/** The positive and hard-negative rows of one entity type (a stream of its own, so types do not shift each other). */
export function rowsForType(
  spec: EntitySpec,
  seed: number,
  positives: number,
  negatives: number,
): { positives: CorpusRow[]; negatives: CorpusRow[] } {
  const rng = Rng.derive(seed, spec.id);
  const pos: CorpusRow[] = [];
  const neg: CorpusRow[] = [];
  for (let i = 0; i < positives; i++) pos.push(positiveRow(rng, spec));
  for (let i = 0; i < negatives; i++) neg.push(negativeRow(rng, spec));
  return { positives: pos, negatives: neg };
}

export function generateCorpus(options: CorpusOptions = {}): CorpusRow[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const perPositive = options.positivesPerType ?? 380;
  const perNegative = options.negativesPerType ?? 315;
  const multi = options.multiEntityRows ?? 1500;
  const byId = new Map(SPECS.map((s) => [s.id, s]));
  const rows: CorpusRow[] = [];
  for (const spec of SPECS) {
    const typed = rowsForType(spec, seed, perPositive, perNegative);
    rows.push(...typed.positives, ...typed.negatives);
  }
  const mixed = Rng.derive(seed, "multi-entity");
  for (let i = 0; i < multi; i++) rows.push(multiEntityRow(mixed, byId));
  const neutral = Rng.derive(seed, "neutral");
  const neutralCount = Math.round((rows.length * 3) / 7);
  for (let i = 0; i < neutralCount; i++) rows.push(neutralRow(neutral));
  return Rng.derive(seed, "order").shuffle(rows);
}

/** The canonical JSONL bytes of a corpus (one row per line, keys in a fixed order). */
export function corpusJsonl(rows: readonly CorpusRow[]): string {
  return rows
    .map((r) =>
      JSON.stringify({
        text: r.text,
        ...(r.field !== undefined ? { field: r.field } : {}),
        entities: r.entities,
        locale: r.locale,
        kind: r.kind,
      }),
    )
    .join("\n")
    .concat("\n");
}

export function corpusDigest(rows: readonly CorpusRow[]): string {
  return createHash("sha256").update(corpusJsonl(rows)).digest("hex");
}

function main(argv: readonly string[]): void {
  const at = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = at("--seed") !== undefined ? Number(at("--seed")) : DEFAULT_SEED;
  const rows = generateCorpus({ seed });
  const out = at("--out");
  if (out) writeFileSync(out, corpusJsonl(rows));
  const kinds = new Map<string, number>();
  for (const r of rows) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  const locales = new Set(rows.map((r) => r.locale));
  process.stdout.write(
    `${rows.length} rows (${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}), ${locales.size} locales, sha256 ${corpusDigest(rows)}${out ? `, written to ${out}` : ""}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
