/** Person names and street addresses of several cultures and countries (formats per national postal conventions). */
import type { Lang } from "./language.js";
import { pad, type Rng } from "./random.js";
import type { EntitySpec, Snippet } from "./spec.js";

interface Culture {
  locale: string;
  lang: Lang;
  given: readonly string[];
  family: readonly string[];
  /** Family name first, no space (Chinese, Japanese, Korean). */
  familyFirst?: boolean;
  joiner?: string;
}
const CULTURES: readonly Culture[] = [
  {
    locale: "en-US",
    lang: "en",
    given: [
      "James",
      "Mary",
      "Robert",
      "Patricia",
      "Michael",
      "Jennifer",
      "David",
      "Linda",
      "Sarah",
      "Thomas",
      "Emily",
      "Daniel",
    ],
    family: [
      "Smith",
      "Johnson",
      "Williams",
      "Brown",
      "Miller",
      "Davis",
      "Wilson",
      "Anderson",
      "Taylor",
      "Thompson",
      "Walker",
      "O'Brien",
    ],
  },
  {
    locale: "de-DE",
    lang: "de",
    given: ["Hans", "Anna", "Lukas", "Sophie", "Jürgen", "Katrin", "Matthias", "Lena", "Dieter", "Ute"],
    family: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer"],
  },
  {
    locale: "fr-FR",
    lang: "fr",
    given: ["Jean", "Marie", "Pierre", "Camille", "Louis", "Chloé", "Nicolas", "Élodie", "Jean-Luc", "Anaïs"],
    family: ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Durand", "Rousseau", "Fontaine"],
  },
  {
    locale: "es-ES",
    lang: "es",
    given: ["José", "María", "Carmen", "Javier", "Lucía", "Alejandro", "Sofía", "Manuel"],
    family: ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez Pérez", "Gómez Ruiz"],
  },
  {
    locale: "it-IT",
    lang: "it",
    given: ["Giuseppe", "Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Luca", "Federica"],
    family: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"],
  },
  {
    locale: "nl-NL",
    lang: "nl",
    given: ["Jan", "Sanne", "Daan", "Emma", "Pieter", "Fleur", "Bram", "Lotte"],
    family: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit"],
  },
  {
    locale: "pl-PL",
    lang: "pl",
    given: ["Piotr", "Anna", "Krzysztof", "Katarzyna", "Tomasz", "Magdalena", "Łukasz", "Agnieszka"],
    family: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowski", "Zielińska"],
  },
  {
    locale: "sv-SE",
    lang: "sv",
    given: ["Erik", "Anna", "Lars", "Karin", "Johan", "Elin", "Björn", "Ingrid"],
    family: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Lindqvist", "Bergström"],
  },
  {
    locale: "pt-BR",
    lang: "pt",
    given: ["João", "Ana", "Pedro", "Beatriz", "Tiago", "Inês", "Gabriel", "Larissa"],
    family: ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Almeida"],
  },
  {
    locale: "en-IN",
    lang: "hi",
    given: ["Priya", "Rahul", "Ananya", "Arjun", "Sneha", "Vikram", "Aditya", "Pooja", "Lakshmi", "Sanjay"],
    family: ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Chatterjee", "Deshpande"],
  },
  {
    locale: "zh-CN",
    lang: "zh",
    given: ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "子涵", "浩然"],
    family: ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"],
    familyFirst: true,
    joiner: "",
  },
  {
    locale: "ja-JP",
    lang: "ja",
    given: ["太郎", "花子", "健太", "美咲", "翔太", "陽菜", "大輔", "由美"],
    family: ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村"],
    familyFirst: true,
    joiner: " ",
  },
  {
    locale: "ko-KR",
    lang: "ko",
    given: ["민준", "서연", "지훈", "수빈", "하은", "도윤", "예진", "현우"],
    family: ["김", "이", "박", "최", "정", "강", "조", "윤"],
    familyFirst: true,
    joiner: "",
  },
  {
    locale: "ru-RU",
    lang: "ru",
    given: ["Иван", "Ольга", "Алексей", "Мария", "Дмитрий", "Наталья"],
    family: ["Петров", "Смирнова", "Иванов", "Кузнецова", "Соколов", "Попова"],
  },
  {
    locale: "en-NG",
    lang: "en",
    given: ["Chinedu", "Ngozi", "Oluwaseun", "Emeka", "Funmilayo", "Tunde"],
    family: ["Okafor", "Adeyemi", "Bello", "Okonkwo", "Balogun", "Eze"],
  },
  {
    locale: "en-ZA",
    lang: "en",
    given: ["Thabo", "Lindiwe", "Sipho", "Naledi", "Pieter", "Zanele"],
    family: ["Nkosi", "Dlamini", "Mokoena", "van der Merwe", "Botha", "Khumalo"],
  },
];

function personName(rng: Rng): { name: string; locale: string; lang: Lang } {
  const c = rng.pick(CULTURES);
  const given = rng.pick(c.given);
  const family = rng.pick(c.family);
  if (c.familyFirst) return { name: family + (c.joiner ?? "") + given, locale: c.locale, lang: c.lang };
  const middle = c.lang === "en" && rng.chance(0.15) ? ` ${rng.pick(["A.", "J.", "M.", "R."])}` : "";
  return { name: `${given}${middle} ${family}`, locale: c.locale, lang: c.lang };
}

const NAME_FRAMES: Partial<Record<Lang, readonly string[]>> = {
  en: [
    "My name is {n}.",
    "Dear {n},",
    "Signed: {n}",
    "{n} called about the delayed delivery.",
    "Contact person: {n}",
    "Kind regards, {n}",
    "Please forward this to {n}, who handles refunds.",
  ],
  de: [
    "Mein Name ist {n}.",
    "Sehr geehrte/r {n},",
    "Ansprechpartner: {n}",
    "Mit freundlichen Grüßen, {n}",
    "{n} hat wegen der Rechnung angerufen.",
  ],
  fr: ["Je m'appelle {n}.", "Bonjour {n},", "Interlocuteur : {n}", "Cordialement, {n}"],
  es: ["Me llamo {n}.", "Estimado/a {n}:", "Persona de contacto: {n}", "Saludos, {n}"],
  it: ["Mi chiamo {n}.", "Gentile {n},", "Referente: {n}"],
  nl: ["Mijn naam is {n}.", "Beste {n},", "Contactpersoon: {n}"],
  pl: ["Nazywam się {n}.", "Szanowny Panie {n},", "Osoba kontaktowa: {n}"],
  sv: ["Jag heter {n}.", "Hej {n},", "Kontaktperson: {n}"],
  pt: ["Meu nome é {n}.", "Prezado(a) {n},", "Contato: {n}"],
  hi: ["Mera naam {n} hai.", "Hi {n}, aapka order ship ho gaya.", "Contact person: {n}"],
  zh: ["我叫{n}。", "联系人：{n}", "{n}先生/女士，您好！"],
  ja: ["{n}様、いつもお世話になっております。", "担当：{n}", "私は{n}と申します。"],
  ko: ["{n} 고객님, 안녕하세요.", "담당자: {n}", "제 이름은 {n}입니다."],
  ru: ["Меня зовут {n}.", "Уважаемый(ая) {n},", "Контактное лицо: {n}"],
};

export const personName_: EntitySpec = {
  id: "person_name",
  selfEvident: true,
  labels: { en: ["name", "full name", "customer name"], de: ["Name"], fr: ["nom"], es: ["nombre"] },
  fields: ["name", "full_name", "customer_name", "contact_name", "patient_name"],
  sample(rng) {
    const p = personName(rng);
    return { value: p.name, locale: p.locale, langs: [p.lang, "en"] };
  },
  valid: (v) => v.trim().length > 1,
  special: {
    share: 0.6,
    make(rng): Snippet {
      const p = personName(rng);
      const frames = NAME_FRAMES[p.lang] ?? (NAME_FRAMES.en as readonly string[]);
      return { text: rng.pick(frames).replace("{n}", p.name), locale: p.locale };
    },
  },
  negatives: [
    (rng) => ({
      text: rng.pick([
        "Apple released a new MacBook today.",
        "Johnson & Johnson reported higher earnings.",
        "Ford Motor Company recalled several models.",
        "Morgan Stanley raised its forecast.",
        "Mercedes-Benz opened a plant in Hungary.",
        "Goldman Sachs declined to comment.",
        "Wells Fargo closed the branch.",
      ]),
      locale: "en-US",
    }),
    (rng) => ({
      text: rng.pick([
        "Jordan borders Syria and Saudi Arabia.",
        "Georgia and Virginia reported record turnout.",
        "Victoria Station is closed on Sunday.",
        "Florence is famous for the Uffizi Gallery.",
        "Lincoln Park hosts a free zoo.",
      ]),
      locale: "en-US",
    }),
    (rng) => ({
      text: rng.pick([
        "Dear Customer,",
        "Dear Sir or Madam,",
        "Hello Team,",
        "Best Regards,",
        "Sehr geehrte Damen und Herren,",
        "Madame, Monsieur,",
        "Estimado cliente:",
      ]),
      locale: "en-US",
    }),
    (rng) => ({
      text: rng.pick([
        "Please Note: Delivery Times May Vary During Holidays.",
        "New Customer Discount Applies To First Order Only.",
        "Sales Manager Position Open In Berlin Office.",
        "Terms And Conditions Apply.",
      ]),
      locale: "en-US",
    }),
    (rng) => ({
      text: `Open it in ${rng.pick(["Microsoft Teams", "Google Sheets", "Adobe Acrobat Reader", "Visual Studio Code", "Jupyter Notebook"])} and export as PDF.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: rng.pick([
        "Grand Hotel Europe",
        "Golden Gate Bridge",
        "Great Barrier Reef",
        "Black Forest Cake",
        "Royal Mail Tracking",
      ]),
      field: rng.pick(["title", "category", "product"]),
      locale: "en-GB",
    }),
  ],
};

// ------------------------------------------------------------------ Street addresses

const ADDRESS_MAKERS: ReadonlyArray<{ locale: string; lang: Lang; make(rng: Rng): string }> = [
  {
    locale: "en-US",
    lang: "en",
    make: (rng) =>
      `${rng.int(10, 9999)} ${rng.pick(["Maple", "Oak", "Elm", "Washington", "Lake", "Cedar", "Pine", "Sunset", "Highland"])} ${rng.pick(["St", "Ave", "Blvd", "Road", "Lane", "Drive"])}${rng.chance(0.3) ? `, Apt ${rng.int(1, 40)}` : ""}, ${rng.pick(["Springfield, IL 62704", "Austin, TX 78701", "Denver, CO 80203", "Portland, OR 97205", "Columbus, OH 43215", "Madison, WI 53703"])}`,
  },
  {
    locale: "en-GB",
    lang: "en",
    make: (rng) =>
      `${rng.int(1, 220)} ${rng.pick(["High Street", "Station Road", "Church Lane", "Victoria Road", "Manor Way", "Green Lane"])}, ${rng.pick(["Leeds LS1 4AP", "Manchester M4 5JD", "Birmingham B3 2PW", "Edinburgh EH1 1YZ", "Cardiff CF10 1EP", "Bristol BS1 4DJ"])}`,
  },
  {
    locale: "de-DE",
    lang: "de",
    make: (rng) =>
      `${rng.pick(["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenweg", "Lindenallee", "Goethestraße", "Am Markt"])} ${rng.int(1, 180)}${rng.chance(0.15) ? rng.pick(["a", "b"]) : ""}, ${rng.pick(["10115 Berlin", "80331 München", "50667 Köln", "20095 Hamburg", "60311 Frankfurt am Main", "70173 Stuttgart"])}`,
  },
  {
    locale: "fr-FR",
    lang: "fr",
    make: (rng) =>
      `${rng.int(1, 150)}${rng.chance(0.1) ? " bis" : ""} ${rng.pick(["rue Victor Hugo", "rue des Lilas", "avenue Jean Jaurès", "boulevard Saint-Michel", "rue du Moulin", "place de la République"])}, ${rng.pick(["75011 Paris", "69002 Lyon", "13001 Marseille", "31000 Toulouse", "33000 Bordeaux"])}`,
  },
  {
    locale: "es-ES",
    lang: "es",
    make: (rng) =>
      `${rng.pick(["Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Real", "Paseo de Gracia"])} ${rng.int(1, 200)}, ${rng.int(1, 8)}º ${rng.pick(["A", "B", "C"])}, ${rng.pick(["28013 Madrid", "08007 Barcelona", "41004 Sevilla", "46001 Valencia"])}`,
  },
  {
    locale: "it-IT",
    lang: "it",
    make: (rng) =>
      `${rng.pick(["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Dante Alighieri", "Piazza Mazzini"])} ${rng.int(1, 120)}, ${rng.pick(["00184 Roma", "20121 Milano", "10121 Torino", "50122 Firenze"])}`,
  },
  {
    locale: "nl-NL",
    lang: "nl",
    make: (rng) =>
      `${rng.pick(["Kerkstraat", "Dorpsstraat", "Stationsweg", "Prinsengracht", "Molenweg"])} ${rng.int(1, 300)}, ${rng.pick(["1015 CJ Amsterdam", "3011 AB Rotterdam", "2511 BT Den Haag", "3511 LX Utrecht"])}`,
  },
  {
    locale: "pl-PL",
    lang: "pl",
    make: (rng) =>
      `ul. ${rng.pick(["Marszałkowska", "Długa", "Polna", "Lipowa", "Mickiewicza"])} ${rng.int(1, 150)}${rng.chance(0.4) ? `/${rng.int(1, 60)}` : ""}, ${rng.pick(["00-590 Warszawa", "31-008 Kraków", "50-001 Wrocław", "80-831 Gdańsk"])}`,
  },
  {
    locale: "sv-SE",
    lang: "sv",
    make: (rng) =>
      `${rng.pick(["Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan"])} ${rng.int(1, 90)}, ${rng.pick(["111 51 Stockholm", "411 01 Göteborg", "211 20 Malmö"])}`,
  },
  {
    locale: "pt-BR",
    lang: "pt",
    make: (rng) =>
      `${rng.pick(["Rua das Flores", "Avenida Paulista", "Rua Augusta", "Rua XV de Novembro"])}, ${rng.int(10, 2500)} - ${rng.pick(["Centro", "Jardins", "Bela Vista"])}, São Paulo - SP, 0${rng.int(1000, 9999)}-${pad(rng.int(0, 999), 3)}`,
  },
  {
    locale: "pt-PT",
    lang: "pt",
    make: (rng) =>
      `${rng.pick(["Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina"])}, ${rng.int(1, 300)}, ${rng.pick(["1100-053 Lisboa", "4000-322 Porto"])}`,
  },
  {
    locale: "en-IN",
    lang: "hi",
    make: (rng) =>
      `${rng.pick([`Flat ${rng.int(1, 20)}${rng.pick(["A", "B", "C"])}`, `House No. ${rng.int(1, 999)}`])}, ${rng.pick(["MG Road", "Sector 15", "Linking Road", "Anna Salai"])}, ${rng.pick(["Bengaluru 560001", "Noida 201301", "Mumbai 400050", "Chennai 600002"])}`,
  },
  {
    locale: "zh-CN",
    lang: "zh",
    make: (rng) =>
      `${rng.pick(["北京市朝阳区建国路", "上海市浦东新区世纪大道", "广州市天河区天河路", "深圳市南山区科技园路"])}${rng.int(1, 300)}号${rng.chance(0.5) ? `${rng.int(1, 30)}栋${rng.int(101, 2808)}室` : ""}`,
  },
  {
    locale: "ja-JP",
    lang: "ja",
    make: (rng) =>
      `${rng.pick(["東京都世田谷区桜新町", "大阪府大阪市北区梅田", "神奈川県横浜市中区山下町", "京都府京都市左京区北白川"])}${rng.int(1, 5)}丁目${rng.int(1, 30)}番${rng.int(1, 20)}号`,
  },
  {
    locale: "ko-KR",
    lang: "ko",
    make: (rng) =>
      `${rng.pick(["서울특별시 강남구 테헤란로", "부산광역시 해운대구 해운대로", "서울특별시 마포구 월드컵로"])} ${rng.int(1, 500)}${rng.chance(0.4) ? `, ${rng.int(1, 20)}층` : ""}`,
  },
  {
    locale: "en-AU",
    lang: "en",
    make: (rng) =>
      `${rng.int(1, 400)} ${rng.pick(["George Street", "Collins Street", "Queen Street", "Adelaide Terrace"])}, ${rng.pick(["Sydney NSW 2000", "Melbourne VIC 3000", "Brisbane QLD 4000", "Perth WA 6000"])}`,
  },
  {
    locale: "en-CA",
    lang: "en",
    make: (rng) =>
      `${rng.int(1, 999)} ${rng.pick(["Bay Street", "Yonge Street", "Rue Sainte-Catherine", "Granville Street"])}, ${rng.pick(["Toronto, ON M5H 2S6", "Montréal, QC H3B 1A7", "Vancouver, BC V6C 1T2"])}`,
  },
];
const ADDRESS_FRAMES: Partial<Record<Lang, readonly string[]>> = {
  en: ["Ship to: {a}", "Please send the documents to {a}.", "I moved to {a} last month.", "Billing address: {a}"],
  de: ["Lieferadresse: {a}", "Bitte senden Sie die Unterlagen an {a}.", "Anschrift: {a}"],
  fr: ["Adresse de livraison : {a}", "Veuillez envoyer le colis au {a}."],
  es: ["Dirección de envío: {a}", "Envíe la documentación a {a}."],
  it: ["Indirizzo di consegna: {a}", "Residente in {a}."],
  nl: ["Afleveradres: {a}", "Stuur de papieren naar {a}."],
  pl: ["Adres dostawy: {a}", "Proszę wysłać dokumenty na adres {a}."],
  sv: ["Leveransadress: {a}"],
  pt: ["Endereço de entrega: {a}", "Moro na {a}."],
  hi: ["Delivery address: {a}", "Mera address {a} hai."],
  zh: ["收货地址：{a}", "请寄到{a}。"],
  ja: ["お届け先：{a}", "住所：{a}"],
  ko: ["배송지: {a}", "주소: {a}"],
};
export const streetAddress: EntitySpec = {
  id: "street_address",
  selfEvident: true,
  labels: {
    en: ["address", "home address", "street address"],
    de: ["Adresse", "Anschrift"],
    fr: ["adresse"],
    es: ["dirección"],
  },
  fields: ["address", "street_address", "shipping_address", "billing_address"],
  sample(rng) {
    const m = rng.pick(ADDRESS_MAKERS);
    return { value: m.make(rng), locale: m.locale, langs: [m.lang, "en"] };
  },
  valid: (v) => /\d/.test(v),
  special: {
    share: 0.6,
    make(rng) {
      const m = rng.pick(ADDRESS_MAKERS);
      const frames = ADDRESS_FRAMES[m.lang] ?? (ADDRESS_FRAMES.en as readonly string[]);
      return { text: rng.pick(frames).replace("{a}", m.make(rng)), locale: m.locale };
    },
  },
  negatives: [
    (rng) => ({
      text: rng.pick([
        "Wall Street reacted calmly to the rate decision.",
        "Baker Street station is closed this weekend.",
        "We walked down Oxford Street after lunch.",
        "Main Street businesses reported a good season.",
        "Abbey Road is the eleventh studio album by the Beatles.",
      ]),
      locale: "en-GB",
    }),
    (rng) => ({
      text: rng.pick([
        "Die Hauptstraße ist wegen Bauarbeiten gesperrt.",
        "La rue de la Paix est la case la plus chère du Monopoly.",
        "La Calle Mayor está cortada por obras.",
        "Via Roma è chiusa al traffico la domenica.",
      ]),
      locale: "de-DE",
    }),
    (rng) => ({
      text: rng.pick([
        `Route ${rng.int(1, 99)} nostalgia tour starts in Chicago.`,
        `Take Highway ${rng.int(1, 400)} north for ${rng.int(5, 80)} miles.`,
        `Terminal ${rng.int(1, 5)}, Gate ${rng.pick(["A", "B", "C"])}${rng.int(1, 60)}.`,
        `Apollo ${rng.int(7, 17)} launched from Cape Canaveral.`,
        `Studio ${rng.int(1, 99)} reopened after renovation.`,
      ]),
      locale: "en-US",
    }),
    (rng) => ({
      text: `Several ${rng.pick(["Main Street", "Park Avenue", "Sunset Boulevard"])} episodes were released on the streaming service.`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `Build ${rng.int(100, 999)} of the ${rng.pick(["street-view", "address-parser", "geo-lookup"])} service passed all tests.`,
      locale: "en-US",
    }),
  ],
};
