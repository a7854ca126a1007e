/**
 * Dates as people write a date of birth: ISO 8601 (yyyy-mm-dd, also with "/" or "."), day-month-year and
 * month-day-year with "/", "." or "-", two-digit years, and months written out in English, German, French,
 * Spanish, Italian, Portuguese, Dutch, Polish and Russian (CLDR month names, nominative and genitive), and the
 * Chinese/Japanese form 1988年8月26日 and the Korean 1959년 6월 3일 (year, month, day units, CLDR's yMd patterns
 * for zh, ja and ko). A date is a date of birth only with a context word
 * or a column name (the recognizer's business); these functions only say whether the text is a real date.
 */
import { calendarDateValid } from "./validators.js";

/**
 * A numeric date written `a sep b sep c` (same separator twice): year first (ISO order) when `a` has four
 * digits, otherwise day-month or month-day (both are common; a date valid either way is a date), with a
 * four- or two-digit year.
 */
/** Eight digits written together: year first (ISO 8601 basic, HL7 DT), or day or month first, then the year. */
export function compactDateValid(digits: string): boolean {
  const n = (from: number, to: number): number => Number(digits.slice(from, to));
  return (
    calendarDateValid(n(0, 4), n(4, 6), n(6, 8)) ||
    calendarDateValid(n(4, 8), n(2, 4), n(0, 2)) ||
    calendarDateValid(n(4, 8), n(0, 2), n(2, 4))
  );
}

export function numericDateValid(a: string, b: string, c: string): boolean {
  if (a.length === 4) return b.length <= 2 && c.length <= 2 && calendarDateValid(Number(a), Number(b), Number(c));
  if (a.length > 2 || b.length > 2 || (c.length !== 4 && c.length !== 2)) return false;
  const years = c.length === 4 ? [Number(c)] : [1900 + Number(c), 2000 + Number(c)];
  const [x, y] = [Number(a), Number(b)];
  return years.some((year) => calendarDateValid(year, y, x) || calendarDateValid(year, x, y));
}

/** Month names and abbreviations (CLDR, wide and abbreviated forms), lower case, each to its month number. */
const MONTHS: Readonly<Record<string, number>> = {};
const NAMES = [
  "january jan janvier janv janeiro enero ene januar jän gennaio gen januari",
  "february feb février févr fevereiro fev febrero februar febbraio febr februari",
  "march mar mars março marzo märz maart mrt",
  "april apr avril abril abr aprile",
  "may mai mayo maio maggio mag mei",
  "june jun juin junio juni junho giugno giu",
  "july jul juillet juil julio juli julho luglio lug",
  "august aug août agosto ago augustus",
  "september sep sept septembre septiembre setembro set settembre",
  "october oct octobre octubre oktober okt outubro out ottobre ott",
  "november nov novembre noviembre novembro",
  "december dec décembre déc diciembre dic dezember dez dezembro dicembre",
];
const MORE_NAMES = [
  "stycznia styczeń января январь",
  "lutego luty февраля февраль",
  "marca marzec марта март",
  "kwietnia kwiecień апреля апрель",
  "maja maj мая май",
  "czerwca czerwiec июня июнь",
  "lipca lipiec июля июль",
  "sierpnia sierpień августа август",
  "września wrzesień сентября сентябрь",
  "października październik октября октябрь",
  "listopada listopad ноября ноябрь",
  "grudnia grudzień декабря декабрь",
];
// Swedish, Danish, Finnish, Turkish, Czech, Hungarian, Romanian, Greek, Ukrainian, Indonesian (CLDR format and
// stand-alone wide names; Finnish and Czech in the genitive/partitive a date uses).
const OTHER_NAMES = [
  "tammikuuta tammikuu ocak ledna leden január ianuarie ιανουαρίου ιανουάριος січня січень",
  "helmikuuta helmikuu şubat února únor február februarie φεβρουαρίου φεβρουάριος лютого лютий",
  "marts maaliskuuta maaliskuu mart března březen március martie μαρτίου μάρτιος березня березень maret",
  "huhtikuuta huhtikuu nisan dubna duben április aprilie απριλίου απρίλιος квітня квітень",
  "toukokuuta toukokuu mayıs května květen május μαΐου μάιος травня травень",
  "kesäkuuta kesäkuu haziran června červen június iunie ιουνίου ιούνιος червня червень",
  "heinäkuuta heinäkuu temmuz července červenec július iulie ιουλίου ιούλιος липня липень",
  "augusti elokuuta elokuu ağustos srpna srpen augusztus αυγούστου αύγουστος серпня серпень agustus",
  "syyskuuta syyskuu eylül září szeptember septembrie σεπτεμβρίου σεπτέμβριος вересня вересень",
  "lokakuuta lokakuu ekim října říjen október octombrie οκτωβρίου οκτώβριος жовтня жовтень",
  "marraskuuta marraskuu kasım listopadu listopad noiembrie νοεμβρίου νοέμβριος листопада",
  "joulukuuta joulukuu aralık prosince prosinec decembrie δεκεμβρίου δεκέμβριος грудня грудень desember",
];
for (const lines of [NAMES, MORE_NAMES, OTHER_NAMES]) {
  lines.forEach((line, i) => {
    for (const name of line.split(" ")) (MONTHS as Record<string, number>)[name] = i + 1;
  });
}

const MONTH = "\\p{L}{3,12}";
/**
 * "10 July 1974", "10th of July, 1974", "10. Juli 1974", "10 de julio de 1974", "le 3 mars 1980",
 * "July 10, 1974", "Jul 10 1974": day and month in either order; year first as Korean and Hungarian write it,
 * "1984. 7. 28.", "1974. július 10." (CLDR ko and hu yMd patterns); "23-Feb-1986"; the Japanese era form
 * "昭和47年1月9日" (CLDR's ja Japanese-calendar pattern GGGGy年M月d日); bounded quantifiers only. Built on first use
 * (`writtenDates`): its Unicode classes cost a thread that loads the module and never reads a written date.
 */
const buildWrittenDate = (): RegExp =>
  new RegExp(
    `(?<![\\w])(?:(\\d{1,2})(?:st|nd|rd|th|er|º|°|\\.)?(?: of| de)? (${MONTH})\\.?,?(?: de)? (\\d{4})|(${MONTH})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})|(\\d{4}) ?[年년] ?(\\d{1,2}) ?[月월] ?(\\d{1,2}) ?[日일]|(\\d{4})\\. (\\d{1,2})\\. (\\d{1,2})\\.?|(\\d{4})\\. (${MONTH}) (\\d{1,2})\\.?|(\\d{1,2})-(${MONTH})-(\\d{4})|(明治|大正|昭和|平成|令和) ?(\\d{1,2}|元) ?年 ?(\\d{1,2}) ?月 ?(\\d{1,2}) ?日|(\\d{1,2})(?:\\. ?| |-)([IVX]{1,4})(?:\\. ?| |-)(\\d{4}))(?!\\d)`,
    "giu",
  );
let writtenDate: RegExp | undefined;
/** The written-date pattern (global: reset `lastIndex` before a search). */
export const writtenDates = (): RegExp => {
  writtenDate ??= buildWrittenDate();
  return writtenDate;
};

/** Months in Roman numerals, as Polish, Italian, Hungarian and Romanian dates write them ("23 VI 1967"). */
const ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

/** The Gregorian year in which each Japanese era began (year 1, "元年"), as official documents count them. */
const ERA_START: Readonly<Record<string, number>> = { 明治: 1868, 大正: 1912, 昭和: 1926, 平成: 1989, 令和: 2019 };

/** Whether a `writtenDates()` match is a real calendar date with a known month name. */
export function writtenDateValid(match: RegExpMatchArray): boolean {
  if (match[23] !== undefined) {
    // The pattern ignores case; a Roman month is written in capitals ("23 VI 1967"), never "23 vi 1967".
    const m = ROMAN_MONTHS.indexOf(match[24] as string) + 1;
    return m > 0 && calendarDateValid(Number(match[25]), m, Number(match[23]));
  }
  if (match[16] !== undefined) {
    const m = monthNumber(match[17] as string);
    return m !== undefined && calendarDateValid(Number(match[18]), m, Number(match[16]));
  }
  if (match[19] !== undefined) {
    const year = (ERA_START[match[19]] as number) + (match[20] === "元" ? 1 : Number(match[20])) - 1;
    return calendarDateValid(year, Number(match[21]), Number(match[22]));
  }
  if (match[7] !== undefined) return calendarDateValid(Number(match[7]), Number(match[8]), Number(match[9]));
  if (match[10] !== undefined) return calendarDateValid(Number(match[10]), Number(match[11]), Number(match[12]));
  if (match[13] !== undefined) {
    const m = monthNumber(match[14] as string);
    return m !== undefined && calendarDateValid(Number(match[13]), m, Number(match[15]));
  }
  const [day, month, year] = match[1] !== undefined ? [match[1], match[2], match[3]] : [match[5], match[4], match[6]];
  const m = monthNumber(month as string);
  return m !== undefined && calendarDateValid(Number(year), m, Number(day));
}

/** A month's number from its name or abbreviation in any case, or from its Roman numeral in capitals. */
function monthNumber(name: string): number | undefined {
  const roman = ROMAN_MONTHS.indexOf(name) + 1;
  return MONTHS[name.toLowerCase()] ?? (roman > 0 ? roman : undefined);
}
