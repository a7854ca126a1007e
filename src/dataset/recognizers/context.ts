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
const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\u00a0";

/**
 * The text before `start`, at most `CONTEXT_WINDOW` characters, cut at the last sentence boundary: a line
 * break, or "." or "!" followed by white space and a capital letter, when the word before the stop is a
 * word (two or more characters, ending in a lower-case letter or digit). "D.O.B. 1984", "Mr. Smith" and
 * "b. 1984" are not boundaries: abbreviations end in a capital or are one letter.
 */
export function contextBefore(text: string, start: number): string {
  const from = Math.max(0, start - CONTEXT_WINDOW);
  for (let i = start - 1; i >= from; i--) {
    const c = text[i] as string;
    if (c === "\n" || c === "\r") return text.slice(i + 1, start);
    if (!isSpace(c) || i === 0) continue;
    // i is a space: is it the end of a sentence? (walk back over the spaces to the stop)
    let j = i;
    while (j > from && isSpace(text[j - 1] as string)) j--;
    const stop = text[j - 1];
    // A question does not end the context: it introduces its answer ("Your SSN? It is 536-90-4399").
    if (stop !== "." && stop !== "!") continue;
    const next = text[i + 1] ?? "";
    if (!(isUpper(next) || next === '"' || next === "“")) continue;
    if (stop === ".") {
      const last = text[j - 2] ?? "";
      const beforeLast = text[j - 3] ?? "";
      const wordLike = (isLower(last) || /\d/.test(last)) && (isLower(beforeLast) || /\d/.test(beforeLast));
      if (!wordLike || ABBREVIATION.test(text.slice(Math.max(0, j - 6), j))) continue;
    }
    return text.slice(i + 1, start);
  }
  return text.slice(from, start);
}

/** Abbreviations that end in a full stop without ending the sentence (titles, "No.", "Tel."). */
const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|No|Nr|Tel|Ph|Mob|Mme|Mlle|Hr|Fr|Sra|Sr|Dña|geb|nr|tel|ca|approx|vs|etc|Inc|Ltd|Co)\.$/i;
