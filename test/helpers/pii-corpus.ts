/**
 * A labelled corpus for the PII recognizers: rows of realistic text with planted identifiers of every type
 * (valid ones, made with the standards' check digits) and look-alikes that must not be reported (order numbers,
 * timestamps, ISBNs, Luhn-failing numbers, reserved domains, private addresses, impossible dates …).
 * Deterministic (seeded), so precision and recall are reproducible.
 */

import { isValidPhoneNumber } from "libphonenumber-js/max";
import type { Entity } from "../../src/dataset/recognizers/index.js";
import {
  aadhaarValid,
  chinaResidentIdValid,
  ibanValid,
  luhnValid,
  usSsnValid,
  verhoeffValid,
} from "../../src/dataset/recognizers/validators.js";
import { seededRandom as random } from "./random.js";

export interface LabelledRow {
  readonly text: string;
  readonly field?: string;
  readonly expected: readonly Entity[];
}

export function generateCorpus(rows: number, seed = 7): LabelledRow[] {
  const next = random(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const digits = (n: number): string => Array.from({ length: n }, () => int(0, 9)).join("");
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const withCheck = (prefix: string, valid: (s: string) => boolean): string => {
    for (let d = 0; d <= 9; d++) if (valid(`${prefix}${d}`)) return `${prefix}${d}`;
    return `${prefix}0`;
  };
  const card = (): string => {
    const prefix = pick(["4", "51", "52", "53", "54", "55"]);
    return withCheck(prefix + digits(15 - prefix.length), luhnValid);
  };
  const iban = (): string => {
    for (;;) {
      const bban = digits(18);
      for (let check = 2; check <= 98; check++) {
        const candidate = `DE${String(check).padStart(2, "0")}${bban}`;
        if (ibanValid(candidate)) return candidate;
      }
    }
  };
  const ssn = (): string => {
    for (;;) {
      const s =
        `${int(1, 899)}`.padStart(3, "0") +
        `-${`${int(1, 99)}`.padStart(2, "0")}-${`${int(1, 9999)}`.padStart(4, "0")}`;
      if (usSsnValid(s)) return s;
    }
  };
  const aadhaar = (): string => {
    for (;;) {
      const a = withCheck(`${int(2, 9)}${digits(10)}`, verhoeffValid);
      if (aadhaarValid(a)) return `${a.slice(0, 4)} ${a.slice(4, 8)} ${a.slice(8)}`;
    }
  };
  const cnId = (): string => {
    // A GB/T 2260 province code (random two-digit codes such as 19 or 27 are no province).
    const body = `${pick(["11", "12", "31", "32", "33", "44", "51", "65"])}${digits(4)}${int(1950, 2005)}${String(int(1, 12)).padStart(2, "0")}${String(int(1, 28)).padStart(2, "0")}${digits(3)}`;
    for (const c of "0123456789X") if (chinaResidentIdValid(body + c)) return body + c;
    return `${body}0`;
  };
  const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(65 + int(0, 25))).join("");
  const pan = (): string => `${letters(3)}${pick(["P", "C", "H", "F"])}${letters(1)}${digits(4)}${letters(1)}`;
  const nino = (): string => `${pick(["AB", "CE", "JK", "PR", "TW"])}${digits(6)}${pick(["A", "B", "C", "D"])}`;
  const ip = (): string => `${int(11, 99)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  const email = (): string =>
    `${pick(["anna", "li.wei", "j_smith", "m.garcia"])}${int(1, 999)}@${pick(["gmail.com", "acme.io", "uni-bonn.de"])}`;
  // Numbers valid in their country's numbering plan (random digits mostly are not: +1 006 … has no area code).
  const phone = (): string => {
    for (;;) {
      const number = `+${pick(["1", "44", "49", "91"])} ${digits(3)} ${digits(3)} ${digits(4)}`;
      if (isValidPhoneNumber(number)) return number;
    }
  };
  const dob = (): string =>
    `${int(1940, 2005)}-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`;
  const passport = (): string => `${letters(1)}${digits(8)}`;

  const positives: readonly (() => LabelledRow)[] = [
    () => ({ text: `Customer paid with card ${card()} on the web shop.`, expected: ["credit_card"] }),
    () => ({ text: `Please transfer the refund to IBAN ${iban()} by Friday.`, expected: ["iban"] }),
    () => ({ text: `Applicant SSN: ${ssn()}, verified by HR.`, expected: ["us_ssn"] }),
    () => ({ text: `Aadhaar ${aadhaar()} was submitted for KYC.`, expected: ["aadhaar"] }),
    () => ({ text: `Resident ID ${cnId()} appears on the contract.`, expected: ["cn_resident_id"] }),
    () => ({ text: `Tax form lists PAN ${pan()} for the vendor.`, expected: ["in_pan"] }),
    () => ({ text: `National Insurance number ${nino()} on the payslip.`, expected: ["uk_nino"] }),
    () => ({ text: `Login from ${ip()} flagged by the firewall.`, expected: ["ip_address"] }),
    () => ({ text: `Contact ${email()} about the invoice.`, expected: ["email"] }),
    () => ({ text: `Call me back on ${phone()} after six.`, expected: ["phone"] }),
    () => ({ text: `Patient DOB ${dob()} recorded at intake.`, expected: ["date_of_birth"] }),
    () => ({ text: `Passport no. ${passport()} expires next year.`, expected: ["passport"] }),
    () => ({ text: ssn(), field: "ssn", expected: ["us_ssn"] }),
    () => ({ text: dob(), field: "date_of_birth", expected: ["date_of_birth"] }),
  ];
  const negatives: readonly (() => LabelledRow)[] = [
    () => ({ text: `Order ORD-${digits(4)}-${digits(6)} shipped in ${int(2, 9)} days.`, expected: [] }),
    () => ({ text: `Event at unix time ${int(1_600_000_000, 1_800_000_000)}${digits(3)} ms.`, expected: [] }),
    () => ({ text: `ISBN 978-${digits(1)}-${digits(3)}-${digits(5)}-${digits(1)} is out of print.`, expected: [] }),
    () => ({
      text: `Tracking number ${withCheck(`4${digits(14)}`, (s) => !luhnValid(s))} is not a card.`,
      expected: [],
    }),
    () => ({ text: `Write to support@example.com or ops@service.test for help.`, expected: [] }),
    () => ({
      text: `The router at 192.168.${int(0, 255)}.${int(1, 254)} and 10.0.${int(0, 9)}.1 rebooted.`,
      expected: [],
    }),
    () => ({ text: `Invoice date 2023-02-${int(29, 31)} was rejected.`, expected: [] }),
    () => ({ text: `Meeting on ${dob()} moved to the big room.`, expected: [] }),
    () => ({ text: `Ticket ${digits(3)}-${digits(2)}-${digits(4)} was closed by the bot.`, expected: [] }),
    () => ({ text: `Build ${letters(2)}${digits(6)}${pick(["A", "B"])} passed all tests.`, expected: [] }),
    () => ({ text: `IBAN DE00${digits(18)} failed validation.`, expected: [] }),
    () => ({ text: `Call std::vector<int>::size() in a loop of ${int(2, 99)} items.`, expected: [] }),
    () => ({
      text: `Version 2.${int(0, 9)} shipped with ${int(10, 99)} fixes and a 4-${digits(3)} ms speedup.`,
      expected: [],
    }),
    () => ({ text: `The quick brown fox jumps over the lazy dog ${int(1, 9)} times.`, expected: [] }),
  ];
  return Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? pick(positives) : pick(negatives))());
}

export interface EntityScore {
  readonly entity: Entity;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
}

/** Per-entity precision and recall of `find` over a labelled corpus (counted per row and entity). */
export function score(
  rows: readonly LabelledRow[],
  entities: readonly Entity[],
  find: (text: string, field?: string) => readonly { entity: Entity }[],
): EntityScore[] {
  const counts = new Map(entities.map((e) => [e, { tp: 0, fp: 0, fn: 0 }]));
  for (const row of rows) {
    const found = find(row.text, row.field).map((m) => m.entity);
    for (const entity of entities) {
      const c = counts.get(entity) as { tp: number; fp: number; fn: number };
      const expected = row.expected.filter((e) => e === entity).length;
      const got = found.filter((e) => e === entity).length;
      c.tp += Math.min(expected, got);
      c.fp += Math.max(0, got - expected);
      c.fn += Math.max(0, expected - got);
    }
  }
  return entities.map((entity) => {
    const c = counts.get(entity) as { tp: number; fp: number; fn: number };
    return {
      entity,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
      recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
    };
  });
}
