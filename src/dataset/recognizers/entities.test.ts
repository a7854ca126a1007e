import { isValidPhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { wrapGreedily } from "../../../test/helpers/wrap.js";
import { WordCounter } from "../words.js";
import { ENTITIES, type Entity, findPii, PiiHint, type PiiMatch, scanForPii, TIERS } from "./index.js";
import { e164Valid } from "./phone.js";
import { luhnValid, verhoeffValid } from "./validators.js";

/** The check digit that makes `prefix` valid under `valid` (one exists for Verhoeff). */
function complete(prefix: string, valid: (s: string) => boolean): string {
  for (let d = 0; d <= 9; d++) if (valid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error(`no check digit completes ${prefix}`);
}

/** The entities found in `text` (optionally from column `field`), in order. */
const entities = (text: string, field?: string): Entity[] =>
  findPii(text, field === undefined ? {} : { field }).map((m) => m.entity);

/** The text each match covers (tests only: the product reports positions, never text). */
const spans = (text: string, matches: readonly PiiMatch[]): string[] => matches.map((m) => text.slice(m.start, m.end));

/** Every single-digit substitution of `s` (digits only, separators kept). */
function substitutions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!/\d/.test(s[i] as string)) continue;
    for (let d = 0; d <= 9; d++) if (String(d) !== s[i]) out.push(`${s.slice(0, i)}${d}${s.slice(i + 1)}`);
  }
  return out;
}

/** An IBAN with its ISO 7064 mod-97 check digits computed here (98 − (BBAN + country + "00") mod 97). */
function withIbanCheck(country: string, bban: string, grouped = false): string {
  let remainder = 0;
  for (const c of `${bban}${country}00`) {
    const value = Number.parseInt(c, 36);
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  const iban = `${country}${String(98 - remainder).padStart(2, "0")}${bban}`;
  return grouped ? (iban.match(/.{1,4}/g) ?? []).join(" ") : iban;
}

/**
 * Published examples (issuers' documentation, standards, or the test numbers the issuers give), each with the
 * context a writer would put before it. Each is found, and every single-digit error in it is not.
 */
const CHECKSUMMED: readonly [Entity, string, string, number?][] = [
  ["uk_nhs", "NHS number", "943 476 5919"], // NHS Digital example
  ["es_dni", "DNI", "12345678Z"],
  ["es_dni", "NIE", "X1234567L"],
  ["nl_bsn", "BSN", "111222333"],
  ["fr_nir", "numéro de sécurité sociale", "2 84 05 75 123 456 72"],
  ["it_fiscal_code", "codice fiscale", "RSSMRA85T10A562S"],
  ["pl_pesel", "PESEL", "44051401359"],
  ["se_personnummer", "personnummer", "811218-9876"], // Skatteverket's example
  ["de_tax_id", "Steuer-ID", "86095742719"],
  ["be_national_number", "rijksregisternummer", "85.07.30-033.28"],
  ["ca_sin", "SIN", "130 692 544"],
  ["au_tfn", "TFN", "123 456 782"],
  ["au_medicare", "Medicare card", "2123 45670 1", 1], // the last digit is the card's issue number, unchecked
  ["sg_nric", "NRIC", "S1234567D"],
  ["us_npi", "NPI", "1245319599"],
  ["us_aba_routing", "routing number", "021000021"],
  // The registry's own examples are documentation (not reported): these carry other BBANs of the same layouts.
  ["iban", "IBAN", withIbanCheck("GB", "WEST12345698765433", true)],
  ["iban", "IBAN", withIbanCheck("FR", "2004101005050001304M606")],
  ["iban", "IBAN", withIbanCheck("MU", "BOMM0101101030300200001MUR")],
  ["iban", "IBAN", withIbanCheck("BR", "00360305000010009795494C1")],
  ["iban", "IBAN", withIbanCheck("SC", "SSCB11010000000000001498USD")],
  ["iban", "IBAN", withIbanCheck("QA", "DOHB00001234567890ABCDEFH")],
  ["aadhaar", "Aadhaar", "2341 2341 2346"],
  ["cn_resident_id", "身份证", "11010519491231002X"],
  ["credit_card", "card", "4539 1488 0343 6467"],
];

describe("identifiers with check digits", () => {
  it.each(CHECKSUMMED)("%s: '%s %s' is found, whole", (entity, context, value) => {
    const text = `${context} ${value}.`;
    const matches = findPii(text);
    expect(matches.map((m) => m.entity)).toEqual([entity]);
    expect(spans(text, matches)).toEqual([value]);
    expect(matches[0]?.tier).toBe("A");
  });

  it.each(CHECKSUMMED)("%s: no single-digit error of %s is taken for one", (entity, context, value, unchecked = 0) => {
    const checked = value.length - (unchecked === 0 ? 0 : unchecked + 1);
    for (const wrong of substitutions(value.slice(0, checked)).map((w) => w + value.slice(checked))) {
      expect(entities(`${context} ${wrong}.`), wrong).not.toContain(entity);
    }
  });

  it("take no card number from an IBAN's account groups, even when its own checksum fails", () => {
    expect(entities("IBAN LU10 3820 7375 2213 3080")).toEqual([]);
    expect(entities("card 3820 7375 2213 3080")).toEqual(["credit_card"]);
    expect(entities("Paid with MC51 5325 6377 0041 0695 (expires 01/26).")).toEqual(["credit_card"]);
  });
});

describe("Korean resident registration numbers", () => {
  it("carry a check digit until October 2020: without a context word only a valid one is reported", () => {
    expect(entities("번호 800101-1234560")).toEqual(["kr_rrn"]);
    expect(entities("번호 800101-1234561")).toEqual([]);
    // Numbers issued since carry random final digits; they are not reported (the check digit is required).
    expect(entities("주민등록번호 800101-1234561")).toEqual([]);
    expect(entities("주민등록번호 800101-1234560")).toEqual(["kr_rrn"]);
  });
});

describe("identifiers with a grammar and no check digit", () => {
  it.each([
    ["us_ssn", "SSN 536-90-4399"],
    ["us_ssn", "SS# 536 90 4399"],
    ["us_ssn", "social security number: 536904399"],
    ["us_itin", "ITIN 912-70-1234"],
    ["us_mbi", "Medicare ID 1EG4-TE5-MK73"], // CMS's example MBI
    ["uk_nino", "NI number AB 12 34 56 C"],
    ["in_pan", "PAN ABCPE1234F"],
    ["passport", "Passport: L898902C3"], // ICAO 9303 specimen
    ["passport", "Reisepass-Nr. C01X00T47"],
    ["passport", "passeport n° 12AB34567"],
    ["passport", "pasaporte PAA123456"],
    ["uk_nino", "NI number AB 123456 C"], // HMRC prints the six digits as one group too
    ["uk_nino", "NINO AB-12-34-56-C"],
    ["passport", "paszport AB1234567"],
    ["passport", "Paspoortnummer SPECI2014"], // the Dutch specimen's document number
    ["passport", "Passinumero AB1234567"],
    ["passport", "Útlevél száma: AB1234567"],
    ["passport", "Číslo pasu 12345678"],
    ["passport", "Số hộ chiếu B1234567"],
    ["passport", "여권번호 M12345678"],
    ["passport", "パスポート番号 TK1234567"],
    ["passport", "पासपोर्ट संख्या K1234567"],
    ["passport", "رقم جواز السفر A1234567"],
    ["passport", "מספר דרכון 12345678"],
    ["passport", "Mein Pass: C01X00T47"],
    // Germany's serial alphabet (no vowels, no B D Q S) and the Dutch layout (final digit) tell a number with a
    // single digit from a word.
    ["us_ssn", "amerikanskt socialförsäkringsnummer 536 90 4399"],
    ["us_ssn", "numéro de sécurité sociale américain : 536904399"],
    ["us_ssn", "美国社保号：536904399"],
    ["passport", "Reisepassnummer CFGHJKLM1"],
    ["passport", "paspoort NXRPKTLM4"],
    ["us_driver_license", "driver's license D123-4567-8901"],
  ] as const)("%s in %j", (entity, text) => {
    expect(entities(text)).toEqual([entity]);
  });

  it("reject SSNs the SSA never issues: area 000, 666, 9xx; group 00; serial 0000; advertised examples", () => {
    for (const ssn of [
      "000-12-3456",
      "666-12-3456",
      "912-34-5678",
      "123-00-4567",
      "123-45-0000",
      "078-05-1120",
      "457-55-5462",
    ]) {
      expect(entities(`SSN ${ssn}`), ssn).not.toContain("us_ssn");
    }
  });
});

describe("context: a word in the same sentence, or the column name", () => {
  it("does not reach across a sentence boundary", () => {
    expect(entities("My SSN is on file. Ticket 536-90-4399 was closed.")).toEqual([]);
    expect(entities("Her passport expired. Order K1234567 shipped.")).toEqual([]);
    expect(entities("Please call me. Invoice 030 12345678 attached.")).toEqual([]);
  });

  it("reads abbreviations as part of the sentence", () => {
    expect(entities("D.O.B. 03/12/1980")).toEqual(["date_of_birth"]);
    expect(entities("Passport no. V74392348 expires")).toEqual(["passport"]);
    expect(entities("Mr. Smith, b. 12.03.1961, lives here")).toEqual(["date_of_birth"]);
    expect(entities("U.S. Passport L898902C3 on file")).toEqual(["passport"]);
  });

  it("ends a sentence at an acronym's stop before a capitalised word: the label stays in its sentence", () => {
    expect(entities("We still need the SSN. Ticket 536-90-4399 is open.")).toEqual([]);
    expect(entities("Please send the NHS number. Meanwhile 943 476 5919 was logged.")).toEqual([]);
    expect(entities("Please send the BSN. Meanwhile 111222333 was logged.")).toEqual([]);
    expect(entities("Ask for the DOB. Invoice 28.07.1984 is paid.")).toEqual([]);
    // The acronym still introduces a value that follows it: a digit or a code is no new sentence.
    expect(entities("SSN. 536-90-4399")).toEqual(["us_ssn"]);
    expect(entities("NINO. AB123456C")).toEqual(["uk_nino"]);
  });

  it("ends a sentence after a closing bracket or quote, a doubled stop and an ellipsis", () => {
    expect(entities("Missing: social security number (SSN). Ticket 536-90-4399 is open.")).toEqual([]);
    expect(entities("We still need the passport no.. Order K1234567 shipped.")).toEqual([]);
    expect(entities("Passport pending\u2026 Order K1234567 shipped.")).toEqual([]);
  });

  it("ends a sentence at the ideographic full stop and the danda, and between sentences of caseless scripts", () => {
    expect(entities("请提供护照。编号 L898902C3")).toEqual([]);
    expect(entities("护照号码 L898902C3")).toEqual(["passport"]);
    expect(entities("パスポートを更新しました。注文 L898902C3")).toEqual([]);
    expect(entities("पासपोर्ट जमा है। टिकट L898902C3")).toEqual([]);
    expect(entities("생년월일을 확인했습니다. 주문 1984.07.28")).toEqual([]);
  });

  it("reads the abbreviations of the labels themselves as part of the sentence (Soc. Sec. No., Nat. Ins. No.)", () => {
    expect(entities("Verified Soc. Sec. No.: 536-90-4399 (checked)")).toEqual(["us_ssn"]);
    expect(entities("Nat. Ins. No. AB 12 34 56 C")).toEqual(["uk_nino"]);
    expect(entities("Ref. Nat. Ins. AB123456C")).toEqual(["uk_nino"]);
  });

  it('takes "NI" right before a NINO as its label, and "my social" as an SSN\'s', () => {
    expect(entities("Starter form: Jane Roe, NI AB123456C")).toEqual(["uk_nino"]);
    expect(entities("Claimant Jane Roe, NI: AB 123456 C")).toEqual(["uk_nino"]);
    expect(entities("my social is 536-90-4399")).toEqual(["us_ssn"]);
    // "NI" further back, or "social" of something else, is no label.
    expect(entities("NI office visit, reference AB123456C")).toEqual([]);
    expect(entities("my social media id 536 90 4399")).toEqual([]);
  });

  it("takes an SSN written as the SSA prints it (3-2-4 with hyphens, a token of its own) without a word", () => {
    // Presidio's US SSN recognizer scores the dashed layout alone as a medium-confidence match, too.
    expect(entities("Linda Garcia, 733-22-4545, 7156 Maple Ave, Austin, TX 78701")).toContain("us_ssn");
    expect(entities("Michael Garcia,041-99-0036,1966-02-22")).toEqual(["us_ssn"]);
    // Spaced or contiguous, nine digits need the word; so does a 3-2-4 joined to a longer code or a part's label.
    expect(entities("Michael Garcia,041 99 0036")).toEqual([]);
    expect(entities("Part 557-06-5716-P in stock")).toEqual([]);
    expect(entities("Item A-557-06-5716 shipped")).toEqual([]);
    expect(entities("Part no. 450-25-2232 is back in stock.")).toEqual([]);
    expect(entities("Order 536-90-4399 shipped")).toEqual([]);
    expect(entities("Ref #536-90-4399")).toEqual([]);
  });

  it("keeps a question with its answer", () => {
    expect(entities("Your SSN? It is 536-90-4399.")).toEqual(["us_ssn"]);
  });

  it("reads a label after the value in the same clause (verb-final languages, apposition)", () => {
    expect(entities("536-90-4399 is my SSN")).toEqual(["us_ssn"]);
    expect(entities("L898902C3 (passport)")).toEqual(["passport"]);
    expect(entities("1984年7月28日生まれ")).toEqual(["date_of_birth"]);
    expect(entities("AB123456C is her National Insurance number")).toEqual(["uk_nino"]);
    // The clause ends at a comma, a stop or the next value: a later item's label does not reach back.
    expect(entities("Ticket 536904399, passport pending")).toEqual([]);
    expect(entities("Ticket 536-90-4399 closed. SSN pending.")).toEqual([]);
    expect(entities("Ticket 536-90-4399 and 78 SSN forms")).toEqual([]);
  });

  it("takes the nearest of several labels before a value", () => {
    // 200-11-2348 is a well-formed SSN, and a 9-digit passport number: the label right before it decides.
    expect(entities("SSN 536-90-4399, passport 200112348")).toEqual(["us_ssn", "passport"]);
    expect(entities("passport 200112348, SSN 536-90-4399")).toEqual(["passport", "us_ssn"]);
  });

  it.each([
    ["SSN-Nummer: 536-90-4399", "us_ssn"],
    ["Numer SSN 536-90-4399", "us_ssn"],
    ["US-Sozialversicherungsnummer (SSN) 536-90-4399", "us_ssn"],
    ["número de seguridad social 536-90-4399", "us_ssn"],
    ["National-Insurance-Nummer AB123456C", "uk_nino"],
    ["NI-Nummer AB 12 34 56 C", "uk_nino"],
    ["Tax-File-Number 123 456 782", "au_tfn"],
    ["Date-of-birth: 28.07.1984", "date_of_birth"],
    ["Burger-service-nummer 111222333", "nl_bsn"],
    ["Reisepass-Nr. C01X00T47", "passport"],
    ["Pass-Nummer C01X00T47", "passport"],
    // Keys in snake case, as JSON, YAML, logs and key=value text write them.
    ['{"social_security_number": "536-90-4399"}', "us_ssn"],
    ["ssn_no=536904399", "us_ssn"],
    ["date_of_birth: 1984-07-28", "date_of_birth"],
    ["S.S.N. 536-90-4399", "us_ssn"],
    ["né(e) le 3 mars 1980", "date_of_birth"],
  ] as const)("matches a label glued by hyphens or brackets: %j", (text, entity) => {
    expect(entities(text)).toEqual([entity]);
  });

  it.each([
    ["ssn", "536 90 4399", "us_ssn"],
    ["SSN", "536904399", "us_ssn"],
    ["date_of_birth", "28.07.1984", "date_of_birth"],
    ["dob", "July 10, 1974", "date_of_birth"],
    ["birthDate", "1984-07-28", "date_of_birth"],
    ["passport_no", "L898902C3", "passport"],
    ["phone", "3129944962", "phone"],
    ["mobile_number", "07911123456", "phone"],
    ["nhs_number", "9434765919", "uk_nhs"],
    ["bsn", "111222333", "nl_bsn"],
    ["pesel", "44051401359", "pl_pesel"],
    ["routing_number", "021000021", "us_aba_routing"],
    ["npi", "1245319599", "us_npi"],
    ["tfn", "123456782", "au_tfn"],
    ["sin", "130692544", "ca_sin"],
    ["driver_license", "D1234567", "us_driver_license"],
  ] as const)("a %s column stands in for the context word of %s", (field, value, entity) => {
    expect(entities(value, field)).toEqual([entity]);
    expect(entities(value, "notes")).toEqual([]);
  });

  it("reads a form's label on the line above its value (the value alone on its line)", () => {
    expect(entities("KYC FORM\n\nName :  J. Al-Sayed\nNINO :\n   TL 66 90 92 A\n")).toEqual(["uk_nino"]);
    expect(entities("APPLICATION FORM\r\nSIN :\r\n   311 020 861")).toEqual(["ca_sin"]);
    // Not a label: a sentence above, or the value after other text on its line.
    expect(entities("I was asked about my SIN.\n311 020 861")).toEqual([]);
    expect(entities("SIN :\nref 311 020 861")).toEqual([]);
  });

  it("reads keys in camel case as words", () => {
    expect(entities('{"msg":"request","nhsNumber":"943 476 5919"}')).toEqual(["uk_nhs"]);
    expect(entities("| nhsNumber | 943 476 5919 |")).toEqual(["uk_nhs"]);
    expect(entities('NHSNUMBER = "943 476 5919"')).toEqual(["uk_nhs"]);
  });

  it("takes the last label before a value: another entity's or another number's word after the entity's is that", () => {
    expect(entities("passport_no=[PASSPORT] ni_number=QQ123456C")).toEqual([]);
    expect(entities('"passport_number":"N/A","account_ref":"ref 239975618"')).toEqual([]);
    expect(entities('ssn=078-05-1120 customer_id="ref 676258272"')).toEqual([]);
    // A word both entities share is the entity's own ("tax id" names an ITIN too).
    expect(entities("ITIN (tax id): 912-78-1234")).toEqual(["us_itin"]);
  });

  it("ends a sentence after a code ending in a capital and a digit", () => {
    expect(entities("Hello, Booking reference 6W2UK9. My SSN is 321-98-8254 please fix")).toEqual(["us_ssn"]);
  });

  it("takes no placeholder for a number: one digit repeated, or counted from 1", () => {
    expect(entities("Passport number: 000000000.")).toEqual([]);
    expect(entities("tel=123-456-7890")).toEqual([]);
    expect(entities("| phone | 123-456-7890 |")).toEqual([]);
  });
});

describe("text holding a table: the header names the columns of the rows below it", () => {
  it.each([
    ["id,social_security_number,city\n1,536904399,Leeds", "us_ssn"],
    ["id;ni_number;city\n1;AB123456C;Leeds", "uk_nino"],
    ["id\tdate_of_birth\tcity\n1\t1984-07-28\tLeeds", "date_of_birth"],
    ['"id","passport_no"\r\n"1","L898902C3"', "passport"],
    ["Name,NHS number\nA. Kumar,943 476 5919", "uk_nhs"],
    ["id,Date of Birth,city\n1,10 July 1974,Leeds", "date_of_birth"],
    ["id|name|nhs_no|city\n6745|R. Kumar|943 476 5919|Madrid", "uk_nhs"],
    ["| id | ssn | city |\n|---:|:---|---|\n| 1 | 536 90 4399 | Leeds |", "us_ssn"],
    ["| id | ssn | city |\r\n| --- | --- | --- |\r\n| 1 | 536 90 4399 | Leeds |", "us_ssn"],
  ] as const)("%j", (text, entity) => {
    expect(entities(text)).toEqual([entity]);
  });

  it("gives each cell its own column's name only", () => {
    const text = "ssn,ticket\n536 90 4399,536 90 4400\n536 90 4401,536 90 4402";
    const matches = findPii(text);
    expect(spans(text, matches)).toEqual(["536 90 4399", "536 90 4401"]);
  });

  it("reads a spreadsheet pasted as text (cells split by tabs or runs of spaces) and an SQL INSERT's columns", () => {
    expect(entities("Name   SIN    City\nS. Kowalski\t311 020 861\tMadrid")).toEqual(["ca_sin"]);
    expect(entities("Name\tsocial security no \t City\nS. Bianchi   536 90 4399")).toEqual(["us_ssn"]);
    expect(entities("insert into t (`id`, `ssn`) values (1, '536904399'), (2, '536904400');")).toEqual([
      "us_ssn",
      "us_ssn",
    ]);
    expect(entities("INSERT INTO orders (id, total) VALUES ('536904399', NULL);")).toEqual([]);
  });

  it("counts a Markdown row's cells after its opening pipe", () => {
    const text = "| ticket | ssn |\n|---|---|\n| 536 90 4400 | 536 90 4399 |";
    expect(spans(text, findPii(text))).toEqual(["536 90 4399"]);
  });

  it("reads no header from a first line that is prose, a single name, or not followed by a row of cells", () => {
    expect(entities("Hello, here is my ssn!\n536 90 4399")).toEqual([]);
    expect(entities("ssn\n536 90 4399")).toEqual([]);
    expect(entities("id,ssn,city\n536 90 4399")).toEqual([]);
  });
});

describe("dates of birth", () => {
  it.each([
    "Date of birth: 28.07.1984",
    "born on 10 July 1974 in Leeds",
    "born 10th of July, 1974",
    "DOB 1984/07/28",
    "DOB: 28-07-1984",
    "né le 3 mars 1980 à Lyon",
    "fecha de nacimiento: 10 de julio de 1974",
    "geboren am 10. Juli 1974",
    "Geburtsdatum 28.07.1984",
    "data di nascita 28/07/1984",
    // The field's name on civil-status documents and forms, in other languages (CLDR; national ID cards).
    "Nació el 10 de julio de 1974.",
    "Doğum tarihi: 28.07.1984",
    "Datum narození 28.07.1984",
    "Fødselsdato 28.07.1984",
    "Syntymäaika 28.07.1984",
    "Születési dátum 1984.07.28",
    "Data nașterii 28.07.1984",
    "Tanggal lahir 28-07-1984",
    "Ngày sinh 28/07/1984",
    "जन्म तिथि 28/07/1984",
    "Ημερομηνία γέννησης 28/07/1984",
    "Дата народження 28.07.1984",
    "تاريخ الميلاد 28/07/1984",
    "生年月日 1984年7月28日",
    "出生日期：1984年7月28日",
    // Korean writes year, month and day with 년 월 일 (CLDR ko yMMMd: "y년 MMM d일"), or "y. M. d.".
    "생년월일: 1984년 7월 28일",
    "생년월일: 1984. 7. 28.",
    // Months written out in more languages (CLDR month names), and Hungarian's year-first order.
    "Születési dátum: 1974. július 10.",
    "født 10. marts 1974",
    "Doğum tarihi 10 Temmuz 1974",
    "narozen 10. července 1974",
    "Tanggal lahir 10 Agustus 1974",
    "syntynyt 10. heinäkuuta 1974",
    "Дата народження 10 липня 1974",
    // Day-month-year with a month abbreviation between hyphens, Japanese era years (CLDR ja-u-ca-japanese
    // GGGGy年M月d日; 元年 is an era's first year), and the short labels of forms (FR "DDN", PT "DN", KO "생일").
    "date of birth: 23-Feb-1986",
    "生年月日: 昭和47年1月9日",
    "生年月日 平成元年5月3日",
    "DDN : 03.11.1963",
    "Nome: Ana; DN: 16/02/1943",
    "생일: 1963. 11. 17.",
    "data_nascita: 1987-06-09",
    // Labels in snake case before written dates (key=value logs, JSON), and abbreviated months in capitals.
    "update ok birth_date=30 april 1996 req_id=1b83d66e",
    "birth_date=Mar. 13, 1951",
    "birth_date=23-SEP-1980",
    '{"user":{"date_of_birth":"1958年6月17日","active":true}}',
    // Eight digits written together (ISO 8601 basic, HL7 v2 DT; day or month first on forms).
    "Date of Birth 19421220",
    "Patient: N. Zhang, DOB 09011993, MRN 9527059",
    // Roman-numeral months (PL, IT, HU, RO), and Polish "ur." (urodzony, born).
    "Patient: M. Rossi, DOB 23 VI 1967, MRN 6185715",
    "born 4 I 2003",
    "data urodzenia: 23.VII.1967",
    "ur. 17 października 1962 r.",
    "ur. 26-04-1994",
    // Column abbreviations and first-person forms (ES "nací", "f_nac"; DE "geb_datum"; IT "nascita"; PL "data_ur").
    "Nací el 24/10/1997.",
    "user_id=7167 geb_datum=20.1.2003",
    '{"f_nac":"1 de abril de 2005"}',
    "id;nom;nascita\n6262;C. Andersson;2 dicembre 1978",
    // Labels run together in capitals (.env files, scanned forms), and "Ur." opening a quoted message.
    "NODE_ENV=production\nDATEOFBIRTH=13.01.1976",
    '{"role":"user","content":"Ur. 03.11.1957 — please fix asap"}',
  ])("%j", (text) => {
    expect(entities(text)).toEqual(["date_of_birth"]);
  });

  it("read a date of birth in a pipe-separated table under its column", () => {
    expect(entities("id|name|dob|city\n1751|Ingrid Y.|16 oktober 1986|Leeds")).toEqual(["date_of_birth"]);
    expect(entities("19421220", "dob")).toEqual(["date_of_birth"]);
    expect(entities("01.05.1956", "data_ur")).toEqual(["date_of_birth"]);
    expect(entities("01.05.1956", "fodd")).toEqual(["date_of_birth"]);
  });

  it("are real calendar dates with a context word", () => {
    expect(entities("born 31.02.1984")).toEqual([]);
    expect(entities("DOB 1984-13-01")).toEqual([]);
    expect(entities("Meeting on 28.07.1984 in room 4")).toEqual([]);
    expect(entities("Invoice of 10 July 1974 attached")).toEqual([]);
    expect(entities("生年月日 平成31年4月31日")).toEqual([]);
    expect(entities("Invoice date 23-Feb-1986")).toEqual([]);
    expect(entities("order 19421220 shipped")).toEqual([]);
    expect(entities("DOB 99999999")).toEqual([]);
    expect(entities("DOB 23 XIII 1967")).toEqual([]);
    // A Roman month is written in capitals: "vi" and "i" are words.
    expect(entities("born 23 vi 1967")).toEqual([]);
    expect(entities("born 4 i 2003")).toEqual([]);
  });
});

describe("phone numbers (ITU-T E.164 and national plans, libphonenumber metadata)", () => {
  it.each([
    "Call +49 1512 3456789 today",
    "+4915123456789",
    "reach the desk at (312) 994-4962",
    "+1 (312) 994-4962",
    "Tel: 030 12345678",
    "phone 020 7123 4567",
    "See above (613-834-2744, her cell).",
    "Sent from my mobile 0410 838 532.",
    "mobile 138 0013 8000",
    "電話 090-1234-5678",
    "Telefone (11) 91234-5678",
    "Mobile: 98765 43210",
    "tél 01 23 45 67 89",
    "Telefon 0049 30 12345678",
  ])("%j", (text) => {
    expect(entities(text)).toEqual(["phone"]);
  });

  it.each([
    "Rappelez-moi au 06 12 34 56 78 svp",
    "Vous pouvez me joindre au 01 23 45 67 89.",
    "Sie erreichen mich unter 0151 23456789.",
    "Llámame al 612 34 56 78.",
    "Mi puoi chiamare al 312 345 6789.",
    "Pode me contatar pelo (11) 91234-5678.",
    "Left a voicemail at 020 7123 4567, no answer yet.",
    "hey it's me, new number 07700 123456",
    "Mon nouveau numéro : 06 12 34 56 78",
  ])("call verbs and a new or own number in the corpus languages label a national number: %j", (text) => {
    expect(entities(text)).toEqual(["phone"]);
  });

  it('"my number of" something is that thing\'s number, not a phone', () => {
    expect(entities("Mi número de pedido es 612 34 56 78")).toEqual([]);
    expect(entities("my number of units: 0151 23456789")).toEqual([]);
  });

  it("take a 13-digit German mobile with its country code for a phone, not a card", () => {
    expect(entities("+49 1512 3456789 0")).not.toContain("credit_card");
    expect(entities("Kontakt: +49 151 23456789")).toEqual(["phone"]);
  });

  it("reject numbers outside every plan, numbers reserved for fiction, and other numbers' look-alikes", () => {
    expect(entities("Call me back on +1 006 223 5860")).toEqual([]);
    expect(entities("Phone: (312) 555-0110")).toEqual([]); // NANPA: 555-0100…0199 is fiction
    expect(entities("In the film she dials 020 7946 0152.")).toEqual([]); // Ofcom drama range
    expect(entities("Order 030 12345678 shipped")).toEqual([]);
    expect(entities("Ondernemingsnummer 0795.516.512 van de leverancier.")).toEqual([]);
    expect(entities("CEP 02779-316")).toEqual([]);
    expect(entities("3129944962")).toEqual([]); // ten bare digits: a phone only with a word or a column
    expect(entities("See above (613-834-2744).")).toEqual([]); // national notation: a phone only with a word
  });

  it("validate as libphonenumber's own isValid() does, with the patterns compiled once", () => {
    let seed = 5;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const codes = ["1", "44", "49", "33", "91", "86", "81", "55", "34", "39", "7", "52", "234", "971", "800", "882"];
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      const code = codes[Math.floor(next() * codes.length)] as string;
      const national = Array.from({ length: 6 + Math.floor(next() * 7) }, () => Math.floor(next() * 10)).join("");
      const expected = parsePhoneNumberFromString(`+${code}${national}`)?.isValid() ?? false;
      expect(e164Valid(`${code}${national}`), `+${code} ${national}`).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(500); // both answers occur
    expect(isValidPhoneNumber("+13129944962")).toBe(true);
  });
});

describe("network addresses", () => {
  it.each([
    ["Server at 8.8.8.8.", "8.8.8.8"],
    ["peer ::ffff:8.8.4.4 connected", "::ffff:8.8.4.4"],
    ["from 2a00:1450:4001:82b::200e", "2a00:1450:4001:82b::200e"],
    ["nic 00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E"],
    ["nic 001a.2b3c.4d5e", "001a.2b3c.4d5e"],
    ["v1.2.3 on nic 001a.2b3c.4d5e", "001a.2b3c.4d5e"],
    ["Zur Info: MAC-Adresse 44d5.efc9.b965.", "44d5.efc9.b965"],
    ["MAC 00-1A-2B-3C-4D-5E.", "00-1A-2B-3C-4D-5E"],
  ])("%j", (text, value) => {
    expect(spans(text, findPii(text))).toEqual([value]);
  });

  it("leave out versions, private, loopback, documentation and mapped private addresses", () => {
    for (const text of [
      "Ref 1234.5678.9012.",
      "upgrade to v14.20.45.246",
      "version 14.20.45.246 is out",
      "router 192.168.1.1",
      "host 10.0.0.7",
      "docs use 192.0.2.10 and 2001:db8::1",
      "loopback ::1 and 127.0.0.1",
      "mapped ::ffff:10.1.2.3",
      "link fe80::1ff:fe23:4567:890a",
      "CGN 100.64.1.1",
      "std::vector<int>::size()",
      "at 12:30:45",
      "broadcast ff:ff:ff:ff:ff:ff",
    ]) {
      expect(entities(text), text).toEqual([]);
    }
  });

  it("leave out a package's four-part version after its dotted name or a version word in another script", () => {
    for (const text of [
      "Newtonsoft.Json 13.0.0.72",
      "dependency System.Runtime 4.0.3.1 restored",
      "Microsoft.AspNetCore 8.8.4.4",
      "版本 6.8.200.1",
      "バージョン 8.8.8.8",
      "version: 14.20.45.246",
    ]) {
      expect(entities(text), text).toEqual([]);
    }
    // A host name (written in lower case) before an address keeps it an address.
    expect(entities("db.example.com 93.184.216.34")).toEqual(["ip_address"]);
  });

  it("leave out the numbers of a document's sections (ISO 2145 dotted numbering), but not an address after 'ver'", () => {
    for (const text of ["See section 4.2.2.2 of the manual.", "as required by § 8.8.4.4", "Kapitel 9.9.9.9 lesen"]) {
      expect(entities(text), text).toEqual([]);
    }
    // "ver" is Spanish and Portuguese for "see"; only "ver." abbreviates a version.
    expect(entities("Ver 8.8.4.4 en el registro.")).toEqual(["ip_address"]);
    expect(entities("ver. 8.8.4.4")).toEqual([]);
  });
});

describe("IBAN (ISO 13616 registry: every country's length and BBAN structure)", () => {
  it("finds an IBAN typed all in lower case, grouped or not (the check is over the characters, whatever their case)", () => {
    const iban = withIbanCheck("DE", "370400440532013001");
    expect(entities(`iban ${iban.toLowerCase()}`)).toEqual(["iban"]);
    expect(entities(withIbanCheck("GB", "WEST12345698765433", true).toLowerCase())).toEqual(["iban"]);
    expect(entities(`De${iban.slice(2)}`)).toEqual([]); // mixed case is no IBAN as typed
  });

  it("leaves out the registry's published example IBANs", () => {
    expect(entities("Beispiel-IBAN aus der Dokumentation: GB82WEST12345698765432")).toEqual([]);
    expect(entities("IBAN FR14 2004 1010 0505 0001 3M02 606")).toEqual([]);
  });

  it("ends where the country's length ends: a BIC or a word after it is not taken in", () => {
    const iban = withIbanCheck("DE", "370400440532013001", true);
    const text = `IBAN ${iban} COBADEFFXXX`;
    expect(spans(text, findPii(text))).toEqual([iban]);
    const compact = iban.replace(/ /g, "");
    const prose = `Pay to ${compact} Berlin branch`;
    expect(spans(prose, findPii(prose))).toEqual([compact]);
  });

  it("finds an IBAN grouped with dashes, but not inside a longer dashed code or with mixed separators", () => {
    const dashed = (withIbanCheck("DE", "370400440532013001", true).match(/\S+/g) ?? []).join("-");
    expect(spans(`Pay rent into ${dashed} by the 1st.`, findPii(`Pay rent into ${dashed} by the 1st.`))).toEqual([
      dashed,
    ]);
    expect(entities(`code ${dashed}-77`)).toEqual([]);
    expect(entities(`IBAN ${dashed.replace("-", " ")}`)).toEqual([]);
  });

  it("rejects a BBAN of the wrong structure even when mod-97 holds", () => {
    // GB's BBAN starts with four letters (the bank code): digits there are no GB IBAN.
    expect(entities("IBAN GB94 1234 1234 5698 7654 32")).toEqual([]);
  });
});

describe("Aadhaar", () => {
  it("is not found inside a longer grouped number (cards failing Luhn, serials, tracking numbers)", () => {
    expect(entities("card 4111 2341 2341 2346 failed")).toEqual([]);
    expect(entities("serial 2341 2341 2346 7789")).toEqual([]);
    expect(entities("tracking 12 2341 2341 2346")).toEqual([]);
  });

  // UIDAI: 12 digits, the first 2–9, the last a Verhoeff check digit. The check makes a lone number self-evident.
  it.each([
    ["The value 2341 2341 2346 appeared in the export", undefined],
    ["Stored as 2341-2341-2346.", undefined],
    ["2341 2341 2346", "notes"],
    ["id,payload\n7,2341 2341 2346", undefined],
  ])("is reported without a context word when it stands alone and its check digit holds: %j", (text, field) => {
    expect(entities(text, field)).toEqual(["aadhaar"]);
  });

  it("is not reported without its word when the check fails, the first digit is 0 or 1, or it is part of more", () => {
    const noCheck = "2341 2341 2345"; // one digit from a valid number: Verhoeff catches every single-digit error
    const zeroFirst = complete("03412341234", verhoeffValid); // valid Verhoeff, but UIDAI never issues 0 or 1 first
    expect(verhoeffValid(zeroFirst)).toBe(true);
    for (const text of [
      `The value ${noCheck} appeared`,
      `The value ${zeroFirst} appeared`,
      "Call +91 2341 2341 2346", // a country code before it: a phone's digits
      "Build #234123412346 passed", // "#": the number sign of builds, issues and orders
      "Order number 2341 2341 2346 shipped", // introduced as another kind of number
      "2341 2341", // 4-4: eight digits
    ]) {
      expect(entities(text), text).not.toContain("aadhaar");
    }
  });

  it("needs its word when written contiguous: one 12-digit run in ten passes Verhoeff (timestamps, order ids)", () => {
    expect(entities("The value 234123412346 appeared")).toEqual([]);
    expect(entities("234123412346", "notes")).toEqual([]);
    expect(entities("Aadhaar 234123412346")).toEqual(["aadhaar"]);
    expect(entities("234123412346", "aadhaar")).toEqual(["aadhaar"]);
  });

  it("needs its word when it could also be a 12-digit Maestro card (Luhn-valid, IIN 50 or 56–69)", () => {
    // The smallest 12-digit number from 560000000000 on that passes both checks.
    let maestro = 560_000_000_000;
    while (!(verhoeffValid(String(maestro)) && luhnValid(String(maestro)))) maestro++;
    expect(entities(`The value ${maestro} appeared`)).toEqual([]);
    expect(entities(`Aadhaar ${maestro}`)).toEqual(["aadhaar"]);
    expect(entities(String(maestro), "aadhaar_no")).toEqual(["aadhaar"]);
  });
});

describe("crypto wallets (Base58Check, bech32/bech32m, EIP-55)", () => {
  it.each([
    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", // Bitcoin wiki P2PKH example
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", // P2SH example
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", // BIP 173
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", // BIP 350
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", // EIP-55
  ])("%s", (address) => {
    expect(entities(`send to ${address} please`)).toEqual(["crypto_wallet"]);
  });

  it("rejects broken checksums and needs a context word for single-case Ethereum addresses", () => {
    expect(entities("send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")).toEqual([]);
    expect(entities("send to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")).toEqual([]);
    expect(entities("send to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).toEqual([]);
    expect(entities("hash 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).toEqual([]);
    expect(entities("my ETH wallet 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).toEqual(["crypto_wallet"]);
  });
});

describe("secrets", () => {
  // Built at run time so that the repository holds no credential-shaped literal.
  const body = (n: number, alphabet = "aB3dE5fG7hJ9kL2mN4pQ6rS8tV0wX1yZ"): string =>
    Array.from({ length: n }, (_, i) => alphabet[(i * 7) % alphabet.length]).join("");
  const pem = ["-----BEGIN", "RSA PRIVATE KEY-----"].join(" ");
  const cases: [string, string][] = [
    ["AWS access key id", `key ${"AK"}IA${body(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`],
    ["AWS secret access key", `aws_secret_access_key = ${body(40)}`],
    ["GCP API key", `key=${"AI"}za${body(35)}`],
    ["GitHub token", `token ${"gh"}p_${body(36)}`],
    ["GitHub fine-grained token", `token ${"github"}_pat_${body(82)}`],
    ["Slack bot token", `${"xo"}xb-123456789012-1234567890123-${body(24)}`],
    ["Stripe live key", `${"sk"}_live_${body(24)}`],
    ["OpenAI key", `${"sk"}-proj-${body(40)}T3BlbkFJ${body(40)}`],
    ["OpenAI project key without the legacy marker", `${"sk"}-proj-${body(48)}`],
    ["OpenAI service-account key", `${"sk"}-svcacct-${body(64)}`],
    ["Anthropic key", `${"sk"}-ant-api03-${body(93)}AA`],
    ["PEM private key", `${pem}\nMIIEow${body(60)}\n-----END RSA PRIVATE KEY-----`],
    ["connection string", `postgres://app:${body(12)}@db.internal:5432/app`],
  ];

  it.each(cases)("%s is reported as a secret, by position only", (_, text) => {
    const matches = findPii(text);
    expect(matches.map((m) => m.entity)).toEqual(["secret"]);
    expect(JSON.stringify(matches)).not.toContain(text.slice(-10));
  });

  it("are found in text without a digit or an @, with the text core's hints", () => {
    const counter = new WordCounter();
    for (const text of [
      `${pem}\nabcdefABCDEF\n-----END RSA PRIVATE KEY-----`,
      `key ${"AK"}IA${"ABCDEFGHIJKLMNOP"}`,
      `token ${"gh"}p_${"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"}`,
      `${"sk"}_live_${"abcdefghijKLMNOPQRSTuvwxyz"}`,
    ]) {
      counter.addText(text);
      expect(counter.piiHints & PiiHint.DigitOrAt, text).toBe(0);
      expect(
        findPii(text, { hints: counter.piiHints }).map((m) => m.entity),
        text,
      ).toEqual(["secret"]);
    }
    counter.addText("plain words, no marks");
    expect(counter.piiHints).toBe(0);
  });

  it("are found with the text core's hints where the secret marks do not reach: AWS key ids from A3T", () => {
    const counter = new WordCounter();
    const text = `order 12 key ${"A3"}T${"XBCDEFGHIJKLMNOPQ"}`;
    counter.addText(text);
    expect(counter.piiHints & PiiHint.SecretMark).toBe(0);
    expect(findPii(text, { hints: counter.piiHints }).map((m) => m.entity)).toEqual(["secret"]);
  });

  it("leave out placeholders and the providers' published examples", () => {
    expect(entities("postgres://user:password@localhost:5432/db")).toEqual([]);
    expect(entities(`mongodb://admin:${"$"}{MONGO_PASSWORD}@mongo:27017`)).toEqual([]);
    expect(entities(`key ${"AK"}IAIOSFODNN7EXAMPLE`)).toEqual([]);
    expect(entities(`${"sk"}_test_${body(24)}`)).toEqual([]);
    expect(entities(`STRIPE_SECRET_KEY=${"sk"}_live_${"x".repeat(24)}`)).toEqual([]);
    expect(entities(`GITHUB_TOKEN=${"gh"}p_${"x".repeat(36)}`)).toEqual([]);
  });
});

describe("India PAN (Income Tax Department: five letters, the fourth the holder's type, four digits, a letter)", () => {
  it("is reported without a context word", () => {
    expect(entities("Filed with ABCPE1234F last year")).toEqual(["in_pan"]);
    expect(entities("ABCPE1234F", "notes")).toEqual(["in_pan"]);
  });

  it("is not reported when introduced as another kind of code, or with a fourth letter no holder type has", () => {
    expect(entities("Use coupon code ABCPE1234F at checkout")).toEqual([]);
    expect(entities("ABCPE1234F", "order_id")).toEqual([]);
    for (const text of [
      "Artikelnummer ABCPE1234F bitte prüfen",
      "Codice prenotazione: ABCPE1234F",
      "Booking reference ABCPE1234F confirmed",
      "쿠폰 코드: ABCPE1234F",
      "商品编号：ABCPE1234F",
    ]) {
      expect(entities(text), text).toEqual([]);
    }
    expect(entities("PAN ABCDE1234F")).toEqual([]); // D is no holder type
  });
});

describe("France NIR", () => {
  it("checks a Corsican number's key with 2A read as 19 and 2B as 18 (INSEE)", () => {
    const withKey = (first13: string): string => {
      const numeric = first13.replace("2A", "19").replace("2B", "18");
      return `${first13}${String(97n - (BigInt(numeric) % 97n)).padStart(2, "0")}`;
    };
    for (const first13 of ["145062A676262", "272122B956319"]) {
      expect(entities(`numéro de sécurité sociale ${withKey(first13)}`), first13).toEqual(["fr_nir"]);
    }
  });
});

describe("e-mail (RFC 5321 / RFC 6531)", () => {
  it.each(["anna@münchen.de", "user@xn--mnchen-3ya.de", "o'brien+news@mail.co.uk", "用户@例子.广告"])("%s", (email) => {
    expect(entities(`write to ${email} today`)).toEqual(["email"]);
  });

  it("leaves out the host of an scp-like git remote (git-clone(1): [user@]host:path)", () => {
    expect(entities("git clone git@gitlab.com:acme/model.git")).toEqual([]);
    expect(entities("Mail anna@acme.io: she knows")).toEqual(["email"]);
  });

  it("finds every address of a long text, whatever stands between them, and each one whole", () => {
    const words = "lorem ipsum dolor sit amet ".repeat(200);
    const local = `jane.${"𝒜".repeat(6)}.doe`;
    const text = `${words}anna@acme.io ${words}@ ${words}${local}@mail.de, then bo@acme.io`;
    expect(spans(text, findPii(text))).toEqual(["anna@acme.io", `${local}@mail.de`, "bo@acme.io"]);
  });

  it("leaves out reserved domains (RFC 2606, RFC 6761)", () => {
    for (const email of ["ops@example.com", "a@service.test", "b@host.invalid", "c@example", "d@localhost"]) {
      expect(entities(`write to ${email}`), email).toEqual([]);
    }
  });
});

describe("the entity list", () => {
  it("gives every entity a tier: identifiers A, contact data B, quasi-identifiers C", () => {
    expect(ENTITIES).toHaveLength(36);
    expect(ENTITIES.filter((e) => TIERS[e] === "B").sort()).toEqual(["email", "ip_address", "mac_address", "phone"]);
    expect(ENTITIES.filter((e) => TIERS[e] === "C").sort()).toEqual(["date_of_birth", "person_name", "street_address"]);
  });

  it("reports street addresses, and names only when asked", () => {
    const text = "Dear Maria Gonzalez, your parcel for 742 Evergreen Terrace is ready.";
    expect(entities(text)).toEqual(["street_address"]);
    expect(scanForPii(text, { people: true }).map((m) => m.entity)).toEqual(["person_name", "street_address"]);
    expect(findPii(text, { people: true }).map((m) => m.entity)).toEqual(["person_name", "street_address"]);
    for (const address of ["Hauptstraße 12", "12 rue de la Paix", "Calle Mayor, 5", "221B Baker Street"]) {
      expect(entities(`Lieferadresse: ${address}`), address).toEqual(["street_address"]);
    }
  });
});

describe("values as URLs, logs, wrapped mail and extracted PDF text write them", () => {
  const card = complete("491234567890123", luhnValid);
  const grouped = (digits: string, gap: string): string => (digits.match(/.{4}/g) ?? []).join(gap);

  it("reads query values URL-encoded or with '+' for spaces, and reports where the encoded value stands", () => {
    const text = `GET /signup?email=jan.kowalski%40outlook.com&nhs_number=943+476+5919&tel=%2B44%2020%203229%202708 HTTP/1.1`;
    const found = findPii(text);
    expect(found.map((m) => m.entity)).toEqual(["email", "uk_nhs", "phone"]);
    expect(spans(text, found)).toEqual(["jan.kowalski%40outlook.com", "943+476+5919", "%2B44%2020%203229%202708"]);
    // A "+" that opens a value is a country code's: "mobile=+39+380+180+4926" is "+39 380 180 4926".
    expect(spans("mobile=+39+380+180+4926", findPii("mobile=+39+380+180+4926"))).toEqual(["+39+380+180+4926"]);
  });

  it("reads no digit run out of an escape ('%2B999%2003439802' is no number '2003439802')", () => {
    expect(entities("GET /account?mobile=%2B999%2003439802 HTTP/1.1")).toEqual([]);
  });

  it("finds an address in a URL's query or path, not only in its authority's userinfo, without the key", () => {
    const text = "POST https://shop.example.io/v2/users?contact_email=jan-obrien@outlook.com&utm_source=fb";
    expect(spans(text, findPii(text))).toEqual(["jan-obrien@outlook.com"]);
    expect(entities("postgres://app:pw@db.internal.net/orders")).toEqual([]);
  });

  it("reads a value broken across the lines of hard-wrapped prose", () => {
    const iban = withIbanCheck("DE", "370400440532013001", true);
    const paragraph =
      "Thank you for contacting support about your recent order. We have reviewed the attached documents " +
      `and need one more detail: the refund goes to ${iban} once the second-line team has approved it.`;
    let broken = 0;
    for (let width = 50; width <= 80; width++) {
      const text = wrapGreedily(paragraph, width);
      if (text.includes(iban)) continue;
      broken++;
      expect(entities(text), text).toEqual(["iban"]);
    }
    expect(broken).toBeGreaterThan(5);
  });

  it("reads groups parted by two spaces (PDF and OCR text) when a word or the column names the value", () => {
    expect(entities(`my card ${grouped(card, "  ")} is blocked`)).toEqual(["credit_card"]);
    expect(entities(grouped(card, "  "), "payment_card")).toEqual(["credit_card"]);
    // Without a word, four groups two spaces apart may be four columns.
    expect(entities(`Liam Murphy ${grouped(card, "  ")}`)).toEqual([]);
    // Columns parted by two spaces are read one by one.
    const sheet = "Name  SSN  BSN\nRahul Sharma  741 06 7692  242717470";
    expect(spans(sheet, findPii(sheet)).includes("741 06 7692")).toBe(true);
  });

  it("finds a MAC address right after its label's colon, but not inside a longer colon-separated string", () => {
    expect(entities("device mac:CC:E5:1E:B7:EA:BF")).toEqual(["mac_address"]);
    expect(entities("hwaddr:70-D3-D1-C3-AC-40, uh")).toEqual(["mac_address"]);
    expect(entities("EUI-64 aa:bb:cc:dd:ee:ff:01:23").includes("mac_address")).toBe(false);
  });
});

describe("the label nearest a value", () => {
  it("names an SSN after a reference number's word, and 'social' or a tax id labels one", () => {
    expect(entities("For reference the ssn:696-53-3935 Your case")).toEqual(["us_ssn"]);
    expect(entities("social: 065 24 6294")).toEqual(["us_ssn"]);
    expect(entities("Duplicate social '437 06 6380'")).toEqual(["us_ssn"]);
    expect(entities("lookup tax_id=080237636")).toEqual(["us_ssn"]);
    expect(entities("social media 683837931")).toEqual([]);
    expect(entities("The order number on file is 513-17-2780; please verify it.")).toEqual([]);
  });

  it("reads another key of key=value text as the end of an earlier key's label", () => {
    const card = complete("455644253915173", luhnValid);
    expect(entities(`usps_tracking="9400 8465 9854 7943 7803 56" value=${card}`)).toEqual(["credit_card"]);
    expect(entities("revision=8f3a1916c col_4=530102197712095196")).toEqual(["cn_resident_id"]);
    expect(entities(`tracking number ${card}`)).toEqual([]);
  });

  it("names an IP address after a reference number's word", () => {
    expect(entities("For reference the IP is 63.229.85.69 as logged")).toEqual(["ip_address"]);
  });

  it('reads a value after "from" or "via" as where something came from, not as another kind of number', () => {
    expect(entities("model login from 83.80.104.7 at noon")).toEqual(["ip_address"]);
    expect(entities("the order came via 83.80.104.7")).toEqual(["ip_address"]);
    expect(entities("order shipped from 4539 1488 0343 6467")).toEqual(["credit_card"]);
    // The other number's word still labels a value right after it.
    expect(entities("order 83.80.104.7")).toEqual([]);
    expect(entities("model 14.20.45.246")).toEqual([]);
  });

  it("takes a table's column over the other names of its header", () => {
    const sql = "INSERT INTO patients (name, geb_datum, mobile) VALUES ('Liam Müller', '26.05.2002', '+48795295611');";
    expect(entities(sql)).toEqual(["date_of_birth", "phone"]);
    const tel = "INSERT INTO customers (name, tel, sin) VALUES ('Noah Patel', '(07) 3895 5213', 'n/a');";
    expect(entities(tel)).toEqual(["phone"]);
  });

  it("does not read a date as a birth date when another event's word stands between", () => {
    expect(entities("Happy birthday to the company, founded July 5, 1990!")).toEqual([]);
    expect(entities("born-on date of the cask: 12.08.2018")).toEqual([]);
    expect(entities("DOB 01.02.1980, issued 03.04.2015")).toEqual(["date_of_birth"]);
    expect(entities("Invalid DoB 'Oct 27 1980'")).toEqual(["date_of_birth"]);
    expect(entities("my b-day:7th of June 1999")).toEqual(["date_of_birth"]);
    expect(entities("date de naiss.: 28/01/1942")).toEqual(["date_of_birth"]);
  });
});

describe("phones in notations of their own", () => {
  it("reports the NANP's national format without a word, but not placeholders in any notation", () => {
    expect(entities("Noah Bianchi (470) 947-1717")).toEqual(["phone"]);
    expect(entities("tel: (123) 456-7890")).toEqual([]);
    expect(entities("tel: (555) 555-5555")).toEqual([]);
  });

  it("ends an international number where a second number begins", () => {
    const wide = "Camille Martin +52 55 2963 7365    378282246310005";
    expect(spans(wide, findPii(wide))[0]).toBe("+52 55 2963 7365");
    const next = "Yuki Kim +39 06 52864619 295910179928";
    expect(spans(next, findPii(next))[0]).toBe("+39 06 52864619");
  });

  it("leaves out amounts, an access log's status and size, and product codes beside a phone word", () => {
    expect(entities("<td>call ext. 8299</td><td>total: 86740.37 USD</td>")).toEqual([]);
    expect(entities("Hi team, call ext. 9941, GTIN 3264105310868")).toEqual([]);
    expect(entities('10.0.3.17 - - [10/Apr/2024:07:56:14 +0000] "GET /account?tel=x HTTP/1.1" 302 4085 "-"')).toEqual(
      [],
    );
  });

  it("reads the Portuguese 'fone', the Spanish 'cel', 'ph.' and camel-case keys as phone words", () => {
    expect(entities("meu fone 11 97992-9689")).toEqual(["phone"]);
    expect(entities("mi cel: 55 2963 7365")).toEqual(["phone"]);
    expect(entities("Adj. ph. 078 918 71 18, ID")).toEqual(["phone"]);
    expect(entities("login ok for telNo=575 782 971, bookingRef=EJ4201329")).toEqual(["phone"]);
    expect(entities("ph.d. 2019 thesis 0612345678")).toEqual([]);
  });
});

describe("values that identify no one", () => {
  it("leaves out group MAC addresses (IEEE 802 I/G bit: multicast, bridges, broadcast), not device addresses", () => {
    for (const group of ["33:33:da:86:a2:58", "01:00:5E:08:5C:8D", "01:80:C2:00:00:0B"])
      expect(entities(`mac ${group}`), group).toEqual([]);
    expect(entities("mac 02:00:5E:08:5C:8D")).toEqual(["mac_address"]);
  });

  it("leaves out the numbers France, Australia and Sweden reserve for fiction, and NANP 555-01XX with its '1'", () => {
    for (const text of [
      "celular: +33 1 99 00 03 33",
      "tel: 01 99 00 75 80",
      "tel (03) 7010 3217",
      "mobile +61 491 570 156",
      "tel 070-1740605",
      "phone 1-310-555-0173",
    ])
      expect(entities(text), text).toEqual([]);
    expect(entities("tel: 01 42 68 53 00")).toEqual(["phone"]);
  });

  it("leaves out the Worldpay and Adyen test cards and the generator sites' examples", () => {
    expect(entities("card 4444 3333 2222 1111")).toEqual([]);
    expect(entities("card 4917610000000000")).toEqual([]);
    expect(entities("card 4916 3385 0608 2832")).toEqual([]);
  });

  it("reads a dotted quad in a version column, or after a version word and a verb, as a version", () => {
    expect(entities("2.16.10.180", "Firmware Version")).toEqual([]);
    expect(entities("2.16.10.180", "client_ip")).toEqual(["ip_address"]);
    expect(entities('{"fw":"6.14.25.223"}')).toEqual([]);
    expect(entities("conforme solicitado: versão é 9.2.5.179")).toEqual([]);
  });
});

describe("identifiers as notes and registers write them", () => {
  it("reads passport abbreviations of case notes", () => {
    expect(entities("PPT: OL0318673")).toEqual(["passport"]);
    expect(entities("pp. no. PC5899791")).toEqual(["passport"]);
  });

  it("finds a Spanish DNI written with thousands dots, and checks its letter", () => {
    expect(entities("DNI 59.318.313-W")).toEqual(["es_dni"]);
    expect(entities("DNI 59.318.313-A")).toEqual([]);
  });

  it("reports a NINO without a word (HMRC's prefix and suffix rules), but not as a build or coupon code", () => {
    expect(entities("Value: JH299934C")).toEqual(["uk_nino"]);
    expect(entities("JL 03 95 29 A")).toEqual(["uk_nino"]);
    expect(entities("Build XH054004A passed all tests.")).toEqual([]);
    expect(entities("coupon code JH299934C")).toEqual([]);
    // Prefixes HMRC never issues.
    expect(entities("Value: QQ123456C")).toEqual([]);
    expect(entities("Value: GB123456A")).toEqual([]);
  });
});
