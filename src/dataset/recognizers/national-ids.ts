/**
 * Validators for national and sector identifiers: each takes the candidate as written (separators allowed)
 * and says whether it has the identifier's structure and, where the issuer defines one, its check digits.
 * The source of each rule is named beside it. Pure functions over the candidate's characters.
 */
import { luhnValid } from "./validators.js";

const digitsOnly = (text: string): string => text.replace(/[\s./-]/g, "");
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const isDigits = (s: string, n: number): boolean => s.length === n && /^\d+$/.test(s);

/** Σ digit × weight over the first `weights.length` digits. */
function weighted(s: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digit(s, i) * (weights[i] as number);
  return sum;
}

/** A day of the proleptic Gregorian calendar (any year: identifiers encode births of the 1800s too). */
function dateExists(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return month >= 1 && month <= 12 && day >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A two-digit year's century is unknown: a date valid in either century is a date. */
function dateValid(yy: number, month: number, day: number, century?: number): boolean {
  if (century !== undefined) return dateExists(century + yy, month, day);
  return dateExists(1900 + yy, month, day) || dateExists(2000 + yy, month, day);
}

/**
 * UK NHS number: 10 digits, weights 10…2 on the first nine, check = 11 − (sum mod 11); 11 → 0, 10 → never
 * issued (NHS Data Dictionary, "NHS Number").
 */
export function ukNhsValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (!isDigits(s, 10) || /^(\d)\1+$/.test(s)) return false;
  const check = 11 - (weighted(s, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digit(s, 9);
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/**
 * Spain DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter; X=0, Y=1, Z=2): the letter is
 * `TRWAGMYFPDXBNJZSQVHLCKE`[number mod 23] (Real Decreto 1553/2005, art. 11; Orden INT/2058/2008 for NIE).
 */
export function esDniValid(candidate: string): boolean {
  const s = candidate.replace(/[\s.-]/g, "").toUpperCase();
  const m = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(s);
  if (!m) return false;
  const [, prefix = "", body = "", letter] = m;
  if (prefix === "" ? body.length !== 8 : body.length !== 7) return false;
  const number = Number(`${prefix === "" ? "" : "XYZ".indexOf(prefix)}${body}`);
  return DNI_LETTERS[number % 23] === letter;
}

/** Netherlands BSN: 9 digits (8 with a leading zero dropped), "elfproef" weights 9…2 and −1, sum mod 11 = 0. */
export function nlBsnValid(candidate: string): boolean {
  let s = digitsOnly(candidate);
  if (s.length === 8) s = `0${s}`;
  if (!isDigits(s, 9) || /^0+$/.test(s)) return false;
  return (weighted(s, [9, 8, 7, 6, 5, 4, 3, 2]) - digit(s, 8)) % 11 === 0;
}

/**
 * France NIR (numéro de sécurité sociale): sex 1/2 (3, 7, 8 for provisional numbers), year, month 01–12 or
 * 20/30–42/50–99 (unknown), département (2A/2B for Corsica), commune, order, then key = 97 − (13 digits mod 97)
 * (INSEE, décret 82-103; for the key, département 2A reads as 19 and 2B as 18).
 */
export function frNirValid(candidate: string): boolean {
  const s = candidate.replace(/[\s.-]/g, "").toUpperCase();
  const m = /^([12378])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{3})(\d{3})(\d{2})$/.exec(s);
  if (!m) return false;
  const month = Number(m[3]);
  if (!((month >= 1 && month <= 12) || month === 20 || (month >= 30 && month <= 42) || month >= 50)) return false;
  // Corsica: the key is computed with 2A read as 19 and 2B as 18, nothing else changed.
  const body = m[4] === "2A" ? s.slice(0, 13).replace("2A", "19") : s.slice(0, 13).replace("2B", "18");
  const key = 97n - (BigInt(body) % 97n);
  return key === BigInt(m[7] as string);
}

// Codice fiscale: values of the odd-position (1st, 3rd …) and even-position characters (DM 23/12/1976, all. I).
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const CF_OMOCODIA = "LMNPQRSTUV";

/**
 * Italy codice fiscale: 6 letters (surname, name), year (2), month letter (A B C D E H L M P R S T), day
 * (+40 for women), municipality (letter + 3), check letter from the odd/even tables mod 26. Digits of the date
 * and municipality may be replaced by L–V when two people would share a code (omocodia).
 */
export function itFiscalCodeValid(candidate: string): boolean {
  const s = candidate.toUpperCase();
  if (!/^[A-Z]{6}[\dL-V]{2}[ABCDEHLMPRST][\dL-V]{2}[A-Z][\dL-V]{3}[A-Z]$/.test(s)) return false;
  const plain = (c: string): number => (c >= "0" && c <= "9" ? Number(c) : CF_OMOCODIA.indexOf(c));
  const day = plain(s[9] as string) * 10 + plain(s[10] as string);
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s[i] as string;
    const value = c >= "0" && c <= "9" ? Number(c) : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? (CF_ODD[value] as number) : value;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

/**
 * Poland PESEL: YYMMDD (month + 80/0/20/40/60 for the 1800s/1900s/2000s/2100s/2200s), serial, sex, check =
 * (10 − Σ weights 1 3 7 9 … mod 10) mod 10 (Ustawa o ewidencji ludności, Dz.U. 2010 nr 217).
 */
export function plPeselValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (!isDigits(s, 11)) return false;
  const yy = Number(s.slice(0, 2));
  const mm = Number(s.slice(2, 4));
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)];
  if (century === undefined || !dateExists(century + yy, mm % 20, Number(s.slice(4, 6)))) return false;
  return (10 - (weighted(s, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10 === digit(s, 10);
}

/**
 * Sweden personnummer / samordningsnummer: (YY)YYMMDD, "-" or "+" (100 years or older), 3-digit serial, Luhn
 * check over the 10-digit form; a samordningsnummer adds 60 to the day (Skatteverket SKV 704).
 */
export function sePersonnummerValid(candidate: string): boolean {
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})$/.exec(candidate.trim());
  if (!m) return false;
  const yy = Number(m[2]);
  const month = Number(m[3]);
  let day = Number(m[4]);
  if (day > 60) day -= 60;
  const century = m[1] === undefined ? undefined : Number(m[1]) * 100;
  if (century !== undefined && century !== 1800 && century !== 1900 && century !== 2000) return false;
  if (!dateValid(yy, month, day, century)) return false;
  return luhnValid(`${m[2]}${m[3]}${m[4]}${m[5]}`);
}

/**
 * Germany steuerliche Identifikationsnummer: 11 digits, no leading zero; in the first ten exactly one digit
 * occurs twice or three times (three never in a row) and the others at most once; check digit by ISO 7064
 * MOD 11,10 (BZSt, § 139b AO; "Aufbau der IdNr").
 */
export function deTaxIdValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (!isDigits(s, 11) || s[0] === "0") return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[digit(s, i)] = (counts[digit(s, i)] as number) + 1;
  const repeated = counts.filter((c) => c >= 2);
  if (repeated.length !== 1 || (repeated[0] as number) > 3 || counts.some((c) => c > 3)) return false;
  if (/(\d)\1\1/.test(s.slice(0, 10))) return false;
  return iso7064Mod1110(s.slice(0, 10)) === digit(s, 10);
}

/** ISO 7064 MOD 11,10: the check digit for `digits`. */
export function iso7064Mod1110(digits: string): number {
  let product = 10;
  for (let i = 0; i < digits.length; i++) {
    let sum = (digit(digits, i) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  return (11 - product) % 10;
}

/**
 * Belgium national register number (rijksregisternummer / numéro national): YYMMDD (month +20/+40 for bis
 * numbers, 00 when unknown), serial (odd men, even women), check = 97 − (9 digits mod 97); for births from 2000
 * the 9 digits are prefixed with 2 (Rijksregister, "Structuur van het identificatienummer").
 */
export function beNationalNumberValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (!isDigits(s, 11)) return false;
  const check = Number(s.slice(9));
  const body = Number(s.slice(0, 9));
  const before2000 = 97 - (body % 97) === check;
  const after2000 = 97 - ((2_000_000_000 + body) % 97) === check;
  if (!before2000 && !after2000) return false;
  const month = Number(s.slice(2, 4)) % 20;
  const day = Number(s.slice(4, 6));
  if (month === 0 || day === 0) return month <= 12; // birth date unknown: only the checksum holds
  return dateValid(Number(s.slice(0, 2)), month, day, after2000 ? 2000 : 1900);
}

/** Canada SIN: 9 digits, Luhn; first digit not 0 or 8 (unassigned) (ESDC, Social Insurance Number Code of Practice). */
export function caSinValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  return isDigits(s, 9) && s[0] !== "0" && s[0] !== "8" && luhnValid(s);
}

/** Australia TFN: 8 or 9 digits, weights 1 4 3 7 5 8 6 9 10 (10 dropped for 8 digits), sum mod 11 = 0 (ATO). */
export function auTfnValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (s.length === 9 && isDigits(s, 9)) return weighted(s, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0;
  if (s.length === 8 && isDigits(s, 8)) return weighted(s, [10, 7, 8, 4, 6, 3, 5, 1]) % 11 === 0;
  return false;
}

/**
 * Australia Medicare card number: 10 digits (11 with the issue number): first 2–6, ninth = Σ first eight ×
 * 1 3 7 9 1 3 7 9 mod 10, tenth (issue) not 0 (Services Australia, Medicare card number check digit).
 */
export function auMedicareValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (!(isDigits(s, 10) || isDigits(s, 11)) || !"23456".includes(s[0] as string) || s[9] === "0") return false;
  return weighted(s, [1, 3, 7, 9, 1, 3, 7, 9]) % 10 === digit(s, 8);
}

/**
 * Korea resident registration number: YYMMDD-GRRRRRC, G = sex and century (1–4, 5–8 for foreigners, 9/0 for
 * the 1800s); C = (11 − Σ weights 2…9,2…5 mod 11) mod 10 for numbers issued before October 2020 (Ministry of
 * the Interior). Later numbers carry no check digit: `strict` false accepts a valid date and G alone.
 */
export function krRrnValid(candidate: string, strict = true): boolean {
  const s = digitsOnly(candidate);
  if (!isDigits(s, 13)) return false;
  const g = digit(s, 6);
  const century = [1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000, 1800][g] as number;
  if (!dateValid(Number(s.slice(0, 2)), Number(s.slice(2, 4)), Number(s.slice(4, 6)), century)) {
    return false;
  }
  if (!strict) return true;
  return (11 - (weighted(s, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11)) % 10 === digit(s, 12);
}

/**
 * Singapore NRIC / FIN: prefix S T (citizens, PRs) F G (foreigners), 7 digits, check letter from Σ weights
 * 2 7 6 5 4 3 2 (+4 for T and G) mod 11 into the prefix's table (ICA; the published algorithm). The M series
 * of FINs (2022) uses a table ICA has not published: not reported.
 */
export function sgNricValid(candidate: string): boolean {
  const s = candidate.toUpperCase();
  const m = /^([STFG])(\d{7})([A-Z])$/.exec(s);
  if (!m) return false;
  const prefix = m[1] as string;
  let sum = weighted(m[2] as string, [2, 7, 6, 5, 4, 3, 2]);
  if (prefix === "T" || prefix === "G") sum += 4;
  const table = prefix === "S" || prefix === "T" ? "JZIHGFEDCBA" : "XWUTRQPNMLK";
  return table[sum % 11] === m[3];
}

/**
 * US ITIN: 9XX-GG-SSSS with group 50–65, 70–88, 90–92 or 94–99 (IRS, "ITIN" range of 2011 onwards).
 */
export function usItinValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (!isDigits(s, 9) || s[0] !== "9") return false;
  const g = Number(s.slice(3, 5));
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;
}

/**
 * US Medicare Beneficiary Identifier: 11 characters C A AN N A AN N A A N N, C = 1–9, A = letters without
 * S L O I B Z, AN = either, dashes allowed after the 4th and 7th (CMS, "MBI format specifications").
 */
export function usMbiValid(candidate: string): boolean {
  const s = candidate.replace(/-/g, "").toUpperCase();
  const a = "[AC-HJKMNP-RT-Y]";
  const an = "[AC-HJKMNP-RT-Y0-9]";
  return new RegExp(`^[1-9]${a}${an}\\d${a}${an}\\d${a}${a}\\d\\d$`).test(s);
}

/** US NPI: 10 digits starting 1 or 2, Luhn over "80840" + the number (CMS, NPI check digit; ISO 7812). */
export function usNpiValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (!isDigits(s, 10) || (s[0] !== "1" && s[0] !== "2") || /^(\d)\1+$/.test(s)) return false;
  return luhnValid(`80840${s}`);
}

/**
 * US ABA routing transit number: 9 digits, prefix 00–12, 21–32 (Federal Reserve), 61–72 (electronic) or 80
 * (traveller's cheques); 3 7 1 weights, sum mod 10 = 0 (ABA, "Routing Number Policy").
 */
export function usAbaRoutingValid(candidate: string): boolean {
  const s = digitsOnly(candidate);
  if (!isDigits(s, 9) || /^0+$/.test(s)) return false;
  const p = Number(s.slice(0, 2));
  if (!(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80)) return false;
  return weighted(s, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0;
}

/**
 * MAC-48 / EUI-48: six octets, one separator throughout; an individual address, not all-zero (IEEE 802).
 * Cisco's dotted form of digits alone ("1234.5678.9012") is taken for the serial or phone number it more likely
 * is: a random address has no hex letter one time in 280.
 */
export function macAddressValid(candidate: string): boolean {
  const hex = candidate.replace(/[:.-]/g, "").toLowerCase();
  if (!/^[0-9a-f]{12}$/.test(hex)) return false;
  if (candidate[4] === "." && !/[a-f]/.test(hex)) return false;
  // The first octet's least significant bit is IEEE 802's I/G bit: set, the address names a group (multicast,
  // broadcast: 01:00:5E IPv4, 33:33 IPv6, 01:80:C2 bridges), no one device.
  if ((Number.parseInt(hex.slice(0, 2), 16) & 1) === 1) return false;
  return hex !== "000000000000";
}
