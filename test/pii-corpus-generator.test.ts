/**
 * The PII benchmark corpus (bench/pii/generate.ts) is a yardstick: it must be the same bytes on every run, large and
 * varied enough to measure every entity type, and every value it labels as valid must really be valid — by the
 * check-digit functions (anchored to published examples below), by libphonenumber's numbering plans, and by
 * node's own IP parser.
 */
import { BlockList, isIP } from "node:net";
import { isValidPhoneNumber } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import * as checks from "../bench/pii/checks.js";
import { PHONE_COUNTRIES, phoneSample } from "../bench/pii/contact.js";
import { corpusDigest, ENTITY_IDS, generateCorpus, rowsForType, SPECS } from "../bench/pii/generate.js";
import { Rng } from "../bench/pii/random.js";

const corpus = generateCorpus();

describe("PII corpus: size, balance and determinism", () => {
  it("is the same bytes on every run, and a different seed gives a different corpus", () => {
    expect(corpusDigest(generateCorpus())).toBe(corpusDigest(corpus));
    expect(
      corpusDigest(generateCorpus({ seed: 7, positivesPerType: 20, negativesPerType: 20, multiEntityRows: 10 })),
    ).not.toBe(
      corpusDigest(generateCorpus({ seed: 8, positivesPerType: 20, negativesPerType: 20, multiEntityRows: 10 })),
    );
  });

  it("holds at least 30,000 rows from at least 20 locales, about 40 % positive, 30 % hard negative, 30 % neutral", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30_000);
    expect(new Set(corpus.map((r) => r.locale)).size).toBeGreaterThanOrEqual(20);
    const share = (kind: string): number => corpus.filter((r) => r.kind === kind).length / corpus.length;
    expect(share("positive")).toBeGreaterThan(0.35);
    expect(share("positive")).toBeLessThan(0.45);
    expect(share("hard-negative")).toBeGreaterThan(0.25);
    expect(share("neutral")).toBeGreaterThan(0.25);
  });

  it("labels rows consistently: known entity ids, sorted and unique, non-empty exactly for positives", () => {
    const known = new Set<string>(ENTITY_IDS);
    for (const row of corpus) {
      expect(row.entities.every((e) => known.has(e))).toBe(true);
      expect([...new Set(row.entities)].sort()).toEqual(row.entities);
      expect(row.entities.length > 0).toBe(row.kind === "positive");
      expect(row.text.length).toBeGreaterThan(0);
    }
    expect(corpus.some((r) => r.entities.length === 3)).toBe(true);
  });

  it("has at least 300 positives and 250 hard negatives for every entity type", () => {
    expect(SPECS.map((s) => s.id)).toEqual([...ENTITY_IDS]);
    const positives = new Map<string, number>();
    for (const row of corpus) for (const e of row.entities) positives.set(e, (positives.get(e) ?? 0) + 1);
    for (const spec of SPECS) {
      expect(positives.get(spec.id) ?? 0, spec.id).toBeGreaterThanOrEqual(300);
      const { negatives } = rowsForType(spec, 20261204, 0, 250);
      expect(negatives.length).toBe(250);
      expect(new Set(negatives.map((r) => r.text)).size, `${spec.id} negatives are varied`).toBeGreaterThan(5);
    }
  });
});

describe("PII corpus: check-digit functions agree with published examples", () => {
  it.each([
    ["Luhn (ISO/IEC 7812)", checks.luhnValid("79927398713") && !checks.luhnValid("79927398710")],
    ["Verhoeff", checks.verhoeffCheckDigit("236") === 3 && checks.verhoeffValid("2363")],
    [
      "IBAN mod 97 (ISO 13616 registry examples)",
      checks.ibanValid("GB82WEST12345698765432") &&
        checks.ibanValid("DE89370400440532013000") &&
        !checks.ibanValid("GB82WEST12345698765433"),
    ],
    [
      "CN resident ID (GB 11643 example)",
      checks.cnIdValid("11010519491231002X") && checks.cnIdCheckChar("11010519491231002") === "X",
    ],
    ["NHS number (NHS Data Dictionary example)", checks.nhsValid("943 476 5919") && !checks.nhsValid("943 476 5918")],
    ["DNI / NIE", checks.esDniValid("12345678Z") && checks.esDniValid("X1234567L") && !checks.esDniValid("12345678A")],
    ["BSN eleven-test", checks.bsnValid("111222333") && !checks.bsnValid("111222334")],
    ["codice fiscale", checks.cfValid("RSSMRA85T10A562S") && !checks.cfValid("RSSMRA85T10A562T")],
    ["PESEL", checks.peselValid("44051401359") && !checks.peselValid("44051401358")],
    [
      "personnummer (Skatteverket example)",
      checks.personnummerValid("811218-9876") && !checks.personnummerValid("811218-9877"),
    ],
    ["Belgian national number", checks.beValid("85073003328")],
    ["TFN (ATO example)", checks.tfnValid("123 456 782") && !checks.tfnValid("123 456 783")],
    ["SIN (ESDC example)", checks.luhnValid("046454286")],
    ["ABA routing", checks.abaValid("011000015") && !checks.abaValid("011000016")],
    ["NPI (CMS example)", checks.npiValid("1234567893") && !checks.npiValid("1234567894")],
    ["NRIC", checks.nricValid("S1234567D") && !checks.nricValid("S1234567A")],
    ["Steuer-IdNr", checks.deTaxIdValid("86095742719")],
    [
      "ICAO 9303 check digits (Doc 9303 specimen)",
      checks.icaoCheckDigit("L898902C3") === "6" &&
        checks.icaoCheckDigit("740812") === "2" &&
        checks.icaoCheckDigit("120415") === "9",
    ],
    [
      "Base58Check (Bitcoin wiki addresses)",
      checks.base58CheckValid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2") &&
        checks.base58CheckValid("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy") &&
        !checks.base58CheckValid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"),
    ],
    [
      "bech32 (BIP-173 test vector)",
      checks.segwitValid("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4") &&
        checks.segwitEncode("bc", 0, Buffer.from("751e76e8199196d454941c45d1b3a323f1433bd6", "hex")) ===
          "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    ],
    [
      "Keccak-256 of the empty string",
      checks.keccak256(new Uint8Array(0)).toString("hex") ===
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    ],
    [
      "EIP-55 (spec examples)",
      checks.eip55Valid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed") &&
        checks.eip55Valid("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359") &&
        !checks.eip55Valid("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
    ],
    ["CRC-32 (zlib check value)", checks.crc32("123456789") === 0xcbf43926],
  ])("%s", (_name, ok) => {
    expect(ok).toBe(true);
  });
});

describe("PII corpus: every valid positive passes its own validation, every corrupted one fails it", () => {
  it.each(SPECS.map((s) => [s.id, s] as const))("%s", (_id, spec) => {
    const rng = new Rng(99);
    for (let i = 0; i < 300; i++) {
      const { value } = spec.sample(rng);
      expect(spec.valid(value), `${spec.id} sample ${value}`).toBe(true);
      if (spec.corrupt) expect(spec.valid(spec.corrupt(rng, value)), `${spec.id} corrupted ${value}`).toBe(false);
    }
  });
});

describe("PII corpus: values checked by implementations it did not write", () => {
  it("every phone number is valid in libphonenumber's numbering plan of its country, in all three notations", () => {
    const rng = new Rng(5);
    for (const country of Object.keys(PHONE_COUNTRIES)) {
      for (let i = 0; i < 400; i++) {
        const { forms } = phoneSample(rng, country);
        const cc = country as Parameters<typeof isValidPhoneNumber>[1];
        expect(isValidPhoneNumber(forms.intl), `${country} ${forms.intl}`).toBe(true);
        expect(isValidPhoneNumber(forms.national, cc), `${country} ${forms.national}`).toBe(true);
        expect(isValidPhoneNumber(forms.bare, cc), `${country} ${forms.bare}`).toBe(true);
      }
    }
  });

  it("every IP positive parses and lies outside private, loopback, link-local, documentation and multicast ranges", () => {
    const reserved = new BlockList();
    for (const [net, bits] of [
      ["0.0.0.0", 8],
      ["10.0.0.0", 8],
      ["100.64.0.0", 10],
      ["127.0.0.0", 8],
      ["169.254.0.0", 16],
      ["172.16.0.0", 12],
      ["192.0.0.0", 24],
      ["192.0.2.0", 24],
      ["192.168.0.0", 16],
      ["198.18.0.0", 15],
      ["198.51.100.0", 24],
      ["203.0.113.0", 24],
      ["224.0.0.0", 3],
    ] as const)
      reserved.addSubnet(net, bits, "ipv4");
    for (const [net, bits] of [
      ["2001:db8::", 32],
      ["fc00::", 7],
      ["fe80::", 10],
      ["::", 128],
      ["::1", 128],
    ] as const)
      reserved.addSubnet(net, bits, "ipv6");
    const spec = SPECS.find((s) => s.id === "ip_address");
    const rng = new Rng(11);
    for (let i = 0; i < 2000; i++) {
      const { value } = spec?.sample(rng) ?? { value: "" };
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
      const address = mapped ? (mapped[1] as string) : value;
      const family = isIP(address);
      expect(family, value).not.toBe(0);
      expect(reserved.check(address, family === 4 ? "ipv4" : "ipv6"), value).toBe(false);
    }
  });
});
