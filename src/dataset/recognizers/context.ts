/**
 * Context for weak identifiers: a word that says what a number is ("SSN", "passport", "geboren") must stand
 * before it in the same sentence, or the column the value came from must be named for it ("ssn", "dob",
 * "passport_no"). A context word in an earlier sentence does not count: "My SSN is on file. Ticket
 * 536-90-4399" holds no SSN.
 */

/** How far before a match its context word may stand: about six words (Presidio looks five tokens back). */
export const CONTEXT_WINDOW = 48;

const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\u00a0" || c === "\u3000";
const isDigit = (c: string): boolean => c >= "0" && c <= "9";
/** A letter of a script without case (Han, Kana, Hangul, Devanagari, Arabic, Thai …): Unicode category Lo. */
const CASELESS = /^\p{Lo}$/u;
const isCaseless = (c: string): boolean => c !== "" && c > "\u00ff" && CASELESS.test(c);

/**
 * Stops that end a sentence wherever they stand, space or none after them: the ideographic full stop and
 * full-width exclamation mark of Chinese and Japanese (Unicode 3002, FF01, FF61 halfwidth) and the Devanagari
 * danda (0964). The full-width question mark (FF1F) is read like "?": it introduces its answer.
 */
const HARD_STOPS = new Set(["\u3002", "\uff01", "\uff61", "\u0964"]);
const isHardStopCode = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff61 || c === 0x0964;
const isSpaceCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;

/**
 * The text before `start`, at most `CONTEXT_WINDOW` characters, cut at the last sentence boundary: a line
 * break, a hard stop (`HARD_STOPS`), or ".", "!" or "…" followed by white space and the start of a sentence. After
 * a ".", the word before the stop must be a word, not an abbreviation:
 * - a word ending in two lower-case letters or digits ("file. Ticket"), unless it is a listed abbreviation
 *   ("Mr. Smith", "geb. 1961"; one letter, as in "b. 1984", is never enough), or a code ending in a capital
 *   and a digit ("6W2UK9. My");
 * - letters of a script without case ("없습니다. 티켓", "तिथि. Ticket");
 * - an acronym of two or more capitals without inner dots, when a capitalised word follows ("NINO. The
 *   batch", "SSN. Ticket"): "D.O.B. 1984", "U.S. Passport" and "PAN. ABCDE1234F" go on.
 */
export function contextBefore(text: string, start: number): string {
  const from = Math.max(0, start - CONTEXT_WINDOW);
  // Character codes, not one-character strings: this runs for every candidate a recognizer weighs.
  for (let i = start - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return labelAbove(text, i, start) ?? text.slice(i + 1, start);
    if (isHardStopCode(c)) return text.slice(i + 1, start);
    if (!isSpaceCode(c) || i === 0) continue;
    // i is a space: is it the end of a sentence? (walk back over the spaces to the stop)
    let j = i;
    while (j > from && isSpaceCode(text.charCodeAt(j - 1))) j--;
    const stop = text.charCodeAt(j - 1);
    // A question does not end the context: it introduces its answer ("Your SSN? It is 536-90-4399").
    if (stop !== 0x2e && stop !== 0x21 && stop !== 0x2026) continue;
    const next = text[i + 1] ?? "";
    if (!(isUpper(next) || isCaseless(next) || next === '"' || next === "“")) continue;
    if (stop === 0x2e && !sentenceEndsWithWord(text, j - 1, i + 1)) continue;
    return text.slice(i + 1, start);
  }
  return text.slice(from, start);
}

/**
 * A form's label on the line above its value ("NINO :\n   TL 66 90 92 A", as forms are printed and scanned):
 * when the value opens its line (blanks before it) and the line above is a label ending in ":" — short, the
 * label alone — that label is the value's context. `breakAt` is the line break before the value's line.
 */
function labelAbove(text: string, breakAt: number, start: number): string | undefined {
  for (let i = breakAt + 1; i < start; i++) if (!isSpaceCode(text.charCodeAt(i))) return undefined;
  let end = breakAt;
  if (text.charCodeAt(end) === 0x0a && text.charCodeAt(end - 1) === 0x0d) end--;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  const colon = text.charCodeAt(end - 1);
  if (colon !== 0x3a && colon !== 0xff1a) return undefined;
  const lineStart = Math.max(text.lastIndexOf("\n", end - 1), text.lastIndexOf("\r", end - 1)) + 1;
  return end - lineStart <= CONTEXT_WINDOW ? text.slice(lineStart, end) : undefined;
}

/** Closing brackets and quotes, which may stand between a sentence's last word and its stop ("(SSN)."). */
const CLOSERS = new Set([")", "]", '"', "”", "’", "'", "»", "）", "」", "』"]);

/**
 * Whether the "." at `stop` ends a sentence (the next sentence starts at `next`), judged by the word before it
 * (closing brackets and quotes skipped). A second stop ends it too: "no.." (an abbreviation, then the sentence's
 * own stop) and "..." (an ellipsis) before a capital.
 */
function sentenceEndsWithWord(text: string, stop: number, next: number): boolean {
  if (text[stop - 1] === ".") return true;
  let dot = stop;
  while (dot > 0 && dot > stop - 3 && CLOSERS.has(text[dot - 1] as string)) dot--;
  const last = text[dot - 1] ?? "";
  const beforeLast = text[dot - 2] ?? "";
  const wordChar = (ch: string): boolean => isLower(ch) || isDigit(ch);
  if (wordChar(last) && wordChar(beforeLast)) return !ABBREVIATION.test(`${text.slice(Math.max(0, dot - 5), dot)}.`);
  // A code ending in a capital and a digit ("Booking reference 6W2UK9. My SSN …"): no abbreviation ends so.
  if (isDigit(last) && isUpper(beforeLast)) return true;
  if (isCaseless(last)) return true;
  // An acronym: two or more capitals, the character before them neither a letter nor a dot.
  let k = dot - 1;
  while (k >= 0 && k > dot - 12 && isUpper(text[k] as string)) k--;
  const before = text[k] ?? "";
  if (dot - 1 - k < 2 || before === "." || isUpper(before) || isLower(before) || isCaseless(before)) return false;
  // … followed by a capitalised word: a capital, then a lower-case letter.
  return isLower(text[next + 1] ?? "") || isCaseless(text[next] ?? "");
}

/** Abbreviations that end in a full stop without ending the sentence (titles, "No.", "Tel."). */
const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|No|Nr|Tel|Ph|Mob|Mme|Mlle|Hr|Fr|Sra|Sr|Dña|geb|nr|tel|ca|approx|vs|etc|Inc|Ltd|Co|Soc|Sec|Nat|Ins|Num|Ref)\.$/i;

/** How far after a match a label may stand ("536-90-4399 is my SSN", "1990年5月3日生まれ", "(Aadhaar)"). */
export const CONTEXT_AFTER_WINDOW = 32;

/**
 * The text after `end`, at most `CONTEXT_AFTER_WINDOW` characters, up to the end of the clause: a line break, a
 * sentence's stop (".", "!", "?" before white space or the end, or a CJK/Devanagari stop), a ";" or a comma
 * (Latin, ideographic or full-width), or the next digit, where another value begins. Languages that put the
 * verb or the noun last (Japanese, Korean, Hindi, Turkish) name a value after it: "1990年5月3日生まれ",
 * "536-90-4399 is my SSN".
 */
export function contextAfter(text: string, end: number): string {
  const to = Math.min(text.length, end + CONTEXT_AFTER_WINDOW);
  for (let i = end; i < to; i++) {
    const c = text[i] as string;
    if (c === "\n" || c === "\r" || HARD_STOPS.has(c) || CLAUSE_ENDS.has(c) || isDigit(c)) return text.slice(end, i);
    if ((c === "." || c === "!" || c === "?") && (i + 1 === text.length || isSpace(text[i + 1] as string)))
      return text.slice(end, i);
  }
  return text.slice(end, to);
}

/** Marks that end a clause after a value: the next words belong to another item ("SSN 536-90-4399, passport …"). */
const CLAUSE_ENDS = new Set([",", ";", "\u3001", "\uff0c", "\uff1b", "\uff1f"]);
