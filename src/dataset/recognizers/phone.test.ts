import { isValidPhoneNumber } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { type Entity, findPii } from "./index.js";
import { internationalPhoneValid, NationalFit, nationalFit } from "./phone.js";

/** The entities found in `text` (optionally from column `field`), in order. */
const entities = (text: string, field?: string): Entity[] =>
  findPii(text, field === undefined ? {} : { field }).map((m) => m.entity);

describe("phones in international notation (ITU-T E.164: '+', '00' or '011', then the country code)", () => {
  it.each([
    "Forwarded to +44 20 7123 4567.",
    "Escalated to +61 412 345 678.",
    "id,note,city\n7,+31 20 123 4567,Utrecht",
    "+33 6 12 34 56 78",
    "Moved to +49 (0)30 1234 5678 last week",
    "Forwarded to 0044 20 7123 4567.",
    "Forwarded to 00 49 30 1234 5678 yesterday",
    "Dial 011 44 20 7123 4567 from the US",
    // Mexico's mobile "1" after the country code, written until the 2019 numbering reform.
    "Escalated to +52 1 33 3007 7520",
  ])("are phones wherever they stand, with or without a phone word: %j", (text) => {
    expect(entities(text)).toEqual(["phone"]);
  });

  it("take the country code's number space, not only the ranges the metadata lists as allocated", () => {
    // 275 is no NANP area code in service, but [2-9]XX [2-9]XX XXXX is the plan's structure (NANPA).
    expect(isValidPhoneNumber("+12756142750")).toBe(false);
    expect(entities("Escalated to +1 (275) 614 2750.")).toEqual(["phone"]);
    // Nine national digits after +49 151: outside the allocated mobile block, inside Germany's plan.
    expect(isValidPhoneNumber("+491511234567")).toBe(false);
    expect(internationalPhoneValid("+49 151 1234567")).toBe(true);
  });

  it("reject what no plan of the country code holds, N11 service codes and fiction", () => {
    expect(entities("Escalated to +1 006 223 5860")).toEqual([]); // area codes start 2–9
    expect(entities("Escalated to +1 (212) 411 2750")).toEqual([]); // 411 is a service code
    expect(entities("Escalated to +1 (212) 555 0123")).toEqual([]); // 555-01XX is fiction
    expect(entities("Escalated to +999 1234 5678")).toEqual([]); // 999 is no calling code
  });

  it("read '00' run together with the number, or after another number's label, as no phone without a word", () => {
    expect(entities("Batch 00441234567890 archived")).toEqual([]);
    expect(entities("My order number is 0043 9766 6035 7507.")).toEqual([]);
    expect(entities("phone 00442071234567")).toEqual(["phone"]);
  });
});

describe("phones in national notation with a phone word (the country unknown: any plan of the metadata)", () => {
  it.each([
    "Handynummer: 0171 2345678",
    "cellulare 347 123 4567",
    "portable : 06 12 34 56 78",
    "teléfono 612 345 678",
    "telefone (11) 91234-5678",
    "telefoon 06-12345678",
    "mobiel 06 12345678",
    "telefon 601 234 567",
    "komórka 512 345 678",
    "telemóvel 912 345 678",
    "电话 139 1234 5678",
    "電話 090-1234-5678",
    "전화 010-2345-6789",
    "телефон 8 (912) 345-67-89",
    "tel 03(1234)5678",
    "phone 011 2345 6789",
    // "Callback", "reachable", "call me" and "contact" in more languages.
    "Rückruf an 0179 586 52245 erbeten.",
    "Ik ben bereikbaar op 06 47 56 34 10.",
    "Bel me op 06 47 56 34 10.",
    "Je suis joignable au 06 12 34 56 78.",
    "Sono raggiungibile al 347 123 4567.",
    "Beni 0532 123 45 67 numarasından arayın.",
    "संपर्क: 98765 43210",
  ])("%j", (text) => {
    expect(entities(text)).toEqual(["phone"]);
  });

  it("when the phone word follows other items of a list", () => {
    expect(entities("Contact: a.b@mailbox.org, date of birth 02/03/1980, mobile 0171 2345678")).toEqual([
      "email",
      "date_of_birth",
      "phone",
    ]);
  });

  it("when the column says phone: its name, or its header in a CSV-like text", () => {
    expect(entities("612 345 678", "mobile")).toEqual(["phone"]);
    expect(entities("id,mobile,city\n3,612 345 678,Madrid")).toEqual(["phone"]);
    expect(entities("id,amount,city\n3,612 345 678,Madrid")).toEqual([]);
    // A CSV-like text stored in a column named for nothing (its own column's name says nothing about the cells).
    expect(entities("id;Name;Telefonnummer\n1289;S. Johnson;06 2916 0226", "export")).toEqual(["phone"]);
  });

  it("take a NANP number on its structure once a phone word names it", () => {
    expect(entities("Mobile: (275) 614-2750")).toEqual(["phone"]);
    expect(entities("Mobile: (275) 014-2750")).toEqual([]); // exchange codes start 2–9
  });

  it("read a bracketed area code from 0 or 1 in the other plans, not as a NANP one", () => {
    expect(entities("携帯: (011) 356-4138")).toEqual(["phone"]); // Sapporo
    expect(entities("Tel: (021) 3456-7890")).toEqual(["phone"]);
    expect(entities("Phone: (214) 135-1344")).toEqual([]); // a NANP area code: the NANP's rules alone
  });

  it("when the column is an MSISDN's (GSM 03.03: the subscriber's phone number)", () => {
    expect(entities("(21) 98219-5686", "msisdn")).toEqual(["phone"]);
    expect(entities("020 3623 4148", "subscriber_msisdn")).toEqual(["phone"]);
  });

  it("after the one-letter labels of a signature's contact lines, alone at the start of the line", () => {
    expect(entities("Best regards,\nDavid Johnson\nSales Manager\nM: 310 424 4190")).toEqual(["phone"]);
    expect(entities("Met vriendelijke groet,\nEmma Visser\nT 010 9089752")).toEqual(["phone"]);
    expect(entities("Jane Doe\nP: 020 8599 6446\nF: 020 8599 6447")).toEqual(["phone", "phone"]);
    expect(entities("Size M: 0157 01760501")).toEqual([]);
    expect(entities("Item T 010 9089752")).toEqual([]);
    expect(entities("A: 020 8599 6446")).toEqual([]);
    expect(entities("010 9089752", "T")).toEqual([]); // "T" as a column name says nothing
  });
});

describe("numbers introduced as something else are no phones", () => {
  it.each([
    "Order 030 12345678 shipped",
    "Reference 06 12 34 56 78",
    "Expediente 0171 2345678",
    "Referentie 06-12345678 bijgewerkt",
    "We will call you. Invoice 0171 2345678 is due.",
    "Call us, order no. 0171 2345678 is ready",
    "电话未提供。工单 010-1234 5678",
    "SSN 123-45-6789",
    "ABN 51 824 753 556",
  ])("%j", (text) => {
    expect(entities(text)).not.toContain("phone");
  });

  it.each([
    "Call logged 2024-03-05 14:22",
    "phone call at 12.03.2024 15:30:10",
    "Mobile app build 20240305 1422",
    "Call duration 1712345678901 ms",
    "phone 1712345678",
    "Tel: 555-0123", // NANPA 555-01XX is fiction, with or without the area code
  ])("times, Unix times and fiction are none, even after a phone word: %j", (text) => {
    expect(entities(text)).not.toContain("phone");
  });

  it("an SSA-shaped 3-2-4 group is no phone, whatever word stands before it", () => {
    expect(entities("phone 123-45-6789")).toEqual([]);
    expect(entities("mobile 212 45 6789")).toEqual([]);
  });

  it('a "dialogue" column is a conversation, not a number to dial', () => {
    expect(entities("Value 676.32.241.141.", "dialogue")).toEqual([]);
    expect(entities("dial 0171 2345678")).toEqual(["phone"]);
  });
});

describe("phones in national notation without a phone word", () => {
  it.each([
    "Copied 030 12345678 from the form",
    "Copied (0171) 2345678 today",
    "Copied 0412 345 678 today",
    "Copied 8 (912) 345-67-89 today",
    "Copied 03(1234)5678 today",
    "See above (613-834-2744).",
    "Copied 0301 2345 678 from the form",
    "Copied 612 345 678 from the form",
    "Copied 004 612 345 678 today", // "00" + "4…" reads as +46: the written group is no calling code
  ])("are not reported, however they are grouped: %j", (text) => {
    expect(entities(text)).toEqual([]);
  });

  it.each([
    "Copied 030 12345678 from her mobile",
    "0412 345 678 is the number of his Handy",
    "See above (613-834-2744, cell).",
  ])("are reported with a phone noun after them in the same sentence: %j", (text) => {
    expect(entities(text)).toEqual(["phone"]);
  });

  it("take no verb after them for a label, nor a word in the next sentence", () => {
    expect(entities("Copied 030 12345678 during the call")).toEqual([]);
    expect(entities("Copied 030 12345678. The mobile app crashed")).toEqual([]);
  });

  it("fit the plans as bits: valid in one, marked by its format", () => {
    expect(nationalFit("030 12345678", NationalFit.Marked)).toBe(NationalFit.Marked);
    expect(nationalFit("0301 2345 678", NationalFit.Marked)).toBe(0);
    expect(nationalFit("0301 2345 678", NationalFit.Valid)).toBe(NationalFit.Valid);
    expect(nationalFit("612 345 678", NationalFit.Marked | NationalFit.PossibleMarked)).toBe(0);
  });
});
