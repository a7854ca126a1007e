/**
 * Art.10(5) — special categories of personal data (GDPR Art. 9(1)) in columns: a header lexicon in several
 * languages, confirmed by the values where a dictionary or a code format exists (≥ 60 % of non-empty values;
 * specs/regulation-pii.md §1.5). A detected column is a warning unless the config declares it (its
 * Art. 10(5) safeguards are documented elsewhere). Free text is not searched: keyword lists there are too
 * imprecise to gate on.
 */
import { type DatasetClause, dataRecord, PerKeys, shownName } from "./clause.js";
import { isMissing } from "./missing.js";

type Category =
  | "racial or ethnic origin"
  | "political opinions"
  | "religious or philosophical beliefs"
  | "trade union membership"
  | "genetic data"
  | "biometric data"
  | "health"
  | "sex life or sexual orientation";

/** Header words (after lower-casing and splitting on non-letters, joined by `_`) per category. */
const HEADERS: readonly (readonly [Category, RegExp])[] = [
  [
    "racial or ethnic origin",
    /(?:^|_)(?:race|ethnicity|ethnic_(?:origin|group)|ethnie|etnia|etnicidad|etnicita|herkunft|etniciteit|pochodzenie_etniczne)(?:_|$)/,
  ],
  [
    "political opinions",
    /(?:^|_)(?:political_(?:party|opinion|affiliation|view)s?|party_affiliation|partei|parti_politique|partido_politico)(?:_|$)/,
  ],
  [
    "religious or philosophical beliefs",
    /(?:^|_)(?:religion|religious_(?:affiliation|belief)|faith|konfession|religione|religi[oó]n|godsdienst|wyznanie|belief)(?:_|$)/,
  ],
  ["trade union membership", /(?:^|_)(?:union_member(?:ship)?|trade_union|gewerkschaft|syndicat|sindicato)(?:_|$)/],
  ["genetic data", /(?:^|_)(?:genotype|snp|snps|dna|genome|genetic|gene_variant|allele)(?:_|$)/],
  [
    "biometric data",
    /(?:^|_)(?:fingerprint|face_?(?:embedding|print|template)|iris_(?:scan|template)|voiceprint|biometric|retina_scan)(?:_|$)/,
  ],
  [
    "health",
    /(?:^|_)(?:diagnosis|diagnose|icd_?10|icd|medication|disability|pregnan\w*|hiv|health|medical|illness|krankheit|maladie|salud|medikament|behinderung)(?:_|$)/,
  ],
  [
    "sex life or sexual orientation",
    /(?:^|_)(?:sexual_orientation|sexuality|orientation_sexuelle|sexuelle_orientierung|lgbtq?)(?:_|$)/,
  ],
];

/** Values that confirm a header where one is known; categories without one are flagged on the header. */
const VALUES: Partial<Record<Category, (value: string) => boolean>> = {
  "religious or philosophical beliefs": (v) =>
    /^(?:christian(?:ity)?|catholic|protestant|orthodox|muslim|islam(?:ic)?|jewish|judaism|hindu(?:ism)?|buddhis[mt]|sikh(?:ism)?|atheis[mt]|agnostic|none|no religion|other|jain|shinto|taoist|evangelical|lutheran|anglican|baptist|mormon)$/i.test(
      v,
    ),
  "racial or ethnic origin": (v) =>
    /^(?:white|black|asian|hispanic|latin[oax]|caucasian|african(?: american)?|arab|middle eastern|pacific islander|native american|indigenous|mixed|multiracial|other|south asian|east asian|roma)$/i.test(
      v,
    ),
  "sex life or sexual orientation": (v) =>
    /^(?:heterosexual|straight|gay|lesbian|bisexual|asexual|pansexual|queer|homosexual|other)$/i.test(v),
  "genetic data": (v) => /^rs\d{1,10}$|^[ACGT]{1,2}(?:\/[ACGT]{1,2})?$/i.test(v),
  health: (v) =>
    /^[A-TV-Z]\d[\dAB](?:\.[\dA-TV-Z]{1,4})?$/.test(v) || // ICD-10
    /^[A-Z]\d{2}[A-Z]{2}\d{2}$/.test(v) || // ATC drug code
    /^(?:yes|no|true|false|positive|negative|0|1)$/i.test(v) ||
    /^[a-z][a-z '-]{2,60}$/i.test(v), // a condition written out
};

interface ColumnState {
  nonEmpty: number;
  confirmed: number;
}

interface SpecialState {
  columns: Record<string, ColumnState>;
}

export function categoryOf(column: string): Category | undefined {
  const words = column
    .toLowerCase()
    .split(/[^a-z0-9\u00c0-\u024f]+/)
    .filter(Boolean)
    .join("_");
  return HEADERS.find(([, pattern]) => pattern.test(words))?.[0];
}

const categoryCache = new Map<string, Category | null>();
function cachedCategory(column: string): Category | null {
  let category = categoryCache.get(column);
  if (category === undefined) {
    category = categoryOf(column) ?? null;
    if (categoryCache.size < 10_000) categoryCache.set(column, category);
  }
  return category;
}

/** The row's keys that name a special category, with the category. */
const categoryColumns = new PerKeys((row, _basis: undefined) =>
  row.keys.flatMap((key): [string, Category][] => {
    const category = cachedCategory(key);
    return category === null ? [] : [[key, category]];
  }),
);

const CONFIRMED_SHARE = 0.6;

export const specialCategories: DatasetClause<SpecialState> = {
  id: "Art.10(5)",
  title: "Special categories of personal data",
  refs: ["EU AI Act Art. 10(5)", "GDPR Art. 9(1)", "GDPR Art. 9(2)"],
  init: () => ({ columns: dataRecord() }),
  row(state, row) {
    for (const [key, category] of categoryColumns.of(row, undefined)) {
      const value = row.values[key];
      if (isMissing(value)) continue;
      const column = state.columns[key] ?? { nonEmpty: 0, confirmed: 0 };
      state.columns[key] = column;
      column.nonEmpty++;
      const confirm = VALUES[category];
      if (!confirm || confirm(typeof value === "string" ? value.trim() : String(value))) column.confirmed++;
    }
  },
  merge(into, from) {
    for (const [key, column] of Object.entries(from.columns)) {
      const mine = into.columns[key] ?? { nonEmpty: 0, confirmed: 0 };
      into.columns[key] = mine;
      mine.nonEmpty += column.nonEmpty;
      mine.confirmed += column.confirmed;
    }
  },
  save: (state) => state,
  load: (json) => ({ columns: dataRecord((json as SpecialState).columns) }),
  judge(state, _totals, options) {
    const declared = new Set(options.specialCategories);
    const detected = Object.keys(state.columns)
      .sort()
      .filter((key) => {
        const column = state.columns[key];
        return column !== undefined && column.nonEmpty > 0 && column.confirmed / column.nonEmpty >= CONFIRMED_SHARE;
      });
    const undeclared = detected.filter((key) => !declared.has(key));
    const describe = (key: string) => `\`${shownName(key)}\` (${cachedCategory(key)})`;
    return {
      status: undeclared.length > 0 ? "warn" : "pass",
      detail:
        detected.length === 0
          ? "no special-category column detected"
          : undeclared.length > 0
            ? `undeclared special-category column(s): ${undeclared.map(describe).join(", ")} — declare them with their Art. 10(5) safeguards, or remove them`
            : `declared special-category column(s): ${detected.map(describe).join(", ")}`,
      evidence: {
        columns: detected.map((key) => shownName(key)),
        categories: detected.map((key) => cachedCategory(key) ?? ""),
        undeclared: undeclared.map((key) => shownName(key)),
      },
      findings: undeclared.map((key) => ({
        rule: "dataset.special-category",
        severity: "warn" as const,
        message: `column \`${shownName(key)}\` holds ${cachedCategory(key)} data (GDPR Art. 9(1)) and is not declared in \`specialCategories\``,
      })),
    };
  },
};
