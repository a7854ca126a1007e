/** Payment cards, IBANs and crypto wallet addresses. */
import {
  base58CheckEncode,
  base58CheckValid,
  eip55,
  eip55Valid,
  ibanCheckDigits,
  ibanValid,
  luhnCheckDigit,
  luhnValid,
  segwitEncode,
  segwitValid,
} from "./checks.js";
import { otherLabel } from "./ids.js";
import { ALNUM, HEX, pad, type Rng, UPPER } from "./random.js";
import { compact, corruptDigit, type EntitySpec, group } from "./spec.js";

// ------------------------------------------------------------------ Payment cards (ISO/IEC 7812, network IIN tables)

const CARD_BRANDS: ReadonlyArray<{
  brand: string;
  prefix(rng: Rng): string;
  length: number;
  groups: readonly number[];
}> = [
  { brand: "Visa", prefix: () => "4", length: 16, groups: [4, 4, 4] },
  { brand: "Mastercard", prefix: (rng) => String(rng.int(51, 55)), length: 16, groups: [4, 4, 4] },
  { brand: "Mastercard", prefix: (rng) => String(rng.int(2221, 2720)), length: 16, groups: [4, 4, 4] },
  { brand: "American Express", prefix: (rng) => rng.pick(["34", "37"]), length: 15, groups: [4, 6] },
  {
    brand: "Discover",
    prefix: (rng) => rng.pick(["6011", "65", String(rng.int(644, 649))]),
    length: 16,
    groups: [4, 4, 4],
  },
  { brand: "JCB", prefix: (rng) => String(rng.int(3528, 3589)), length: 16, groups: [4, 4, 4] },
  { brand: "Diners Club", prefix: () => "36", length: 14, groups: [4, 6] },
  { brand: "UnionPay", prefix: () => "62", length: 16, groups: [4, 4, 4] },
  { brand: "Mir", prefix: (rng) => `220${rng.int(0, 4)}`, length: 16, groups: [4, 4, 4] },
];
/** Test numbers the networks and processors publish; they never belong to a cardholder. */
export const TEST_CARDS = [
  "4111111111111111",
  "4242424242424242",
  "4012888888881881",
  "4000056655665556",
  "5555555555554444",
  "5105105105105100",
  "2223003122003222",
  "378282246310005",
  "371449635398431",
  "6011111111111117",
  "6011000990139424",
  "3530111333300000",
  "3566002020360505",
  "30569309025904",
  "38520000023237",
];
const TEST_SET = new Set(TEST_CARDS);
function cardNumber(rng: Rng): { digits: string; groups: readonly number[]; brand: string } {
  for (;;) {
    const b = rng.pick(CARD_BRANDS);
    const p = b.prefix(rng);
    const body = p + rng.digits(b.length - p.length - 1);
    const digits = body + String(luhnCheckDigit(body));
    if (!TEST_SET.has(digits)) return { digits, groups: b.groups, brand: b.brand };
  }
}
const cardValid = (v: string): boolean => {
  const c = compact(v);
  return /^\d{14,19}$/.test(c) && luhnValid(c) && !TEST_SET.has(c);
};
export const creditCard: EntitySpec = {
  id: "credit_card",
  selfEvident: true,
  labels: {
    en: ["card number", "credit card", "Visa", "card", "CC"],
    de: ["Kartennummer", "Kreditkarte", "Kreditkartennummer"],
    fr: ["numéro de carte", "carte bancaire", "CB"],
    es: ["número de tarjeta", "tarjeta de crédito"],
    it: ["numero carta", "carta di credito"],
    nl: ["kaartnummer", "creditcard"],
    pl: ["numer karty", "karta kredytowa"],
    sv: ["kortnummer", "kreditkort"],
    pt: ["número do cartão", "cartão de crédito"],
    zh: ["信用卡号", "银行卡号"],
    ja: ["カード番号", "クレジットカード番号"],
    ko: ["카드번호", "신용카드 번호"],
  },
  fields: ["card_number", "cc_number", "pan", "credit_card"],
  sample(rng) {
    const c = cardNumber(rng);
    const r = rng.next();
    const value = r < 0.45 ? group(c.digits, c.groups, " ") : r < 0.65 ? group(c.digits, c.groups, "-") : c.digits;
    return {
      value,
      locale: rng.pick(["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP", "zh-CN"]),
      langs: ["en", "de", "fr", "es", "ja", "zh"],
    };
  },
  valid: cardValid,
  corrupt: (rng, v) => corruptDigit(rng, v, cardValid),
  negatives: [
    (rng) => {
      const t = rng.pick(TEST_CARDS);
      return {
        text: `Use the test card ${rng.chance(0.5) ? t : group(t, t.length === 16 ? [4, 4, 4] : [4, 6], " ")} with any future expiry date.`,
        locale: "en-US",
      };
    },
    (rng) => ({ text: `Stripe test: ${rng.pick(TEST_CARDS)}`, field: "card_number", locale: "en-US" }),
    (rng) => otherLabel(rng, "en", rng.digits(16), "en-US"),
    (rng) => ({
      text: `Sendungsnummer ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)}`,
      locale: "de-DE",
    }),
    // Luhn-valid but outside every issuer range (no network starts with 0, 8 or 9).
    (rng) => {
      const body = rng.pick(["0", "8", "9"]) + rng.digits(14);
      return { text: `Loyalty account ${body}${luhnCheckDigit(body)}`, locale: "en-US" };
    },
    (rng) => ({ text: `IMEI ${rng.digits(14)}${rng.int(0, 9)} registered.`, locale: "en-US" }),
  ],
};

// ------------------------------------------------------------------ IBAN (ISO 13616-1; SWIFT IBAN Registry BBAN formats)

type Bban = (rng: Rng) => string;
const n = (k: number) => (rng: Rng) => rng.digits(k);
const a = (k: number) => (rng: Rng) => rng.chars(k, UPPER);
const c = (k: number) => (rng: Rng) => rng.chars(k, UPPER + "0123456789");
const seq =
  (...parts: Bban[]): Bban =>
  (rng) =>
    parts.map((p) => p(rng)).join("");

/** French RIB key: 97 − ((89·bank + 15·branch + 3·account) mod 97), letters mapped by the RIB table (A/J → 1 …). */
const RIB_LETTERS = "12345678912345678923456789";
function ribKey(bank: string, branch: string, account: string): string {
  const map = (s: string): bigint =>
    BigInt([...s].map((ch) => (ch >= "A" && ch <= "Z" ? RIB_LETTERS[ch.charCodeAt(0) - 65] : ch)).join(""));
  const v = (89n * map(bank) + 15n * map(branch) + 3n * map(account)) % 97n;
  return pad(Number(97n - v), 2);
}
/** Spanish CCC control digits: weights 1 2 4 8 5 10 9 7 3 6, 11 − Σ mod 11 (10 → 1, 11 → 0). */
function cccDigit(ten: string): string {
  const w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
  const s = [...ten].reduce((acc, ch, i) => acc + Number(ch) * (w[i] as number), 0);
  const r = 11 - (s % 11);
  return String(r === 11 ? 0 : r === 10 ? 1 : r);
}
/** Belgian account (3-digit bank + 7 digits): last two digits = first ten mod 97 (97 when 0). */
function beAccount(rng: Rng): string {
  const ten = rng.digits(10);
  const r = Number(BigInt(ten) % 97n);
  return ten + pad(r === 0 ? 97 : r, 2);
}
/** Polish bank sort code: 7 digits + check digit with weights 3 9 7 1 3 9 7. */
function plBank(rng: Rng): string {
  const seven = rng.digits(7);
  const w = [3, 9, 7, 1, 3, 9, 7];
  const s = [...seven].reduce((acc, ch, i) => acc + Number(ch) * (w[i] as number), 0);
  return seven + String((10 - (s % 10)) % 10);
}
/** Portuguese NIB check: 98 − (19 digits · 100 mod 97). */
function ptNib(rng: Rng): string {
  const nineteen = rng.digits(19);
  return nineteen + pad(98 - Number((BigInt(nineteen) * 100n) % 97n), 2);
}
/** Italian CIN: the codice fiscale odd/even tables over ABI + CAB + account (22 characters), Σ mod 26 → letter. */
const CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const cinValue = (ch: string): number => (ch >= "0" && ch <= "9" ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 65);
function itBban(rng: Rng): string {
  const rest = rng.digits(10) + c(12)(rng);
  let sum = 0;
  for (let i = 0; i < rest.length; i++) {
    const v = cinValue(rest[i] as string);
    sum += i % 2 === 0 ? (CIN_ODD[v] as number) : v;
  }
  return String.fromCharCode(65 + (sum % 26)) + rest;
}

const IBAN_COUNTRIES: Record<string, { bban: Bban; locale: string }> = {
  DE: { bban: n(18), locale: "de-DE" },
  GB: { bban: seq(a(4), n(14)), locale: "en-GB" },
  FR: {
    bban: (rng) => {
      const bank = rng.digits(5);
      const branch = rng.digits(5);
      const account = c(11)(rng);
      return bank + branch + account + ribKey(bank, branch, account);
    },
    locale: "fr-FR",
  },
  NL: { bban: seq(a(4), n(10)), locale: "nl-NL" },
  ES: {
    bban: (rng) => {
      const bankBranch = rng.digits(8);
      const account = rng.digits(10);
      return bankBranch + cccDigit(`00${bankBranch}`) + cccDigit(account) + account;
    },
    locale: "es-ES",
  },
  IT: { bban: itBban, locale: "it-IT" },
  BE: { bban: beAccount, locale: "nl-BE" },
  AT: { bban: n(16), locale: "de-AT" },
  CH: { bban: seq(n(5), c(12)), locale: "de-CH" },
  PL: { bban: (rng) => plBank(rng) + rng.digits(16), locale: "pl-PL" },
  SE: { bban: n(20), locale: "sv-SE" },
  PT: { bban: ptNib, locale: "pt-PT" },
  IE: { bban: seq(a(4), n(14)), locale: "en-IE" },
  DK: { bban: n(14), locale: "da-DK" },
  FI: { bban: n(14), locale: "fi-FI" },
  NO: { bban: n(11), locale: "nb-NO" },
  LU: { bban: seq(n(3), c(13)), locale: "fr-LU" },
  CZ: { bban: n(20), locale: "cs-CZ" },
  HU: { bban: n(24), locale: "hu-HU" },
  RO: { bban: seq(a(4), c(16)), locale: "ro-RO" },
  GR: { bban: seq(n(7), c(16)), locale: "el-GR" },
  SA: { bban: seq(n(2), c(18)), locale: "ar-SA" },
  AE: { bban: n(19), locale: "ar-AE" },
  TR: { bban: seq(n(5), () => "0", c(16)), locale: "tr-TR" },
  BR: { bban: seq(n(23), a(1), c(1)), locale: "pt-BR" },
  MT: { bban: seq(a(4), n(5), c(18)), locale: "en-MT" },
};
/** Examples printed in the IBAN registry and bank documentation: published, so nobody's account. */
export const DOC_IBANS = [
  "GB82WEST12345698765432",
  "DE89370400440532013000",
  "FR1420041010050500013M02606",
  "NL91ABNA0417164300",
];
const IBAN_LENGTHS: Record<string, number> = {
  DE: 22,
  GB: 22,
  FR: 27,
  NL: 18,
  ES: 24,
  IT: 27,
  BE: 16,
  AT: 20,
  CH: 21,
  PL: 28,
  SE: 24,
  PT: 25,
  IE: 22,
  DK: 18,
  FI: 18,
  NO: 15,
  LU: 20,
  CZ: 24,
  HU: 28,
  RO: 24,
  GR: 27,
  SA: 24,
  AE: 23,
  TR: 26,
  BR: 29,
  MT: 31,
};
function ibanCompact(rng: Rng, country = rng.pick(Object.keys(IBAN_COUNTRIES))): string {
  for (;;) {
    const spec = IBAN_COUNTRIES[country] as { bban: Bban };
    const bban = spec.bban(rng);
    const iban = country + ibanCheckDigits(country, bban) + bban;
    if (!DOC_IBANS.includes(iban)) return iban;
  }
}
const ibanFullValid = (v: string): boolean => {
  const s = v.replace(/ /g, "");
  return ibanValid(s) && IBAN_LENGTHS[s.slice(0, 2)] === s.length && !DOC_IBANS.includes(s);
};
const BICS = [
  "COBADEFFXXX",
  "DEUTDEFF",
  "BNPAFRPP",
  "INGBNL2A",
  "BSCHESMM",
  "UNCRITMM",
  "NWBKGB2L",
  "HANDSESS",
  "BPOTBEB1",
];
export const iban: EntitySpec = {
  id: "iban",
  selfEvident: true,
  labels: {
    en: ["IBAN", "bank account", "account (IBAN)"],
    de: ["IBAN", "Kontonummer (IBAN)", "Bankverbindung"],
    fr: ["IBAN", "RIB", "coordonnées bancaires"],
    es: ["IBAN", "cuenta bancaria"],
    it: ["IBAN", "conto corrente"],
    nl: ["IBAN", "rekeningnummer"],
    pl: ["IBAN", "numer konta"],
    sv: ["IBAN", "kontonummer"],
    pt: ["IBAN", "NIB"],
  },
  fields: ["iban", "bank_account", "account_iban"],
  sample(rng) {
    const country = rng.pick(Object.keys(IBAN_COUNTRIES));
    const v = ibanCompact(rng, country);
    const locale = (IBAN_COUNTRIES[country] as { locale: string }).locale;
    const lang = (["de", "fr", "es", "it", "nl", "pl", "sv", "pt"] as const).find((l) => locale.startsWith(l)) ?? "en";
    const r = rng.next();
    let value = r < 0.5 ? group(v, Array(8).fill(4), " ") : v;
    // Followed by a BIC or a bank name: the IBAN ends where the next capitalised word starts.
    if (rng.chance(0.15)) value += ` ${rng.pick(BICS)}`;
    else if (rng.chance(0.08)) value += ` ${rng.pick(["Sparkasse", "Commerzbank", "Rabobank", "Santander", "Intesa"])}`;
    return { value, locale, langs: [lang, "en"] };
  },
  valid: (v) => ibanFullValid(v.replace(/ ([A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?|[A-Z][a-z]+)$/, "")),
  corrupt: (rng, v) =>
    corruptDigit(rng, v, (x) => ibanFullValid(x.replace(/ ([A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?|[A-Z][a-z]+)$/, ""))),
  negatives: [
    (rng) => ({ text: `Beispiel-IBAN aus der Dokumentation: ${rng.pick(DOC_IBANS)}`, locale: "de-DE" }),
    (rng) => ({
      text: `IBAN: ${rng.pick(Object.keys(IBAN_COUNTRIES))}00 ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(2)}`,
      locale: "en-GB",
    }),
    (rng) => ({
      text: `Shipment ${rng.chars(2, UPPER)}${rng.digits(2)}${rng.chars(4, UPPER)}${rng.digits(10)} left the warehouse.`,
      locale: "en-GB",
    }),
    (rng) => ({ text: `Serial ${rng.chars(2, UPPER)}${rng.digits(20)} on the back of the device.`, locale: "en-US" }),
    (rng) => ({ text: `BIC ${rng.pick(BICS)} (no account given)`, locale: "en-GB" }),
  ],
};

// ------------------------------------------------------------------ Crypto wallets

function btcAddress(rng: Rng): string {
  const r = rng.next();
  if (r < 0.3) return base58CheckEncode(Uint8Array.from([0x00, ...rng.bytes(20)]));
  if (r < 0.5) return base58CheckEncode(Uint8Array.from([0x05, ...rng.bytes(20)]));
  if (r < 0.75) return segwitEncodeFrom(rng, 0, 20);
  return segwitEncodeFrom(rng, 1, 32);
}
function segwitEncodeFrom(rng: Rng, version: number, length: number): string {
  return segwitEncode("bc", version, rng.bytes(length));
}
function ethAddress(rng: Rng): string {
  for (;;) {
    const v = eip55(rng.chars(40, HEX));
    // An all-lower-case or all-upper-case result carries no checksum; draw again.
    if (/[a-f]/.test(v.slice(2)) && /[A-F]/.test(v.slice(2))) return v;
  }
}
const walletValid = (v: string): boolean =>
  v.startsWith("0x") ? eip55Valid(v) : v.toLowerCase().startsWith("bc1") ? segwitValid(v) : base58CheckValid(v);
export const cryptoWallet: EntitySpec = {
  id: "crypto_wallet",
  selfEvident: true,
  labels: {
    en: ["wallet", "BTC address", "Bitcoin address", "ETH address", "Ethereum wallet", "payout address"],
    de: ["Wallet-Adresse", "Bitcoin-Adresse"],
    fr: ["adresse du portefeuille", "adresse Bitcoin"],
    es: ["dirección de la billetera", "monedero"],
    zh: ["钱包地址", "比特币地址"],
    ja: ["ウォレットアドレス"],
    ko: ["지갑 주소"],
    ru: ["адрес кошелька"],
  },
  fields: ["wallet", "btc_address", "eth_address", "payout_address"],
  sample(rng) {
    const value = rng.chance(0.55) ? btcAddress(rng) : ethAddress(rng);
    return { value, locale: "en-US", langs: ["en", "de", "zh", "ru"] };
  },
  valid: walletValid,
  corrupt(rng, v) {
    for (;;) {
      const i = rng.int(v.startsWith("0x") ? 2 : 4, v.length - 1);
      const alphabet = v.startsWith("0x")
        ? "0123456789abcdefABCDEF"
        : v.startsWith("bc1")
          ? "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
          : "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
      const next = rng.pick([...alphabet]);
      const bad = v.slice(0, i) + next + v.slice(i + 1);
      if (bad !== v && !walletValid(bad)) return bad;
    }
  },
  negatives: [
    (rng) => ({
      text: `tx 0x${rng.chars(64, HEX)} confirmed in block ${rng.int(15000000, 21000000)}.`,
      locale: "en-US",
    }),
    (rng) => ({ text: `commit ${rng.chars(40, HEX)}`, locale: "en-US" }),
    (rng) => ({
      text: `Pinned to IPFS: Qm${rng.chars(44, "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")}`,
      locale: "en-US",
    }),
    (rng) => ({ text: `sha256: ${rng.chars(64, HEX)}`, locale: "en-US" }),
    (rng) => ({ text: `Session ${rng.chars(34, ALNUM)} expired.`, locale: "en-US" }),
  ],
};
