/**
 * PII recognizers for dataset text. Three linear scans find candidates: runs of digits with single separators
 * ("536-90-4399", "4111 1111 1111 1111", "28.07.1984", "+49 30 1234567"), upper-case alphanumeric tokens
 * ("L898902C3", "RSSMRA85T10A562S") and the shapes of their own (e-mail, IBAN, IPv6, MAC, wallets, secrets).
 * Each candidate goes to the recognizers its shape fits, strongest first; a validator (check digits, structure,
 * calendar, numbering plan, allocated ranges) keeps only real ones, and weak entities also need a context word
 * before them in the same sentence, or a column name that says what the field holds (specs/regulation-pii.md
 * §4.5–4.6). The sources of truth are cited beside each validator.
 *
 * Matches carry positions, never the matched text: callers count and locate, they do not echo.
 * Every pattern is built from bounded quantifiers with no nested or overlapping repetition, so scanning
 * is linear in the text whatever it holds.
 */

import { TextMemo } from "../../core/text-memo.js";
import { CONTEXT_AFTER_WINDOW, CONTEXT_WINDOW, contextAfter, contextBefore } from "./context.js";
import { base58CheckAddressValid, bech32AddressValid, ethereumAddress } from "./crypto-wallets.js";
import { compactDateValid, numericDateValid, writtenDates, writtenDateValid } from "./dates.js";
import { hardWrapped, unwrapped } from "./hard-wrap.js";
import { ibanLength } from "./iban-registry.js";
import {
  auMedicareValid,
  auTfnValid,
  beNationalNumberValid,
  caSinValid,
  deTaxIdValid,
  esDniValid,
  frNirValid,
  itFiscalCodeValid,
  krRrnValid,
  macAddressValid,
  nlBsnValid,
  plPeselValid,
  sePersonnummerValid,
  sgNricValid,
  ukNhsValid,
  usAbaRoutingValid,
  usItinValid,
  usMbiValid,
  usNpiValid,
} from "./national-ids.js";
import { findAddresses, findNames } from "./people.js";
import {
  callingCodeGrouped,
  internationalPhoneValid,
  NationalFit,
  nanpShaped,
  nanpValid,
  nationalFit,
} from "./phone.js";
import { findSecrets } from "./secrets.js";
import { columnAt, type TextTable, textTable } from "./text-table.js";
import { decodeUrlText, mayBeUrlEncoded } from "./url-encoding.js";
import {
  aadhaarValid,
  chinaResidentIdValid,
  EXAMPLE_IBANS,
  ibanValid,
  indiaPanValid,
  ipv4IsPublic,
  ipv4Valid,
  ipv6Groups,
  ipv6IsPublic,
  luhnValid,
  paymentCardValid,
  TEST_CARD_NUMBERS,
  ukNinoValid,
  usSsnValid,
} from "./validators.js";

export type Entity =
  | "email"
  | "phone"
  | "credit_card"
  | "iban"
  | "us_ssn"
  | "date_of_birth"
  | "ip_address"
  | "aadhaar"
  | "in_pan"
  | "uk_nino"
  | "cn_resident_id"
  | "passport"
  | "uk_nhs"
  | "es_dni"
  | "nl_bsn"
  | "fr_nir"
  | "it_fiscal_code"
  | "pl_pesel"
  | "se_personnummer"
  | "de_tax_id"
  | "be_national_number"
  | "ca_sin"
  | "au_tfn"
  | "au_medicare"
  | "kr_rrn"
  | "sg_nric"
  | "us_itin"
  | "us_mbi"
  | "us_npi"
  | "us_aba_routing"
  | "us_driver_license"
  | "mac_address"
  | "crypto_wallet"
  | "secret"
  | "person_name"
  | "street_address";

export type Tier = "A" | "B" | "C";

export interface PiiMatch {
  readonly entity: Entity;
  /** "A": validated identifier; "B": contact data; "C": quasi-identifier. */
  readonly tier: Tier;
  readonly start: number;
  readonly end: number;
}

/** The tier of each entity: identifiers (validated by check digits or structure) A, contact data B, the rest C. */
export const TIERS: Readonly<Record<Entity, Tier>> = {
  email: "B",
  phone: "B",
  credit_card: "A",
  iban: "A",
  us_ssn: "A",
  date_of_birth: "C",
  ip_address: "B",
  aadhaar: "A",
  in_pan: "A",
  uk_nino: "A",
  cn_resident_id: "A",
  passport: "A",
  uk_nhs: "A",
  es_dni: "A",
  nl_bsn: "A",
  fr_nir: "A",
  it_fiscal_code: "A",
  pl_pesel: "A",
  se_personnummer: "A",
  de_tax_id: "A",
  be_national_number: "A",
  ca_sin: "A",
  au_tfn: "A",
  au_medicare: "A",
  kr_rrn: "A",
  sg_nric: "A",
  us_itin: "A",
  us_mbi: "A",
  us_npi: "A",
  us_aba_routing: "A",
  us_driver_license: "A",
  mac_address: "B",
  crypto_wallet: "A",
  secret: "A",
  person_name: "C",
  street_address: "C",
};

/**
 * Context words per entity, tested on the sentence before a candidate (and on the column name, underscores
 * read as spaces). Entities absent here need none: their validators are strong enough alone.
 */
const CONTEXT: Partial<Record<Entity, RegExp>> = {
  // Labels are matched inside compounds and around hyphens and brackets ("SSN-nummer", "US-Sozialversicherungs-
  // nummer (SSN)", "National-Insurance-Nummer", "Reisepassnummer"): multi-word labels allow "-" for " ".
  us_ssn:
    /\bssns?\b|\bs\.s\.n\b|\bss ?(?:#|no\b|num)|social[ -]?security|\bsoc\.? ?sec|\bsocial(?= ?(?:[:=#'"-]|is\b|no\b|nr\b|num|sec\b|\d))|\btax ?(?:id|payer)\b|\btin\b|seguro social|seguridad social|segurança social|sicurezza sociale|previdenza sociale|sociale zekerheid|social security|socialförsäkring|socialsikring|s[ée]curit[ée] sociale|sozialversicherung|ubezpieczenia społecznego|社会安全|社會安全|社保号|社会保障号|社会保障番号|사회보장번호/i,
  us_itin: /\bitin\b|taxpayer|\btax ?id|\btin\b/i,
  // The word for "passport" in the languages of the EU, and in Chinese, Japanese, Korean, Hindi, Arabic, Hebrew,
  // Thai, Vietnamese, Indonesian, Turkish, Greek, Russian (CLDR/Unicode translations of the document's name);
  // "pass" alone is the Scandinavian and German word only with a possessive or "nr"/"nummer" after it.
  passport:
    /passport|\bppt\b|\bpp\. ?no\b|pasaporte|passeport|reisepass|\bpass[- ]?(?:nr|no|nummer|number)\b|\b(?:mitt|ditt|sitt|mein(?:en)?|dein(?:en)?|ihr(?:en)?|sein(?:en)?) pass\b|passaporto|passaporte|paspoort|paszport|pasaport|\bpaspor\b|\bpassin? ?numero|\bpassi\b|útlevél|cestovní pas|číslo pasu|putovnic|διαβατήρ|паспорт|护照|護照|旅券|パスポート|여권|पासपोर्ट|جواز السفر|דרכון|หนังสือเดินทาง|hộ chiếu|travel doc/i,
  // "Date of birth" and "born" in 20+ languages (CLDR field names; national forms as printed on ID documents).
  date_of_birth:
    /\bnac[ií][óo]?(?![a-z])|\bf[öø]dd?\b|\bfødt\b|\bfodd\b|\bfodt\b|f[öø]dsels|födelse|fodelse|urodzenia|urodzon|urodzi[łl]|\bdata ur\b|\bdn\b|data[ _-]?(?:di[ _-]?)?nascita|\bnascita\b|janamdin|рождени|родил|народжен|\bdob\b|\bd\.o\.b\b|(?:date|day|place|year)[ -]?of[ -]?birth|birth[ -]?(?:date|day)|\bb-?day\b|date of brith|\bborn\b(?!-on\b)|(?:^|[\s(,;])b\.\s*$|(?:^|[\s(,;:"'])ur\.|(?:^|[^a-z])n[ée](?:e|\(e\))?s? (?:le|en)\b|naissance|\bnaiss\b|\bddn\b|nacimiento|fecha (?:de )?nac|\bf(?:\. ?| )(?:de )?nac\b|\bnacid[oa]s?\b|geboren|\bgeb(?:\.| ?datum)|geburts|data di nascita|\bnat[oa](?:\/a|\(a\))? il\b|nascimento|\bnascid[oa]\b|geboortedatum|doğum|narozen|syntymä|syntynyt|születés|született|naşter|naşter|naște|născut|\btanggal lahir|\btarikh lahir|\blahir\b|ngày sinh|\bjanam\b|जन्म|تاريخ الميلاد|תאריך לידה|วันเกิด|γέννηση|γεννήθηκε|\bjanm|doğdu|doğumlu|出生|生年月日|生まれ|誕生日|生日|생년월일|생일|출생|태어/i,
  phone:
    /phone|\bph(?:o?ne?|n)\b|\bph\.(?!d\b)|\bfone\b|\bcel\b|\bmsisdn|\bt[ée]l\b|\btel[.:]|\btelp?\b|\btlf|\bmob(?:ile)?\b|\bcell|\bcall|\bsms\b|whatsapp|viber|telegram|\bfax\b|\bph ?#|\bdial(?:l?ed|l?ing|s)?\b|hotline|\breach|\bring\b|contact|kontakt|voicemail|\btext me\b|\b(?:my|new|mon|nouveau|mi|nuevo|mio|nuovo|meu|novo|meine?|neue) (?:phone |mobile |cell )?(?:number|num[ée]ro|n[úu]mero|nummer)\b(?! (?:de|of|du|di|do|da|van|von|der)\b)|rappel|joindre|joignable|\bappel|ll[áa]m[ae]|chiam|raggiungibile|contat|erreich|anruf|r[üu]ckruf|bereikbaar|\bbel (?:me|mij)\b|aray[ıi]n|संपर्क|お問い合わせ|連絡|telef|rufnummer|durchwahl|handy|\bmobi|\bgsm\b|\bnatel\b|téléphone|portable|m[óo]vil|telem[óo]vel|celular|cellulare|puhelin|matkapuhelin|komórk|zadzwo|τηλ|κινητ|телефон|тел\.|моб|сотов|звон|電話|电话|手机|手機|联系|聯絡|携帯|ケータイ|전화|연락처|휴대폰|핸드폰|هاتف|جوال|موبايل|טלפון|נייד|फ़ोन|फोन|मोबाइल|điện thoại|sđt|โทร/i,
  aadhaar: /\ba?adhaa?r|\buidai\b|\buid\b|आधार/i,
  in_pan: /\bpan\b|permanent[ -]account|income[ -]tax|\bitr\b|पैन|स्थायी खाता/i,
  us_mbi: /medicare|\bmbi\b|beneficiary|\bcms\b/i,
  uk_nino:
    /national[ -]?insurance|\bnat\.? ?ins\b|\bnino\b|\bni[ -]?(?:no|nr|number|nummer|#)|\bni[:.#]? ?$|\bnin\b|assurance nationale|seguro nacional/i,
  uk_nhs: /\bnhs(?:\b| ?(?:no|num|number)\b)|national health|health service|\bchi\b/i,
  ip_address: /\bip(?:v[46])?\b|\bip ?addr|remote ?addr|client ?ip|ip-adress|adresse ip|direcci[óo]n ip|indirizzo ip/i,
  nl_bsn: /\bbsn\b|burger[ -]?service|citizen service number|sofi-?nummer/i,
  pl_pesel: /pesel/i,
  se_personnummer: /person(?:nummer|nr)|\bpnr\b|samordningsnummer|personal identity|identity number|swedish id/i,
  de_tax_id: /steuer|identifikationsnummer|\bidnr\b|\bid-nr\b|\btin\b|tax (?:id|identification)/i,
  be_national_number:
    /\brrn\b|rijksregister|registre national|num[ée]ro national|national[ -](?:register|number)|\binsz\b|\bniss\b|\bnn\b/i,
  ca_sin: /\bsin\b|social[ -]insurance|\bsoc\.? ?ins\b|\bnas\b|assurance sociale/i,
  au_tfn: /\btfn\b|tax[ -]file/i,
  au_medicare: /medicare/i,
  kr_rrn: /주민등록|resident registration|\brrn\b|registration number/i,
  us_npi: /\bnpi\b|national provider|provider (?:id|number|no)/i,
  us_aba_routing: /routing|\baba\b|\brtn\b|transit|bank code/i,
  us_driver_license:
    /driver'?s?'?[ -]?licen[cs]e|driving licen[cs]e|licen[cs]e (?:no|number|#)|\bdl ?(?:#|no\b|number)|\bdl\b|\bdln\b|führerschein|permis de conduire/i,
  crypto_wallet: /\beth\b|ether|wallet|metamask|\berc-?20\b|\bcrypto|\busdt\b|\busdc\b/i,
};

/**
 * Screens for context words: every match of the entity's `CONTEXT` pattern, as written, in snake case or camel
 * case, holds one of these pieces, so a stretch of text without any holds no word of the entity. A bare number
 * of five to fourteen digits is weighed as a driver's licence, the commonest candidate in prose ("order 19660"):
 * one test over the raw stretch around it settles most of them before its sentence is worked out.
 */
const CONTEXT_SCREEN: Partial<Record<Entity, RegExp>> = {
  us_driver_license: /dl|licen|driv|hrer|permis/i,
};

/**
 * Words that say a number reported without context is something else: a tracking, order, invoice, serial,
 * reference, coupon, build or product number (in the languages the context words cover). They count only when
 * no word of the entity itself stands in the same window ("order paid with card 4…" is still a card) and neither
 * the entity's label nor another key stands after them ("For reference the SSN: …", "ref=7 col_4=…").
 */
const OTHER_NUMBER =
  /onderneming|enterprise|company|\bparts?\b|\bp\/n\b|\bmpn\b|\bmodel\b|catalog|\bkbo\b|\bvat\b|\bbtw\b|siret|siren|handelsregister|\bcep\b|\bzip\b|postcode|postal|tracking|shipment|parcel|order|invoice|serial|\bsku\b|reference|\bref\b|ticket|batch|coupon|cup[oó]n|cupom|kupon|promo|voucher|rabatt|descuento|desconto|sconto|korting|\bsku\b|article|artikel|art[íi]culo|articolo|\bitem\b|product code|booking|reservation|r[ée]servation|\breserva\b|prenotazion|boeking|rezerwacj|bokning|\bbuild\b|\bcommit\b|\brevision\b|\bisbn|\bimei|\bgtin|\bean(?:-?1[34])?\b|\bupc\b|barcode|\basin\b|sendung|bestell|rechnung|pedido|factura|commande|facture|suivi|ordine|fattura|spedizione|单号|订单|注文|주문|운송장|商品|货号|予約|预订|預訂|クーポン|优惠|쿠폰|예약|상품/i;

/**
 * Words that make a date after a birth word another event's ("Happy birthday to the company, founded July 5,
 * 1990", "DOB 01.02.1980, issued 03.04.2015").
 */
const OTHER_DATE =
  /found(?:ed|ing)|established|\bestd\b|incorporated|opened|launched|released|anniversary|\bsince\b|expir|valid (?:until|thru|through)|issued|date of issue|deliver|shipped|invoice|\bdue\b|appointment|meeting|deadline|hired|joined|gegr[üu]ndet|ausgestellt|g[üu]ltig|fond[ée]e?\b|cr[ée]{2}e? le|fundad[ao]|fondat[ao]|opgericht|za[łl]o[żz]on|emitid[ao]|rilasciat[ao]|caduca|scadenza|expédi|livr[ée]/i;

/** Context words that keep a contextless identifier what it is even beside an `OTHER_NUMBER` word. */
const OWN_WORDS: Partial<Record<Entity, RegExp>> = {
  credit_card: /card|karte|tarjeta|carte|carta|cart[aã]o|visa|master|amex|\bcc\b|カード|卡/i,
  cn_resident_id: /身份证|身份證|居民|\bid\b|identity/i,
};

/**
 * Words that say a dotted quad is a software version or the number of a division of a document, not an address
 * ("version 14.20.45.246", "build 1.2.3.4", "section 4.2.2.2", "§ 3.1.4.1": ISO 2145 numbers divisions and
 * subdivisions with dotted Arabic numerals): the word stands right before the quad.
 */
const VERSION_WORDS =
  /(?:\bver\.|\b(?:v|version|versión|versão|versione|versie|wersja|verze|release|build|firmware|fw|sdk|api|driver|kernel|patch|update|sections?|sec|chapters?|ch|clauses?|paragraphs?|para|articles?|art|appendix|annex|figure|fig|table|tab|step|item|rule|requirement|req|abschnitt|kapitel|kap|absatz|abs|ziffer|chapitre|paragraphe|apartado|secci[óo]n|cap[ií]tulo|artículo|sezione|capitolo|articolo|hoofdstuk|artikel|rozdział|punkt)\.?["']?(?:\s*[:=]|\s+(?:is|é|es|est|ist|è))?\s*["']?|§|版本[:：]?|バージョン[:：]?|버전:?) ?$|\bv$/i;

/**
 * A .NET-style package name right before the quad ("Newtonsoft.Json 13.0.0.72", "System.Runtime 4.0.3.1"):
 * dotted segments that each start with a capital, as NuGet ids are written (host names are written in lower
 * case, so "db.internal 10.2.3.4" stays an address).
 */
const PACKAGE_NAME = /(?:^|[\s(,;:])[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)+ $/;

/** A column of versions ("firmware_version", "Build"): its dotted quads are no addresses. */
const VERSION_FIELD = /version|firmware|\bbuild\b|\brelease\b/i;

const VERSION_CONTEXT = {
  test: (before: string, field?: string): boolean =>
    VERSION_WORDS.test(before) ||
    PACKAGE_NAME.test(before) ||
    (field !== undefined && VERSION_FIELD.test(spacedField(field))),
};

/** A column name as words: "date_of_birth" → "date of birth", "passportNo" → "passport No". */
const spacedField = (field: string): string => {
  // Asked for the same column row after row (the vetoes read it for every candidate): the last one is kept.
  if (field !== lastField) {
    lastField = field;
    lastSpaced = field.replace(/[_.-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2");
  }
  return lastSpaced;
};
let lastField = "";
let lastSpaced = "";

/** Column names as context text ("date_of_birth" → "date of birth"), with the entities they name, cached. */
const fieldEntities = new Map<string, ReadonlySet<Entity>>();
const NO_ENTITIES: ReadonlySet<Entity> = new Set();
function entitiesNamedBy(field: string): ReadonlySet<Entity>;
function entitiesNamedBy(field: string | undefined): ReadonlySet<Entity> | undefined;
function entitiesNamedBy(field: string | undefined): ReadonlySet<Entity> | undefined {
  if (field === undefined) return undefined;
  if (field === "") return NO_ENTITIES;
  // A column's texts come one after another (a unit's text leaves ask for the same name row after row).
  if (field === lastNamedBy.name) return lastNamedBy.entities;
  let named = fieldEntities.get(field);
  if (named === undefined) {
    const spaced = spacedField(field);
    const set = new Set<Entity>();
    for (const [entity, words] of Object.entries(CONTEXT)) if (words.test(spaced)) set.add(entity as Entity);
    // Column names are terser than sentences: "birth", "tel", "mobile_no", "phone_1".
    if (/\bbirth|\bb ?day\b|\bd o b\b/i.test(spaced)) set.add("date_of_birth");
    if (/\bdl\b|licen[cs]e/i.test(spaced)) set.add("us_driver_license");
    // A card column ("card_number", "cc_num", "tarjeta") unless the card is another's ("pan_card", "id_card").
    if (set.size === 0 && OWN_WORDS.credit_card?.test(spaced) && !/\bid\b|identit/i.test(spaced))
      set.add("credit_card");
    named = set;
    if (fieldEntities.size < 10_000) fieldEntities.set(field, named);
  }
  lastNamedBy.name = field;
  lastNamedBy.entities = named;
  return named;
}
const lastNamedBy: { name: string; entities: ReadonlySet<Entity> } = { name: "", entities: NO_ENTITIES };

/**
 * Context text with "_" read as a space and camel case split: keys written in snake or camel case in JSON,
 * YAML, logs and key=value text ("social_security_number": …, ssn_no=…, "nhsNumber": …) are the same labels
 * as the words.
 */
const asWords = (context: string): string => {
  const spaced = context.includes("_") ? context.replace(/_/g, " ") : context;
  return CAMEL.test(spaced) ? spaced.replace(CAMEL_SPLIT, "$1 $2") : spaced;
};
const CAMEL = /[a-z][A-Z]/;
const CAMEL_SPLIT = /([a-z])([A-Z])/g;
/** `asWords` without the camel-case split: what the vetoes read ("Microsoft.AspNetCore 8.8.4.4" is a package). */
const asSnakeWords = (context: string): string => (context.includes("_") ? context.replace(/_/g, " ") : context);

const LETTER = /\p{L}/u;

/** A word before a value that says where something came from or went through (after another number's word). */
const ORIGIN_BEFORE = /\s(?:from|via)\s+$/i;

/** A `key=` of key=value text (logfmt, query strings): the start of another value's label. */
const ANOTHER_KEY = /[\s&?,;][\w.[\]-]+=/;

/** Word patterns with the global flag, to find the last of their words in a sentence. */
const GLOBAL_WORDS = new Map<RegExp, RegExp>();

/** Where the last context word of `entity` in `text` starts and ends, if one stands there. */
function lastContextWord(entity: Entity, text: string): { at: number; end: number } | undefined {
  return lastMatch(CONTEXT[entity], text);
}

/** Where the last match of `words` in `text` starts and ends, if one stands there. */
function lastMatch(words: RegExp | undefined, text: string): { at: number; end: number } | undefined {
  if (words === undefined) return undefined;
  let global = GLOBAL_WORDS.get(words);
  if (global === undefined) {
    global = new RegExp(words.source, `${words.flags}g`);
    GLOBAL_WORDS.set(words, global);
  }
  let last: { at: number; end: number } | undefined;
  global.lastIndex = 0;
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    last = { at: m.index, end: m.index + m[0].length };
    if (m[0] === "") global.lastIndex++;
  }
  return last;
}

/**
 * Whether `tail` (the text between a label of `entity` and its value) holds a word of another entity or of
 * another kind of number: the value is then that.
 */
function namesAnotherKind(tail: string, entity: Entity): boolean {
  // Mostly ": " or " is ": no word, no other label.
  if (!LETTER.test(tail)) return false;
  if (OTHER_NUMBER.test(tail)) return true;
  if (entity === "date_of_birth" && OTHER_DATE.test(tail)) return true;
  for (const [other, words] of Object.entries(CONTEXT)) if (other !== entity && words.test(tail)) return true;
  return false;
}

/** What a scan of one text needs: its column's entities and where matches already are. */
class Scan {
  readonly matches: PiiMatch[] = [];
  private readonly taken: number[] = [];
  readonly text: string;
  readonly named: ReadonlySet<Entity> | undefined;
  readonly field: string | undefined;
  constructor(text: string, field: string | undefined) {
    this.text = text;
    this.field = field;
    this.named = entitiesNamedBy(field);
  }

  private contextStart = -1;
  private context = "";
  private contextAsWords: string | undefined;
  /**
   * `contextBefore` of the text with "_" read as a space, remembered for the last position asked (each
   * recognizer of a run asks): what the vetoes read.
   */
  contextBefore(start: number): string {
    if (start !== this.contextStart) {
      this.context = asSnakeWords(contextBefore(this.text, start));
      this.contextAsWords = undefined;
      this.contextStart = start;
    }
    return this.context;
  }

  /**
   * Whether `words` stand in the sentence before `start`, as written or read as words (`asWords`: "nhsNumber"
   * is "nhs Number"; "IdNr" is a word as written).
   */
  saysBefore(words: RegExp, start: number): boolean {
    const before = this.contextBefore(start);
    if (words.test(before)) return true;
    // Split only when the text as written says nothing (most windows hold no camel case).
    this.contextAsWords ??= CAMEL.test(before) ? before.replace(CAMEL_SPLIT, "$1 $2") : before;
    return this.contextAsWords !== before && words.test(this.contextAsWords);
  }

  private afterEnd = -1;
  private after = "";
  /** `contextAfter` of the text, remembered for the last position asked. */
  contextAfter(end: number): string {
    if (end !== this.afterEnd) {
      this.after = asWords(contextAfter(this.text, end));
      this.afterEnd = end;
    }
    return this.after;
  }

  overlaps(start: number, end: number): boolean {
    const t = this.taken;
    for (let i = 0; i < t.length; i += 2) if (start < (t[i + 1] as number) && end > (t[i] as number)) return true;
    return false;
  }

  /** Keep a span from every later recognizer: it was looked at whole and is not PII. */
  block(start: number, end: number): void {
    this.taken.push(start, end);
  }

  add(entity: Entity, start: number, end: number): void {
    this.taken.push(start, end);
    this.matches.push({ entity, tier: TIERS[entity], start, end });
  }

  /**
   * Whether the sentence labels the value as something else after naming `entity`: a word of another entity or
   * of another kind of number stands between the entity's last word and the value ("passport_no=[PASSPORT]
   * ni_number=QQ123456C", "ssn=… customer_id=\"ref 676258272\""). A word both kinds share is the entity's own.
   * Only for a value the sentence names (not its column).
   */
  labelledOtherwise(entity: Entity, start: number): boolean {
    if (this.named?.has(entity)) return false;
    const before = this.contextBefore(start);
    const last = lastContextWord(entity, before);
    // A column naming the entity settles it: a header's other names are other columns' ("INSERT … (name,
    // geb_datum, mobile) VALUES ('…', '26.05.2002', …)").
    return (
      last !== undefined && namesAnotherKind(before.slice(last.end), entity) && !this.columnEntities(start)?.has(entity)
    );
  }

  /** Whether a number reported without context is introduced as some other kind of number. */
  otherNumber(entity: Entity, start: number, byColumn = false): boolean {
    if (this.named?.has(entity)) return false;
    // The column's name too, when asked: "order_id", "coupon_code" say what their values are.
    if (byColumn && this.field !== undefined && OTHER_NUMBER.test(spacedField(this.field))) return true;
    const own = OWN_WORDS[entity];
    if (!this.saysBefore(OTHER_NUMBER, start) || (own !== undefined && this.saysBefore(own, start))) return false;
    // The entity's own label after the other word names the value ("For reference the SSN: 760-88-1796", "For
    // reference the IP is 63.229.85.69").
    const before = asWords(this.contextBefore(start));
    const other = lastMatch(OTHER_NUMBER, before);
    if (other === undefined) return true;
    // Another key after the other word labels the value ("revision=8f3a1916c col_4=530102197712095196"), and so
    // does a "from" or "via" just before it: the value is where something came from, not the other number
    // ("model login from 83.80.104.7", "order shipped from 4539 1488 0343 6467").
    const tail = before.slice(other.end);
    return lastMatch(CONTEXT[entity], tail) === undefined && !ANOTHER_KEY.test(tail) && !ORIGIN_BEFORE.test(tail);
  }

  /**
   * Whether `hinted` can hold for `entity` at `start…end`: false when the column names no entity, the text has
   * no line break and no "(" (no table, no label on the line above, no SQL INSERT) and no piece of the entity's
   * words (`CONTEXT_SCREEN`) stands in the raw stretch its context windows lie in.
   */
  mayBeHinted(entity: Entity, start: number, end: number): boolean {
    const screen = CONTEXT_SCREEN[entity];
    if (screen === undefined || (this.named !== undefined && this.named.size > 0)) return true;
    if (this.mayHoldTable()) return true;
    const text = this.text;
    return screen.test(
      text.slice(Math.max(0, start - CONTEXT_WINDOW), Math.min(text.length, end + CONTEXT_AFTER_WINDOW)),
    );
  }

  private breakOrParen: boolean | undefined;
  /** Whether the text holds a line break or a "(" (where a table, an INSERT or a form's label can be), once. */
  private mayHoldTable(): boolean {
    const text = this.text;
    this.breakOrParen ??= text.includes("\n") || text.includes("\r") || text.includes("(");
    return this.breakOrParen;
  }

  /**
   * Whether the context word of `entity` stands before `start` in the same sentence (or, when `end` is given,
   * after it in the same clause), or the column names it: the value's own column, or the column of a table the
   * text holds (`textTable`).
   */
  hinted(entity: Entity, start: number, end?: number): boolean {
    if (this.named?.has(entity)) return true;
    // Entities that need no word mostly (cards) still have words that settle a doubtful shape.
    const words = CONTEXT[entity] ?? OWN_WORDS[entity];
    if (words !== undefined && this.saysBefore(words, start)) return true;
    // A label after the value, in the same clause ("536-90-4399 is my SSN", "1990年5月3日生まれ"). Not for phones:
    // their words are verbs that follow any number ("… during the call"); phone.ts decides on `contextAfter`.
    if (end !== undefined && entity !== "phone" && words?.test(this.contextAfter(end))) return true;
    const table = this.table();
    return (table !== undefined && entitiesNamedBy(columnAt(table, this.text, start))?.has(entity)) ?? false;
  }

  /**
   * Where in the sentence before `start` the last context word of `entity` begins (an offset into
   * `contextBefore`), or -1 when only a column names it.
   */
  wordAt(entity: Entity, start: number): number {
    return lastContextWord(entity, this.contextBefore(start))?.at ?? -1;
  }

  /** Whether a column of the text's table names `entity` (a cheap test before a scan that needs its word). */
  tableNames(entity: Entity): boolean {
    const table = this.table();
    return table?.names.some((name) => entitiesNamedBy(name).has(entity)) ?? false;
  }

  /** The entities the column at `at` of the table the text holds is named for (undefined outside a table). */
  columnEntities(at: number): ReadonlySet<Entity> | undefined {
    const table = this.table();
    return table === undefined ? undefined : entitiesNamedBy(columnAt(table, this.text, at));
  }

  private tableRead = false;
  private tableFound: TextTable | undefined;
  /**
   * The table the text holds, read once on first need (only texts of two or more lines, or an SQL INSERT's
   * VALUES, can hold one). A "(" is looked for before "VALUES": a search for "alues" in prose stops at every "a".
   */
  private table(): TextTable | undefined {
    if (!this.tableRead) {
      this.tableRead = true;
      const text = this.text;
      this.tableFound =
        this.mayHoldTable() &&
        (text.includes("\n") || (text.includes("(") && (text.includes("ALUES") || text.includes("alues"))))
          ? textTable(text)
          : undefined;
    }
    return this.tableFound;
  }
}

// --- Digit runs ----------------------------------------------------------------------------------------------

/**
 * A run of digit groups joined by separators (one or two spaces or no-break spaces, or one "-", "." or "/"), not
 * glued to a word before it ("v14.20.45.246", "ORD-1234-567890", "AB123456" are no runs), to a "+" (phones
 * with a country code have their own pattern) nor to a "%" (a URL escape: "%204639" is " 4639"). Two spaces join
 * groups as text extracted from PDFs and OCR writes them ("4731  3439  7124  1007"); such a run is `wide`.
 */
const DIGIT_RUN = /(?<![\w+%]|\w[-./])\d{1,40}(?:(?:[ \u00a0]{1,2}|[./-])\d{1,40}){0,11}/y;
const isSpaceOrNbsp = (c: number): boolean => c === 0x20 || c === 0xa0;
/** Two spaces or no-break spaces between digit groups. */
const WIDE_GAP = /[ \u00a0]{2}/;

/** One digit run, as the recognizers see it. */
interface Run {
  readonly text: string;
  /** The digits alone. */
  readonly digits: string;
  /** Group sizes with their separators, spaces normalised: "3-2-4", "4 4 4 4", "2.2.4", "9". */
  readonly shape: string;
  readonly start: number;
  readonly end: number;
  /** The run is followed directly by a letter or digit-like character (the run is part of a larger token). */
  readonly glued: boolean;
  /** Two spaces stand between some of its groups: a value is reported from it only with a context word. */
  readonly wide: boolean;
  /** The whole text the run stands in. */
  readonly source: string;
}

interface RunRecognizer {
  readonly entity: Entity;
  /** Digit counts this entity can have. */
  readonly lengths: readonly number[];
  /** The written shapes the entity's issuer or common use gives it. */
  readonly shape: RegExp;
  readonly valid: (run: Run) => boolean;
  /** Whether this run needs a context word (absent: never; a function: decided by the run's form). */
  readonly needsContext?: boolean | ((run: Run) => boolean);
  /** Words that make the run something else, looked for in the window before it. */
  readonly veto?: { test(contextBefore: string, field?: string): boolean } | undefined;
}

/** Up to five groups, any separators (national formats vary: "030 1234567", "06-12345678", "030/1234567"). */
const NATIONAL_PHONE_SHAPE = /^\d+(?:[ .\-/]\d+){0,4}$/;

/**
 * Digits a form is filled with when the value is unknown or withheld: one digit repeated ("000000000"), or
 * nine or more counted from 1 ("123-456-7890"). (Formatting examples such as "01 23 45 67 89" stay numbers.)
 */
function placeholderDigits(digits: string): boolean {
  return /^(\d)\1{5,}$/.test(digits) || (digits.length >= 9 && "12345678901234567890".startsWith(digits));
}

/** An IBAN's first group (country code and check digits) right before a run. */
const IBAN_HEAD = /(?:^|[^\w])([A-Z]{2})\d{2}[ -]$/;

/**
 * Whether a run is the rest of an IBAN after its first group: "LU10 3820 7375 2213 3080", whose checksum failed,
 * is an account number whatever its Luhn sum, when the group's country code and the run make up that country's
 * IBAN length ("MC51 5325 …" is a card after a label).
 */
function ibanAccount(run: Run): boolean {
  const head = IBAN_HEAD.exec(run.source.slice(Math.max(0, run.start - 6), run.start));
  return head !== null && ibanLength(head[1] as string) === 4 + run.digits.length;
}

/** Strongest first: a run is claimed by the first recognizer that validates it (with its context). */
const RUN_RECOGNIZERS: readonly RunRecognizer[] = [
  {
    entity: "cn_resident_id",
    lengths: [18],
    shape: /^(?:18|6 8 4|6-8-4)$/,
    valid: (r) => chinaResidentIdValid(r.digits),
  },
  {
    entity: "credit_card",
    lengths: [13, 14, 15, 16, 17, 18, 19],
    shape: /^(?:1[3-9]|4 4 4 4(?: [1-3])?|4-4-4-4(?:-[1-3])?|4 4 4 1|4-4-4-1|4 6 [45]|4-6-[45])$/,
    valid: (r) => paymentCardValid(r.digits) && !TEST_CARD_NUMBERS.has(r.digits) && !ibanAccount(r),
  },
  {
    entity: "fr_nir",
    lengths: [15],
    shape: /^(?:15|1 2 2 2 3 3 2|13 2|1 2 2 5 3 2)$/,
    valid: (r) => frNirValid(r.digits),
  },
  {
    entity: "aadhaar",
    lengths: [12],
    shape: /^(?:12|4 4 4|4-4-4)$/,
    valid: (r) => aadhaarValid(r.digits),
    // UIDAI issues 12 digits, the first 2–9, the last a Verhoeff check digit over the other eleven (UIDAI,
    // "Aadhaar Numbering Scheme"). Printed as on the card, 4-4-4, the check makes a lone number self-evident like
    // a card's Luhn digit. It needs its word when written contiguous (one 12-digit run in ten passes Verhoeff:
    // timestamps, order ids), when it stands in a longer digit sequence, or when it could be a 12-digit Maestro
    // card (Luhn-valid, IIN 50 or 56–69; Maestro PANs run 12–19 digits).
    needsContext: (r) => r.shape === "12" || !standsAlone(r) || maestroLength12(r.digits),
  },
  {
    entity: "kr_rrn",
    lengths: [13],
    shape: /^(?:6-7|6 7|13)$/,
    valid: (r) => krRrnValid(r.digits),
    needsContext: (r) => r.shape === "13",
  },
  {
    entity: "be_national_number",
    lengths: [11],
    shape: /^(?:2\.2\.2-3\.2|6-3\.2|6-3-2|6 3 2|2\.2\.2 3 2|11)$/,
    valid: (r) => beNationalNumberValid(r.digits),
    needsContext: (r) => !r.shape.includes("."),
  },
  { entity: "pl_pesel", lengths: [11], shape: /^11$/, valid: (r) => plPeselValid(r.digits), needsContext: true },
  {
    entity: "de_tax_id",
    lengths: [11],
    shape: /^(?:11|2 3 3 3|3 3 3 2)$/,
    valid: (r) => deTaxIdValid(r.digits),
    needsContext: true,
  },
  {
    entity: "se_personnummer",
    lengths: [10, 12],
    shape: /^(?:6-4|8-4|6 4|8 4|10|12)$/,
    valid: (r) => sePersonnummerValid(r.text),
    needsContext: true,
  },
  {
    entity: "uk_nhs",
    lengths: [10],
    shape: /^(?:10|3 3 4|3-3-4)$/,
    valid: (r) => ukNhsValid(r.digits),
    needsContext: true,
  },
  { entity: "us_npi", lengths: [10], shape: /^10$/, valid: (r) => usNpiValid(r.digits), needsContext: true },
  {
    entity: "au_medicare",
    lengths: [10, 11],
    shape: /^(?:10|11|4 5 1|4 5 1 1|4-5-1|4 5 1-1|4 5 1\/1)$/,
    valid: (r) => auMedicareValid(r.digits),
    needsContext: true,
  },
  {
    entity: "us_ssn",
    lengths: [9],
    shape: /^(?:3-2-4|3 2 4|9)$/,
    valid: (r) => usSsnValid(r.digits),
    // Written as the SSA prints it (3-2-4 with hyphens) and standing as a token of its own, the layout says
    // SSN without a word; spaced or contiguous, nine digits are anything.
    needsContext: (r) => r.shape !== "3-2-4" || !wholeToken(r),
  },
  {
    entity: "us_itin",
    lengths: [9],
    shape: /^(?:3-2-4|3 2 4|9)$/,
    valid: (r) => usItinValid(r.digits),
    needsContext: true,
  },
  {
    entity: "ca_sin",
    lengths: [9],
    shape: /^(?:3 3 3|3-3-3|9)$/,
    valid: (r) => caSinValid(r.digits),
    needsContext: true,
  },
  {
    entity: "nl_bsn",
    lengths: [8, 9],
    shape: /^(?:9|8|4\.2\.3|3\.3\.3|3 3 3|2 3 3 1)$/,
    valid: (r) => nlBsnValid(r.digits),
    needsContext: true,
  },
  {
    entity: "au_tfn",
    lengths: [8, 9],
    shape: /^(?:9|8|3 3 3|3 3 2|3-3-3)$/,
    valid: (r) => auTfnValid(r.digits),
    needsContext: true,
  },
  {
    entity: "us_aba_routing",
    lengths: [9],
    shape: /^(?:9|4-4-1|4 4 1)$/,
    valid: (r) => usAbaRoutingValid(r.digits),
    needsContext: true,
  },
  {
    entity: "ip_address",
    lengths: [4, 5, 6, 7, 8, 9, 10, 11, 12],
    shape: /^[123]\.[123]\.[123]\.[123]$/,
    valid: (r) => ipv4Valid(r.text) && ipv4IsPublic(r.text),
    veto: VERSION_CONTEXT,
  },
  {
    entity: "date_of_birth",
    lengths: [4, 5, 6, 7, 8],
    // Separated, or eight digits written together as forms and records do (HL7 v2 DT "19421220", "09011993").
    shape: /^(?:4([-/.])[12]\1[12]|[12]([-/.])[12]\2[24]|8)$/,
    valid: (r) => {
      if (r.shape === "8") return compactDateValid(r.digits);
      const [a = "", b = "", c = ""] = r.text.split(/[-/.]/);
      return numericDateValid(a, b, c);
    },
    needsContext: true,
  },
  {
    entity: "passport",
    lengths: [6, 7, 8, 9],
    shape: /^[6-9]$/,
    valid: (r) => !placeholderDigits(r.digits),
    needsContext: true,
  },
  {
    entity: "us_driver_license",
    lengths: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    shape: /^(?:\d{1,2}|3-3-3|3 3 3|4-4-4|3-2-4)$/,
    valid: (r) => !/^(\d)\1+$/.test(r.digits),
    needsContext: true,
  },
  {
    // Claimed by `claimPhoneRun`: whether a run needs a phone word depends on how strictly it is written.
    entity: "phone",
    lengths: [7, 8, 9, 10, 11, 12, 13, 14],
    shape: NATIONAL_PHONE_SHAPE,
    valid: () => true,
  },
];

/** A 12-digit number a Maestro card could carry: IIN 50 or 56–69 (Mastercard's Maestro ranges) and Luhn. */
function maestroLength12(digits: string): boolean {
  const iin = Number(digits.slice(0, 2));
  return (iin === 50 || (iin >= 56 && iin <= 69)) && luhnValid(digits);
}

/**
 * Run recognizers by digit count. Each is given every field, in one order: the loop over them reads one object
 * shape, not a dozen (a property read over many shapes goes through the runtime's generic lookup).
 */
const RUNS_BY_LENGTH = new Map<number, RunRecognizer[]>();
for (const declared of RUN_RECOGNIZERS) {
  const recognizer: RunRecognizer = {
    entity: declared.entity,
    lengths: declared.lengths,
    shape: declared.shape,
    valid: declared.valid,
    needsContext: declared.needsContext ?? false,
    veto: declared.veto,
  };
  for (const n of recognizer.lengths) {
    const list = RUNS_BY_LENGTH.get(n) ?? [];
    list.push(recognizer);
    RUNS_BY_LENGTH.set(n, list);
  }
}

/**
 * Per digit count, the recognizers whose shape takes a run of that many digits and no separator (shape "5"):
 * most runs in prose are bare ("order 19660"), and their shapes need no test run by run.
 */
const BARE_RUNS_BY_LENGTH = new Map<number, RunRecognizer[]>();
for (const [n, list] of RUNS_BY_LENGTH)
  BARE_RUNS_BY_LENGTH.set(
    n,
    list.filter((r) => r.shape.test(String(n))),
  );

function makeRun(text: string, start: number, end: number): Run {
  const runText = text.slice(start, end);
  let digits = "";
  let shape = "";
  let group = 0;
  // One group (most runs: ids, amounts, years): its digits are the run (no string built a digit at a time).
  let i = 0;
  while (i < runText.length && isDigitCode(runText.charCodeAt(i))) i++;
  if (i === runText.length) {
    digits = runText;
    group = i;
  } else i = 0;
  let wide = false;
  for (; i < runText.length; i++) {
    const c = runText.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += runText[i];
      group++;
    } else if (isSpaceOrNbsp(c) && isSpaceOrNbsp(runText.charCodeAt(i - 1))) {
      // The second space of a wide gap: the shape reads it as one.
      wide = true;
    } else {
      shape += `${group}${c === 0xa0 ? " " : runText[i]}`;
      group = 0;
    }
  }
  // A CN resident ID's check character may be "X": 17 digits and an X (not glued to more) are one candidate.
  if (digits.length === 17 && (text[end] === "X" || text[end] === "x") && !/\w/.test(text[end + 1] ?? "")) {
    return {
      text: `${runText}X`,
      digits: `${digits}X`,
      shape: `${shape}${group + 1}`,
      start,
      end: end + 1,
      glued: false,
      wide,
      source: text,
    };
  }
  shape += group;
  const next = text.charCodeAt(end);
  const glued = (next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95;
  return { text: runText, digits, shape, start, end, glued, wide, source: text };
}

const RUN_SEPARATOR = /[ \u00a0./-]/;
const isDigitChar = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/**
 * No digit group continues the run on either side past one separator, and no "+" or "#" stands before it: the
 * run is a whole number, not one part of a longer one ("+91 …", a card split in two, "12 2341 2341 2346 …").
 */
function standsAlone({ source: text, start, end }: Run): boolean {
  const before = text[start - 1];
  // "#" is the number sign of issues, commits, orders and builds ("#757284051948").
  if (before === "+" || before === "#" || isDigitChar(before)) return false;
  if (before !== undefined && RUN_SEPARATOR.test(before)) {
    const further = text[start - 2];
    if (further === "+" || isDigitChar(further)) return false;
  }
  const after = text[end];
  return !(isDigitChar(after) || (after !== undefined && RUN_SEPARATOR.test(after) && isDigitChar(text[end + 1])));
}

/**
 * The run stands alone and no letter, hyphen or slash joins it to a longer code on either side ("557-06-5716-P",
 * "A-123-45-6789").
 */
function wholeToken(run: Run): boolean {
  const joined = (c: string | undefined): boolean => c !== undefined && (c === "-" || c === "/" || /\p{L}/u.test(c));
  return standsAlone(run) && !joined(run.source[run.start - 1]) && !joined(run.source[run.end]);
}

/** Give a run to the first recognizer that takes it; true when one did. */
function claimRun(scan: Scan, run: Run): boolean {
  const length = run.digits.length;
  // (a bare run's shape is its digit count: "123456789", a CN ID's "17 digits and an X")
  const bare = run.shape.length <= 2 && run.shape === String(length);
  const candidates = (bare ? BARE_RUNS_BY_LENGTH : RUNS_BY_LENGTH).get(length);
  if (candidates === undefined || run.glued || scan.overlaps(run.start, run.end)) return false;
  // Of the entities whose words stand before the run, the nearest word names it: "SSN 536-90-4399, passport
  // 200112348" holds a passport number last, though a 9-digit passport number is also a well-formed SSN.
  let named: Entity | undefined;
  let namedAt: number | undefined;
  for (const r of candidates) {
    if (!bare && !r.shape.test(run.shape)) continue;
    if (r.entity === "phone") {
      // Wide gaps also part a table's columns: a phone's context rules are not made for them.
      if (!run.wide && claimPhoneRun(scan, run)) return true;
      continue;
    }
    const needs = run.wide || (typeof r.needsContext === "function" ? r.needsContext(run) : r.needsContext === true);
    if (!needs && named !== undefined) break;
    // Without a context word to look for, the check is cheaper than the vetoes' patterns (an IPv4 address).
    if (!needs && !r.valid(run)) continue;
    // Context first: it is cheaper than most validators (the phone plan's metadata above all).
    if (
      needs &&
      (!scan.mayBeHinted(r.entity, run.start, run.end) ||
        !scan.hinted(r.entity, run.start, run.end) ||
        scan.labelledOtherwise(r.entity, run.start))
    )
      continue;
    if (r.veto?.test(scan.contextBefore(run.start), scan.field)) continue;
    if (!needs && scan.otherNumber(r.entity, run.start)) continue;
    if (needs && !r.valid(run)) continue;
    if (!needs) {
      scan.add(r.entity, run.start, run.end);
      return true;
    }
    if (named === undefined) {
      named = r.entity;
      continue;
    }
    namedAt ??= scan.wordAt(named, run.start);
    const at = scan.wordAt(r.entity, run.start);
    if (at > namedAt) {
      named = r.entity;
      namedAt = at;
    }
  }
  if (named === undefined) return false;
  scan.add(named, run.start, run.end);
  return true;
}

function scanDigitRuns(scan: Scan): void {
  const text = scan.text;
  const runs = digitRunsOf(text);
  // The run's pattern is matched (sticky) at each digit run `featuresOf` found: it starts with a look-behind,
  // which would otherwise be tried at every character of the text.
  let from = 0;
  for (let k = 0; k < runs.count; k++) {
    const runEnd = runs.ends[k] as number;
    if (runEnd <= from) continue;
    // A match can end inside a run (more than 40 digits): the search goes on from there.
    const first = Math.max(from, runs.starts[k] as number);
    DIGIT_RUN.lastIndex = first;
    // `test`, not `exec`: the match's end is the pattern's `lastIndex` (sticky), and no match array is made.
    if (!DIGIT_RUN.test(text)) {
      // Glued to a word: no run starts anywhere in these digits (each has a word character before it).
      from = runEnd;
      continue;
    }
    const start = first;
    const end = DIGIT_RUN.lastIndex;
    from = end;
    if (end - start < 4 || scan.overlaps(start, end)) continue;
    claimRunOrParts(scan, start, end);
  }
}

/**
 * Give the run at `start…end` to a recognizer, or else its parts: two values side by side ("12/03/1980 14",
 * "123-45-6789 4111…") each on its own, when a part has a separator of another kind or is long enough to be an
 * identifier by itself. A wide run is first parted at its wide gaps (columns: "741 06 7692  242717470").
 */
function claimRunOrParts(scan: Scan, start: number, end: number): void {
  const run = makeRun(scan.text, start, end);
  if (claimRun(scan, run) || !/[ \u00a0]/.test(run.text)) return;
  const gap = run.wide ? WIDE_GAP : /[ \u00a0]/;
  let at = start;
  for (const part of run.text.split(gap)) {
    const partEnd = at + part.length;
    if (run.wide) {
      if (part.length >= 4) claimRunOrParts(scan, at, partEnd);
    } else if (/[-./]/.test(part) || part.length >= 6) claimRun(scan, makeRun(scan.text, at, partEnd));
    at = partEnd + (run.wide ? 2 : 1);
  }
}

// --- Upper-case alphanumeric tokens ----------------------------------------------------------------------------

/**
 * A token of capitals and digits (dashes inside allowed), 6–34 characters, not glued to a word: passports,
 * PAN, NINO, codice fiscale, NRIC, NIE/DNI, MBI, CN IDs ending in X, compact IBANs, driver licences.
 */
const TOKEN = /(?<![\w-])[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){5,33}(?![\w-])/g;

interface TokenRecognizer {
  readonly entity: Entity;
  readonly shape: RegExp;
  readonly valid: (token: string) => boolean;
  readonly needsContext?: boolean;
  /**
   * Without a context word, a token introduced as another kind of code ("coupon code …", an `order_id` column)
   * is that code: for identifiers with a shape and no check character.
   */
  readonly otherCode?: boolean;
}

/**
 * ICAO 9303 document numbers as issuers lay them out (Doc 9303 part 4 allows up to 9 characters of A–Z 0–9):
 * letters then digits (US, UK, IN, CN, ES, IT, JP, CA, AU, BR, RU …), FR `99AA99999`, DE `[CFGHJK]` + 8 of
 * `[CFGHJKLMNPRTVWXYZ0-9]`, NL two letters + six letters/digits + a digit; at least two digits.
 */
const PASSPORT_LAYOUTS =
  /^(?:[A-Z]{1,3}\d{6,8}|\d{2}[A-Z]{2}\d{5}|[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{8}|[A-NP-Z]{2}[A-NP-Z0-9]{6}\d|[A-Z]\d{7}[A-Z0-9]|[A-Z0-9]{2}\d{7})$/;

/**
 * Layouts whose alphabet or fixed digit tells a document number from a word even with fewer than two digits:
 * Germany's serial number, a letter C F G H J K then eight of `CFGHJKLMNPRTVWXYZ0-9` (no vowels, no B D Q S:
 * Passverordnung, Anlage; BSI TR-03104), and the Netherlands' two letters, six letters or digits and a final
 * digit, never the letter O (Rijksdienst voor Identiteitsgegevens, "documentnummer").
 */
const LETTER_PASSPORT_LAYOUTS = /^(?:[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{8}|[A-NP-Z]{2}[A-NP-Z0-9]{6}\d)$/;

const TOKEN_RECOGNIZERS: readonly TokenRecognizer[] = [
  { entity: "cn_resident_id", shape: /^\d{17}X$/, valid: chinaResidentIdValid },
  { entity: "iban", shape: /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, valid: (t) => ibanValid(t) && !EXAMPLE_IBANS.has(t) },
  {
    entity: "it_fiscal_code",
    shape: /^[A-Z]{6}[0-9L-V]{2}[A-Z][0-9L-V]{2}[A-Z][0-9L-V]{3}[A-Z]$/,
    valid: itFiscalCodeValid,
  },
  // The Income Tax Department's PAN: five letters, the fourth the holder's type, four digits, a letter. No word
  // and few codes have that shape: reported without a context word unless introduced as another kind of code.
  { entity: "in_pan", shape: /^[A-Z]{5}\d{4}[A-Z]$/, valid: indiaPanValid, otherCode: true },
  { entity: "sg_nric", shape: /^[STFG]\d{7}[A-Z]$/, valid: sgNricValid },
  { entity: "es_dni", shape: /^(?:\d{8}-?[A-Z]|[XYZ]-?\d{7}-?[A-Z])$/, valid: esDniValid },
  {
    entity: "us_mbi",
    shape: /^[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}$/,
    valid: usMbiValid,
    needsContext: true,
  },
  // HMRC's prefix rules and the A–D suffix leave few codes that look like a NINO and are none: reported without
  // a context word (as Presidio does) unless introduced as another kind of code.
  { entity: "uk_nino", shape: /^[A-Z]{2}\d{6}[A-D]$/, valid: ukNinoValid, otherCode: true },
  {
    entity: "passport",
    shape: /^[A-Z0-9]{6,9}$/,
    valid: (t) => {
      const digits = t.match(/\d/g)?.length ?? 0;
      return digits >= 3 || (digits >= 2 && PASSPORT_LAYOUTS.test(t)) || LETTER_PASSPORT_LAYOUTS.test(t);
    },
    needsContext: true,
  },
  {
    entity: "us_driver_license",
    // The states' layouts vary (AAMVA DL/ID standard, annex D): letters and digits, often grouped by dashes.
    shape: /^[A-Z0-9*](?:[A-Z0-9*]|-(?=[A-Z0-9])){4,20}$/,
    valid: (t) => (t.match(/\d/g)?.length ?? 0) >= 3 || /^WDL[A-Z0-9*]{9}$/.test(t),
    needsContext: true,
  },
];

/** The token recognizers, each with every field (one object shape for the loop, as `RUNS_BY_LENGTH`). */
const TOKENS: readonly Required<TokenRecognizer>[] = TOKEN_RECOGNIZERS.map((r) => ({
  entity: r.entity,
  shape: r.shape,
  valid: r.valid,
  needsContext: r.needsContext === true,
  otherCode: r.otherCode === true,
}));

function scanTokens(scan: Scan): void {
  const text = scan.text;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const token = m[0];
    const start = m.index;
    const end = start + token.length;
    // Digit-only tokens are digit runs; a token needs a capital (and a digit, but a WDL licence may have none).
    if (!/[A-Z]/.test(token) || !(/\d/.test(token) || token.startsWith("WDL")) || scan.overlaps(start, end)) continue;
    for (const r of TOKENS) {
      if (!r.shape.test(token) || !r.valid(token)) continue;
      if (r.needsContext && (!scan.hinted(r.entity, start, end) || scan.labelledOtherwise(r.entity, start))) continue;
      if (r.otherCode && !scan.hinted(r.entity, start, end) && scan.otherNumber(r.entity, start, true)) continue;
      scan.add(r.entity, start, end);
      break;
    }
  }
}

// --- Entities with shapes of their own -------------------------------------------------------------------------

/**
 * RFC 5321 §4.1.2 local part (atext and dots; RFC 6531 allows any UTF-8 letter too) and a domain of LDH labels
 * (RFC 1035; internationalised labels as Unicode letters or their punycode `xn--` form, RFC 5890). A source,
 * compiled on first use (`emailAt`): parsing its Unicode classes costs every thread that loads the module.
 */
const EMAIL = String.raw`(?<![\p{L}\p{N}.!#$%&'*+/=?^_\x60{|}~-])[\p{L}\p{N}!#$%&'*+/=?^_\x60{|}~-]{1,64}(?:\.[\p{L}\p{N}!#$%&'*+/=?^_\x60{|}~-]{1,64}){0,8}@[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?){1,8}`;

/** Names reserved for documentation and testing (RFC 2606, RFC 6761): never a person's address. */
const RESERVED_EMAIL_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost|local)$/i;

/**
 * File types that look like top-level domains but are not delegated in the root zone (IANA): "logo@2x.png"
 * names an image, not a mailbox.
 */
const FILE_EXTENSION =
  /^(?:png|jpe?g|gif|svg|webp|bmp|tiff?|ico|heic|pdf|txt|csv|tsv|json|ya?ml|xml|html?|js|mjs|cjs|jsx|tsx?|css|scss|map|wasm|exe|dll|so|lock|log|ini|cfg|conf|bak|tmp)$/i;

function emailValid(candidate: string): boolean {
  const at = candidate.lastIndexOf("@");
  if (at > 64) return false;
  const domain = candidate.slice(at + 1);
  const tld = domain.slice(domain.lastIndexOf(".") + 1);
  // A top-level domain is letters (a Unicode TLD too) or punycode, never digits only.
  return (
    /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu.test(tld) &&
    !FILE_EXTENSION.test(tld) &&
    !RESERVED_EMAIL_DOMAIN.test(domain)
  );
}

/**
 * Whether the "@" at `start…` belongs to a URL's authority ("postgres://app:pw@db.example.net"): RFC 3986's
 * userinfo, not a mailbox. The authority runs from the "://" to the first "/", "?" or "#" (RFC 3986 §3.2), so an
 * address in the path or the query ("…/signup?email=jan@outlook.com") is a mailbox.
 */
function inUrlAuthority(text: string, start: number): boolean {
  const scheme = text.lastIndexOf("://", start);
  return scheme >= 0 && start - scheme < 300 && !AUTHORITY_END.test(text.slice(scheme + 3, start));
}
const AUTHORITY_END = /[\s/?#]/;

/**
 * Where an address glued to a key starts: after the last "=" of the local part ("email=jan@outlook.com",
 * "…/signup?a=1&mail=jan@…"). "=", "&", "/" and "?" are local-part characters (RFC 5322 atext), but before an
 * "@" in `key=value` text the "=" ends a key.
 */
function afterKey(address: string): number {
  const at = address.indexOf("@");
  const equals = address.lastIndexOf("=", at);
  return equals >= 0 && equals < at - 1 ? equals + 1 : 0;
}

/**
 * Whether the address ending at `end` is the host of an scp-like remote, `user@host:path` ("git@github.com:org/
 * repo.git": git-clone(1), GIT URLS) or a host and port: a ":" glued to the domain and to what follows.
 */
function scpRemote(text: string, end: number): boolean {
  const next = text[end + 1];
  return text[end] === ":" && next !== undefined && next !== " " && next !== "\n" && next !== "\t";
}

/** `EMAIL` tried at one position (its local part's start). */
let emailAt: RegExp | undefined;
/** The characters of a local part, dots included (ASCII; beyond it, letters and numbers). */
const LOCAL_PART_ASCII = new Uint8Array(128);
for (const c of "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.!#$%&'*+/=?^_`{|}~-")
  LOCAL_PART_ASCII[c.charCodeAt(0)] = 1;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/uy;

/**
 * Where the local part before the "@" at `at` starts: the first of the run of local-part characters before it,
 * not before `from`. An address can start nowhere else (its pattern's look-behind rules out a start inside the
 * run), and the run stops at an earlier "@", so all the runs of a text are read once.
 */
function localPartStart(text: string, at: number, from: number): number {
  let i = at;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c < 128) {
      if (LOCAL_PART_ASCII[c] === 0) break;
      i--;
      continue;
    }
    // A surrogate pair is read whole (`from`, the end of an address, never falls inside one).
    const width = isLowSurrogate(c) && i - 2 >= from && isHighSurrogate(text.charCodeAt(i - 2)) ? 2 : 1;
    LETTER_OR_NUMBER.lastIndex = i - width;
    if (!LETTER_OR_NUMBER.test(text)) break;
    i -= width;
  }
  return i;
}

function scanEmails(scan: Scan): void {
  const text = scan.text;
  // The pattern, a look-behind then a class, would be tried at every character: each address holds one "@",
  // and starts where the run of local-part characters before it starts.
  for (let from = 0, at = text.indexOf("@"); at >= 0; at = text.indexOf("@", from)) {
    emailAt ??= new RegExp(EMAIL, "uy");
    emailAt.lastIndex = localPartStart(text, at, from);
    const m = emailAt.exec(text);
    if (m === null) {
      from = at + 1;
      continue;
    }
    const end = m.index + m[0].length;
    from = end;
    const key = afterKey(m[0]);
    const start = m.index + key;
    if (
      emailValid(key === 0 ? m[0] : m[0].slice(key)) &&
      !scan.overlaps(start, end) &&
      !inUrlAuthority(scan.text, start) &&
      !scpRemote(scan.text, end)
    )
      scan.add("email", start, end);
  }
}

/**
 * An IBAN as printed (groups of four, single spaces) or compact, in capitals or all in lower case (ISO 13616-1
 * §5.3: the electronic format is upper case, but the check is over the characters whatever their case, and
 * people type it lower): the country's registered length decides where it ends, so a BIC or a word written
 * after it is not taken in.
 */
const IBAN = /(?<![\w-])(?:[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,34}|[a-z]{2}\d{2}(?:[ -]?[a-z0-9]){11,34})/g;

function scanIbans(scan: Scan): void {
  const text = scan.text;
  IBAN.lastIndex = 0;
  for (let m = IBAN.exec(text); m !== null; m = IBAN.exec(text)) {
    const length = ibanLength(m[0].slice(0, 2).toUpperCase());
    if (length === undefined) {
      IBAN.lastIndex = m.index + 2;
      continue;
    }
    let taken = 0;
    let end = m.index;
    while (taken < length && end < m.index + m[0].length) {
      if (text[end] !== " " && text[end] !== "-") taken++;
      end++;
    }
    const alnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    // Glued to more characters, or dashed on into a longer code ("DE89-3704-…-00-77").
    const glued = alnum(text.charCodeAt(end)) || (text[end] === "-" && alnum(text.charCodeAt(end + 1)));
    const iban = text.slice(m.index, end);
    const compact = iban.replace(/[ -]/g, "");
    if (
      taken === length &&
      !glued &&
      // One separator throughout, as printed: groups of four with spaces (ISO 13616-1) or with dashes.
      !(iban.includes(" ") && iban.includes("-")) &&
      ibanValid(compact) &&
      !EXAMPLE_IBANS.has(compact.toUpperCase()) &&
      !scan.overlaps(m.index, end)
    ) {
      scan.add("iban", m.index, end);
    }
    IBAN.lastIndex = end;
  }
}

/**
 * The second line of a passport's machine-readable zone (ICAO 9303 part 4, TD3: 44 characters): document
 * number, nationality, birth date, sex, expiry, optional data, each field with its 7-3-1 check digit (part 3
 * §4.9) and a composite check digit. The five checks make a random match practically impossible.
 */
const MRZ_LINE = /(?<![A-Z0-9<])[A-Z0-9<]{9}\d[A-Z<]{3}\d{7}[MFX<]\d{7}[A-Z0-9<]{14}[\d<]\d(?![A-Z0-9<])/g;

function mrzCheck(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += value * ([7, 3, 1][i % 3] as number);
  }
  return sum % 10;
}

export function mrzLineValid(line: string): boolean {
  const digit = (i: number): number => line.charCodeAt(i) - 48;
  const optionalCheck = line[42] === "<" ? 0 : digit(42);
  return (
    mrzCheck(line.slice(0, 9)) === digit(9) &&
    mrzCheck(line.slice(13, 19)) === digit(19) &&
    mrzCheck(line.slice(21, 27)) === digit(27) &&
    mrzCheck(line.slice(28, 42)) === optionalCheck &&
    mrzCheck(line.slice(0, 10) + line.slice(13, 20) + line.slice(21, 43)) === digit(43)
  );
}

function scanMrz(scan: Scan): void {
  MRZ_LINE.lastIndex = 0;
  for (let m = MRZ_LINE.exec(scan.text); m !== null; m = MRZ_LINE.exec(scan.text)) {
    const end = m.index + m[0].length;
    if (mrzLineValid(m[0]) && !scan.overlaps(m.index, end)) scan.add("passport", m.index, end);
  }
}

/** A French NIR born in Corsica: département 2A or 2B, which the digit runs cannot see. */
const CORSICAN_NIR = /(?<![\w])[12378] ?\d{2} ?\d{2} ?2[AB] ?\d{3} ?\d{3} ?\d{2}(?!\w)/g;

function scanCorsicanNirs(scan: Scan): void {
  CORSICAN_NIR.lastIndex = 0;
  for (let m = CORSICAN_NIR.exec(scan.text); m !== null; m = CORSICAN_NIR.exec(scan.text)) {
    const end = m.index + m[0].length;
    if (frNirValid(m[0]) && !scan.overlaps(m.index, end)) scan.add("fr_nir", m.index, end);
  }
}

/**
 * UK NINO written as HMRC prints it, in pairs ("AB 12 34 56 C"), with the six digits as one group ("AB 123456 C")
 * or with dashes ("AB-12-34-56-C"), which the token scan does not see (HMRC NIM39110).
 */
const SPACED_NINO = /(?<![\w-])[A-Z]{2}(?: \d{2} \d{2} \d{2} | \d{6} |-\d{2}-\d{2}-\d{2}-)[A-D](?![\w-])/g;

/** Spain's DNI with the thousands dots it is often printed with ("12.345.678-Z"), which the token scan does not see. */
const DOTTED_DNI = /(?<![\w.])(\d{1,2})\.(\d{3})\.(\d{3})[- ]?([A-Z])(?!\w)/y;

function scanDottedDnis(scan: Scan): void {
  const text = scan.text;
  const runs = digitRunsOf(text);
  // Tried (sticky) only where three digit runs of 1–2, 3 and 3 digits are joined by dots.
  for (let k = 0; k + 2 < runs.count; k++) {
    const start = runs.starts[k] as number;
    const first = (runs.ends[k] as number) - start;
    if (first > 2 || runs.starts[k + 1] !== start + first + 1 || runs.starts[k + 2] !== start + first + 5) continue;
    DOTTED_DNI.lastIndex = start;
    const m = DOTTED_DNI.exec(text);
    if (m === null) continue;
    const end = start + m[0].length;
    const dni = `${`${m[1]}${m[2]}${m[3]}`.padStart(8, "0")}${m[4]}`;
    if (esDniValid(dni) && !scan.overlaps(start, end)) scan.add("es_dni", start, end);
  }
}

function scanSpacedNinos(scan: Scan): void {
  SPACED_NINO.lastIndex = 0;
  for (let m = SPACED_NINO.exec(scan.text); m !== null; m = SPACED_NINO.exec(scan.text)) {
    const end = m.index + m[0].length;
    if (!ukNinoValid(m[0].replace(/[- ]/g, "")) || scan.overlaps(m.index, end)) continue;
    if (scan.hinted("uk_nino", m.index, end) || !scan.otherNumber("uk_nino", m.index, true))
      scan.add("uk_nino", m.index, end);
  }
}

// --- Phones ------------------------------------------------------------------------------------------------------

/** The phone's context words, found all at once (the last one before a number is its label). */
const PHONE_WORDS = new RegExp((CONTEXT.phone as RegExp).source, "gi");

/** Phone words that are verbs (or say "contact" in general): they label a number before it, not after it. */
const PHONE_VERBS = /^(?:call|reach|ring|dial|contact|kontakt|звон|zadzwo|联系|聯絡|연락처)/i;

/**
 * Labels that introduce a number as something other than a phone: orders, invoices, references, case files,
 * shipments, accounts, customers, articles, company and tax registers, in the languages of the phone words.
 * Only a label after the last phone word counts: "Call us. Order 2125550123" is an order, "order questions:
 * call 030 1234 5678" a phone.
 */
const NOT_A_PHONE =
  /order|invoice|\bref\b|r[eé]f[eéê]r[eêé]n|riferiment|ticket|티켓|チケット|\bcase\b|file (?:no|number)|tracking|shipment|parcel|consignment|serial|\bpart\b|\bsku\b|\bitem\b|article|artikel|art[íi]culo|account|\bacct\b|customer (?:no|number|id)|client (?:no|number|id)|policy|claim|booking|reservation|confirmation|transaction|receipt|timestamp|duration|\bbuild\b|version|\bbatch\b|\blot\b|coupon|voucher|\bcommit\b|\brevision\b|\bisbn|\bimei|\bgtin|\bean(?:-?1[34])?\b|\bupc\b|barcode|\basin\b|\biban\b|\babn\b|\bacn\b|\bein\b|\bvat\b|\bnip\b|regon|\bkrs\b|\bkvk\b|\bbtw\b|siret|siren|cnpj|\bcpf\b|\bnif\b|\bcif\b|\brut\b|\bid\b|bestell|auftrag|rechnung|aktenzeichen|vorgang|sendung|kunden|konto|vertrag|commande|facture|dossier|suivi|colis|compte|contrat|pedido|factura|expediente|seguimiento|env[íi]o|cuenta|contrato|p[óo]liza|ordine|fattura|pratica|spedizione|\bconto\b|contratto|fatura|processo|protocolo|encomenda|rastreio|bestelling|factuur|\bzaak\b|zending|klantnummer|rekening|faktura|ärende|spårning|försändelse|kundnummer|zamówieni|sprawa|przesyłk|umow|заказ|сч[её]т|договор|накладн|посылк|трек|заявк|артикул|订单|单号|工单|管理番号|账号|帳號|发票|快递|运单|注文|口座|伝票|주문|송장|계좌|사업자|주민|예약/i;

/**
 * A CSV-like text's header name for the column `start` lies in ("id,mobile,city\n177,662 832 465,Pune" → "mobile"):
 * the first line, split at the delimiter the value's line uses, read at the value's column.
 */
function csvColumnName(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  if (lineStart === 0) return undefined;
  const headerEnd = text.indexOf("\n");
  const header = text.slice(0, headerEnd).replace(/\r$/, "");
  for (const delimiter of [",", ";", "\t", "|"]) {
    if (!header.includes(delimiter)) continue;
    const before = text.slice(lineStart, start);
    const column = before.split(delimiter).length - 1;
    const names = header.split(delimiter);
    if (column === 0 && !before.includes(delimiter) && names.length > 1 && !text.slice(start).includes(delimiter)) {
      return undefined;
    }
    const name = names[column]?.trim();
    return name && /^[\p{L}_][\p{L}\d _.-]*$/u.test(name) ? name : undefined;
  }
  return undefined;
}

type PhoneLabel = "phone" | "other" | "none";

/**
 * The one-letter labels of an e-mail signature's contact lines, alone at the start of the line ("M: 0157 …",
 * "T 010 …", "P: …", "F: …"): read only right before the number, never as a column name ("T", "P").
 */
const SIGNATURE_LABEL = /^[ \t]*(?:(?:[MTPCF]|Ph|Mob|Tel|Cel)[.:]|[MT](?= ))[ \t]*$/;

/**
 * What the text says a number at `start`…`end` is: the last phone word before it in its sentence, its column
 * (the field name, a CSV header) or a phone noun after it in the same sentence says phone, unless a label of
 * another kind of number or another identifier's word stands between the last phone word and the number.
 * Unlabelled numbers are told apart ("other" or "none") only when `distinguishOther` asks for it.
 */
function phoneLabel(scan: Scan, start: number, end: number, distinguishOther = false): PhoneLabel {
  // Snake-case keys read as words ("nhs_number=943 476 5919&tel=…" is an NHS number; "WhatsApp" stays whole).
  let before = asSnakeWords(contextBefore(scan.text, start));
  // A CJK full stop ends a sentence whatever follows it (the context window knows Latin stops only).
  const stop = Math.max(before.lastIndexOf("。"), before.lastIndexOf("！"));
  if (stop >= 0) before = before.slice(stop + 1);
  let tail = before;
  let word = false;
  // As written first, then with camel case split ("telNo=575 782 971").
  for (const read of CAMEL.test(before) ? [before, before.replace(CAMEL_SPLIT, "$1 $2")] : [before]) {
    PHONE_WORDS.lastIndex = 0;
    for (let m = PHONE_WORDS.exec(read); m !== null; m = PHONE_WORDS.exec(read)) {
      word = true;
      tail = read.slice(m.index + m[0].length);
    }
    if (word) break;
  }
  // A column named for phones settles it: a table's header names other columns too ("INSERT … (name, tel, sin)").
  const otherBefore = (): boolean =>
    ((LETTER.test(tail) && NOT_A_PHONE.test(tail)) || namesAnotherKind(tail, "phone")) &&
    !scan.columnEntities(start)?.has("phone");
  if (word) return otherBefore() ? "other" : "phone";
  if (SIGNATURE_LABEL.test(before)) return "phone";
  // The value's column when it names something, else the column of the CSV-like text or table it stands in.
  const byCsv = (): ReadonlySet<Entity> | undefined => {
    const csv = entitiesNamedBy(csvColumnName(scan.text, start));
    return csv !== undefined && csv.size > 0 ? csv : scan.columnEntities(start);
  };
  const named = scan.named !== undefined && scan.named.size > 0 ? scan.named : byCsv();
  if (named !== undefined && named.size > 0) return named.has("phone") && !otherBefore() ? "phone" : "other";
  if (phoneNounAfter(scan.text, end)) return otherBefore() ? "other" : "phone";
  return distinguishOther && otherBefore() ? "other" : "none";
}

/**
 * A phone noun after `end` in the same sentence ("0171 2345678 is my mobile", "… (cell)"); a verb there is no
 * label ("… Lisboa during the call").
 */
function phoneNounAfter(text: string, end: number): boolean {
  const after = text.slice(end, end + CONTEXT_WINDOW);
  const sentenceEnd = after.search(/[.!?](?:\s|$)|[。！？\n]/);
  const sentence = sentenceEnd < 0 ? after : after.slice(0, sentenceEnd);
  PHONE_WORDS.lastIndex = 0;
  for (let m = PHONE_WORDS.exec(sentence); m !== null; m = PHONE_WORDS.exec(sentence)) {
    if (!PHONE_VERBS.test(m[0])) return true;
  }
  return false;
}

/**
 * Runs that are times, not phones: a numeric date ("01.02.2023", "12/03/1980"), a date and the hour after it
 * ("2024-03-05 14:22", "20240305 1422"), a run the clock's ":" continues, a Unix time in seconds or
 * milliseconds (10 or 13 digits from "1": no national number is written so). Postal codes (Brazil's CEP 5-3,
 * the US ZIP+4 5-4, Portugal's 4-3) are no phones either.
 */
function timeOrPostal(scan: Scan, run: Run): boolean {
  if (/^(?:5-[34]|4-3)$/.test(run.shape)) return true;
  if (/^1\d{9}(?:\d{3})?$/.test(run.text)) return true;
  if (scan.text[run.end] === ":" && /\d/.test(scan.text[run.end + 1] ?? "")) return true;
  // A whole run of three groups that is a date, or a date with a four-digit year and more after a space.
  const [a = "", b = "", c = ""] = run.text.split(/[-/.]/);
  if (/^\d+([-/.])\d+\1\d+$/.test(run.text) && numericDateValid(a, b, c)) return true;
  const date = /^(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}([-/.])\d{1,2}\2\d{4}) /.exec(run.text);
  if (date !== null) {
    const [x = "", y = "", z = ""] = date[0].trim().split(/[-/.]/);
    if (numericDateValid(x, y, z)) return true;
  }
  const stamp = /^((?:19|20)\d\d)(\d\d)(\d\d)(?:\D|$)/.exec(run.text);
  return stamp !== null && numericDateValid(stamp[1] as string, stamp[2] as string, stamp[3] as string);
}

/**
 * A number written without a country code (national notation: trunk prefix, area code in brackets, the NANP's
 * 3-3-4) is a phone only when a phone word labels it — before it or after it in the same sentence — or its
 * column (field name, CSV header) is a phone column; it must then be valid in some national plan of the
 * metadata (the country is unknown), lie in the number space of a plan whose national format, prefix and
 * grouping it is written in, or have the NANP's structure. Unlabelled, it is not reported however strictly it
 * is written: no plan tells a bare national number from an order, ticket or case number of the same length,
 * and independent corpora label such values as no phone. A label of another kind ("Order", "Referentie",
 * "NIP", "SSN") after the last phone word makes it no phone either.
 */
function claimPhoneRun(scan: Scan, run: Run): boolean {
  // The SSA's 3-2-4 layout is a social security number's, whatever word stands before it.
  if (/^3([- ])2\1(?:4)$/.test(run.shape)) return false;
  // An amount with its cents ("total: 86740.37"); a status code and a size in an access log.
  if (/^\d+\.2$/.test(run.shape) || ACCESS_LOG_STATUS.test(scan.text.slice(Math.max(0, run.start - 12), run.start)))
    return false;
  if (placeholderDigits(run.digits) || timeOrPostal(scan, run) || phoneLabel(scan, run.start, run.end) !== "phone")
    return false;
  const phone =
    nationalFit(run.text, NationalFit.Valid | NationalFit.PossibleMarked) !== 0 ||
    ((run.digits.length === 10 || run.digits.length === 11) && nanpShaped(run.digits));
  if (phone) scan.add("phone", run.start, run.end);
  return phone;
}

/** The request line's end before the status code and size of an NCSA Common/Combined Log Format line. */
const ACCESS_LOG_STATUS = /HTTP\/\d(?:\.\d)?" $/;

/**
 * Phones written with a country code (`+49 30 1234567`, `0044 20 7946 0958`, `011 44 20 …`, `+1 (312) 994-4962`)
 * or a bracketed area code (`(312) 994-4962`, `(069) 4408 0086`, `8 (495) 123-45-67`, `03(6269)9581`).
 */
const PHONE =
  /(?<![\w+])(?:\+|(?<idd>(?<!\d[ \u00a0.\-/])(?:00[ \u00a0]?(?=[1-9])|011[ \u00a0]?(?=[2-9]))))[1-9][\d \u00a0().\-/]{6,22}\d|(?<![\w])(?:\d{1,4}[ \u00a0]?)?\(\d{1,5}\)[ \u00a0]?\d[\d \u00a0.\-/]{2,14}\d/g;

/** The NANP's national notation: "(NXX) NXX-XXXX" (ATIS-0300115, the format North American directories print). */
const NANP_NATIONAL = /^\([2-9]\d\d\) ?[2-9]\d\d-\d{4}$/;

/**
 * The end of the longest part of an international candidate, from its start to a separator or its end, that is
 * a number of its country code's plan (0 when none is).
 */
function internationalPhoneEnd(candidate: string): number {
  if (internationalPhoneValid(candidate)) return candidate.length;
  for (let end = candidate.length - 1; end >= 8; end--) {
    if (!/[ \u00a0]/.test(candidate[end] as string) || !/\d/.test(candidate[end - 1] as string)) continue;
    if (internationalPhoneValid(candidate.slice(0, end))) return end;
  }
  return 0;
}

const DOUBLE_SEPARATOR = /[ \u00a0.\-/]{2}/;

function phoneShapeValid(candidate: string): boolean {
  // Separators single, parentheses balanced and around digits only.
  if (/[ \u00a0.\-/]{2}|\(\)|\([^)]*\(|\)[^(]*\)/.test(candidate.replace(/\) /g, ")"))) return false;
  const open = candidate.indexOf("(");
  return open < 0 || candidate.indexOf(")") > open;
}

function scanPhones(scan: Scan): void {
  const text = scan.text;
  PHONE.lastIndex = 0;
  for (let m = PHONE.exec(text); m !== null; m = PHONE.exec(text)) {
    let candidate = m[0];
    // Two separators in a row end the number: a column or another value follows ("+52 55 2963 7365    3782…").
    const gap = candidate.search(DOUBLE_SEPARATOR);
    if (gap > 0) {
      candidate = candidate.slice(0, gap);
      PHONE.lastIndex = m.index + gap;
    }
    const start = m.index;
    const end = start + candidate.length;
    if (scan.overlaps(start, end) || !phoneShapeValid(candidate)) continue;
    if (candidate.startsWith("+")) {
      // "+" and a number of that country code's plan: a phone wherever it stands (E.164 notation is for phones).
      // The pattern may take in a number written after it ("+39 06 52864619 295910179928"): the longest part
      // up to a separator that is a number of the plan is the phone.
      const phoneEnd = internationalPhoneEnd(candidate);
      if (phoneEnd > 0) {
        scan.add("phone", start, start + phoneEnd);
        PHONE.lastIndex = start + phoneEnd;
      }
      // A number written as a phone but outside every plan is not read again piecewise ("+1 006 223 5860").
      else scan.block(start, end);
      continue;
    }
    // A placeholder in a phone's notation ("(555) 555-5555", "(123) 456-7890") is no one's number.
    if (placeholderDigits(candidate.replace(/\D/g, ""))) {
      scan.block(start, end);
      continue;
    }
    const label = phoneLabel(scan, start, end, true);
    // Introduced as another number: left to the other recognizers ("SSN 005-73-7020", "Order 0043 …").
    if (label === "other") continue;
    if (m.groups?.idd !== undefined) {
      // "00"/"011" is the international prefix, but "00" is also how ids and amounts are padded and "011" is
      // Delhi's area code: the calling code written as a group of its own ("0044 20 …") is international
      // notation as plain as "+"; run together with the rest, the number needs a phone word.
      if (!callingCodeGrouped(candidate) && label !== "phone") continue;
      if (internationalPhoneValid(candidate)) scan.add("phone", start, end);
      else if (candidate.startsWith("00")) scan.block(start, end);
      continue;
    }
    // National notation with a bracketed area code: a phone only when labelled one (see `claimPhoneRun`), but
    // for the NANP's own national format, "(470) 947-1717", with an area code and exchange in service.
    if (label !== "phone" && !(NANP_NATIONAL.test(candidate) && nanpValid(candidate.replace(/\D/g, "")))) continue;
    // "(312) 994-4962": a three-digit area code in brackets is the NANP's national format, and one the NANP can
    // allocate (NXX) is judged by the NANP alone. Other plans bracket area codes from "0" or "1" ("(011) 356-4138",
    // Sapporo).
    const digits = candidate.replace(/\D/g, "");
    const nanp = /^\([2-9]\d\d\)/.test(candidate) && digits.length === 10;
    const valid = nanp
      ? nanpShaped(digits)
      : nationalFit(candidate, NationalFit.Valid | NationalFit.PossibleMarked) !== 0;
    // A number written as a phone but outside every plan is not read again piecewise ("(312) 555-0110").
    if (valid) scan.add("phone", start, end);
    else scan.block(start, end);
  }
}

/** IPv6 (RFC 4291 §2.2, with an IPv4 tail for mapped addresses) and MAC-48 (IEEE 802: `:`/`-` pairs, Cisco dots). */
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/g;
const MAC =
  /(?<![\w.-]|(?<!\w)[0-9A-Fa-f]{1,4}:|::)[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-]|\.\w)|(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?!\w|\.\w)/g;

function scanNetwork(scan: Scan): void {
  const text = scan.text;
  MAC.lastIndex = 0;
  for (let m = MAC.exec(text); m !== null; m = MAC.exec(text)) {
    const end = m.index + m[0].length;
    if (macAddressValid(m[0]) && !scan.overlaps(m.index, end)) scan.add("mac_address", m.index, end);
  }
  if (!text.includes(":")) return;
  IPV6.lastIndex = 0;
  for (let m = IPV6.exec(text); m !== null; m = IPV6.exec(text)) {
    const end = m.index + m[0].length;
    const groups = ipv6Groups(m[0]);
    // At least three groups written: "a::b" in code (std::vector, 12:30) is no address.
    const written = m[0].split(":").filter((g) => g !== "").length + (m[0].includes(".") ? 1 : 0);
    if (!groups || written < 3 || !ipv6IsPublic(groups)) continue;
    if (!scan.overlaps(m.index, end)) scan.add("ip_address", m.index, end);
  }
}

const WALLET =
  /(?<![\w])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{6,87}|BC1[02-9AC-HJ-NP-Z]{6,87}|0x[0-9a-fA-F]{40})(?!\w)/g;

function scanWallets(scan: Scan): void {
  const text = scan.text;
  WALLET.lastIndex = 0;
  for (let m = WALLET.exec(text); m !== null; m = WALLET.exec(text)) {
    const w = m[0];
    const end = m.index + w.length;
    let ok: boolean;
    if (w.startsWith("0x")) {
      const kind = ethereumAddress(w);
      ok = kind === "checksummed" || (kind === "plain" && scan.hinted("crypto_wallet", m.index, end));
    } else if (w[0] === "1" || w[0] === "3") {
      ok = base58CheckAddressValid(w);
    } else {
      ok = bech32AddressValid(w);
    }
    if (ok && !scan.overlaps(m.index, end)) scan.add("crypto_wallet", m.index, end);
  }
}

function scanWrittenDates(scan: Scan): void {
  const pattern = writtenDates();
  pattern.lastIndex = 0;
  for (let m = pattern.exec(scan.text); m !== null; m = pattern.exec(scan.text)) {
    const end = m.index + m[0].length;
    if (!writtenDateValid(m) || scan.overlaps(m.index, end) || !scan.hinted("date_of_birth", m.index, end)) continue;
    if (scan.labelledOtherwise("date_of_birth", m.index)) continue;
    scan.add("date_of_birth", m.index, end);
  }
}

// --- The scan ----------------------------------------------------------------------------------------------------

/**
 * Facts about a text that the scanner's text core (wasm/text-core.ts) reports in the same pass that counts its
 * words: each says whether a trigger pattern below can match at all, so the pattern runs only when it can. A
 * set bit may be wrong (the pattern then finds nothing); a clear bit must be right. The other bits are read
 * only when `DigitOrAt` is set, but for `SecretMark`: secrets need neither a digit nor an "@" (PEM blocks, API
 * keys of letters only), so a text without either is looked at when it holds a secret's mark.
 */
export const PiiHint = {
  /** An ASCII digit or an "@": without either, only secrets (and names, when asked for) can match. */
  DigitOrAt: 1,
  At: 2,
  /** Six or more ASCII digits (the digit runs worth scanning hold four; six are needed by all but dates). */
  SixDigits: 4,
  /** An ASCII capital letter (tokens, IBANs, NINOs start with one). */
  Capital: 8,
  /** A "." or a ":" (IPv4, IPv6 and dotted dates hold one). */
  DotOrColon: 16,
  /**
   * A mark every secret rule's match holds but the AWS key ids from "A3T": "_", ":", "=", "--", "k-", "xo", or
   * "A" before a capital. Without it, a text holds no secret but, when it holds a digit, one from "A3T".
   */
  SecretMark: 32,
  /**
   * A character outside ASCII (set by the word counter from the UTF-8 length, not by the text core). Without it
   * and without `Capital`, a text holds no street address (every one holds a capital or a non-ASCII letter).
   */
  NonAscii: 64,
} as const;

export interface FindOptions {
  /** The column or field name the text came from: "ssn", "dob", "phone" … stand in for a context word. */
  readonly field?: string;
  /** The text's `PiiHint` bits, when the caller already has them (the scanner's word pass does). */
  readonly hints?: number;
  /**
   * Also look for person names (Tier C, heuristic: titles, cues and a given-name lexicon). Off by default: its
   * precision on the independent corpus is below 0.90 (README). Street addresses are always looked for.
   */
  readonly people?: boolean;
  /**
   * Where the text's ASCII digits lie, when the caller knows (the scanner's word pass does): none before
   * `digitsFrom`, none at or after `digitsTo` (UTF-16 offsets). The digit runs are looked for there only.
   */
  readonly digitsFrom?: number;
  readonly digitsTo?: number;
}

/** Cheap test that the text could hold a digit- or "@"-bearing entity (most free text holds neither). */
const MAY_HOLD_PII = /[\d@]/;

const NONE: readonly PiiMatch[] = Object.freeze([]);

/** Texts up to this long are remembered per field: dates, codes and categories repeat row after row. */
const SHORT_TEXT = 40;
const shortTexts = new TextMemo<readonly PiiMatch[]>({ fields: 64, perField: 4096 });

/**
 * A value of ASCII digits only (an id, a count, a year: CSV holds every number as text) is one candidate with
 * no separator, no letter and no context word. Runs shorter than four digits are never looked at, and no
 * recognizer takes fewer than five digits; a column named for no digit-only entity settles runs up to 11
 * digits too (only Aadhaar, cards and CN IDs are reported without context, and they are longer). A test holds
 * this against `scanForPii` for every length and several column names.
 */
function digitsOnlyHoldNone(text: string, field: string | undefined): boolean {
  // Up to 11 ASCII digits and nothing else (read by code: every id of a CSV file asks).
  if (text.length === 0 || text.length > 11) return false;
  for (let i = 0; i < text.length; i++) if (!isDigitCode(text.charCodeAt(i))) return false;
  return text.length < 5 || !namesAnEntity(field);
}

/**
 * `digitsOnlyHoldNone` for a number not yet written as text: a whole number from 0 to 11 digits is its digits
 * alone, so the same rule settles it without the text (an id column's numbers are never written out).
 */
export function integerHoldsNone(value: number | bigint, field: string | undefined): boolean {
  // (an int64 column's values are bigints; Number() rounds monotonically, so the bounds below hold for them too)
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && (n < 10_000 || (n < 1e11 && !namesAnEntity(field)));
}

/**
 * Whether a column's name names an entity (cached per name; the last name asked answers first: an id column
 * asks for every row).
 */
function namesAnEntity(field: string | undefined): boolean {
  if (field !== lastNamed.field) {
    lastNamed.field = field;
    lastNamed.names = (entitiesNamedBy(field)?.size ?? 0) !== 0;
  }
  return lastNamed.names;
}
const lastNamed: { field: string | undefined; names: boolean } = { field: undefined, names: false };

/** The entities in `text`, by position. The result is shared (cached): read it, do not change it. */
export function findPii(text: string, options: FindOptions = {}): readonly PiiMatch[] {
  const hints = options.hints;
  if (!(hints === undefined ? MAY_HOLD_PII.test(text) : (hints & PiiHint.DigitOrAt) !== 0)) {
    // Neither a digit nor an "@": only a secret (or, when asked for, a name) can be here.
    const marked = hints === undefined || (hints & PiiHint.SecretMark) !== 0;
    if (!options.people && !(marked && mayHoldSecret(text))) return NONE;
    return scanForPii(text, { ...options, hints: marked ? PiiHint.SecretMark : 0 });
  }
  if (text.length <= 11 && digitsOnlyHoldNone(text, options.field)) return NONE;
  if (text.length > SHORT_TEXT || options.people) return scanForPii(text, options);
  const field = options.field ?? "";
  let matches = shortTexts.find(field, text);
  if (matches === undefined) {
    matches = scanForPii(text, options);
    shortTexts.keep(field, text, matches);
  }
  return matches;
}

// Shape facts about a text, gathered in one pass over its characters: each scan below runs only when the
// text has what its pattern needs (a superset test: a set flag may be wrong, a clear one never is).
const F_DIGIT = 1;
const F_AT = 2;
/** Two capitals then two digits, with or without a space or dash between ("DE89", "AB 12", "AB-12"): IBAN, NINO. */
const F_CC_DIGITS = 4;
/** A run of 6+ letters, digits and dashes holding a capital and a digit: an alphanumeric token. */
const F_TOKEN = 8;
/** "+", "(", "00" or "011" not after a digit: a phone with a country code or an area code. */
const F_PHONE_MARK = 16;
/** Two colons (IPv6), five colons or dashes, or two dots four characters apart (MAC: "0123.4567.89ab"). */
const F_NETWORK = 32;
/** A run of 14+ letters and digits: a wallet address. */
const F_LONG_RUN = 64;
/** A run of exactly four digits from 1900 to 2099: the year of a written date of birth. */
const F_YEAR = 128;
/** A mark of a secret rule's start (`mayHoldSecret`). */
const F_SECRET = 256;
/** Two lower-case letters then two digits ("de89"): a lower-case IBAN. */
const F_LC_DIGITS = 512;

/** The shape facts of `text` (`F_` bits), its digits looked for in `from…to` only (where the caller found them). */
function featuresOf(text: string, hints: number, from = 0, to = text.length): number {
  // Native searches for the marks, then one look at each digit run and the token around it: a text is
  // mostly words, which the old per-character loop walked at ≈ 10 ns a character.
  let f = 0;
  // The hints' marks are supersets: a clear one spares a search over the whole text.
  if ((hints & PiiHint.At) !== 0 && text.includes("@")) f |= F_AT;
  // The text core's secret marks settle most texts without the nine searches of `mayHoldSecret`.
  if (
    (hints & PiiHint.SecretMark) !== 0
      ? mayHoldSecret(text)
      : (hints & PiiHint.Capital) !== 0 && from < to && text.includes("A3T")
  )
    f |= F_SECRET;
  if (text.includes("+") || text.includes("(")) f |= F_PHONE_MARK;
  if (((hints & PiiHint.DotOrColon) !== 0 && (occurs(text, ":", 2) || dotsFourApart(text))) || occurs(text, "-", 5))
    f |= F_NETWORK;
  let covered = 0; // the alphanumeric run around an earlier digit run ends here
  digitRuns.text = text;
  digitRuns.count = 0;
  // `test` finds the next digit without building a match; the run's end is read from the codes.
  // (a search past the last digit would read the rest of the text for nothing)
  A_DIGIT.lastIndex = from;
  while (A_DIGIT.lastIndex < to && A_DIGIT.test(text)) {
    const start = A_DIGIT.lastIndex - 1;
    if (start >= to) break;
    f |= F_DIGIT;
    let runEnd = A_DIGIT.lastIndex;
    while (runEnd < text.length && isDigitCode(text.charCodeAt(runEnd))) runEnd++;
    A_DIGIT.lastIndex = runEnd;
    recordDigitRun(start, runEnd);
    const length = runEnd - start;
    if (length === 4 && birthCentury(text, start)) f |= F_YEAR;
    // No digit before: the run starts here ("00…", "011…").
    if (text.charCodeAt(start) === 48 && (text.charCodeAt(start + 1) === 48 || text.startsWith("11", start + 1)))
      f |= F_PHONE_MARK;
    if (length >= 2) {
      const p1 = text.charCodeAt(start - 1);
      const p2 = text.charCodeAt(start - 2);
      if (isUpperCode(p2) && (isUpperCode(p1) || p1 === 32 || p1 === 45)) f |= F_CC_DIGITS;
      if (isLowerCode(p1) && isLowerCode(p2) && !isRunCode(text.charCodeAt(start - 3))) f |= F_LC_DIGITS;
    }
    if (start < covered) continue;
    // The run of letters, digits and dashes around it: a token or a wallet holds a digit, so it is one of these.
    let left = start;
    while (left > 0 && isRunCode(text.charCodeAt(left - 1))) left--;
    let right = runEnd;
    while (right < text.length && isRunCode(text.charCodeAt(right))) right++;
    covered = right;
    if (right - left >= 14) f |= F_LONG_RUN;
    if (right - left >= 6) {
      for (let i = left; i < right; i++) {
        if (isUpperCode(text.charCodeAt(i))) {
          f |= F_TOKEN;
          break;
        }
      }
    }
  }
  return f;
}

const A_DIGIT = /\d/g;
/** Whether the digits at `at` start with 19 or 20: a year a date of birth can have (`calendarDateValid`). */
const birthCentury = (text: string, at: number): boolean => {
  const c = text.charCodeAt(at);
  const d = text.charCodeAt(at + 1);
  return (c === 49 && d === 57) || (c === 50 && d === 48);
};
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isUpperCode = (c: number): boolean => c >= 65 && c <= 90;
const isLowerCode = (c: number): boolean => c >= 97 && c <= 122;
/** A letter, a digit or a dash: what a token, an IBAN's or a wallet's run is made of. */
const isRunCode = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;

/**
 * The digit runs (maximal runs of 0-9) of the text `featuresOf` looked at last, for `scanDigitRuns`: one search
 * for digits serves both. Buffers grow and are reused: a text's runs are read before the next text's are written.
 */
const digitRuns = { text: "", count: 0, starts: new Int32Array(64), ends: new Int32Array(64) };

function recordDigitRun(start: number, end: number): void {
  if (digitRuns.count === digitRuns.starts.length) {
    const starts = new Int32Array(digitRuns.count * 2);
    const ends = new Int32Array(digitRuns.count * 2);
    starts.set(digitRuns.starts);
    ends.set(digitRuns.ends);
    digitRuns.starts = starts;
    digitRuns.ends = ends;
  }
  digitRuns.starts[digitRuns.count] = start;
  digitRuns.ends[digitRuns.count] = end;
  digitRuns.count++;
}

/** The digit runs of `text`: those `featuresOf` recorded, or found again for another text. */
function digitRunsOf(text: string): typeof digitRuns {
  if (digitRuns.text !== text) featuresOf(text, 0);
  return digitRuns;
}

/** Whether a "." has another "." four characters after it (a dotted MAC address's shape). */
function dotsFourApart(text: string): boolean {
  for (let at = text.indexOf("."); at >= 0; at = text.indexOf(".", at + 1))
    if (text.charCodeAt(at + 5) === 46) return true;
  return false;
}

/** Whether `needle` occurs at least `times` times in `text`. */
function occurs(text: string, needle: string, times: number): boolean {
  let at = -1;
  for (let k = 0; k < times; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return false;
  }
  return true;
}

/**
 * Every recognizer over `text`, with no cache and no shortcut but the `hints` and digit bounds given (all hints
 * set and the whole text when absent): what `findPii`'s shortcuts must agree with. `hints` 0 means "no digit,
 * no @ and no secret's mark".
 */
export function scanForPii(text: string, options: FindOptions = {}): readonly PiiMatch[] {
  // Hard-wrapped prose is read with its breaks as spaces: the same positions, a value broken across lines whole.
  const read = text.includes("\n") && hardWrapped(text) ? unwrapped(text) : text;
  const matches = scanText(read, options);
  if (!mayBeUrlEncoded(read)) return matches;
  const decoded = decodeUrlText(read);
  if (decoded === undefined) return matches;
  // The decoded text's hints are not the encoded one's ("%40" is an "@"): it is scanned with all of them.
  return withDecoded(
    matches,
    scanText(decoded.text, { ...options, hints: -1, digitsFrom: 0, digitsTo: decoded.text.length }),
    decoded.origin,
  );
}

/** `matches` and the matches in the decoded text, placed back on the encoded text where they do not overlap. */
function withDecoded(
  matches: readonly PiiMatch[],
  inDecoded: readonly PiiMatch[],
  origin: Int32Array,
): readonly PiiMatch[] {
  const all = [...matches];
  for (const m of inDecoded) {
    const start = origin[m.start] as number;
    const end = origin[m.end] as number;
    if (!matches.some((o) => o.start < end && start < o.end)) all.push({ ...m, start, end });
  }
  return all.length === 0 ? NONE : all.sort((a, b) => a.start - b.start);
}

function scanText(text: string, options: FindOptions): readonly PiiMatch[] {
  const fieldName = options.field;
  const hints = options.hints ?? -1;
  const people = options.people === true;
  const scan = new Scan(text, fieldName);
  const f = featuresOf(text, hints, options.digitsFrom ?? 0, options.digitsTo ?? text.length);
  if (f & F_SECRET)
    for (const [start, end] of findSecrets(text)) if (!scan.overlaps(start, end)) scan.add("secret", start, end);
  if ((hints & PiiHint.DigitOrAt) !== 0 && (f & (F_DIGIT | F_AT)) !== 0) {
    if ((hints & PiiHint.At) !== 0 && f & F_AT) scanEmails(scan);
    if (f & F_DIGIT) {
      const capital = (hints & PiiHint.Capital) !== 0;
      if ((capital && f & F_CC_DIGITS) || f & F_LC_DIGITS) scanIbans(scan);
      if (f & F_PHONE_MARK) scanPhones(scan);
      if (capital && f & F_TOKEN) scanTokens(scan);
      if (capital && text.includes(".")) scanDottedDnis(scan);
      if (capital && f & F_CC_DIGITS) scanSpacedNinos(scan);
      if (capital && text.includes("<<")) scanMrz(scan);
      if (capital && (text.includes("2A") || text.includes("2B"))) scanCorsicanNirs(scan);
      if (f & F_NETWORK) scanNetwork(scan);
      if (f & F_LONG_RUN) scanWallets(scan);
      scanDigitRuns(scan);
      if (
        (f & F_YEAR || text.includes("年")) &&
        (scan.named?.has("date_of_birth") || birthWordNearYear(text) || scan.tableNames("date_of_birth"))
      )
        scanWrittenDates(scan);
    } else if (f & F_NETWORK) {
      scanNetwork(scan);
    }
  }
  // Street addresses hold a house number: they are looked for in every text with a digit (their precision on
  // the independent corpus is 1.00, README). Names only when asked for (0.89: below the 0.90 bar).
  if (f & F_DIGIT && (hints & PiiHint.DigitOrAt) !== 0 && (hints & (PiiHint.Capital | PiiHint.NonAscii)) !== 0) {
    for (const [start, end] of findAddresses(text))
      if (!scan.overlaps(start, end)) scan.add("street_address", start, end);
  }
  if (people) {
    for (const [start, end] of findNames(text, fieldNamesPerson(fieldName))) {
      if (!scan.overlaps(start, end)) scan.add("person_name", start, end);
    }
  }
  return scan.matches.length === 0 ? NONE : scan.matches.sort((a, b) => a.start - b.start);
}

/**
 * Whether a birth word stands where a written date's context could be: near a year, four digits from 1900 to
 * 2099 (a date's start lies at most `DATE_BEFORE_YEAR` before its year, and its context word at most
 * `CONTEXT_WINDOW` before that; its end and a label after it within `DATE_AFTER_YEAR`). One test over the
 * whole text ran the sixty-word pattern at every position of a long text that merely held a number. Era dates
 * (昭和47年) hold no four-digit year: a text with "年" is tested whole.
 */
function birthWordNearYear(text: string): boolean {
  const words = CONTEXT.date_of_birth as RegExp;
  // Read as the context windows are (`asWords`): "birth_date=30 april 1996".
  // Both as written and split ("DoB" is a word as written, "birthDate" once split).
  const says = (context: string): boolean => {
    const snake = asSnakeWords(context);
    return words.test(snake) || (CAMEL.test(snake) && words.test(snake.replace(CAMEL_SPLIT, "$1 $2")));
  };
  if (text.length <= DATE_BEFORE_YEAR + CONTEXT_WINDOW + DATE_AFTER_YEAR || text.includes("年")) return says(text);
  // A year is a digit run of exactly four digits, 1900–2099 (`calendarDateValid`).
  const runs = digitRunsOf(text);
  for (let k = 0; k < runs.count; k++) {
    const at = runs.starts[k] as number;
    if ((runs.ends[k] as number) - at !== 4 || !birthCentury(text, at)) continue;
    const from = Math.max(0, at - DATE_BEFORE_YEAR - CONTEXT_WINDOW);
    if (says(text.slice(from, at + DATE_AFTER_YEAR))) return true;
  }
  return false;
}

/** How far before its year a written date can start ("10th of September, de 1974"), with room to spare. */
const DATE_BEFORE_YEAR = 48;
/** How far after its year's start a written date's label can end (the date's rest, then `CONTEXT_AFTER_WINDOW`). */
const DATE_AFTER_YEAR = 64;

/** The starts of the AWS and GCP key rules, which need no digit (key ids can be letters only). */
const AWS_GCP_START = /A(?:3T|KIA|SIA|GPA|IDA|ROA|IPA|NPA|NVA|Iza)/;

/**
 * Whether a text can hold a secret: every alternative of `SECRET_TRIGGER` holds one of these marks, which
 * `indexOf` finds at memory speed (a superset test: "ecret" lets through more than the rules' "[Ss]ecret",
 * never less); the AWS and GCP starts only after a capital "A" was found.
 */
function mayHoldSecret(text: string): boolean {
  return (
    text.includes("_") ||
    text.includes("-----") ||
    text.includes("://") ||
    text.includes("sk-") ||
    text.includes("xox") ||
    text.includes("ecret") ||
    text.includes("SECRET") ||
    text.includes("hooks.slack") ||
    // A pattern of alternatives scans every position; a capital "A" is found at memory speed first.
    (text.includes("A") && AWS_GCP_START.test(text))
  );
}

const PERSON_FIELD =
  /(?:^|[\s_.-])(?:(?:first|last|full|given|family|sur|middle|customer|patient|contact)[ _-]?)?name$/i;
function fieldNamesPerson(field: string | undefined): boolean {
  return field !== undefined && PERSON_FIELD.test(field);
}

export const ENTITIES: readonly Entity[] = Object.keys(TIERS) as Entity[];

/** The entities `findPii` reports without `people: true`. */
export const DEFAULT_ENTITIES: readonly Entity[] = ENTITIES.filter(
  (e) => e !== "person_name" && e !== "street_address",
);

export { CONTEXT_WINDOW };
