/**
 * PII recognizers for dataset text: a linear-time pattern finds candidates, a validator (check digits,
 * structure, calendar, allocated prefixes) keeps only real ones, and weak entities also need a context word
 * before them or a column name that says what the field holds (specs/regulation-pii.md §4.5–4.6).
 *
 * Matches carry positions, never the matched text: callers count and locate, they do not echo.
 * Every pattern is built from bounded quantifiers with no nested or overlapping repetition, so scanning
 * is linear in the text whatever it holds.
 */
import {
  aadhaarValid,
  calendarDateValid,
  chinaResidentIdValid,
  ibanValid,
  indiaPanValid,
  ipv4IsPublic,
  ipv4Valid,
  ipv6Valid,
  paymentCardValid,
  TEST_CARD_NUMBERS,
  ukNinoValid,
  usSsnValid,
} from "./validators.js";

export type Entity =
  | "email"
  | "phone"
  | "credit_card"
  | "iban"
  | "us_ssn"
  | "date_of_birth"
  | "ip_address"
  | "aadhaar"
  | "in_pan"
  | "uk_nino"
  | "cn_resident_id"
  | "passport";

export interface PiiMatch {
  readonly entity: Entity;
  /** "A": validated identifier; "B": contact data; "C": quasi-identifier. */
  readonly tier: "A" | "B" | "C";
  readonly start: number;
  readonly end: number;
}

/** Cheap facts about a text that decide which recognizers can match at all (most text rules most out). */
interface Triggers {
  readonly at: boolean;
  /** Six or more digits in a run, single spaces or dashes allowed between them. */
  readonly digitRun: boolean;
  /** A digit, a dot and a digit (IPv4), or a colon between hex digits (IPv6). */
  readonly address: boolean;
  readonly upperDigits: boolean;
}

interface Recognizer {
  readonly entity: Entity;
  readonly tier: PiiMatch["tier"];
  /** Whether the pattern can match a text with these triggers. */
  readonly needs: (t: Triggers) => boolean;
  readonly pattern: RegExp;
  readonly validate: (candidate: string) => boolean;
  /** Words that must appear shortly before the match (or in the column name) for a weak entity. */
  readonly context?: RegExp;
  /** When the match's own shape is strong enough, context is not needed (e.g. Aadhaar written 4-4-4). */
  readonly contextFree?: (candidate: string) => boolean;
}

/** `contextFree` of entities that always need a context word (or a column name) to be reported. */
const NEVER = (): boolean => false;

const RESERVED_EMAIL_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|test|example|invalid|localhost)$/i;

function emailValid(candidate: string): boolean {
  const domain = candidate.slice(candidate.lastIndexOf("@") + 1);
  const tld = domain.slice(domain.lastIndexOf(".") + 1);
  return /^[A-Za-z]{2,24}$/.test(tld) && !RESERVED_EMAIL_DOMAIN.test(domain) && !/^[.-]|[.-]$|\.\./.test(domain);
}

function phoneValid(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 8 || digits.length > 15) return false;
  return !/^(\d)\1+$/.test(digits); // 0000000000 and the like
}

function dobValid(candidate: string): boolean {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(candidate);
  if (iso) return calendarDateValid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(candidate);
  if (!dmy) return false;
  // Day-month and month-day orders are both common: a date valid either way is a date.
  const [a, b, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  return calendarDateValid(year, b, a) || calendarDateValid(year, a, b);
}

function ipValid(candidate: string): boolean {
  if (candidate.includes(".")) return ipv4Valid(candidate) && ipv4IsPublic(candidate);
  // At least three groups: "a::b" or "d::" in code (std::vector) is not an address.
  if (!ipv6Valid(candidate) || candidate.split(":").filter((g) => g !== "").length < 3) return false;
  const lower = candidate.toLowerCase();
  // documentation, loopback, link-local, unique-local: not someone's address
  return !(lower.startsWith("2001:db8:") || lower === "::1" || /^fe[89ab]/.test(lower) || /^f[cd]/.test(lower));
}

const RECOGNIZERS: readonly Recognizer[] = [
  {
    entity: "email",
    needs: (t) => t.at,
    tier: "B",
    pattern: /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g,
    validate: emailValid,
  },
  // Before cards: an 18-digit resident ID can pass Luhn by chance; its own checks (MOD 11-2, birth date) are stronger.
  {
    entity: "cn_resident_id",
    needs: (t) => t.digitRun,
    tier: "A",
    pattern: /(?<!\d)[1-9]\d{16}[\dXx](?![\dA-Za-z])/g,
    validate: chinaResidentIdValid,
  },
  {
    entity: "credit_card",
    needs: (t) => t.digitRun,
    tier: "A",
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g,
    validate: (c) => paymentCardValid(c) && !TEST_CARD_NUMBERS.has(c.replace(/[ -]/g, "")),
  },
  {
    entity: "iban",
    needs: (t) => t.digitRun,
    tier: "A",
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g,
    validate: ibanValid,
  },
  {
    entity: "us_ssn",
    needs: (t) => t.digitRun,
    tier: "A",
    pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g,
    validate: usSsnValid,
    context: /\b(?:ssn|social security|soc\.? ?sec)/i,
    contextFree: NEVER,
  },
  {
    entity: "aadhaar",
    needs: (t) => t.digitRun,
    tier: "A",
    pattern: /(?<![\d-])[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}(?![\d-])/g,
    validate: aadhaarValid,
    context: /(?:aadhaar|aadhar|uidai|आधार)/i,
    contextFree: (c) => /^\d{4}[ -]\d{4}[ -]\d{4}$/.test(c),
  },
  {
    entity: "in_pan",
    needs: (t) => t.upperDigits,
    tier: "A",
    pattern: /\b[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]\b/g,
    validate: indiaPanValid,
  },
  {
    entity: "uk_nino",
    needs: (t) => t.upperDigits,
    tier: "A",
    pattern: /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    validate: ukNinoValid,
    context: /(?:national insurance|\bnino\b|\bni (?:no|number)\b)/i,
    contextFree: NEVER,
  },
  {
    entity: "passport",
    needs: (t) => t.digitRun,
    tier: "A",
    pattern: /\b[A-Z0-9]{6,9}\b/g,
    validate: (c) => /\d/.test(c) && /^[A-Z]{0,2}\d{6,9}$/.test(c),
    context: /passport/i,
    contextFree: NEVER,
  },
  {
    entity: "ip_address",
    needs: (t) => t.address,
    tier: "B",
    pattern:
      /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])|(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g,
    validate: ipValid,
  },
  {
    entity: "phone",
    needs: (t) => t.digitRun,
    tier: "B",
    pattern:
      /(?<![\w+])(?:\+[1-9]\d{0,2}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?!\w)|\+[1-9]\d{7,14}\b/g,
    validate: phoneValid,
    context: /(?:phone|\btel\b|telephone|mobile|\bcell\b|\bcall\b|whatsapp|\bfax\b)/i,
    contextFree: (c) => c.startsWith("+"),
  },
  {
    entity: "date_of_birth",
    needs: (t) => t.digitRun,
    tier: "C",
    pattern: /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b/g,
    validate: dobValid,
    context: /(?:\bdob\b|date of birth|birth ?date|\bborn\b|\bgeboren\b|\bnée?\b|\bbirthday\b)/i,
    contextFree: NEVER,
  },
];

/** How far before a match its context word may stand (about five words, as Presidio's default). */
const CONTEXT_WINDOW = 40;

/**
 * Facts about a text that the scanner's text core (wasm/text-core.ts) reports in the same pass that counts its
 * words: each says whether a trigger pattern below can match at all, so the pattern runs only when it can. A
 * set bit may be wrong (the pattern then finds nothing); a clear bit must be right. The other bits are read
 * only when `DigitOrAt` is set.
 */
export const PiiHint = {
  /** An ASCII digit or an "@": without either no entity can match. */
  DigitOrAt: 1,
  At: 2,
  /** Six or more ASCII digits (a `digitRun` needs six). */
  SixDigits: 4,
  /** An ASCII capital letter (`upperDigits` starts with one). */
  Capital: 8,
  /** A "." or a ":" (an `address` holds one). */
  DotOrColon: 16,
} as const;

export interface FindOptions {
  /** The column or field name the text came from: "ssn", "dob", "phone" … stand in for a context word. */
  readonly field?: string;
  /** The text's `PiiHint` bits, when the caller already has them (the scanner's word pass does). */
  readonly hints?: number;
}

/** Cheap test that the text could hold any of the entities (most free text holds no digit and no `@`). */
const MAY_HOLD_PII = /[\d@]/;

/** Column names as context text ("date_of_birth" → "date of birth"), cached: there are few distinct ones. */
const spacedFields = new Map<string, string>();
function spacedField(field: string): string {
  let spaced = spacedFields.get(field);
  if (spaced === undefined) {
    spaced = field.replace(/_/g, " ");
    if (spacedFields.size < 10_000) spacedFields.set(field, spaced);
  }
  return spaced;
}

const DIGIT_RUN = /\d(?:[ -]?\d){5}/;
const ADDRESS = /\d\.\d|[0-9A-Fa-f]:[0-9A-Fa-f]*:/;
const UPPER_DIGITS = /[A-Z]{2}\s?\d{2}|[A-Z]\d{6}/;

const NONE: readonly PiiMatch[] = Object.freeze([]);

/** Texts up to this long are remembered per field: dates, codes and categories repeat row after row. */
const SHORT_TEXT = 40;
const SHORT_CACHE_ENTRIES = 4096;
const CACHED_FIELDS = 64;
const shortTextCache = new Map<string, Map<string, readonly PiiMatch[]>>();

/**
 * A value of ASCII digits only (an id, a count, a year: CSV holds every number as text) is one candidate with
 * no separator, no letter and no context word. Only these patterns match such a run: passport (6–9 digits,
 * needs "passport" in the column name), Aadhaar (12), payment card (13–19) and China resident ID (18). Shorter
 * runs that cannot be a passport are settled here, before the cache: unique ids would churn it. (A test holds
 * this against `scanForPii` for every length and several column names.)
 */
const SHORT_DIGITS = /^\d{1,11}$/;
const PASSPORT_CONTEXT = /passport/i;

function digitsOnlyHoldNone(text: string, field: string | undefined): boolean {
  if (!SHORT_DIGITS.test(text)) return false;
  return text.length < 6 || text.length > 9 || field === undefined || !PASSPORT_CONTEXT.test(spacedField(field));
}

/** The entities in `text`, by position. The result is shared (cached): read it, do not change it. */
export function findPii(text: string, options: FindOptions = {}): readonly PiiMatch[] {
  if (!(options.hints === undefined ? MAY_HOLD_PII.test(text) : (options.hints & PiiHint.DigitOrAt) !== 0)) return NONE;
  if (text.length <= 11 && digitsOnlyHoldNone(text, options.field)) return NONE;
  if (text.length > SHORT_TEXT) return scanForPii(text, options.field, options.hints);
  const field = options.field ?? "";
  let cache = shortTextCache.get(field);
  if (cache === undefined) {
    if (shortTextCache.size >= CACHED_FIELDS) shortTextCache.clear();
    cache = new Map();
    shortTextCache.set(field, cache);
  }
  let matches = cache.get(text);
  if (matches === undefined) {
    matches = scanForPii(text, options.field, options.hints);
    if (cache.size >= SHORT_CACHE_ENTRIES) cache.clear();
    cache.set(text, matches);
  }
  return matches;
}

/** Which recognizers can match: each trigger pattern runs only where the text's hints allow it. */
function triggersOf(text: string, hints: number): Triggers {
  return {
    at: (hints & PiiHint.At) !== 0 && text.includes("@"),
    digitRun: (hints & PiiHint.SixDigits) !== 0 && DIGIT_RUN.test(text),
    address: (hints & PiiHint.DotOrColon) !== 0 && ADDRESS.test(text),
    upperDigits: (hints & PiiHint.Capital) !== 0 && UPPER_DIGITS.test(text),
  };
}

/**
 * Every recognizer over `text`, with no cache and no shortcut but the `hints` given (all set when absent):
 * what `findPii`'s shortcuts must agree with.
 */
export function scanForPii(text: string, fieldName: string | undefined, hints = -1): readonly PiiMatch[] {
  const triggers = triggersOf(text, hints);
  const field = fieldName === undefined ? undefined : spacedField(fieldName);
  const matches: PiiMatch[] = [];
  const taken: [number, number][] = []; // a span belongs to the first (strongest) entity that claims it
  const overlaps = (start: number, end: number): boolean => taken.some(([s, e]) => start < e && end > s);
  for (const recognizer of RECOGNIZERS) {
    if (!recognizer.needs(triggers)) continue;
    // An entity that always needs a context word cannot match where the word is nowhere in the text or field.
    if (
      recognizer.context &&
      recognizer.contextFree === NEVER &&
      !recognizer.context.test(text) &&
      !(field !== undefined && recognizer.context.test(field))
    ) {
      continue;
    }
    recognizer.pattern.lastIndex = 0;
    for (const m of text.matchAll(recognizer.pattern)) {
      const candidate = m[0];
      const start = m.index ?? 0;
      const end = start + candidate.length;
      if (overlaps(start, end) || !recognizer.validate(candidate)) continue;
      if (recognizer.context && !recognizer.contextFree?.(candidate)) {
        const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
        const hinted = recognizer.context.test(before) || (field !== undefined && recognizer.context.test(field));
        if (!hinted) continue;
      }
      taken.push([start, end]);
      matches.push({ entity: recognizer.entity, tier: recognizer.tier, start, end });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

export const ENTITIES: readonly Entity[] = RECOGNIZERS.map((r) => r.entity);
