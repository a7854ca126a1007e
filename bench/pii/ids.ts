/**
 * National, tax, health and bank identifiers. Each sample is valid by its specification (cited per type); the
 * check digits come from ./checks.ts.
 */
import {
  abaCheckDigit,
  abaValid,
  beCheck,
  beValid,
  bsnValid,
  cfCheckChar,
  cfValid,
  cnIdCheckChar,
  cnIdValid,
  deTaxIdValid,
  dniLetter,
  esDniValid,
  icaoCheckDigit,
  luhnCheckDigit,
  luhnValid,
  medicareCheckDigit,
  medicareValid,
  mod11_10CheckDigit,
  nhsCheckDigit,
  nhsValid,
  nirKey,
  nirValid,
  npiCheckDigit,
  npiValid,
  nricCheckLetter,
  nricValid,
  personnummerValid,
  peselCheckDigit,
  peselValid,
  rrnCheckDigit,
  rrnValid,
  tfnValid,
  verhoeffCheckDigit,
  verhoeffValid,
} from "./checks.js";
import {
  bareSentence,
  contextSentence,
  type Lang,
  NEUTRAL_FIELDS,
  OTHER_NUMBER_FIELDS,
  OTHER_NUMBER_LABELS,
} from "./language.js";
import { pad, type Rng, UPPER } from "./random.js";
import { compact, corruptDigit, type EntitySpec, group, type Snippet } from "./spec.js";

export interface BirthDate {
  y: number;
  m: number;
  d: number;
}

export function birthDate(rng: Rng, from = 1935, to = 2008): BirthDate {
  const y = rng.int(from, to);
  const m = rng.int(1, 12);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: rng.int(1, days) };
}

/** A shape-alike under a label that says it is something else ("Order number 482193321."). */
export function otherLabel(rng: Rng, lang: Lang, value: string, locale: string): Snippet {
  return { text: contextSentence(rng, lang, rng.pick(OTHER_NUMBER_LABELS[lang]), value), locale };
}

/** A shape-alike in a column that says it is something else. */
export function otherField(rng: Rng, value: string, locale: string): Snippet {
  return { text: value, field: rng.pick(OTHER_NUMBER_FIELDS), locale };
}

/** The type's own label with a value that fails its structure rules. */
function ownLabel(rng: Rng, spec: Pick<EntitySpec, "labels">, lang: Lang, value: string, locale: string): Snippet {
  const labels = spec.labels[lang] ?? spec.labels.en;
  return { text: contextSentence(rng, lang, rng.pick(labels), value), locale };
}

const replaceLast = (rng: Rng, value: string, alphabet: string): string => {
  const last = value[value.length - 1] as string;
  let next = last;
  while (next === last) next = rng.pick([...alphabet]);
  return value.slice(0, -1) + next;
};

// ------------------------------------------------------------------ United States

/** SSA: area 001–899 except 666, group 01–99, serial 0001–9999; SSA-voided samples (078-05-1120 …) are not SSNs. */
const SSN_VOID = new Set(["078051120", "219099999", "123456789"]);
function ssnDigits(rng: Rng): string {
  for (;;) {
    const area = rng.int(1, 899);
    if (area === 666) continue;
    const s = pad(area, 3) + pad(rng.int(1, 99), 2) + pad(rng.int(1, 9999), 4);
    if (!SSN_VOID.has(s)) return s;
  }
}
const ssnValid = (v: string): boolean => {
  const m = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(v);
  if (!m) return false;
  const [area, grp, serial] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return area > 0 && area !== 666 && area < 900 && grp > 0 && serial > 0 && !SSN_VOID.has(compact(v));
};

export const usSsn: EntitySpec = {
  id: "us_ssn",
  selfEvident: false,
  labels: {
    en: ["SSN", "Social Security number", "SS#", "social security no."],
    es: ["número de Seguro Social"],
  },
  fields: ["ssn", "social_security_number", "ss_number"],
  sample(rng) {
    const d = ssnDigits(rng);
    const r = rng.next();
    const value = r < 0.6 ? group(d, [3, 2], "-") : r < 0.75 ? group(d, [3, 2], " ") : d;
    return { value, locale: "en-US", langs: ["en", "es"] };
  },
  valid: ssnValid,
  negatives: [
    (rng) => ownLabel(rng, usSsn, "en", `000-${pad(rng.int(1, 99), 2)}-${pad(rng.int(1, 9999), 4)}`, "en-US"),
    (rng) => ownLabel(rng, usSsn, "en", `666-${pad(rng.int(1, 99), 2)}-${pad(rng.int(1, 9999), 4)}`, "en-US"),
    // 9xx with a group outside the ITIN ranges is neither an SSN nor an ITIN.
    (rng) =>
      ownLabel(
        rng,
        usSsn,
        "en",
        `9${pad(rng.int(0, 99), 2)}-${pad(rng.int(10, 49), 2)}-${pad(rng.int(1, 9999), 4)}`,
        "en-US",
      ),
    (rng) => ownLabel(rng, usSsn, "en", rng.pick(["078-05-1120", "219-09-9999", "123-45-6789"]), "en-US"),
    (rng) => ownLabel(rng, usSsn, "en", `${pad(rng.int(1, 899), 3)}-00-${pad(rng.int(1, 9999), 4)}`, "en-US"),
    (rng) => otherLabel(rng, "en", group(ssnDigits(rng), [3, 2], "-"), "en-US"),
    (rng) => otherField(rng, ssnDigits(rng), "en-US"),
    (rng) => ({ text: `Part no. ${group(ssnDigits(rng), [3, 2], "-")} is back in stock.`, locale: "en-US" }),
  ],
};

/** IRS ITIN: 9XX-[50–65, 70–88, 90–92, 94–99]-XXXX. */
const ITIN_GROUPS = [
  ...Array.from({ length: 16 }, (_, i) => 50 + i),
  ...Array.from({ length: 19 }, (_, i) => 70 + i),
  90,
  91,
  92,
  94,
  95,
  96,
  97,
  98,
  99,
];
export const usItin: EntitySpec = {
  id: "us_itin",
  selfEvident: false,
  labels: { en: ["ITIN", "Individual Taxpayer Identification Number", "taxpayer ITIN"], es: ["ITIN", "número ITIN"] },
  fields: ["itin", "taxpayer_itin"],
  sample(rng) {
    const d = `9${rng.digits(2)}${pad(rng.pick(ITIN_GROUPS), 2)}${pad(rng.int(0, 9999), 4)}`;
    return { value: rng.chance(0.8) ? group(d, [3, 2], "-") : d, locale: "en-US", langs: ["en", "es"] };
  },
  valid: (v) => {
    const m = /^9\d{2}-?(\d{2})-?\d{4}$/.exec(v);
    return m !== null && ITIN_GROUPS.includes(Number(m[1]));
  },
  negatives: [
    (rng) => ownLabel(rng, usItin, "en", `9${rng.digits(2)}-${pad(rng.int(10, 49), 2)}-${rng.digits(4)}`, "en-US"),
    (rng) => ownLabel(rng, usItin, "en", `9${rng.digits(2)}-93-${rng.digits(4)}`, "en-US"),
    (rng) => otherLabel(rng, "en", `9${rng.digits(2)}-${pad(rng.pick(ITIN_GROUPS), 2)}-${rng.digits(4)}`, "en-US"),
    (rng) => otherField(rng, `9${rng.digits(2)}${pad(rng.pick(ITIN_GROUPS), 2)}${rng.digits(4)}`, "en-US"),
  ],
};

/** CMS MBI format specification: C A AN N A AN N A A N N; letters exclude S L O I B Z. */
const MBI_A = "ACDEFGHJKMNPQRTUVWXY";
const MBI_AN = MBI_A + "0123456789";
export const usMbi: EntitySpec = {
  id: "us_mbi",
  selfEvident: false,
  labels: { en: ["MBI", "Medicare Beneficiary Identifier", "Medicare number (MBI)", "new Medicare card number"] },
  fields: ["mbi", "medicare_beneficiary_id"],
  sample(rng) {
    const v =
      String(rng.int(1, 9)) +
      rng.chars(1, MBI_A) +
      rng.chars(1, MBI_AN) +
      rng.digits(1) +
      rng.chars(1, MBI_A) +
      rng.chars(1, MBI_AN) +
      rng.digits(1) +
      rng.chars(2, MBI_A) +
      rng.digits(2);
    return { value: rng.chance(0.5) ? group(v, [4, 3], "-") : v, locale: "en-US", langs: ["en"] };
  },
  valid: (v) =>
    /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}$/.test(
      v,
    ),
  negatives: [
    // A letter MBIs never use (S, L, O, I, B, Z) in a letter position.
    (rng) => ownLabel(rng, usMbi, "en", `${rng.int(1, 9)}${rng.pick([..."SLOIBZ"])}G4-TE5-MK73`, "en-US"),
    (rng) => ownLabel(rng, usMbi, "en", `0EG4-TE5-MK${rng.digits(2)}`, "en-US"),
    (rng) =>
      otherLabel(
        rng,
        "en",
        `${rng.int(1, 9)}${rng.chars(1, MBI_A)}${rng.digits(2)}-${rng.chars(2, MBI_A)}${rng.digits(1)}-${rng.chars(2, MBI_A)}${rng.digits(2)}`,
        "en-US",
      ),
  ],
};

export const usNpi: EntitySpec = {
  id: "us_npi",
  selfEvident: false,
  labels: { en: ["NPI", "National Provider Identifier", "provider NPI", "NPI number"] },
  fields: ["npi", "provider_npi"],
  sample(rng) {
    const first9 = String(rng.int(1, 2)) + rng.digits(8);
    return { value: first9 + String(npiCheckDigit(first9)), locale: "en-US", langs: ["en"] };
  },
  valid: npiValid,
  corrupt: (rng, v) => corruptDigit(rng, v, npiValid),
  negatives: [
    (rng) => otherLabel(rng, "en", String(rng.int(1, 2)) + rng.digits(9), "en-US"),
    (rng) => otherField(rng, String(rng.int(1, 2)) + rng.digits(9), "en-US"),
    (rng) => ({ text: `Unix time ${rng.int(1600000000, 1799999999)} marks the export.`, locale: "en-US" }),
  ],
};

/** ABA routing number: Federal Reserve prefixes 01–12, 21–32, 61–72, 80 and the 3-7-1 checksum. */
const ABA_PREFIXES = [
  ...Array.from({ length: 12 }, (_, i) => i + 1),
  ...Array.from({ length: 12 }, (_, i) => i + 21),
  ...Array.from({ length: 12 }, (_, i) => i + 61),
  80,
];
export const usAbaRouting: EntitySpec = {
  id: "us_aba_routing",
  selfEvident: false,
  labels: { en: ["routing number", "ABA routing number", "ABA", "RTN", "bank routing no."] },
  fields: ["routing_number", "aba", "aba_routing"],
  sample(rng) {
    const first8 = pad(rng.pick(ABA_PREFIXES), 2) + rng.digits(6);
    return { value: first8 + String(abaCheckDigit(first8)), locale: "en-US", langs: ["en"] };
  },
  valid: (v) => abaValid(v) && ABA_PREFIXES.includes(Number(v.slice(0, 2))),
  corrupt: (rng, v) => corruptDigit(rng, v, (x) => abaValid(x) && ABA_PREFIXES.includes(Number(x.slice(0, 2)))),
  negatives: [(rng) => otherLabel(rng, "en", rng.digits(9), "en-US"), (rng) => otherField(rng, rng.digits(9), "en-US")],
};

/** Driver licence numbers per state (AAMVA DL/ID card design standard, state formats); no checksum is public. */
const DL_STATES: ReadonlyArray<{ state: string; make(rng: Rng): string; shape: RegExp }> = [
  { state: "CA", make: (rng) => rng.chars(1, UPPER) + rng.digits(7), shape: /^[A-Z]\d{7}$/ },
  { state: "NY", make: (rng) => rng.digits(9), shape: /^\d{9}$/ },
  { state: "TX", make: (rng) => rng.digits(8), shape: /^\d{8}$/ },
  { state: "PA", make: (rng) => rng.digits(8), shape: /^\d{8}$/ },
  {
    state: "FL",
    make: (rng) =>
      `${rng.chars(1, UPPER)}${rng.digits(3)}-${rng.digits(3)}-${rng.digits(2)}-${rng.digits(3)}-${rng.digits(1)}`,
    shape: /^[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d$/,
  },
  {
    state: "IL",
    make: (rng) => `${rng.chars(1, UPPER)}${rng.digits(3)}-${rng.digits(4)}-${rng.digits(4)}`,
    shape: /^[A-Z]\d{3}-\d{4}-\d{4}$/,
  },
  { state: "WA", make: (rng) => "WDL" + rng.chars(9, UPPER + "0123456789"), shape: /^WDL[A-Z0-9]{9}$/ },
];
export const usDriverLicense: EntitySpec = {
  id: "us_driver_license",
  selfEvident: false,
  labels: {
    en: ["driver's license", "driver license number", "DL#", "DL number", "driver's licence no.", "driving license"],
  },
  fields: ["driver_license", "dl_number", "drivers_license_no"],
  sample(rng) {
    const s = rng.pick(DL_STATES);
    return { value: s.make(rng), locale: "en-US", langs: ["en"] };
  },
  valid: (v) => DL_STATES.some((s) => s.shape.test(v)),
  negatives: [
    (rng) => otherLabel(rng, "en", rng.chars(1, UPPER) + rng.digits(7), "en-US"),
    (rng) => otherLabel(rng, "en", rng.digits(8), "en-US"),
    (rng) => otherField(rng, rng.chars(1, UPPER) + rng.digits(7), "en-US"),
    (rng) => ({ text: `Driver's license renewal costs ${rng.int(20, 60)} dollars in most states.`, locale: "en-US" }),
    (rng) => ({
      text: `Flight ${rng.pick(["UA", "DL", "AA"])}${rng.int(100, 9999)} departs from gate B${rng.int(1, 40)}.`,
      locale: "en-US",
    }),
  ],
};

// ------------------------------------------------------------------ India

/** UIDAI: 12 digits, first digit 2–9, last digit Verhoeff. */
function aadhaarDigits(rng: Rng): string {
  const first11 = String(rng.int(2, 9)) + rng.digits(10);
  return first11 + String(verhoeffCheckDigit(first11));
}
const aadhaarValid = (v: string): boolean => /^[2-9]\d{3} ?\d{4} ?\d{4}$/.test(v) && verhoeffValid(compact(v));
export const aadhaar: EntitySpec = {
  id: "aadhaar",
  // UIDAI's last digit is a Verhoeff check digit over the other eleven (first digit 2–9): printed as on the
  // card (4-4-4) and standing alone, the number is self-evident like a card's; written contiguous it is one
  // 12-digit run in ten (timestamps, order ids) and needs its word. Unlabelled positives come from `special`.
  selfEvident: false,
  labels: {
    en: ["Aadhaar", "Aadhaar number", "Aadhaar no.", "UID"],
    hi: ["Aadhaar", "aadhar card number", "आधार संख्या"],
  },
  fields: ["aadhaar", "aadhaar_no", "uid"],
  sample(rng) {
    const d = aadhaarDigits(rng);
    return { value: rng.chance(0.7) ? group(d, [4, 4], " ") : d, locale: "en-IN", langs: ["hi", "en"] };
  },
  valid: aadhaarValid,
  corrupt: (rng, v) => corruptDigit(rng, v, aadhaarValid),
  special: {
    share: 0.3,
    make(rng) {
      const v = group(aadhaarDigits(rng), [4, 4], rng.pick([" ", "-"]));
      if (rng.chance(0.4)) return { text: v, field: rng.pick(NEUTRAL_FIELDS), locale: "en-IN" };
      return { text: bareSentence(rng, rng.pick(["en", "hi"]), v), locale: "en-IN" };
    },
  },
  negatives: [
    // A contiguous 12-digit number without a word: one 12-digit run in ten passes Verhoeff.
    (rng) => ({ text: bareSentence(rng, "en", aadhaarDigits(rng)), locale: "en-IN" }),
    (rng) => otherField(rng, aadhaarDigits(rng), "en-IN"),
    // Longer grouped numbers are not Aadhaar numbers.
    (rng) => otherLabel(rng, "en", group(rng.digits(16), [4, 4, 4], " "), "en-IN"),
    (rng) => otherLabel(rng, "hi", group(aadhaarDigits(rng) + rng.digits(4), [4, 4, 4], " "), "en-IN"),
    // Only eight digits (4-4), the first digit 0 or 1, or a failing Verhoeff check: no Aadhaar number, labelled
    // or not. (A valid one is an Aadhaar number wherever it stands, so it is no negative.)
    (rng) => ownLabel(rng, aadhaar, "en", group(aadhaarDigits(rng).slice(0, 8), [4], " "), "en-IN"),
    (rng) => ownLabel(rng, aadhaar, "en", group(String(rng.int(0, 1)) + rng.digits(11), [4, 4], " "), "en-IN"),
    (rng) => otherField(rng, corruptDigit(rng, aadhaarDigits(rng), aadhaarValid), "en-IN"),
    (rng) => otherLabel(rng, "en", group(corruptDigit(rng, aadhaarDigits(rng), aadhaarValid), [4, 4], " "), "en-IN"),
  ],
};

/** Income Tax Department PAN: 3 letters, holder type (4th), 1 letter, 4 digits, 1 letter. */
const PAN_TYPES = "ABCFGHJLPT";
export const inPan: EntitySpec = {
  id: "in_pan",
  // Five letters (the fourth the holder's type), four digits and a letter: a shape no word and few codes have,
  // so an unlabelled PAN is labelled too; one introduced as another kind of code is not.
  selfEvident: true,
  labels: { en: ["PAN", "PAN card", "PAN number", "Permanent Account Number"], hi: ["PAN", "PAN card number", "पैन"] },
  fields: ["pan", "pan_number", "pan_card"],
  sample(rng) {
    const v =
      rng.chars(3, UPPER) + rng.pick([...PAN_TYPES]) + rng.chars(1, UPPER) + rng.digits(4) + rng.chars(1, UPPER);
    return { value: v, locale: "en-IN", langs: ["hi", "en"] };
  },
  valid: (v) => /^[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]$/.test(v),
  negatives: [
    (rng) =>
      ownLabel(
        rng,
        inPan,
        "en",
        rng.chars(3, UPPER) +
          rng.pick([..."DEIKMNOQRSUVWXYZ"]) +
          rng.chars(1, UPPER) +
          rng.digits(4) +
          rng.chars(1, UPPER),
        "en-IN",
      ),
    (rng) => otherLabel(rng, "en", rng.chars(5, UPPER) + rng.digits(4) + rng.chars(1, UPPER), "en-IN"),
    (rng) => otherField(rng, rng.chars(5, UPPER) + rng.digits(4) + rng.chars(1, UPPER), "en-IN"),
    (rng) => ({
      text: `Use coupon code ${rng.chars(5, UPPER)}${rng.digits(4)}${rng.chars(1, UPPER)} at checkout.`,
      locale: "en-IN",
    }),
    (rng) => ({
      text: `Link your PAN with Aadhaar before the ${rng.pick(["deadline", "due date"])} to avoid a penalty.`,
      locale: "en-IN",
    }),
  ],
};

// ------------------------------------------------------------------ United Kingdom

/** HMRC NIM39110: prefix letters exclude D F I Q U V (and O second); BG GB KN NK NT TN ZZ never allocated. */
const NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
const NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ";
const NINO_BAD = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);
function ninoPrefix(rng: Rng): string {
  for (;;) {
    const p = rng.chars(1, NINO_FIRST) + rng.chars(1, NINO_SECOND);
    if (!NINO_BAD.has(p)) return p;
  }
}
export const ukNino: EntitySpec = {
  id: "uk_nino",
  selfEvident: false,
  labels: { en: ["National Insurance number", "NI number", "NINO", "NI no."] },
  fields: ["nino", "ni_number", "national_insurance_number"],
  sample(rng) {
    const prefix = ninoPrefix(rng);
    const digits = rng.digits(6);
    const suffix = rng.chars(1, "ABCD");
    const value = rng.chance(0.5) ? `${prefix}${digits}${suffix}` : `${prefix} ${group(digits, [2, 2], " ")} ${suffix}`;
    return { value, locale: "en-GB", langs: ["en"] };
  },
  valid: (v) => {
    const m = /^([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])$/.exec(v);
    if (!m) return false;
    const p = m[1] as string;
    return NINO_FIRST.includes(p[0] as string) && NINO_SECOND.includes(p[1] as string) && !NINO_BAD.has(p);
  },
  negatives: [
    (rng) => ownLabel(rng, ukNino, "en", `QQ${rng.digits(6)}${rng.chars(1, "ABCD")}`, "en-GB"),
    (rng) =>
      ownLabel(
        rng,
        ukNino,
        "en",
        `${rng.pick(["BG", "GB", "NK", "TN", "ZZ"])}${rng.digits(6)}${rng.chars(1, "ABCD")}`,
        "en-GB",
      ),
    (rng) =>
      ownLabel(rng, ukNino, "en", `${rng.pick([..."DFIQUV"])}${rng.chars(1, NINO_SECOND)}${rng.digits(6)}A`, "en-GB"),
    (rng) => otherLabel(rng, "en", `${ninoPrefix(rng)}${rng.digits(6)}${rng.chars(1, "ABCD")}`, "en-GB"),
    () => ({ text: "Your NI number is on your payslip or P60.", locale: "en-GB" }),
  ],
};

/** NHS Data Dictionary: 10 digits, mod 11 check digit; England, Wales and Isle of Man issue 400–499 and 600–799 million. */
function nhsDigits(rng: Rng): string {
  for (;;) {
    const first9 = String(rng.pick([4, 6, 7])) + rng.digits(8);
    const check = nhsCheckDigit(first9);
    if (check !== undefined) return first9 + String(check);
  }
}
export const ukNhs: EntitySpec = {
  id: "uk_nhs",
  selfEvident: false,
  labels: { en: ["NHS number", "NHS no.", "patient NHS number"] },
  fields: ["nhs_number", "nhs_no", "nhs"],
  sample(rng) {
    const d = nhsDigits(rng);
    const r = rng.next();
    return {
      value: r < 0.6 ? group(d, [3, 3], " ") : r < 0.75 ? group(d, [3, 3], "-") : d,
      locale: "en-GB",
      langs: ["en"],
    };
  },
  valid: nhsValid,
  corrupt: (rng, v) => corruptDigit(rng, v, nhsValid),
  negatives: [
    (rng) => otherLabel(rng, "en", group(rng.digits(10), [3, 3], " "), "en-GB"),
    (rng) => otherField(rng, nhsDigits(rng), "en-GB"),
    (rng) => ({
      text: `NHS 111 is available ${rng.pick(["24 hours a day", "every day", "at weekends"])}.`,
      locale: "en-GB",
    }),
  ],
};

// ------------------------------------------------------------------ Continental Europe

export const esDni: EntitySpec = {
  id: "es_dni",
  selfEvident: false,
  labels: {
    en: ["DNI", "NIE", "Spanish ID number"],
    es: ["DNI", "NIE", "NIF", "número de DNI", "documento nacional de identidad", "número de identidad de extranjero"],
  },
  fields: ["dni", "nie", "nif", "documento"],
  sample(rng) {
    if (rng.chance(0.3)) {
      const prefix = rng.int(0, 2);
      const body = rng.digits(7);
      return {
        value: `${"XYZ"[prefix]}${body}${dniLetter(Number(String(prefix) + body))}`,
        locale: "es-ES",
        langs: ["es", "en"],
      };
    }
    const n = rng.int(1000000, 99999999);
    const sep = rng.chance(0.2) ? "-" : "";
    return { value: `${pad(n, 8)}${sep}${dniLetter(n)}`, locale: "es-ES", langs: ["es", "en"] };
  },
  valid: esDniValid,
  corrupt: (rng, v) => replaceLast(rng, v, "TRWAGMYFPDXBNJZSQVHLCKE"),
  negatives: [
    (rng) => otherLabel(rng, "es", rng.digits(8) + rng.chars(1, UPPER), "es-ES"),
    (rng) => otherField(rng, rng.digits(8) + rng.chars(1, UPPER), "es-ES"),
    (rng) => ({
      text: `Recuerde llevar el DNI original el día ${rng.int(1, 28)} de ${rng.pick(["mayo", "junio", "julio"])}.`,
      locale: "es-ES",
    }),
  ],
};

/** BSN: 9 digits passing the eleven-test (elfproef) of the Wet algemene bepalingen burgerservicenummer. */
function bsnDigits(rng: Rng): string {
  for (;;) {
    const v = String(rng.int(1, 6)) + rng.digits(8);
    if (bsnValid(v)) return v;
  }
}
export const nlBsn: EntitySpec = {
  id: "nl_bsn",
  selfEvident: false,
  labels: { en: ["BSN", "citizen service number"], nl: ["BSN", "burgerservicenummer", "BSN-nummer", "sofinummer"] },
  fields: ["bsn", "burgerservicenummer"],
  sample(rng) {
    const d = bsnDigits(rng);
    return { value: rng.chance(0.8) ? d : group(d, [4, 2], "."), locale: "nl-NL", langs: ["nl", "en"] };
  },
  valid: bsnValid,
  corrupt: (rng, v) => corruptDigit(rng, v, bsnValid),
  negatives: [
    (rng) => otherLabel(rng, "nl", rng.digits(9), "nl-NL"),
    (rng) => otherField(rng, bsnDigits(rng), "nl-NL"),
    () => ({ text: "Uw BSN staat op uw paspoort en identiteitskaart.", locale: "nl-NL" }),
  ],
};

/** INSEE NIR: sex, year, month, département (2A/2B in Corsica), commune, order, key = 97 − (13 digits mod 97). */
const NIR_DEPTS = [...Array.from({ length: 95 }, (_, i) => pad(i + 1, 2)).filter((d) => d !== "20"), "2A", "2B"];
function nirValue(rng: Rng): string {
  const first13 =
    String(rng.int(1, 2)) +
    pad(rng.int(0, 99), 2) +
    pad(rng.int(1, 12), 2) +
    rng.pick(NIR_DEPTS) +
    pad(rng.int(1, 990), 3) +
    pad(rng.int(1, 999), 3);
  return first13 + nirKey(first13);
}
export const frNir: EntitySpec = {
  id: "fr_nir",
  selfEvident: true,
  labels: {
    en: ["French social security number", "NIR"],
    fr: ["numéro de sécurité sociale", "NIR", "numéro INSEE", "n° de sécu", "numéro de sécu"],
  },
  fields: ["nir", "numero_secu", "num_securite_sociale"],
  sample(rng) {
    const v = nirValue(rng);
    return { value: rng.chance(0.5) ? v : group(v, [1, 2, 2, 2, 3, 3], " "), locale: "fr-FR", langs: ["fr", "en"] };
  },
  valid: nirValid,
  corrupt: (rng, v) => corruptDigit(rng, v, nirValid),
  negatives: [
    (rng) => otherLabel(rng, "fr", rng.digits(15), "fr-FR"),
    (rng) => otherField(rng, String(rng.int(1, 2)) + rng.digits(14), "fr-FR"),
    (rng) => ({ text: `SIRET ${rng.digits(14)} — facture acquittée.`, locale: "fr-FR" }),
  ],
};

/** Codice fiscale (D.M. 23/12/1976): surname, name, year, month letter, day (+40 for women), Belfiore code, check. */
const CF_MONTHS = "ABCDEHLMPRST";
const BELFIORE = ["H501", "F205", "L219", "F839", "D612", "A944", "G273", "L736", "C351", "A662", "Z404", "Z112"];
export const itFiscalCode: EntitySpec = {
  id: "it_fiscal_code",
  selfEvident: true,
  labels: { en: ["Italian tax code", "codice fiscale"], it: ["codice fiscale", "CF", "C.F.", "cod. fiscale"] },
  fields: ["codice_fiscale", "cf", "fiscal_code"],
  sample(rng) {
    const b = birthDate(rng);
    const day = b.d + (rng.chance(0.5) ? 40 : 0);
    const first15 =
      rng.chars(3, "BCDFGLMNPRSTVZ") +
      rng.chars(3, "BCDFGLMNPRSTVZAEIOU") +
      pad(b.y % 100, 2) +
      CF_MONTHS[b.m - 1] +
      pad(day, 2) +
      rng.pick(BELFIORE);
    return { value: first15 + cfCheckChar(first15), locale: "it-IT", langs: ["it", "en"] };
  },
  valid: cfValid,
  corrupt: (rng, v) => replaceLast(rng, v, UPPER),
  negatives: [
    (rng) =>
      otherLabel(
        rng,
        "it",
        rng.chars(6, UPPER) +
          rng.digits(2) +
          rng.chars(1, UPPER) +
          rng.digits(2) +
          rng.chars(1, UPPER) +
          rng.digits(3) +
          rng.chars(1, UPPER),
        "it-IT",
      ),
    (rng) => ({ text: `Partita IVA ${rng.digits(11)} della ditta fornitrice.`, locale: "it-IT" }),
  ],
};

/** PESEL: YYMMDD (month +20 for 2000–2099, +80 for 1800s), 4-digit serial, weights 1 3 7 9. */
function peselValue(rng: Rng): string {
  const b = birthDate(rng, 1930, 2015);
  const month = b.m + (b.y >= 2000 ? 20 : 0);
  const first10 = pad(b.y % 100, 2) + pad(month, 2) + pad(b.d, 2) + rng.digits(4);
  return first10 + String(peselCheckDigit(first10));
}
export const plPesel: EntitySpec = {
  id: "pl_pesel",
  selfEvident: false,
  labels: { en: ["PESEL", "PESEL number"], pl: ["PESEL", "nr PESEL", "numer PESEL"] },
  fields: ["pesel", "nr_pesel"],
  sample: (rng) => ({ value: peselValue(rng), locale: "pl-PL", langs: ["pl", "en"] }),
  valid: peselValid,
  corrupt: (rng, v) => corruptDigit(rng, v, peselValid),
  negatives: [
    (rng) => otherLabel(rng, "pl", rng.digits(11), "pl-PL"),
    (rng) => otherField(rng, peselValue(rng), "pl-PL"),
    (rng) => ({
      text: `NIP firmy: ${rng.digits(3)}-${rng.digits(3)}-${rng.digits(2)}-${rng.digits(2)}.`,
      locale: "pl-PL",
    }),
  ],
};

/** Skatteverket SKV 704: YYMMDD-NNNC, Luhn over the ten digits; samordningsnummer add 60 to the day. */
function personnummerValue(rng: Rng): string {
  const b = birthDate(rng, 1935, 2010);
  const day = b.d + (rng.chance(0.1) ? 60 : 0);
  const first9 = pad(b.y % 100, 2) + pad(b.m, 2) + pad(day, 2) + rng.digits(3);
  const check = String(luhnCheckDigit(first9));
  const long = rng.chance(0.3);
  return (
    (long ? String(Math.floor(b.y / 100)) : "") +
    first9.slice(0, 6) +
    (rng.chance(0.8) ? "-" : "") +
    first9.slice(6) +
    check
  );
}
export const sePersonnummer: EntitySpec = {
  id: "se_personnummer",
  selfEvident: false,
  labels: {
    en: ["Swedish personal identity number", "personnummer"],
    sv: ["personnummer", "personnr", "pnr", "samordningsnummer"],
  },
  fields: ["personnummer", "pnr"],
  sample: (rng) => ({ value: personnummerValue(rng), locale: "sv-SE", langs: ["sv", "en"] }),
  valid: personnummerValid,
  corrupt: (rng, v) => corruptDigit(rng, v, personnummerValid),
  negatives: [
    (rng) => otherLabel(rng, "sv", `${rng.digits(6)}-${rng.digits(4)}`, "sv-SE"),
    (rng) => ({
      text: `Organisationsnummer 55${rng.digits(4)}-${rng.digits(4)} tillhör leverantören.`,
      locale: "sv-SE",
    }),
  ],
};

/** Steuerliche Identifikationsnummer (§139b AO): 11 digits, one digit repeated, ISO 7064 MOD 11,10 check. */
function deTaxIdValue(rng: Rng): string {
  for (;;) {
    const distinct = rng.shuffle([..."0123456789"]);
    const twice = distinct[0] as string;
    const body = rng.shuffle([...distinct.slice(1, 9), twice, twice]);
    if (body[0] === "0") continue;
    const first10 = body.join("");
    if (/(\d)\1\1/.test(first10)) continue;
    const v = first10 + String(mod11_10CheckDigit(first10));
    if (deTaxIdValid(v)) return v;
  }
}
export const deTaxId: EntitySpec = {
  id: "de_tax_id",
  selfEvident: false,
  labels: {
    en: ["German tax ID", "Steuer-ID", "tax identification number"],
    de: ["Steuer-ID", "Steuer-IdNr.", "steuerliche Identifikationsnummer", "IdNr", "Steueridentifikationsnummer"],
  },
  fields: ["steuer_id", "steuerid", "tax_id", "idnr"],
  sample(rng) {
    const v = deTaxIdValue(rng);
    return { value: rng.chance(0.7) ? v : group(v, [2, 3, 3], " "), locale: "de-DE", langs: ["de", "en"] };
  },
  valid: (v) => deTaxIdValid(compact(v)),
  corrupt: (rng, v) => corruptDigit(rng, v, (x) => deTaxIdValid(compact(x))),
  negatives: [
    (rng) => otherLabel(rng, "de", String(rng.int(1, 9)) + rng.digits(10), "de-DE"),
    (rng) => otherField(rng, deTaxIdValue(rng), "de-DE"),
    (rng) => ({
      text: `Steuernummer ${rng.digits(2)}/${rng.digits(3)}/${rng.digits(5)} des Finanzamts.`,
      locale: "de-DE",
    }),
  ],
};

/** Rijksregisternummer / numéro de registre national: YYMMDD, serial 001–997, 97 − mod 97 (2-prefixed from 2000). */
function beValue(rng: Rng): string {
  const b = birthDate(rng, 1935, 2015);
  const first9 = pad(b.y % 100, 2) + pad(b.m, 2) + pad(b.d, 2) + pad(rng.int(1, 997), 3);
  return first9 + beCheck(first9, b.y >= 2000);
}
export const beNationalNumber: EntitySpec = {
  id: "be_national_number",
  selfEvident: false,
  labels: {
    en: ["Belgian national number", "national register number"],
    nl: ["rijksregisternummer", "INSZ-nummer", "RRN"],
    fr: ["numéro de registre national", "numéro national", "NISS"],
  },
  fields: ["rijksregisternummer", "niss", "national_number"],
  sample(rng) {
    const v = beValue(rng);
    const formatted = `${v.slice(0, 2)}.${v.slice(2, 4)}.${v.slice(4, 6)}-${v.slice(6, 9)}.${v.slice(9)}`;
    return {
      value: rng.chance(0.6) ? formatted : v,
      locale: rng.chance(0.5) ? "nl-BE" : "fr-BE",
      langs: ["nl", "fr", "en"],
    };
  },
  valid: beValid,
  corrupt: (rng, v) => corruptDigit(rng, v, beValid),
  negatives: [
    (rng) => otherLabel(rng, "nl", rng.digits(11), "nl-BE"),
    (rng) => ({
      text: `Ondernemingsnummer 0${rng.digits(3)}.${rng.digits(3)}.${rng.digits(3)} van de leverancier.`,
      locale: "nl-BE",
    }),
  ],
};

/** Canadian SIN (ESDC): 9 digits, Luhn; first digit 0 and 8 are not issued to persons. */
function sinDigits(rng: Rng): string {
  const first8 = String(rng.pick([1, 2, 3, 4, 5, 6, 7, 9])) + rng.digits(7);
  return first8 + String(luhnCheckDigit(first8));
}
const sinValid = (v: string): boolean => /^[1-79]\d{2}[ -]?\d{3}[ -]?\d{3}$/.test(v) && luhnValid(compact(v));
export const caSin: EntitySpec = {
  id: "ca_sin",
  selfEvident: false,
  labels: { en: ["SIN", "social insurance number", "SIN #"], fr: ["NAS", "numéro d'assurance sociale"] },
  fields: ["sin", "social_insurance_number", "nas"],
  sample(rng) {
    const d = sinDigits(rng);
    const r = rng.next();
    return {
      value: r < 0.5 ? group(d, [3, 3], " ") : r < 0.7 ? group(d, [3, 3], "-") : d,
      locale: rng.chance(0.7) ? "en-CA" : "fr-CA",
      langs: ["en", "fr"],
    };
  },
  valid: sinValid,
  corrupt: (rng, v) => corruptDigit(rng, v, sinValid),
  negatives: [
    (rng) => otherLabel(rng, "en", group(rng.digits(9), [3, 3], " "), "en-CA"),
    (rng) => otherField(rng, sinDigits(rng), "en-CA"),
    (rng) => ({ text: `Business number ${rng.digits(9)} RT0001 is on the invoice.`, locale: "en-CA" }),
  ],
};

/** ATO tax file number: 9 digits, weights 1 4 3 7 5 8 6 9 10, sum ≡ 0 (mod 11). */
function tfnDigits(rng: Rng): string {
  for (;;) {
    const v = rng.digits(9);
    if (v[0] !== "0" && tfnValid(v)) return v;
  }
}
export const auTfn: EntitySpec = {
  id: "au_tfn",
  selfEvident: false,
  labels: { en: ["TFN", "tax file number", "TFN no."] },
  fields: ["tfn", "tax_file_number"],
  sample(rng) {
    const d = tfnDigits(rng);
    return { value: rng.chance(0.6) ? group(d, [3, 3], " ") : d, locale: "en-AU", langs: ["en"] };
  },
  valid: tfnValid,
  corrupt: (rng, v) => corruptDigit(rng, v, tfnValid),
  negatives: [
    (rng) => otherLabel(rng, "en", group(rng.digits(9), [3, 3], " "), "en-AU"),
    (rng) => ({
      text: `ABN ${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)} appears on the receipt.`,
      locale: "en-AU",
    }),
  ],
};

/** Medicare card (Services Australia): first digit 2–6, check digit (9th) with weights 1 3 7 9, issue number 1–9. */
export const auMedicare: EntitySpec = {
  id: "au_medicare",
  selfEvident: false,
  labels: { en: ["Medicare number", "Medicare card", "Medicare card number", "Medicare no."] },
  fields: ["medicare_number", "medicare_card"],
  sample(rng) {
    const first8 = String(rng.int(2, 6)) + rng.digits(7);
    const v = first8 + String(medicareCheckDigit(first8)) + String(rng.int(1, 9));
    return { value: rng.chance(0.6) ? group(v, [4, 5], " ") : v, locale: "en-AU", langs: ["en"] };
  },
  valid: medicareValid,
  corrupt: (rng, v) => {
    // Only the first nine digits are checksummed; the issue number is free.
    const digitsOnly = compact(v);
    const bad = corruptDigit(rng, digitsOnly.slice(0, 9), (x) => medicareCheckDigit(x.slice(0, 8)) === Number(x[8]));
    return bad + digitsOnly.slice(9);
  },
  negatives: [
    (rng) => otherLabel(rng, "en", group(String(rng.int(2, 6)) + rng.digits(9), [4, 5], " "), "en-AU"),
    (rng) => ({ text: `Medicare covers ${rng.int(75, 100)} per cent of the schedule fee.`, locale: "en-AU" }),
  ],
};

/** Korean RRN (주민등록법 시행규칙): YYMMDD-G + 5 digits + mod-11 check (numbers issued before Oct 2020). */
function rrnValue(rng: Rng): string {
  const b = birthDate(rng, 1940, 2019);
  const g = b.y >= 2000 ? rng.pick([3, 4]) : rng.pick([1, 2]);
  const first12 = pad(b.y % 100, 2) + pad(b.m, 2) + pad(b.d, 2) + String(g) + rng.digits(5);
  return `${first12.slice(0, 6)}-${first12.slice(6)}${rrnCheckDigit(first12)}`;
}
export const krRrn: EntitySpec = {
  id: "kr_rrn",
  selfEvident: false,
  labels: { en: ["RRN", "resident registration number", "Korean RRN"], ko: ["주민등록번호", "주민번호"] },
  fields: ["rrn", "jumin", "resident_registration_number"],
  sample: (rng) => ({ value: rrnValue(rng), locale: "ko-KR", langs: ["ko", "en"] }),
  valid: rrnValid,
  corrupt: (rng, v) => corruptDigit(rng, v, rrnValid),
  negatives: [
    (rng) => otherLabel(rng, "ko", `${rng.digits(6)}-${rng.digits(7)}`, "ko-KR"),
    (rng) => ({
      text: `사업자등록번호 ${rng.digits(3)}-${rng.digits(2)}-${rng.digits(5)} 확인 바랍니다.`,
      locale: "ko-KR",
    }),
  ],
};

/** Singapore NRIC/FIN (ICA): prefix S/T (citizens, PRs) or F/G (foreigners), 7 digits, check letter. */
export const sgNric: EntitySpec = {
  id: "sg_nric",
  selfEvident: true,
  labels: { en: ["NRIC", "FIN", "NRIC/FIN", "IC number", "NRIC no."] },
  fields: ["nric", "fin", "nric_fin"],
  sample(rng) {
    const prefix = rng.pick(["S", "T", "F", "G"]);
    const d = rng.digits(7);
    return { value: prefix + d + nricCheckLetter(prefix, d), locale: "en-SG", langs: ["en", "zh"] };
  },
  valid: nricValid,
  corrupt: (rng, v) => {
    for (;;) {
      const bad = replaceLast(rng, v, UPPER);
      if (!nricValid(bad)) return bad;
    }
  },
  negatives: [
    (rng) => ({
      text: `Your booking reference is ${rng.pick(["A", "B", "K"])}${rng.digits(7)}${rng.chars(1, UPPER)}.`,
      locale: "en-SG",
    }),
    (rng) => otherField(rng, `S${rng.digits(7)}`, "en-SG"),
  ],
};

// ------------------------------------------------------------------ China

/** GB 11643-1999: 6-digit region (GB/T 2260), YYYYMMDD, 3-digit sequence, ISO 7064 MOD 11-2 check. */
const CN_REGIONS = [
  "110101",
  "110102",
  "110105",
  "110108",
  "120101",
  "310101",
  "310104",
  "310115",
  "320102",
  "320106",
  "330102",
  "330106",
  "340102",
  "350102",
  "370102",
  "410102",
  "420102",
  "430102",
  "440103",
  "440104",
  "440305",
  "440306",
  "500103",
  "510104",
  "510107",
  "610103",
  "610113",
];
function cnIdValue(rng: Rng): string {
  const b = birthDate(rng, 1940, 2008);
  const first17 = rng.pick(CN_REGIONS) + String(b.y) + pad(b.m, 2) + pad(b.d, 2) + rng.digits(3);
  return first17 + cnIdCheckChar(first17);
}
export const cnResidentId: EntitySpec = {
  id: "cn_resident_id",
  selfEvident: true,
  labels: {
    en: ["Chinese ID card number", "resident ID", "PRC ID"],
    zh: ["身份证号", "身份证号码", "居民身份证", "公民身份号码"],
  },
  fields: ["id_card", "shenfenzheng", "身份证号"],
  sample(rng) {
    const v = cnIdValue(rng);
    return { value: rng.chance(0.75) ? v : group(v, [6, 8], " "), locale: "zh-CN", langs: ["zh", "en"] };
  },
  valid: (v) => cnIdValid(v.replace(/ /g, "")),
  corrupt: (rng, v) => corruptDigit(rng, v, (x) => cnIdValid(x.replace(/ /g, ""))),
  negatives: [
    (rng) =>
      otherLabel(
        rng,
        "zh",
        `${rng.int(2019, 2025)}${pad(rng.int(1, 12), 2)}${pad(rng.int(1, 28), 2)}${rng.digits(10)}`,
        "zh-CN",
      ),
    // A valid date and checksum under an impossible region prefix is not an ID.
    (rng) => {
      const b = birthDate(rng);
      const first17 = `99${rng.digits(4)}${b.y}${pad(b.m, 2)}${pad(b.d, 2)}${rng.digits(3)}`;
      return { text: `物流单号：${first17}${cnIdCheckChar(first17)}`, locale: "zh-CN" };
    },
  ],
};

// ------------------------------------------------------------------ Passports

/** ICAO Doc 9303 TD3 machine-readable zone, two lines of 44 characters, check digits 7-3-1. */
export function mrz(rng: Rng, country: string, docNumber: string, surname: string, given: string): string {
  const name = `${surname}<<${given.replace(/ /g, "<")}`;
  const line1 = `P<${country}${name}`.padEnd(44, "<").slice(0, 44);
  const b = birthDate(rng);
  const dob = pad(b.y % 100, 2) + pad(b.m, 2) + pad(b.d, 2);
  const exp = pad(rng.int(26, 35), 2) + pad(rng.int(1, 12), 2) + pad(rng.int(1, 28), 2);
  const doc = docNumber.padEnd(9, "<");
  const personal = "<".repeat(14);
  const part1 = doc + icaoCheckDigit(doc);
  const part2 = dob + icaoCheckDigit(dob);
  const part3 = exp + icaoCheckDigit(exp);
  const part4 = personal + "0";
  const composite = icaoCheckDigit(part1 + part2 + part3 + part4);
  const line2 = `${part1}${country}${part2}${rng.pick(["M", "F"])}${part3}${part4}${composite}`;
  return `${line1}\n${line2}`;
}
export function mrzValid(lines: string): boolean {
  const line2 = lines.split("\n")[1] ?? "";
  if (line2.length !== 44) return false;
  const ok = (field: string, digit: string): boolean => icaoCheckDigit(field) === digit;
  return (
    ok(line2.slice(0, 9), line2[9] as string) &&
    ok(line2.slice(13, 19), line2[19] as string) &&
    ok(line2.slice(21, 27), line2[27] as string) &&
    ok(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43), line2[43] as string)
  );
}

const DE_PASS = "CFGHJKLMNPRTVWXYZ0123456789";
const PASSPORTS: ReadonlyArray<{ country: string; locale: string; lang: Lang; make(rng: Rng): string; shape: RegExp }> =
  [
    {
      country: "USA",
      locale: "en-US",
      lang: "en",
      make: (rng) => String(rng.int(1, 9)) + rng.digits(8),
      shape: /^\d{9}$/,
    },
    {
      country: "USA",
      locale: "en-US",
      lang: "en",
      make: (rng) => rng.chars(1, "ABCEFGHJKLMNPRSTUVWXYZ") + rng.digits(8),
      shape: /^[A-Z]\d{8}$/,
    },
    {
      country: "GBR",
      locale: "en-GB",
      lang: "en",
      make: (rng) => String(rng.int(1, 9)) + rng.digits(8),
      shape: /^\d{9}$/,
    },
    {
      country: "D",
      locale: "de-DE",
      lang: "de",
      make: (rng) => rng.chars(1, "CFGHJK") + rng.chars(8, DE_PASS),
      shape: /^[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{8}$/,
    },
    {
      country: "FRA",
      locale: "fr-FR",
      lang: "fr",
      make: (rng) => rng.digits(2) + rng.chars(2, UPPER) + rng.digits(5),
      shape: /^\d{2}[A-Z]{2}\d{5}$/,
    },
    {
      country: "ESP",
      locale: "es-ES",
      lang: "es",
      make: (rng) => rng.chars(3, UPPER) + rng.digits(6),
      shape: /^[A-Z]{3}\d{6}$/,
    },
    {
      country: "ITA",
      locale: "it-IT",
      lang: "it",
      make: (rng) => rng.chars(2, UPPER) + rng.digits(7),
      shape: /^[A-Z]{2}\d{7}$/,
    },
    {
      country: "NLD",
      locale: "nl-NL",
      lang: "nl",
      make: (rng) =>
        rng.chars(2, "ABCDEFGHIJKLMNPQRSTUVWXYZ") + rng.chars(6, "ABCDEFGHIJKLMNPQRSTUVWXYZ0123456789") + rng.digits(1),
      shape: /^[A-NP-Z]{2}[A-NP-Z0-9]{6}\d$/,
    },
    {
      country: "POL",
      locale: "pl-PL",
      lang: "pl",
      make: (rng) => rng.chars(2, UPPER) + rng.digits(7),
      shape: /^[A-Z]{2}\d{7}$/,
    },
    { country: "SWE", locale: "sv-SE", lang: "sv", make: (rng) => rng.digits(8), shape: /^\d{8}$/ },
    {
      country: "IND",
      locale: "en-IN",
      lang: "hi",
      make: (rng) => rng.chars(1, "ABCDEFGHJKLMNPRSTUVWZ") + rng.digits(7),
      shape: /^[A-Z]\d{7}$/,
    },
    {
      country: "CHN",
      locale: "zh-CN",
      lang: "zh",
      make: (rng) => rng.pick(["E", "G"]) + rng.digits(8),
      shape: /^[EG]\d{8}$/,
    },
    {
      country: "JPN",
      locale: "ja-JP",
      lang: "ja",
      make: (rng) => rng.pick(["TK", "TR", "MZ", "TZ"]) + rng.digits(7),
      shape: /^[A-Z]{2}\d{7}$/,
    },
    { country: "KOR", locale: "ko-KR", lang: "ko", make: (rng) => "M" + rng.digits(8), shape: /^M\d{8}$/ },
    {
      country: "BRA",
      locale: "pt-BR",
      lang: "pt",
      make: (rng) => rng.chars(2, UPPER) + rng.digits(6),
      shape: /^[A-Z]{2}\d{6}$/,
    },
  ];
const MRZ_NAMES: ReadonlyArray<[string, string]> = [
  ["MUELLER", "ANNA MARIA"],
  ["DUBOIS", "CAMILLE"],
  ["GARCIA", "JOSE LUIS"],
  ["SMITH", "JOHN"],
  ["ROSSI", "GIULIA"],
  ["ZHANG", "WEI"],
  ["SATO", "HANAKO"],
];
export const passport: EntitySpec = {
  id: "passport",
  selfEvident: false,
  labels: {
    en: ["passport number", "passport no.", "passport", "passport #"],
    de: ["Reisepass", "Reisepassnummer", "Passnummer"],
    fr: ["passeport", "numéro de passeport", "n° de passeport"],
    es: ["pasaporte", "número de pasaporte"],
    it: ["passaporto", "numero di passaporto"],
    nl: ["paspoort", "paspoortnummer"],
    pl: ["paszport", "numer paszportu"],
    sv: ["pass", "passnummer"],
    pt: ["passaporte", "número do passaporte"],
    hi: ["passport number", "passport no."],
    zh: ["护照号码", "护照号"],
    ja: ["旅券番号", "パスポート番号"],
    ko: ["여권번호", "여권 번호"],
  },
  fields: ["passport", "passport_number", "passport_no"],
  sample(rng) {
    const p = rng.pick(PASSPORTS);
    return { value: p.make(rng), locale: p.locale, langs: [p.lang, "en"] };
  },
  valid: (v) => (v.includes("\n") ? mrzValid(v) : PASSPORTS.some((p) => p.shape.test(v))),
  special: {
    share: 0.1,
    make(rng) {
      const p = rng.pick(PASSPORTS.filter((x) => x.country.length === 3 || x.country === "D"));
      const [surname, given] = rng.pick(MRZ_NAMES);
      const country = p.country.length === 3 ? p.country : "D<<";
      return {
        text: mrz(rng, country, p.make(rng), surname, given),
        field: rng.pick(["mrz", "notes", "ocr_text"]),
        locale: p.locale,
      };
    },
  },
  negatives: [
    (rng) => otherLabel(rng, "en", String(rng.int(1, 9)) + rng.digits(8), "en-US"),
    (rng) => otherLabel(rng, "de", rng.chars(1, "CFGHJK") + rng.chars(8, DE_PASS), "de-DE"),
    (rng) => otherLabel(rng, "es", rng.chars(3, UPPER) + rng.digits(6), "es-ES"),
    (rng) => otherField(rng, rng.chars(2, UPPER) + rng.digits(7), "en-GB"),
    (rng) => ({
      text: `Passport photos must be ${rng.pick(["35 x 45 mm", "2 x 2 inches"])} with a plain background.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Der Reisepass kostet ${rng.int(37, 92)} Euro und ist ${rng.pick([6, 10])} Jahre gültig.`,
      locale: "de-DE",
    }),
    (rng) => ({ text: `Le passeport est valable ${rng.pick([5, 10])} ans pour un adulte.`, locale: "fr-FR" }),
  ],
};
