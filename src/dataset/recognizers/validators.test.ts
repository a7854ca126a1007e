import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aadhaarValid,
  calendarDateValid,
  chinaResidentIdValid,
  ibanValid,
  indiaPanValid,
  ipv4IsPublic,
  ipv4Valid,
  ipv6Valid,
  luhnValid,
  paymentCardValid,
  TEST_CARD_NUMBERS,
  ukNinoValid,
  usSsnValid,
  verhoeffValid,
} from "./validators.js";

/** The check digit that makes `prefix` valid under `valid` (there is exactly one for Luhn and Verhoeff). */
function complete(prefix: string, valid: (s: string) => boolean): string {
  for (let d = 0; d <= 9; d++) if (valid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error(`no check digit for ${prefix}`);
}

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(""));

/** Every single-digit substitution of `s`. */
function substitutions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    for (let d = 0; d <= 9; d++) if (String(d) !== s[i]) out.push(`${s.slice(0, i)}${d}${s.slice(i + 1)}`);
  }
  return out;
}

describe("check-digit algorithms", () => {
  it("Luhn accepts the classic example and catches every single-digit error", () => {
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
    fc.assert(
      fc.property(digitString(5, 18), (prefix) => {
        const valid = complete(prefix, luhnValid);
        expect(substitutions(valid).filter(luhnValid)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("Verhoeff accepts its textbook example and catches every single-digit error and adjacent swap", () => {
    expect(verhoeffValid("2363")).toBe(true);
    expect(verhoeffValid("2364")).toBe(false);
    fc.assert(
      fc.property(digitString(5, 15), (prefix) => {
        const valid = complete(prefix, verhoeffValid);
        expect(substitutions(valid).filter(verhoeffValid)).toEqual([]);
        for (let i = 0; i + 1 < valid.length; i++) {
          if (valid[i] === valid[i + 1]) continue;
          const swapped = `${valid.slice(0, i)}${valid[i + 1]}${valid[i]}${valid.slice(i + 2)}`;
          expect(verhoeffValid(swapped), swapped).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("identifier validators", () => {
  it("payment cards: Luhn plus a network's prefix and length", () => {
    for (const card of TEST_CARD_NUMBERS) expect(paymentCardValid(card), card).toBe(true);
    expect(paymentCardValid("4111 1111 1111 1111")).toBe(true);
    expect(paymentCardValid("4111111111111112")).toBe(false); // Luhn
    expect(paymentCardValid(complete("123456781234567", luhnValid))).toBe(false); // no network starts with 1
    expect(paymentCardValid(complete("41111111111111", luhnValid))).toBe(false); // Visa has no 15-digit numbers
  });

  it("IBANs: ISO 13616 examples pass; a changed digit, a wrong length or an unknown country fails", () => {
    for (const iban of [
      "DE89370400440532013000",
      "GB82WEST12345698765432",
      "NL91ABNA0417164300",
      "FR1420041010050500013M02606",
    ]) {
      expect(ibanValid(iban), iban).toBe(true);
    }
    expect(ibanValid("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false);
    expect(ibanValid("DE8937040044053201300")).toBe(false);
    expect(ibanValid("XX89370400440532013000")).toBe(false);
    expect(ibanValid("DE00271364595389791374")).toBe(false); // passes mod-97 (00 ≡ 97), but 00 is never issued
  });

  it("Aadhaar: 12 digits, not starting 0/1, not a palindrome, Verhoeff", () => {
    const valid = complete("23456789012", verhoeffValid);
    expect(aadhaarValid(valid)).toBe(true);
    expect(aadhaarValid(`${valid.slice(0, 4)} ${valid.slice(4, 8)} ${valid.slice(8)}`)).toBe(true);
    expect(aadhaarValid(complete("13456789012", verhoeffValid))).toBe(false); // starts with 1
    expect(substitutions(valid).filter(aadhaarValid)).toEqual([]);
  });

  it("China resident ID: GB 11643's textbook example passes; date and check character are enforced", () => {
    expect(chinaResidentIdValid("11010519491231002X")).toBe(true);
    expect(chinaResidentIdValid("11010519491231002x")).toBe(true);
    expect(chinaResidentIdValid("110105194912310021")).toBe(false); // check character
    expect(chinaResidentIdValid("11010519490231002X")).toBe(false); // 31 February
  });

  it("US SSN: structure only (no check digit), published examples rejected", () => {
    expect(usSsnValid("536-90-4399")).toBe(true);
    for (const ssn of [
      "000-12-3456",
      "666-12-3456",
      "912-12-3456",
      "536-00-4399",
      "536-90-0000",
      "078-05-1120",
      "219-09-9999",
    ]) {
      expect(usSsnValid(ssn), ssn).toBe(false);
    }
  });

  it("UK NINO: allocated prefixes and suffix A–D only", () => {
    expect(ukNinoValid("AB 12 34 56 C")).toBe(true);
    for (const nino of ["QQ123456C", "BG123456A", "AO123456A", "DA123456A", "AB123456E", "AB12345C"]) {
      expect(ukNinoValid(nino), nino).toBe(false);
    }
  });

  it("India PAN: five letters (the fourth a holder type), four digits, a letter", () => {
    expect(indiaPanValid("ABCPE1234F")).toBe(true);
    expect(indiaPanValid("ABCXE1234F")).toBe(false);
    expect(indiaPanValid("ABCPE12345")).toBe(false);
  });

  it("dates of birth must exist on the calendar", () => {
    expect(calendarDateValid(2024, 2, 29)).toBe(true);
    expect(calendarDateValid(2023, 2, 29)).toBe(false);
    expect(calendarDateValid(1990, 13, 1)).toBe(false);
  });

  it("IP addresses: well-formed, and only public ones identify anyone", () => {
    expect(ipv4Valid("81.2.69.160")).toBe(true);
    expect(ipv4Valid("256.1.1.1")).toBe(false);
    expect(ipv4Valid("01.2.3.4")).toBe(false);
    expect(ipv4Valid("0.0.0.0")).toBe(true);
    expect(ipv4Valid("255.255.255.255")).toBe(true);
    for (const notFourParts of ["1.2.3", "1.2.3.4.", ".1.2.3", "1..2.3", "1.2.3.1000", "1.2.3.4.5", "1.2.3.x", ""]) {
      expect(ipv4Valid(notFourParts), notFourParts).toBe(false);
    }
    expect(ipv4IsPublic("81.2.69.160")).toBe(true);
    for (const ip of [
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "127.0.0.1",
      "169.254.1.1",
      "192.0.2.1",
      "198.51.100.7",
      "203.0.113.9",
    ]) {
      expect(ipv4IsPublic(ip), ip).toBe(false);
    }
    for (const ip of ["2001:db8::1", "fe80::1", "::1", "2a00:1450:4001:81c::200e", "1:2:3:4:5:6:7:8"])
      expect(ipv6Valid(ip), ip).toBe(true);
    for (const ip of ["1:2:3:4:5:6:7:8:9", "2001:::1", "1::2::3", "12345::1", "g::1"])
      expect(ipv6Valid(ip), ip).toBe(false);
  });
});
