/** Contact and network identifiers: e-mail, phone, IP, MAC, and dates of birth. */
import { domainToASCII } from "node:url";
import { birthDate, otherLabel } from "./ids.js";
import { bareSentence, type Lang, NEUTRAL_FIELDS } from "./language.js";
import { HEX, pad, type Rng } from "./random.js";
import type { EntitySpec, Snippet } from "./spec.js";

// ------------------------------------------------------------------ E-mail (RFC 5322 addr-spec, RFC 6531 SMTPUTF8)

const LOCAL_PARTS = [
  "anna.schmidt",
  "j.dupont",
  "wei.zhang88",
  "m.rossi",
  "priya.sharma",
  "jan.kowalski",
  "erik.lindqvist",
  "sofia_garcia",
  "tanaka.hiroshi",
  "minjun.kim",
  "olga.ivanova",
  "pieter.devries",
  "joao.silva",
  "mike.obrien",
  "chinedu.okafor",
  "lena-mueller",
  "k.nakamura",
  "a.fernandez",
  "rahul.k",
  "emma.jansen",
];
const DOMAINS: ReadonlyArray<[string, string, Lang]> = [
  ["gmail.com", "en-US", "en"],
  ["outlook.com", "en-GB", "en"],
  ["yahoo.co.jp", "ja-JP", "ja"],
  ["web.de", "de-DE", "de"],
  ["gmx.de", "de-DE", "de"],
  ["t-online.de", "de-DE", "de"],
  ["orange.fr", "fr-FR", "fr"],
  ["free.fr", "fr-FR", "fr"],
  ["laposte.net", "fr-FR", "fr"],
  ["libero.it", "it-IT", "it"],
  ["ziggo.nl", "nl-NL", "nl"],
  ["wp.pl", "pl-PL", "pl"],
  ["onet.pl", "pl-PL", "pl"],
  ["telia.com", "sv-SE", "sv"],
  ["sapo.pt", "pt-PT", "pt"],
  ["uol.com.br", "pt-BR", "pt"],
  ["rediffmail.com", "en-IN", "hi"],
  ["qq.com", "zh-CN", "zh"],
  ["163.com", "zh-CN", "zh"],
  ["naver.com", "ko-KR", "ko"],
  ["daum.net", "ko-KR", "ko"],
  ["mail.ru", "ru-RU", "ru"],
  ["yandex.ru", "ru-RU", "ru"],
  ["bigpond.com", "en-AU", "en"],
  ["shaw.ca", "en-CA", "en"],
  ["mail.uni-hamburg.de", "de-DE", "de"],
  ["cs.stanford.edu", "en-US", "en"],
  ["eu.acme-logistics.com", "en-GB", "en"],
  ["correo.ugr.es", "es-ES", "es"],
  ["hotmail.es", "es-ES", "es"],
];
/** Internationalised addresses: Unicode local parts and IDN domains (shown in Unicode or as punycode A-labels). */
const UNICODE_EMAILS: ReadonlyArray<[string, string, string, Lang]> = [
  ["müller", "bücher.de", "de-DE", "de"],
  ["josé.garcía", "correo.es", "es-ES", "es"],
  ["françois", "société.fr", "fr-FR", "fr"],
  ["用户", "公司.中国", "zh-CN", "zh"],
  ["почта", "пример.рф", "ru-RU", "ru"],
  ["info", "münchen.de", "de-DE", "de"],
  ["kontakt", "zürich-bank.ch", "de-CH", "de"],
  ["山田", "例え.jp", "ja-JP", "ja"],
  ["θέμα", "ελληνικά.ελ", "el-GR", "en"],
  ["dörte", "straße.de", "de-DE", "de"],
];
export const email: EntitySpec = {
  id: "email",
  selfEvident: true,
  labels: {
    en: ["email", "e-mail", "email address", "contact"],
    de: ["E-Mail", "E-Mail-Adresse", "Mail"],
    fr: ["e-mail", "adresse e-mail", "courriel"],
    es: ["correo", "correo electrónico", "email"],
    it: ["email", "indirizzo email", "posta elettronica"],
    nl: ["e-mail", "e-mailadres"],
    pl: ["e-mail", "adres e-mail"],
    sv: ["e-post", "mejl"],
    pt: ["e-mail", "endereço de e-mail"],
    hi: ["email", "email ID"],
    zh: ["邮箱", "电子邮件"],
    ja: ["メールアドレス", "メール"],
    ko: ["이메일", "메일 주소"],
    ru: ["email", "электронная почта"],
  },
  fields: ["email", "e_mail", "contact_email", "mail"],
  sample(rng) {
    const r = rng.next();
    if (r < 0.18) {
      const [local, domain, locale, lang] = rng.pick(UNICODE_EMAILS);
      const d = rng.chance(0.5) ? domainToASCII(domain) : domain;
      return { value: `${local}@${d}`, locale, langs: [lang, "en"] };
    }
    const [domain, locale, lang] = rng.pick(DOMAINS);
    let local = rng.pick(LOCAL_PARTS);
    if (rng.chance(0.3)) local += String(rng.int(1, 99));
    if (rng.chance(0.12)) local += `+${rng.pick(["news", "shop", "github", "tag1"])}`;
    if (rng.chance(0.1)) local = local.replace(/^./, (c) => c.toUpperCase());
    return { value: `${local}@${domain}`, locale, langs: [lang, "en"] };
  },
  valid: (v) => {
    const at = v.lastIndexOf("@");
    if (at < 1) return false;
    const host = domainToASCII(v.slice(at + 1));
    return (
      host !== "" &&
      /^([a-z0-9-]+\.)+(xn--[a-z0-9-]+|[a-z]{2,})$/.test(host) &&
      !/(^|\.)(example|test|invalid|localhost)$/.test(host) &&
      !/(^|\.)example\.(com|net|org)$/.test(host)
    );
  },
  negatives: [
    // RFC 2606 / RFC 6761 reserved names are not anybody's mailbox.
    (rng) => ({
      text: `Send the report to ${rng.pick(LOCAL_PARTS)}@${rng.pick(["example.com", "example.org", "example.net", "mail.example.com"])} for testing.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `${rng.pick(["user", "alice", "bob", "admin"])}@${rng.pick(["foo.test", "corp.invalid", "host.example", "app.localhost"])}`,
      field: rng.pick(["email", "notes"]),
      locale: "en-US",
    }),
    (rng) => ({
      text: `npm install ${rng.pick(["lodash", "react", "express", "@types/node", "typescript"])}@${rng.int(1, 20)}.${rng.int(0, 20)}.${rng.int(0, 30)}`,
      locale: "en-US",
    }),
    (rng) => ({ text: `Assets: logo@${rng.int(2, 3)}x.png, icon@${rng.int(2, 3)}x.png`, locale: "en-US" }),
    (rng) => ({
      text: `ssh ${rng.pick(["deploy", "root", "ubuntu"])}@localhost -p ${rng.int(2200, 2299)}`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Ping @${rng.pick(["devops", "frontend-team", "release-bot"])} on Slack about the ${rng.pick(["deploy", "outage", "review"])}.`,
      locale: "en-US",
    }),
    () => ({ text: "E-Mail: [entfernt]", locale: "de-DE" }),
    (rng) => ({
      text: `Contact us via the form at https://www.${rng.pick(["acme-logistics", "contoso", "globex"])}.com/contact`,
      locale: "en-US",
    }),
  ],
};

// ------------------------------------------------------------------ Phone numbers (ITU-T E.164, national plans)

interface PhoneForms {
  /** Written with a country code (+CC …). */
  intl: string;
  /** Written in national notation with separators or brackets. */
  national: string;
  /** National digits without separators (only counts with a phone label or field). */
  bare: string;
}
interface PhoneCountry {
  locale: string;
  lang: Lang;
  make(rng: Rng): PhoneForms;
}
const d = (rng: Rng, n: number): string => rng.digits(n);
const nz = (rng: Rng): string => String(rng.int(2, 9));

const NANP_AREAS_US = [
  "212",
  "312",
  "415",
  "617",
  "206",
  "303",
  "404",
  "512",
  "713",
  "305",
  "202",
  "646",
  "718",
  "773",
  "310",
  "213",
  "469",
  "214",
  "702",
  "602",
];
const NANP_AREAS_CA = ["416", "647", "604", "778", "514", "438", "403", "587", "613", "902"];
function nanp(areas: readonly string[]) {
  return (rng: Rng): PhoneForms => {
    const area = rng.pick(areas);
    let exchange = "";
    do exchange = nz(rng) + d(rng, 2);
    while (exchange === "555" || exchange.slice(1) === "11");
    const line = d(rng, 4);
    const national = rng.pick([
      `(${area}) ${exchange}-${line}`,
      `${area}-${exchange}-${line}`,
      `${area}.${exchange}.${line}`,
    ]);
    const intl = rng.pick([
      `+1 ${area} ${exchange} ${line}`,
      `+1-${area}-${exchange}-${line}`,
      `+1 (${area}) ${exchange}-${line}`,
      `+1${area}${exchange}${line}`,
    ]);
    return { intl, national, bare: area + exchange + line };
  };
}

export const PHONE_COUNTRIES: Record<string, PhoneCountry> = {
  US: { locale: "en-US", lang: "en", make: nanp(NANP_AREAS_US) },
  CA: { locale: "en-CA", lang: "en", make: nanp(NANP_AREAS_CA) },
  GB: {
    locale: "en-GB",
    lang: "en",
    make(rng) {
      if (rng.chance(0.6)) {
        let rest = "";
        do rest = rng.pick(["1", "2", "3", "4", "5", "7", "8", "9"]) + d(rng, 8);
        while (rest.startsWith("700") || rest.startsWith("911"));
        return {
          intl: `+44 7${rest.slice(0, 3)} ${rest.slice(3)}`,
          national: `07${rest.slice(0, 3)} ${rest.slice(3)}`,
          bare: `07${rest}`,
        };
      }
      let sub = "";
      do sub = rng.pick(["7", "3", "8"]) + d(rng, 7);
      while (sub.startsWith("79460"));
      return {
        intl: `+44 20 ${sub.slice(0, 4)} ${sub.slice(4)}`,
        national: `020 ${sub.slice(0, 4)} ${sub.slice(4)}`,
        bare: `020${sub}`,
      };
    },
  },
  DE: {
    locale: "de-DE",
    lang: "de",
    make(rng) {
      if (rng.chance(0.55)) {
        const pre = rng.pick(["151", "152", "157", "159", "160", "170", "171", "175", "176", "177", "178", "179"]);
        const sub = d(rng, pre.startsWith("15") ? 8 : rng.int(7, 8));
        return {
          intl: rng.pick([`+49 ${pre} ${sub}`, `+49 (0)${pre} ${sub}`, `+49${pre}${sub}`]),
          national: rng.pick([`0${pre} ${sub}`, `0${pre}-${sub}`, `0${pre}/${sub}`]),
          bare: `0${pre}${sub}`,
        };
      }
      const [area, len] = rng.pick([
        ["30", 8],
        ["89", 8],
        ["40", 8],
        ["221", 7],
        ["69", 8],
        ["711", 7],
      ] as const);
      const sub = nz(rng) + d(rng, len - 1);
      return {
        intl: `+49 ${area} ${sub}`,
        national: rng.pick([`0${area} ${sub}`, `(0${area}) ${sub}`, `0${area}/${sub}`, `0${area}-${sub}`]),
        bare: `0${area}${sub}`,
      };
    },
  },
  FR: {
    locale: "fr-FR",
    lang: "fr",
    make(rng) {
      const nsn = rng.chance(0.6)
        ? "6" + rng.pick(["0", "1", "2", "4", "5", "6", "7", "8"]) + d(rng, 7)
        : "14" + nz(rng) + d(rng, 6);
      const pairs = (s: string): string => s.match(/../g)?.join(" ") ?? s;
      const nat = "0" + nsn;
      return {
        intl: rng.pick([
          `+33 ${nsn[0]} ${pairs(nsn.slice(1))}`,
          `+33 (0)${nsn[0]} ${pairs(nsn.slice(1))}`,
          `+33${nsn}`,
        ]),
        national: rng.pick([pairs(nat), nat.match(/../g)?.join(".") ?? nat]),
        bare: nat,
      };
    },
  },
  ES: {
    locale: "es-ES",
    lang: "es",
    make(rng) {
      const nsn = rng.chance(0.7) ? "6" + d(rng, 8) : "91" + rng.int(2, 7) + d(rng, 6);
      return {
        intl: rng.pick([`+34 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`, `+34${nsn}`]),
        national: rng.pick([
          `${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
          `${nsn.slice(0, 3)} ${nsn.slice(3, 5)} ${nsn.slice(5, 7)} ${nsn.slice(7)}`,
        ]),
        bare: nsn,
      };
    },
  },
  IT: {
    locale: "it-IT",
    lang: "it",
    make(rng) {
      if (rng.chance(0.7)) {
        const nsn =
          rng.pick(["320", "328", "333", "335", "338", "340", "345", "347", "349", "366", "380", "388", "391", "393"]) +
          d(rng, 7);
        return {
          intl: rng.pick([`+39 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`, `+39${nsn}`]),
          national: rng.pick([
            `${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
            `${nsn.slice(0, 3)}-${nsn.slice(3)}`,
          ]),
          bare: nsn,
        };
      }
      const nsn = "06" + nz(rng) + d(rng, 7);
      return {
        intl: `+39 06 ${nsn.slice(2, 6)} ${nsn.slice(6)}`,
        national: `06 ${nsn.slice(2, 6)} ${nsn.slice(6)}`,
        bare: nsn,
      };
    },
  },
  NL: {
    locale: "nl-NL",
    lang: "nl",
    make(rng) {
      if (rng.chance(0.6)) {
        const sub = String(rng.int(1, 5)) + d(rng, 7);
        return {
          intl: rng.pick([`+31 6 ${sub}`, `+31 6 ${sub.match(/../g)?.join(" ")}`, `+316${sub}`]),
          national: rng.pick([`06-${sub}`, `06 ${sub.match(/../g)?.join(" ")}`]),
          bare: `06${sub}`,
        };
      }
      const sub = nz(rng) + d(rng, 6);
      return {
        intl: `+31 20 ${sub.slice(0, 3)} ${sub.slice(3)}`,
        national: `020 ${sub.slice(0, 3)} ${sub.slice(3)}`,
        bare: `020${sub}`,
      };
    },
  },
  PL: {
    locale: "pl-PL",
    lang: "pl",
    make(rng) {
      const nsn = rng.pick(["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"]) + d(rng, 7);
      const grouped = `${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
      return {
        intl: rng.pick([`+48 ${grouped}`, `+48 ${nsn.slice(0, 3)}-${nsn.slice(3, 6)}-${nsn.slice(6)}`]),
        national: grouped,
        bare: nsn,
      };
    },
  },
  SE: {
    locale: "sv-SE",
    lang: "sv",
    make(rng) {
      const nsn = "7" + rng.pick(["0", "2", "3", "6", "9"]) + d(rng, 7);
      return {
        intl: `+46 ${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5, 7)} ${nsn.slice(7)}`,
        national: rng.pick([
          `0${nsn.slice(0, 2)}-${nsn.slice(2, 5)} ${nsn.slice(5, 7)} ${nsn.slice(7)}`,
          `0${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5, 7)} ${nsn.slice(7)}`,
        ]),
        bare: `0${nsn}`,
      };
    },
  },
  CN: {
    locale: "zh-CN",
    lang: "zh",
    make(rng) {
      if (rng.chance(0.75)) {
        const nsn =
          rng.pick([
            "130",
            "131",
            "132",
            "135",
            "136",
            "138",
            "139",
            "150",
            "151",
            "152",
            "158",
            "159",
            "186",
            "188",
            "189",
            "177",
            "199",
          ]) + d(rng, 8);
        return {
          intl: rng.pick([`+86 ${nsn.slice(0, 3)} ${nsn.slice(3, 7)} ${nsn.slice(7)}`, `+86-${nsn}`]),
          national: rng.pick([
            `${nsn.slice(0, 3)} ${nsn.slice(3, 7)} ${nsn.slice(7)}`,
            `${nsn.slice(0, 3)}-${nsn.slice(3, 7)}-${nsn.slice(7)}`,
          ]),
          bare: nsn,
        };
      }
      let sub = "";
      do sub = String(rng.int(5, 8)) + d(rng, 7);
      while (sub.startsWith("800"));
      return {
        intl: `+86 10 ${sub.slice(0, 4)} ${sub.slice(4)}`,
        national: `010-${sub.slice(0, 4)} ${sub.slice(4)}`,
        bare: `010${sub}`,
      };
    },
  },
  JP: {
    locale: "ja-JP",
    lang: "ja",
    make(rng) {
      if (rng.chance(0.7)) {
        const pre = rng.pick(["90", "80", "70"]);
        const a = nz(rng) + d(rng, 3);
        const b = d(rng, 4);
        return {
          intl: rng.pick([`+81 ${pre}-${a}-${b}`, `+81 ${pre} ${a} ${b}`]),
          national: `0${pre}-${a}-${b}`,
          bare: `0${pre}${a}${b}`,
        };
      }
      const a = String(rng.int(3, 6)) + d(rng, 3);
      const b = d(rng, 4);
      return { intl: `+81 3-${a}-${b}`, national: rng.pick([`03-${a}-${b}`, `03(${a})${b}`]), bare: `03${a}${b}` };
    },
  },
  KR: {
    locale: "ko-KR",
    lang: "ko",
    make(rng) {
      if (rng.chance(0.75)) {
        // 010-59xx is not (yet) allocated in the numbering plan libphonenumber carries.
        let a = "";
        do a = nz(rng) + d(rng, 3);
        while (a.startsWith("59"));
        const b = d(rng, 4);
        return {
          intl: rng.pick([`+82 10-${a}-${b}`, `+82 10 ${a} ${b}`]),
          national: `010-${a}-${b}`,
          bare: `010${a}${b}`,
        };
      }
      const a = nz(rng) + d(rng, 3);
      const b = d(rng, 4);
      return { intl: `+82 2-${a}-${b}`, national: `02-${a}-${b}`, bare: `02${a}${b}` };
    },
  },
  BR: {
    locale: "pt-BR",
    lang: "pt",
    make(rng) {
      const area = rng.pick(["11", "21", "31", "41", "51", "61", "71", "81"]);
      const a = "9" + String(rng.int(6, 9)) + d(rng, 3);
      const b = d(rng, 4);
      return {
        intl: rng.pick([`+55 ${area} ${a}-${b}`, `+55 (${area}) ${a}-${b}`]),
        national: `(${area}) ${a}-${b}`,
        bare: `${area}${a}${b}`,
      };
    },
  },
  IN: {
    locale: "en-IN",
    lang: "hi",
    make(rng) {
      const nsn =
        rng.pick(["98", "99", "97", "96", "94", "93", "91", "90", "88", "87", "70", "75", "63", "81", "82"]) +
        d(rng, 8);
      return {
        intl: rng.pick([`+91 ${nsn.slice(0, 5)} ${nsn.slice(5)}`, `+91-${nsn}`, `+91 ${nsn}`]),
        national: rng.pick([`${nsn.slice(0, 5)} ${nsn.slice(5)}`, `0${nsn.slice(0, 5)} ${nsn.slice(5)}`]),
        bare: nsn,
      };
    },
  },
  AU: {
    locale: "en-AU",
    lang: "en",
    make(rng) {
      if (rng.chance(0.65)) {
        // Allocated mobile blocks only; 0491 570 xxx is reserved for fiction (ACMA), 049x is left out entirely.
        const nsn = "4" + rng.pick(["0", "1", "2", "3"]) + d(rng, 7);
        return {
          intl: `+61 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
          national: `0${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
          bare: `0${nsn}`,
        };
      }
      const sub = rng.pick(["8", "9"]) + d(rng, 7);
      return {
        intl: `+61 2 ${sub.slice(0, 4)} ${sub.slice(4)}`,
        national: `(02) ${sub.slice(0, 4)} ${sub.slice(4)}`,
        bare: `02${sub}`,
      };
    },
  },
  MX: {
    locale: "es-MX",
    lang: "es",
    make(rng) {
      const area = rng.pick(["55", "81", "33"]);
      const sub = nz(rng) + d(rng, 7);
      return {
        intl: rng.pick([`+52 ${area} ${sub.slice(0, 4)} ${sub.slice(4)}`, `+52${area}${sub}`]),
        national: `${area} ${sub.slice(0, 4)} ${sub.slice(4)}`,
        bare: `${area}${sub}`,
      };
    },
  },
  RU: {
    locale: "ru-RU",
    lang: "ru",
    make(rng) {
      const pre = rng.chance(0.8)
        ? "9" + rng.pick(["01", "03", "05", "10", "12", "15", "16", "17", "26", "85"])
        : "495";
      const a = nz(rng) + d(rng, 2);
      const b = d(rng, 2);
      const c = d(rng, 2);
      return {
        intl: rng.pick([`+7 ${pre} ${a}-${b}-${c}`, `+7 (${pre}) ${a}-${b}-${c}`]),
        national: rng.pick([`8 (${pre}) ${a}-${b}-${c}`, `8 ${pre} ${a} ${b} ${c}`]),
        bare: `8${pre}${a}${b}${c}`,
      };
    },
  },
  ZA: {
    locale: "en-ZA",
    lang: "en",
    make(rng) {
      const nsn = rng.pick(["82", "83", "72", "73", "76", "79", "84", "61", "71"]) + d(rng, 7);
      return {
        intl: `+27 ${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5)}`,
        national: `0${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5)}`,
        bare: `0${nsn}`,
      };
    },
  },
  NG: {
    locale: "en-NG",
    lang: "en",
    make(rng) {
      const nsn =
        rng.pick(["803", "806", "813", "816", "703", "706", "802", "808", "812", "805", "807", "815"]) + d(rng, 7);
      return {
        intl: `+234 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
        national: `0${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
        bare: `0${nsn}`,
      };
    },
  },
  SG: {
    locale: "en-SG",
    lang: "en",
    make(rng) {
      const nsn = rng.pick(["8", "9"]) + String(rng.int(1, 8)) + d(rng, 6);
      return {
        intl: `+65 ${nsn.slice(0, 4)} ${nsn.slice(4)}`,
        national: `${nsn.slice(0, 4)} ${nsn.slice(4)}`,
        bare: nsn,
      };
    },
  },
};
const PHONE_CODES = Object.keys(PHONE_COUNTRIES);

const PHONE_LABELS: EntitySpec["labels"] = {
  en: ["phone", "tel.", "mobile", "cell", "phone number", "WhatsApp"],
  de: ["Telefon", "Tel.", "Handy", "Mobil", "Rufnummer", "Telefonnummer"],
  fr: ["téléphone", "tél.", "portable", "numéro de téléphone"],
  es: ["teléfono", "tel.", "móvil", "celular"],
  it: ["telefono", "tel.", "cellulare", "cell."],
  nl: ["telefoon", "tel.", "mobiel", "telefoonnummer"],
  pl: ["telefon", "tel.", "komórka", "numer telefonu"],
  sv: ["telefon", "tel.", "mobil", "mobilnummer"],
  pt: ["telefone", "tel.", "celular", "telemóvel"],
  hi: ["phone", "mobile number", "WhatsApp number", "contact no."],
  zh: ["电话", "手机", "联系电话", "手机号"],
  ja: ["電話番号", "携帯", "TEL"],
  ko: ["전화번호", "휴대폰", "연락처"],
  ru: ["телефон", "тел.", "моб."],
};

export interface PhoneSample {
  forms: PhoneForms;
  country: string;
  locale: string;
  lang: Lang;
}
export function phoneSample(rng: Rng, country = rng.pick(PHONE_CODES)): PhoneSample {
  const c = PHONE_COUNTRIES[country] as PhoneCountry;
  return { forms: c.make(rng), country, locale: c.locale, lang: c.lang };
}

export const phone: EntitySpec = {
  id: "phone",
  // Written with a country code ("+CC", "00CC") a valid number is a phone number wherever it stands. In national
  // notation (trunk prefix, bracketed area code, NANP 3-3-4) or as bare digits it counts only with a phone label in
  // the same sentence or a phone field: no numbering plan tells a bare national number from an order, ticket or
  // case number of the same length, so an unlabelled one is a hard negative (see `negatives`).
  selfEvident: false,
  labels: PHONE_LABELS,
  fields: ["phone", "telephone", "mobile", "tel", "phone_number", "contact_phone"],
  sample(rng) {
    const s = phoneSample(rng);
    return { value: rng.chance(0.5) ? s.forms.intl : s.forms.national, locale: s.locale, langs: [s.lang, "en"] };
  },
  valid: () => true, // checked against libphonenumber-js in the corpus test
  special: {
    share: 0.4,
    make(rng) {
      const s = phoneSample(rng);
      // International notation needs no label: in a neutral sentence or a neutral column.
      if (rng.chance(0.5)) {
        return rng.chance(0.5)
          ? { text: bareSentence(rng, s.lang, s.forms.intl), locale: s.locale }
          : { text: s.forms.intl, field: rng.pick(NEUTRAL_FIELDS), locale: s.locale };
      }
      const labels = PHONE_LABELS[s.lang] ?? PHONE_LABELS.en;
      if (rng.chance(0.4))
        return { text: s.forms.bare, field: rng.pick(["phone", "mobile", "tel", "phone_number"]), locale: s.locale };
      return { text: `${rng.pick(labels)}: ${s.forms.bare}`, locale: s.locale };
    },
  },
  negatives: [
    // National notation without a phone label, in a neutral sentence or a neutral column.
    (rng) => {
      const s = phoneSample(rng);
      return rng.chance(0.5)
        ? { text: bareSentence(rng, s.lang, s.forms.national), locale: s.locale }
        : { text: s.forms.national, field: rng.pick(NEUTRAL_FIELDS), locale: s.locale };
    },
    // A digit run introduced as something else, also right after a sentence that mentions calling.
    (rng) => {
      const s = phoneSample(rng, rng.pick(["US", "DE", "GB", "IN", "CN"]));
      return otherLabel(rng, s.lang, s.forms.bare.replace(/^0/, String(rng.int(1, 9))), s.locale);
    },
    (rng) => ({
      text: `Call us. Order ${phoneSample(rng, "US").forms.bare} shipped ${rng.pick(["today", "yesterday"])}.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Ruf an. Bestellung ${phoneSample(rng, "DE").forms.bare.slice(1)} ist unterwegs.`,
      locale: "de-DE",
    }),
    // Ofcom numbers reserved for drama, and the NANP 555-01XX fictional range.
    (rng) => ({ text: `${rng.pick(["Tel", "Phone", "Call"])}: 07700 900${pad(rng.int(0, 999), 3)}`, locale: "en-GB" }),
    (rng) => ({ text: `In the film she dials 020 7946 0${pad(rng.int(0, 999), 3)}.`, locale: "en-GB" }),
    (rng) => ({ text: `Phone: (${rng.pick(NANP_AREAS_US)}) 555-01${pad(rng.int(0, 99), 2)}`, locale: "en-US" }),
    // Structurally impossible: NANP exchange codes never start with 0 or 1.
    (rng) => ({
      text: `Phone: (${rng.pick(NANP_AREAS_US)}) ${rng.int(0, 1)}${rng.digits(2)}-${rng.digits(4)}`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `ISBN 978-${rng.int(0, 9)}-${rng.digits(2)}-${rng.digits(6)}-${rng.int(0, 9)}`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Logged at ${rng.int(2019, 2025)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)} ${pad(rng.int(0, 23), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)}`,
      locale: "en-US",
    }),
    (rng) => ({ text: `created_ms=${rng.int(1600000000, 1799999999)}${rng.digits(3)}`, locale: "en-US" }),
    (rng) => ({ text: `Population: ${rng.int(10, 99)} ${rng.digits(3)} ${rng.digits(3)} (census)`, locale: "en-US" }),
    (rng) => ({
      text: `Tracking: 1Z${rng.digits(3)}${rng.chars(2, "ABCDEFGHJKLMNPRSTVWXY")}${rng.digits(10)}`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Koordinaten: ${rng.int(47, 54)}.${rng.digits(6)}, ${rng.int(6, 14)}.${rng.digits(6)}`,
      locale: "de-DE",
    }),
    (rng) => ({
      text: `Betrag: ${rng.int(1, 99)}.${rng.digits(3)}.${rng.digits(3)},${rng.digits(2)} EUR`,
      locale: "de-DE",
    }),
  ],
};

// ------------------------------------------------------------------ IP addresses (RFC 791, RFC 4291, RFC 6890)

/** First octets of blocks that are globally routable unicast (no RFC 6890 special-purpose ranges inside). */
const PUBLIC_V4_FIRST = [
  5, 8, 23, 24, 31, 45, 46, 50, 62, 64, 66, 67, 68, 71, 72, 77, 78, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 93,
  94, 95, 96, 99, 104, 107, 109, 115, 116, 121, 122, 141, 151, 176, 178, 180, 185, 188, 193, 195, 212, 213, 217, 218,
  220,
];
export function publicV4(rng: Rng): string {
  return `${rng.pick(PUBLIC_V4_FIRST)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}
const V6_PREFIXES = [
  "2a00",
  "2a01",
  "2a02",
  "2a03",
  "2a0e",
  "2600",
  "2601",
  "2603",
  "2604",
  "2405",
  "2406",
  "2408",
  "2804",
  "2c0f",
];
function publicV6(rng: Rng): string {
  const groups = [rng.pick(V6_PREFIXES), ...Array.from({ length: 7 }, () => rng.chars(rng.int(1, 4), HEX))];
  const r = rng.next();
  if (r < 0.3) return groups.map((g) => g.padStart(4, "0")).join(":");
  if (r < 0.55) return groups.join(":");
  // Compressed: a run of zero groups written as "::".
  const keep = rng.int(2, 4);
  return `${groups.slice(0, keep).join(":")}::${groups.slice(-rng.int(1, 2)).join(":")}`;
}
export const ipAddress: EntitySpec = {
  id: "ip_address",
  selfEvident: true,
  labels: {
    en: ["IP", "IP address", "client IP", "source IP", "remote addr"],
    de: ["IP-Adresse", "IP"],
    fr: ["adresse IP", "IP"],
    es: ["dirección IP", "IP"],
    it: ["indirizzo IP"],
    nl: ["IP-adres"],
    pl: ["adres IP"],
    sv: ["IP-adress"],
    pt: ["endereço IP"],
    zh: ["IP地址"],
    ja: ["IPアドレス"],
    ko: ["IP 주소"],
    ru: ["IP-адрес"],
  },
  fields: ["ip", "ip_address", "client_ip", "remote_addr", "src_ip"],
  sample(rng) {
    const r = rng.next();
    const value = r < 0.6 ? publicV4(rng) : r < 0.9 ? publicV6(rng) : `::ffff:${publicV4(rng)}`;
    return { value, locale: "en-US", langs: ["en", "de", "fr", "es", "zh", "ja"] };
  },
  valid: (v) => {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(v)) return v.split(".").every((o) => Number(o) <= 255);
    return /^[0-9a-f:.]+$/i.test(v) && v.includes(":") && !v.toLowerCase().startsWith("2001:db8");
  },
  special: {
    share: 0.15,
    make(rng) {
      const ip = rng.chance(0.8) ? publicV4(rng) : publicV6(rng);
      const r = rng.next();
      if (r < 0.5)
        return {
          text: `${ip} - - [${pad(rng.int(1, 28), 2)}/May/2024:${pad(rng.int(0, 23), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)} +0000] "GET /api/v1/items HTTP/1.1" 200 ${rng.int(200, 9000)}`,
          field: "line",
          locale: "en-US",
        };
      if (r < 0.7) return { text: `Login failed from ${ip}.`, locale: "en-US" };
      if (r < 0.8) return { text: `X-Forwarded-For: ::ffff:${publicV4(rng)}, ${publicV4(rng)}`, locale: "en-US" };
      return { text: `Zugriff von ${ip}, danach Sperre.`, locale: "de-DE" };
    },
  },
  negatives: [
    (rng) => ({
      text: `Upgraded to version ${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 30)}.${rng.int(0, 300)} last night.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: rng.chance(0.2)
        ? rng.pick(["Runs on v14.20.45.246 only.", "Tested with version 1.2.3.4 and later."])
        : `node v${rng.int(10, 22)}.${rng.int(0, 20)}.${rng.int(0, 99)}.${rng.int(0, 255)}`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `User-Agent: Mozilla/5.0 Chrome/${rng.int(100, 130)}.0.${rng.int(1000, 6999)}.${rng.int(10, 200)} Safari/537.36`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `See section ${rng.int(1, 9)}.${rng.int(1, 9)}.${rng.int(1, 9)}.${rng.int(1, 9)} of the manual.`,
      locale: "en-US",
    }),
    (rng) => ({ text: `OID 1.3.6.1.4.1.${rng.int(100, 60000)}.${rng.int(1, 9)}`, locale: "en-US" }),
    // Private, loopback, link-local, documentation (RFC 5737, RFC 3849) and special addresses.
    (rng) => ({
      text: `Gateway ${rng.pick([`192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`, `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`])} is down.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `IP: ${rng.pick(["127.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "::", `169.254.${rng.int(0, 255)}.${rng.int(1, 254)}`, `fe80::${rng.chars(4, HEX)}:${rng.chars(4, HEX)}`, `224.0.0.${rng.int(1, 255)}`])}`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Example: ${rng.pick(["192.0.2", "198.51.100", "203.0.113"])}.${rng.int(1, 254)} (documentation range).`,
      locale: "en-US",
    }),
    (rng) => ({ text: `IP-Adresse: 2001:db8:${rng.chars(4, HEX)}::${rng.chars(2, HEX)}`, locale: "de-DE" }),
    (rng) => ({
      text: `Kickoff at ${pad(rng.int(0, 23), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)} sharp.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Invalid input ${rng.int(256, 999)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)} rejected.`,
      locale: "en-US",
    }),
  ],
};

// ------------------------------------------------------------------ MAC addresses (IEEE 802 EUI-48)

export const macAddress: EntitySpec = {
  id: "mac_address",
  selfEvident: true,
  labels: {
    en: ["MAC", "MAC address", "hardware address", "BSSID"],
    de: ["MAC-Adresse"],
    fr: ["adresse MAC"],
    es: ["dirección MAC"],
    zh: ["MAC地址"],
    ja: ["MACアドレス"],
  },
  fields: ["mac", "mac_address", "device_mac", "bssid"],
  sample(rng) {
    // Unicast (I/G bit clear); globally or locally administered.
    const first = rng.int(0, 127) * 2;
    const octets = [first.toString(16).padStart(2, "0"), ...Array.from({ length: 5 }, () => rng.chars(2, HEX))];
    const r = rng.next();
    let value: string;
    if (r < 0.45) value = octets.join(":");
    else if (r < 0.65) value = octets.join(":").toUpperCase();
    else if (r < 0.85) value = octets.join("-").toUpperCase();
    else value = [0, 2, 4].map((i) => octets[i] + (octets[i + 1] as string)).join(".");
    return { value, locale: "en-US", langs: ["en", "de", "zh"] };
  },
  valid: (v) => /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(v) || /^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/i.test(v),
  negatives: [
    () => ({ text: "MAC: 00:00:00:00:00:00", locale: "en-US" }),
    () => ({ text: "Broadcast to ff:ff:ff:ff:ff:ff", locale: "en-US" }),
    (rng) => ({
      text: `Lap splits ${pad(rng.int(10, 59), 2)}:${pad(rng.int(10, 59), 2)}:${pad(rng.int(10, 59), 2)}:${pad(rng.int(10, 59), 2)}`,
      locale: "en-US",
    }),
    (rng) => ({ text: `Checksum ${rng.chars(8, HEX)}:${rng.chars(8, HEX)}`, locale: "en-US" }),
    (rng) => ({
      text: `Aspect ratio 16:9 at ${rng.int(24, 120)} fps, timecode 01:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 23), 2)}`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `IPv6 fe80::${rng.chars(4, HEX)}:${rng.chars(4, HEX)}:${rng.chars(4, HEX)}:${rng.chars(4, HEX)} (link-local)`,
      locale: "en-US",
    }),
  ],
};

// ------------------------------------------------------------------ Dates of birth

const MONTHS: Partial<Record<Lang, readonly string[]>> = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  de: [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
  ],
  fr: [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
  ],
  es: [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
  ],
  it: [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
  ],
  nl: [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
  ],
  pl: [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
  ],
  pt: [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
  ],
};

/** A date in one of the numeric notations used across locales. */
export function numericDate(rng: Rng, y: number, m: number, day: number): string {
  const [dd, mm] = [pad(day, 2), pad(m, 2)];
  return rng.pick([
    `${y}-${mm}-${dd}`,
    `${dd}/${mm}/${y}`,
    `${dd}.${mm}.${y}`,
    `${dd}-${mm}-${y}`,
    `${y}/${mm}/${dd}`,
    `${mm}/${dd}/${y}`,
  ]);
}

/** "born on 10 July 1974", "né le 3 mars 1980", "geboren am 28.07.1984", "fecha de nacimiento: 12/05/1979" … */
function birthPhrase(rng: Rng): Snippet {
  const b = birthDate(rng);
  const num = numericDate(rng, b.y, b.m, b.d);
  const month = (lang: Lang): string => (MONTHS[lang] as readonly string[])[b.m - 1] as string;
  const pick = rng.int(0, 17);
  switch (pick) {
    case 0:
      return { text: `Patient was born on ${b.d} ${month("en")} ${b.y}.`, locale: "en-GB" };
    case 1:
      return { text: `Born ${month("en")} ${b.d}, ${b.y}, in a small town.`, locale: "en-US" };
    case 2:
      return { text: `D.O.B. ${num}`, locale: "en-US" };
    case 3:
      return { text: `The record (b. ${num}) was merged.`, locale: "en-GB" };
    case 4:
      return { text: `DOB: ${num}, allergies: none`, locale: "en-US" };
    case 5:
      return { text: `Sie ist geboren am ${pad(b.d, 2)}.${pad(b.m, 2)}.${b.y} in Hamburg.`, locale: "de-DE" };
    case 6:
      return { text: `Geburtsdatum: ${b.d}. ${month("de")} ${b.y}`, locale: "de-DE" };
    case 7:
      return { text: `Il est né le ${b.d === 1 ? "1er" : b.d} ${month("fr")} ${b.y} à Lyon.`, locale: "fr-FR" };
    case 8:
      return { text: `Date de naissance : ${pad(b.d, 2)}/${pad(b.m, 2)}/${b.y}`, locale: "fr-FR" };
    case 9:
      return { text: `Fecha de nacimiento: ${pad(b.d, 2)}/${pad(b.m, 2)}/${b.y}.`, locale: "es-ES" };
    case 10:
      return { text: `Nació el ${b.d} de ${month("es")} de ${b.y}.`, locale: "es-MX" };
    case 11:
      return { text: `Nato il ${pad(b.d, 2)}/${pad(b.m, 2)}/${b.y} a Torino.`, locale: "it-IT" };
    case 12:
      return { text: `Geboren op ${b.d} ${month("nl")} ${b.y}.`, locale: "nl-NL" };
    case 13:
      return { text: `Data urodzenia: ${b.d} ${month("pl")} ${b.y} r.`, locale: "pl-PL" };
    case 14:
      return { text: `Född ${b.y}-${pad(b.m, 2)}-${pad(b.d, 2)}.`, locale: "sv-SE" };
    case 15:
      return { text: `出生日期：${b.y}年${b.m}月${b.d}日`, locale: "zh-CN" };
    case 16:
      return { text: `生年月日：${b.y}年${b.m}月${b.d}日`, locale: "ja-JP" };
    default:
      return { text: `생년월일: ${b.y}년 ${b.m}월 ${b.d}일`, locale: "ko-KR" };
  }
}

export const dateOfBirth: EntitySpec = {
  id: "date_of_birth",
  // A date is a birth date only with a birth label in the same sentence or a birth-date field.
  selfEvident: false,
  labels: {
    en: ["date of birth", "DOB", "birth date", "birthdate"],
    de: ["Geburtsdatum", "geb."],
    fr: ["date de naissance"],
    es: ["fecha de nacimiento"],
    it: ["data di nascita"],
    nl: ["geboortedatum"],
    pl: ["data urodzenia"],
    sv: ["födelsedatum"],
    pt: ["data de nascimento"],
    hi: ["DOB", "janam tithi", "date of birth"],
    zh: ["出生日期"],
    ja: ["生年月日"],
    ko: ["생년월일"],
    ru: ["дата рождения"],
  },
  fields: ["dob", "date_of_birth", "birthdate", "birth_date", "geburtsdatum", "fecha_nacimiento"],
  sample(rng) {
    const b = birthDate(rng);
    return {
      value: numericDate(rng, b.y, b.m, b.d),
      locale: "en-US",
      langs: ["en", "de", "fr", "es", "it", "nl", "pl", "pt", "hi", "ru"],
    };
  },
  valid: (v) => /^(\d{4}[-/]\d{2}[-/]\d{2}|\d{2}[./-]\d{2}[./-]\d{4})$/.test(v),
  special: { share: 0.4, make: birthPhrase },
  negatives: [
    (rng) => ({
      text: `Invoice date: ${numericDate(rng, rng.int(2015, 2025), rng.int(1, 12), rng.int(1, 28))}`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Version 3.2 was released on ${rng.int(2015, 2025)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Rechnungsdatum: ${pad(rng.int(1, 28), 2)}.${pad(rng.int(1, 12), 2)}.${rng.int(2015, 2025)}`,
      locale: "de-DE",
    }),
    (rng) => ({
      text: `Date de facture : ${pad(rng.int(1, 28), 2)}/${pad(rng.int(1, 12), 2)}/${rng.int(2015, 2025)}`,
      locale: "fr-FR",
    }),
    (rng) => ({
      text: `Fecha de entrega: ${pad(rng.int(1, 28), 2)}/${pad(rng.int(1, 12), 2)}/${rng.int(2015, 2025)}`,
      locale: "es-ES",
    }),
    (rng) => ({
      text: numericDate(rng, rng.int(1990, 2025), rng.int(1, 12), rng.int(1, 28)),
      field: rng.pick(["created_at", "invoice_date", "shipped_on", "updated", "due_date"]),
      locale: "en-US",
    }),
    (rng) => ({
      text: `${rng.int(2019, 2025)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}T${pad(rng.int(0, 23), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)}Z`,
      field: "timestamp",
      locale: "en-US",
    }),
    // The birth word belongs to another sentence.
    (rng) => ({
      text: `I was born in Lyon. The contract was signed on ${pad(rng.int(1, 28), 2)}/${pad(rng.int(1, 12), 2)}/${rng.int(1975, 2010)}.`,
      locale: "en-GB",
    }),
    (rng) => ({
      text: `Valid until ${pad(rng.int(1, 28), 2)}.${pad(rng.int(1, 12), 2)}.${rng.int(2026, 2035)}.`,
      locale: "en-GB",
    }),
    (rng) => ({ text: `会议日期：${rng.int(2020, 2025)}年${rng.int(1, 12)}月${rng.int(1, 28)}日`, locale: "zh-CN" }),
    (rng) => ({
      text: `The museum was founded on ${rng.int(1, 28)} ${rng.pick(["March", "June", "October"])} ${rng.int(1850, 1990)}.`,
      locale: "en-GB",
    }),
  ],
};
