/**
 * Structural validators for identifiers (specs/regulation-pii.md §4.5, Tier A): a candidate the pattern
 * found is reported only when it passes its check digits and structure, which removes most random look-alikes
 * (order numbers, timestamps, phone numbers). Pure functions over the candidate's characters.
 */
import { bbanValid, ibanLength } from "./iban-registry.js";

const digitsOf = (text: string): number[] => [...text].map((c) => c.charCodeAt(0) - 0x30);
const allDigits = (text: string): boolean => /^\d+$/.test(text);

/** Luhn (ISO/IEC 7812): payment cards and more. */
export function luhnValid(digits: string): boolean {
  if (!allDigits(digits) || digits.length < 2) return false;
  let sum = 0;
  const values = digitsOf(digits);
  for (let i = 0; i < values.length; i++) {
    let d = values[values.length - 1 - i] as number;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Payment card numbers: 13–19 digits, Luhn, and a length the issuer's network uses (Visa 4, Mastercard
 * 51–55 / 2221–2720, Amex 34/37, Discover 6011/65/644–649, JCB 3528–3589, UnionPay 62, Diners 36/38/300–305,
 * Mir 2200–2204; ISO/IEC 7812 issuer ranges as the networks publish them).
 */
export function paymentCardValid(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, "");
  if (!allDigits(digits) || digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return false;
  const n = (k: number): number => Number(digits.slice(0, k));
  const len = digits.length;
  if (digits.startsWith("4")) return len === 13 || len === 16 || len === 19;
  if ((n(2) >= 51 && n(2) <= 55) || (n(4) >= 2221 && n(4) <= 2720)) return len === 16;
  if (n(2) === 34 || n(2) === 37) return len === 15;
  if (n(4) === 6011 || n(2) === 65 || (n(3) >= 644 && n(3) <= 649)) return len >= 16 && len <= 19;
  if (n(4) >= 3528 && n(4) <= 3589) return len >= 16 && len <= 19;
  if (n(4) >= 2200 && n(4) <= 2204) return len >= 16 && len <= 19; // Mir (NSPK)
  if (n(2) === 62) return len >= 16 && len <= 19;
  if (n(2) === 36 || n(2) === 38 || (n(3) >= 300 && n(3) <= 305)) return len >= 14 && len <= 19;
  return false;
}

/**
 * Test numbers the networks and payment processors publish (Visa, Mastercard, Stripe, Adyen, Braintree, Worldpay
 * test card lists) and the generator sites' examples: real-looking, never personal data.
 */
export const TEST_CARD_NUMBERS: ReadonlySet<string> = new Set([
  "4111111111111111",
  "4242424242424242",
  "4012888888881881",
  "4222222222222",
  "4000056655665556",
  "4000000000000002",
  "4000000000009995",
  "4000002500003155",
  "4000000000003220",
  "4000000000000077",
  "4000003720000278",
  "5555555555554444",
  "5105105105105100",
  "2223003122003222",
  "5200828282828210",
  "2223000048400011",
  "5454545454545454",
  "378282246310005",
  "371449635398431",
  "378734493671000",
  "6011111111111117",
  "6011000990139424",
  "6011000400000000",
  "30569309025904",
  "38520000023237",
  "3056930009020004",
  "36227206271667",
  "3530111333300000",
  "3566002020360505",
  "3566111111111113",
  "6200000000000005",
  "6205500000000000004",
  // Worldpay and Adyen test card lists.
  "4444333322221111",
  "4911830000000",
  "4917610000000000",
  "4917610000000000003",
  "4462030000000000",
  "4646464646464644",
  "4988438843884305",
  "5100290029002909",
  // Example numbers of the card-number generator sites, copied into test data everywhere.
  "4916338506082832",
  "4532015112830366",
  "4556737586899855",
  "5425233430109903",
]);

/** The example IBANs of the SWIFT IBAN registry and of the banks' documentation: never someone's account. */
export const EXAMPLE_IBANS: ReadonlySet<string> = new Set([
  "GB82WEST12345698765432",
  "GB29NWBK60161331926819",
  "DE89370400440532013000",
  "FR1420041010050500013M02606",
  "NL91ABNA0417164300",
  "BE68539007547034",
  "CH9300762011623852957",
  "ES9121000418450200051332",
  "IT60X0542811101000000123456",
  "AT611904300234573201",
  "PL61109010140000071219812874",
  "SE4550000000058398257466",
  "DK5000400440116243",
  "NO9386011117947",
  "FI2112345600000785",
  "IE29AIBK93115212345678",
  "PT50000201231234567890154",
  "LU280019400644750000",
  "MU17BOMM0101101030300200000MUR",
  "SA0380000000608010167519",
  "AE070331234567890123456",
]);

/**
 * IBAN: a registry country, its length and BBAN structure (ISO 13616, `iban-registry.ts`), check digits 02–98
 * (00, 01 and 99 are never issued, though 00 passes the arithmetic: it is congruent to 97), and ISO 7064
 * mod-97 = 1 (letters A=10 … Z=35).
 */
export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/ /g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const country = iban.slice(0, 2);
  if (ibanLength(country) !== iban.length || !bbanValid(country, iban.slice(4))) return false;
  const check = Number(iban.slice(2, 4));
  if (check < 2 || check > 98) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const value = c >= "A" ? c.charCodeAt(0) - 55 : c.charCodeAt(0) - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

// Verhoeff: the dihedral group D5 multiplication and permutation tables.
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

export function verhoeffValid(digits: string): boolean {
  if (!allDigits(digits)) return false;
  let check = 0;
  const values = digitsOf(digits).reverse();
  values.forEach((d, i) => {
    check = (VERHOEFF_D[check] as number[])[(VERHOEFF_P[i % 8] as number[])[d] as number] as number;
  });
  return check === 0;
}

/** India Aadhaar: 12 digits, not starting 0 or 1, not a palindrome, Verhoeff check digit. */
export function aadhaarValid(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, "");
  if (!/^[2-9]\d{11}$/.test(digits)) return false;
  if (digits === [...digits].reverse().join("")) return false;
  return verhoeffValid(digits);
}

/** India PAN: AAAAA9999A, the fourth letter a holder type (P person, C company, …). */
export function indiaPanValid(candidate: string): boolean {
  return /^[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]$/.test(candidate);
}

/** A real calendar date (no 30 February), year in [1900, 2100). */
export function calendarDateValid(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year >= 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Province-level codes of GB/T 2260 (the first two digits of a resident ID): 11–15, 21–23, 31–37, 41–46,
 * 50–54, 61–65, 71 (Taiwan), 81–83 (Hong Kong, Macau, Taiwan residents' permits).
 */
const CN_PROVINCE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/;

/**
 * China resident identity number (GB 11643-1999): 18 characters, a GB/T 2260 province, a real birth date,
 * ISO 7064 MOD 11-2 check character.
 */
export function chinaResidentIdValid(candidate: string): boolean {
  const id = candidate.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id) || !CN_PROVINCE.test(id)) return false;
  if (!calendarDateValid(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * (id.charCodeAt(i) - 48), 0);
  return "10X98765432"[sum % 11] === id[17];
}

/** Numbers published as examples (the Woolworth wallet card, LifeLock's advertised 457-55-5462, documentation): never someone's SSN. */
const EXAMPLE_SSNS = new Set(["078051120", "219099999", "457555462", "123456789", "111111111", "333333333"]);

/** US SSN: area not 000, 666 or 900–999; group not 00; serial not 0000; not a published example. */
export function usSsnValid(candidate: string): boolean {
  const digits = candidate.replace(/-/g, "");
  if (!/^\d{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (digits.slice(3, 5) === "00" || digits.slice(5) === "0000") return false;
  return !EXAMPLE_SSNS.has(digits);
}

/**
 * UK National Insurance number: two prefix letters (first not D F I Q U V; second not D F I O Q U V; not
 * BG GB KN NK NT TN ZZ, which are never allocated), six digits, suffix A–D.
 */
export function ukNinoValid(candidate: string): boolean {
  const nino = candidate.replace(/ /g, "").toUpperCase();
  const match = /^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])\d{6}[A-D]$/.exec(nino);
  if (!match) return false;
  return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(`${match[1]}${match[2]}`);
}

/** IPv4 dotted quad with octets 0–255 and no leading zeros (which some parsers read as octal). */
export function ipv4Valid(candidate: string): boolean {
  // Four parts of 1-3 digits, 0-255, no leading zero; read in one pass (every dotted run of digits asks).
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= candidate.length; i++) {
    const c = i < candidate.length ? candidate.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else {
      if (c < 0x30 || c > 0x39 || (digits === 1 && value === 0) || digits === 3) return false;
      digits++;
      value = value * 10 + (c - 0x30);
    }
  }
  return parts === 4;
}

/**
 * Addresses that identify no one: "this network", private (RFC 1918), shared CGN space (RFC 6598), loopback,
 * link-local (RFC 3927), IETF protocol assignments and documentation (RFC 6890, 5737), benchmarking
 * (RFC 2544), multicast, reserved and broadcast (RFC 1112, 919).
 */
export function ipv4IsPublic(candidate: string): boolean {
  const [a = 0, b = 0, c = 0] = candidate.split(".").map(Number);
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 169 && b === 254) return false;
  if (a === 198 && (b === 18 || b === 19)) return false;
  if (
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  ) {
    return false;
  }
  return true;
}

/**
 * IPv6 text form (RFC 4291 §2.2): eight groups of 1–4 hex digits, or fewer with one `::`; the last two groups
 * may be written as a dotted IPv4 address. The groups are returned (16-bit numbers), or undefined.
 */
export function ipv6Groups(candidate: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(candidate) || candidate.includes(":::")) return undefined;
  let text = candidate;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    const v4 = text.slice(lastColon + 1);
    if (!ipv4Valid(v4)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = v4.split(".").map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (half: string): number[] | undefined => {
    if (half === "") return [];
    const groups = half.split(":");
    if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
    return groups.map((g) => Number.parseInt(g, 16));
  };
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  const count = head.length + rest.length + tail.length;
  if (halves.length === 2 ? count >= 8 : count !== 8) return undefined;
  return [...head, ...new Array<number>(8 - count).fill(0), ...rest, ...tail];
}

/** IPv6 text form: eight groups of 1–4 hex digits, or fewer with one `::` (and an optional dotted IPv4 tail). */
export function ipv6Valid(candidate: string): boolean {
  return ipv6Groups(candidate) !== undefined;
}

/**
 * Globally routable IPv6: not unspecified or loopback, link-local fe80::/10, unique-local fc00::/7, multicast
 * ff00::/8, documentation 2001:db8::/32 (RFC 3849) or 3fff::/20 (RFC 9637); an IPv4-mapped (::ffff:0:0/96) or
 * NAT64 (64:ff9b::/96) address is as public as its IPv4 address (RFC 4291, 6052, 6890).
 */
export function ipv6IsPublic(groups: readonly number[]): boolean {
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  const v4 = `${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`;
  const zeroHead = groups.slice(0, 5).every((g) => g === 0);
  if (zeroHead && g5 === 0xffff) return ipv4IsPublic(v4);
  if (g0 === 0x64 && g1 === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return ipv4IsPublic(v4);
  if (zeroHead && g5 === 0 && g6 === 0 && g7 <= 1) return false;
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xfe00) === 0xfc00 || (g0 & 0xff00) === 0xff00) return false;
  if ((g0 === 0x2001 && g1 === 0x0db8) || (g0 === 0x3fff && (g1 & 0xf000) === 0)) return false;
  return true;
}
