/**
 * Telephone numbers, validated against the numbering plans (ITU-T E.164 and each country's national plan) as
 * Google's libphonenumber metadata records them (`libphonenumber-js`, "max" metadata: it holds the number
 * ranges per type — fixed line, mobile, toll free … — where "min" holds only one general pattern per country
 * and accepts, e.g., `12345678` in DE, IN and CN). A cheap linear pattern finds candidates; the plan decides.
 *
 * The library's own `isValid()` compiles the plan's patterns anew on every call (about 30–80 µs a number on
 * the benchmark machine); here each country's patterns are compiled once, so a check costs a few regex tests.
 * The rules are the library's `getNumberType`: the number matches the country's general pattern and one of
 * its type patterns, after the national prefix is removed when one is written.
 */
import * as core from "libphonenumber-js/core";
import { phoneMetadata } from "./phone-metadata.js";

/** The parts of libphonenumber-js's `Metadata` class used here (exported by `core`, not declared in its types). */
interface MetadataFormat {
  pattern(): string;
  format(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | 0 | undefined;
}
interface NumberingPlan {
  nationalNumberPattern(): string;
  possibleLengths(): number[];
  nationalPrefix(): string | 0 | undefined;
  nationalPrefixForParsing(): string | 0 | undefined;
  formats(): MetadataFormat[];
  type(name: string): { pattern(): string } | undefined;
}
interface Metadata {
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan: NumberingPlan;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  isNonGeographicCallingCode(callingCode: string): boolean;
}
const MetadataClass = (core as unknown as { Metadata: new (json: unknown) => Metadata }).Metadata;

/** The metadata and what is read from it once, built on first use (see `phoneMetadata`). */
interface PhoneData {
  readonly metadata: Metadata;
  /** Every country of the metadata with its national number lengths (read without compiling a pattern). */
  readonly countries: readonly (readonly [string, ReadonlySet<number>])[];
  /** The first digits of the national prefixes of every plan: a number starting otherwise writes none. */
  readonly prefixStarts: ReadonlySet<string>;
}

let phoneData: PhoneData | undefined;

function data(): PhoneData {
  if (phoneData === undefined) {
    const json = phoneMetadata();
    const countries = Object.entries((json as unknown as { countries: Record<string, unknown[]> }).countries);
    phoneData = {
      metadata: new MetadataClass(json),
      countries: countries.map(([region, fields]) => [region, new Set(fields[3] as number[])]),
      prefixStarts: new Set(
        countries
          .map(([, fields]) => fields[5])
          .filter((prefix): prefix is string => typeof prefix === "string" && prefix.length > 0)
          .map((prefix) => prefix[0] as string),
      ),
    };
  }
  return phoneData;
}

const TYPES = [
  "FIXED_LINE",
  "MOBILE",
  "TOLL_FREE",
  "PREMIUM_RATE",
  "SHARED_COST",
  "VOIP",
  "PERSONAL_NUMBER",
  "PAGER",
  "UAN",
  "VOICEMAIL",
];

/** One of a plan's national formats: which numbers it applies to and how it groups them. */
interface Format {
  /** The format's last (most precise) leading-digits pattern, anchored at the start. */
  readonly leading: RegExp | undefined;
  readonly pattern: RegExp;
  /** The national format, the national prefix formatting rule applied to its first group ("0$1 $2", "($1) $2-$3"). */
  readonly national: string;
  /** The national format writes the plan's national prefix ("0$1", "8 ($1)", "(06 $1)"). */
  readonly writesPrefix: boolean;
}

interface Plan {
  /** National significant number lengths the plan allows: tested before any pattern (most candidates fail it). */
  readonly lengths: ReadonlySet<number>;
  readonly general: RegExp;
  readonly types: readonly RegExp[];
  readonly nationalPrefix: RegExp | undefined;
  readonly formats: readonly Format[];
}

const plans = new Map<string, Plan>();

const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

/** A country's (or a non-geographic calling code's) plan, compiled once. */
function planOf(key: string): Plan {
  let plan = plans.get(key);
  if (plan === undefined) {
    const { metadata } = data();
    metadata.selectNumberingPlan(key);
    const numbering = metadata.numberingPlan;
    const types: RegExp[] = [];
    for (const name of TYPES) {
      const pattern = numbering.type(name)?.pattern();
      if (pattern) types.push(whole(pattern));
    }
    const prefix = numbering.nationalPrefixForParsing();
    const nationalPrefix = numbering.nationalPrefix() || "";
    const formats = numbering.formats().map((format): Format => {
      const leading = format.leadingDigitsPatterns().at(-1);
      const rule = format.nationalPrefixFormattingRule() || "$1";
      const firstGroup = rule.replace("$NP", nationalPrefix).replace("$FG", "$1");
      return {
        leading: leading === undefined ? undefined : new RegExp(`^(?:${leading})`),
        pattern: whole(format.pattern()),
        national: format.format().replace("$1", () => firstGroup),
        writesPrefix: nationalPrefix !== "" && firstGroup.replace("$1", "").includes(nationalPrefix),
      };
    });
    plan = {
      lengths: new Set(numbering.possibleLengths()),
      general: whole(numbering.nationalNumberPattern()),
      types,
      nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
      formats,
    };
    plans.set(key, plan);
  }
  return plan;
}

function matchesPlan(plan: Plan, national: string): boolean {
  return (
    plan.lengths.has(national.length) &&
    plan.general.test(national) &&
    (plan.types.length === 0 || plan.types.some((t) => t.test(national)))
  );
}

/**
 * The national significant number of `digits` written with the plan's national prefix (trunk "0", "8", "06" …),
 * or undefined when the digits do not start with it (libphonenumber's `extractNationalNumber…`, without its
 * carrier codes and transform rules: a number written nationally in full carries its area code).
 */
function withoutNationalPrefix(plan: Plan, digits: string): string | undefined {
  const match = plan.nationalPrefix?.exec(digits);
  if (match === null || match === undefined || match[0].length === 0) return undefined;
  return digits.slice(match[0].length);
}

/** Whether `national` (digits) is a valid number of the plan, as written or after its national prefix. */
function validInPlan(key: string, national: string): boolean {
  const plan = planOf(key);
  if (matchesPlan(plan, national)) return true;
  const significant = withoutNationalPrefix(plan, national);
  return significant !== undefined && matchesPlan(plan, significant);
}

/**
 * Numbers set aside for fiction and examples: NANP 555-0100…0199 (NANPA) and the UK's drama ranges (Ofcom,
 * "Telephone numbers for use in TV and radio drama"), as national significant numbers (below: France, Australia,
 * Sweden).
 */
const UK_DRAMA =
  /^(?:1(?:1[3-8]|[2-69]1)4960\d{3}|1914980\d{3}|2079460\d{3}|2920180\d{3}|1632960\d{3}|7700900\d{3}|8081570\d{3}|9098790\d{3}|3069990\d{3})$/;

/**
 * France's numbers for audiovisual works (ARCEP: 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, 06 39 98),
 * Australia's for creative works (ACMA: (02)/(07) 5550, (03)/(08) 7010, mobile 0491 57x) and Sweden's for
 * fiction (PTS: 070-17406, 031-39006, 040-62804, 08-465004, 0980-3192), as national significant numbers.
 */
const FR_FICTION = /^(?:19900|26191|35301|46571|53649|63998)\d{4}$/;
const AU_FICTION = /^(?:[27]5550\d{4}|[38]7010\d{4}|49157\d{4})$/;
const SE_FICTION = /^(?:7017406\d{2}|313900[6]\d{2}|406280[4]\d{2}|846500[4]\d{2}|980319[2]\d{2})$/;

/** Whether E.164 digits (country code first) are a number reserved for fiction. */
export function fictional(digits: string): boolean {
  if (digits.startsWith("1") && digits.length === 11) return digits.slice(4, 9) === "55501";
  const significant = digits.slice(2);
  if (digits.startsWith("44")) return UK_DRAMA.test(significant);
  if (digits.startsWith("33")) return FR_FICTION.test(significant);
  if (digits.startsWith("61")) return AU_FICTION.test(significant);
  return digits.startsWith("46") && SE_FICTION.test(significant);
}

/** Whether digits written nationally (with a trunk "0", or NANP with or without its "1") are fiction's. */
function fictionalNational(digits: string): boolean {
  if (fictional(`1${digits}`) || fictional(digits)) return true;
  if (digits[0] !== "0") return false;
  const significant = digits.slice(1);
  return ["44", "33", "61", "46"].some((code) => fictional(`${code}${significant}`));
}

/** The calling code `digits` (country code first) starts with, and the plans that share it. */
function callingCodeOf(digits: string): { code: string; keys: readonly string[] } | undefined {
  // Calling codes are prefix-free (E.164 §6.2.1): at most one of the first 1–3 digits is one.
  const { metadata } = data();
  for (let length = 1; length <= 3; length++) {
    const code = digits.slice(0, length);
    if (metadata.isNonGeographicCallingCode(code)) return { code, keys: [code] };
    const regions = metadata.getCountryCodesForCallingCode(code);
    if (regions !== undefined) return { code, keys: regions };
  }
  return undefined;
}

/** Whether `digits` (country code first, no "+") is a valid E.164 number of the plans sharing that code. */
export function e164Valid(digits: string): boolean {
  if (fictional(digits)) return false;
  if (digits.length < 8 || digits.length > 15 || digits[0] === "0") return false;
  const calling = callingCodeOf(digits);
  if (calling === undefined) return false;
  const national = digits.slice(calling.code.length);
  return calling.keys.some((key) => validInPlan(key, national));
}

/**
 * NANP structure (NANPA numbering plan administration guidelines): area code and exchange code both `[2-9]XX`,
 * neither an N11 service code. Which area codes are in service changes every year (overlays), so a number
 * written as a phone is taken on its structure; 555-01XX is reserved for fiction.
 */
function nanpStructural(national: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) && !/^.11|^\d{3}.11/.test(national) && !fictional(`1${national}`);
}

/**
 * A number written in international notation — `+49 30 …`, `0049 30 …` (or `011 49 …` from the NANP) — whose
 * national part is a number of that country code's plan: its length one of the plan's lengths and its digits
 * in the plan's number space (the general pattern; for calling code 1 the NANP structure). The `+` (or the
 * international prefix) says "telephone number" by itself, so the allocated ranges are not asked for: plans
 * open new ranges faster than any copy of the metadata follows them.
 */
export function internationalPhoneValid(candidate: string): boolean {
  const written = candidate.trimStart();
  // "+49 (0)30 …": the national prefix in brackets is not dialled from abroad.
  const trunk = written.indexOf("(0)");
  let digits = (trunk < 0 ? written : written.slice(0, trunk) + written.slice(trunk + 3)).replace(/\D/g, "");
  if (written.startsWith("011")) digits = digits.slice(3);
  else if (written.startsWith("00")) digits = digits.slice(2);
  if (digits.length < 8 || digits.length > 15 || digits[0] === "0" || fictional(digits)) return false;
  const calling = callingCodeOf(digits);
  if (calling === undefined) return false;
  let national = digits.slice(calling.code.length);
  if (calling.code === "1") return nanpStructural(national);
  // "+52 1 33 …": Mexico's mobile prefix "1", dialled from abroad until the 2019 numbering reform (IFT), is
  // still how many stored numbers are written; the plan's metadata no longer knows it.
  if (calling.code === "52" && national.length === 11 && national[0] === "1") national = national.slice(1);
  const inNumberSpace = (plan: Plan, n: string): boolean => plan.lengths.has(n.length) && plan.general.test(n);
  return calling.keys.some((key) => {
    const plan = planOf(key);
    if (inNumberSpace(plan, national)) return true;
    // "+49 030 …": the national prefix written after the country code, a common slip, is read past.
    const significant = withoutNationalPrefix(plan, national);
    return significant !== undefined && inNumberSpace(plan, significant);
  });
}

/**
 * Whether a number written with the international prefix "00" (or the NANP's "011") sets its calling code
 * apart as a group of its own ("0044 20 …", "00 49 30 …", "011 44 …"): the group must be exactly the code
 * E.164 reads from the digits ("004 629 …" is no "+46").
 */
export function callingCodeGrouped(candidate: string): boolean {
  const m = /^(?:00|011)[ \u00a0]?(\d{1,3})[ \u00a0.\-/(]/.exec(candidate);
  if (m === null) return false;
  const prefix = candidate.startsWith("011") ? 3 : 2;
  return callingCodeOf(candidate.replace(/\D/g, "").slice(prefix))?.code === m[1];
}

/** How a number written without a country code fits the national plans, as bits (several can hold at once). */
export const NationalFit = {
  /** Valid (an allocated range) in some plan. */
  Valid: 1,
  /**
   * Valid, its digit groups exactly those of the plan's national format, and carrying the format's own mark:
   * the national prefix the plan writes ("030 1234 5678", "8 (495) 123-45-67") or the bracketed area code it
   * writes ("(41) 96949-5110").
   */
  Marked: 2,
  /** In a plan's number space (its lengths and general pattern, the ranges not asked for), marked as above. */
  PossibleMarked: 4,
} as const;

/** The digit-group lengths of a written number: "030 1234-567" → "3,4,3". */
function groupsOf(text: string): string {
  return (text.match(/\d+/g) ?? []).map((g) => g.length).join(",");
}

/** The format a plan writes `national` with (libphonenumber's `chooseFormatForNumber`). */
function formatFor(plan: Plan, national: string): Format | undefined {
  for (const format of plan.formats) {
    if ((format.leading === undefined || format.leading.test(national)) && format.pattern.test(national)) return format;
  }
  return undefined;
}

/**
 * Whether `national` (its prefix removed when `prefixed`) written as `text` is grouped exactly as its plan's
 * national format and carries the format's mark: the prefix, or brackets the plan writes and the text has too.
 */
function markedAsPlanWrites(plan: Plan, national: string, text: string, prefixed: boolean): boolean {
  const format = formatFor(plan, national);
  if (format === undefined || format.writesPrefix !== prefixed) return false;
  const rendered = national.replace(format.pattern, format.national);
  return groupsOf(rendered) === groupsOf(text) && (prefixed || (rendered.includes("(") && text.includes("(")));
}

/** The `wanted` fits of `national` in `plan` (prefix removed when `prefixed`), as `NationalFit` bits. */
function fitIn(plan: Plan, national: string, text: string, prefixed: boolean, wanted: number): number {
  if (!plan.lengths.has(national.length) || !plan.general.test(national)) return 0;
  const valid = plan.types.length === 0 || plan.types.some((t) => t.test(national));
  if (valid && wanted & NationalFit.Valid) return NationalFit.Valid;
  const markable = prefixed || text.includes("(");
  if (!markable || !(valid || wanted & NationalFit.PossibleMarked)) return 0;
  if (!markedAsPlanWrites(plan, national, text, prefixed)) return valid ? NationalFit.Valid : 0;
  return valid ? NationalFit.Valid | NationalFit.Marked | NationalFit.PossibleMarked : NationalFit.PossibleMarked;
}

/** Countries whose plan has national numbers of length n, n−1 or n−2 (a national prefix of up to two digits). */
const countriesByLength = new Map<number, readonly string[]>();
function countriesFor(n: number): readonly string[] {
  let list = countriesByLength.get(n);
  if (list === undefined) {
    list = data()
      .countries.filter(([, l]) => l.has(n) || l.has(n - 1) || l.has(n - 2))
      .map(([region]) => region);
    countriesByLength.set(n, list);
  }
  return list;
}

const nationalFits = new Map<string, number>();

/**
 * Which of the `wanted` fits (`NationalFit` bits) a number written in national notation (no country code) has
 * in some plan, the country unknown: every plan of the metadata is tried, the digits with and without the
 * plan's national prefix, until one wanted fit is found. Results are remembered (values repeat row after row).
 */
export function nationalFit(text: string, wanted: number): number {
  const key = `${wanted}${text}`;
  let fit = nationalFits.get(key);
  if (fit === undefined) {
    fit = computeNationalFit(text, wanted);
    if (nationalFits.size >= 4096) nationalFits.clear();
    nationalFits.set(key, fit);
  }
  return fit;
}

function computeNationalFit(text: string, wanted: number): number {
  const digits = text.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 14 || /^(\d)\1+$/.test(digits)) return 0;
  if (fictionalNational(digits)) return 0;
  // NANP 555-01XX written without its area code is fiction too.
  if (digits.length === 7 && digits.startsWith("55501")) return 0;
  const bracketed = text.includes("(");
  // Only marks wanted: without brackets, only a national prefix can be the mark.
  const unprefixed = (wanted & NationalFit.Valid) !== 0 || bracketed;
  if (!unprefixed && !data().prefixStarts.has(digits[0] as string)) return 0;
  let fit = 0;
  for (const region of countriesFor(digits.length)) {
    const plan = planOf(region);
    const significant = withoutNationalPrefix(plan, digits);
    if (significant !== undefined) fit |= fitIn(plan, significant, text, true, wanted);
    if (unprefixed) fit |= fitIn(plan, digits, text, false, wanted);
    if (fit & wanted) return fit & wanted;
  }
  return fit & wanted;
}

/**
 * North American Numbering Plan number written nationally, `(312) 994-4962` or `312-994-4962`: valid in one
 * of the plans of calling code 1 (NANPA; 555-01XX is reserved for fiction).
 */
export function nanpValid(digits: string): boolean {
  const d = digits.length === 11 && digits[0] === "1" ? digits.slice(1) : digits;
  // Area code and exchange code both [2-9]XX (NANP numbering plan administration guidelines).
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(d)) return false;
  return e164Valid(`1${d}`);
}

/** A NANP number by its structure alone (`[2-9]XX [2-9]XX XXXX`, no N11, not fiction), optionally after a "1". */
export function nanpShaped(digits: string): boolean {
  return nanpStructural(digits.length === 11 && digits[0] === "1" ? digits.slice(1) : digits);
}
