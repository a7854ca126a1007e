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
import metadataJson from "libphonenumber-js/metadata.max.json";

/** The part of libphonenumber-js's `Metadata` class used here (exported by `core`, not declared in its types). */
interface NumberingPlan {
  nationalNumberPattern(): string;
  possibleLengths(): number[];
  nationalPrefixForParsing(): string | undefined;
  type(name: string): { pattern(): string } | undefined;
}
interface Metadata {
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan: NumberingPlan;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  isNonGeographicCallingCode(callingCode: string): boolean;
}
const MetadataClass = (core as unknown as { Metadata: new (json: unknown) => Metadata }).Metadata;
const metadata = new MetadataClass(metadataJson);

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

interface Plan {
  /** National significant number lengths the plan allows: tested before any pattern (most candidates fail it). */
  readonly lengths: ReadonlySet<number>;
  readonly general: RegExp;
  readonly types: readonly RegExp[];
  readonly nationalPrefix: RegExp | undefined;
}

const plans = new Map<string, Plan>();

/** A country's (or a non-geographic calling code's) plan, compiled once. */
function planOf(key: string): Plan {
  let plan = plans.get(key);
  if (plan === undefined) {
    metadata.selectNumberingPlan(key);
    const numbering = metadata.numberingPlan;
    const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);
    const types: RegExp[] = [];
    for (const name of TYPES) {
      const pattern = numbering.type(name)?.pattern();
      if (pattern) types.push(whole(pattern));
    }
    const prefix = numbering.nationalPrefixForParsing();
    plan = {
      lengths: new Set(numbering.possibleLengths()),
      general: whole(numbering.nationalNumberPattern()),
      types,
      nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
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

/** Whether `national` (digits) is a valid number of the plan, as written or after its national prefix. */
function validInPlan(key: string, national: string): boolean {
  const plan = planOf(key);
  if (matchesPlan(plan, national)) return true;
  const prefix = plan.nationalPrefix?.exec(national);
  return (
    prefix !== null &&
    prefix !== undefined &&
    prefix[0].length > 0 &&
    matchesPlan(plan, national.slice(prefix[0].length))
  );
}

/**
 * Numbers set aside for fiction and examples: NANP 555-0100…0199 (NANPA) and the UK's drama ranges (Ofcom,
 * "Telephone numbers for use in TV and radio drama"), as national significant numbers.
 */
const UK_DRAMA =
  /^(?:1(?:1[3-8]|[2-69]1)4960\d{3}|1914980\d{3}|2079460\d{3}|2920180\d{3}|1632960\d{3}|7700900\d{3}|8081570\d{3}|9098790\d{3}|3069990\d{3})$/;

/** Whether E.164 digits (country code first) are a number reserved for fiction. */
export function fictional(digits: string): boolean {
  if (digits.startsWith("1") && digits.length === 11) return digits.slice(4, 9) === "55501";
  return digits.startsWith("44") && UK_DRAMA.test(digits.slice(2));
}

/** Whether `digits` (country code first, no "+") is a valid E.164 number of the plans sharing that code. */
export function e164Valid(digits: string): boolean {
  if (fictional(digits)) return false;
  if (digits.length < 8 || digits.length > 15 || digits[0] === "0") return false;
  // Calling codes are prefix-free (E.164 §6.2.1): at most one of the first 1–3 digits is one.
  for (let length = 1; length <= 3; length++) {
    const code = digits.slice(0, length);
    const national = digits.slice(length);
    if (metadata.isNonGeographicCallingCode(code)) return validInPlan(code, national);
    const regions = metadata.getCountryCodesForCallingCode(code);
    if (regions !== undefined) return regions.some((region) => validInPlan(region, national));
  }
  return false;
}

/** A number written with its country code (`+49 30 …`, `0049 30 …`) that is valid in that country's plan. */
export function internationalPhoneValid(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  return e164Valid(candidate.trimStart().startsWith("00") ? digits.slice(2) : digits);
}

/**
 * Countries tried, in order, for a number written in national format (no `+`): the national plans a dataset
 * most often holds. A candidate valid in none of them is not reported.
 */
const NATIONAL_REGIONS = ["US", "CA", "GB", "DE", "FR", "IN", "CN", "JP", "BR", "ES", "IT", "NL", "AU", "KR"];

/** A number written in national format that is valid in one of the plans of `NATIONAL_REGIONS`. */
export function nationalPhoneValid(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 13 || /^(\d)\1+$/.test(digits)) return false;
  if (fictional(`1${digits}`) || (digits[0] === "0" && fictional(`44${digits.slice(1)}`))) return false;
  return NATIONAL_REGIONS.some((region) => validInPlan(region, digits));
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
