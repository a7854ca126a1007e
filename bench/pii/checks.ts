/**
 * Check-digit algorithms, written from the public specifications cited on each function. The generator computes
 * check digits with the `…Check…` functions; the `…Valid` functions verify a whole value independently (the corpus
 * test runs every valid positive through them and every "one digit changed" negative must fail them).
 */
import { createHash } from "node:crypto";

const digitsOf = (s: string): number[] => [...s].map((c) => c.charCodeAt(0) - 48);

// ---------------------------------------------------------------- Luhn (ISO/IEC 7812-1 Annex B)

/** The digit that makes payload + digit pass Luhn. */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  const d = digitsOf(payload);
  for (let i = 0; i < d.length; i++) {
    // The check digit will sit to the right, so the rightmost payload digit is doubled.
    let v = d[d.length - 1 - i] as number;
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(number: string): boolean {
  if (!/^\d+$/.test(number)) return false;
  let sum = 0;
  const d = digitsOf(number);
  for (let i = 0; i < d.length; i++) {
    let v = d[d.length - 1 - i] as number;
    if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return sum % 10 === 0;
}

// ---------------------------------------------------------------- Verhoeff (J. Verhoeff 1969; UIDAI Aadhaar)

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
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

const verhoeffRow = (r: number, c: number): number => (VERHOEFF_D[r] as number[])[c] as number;
const verhoeffPerm = (r: number, c: number): number => (VERHOEFF_P[r % 8] as number[])[c] as number;

export function verhoeffCheckDigit(payload: string): number {
  let c = 0;
  const d = digitsOf(payload).reverse();
  for (let i = 0; i < d.length; i++) c = verhoeffRow(c, verhoeffPerm(i + 1, d[i] as number));
  return VERHOEFF_INV[c] as number;
}

export function verhoeffValid(number: string): boolean {
  if (!/^\d+$/.test(number)) return false;
  let c = 0;
  const d = digitsOf(number).reverse();
  for (let i = 0; i < d.length; i++) c = verhoeffRow(c, verhoeffPerm(i, d[i] as number));
  return c === 0;
}

// ---------------------------------------------------------------- ISO 7064 MOD 97-10 (IBAN, ISO 13616-1)

/** Remainder mod 97 of a long decimal string, piecewise. */
export function mod97(decimal: string): number {
  let r = 0;
  for (let i = 0; i < decimal.length; i += 7) r = Number(String(r) + decimal.slice(i, i + 7)) % 97;
  return r;
}

const lettersToDigits = (s: string): string =>
  [...s.toUpperCase()].map((c) => (c >= "A" && c <= "Z" ? String(c.charCodeAt(0) - 55) : c)).join("");

export function ibanCheckDigits(country: string, bban: string): string {
  const r = mod97(lettersToDigits(bban + country + "00"));
  return String(98 - r).padStart(2, "0");
}

export function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, "");
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(s)) return false;
  return mod97(lettersToDigits(s.slice(4) + s.slice(0, 4))) === 1;
}

// ---------------------------------------------------------------- ISO 7064 MOD 11-2 (GB 11643-1999, CN resident ID)

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function cnIdCheckChar(first17: string): string {
  const sum = digitsOf(first17).reduce((acc, v, i) => acc + v * (CN_WEIGHTS[i] as number), 0);
  return "10X98765432"[sum % 11] as string;
}

/** MOD 11-2 over all 18 characters: Σ aᵢ·2^(17-i) ≡ 1 (mod 11), X = 10. */
export function cnIdValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = id[i] === "X" ? 10 : id.charCodeAt(i) - 48;
    sum += v * (2 ** (17 - i) % 11);
  }
  return sum % 11 === 1;
}

// ---------------------------------------------------------------- ISO 7064 MOD 11,10 (German Steuer-IdNr, §139b AO)

export function mod11_10CheckDigit(payload: string): number {
  let product = 10;
  for (const d of digitsOf(payload)) {
    let sum = (d + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

export function deTaxIdValid(id: string): boolean {
  if (!/^[1-9]\d{10}$/.test(id)) return false;
  // Since 2016: among the first ten digits exactly one digit occurs two or three times (three times never adjacent).
  const counts = new Map<string, number>();
  for (const c of id.slice(0, 10)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  if (repeated.length !== 1 || (repeated[0] as number) > 3) return false;
  if (/(\d)\1\1/.test(id.slice(0, 10))) return false;
  return mod11_10CheckDigit(id.slice(0, 10)) === Number(id[10]);
}

// ---------------------------------------------------------------- National identifiers

/** NHS number (NHS Data Dictionary, "NHS Number"): weights 10..2, check = 11 - Σ mod 11; 10 is never issued. */
export function nhsCheckDigit(first9: string): number | undefined {
  const sum = digitsOf(first9).reduce((acc, v, i) => acc + v * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}
export function nhsValid(n: string): boolean {
  const s = n.replace(/[ -]/g, "");
  if (!/^\d{10}$/.test(s)) return false;
  return nhsCheckDigit(s.slice(0, 9)) === Number(s[9]);
}

/** Spanish DNI / NIE (Real Decreto 1553/2005; Orden INT/2058/2008): number mod 23 indexes the letter table. */
export const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
export function dniLetter(number: number): string {
  return DNI_LETTERS[number % 23] as string;
}
export function esDniValid(v: string): boolean {
  const m = /^([XYZ]?)(\d{7,8})-?([A-Z])$/.exec(v.toUpperCase());
  if (!m) return false;
  const prefix = m[1] ? String("XYZ".indexOf(m[1])) : "";
  if (prefix && (m[2] as string).length !== 7) return false;
  if (!prefix && (m[2] as string).length !== 8) return false;
  return dniLetter(Number(prefix + m[2])) === m[3];
}

/** Dutch BSN "elfproef": Σ dᵢ·(9..2) − d₉ ≡ 0 (mod 11). */
export function bsnValid(v: string): boolean {
  const s = v.replace(/[ .]/g, "");
  if (!/^\d{9}$/.test(s)) return false;
  const d = digitsOf(s);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (d[i] as number) * (9 - i);
  sum -= d[8] as number;
  return sum % 11 === 0 && s !== "000000000";
}

/** French NIR (INSEE): key = 97 − (13 digits mod 97); Corsica 2A/2B count as 19/18. */
export function nirKey(first13: string): string {
  const numeric = first13.replace("2A", "19").replace("2B", "18");
  return String(97 - Number(BigInt(numeric) % 97n)).padStart(2, "0");
}
export function nirValid(v: string): boolean {
  const s = v.replace(/ /g, "");
  if (!/^[12]\d{4}(\d{2}|2A|2B)\d{6}\d{2}$/.test(s)) return false;
  return nirKey(s.slice(0, 13)) === s.slice(13);
}

/** Italian codice fiscale (D.M. 23 dicembre 1976, annex): odd/even position tables, Σ mod 26 → letter. */
const CF_ODD: Record<string, number> = {};
{
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  for (let i = 0; i < 10; i++) CF_ODD[String(i)] = odd[i] as number;
  for (let i = 0; i < 26; i++) CF_ODD[String.fromCharCode(65 + i)] = odd[i] as number;
}
const cfEven = (c: string): number => (c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65);
export function cfCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i] as string;
    sum += i % 2 === 0 ? (CF_ODD[c] as number) : cfEven(c);
  }
  return String.fromCharCode(65 + (sum % 26));
}
export function cfValid(v: string): boolean {
  if (!/^[A-Z]{6}[\dLMNPQRSTUV]{2}[ABCDEHLMPRST][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z]$/.test(v)) return false;
  return cfCheckChar(v.slice(0, 15)) === v[15];
}

/** Polish PESEL (Ustawa o ewidencji ludności): weights 1 3 7 9 1 3 7 9 1 3, check = (10 − Σ mod 10) mod 10. */
const PESEL_W = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
export function peselCheckDigit(first10: string): number {
  const sum = digitsOf(first10).reduce((acc, v, i) => acc + v * (PESEL_W[i] as number), 0);
  return (10 - (sum % 10)) % 10;
}
export function peselValid(v: string): boolean {
  if (!/^\d{11}$/.test(v)) return false;
  const sum = digitsOf(v).reduce((acc, x, i) => acc + x * ([...PESEL_W, 1][i] as number), 0);
  return sum % 10 === 0;
}

/** Swedish personnummer (Skatteverket SKV 704): Luhn over YYMMDDNNNC. */
export function personnummerValid(v: string): boolean {
  const m = /^(\d{2})?(\d{6})[-+]?(\d{4})$/.exec(v);
  if (!m) return false;
  return luhnValid((m[2] as string) + (m[3] as string));
}

/** Belgian national register number (Rijksregisternummer): 97 − (9 digits mod 97); births from 2000 prefix a 2. */
export function beCheck(first9: string, bornFrom2000: boolean): string {
  const n = BigInt((bornFrom2000 ? "2" : "") + first9);
  return String(97n - (n % 97n)).padStart(2, "0");
}
export function beValid(v: string): boolean {
  const s = v.replace(/[ .-]/g, "");
  if (!/^\d{11}$/.test(s)) return false;
  const key = s.slice(9);
  return beCheck(s.slice(0, 9), false) === key || beCheck(s.slice(0, 9), true) === key;
}

/** Australian TFN (ATO): weights 1 4 3 7 5 8 6 9 10, Σ ≡ 0 (mod 11). */
const TFN_W = [1, 4, 3, 7, 5, 8, 6, 9, 10];
export function tfnValid(v: string): boolean {
  const s = v.replace(/[ -]/g, "");
  if (!/^\d{9}$/.test(s)) return false;
  return digitsOf(s).reduce((acc, x, i) => acc + x * (TFN_W[i] as number), 0) % 11 === 0;
}

/** Australian Medicare card (Services Australia): first digit 2–6, 9th = Σ d₁..d₈·(1 3 7 9 1 3 7 9) mod 10. */
const MEDICARE_W = [1, 3, 7, 9, 1, 3, 7, 9];
export function medicareCheckDigit(first8: string): number {
  return digitsOf(first8).reduce((acc, x, i) => acc + x * (MEDICARE_W[i] as number), 0) % 10;
}
export function medicareValid(v: string): boolean {
  const s = v.replace(/[ -]/g, "");
  if (!/^[2-6]\d{9}\d?$/.test(s)) return false;
  return medicareCheckDigit(s.slice(0, 8)) === Number(s[8]) && s[9] !== "0";
}

/** Korean RRN (주민등록번호, before Oct 2020): weights 2..9,2..5, check = (11 − Σ mod 11) mod 10. */
const RRN_W = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
export function rrnCheckDigit(first12: string): number {
  const sum = digitsOf(first12).reduce((acc, x, i) => acc + x * (RRN_W[i] as number), 0);
  return (11 - (sum % 11)) % 10;
}
export function rrnValid(v: string): boolean {
  const s = v.replace("-", "");
  if (!/^\d{13}$/.test(s)) return false;
  return rrnCheckDigit(s.slice(0, 12)) === Number(s[12]);
}

/** Singapore NRIC/FIN (ICA): weights 2 7 6 5 4 3 2, offset 4 for T/G, letter tables for S/T and F/G. */
const NRIC_W = [2, 7, 6, 5, 4, 3, 2];
export function nricCheckLetter(prefix: string, digits7: string): string {
  let sum = digitsOf(digits7).reduce((acc, x, i) => acc + x * (NRIC_W[i] as number), 0);
  if (prefix === "T" || prefix === "G") sum += 4;
  const table = prefix === "S" || prefix === "T" ? "JZIHGFEDCBA" : "XWUTRQPNMLK";
  return table[sum % 11] as string;
}
export function nricValid(v: string): boolean {
  const m = /^([STFG])(\d{7})([A-Z])$/.exec(v);
  if (!m) return false;
  return nricCheckLetter(m[1] as string, m[2] as string) === m[3];
}

/** US NPI (CMS, NPI check digit): Luhn over "80840" + the first nine digits. */
export function npiCheckDigit(first9: string): number {
  return luhnCheckDigit("80840" + first9);
}
export function npiValid(v: string): boolean {
  return /^[12]\d{9}$/.test(v) && luhnValid("80840" + v);
}

/** ABA routing transit number (ABA / Federal Reserve): 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
const ABA_WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];
export function abaCheckDigit(first8: string): number {
  const sum = digitsOf(first8).reduce((acc, v, i) => acc + v * (ABA_WEIGHTS[i] as number), 0);
  return (10 - (sum % 10)) % 10;
}
export function abaValid(v: string): boolean {
  if (!/^\d{9}$/.test(v)) return false;
  return digitsOf(v).reduce((acc, x, i) => acc + x * (ABA_WEIGHTS[i] as number), 0) % 10 === 0;
}

/** ICAO Doc 9303 part 3 §4.9: weights 7 3 1, A=10…Z=35, '<'=0, Σ mod 10. */
export function icaoCheckDigit(field: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field[i] as string;
    const v = c === "<" ? 0 : c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * (w[i % 3] as number);
  }
  return String(sum % 10);
}

// ---------------------------------------------------------------- Crypto wallets

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const sha256 = (b: Uint8Array): Buffer => createHash("sha256").update(b).digest();

/** Base58Check (Bitcoin wiki "Base58Check encoding"): payload + first 4 bytes of double SHA-256. */
export function base58CheckEncode(payload: Uint8Array): string {
  const full = Buffer.concat([payload, sha256(sha256(payload)).subarray(0, 4)]);
  let n = BigInt("0x" + full.toString("hex"));
  let out = "";
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of full) {
    if (byte !== 0) break;
    out = "1" + out;
  }
  return out;
}
export function base58CheckValid(s: string): boolean {
  if (!/^[1-9A-HJ-NP-Za-km-z]+$/.test(s)) return false;
  let n = 0n;
  for (const c of s) n = n * 58n + BigInt(B58.indexOf(c));
  let hex = n.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  const leading = /^1*/.exec(s)?.[0].length ?? 0;
  const bytes = Buffer.concat([Buffer.alloc(leading), Buffer.from(hex === "00" ? "" : hex, "hex")]);
  if (bytes.length < 5) return false;
  const body = bytes.subarray(0, -4);
  return sha256(sha256(body)).subarray(0, 4).equals(bytes.subarray(-4));
}

/** Bech32 / Bech32m (BIP-173, BIP-350). */
const BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32M_CONST = 0x2bc830a3;
function bechPolymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i] as number;
  }
  return chk >>> 0;
}
const hrpExpand = (hrp: string): number[] => [
  ...[...hrp].map((c) => c.charCodeAt(0) >> 5),
  0,
  ...[...hrp].map((c) => c.charCodeAt(0) & 31),
];
function convertBits(data: Uint8Array, from: number, to: number): number[] {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (const v of data) {
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & maxv);
    }
  }
  if (bits > 0) out.push((acc << (to - bits)) & maxv);
  return out;
}
/** A segwit address: witness version 0 → bech32, version ≥ 1 → bech32m. */
export function segwitEncode(hrp: string, version: number, program: Uint8Array): string {
  const data = [version, ...convertBits(program, 8, 5)];
  const constant = version === 0 ? 1 : BECH32M_CONST;
  const poly = bechPolymod([...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (poly >>> (5 * (5 - i))) & 31);
  return hrp + "1" + [...data, ...checksum].map((v) => BECH[v]).join("");
}
export function segwitValid(address: string): boolean {
  const s = address.toLowerCase();
  if (s !== address && address.toUpperCase() !== address) return false;
  const pos = s.lastIndexOf("1");
  if (pos < 1 || s.length - pos < 7) return false;
  const hrp = s.slice(0, pos);
  const data = [...s.slice(pos + 1)].map((c) => BECH.indexOf(c));
  if (data.some((v) => v < 0)) return false;
  const poly = bechPolymod([...hrpExpand(hrp), ...data]);
  const version = data[0] as number;
  return poly === (version === 0 ? 1 : BECH32M_CONST);
}

const at = <T>(items: readonly T[], i: number): T => items[i] as T;

/** Keccak-256 (the pre-standard SHA-3 padding 0x01 that Ethereum uses; FIPS 202 permutation). */
export function keccak256(input: Uint8Array): Buffer {
  const RC = [
    0x0000000000000001n,
    0x0000000000008082n,
    0x800000000000808an,
    0x8000000080008000n,
    0x000000000000808bn,
    0x0000000080000001n,
    0x8000000080008081n,
    0x8000000000008009n,
    0x000000000000008an,
    0x0000000000000088n,
    0x0000000080008009n,
    0x000000008000000an,
    0x000000008000808bn,
    0x800000000000008bn,
    0x8000000000008089n,
    0x8000000000008003n,
    0x8000000000008002n,
    0x8000000000000080n,
    0x000000000000800an,
    0x800000008000000an,
    0x8000000080008081n,
    0x8000000000008080n,
    0x0000000080000001n,
    0x8000000080008008n,
  ];
  const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
  const M = 0xffffffffffffffffn;
  const rotl = (x: bigint, n: number): bigint => (n === 0 ? x : ((x << BigInt(n)) | (x >> BigInt(64 - n))) & M);
  const rate = 136;
  const padded = new Uint8Array(Math.ceil((input.length + 1) / rate) * rate);
  padded.set(input);
  padded[input.length] = (padded[input.length] as number) ^ 0x01;
  padded[padded.length - 1] = (padded[padded.length - 1] as number) ^ 0x80;
  const s = new Array<bigint>(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let b = 7; b >= 0; b--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + b] as number);
      s[i] = (s[i] as bigint) ^ lane;
    }
    for (let round = 0; round < 24; round++) {
      const c = [0, 1, 2, 3, 4].map((x) => at(s, x) ^ at(s, x + 5) ^ at(s, x + 10) ^ at(s, x + 15) ^ at(s, x + 20));
      for (let x = 0; x < 5; x++) {
        const d = at(c, (x + 4) % 5) ^ rotl(at(c, (x + 1) % 5), 1);
        for (let y = 0; y < 25; y += 5) s[x + y] = at(s, x + y) ^ d;
      }
      const b = new Array<bigint>(25).fill(0n);
      for (let x = 0; x < 5; x++)
        for (let y = 0; y < 5; y++) b[y + ((2 * x + 3 * y) % 5) * 5] = rotl(at(s, x + 5 * y), at(ROT, x + 5 * y));
      for (let x = 0; x < 5; x++)
        for (let y = 0; y < 5; y++)
          s[x + 5 * y] = at(b, x + 5 * y) ^ (~at(b, ((x + 1) % 5) + 5 * y) & M & at(b, ((x + 2) % 5) + 5 * y));
      s[0] = at(s, 0) ^ at(RC, round);
    }
  }
  const out = Buffer.alloc(32);
  for (let i = 0; i < 4; i++) {
    let lane = at(s, i);
    for (let b = 0; b < 8; b++) {
      out[i * 8 + b] = Number(lane & 0xffn);
      lane >>= 8n;
    }
  }
  return out;
}

/** EIP-55 mixed-case checksum: a hex letter is upper case when the matching nibble of keccak256(lowercase) ≥ 8. */
export function eip55(hex40: string): string {
  const lower = hex40.toLowerCase();
  const hash = keccak256(Buffer.from(lower, "ascii")).toString("hex");
  let out = "0x";
  for (let i = 0; i < 40; i++) {
    const c = lower[i] as string;
    out += parseInt(hash[i] as string, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}
export function eip55Valid(address: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(address) && eip55(address.slice(2)) === address;
}

// ---------------------------------------------------------------- Tokens

/** CRC-32 (ISO-HDLC, the zlib polynomial). */
export function crc32(s: string): number {
  let c = 0xffffffff;
  for (const byte of Buffer.from(s, "utf8")) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export function base62(n: number, width: number): string {
  let out = "";
  let v = n;
  while (v > 0) {
    out = B62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, "0");
}
/** GitHub token (github.blog 2021-04-05 "Behind GitHub's new authentication token formats"): 30 random + base62 CRC32. */
export function githubTokenValid(token: string): boolean {
  const m = /^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(token);
  return m !== null && base62(crc32(m[1] as string), 6) === m[2];
}
