/**
 * Prose hard-wrapped at a fixed width, as mail clients and editors break lines (RFC 3676 §4.2 wraps at 72–78
 * columns; 70 and 80 are common): a line break there is a space, and a value written with spaces may be broken
 * across it ("IBAN DE89 3704\n0044 0532 0130 00"). Such text is read with its breaks as spaces; a form, a
 * table, a log or a poem is not hard-wrapped prose and keeps its lines.
 */

/** Narrowest and widest wrap widths read as prose: forms and logs have shorter or longer lines. */
const MIN_WIDTH = 40;
const MAX_WIDTH = 100;

/**
 * Whether `text` is prose broken greedily at a width: every line but the last is as full as it can be, the next
 * line's first word would not have fitted on it (a greedy wrap's defining property), and there are at least three
 * lines, or two with the second going on in lower case. A line holding a tab, or empty, or one that opens with white space, a quote mark (">") or a list mark
 * ends the test: those are a layout's lines.
 */
export function hardWrapped(text: string): boolean {
  const lines = text.split(/\r?\n/);
  // Two lines are prose when the second goes on with the sentence (a lower-case word); records begin alike.
  if (lines.length < 2 || (lines.length === 2 && !/^\p{Ll}/u.test(lines[1] as string))) return false;
  const opening = (lines[0] as string).slice(0, 3);
  if (lines.every((line) => line.startsWith(opening))) return false;
  let width = 0;
  for (let i = 0; i < lines.length - 1; i++) width = Math.max(width, (lines[i] as string).length);
  if (width < MIN_WIDTH || width > MAX_WIDTH) return false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "" || line.includes("\t") || LAYOUT_OPENING.test(line)) return false;
    if (i === lines.length - 1) break;
    const nextWord = (lines[i + 1] as string).search(/\s|$/);
    if (line.length + 1 + nextWord <= width || !proseLine(line)) return false;
  }
  return true;
}

/**
 * Words parted by spaces, about one to every twelve characters or more, and not two cells glued by a comma,
 * semicolon or bar ("id,name,nr_pesel,Email Address"): a CSV header is as wide as prose.
 */
function proseLine(line: string): boolean {
  let spaces = 0;
  for (let i = line.indexOf(" "); i >= 0; i = line.indexOf(" ", i + 1)) spaces++;
  return spaces >= Math.floor(line.length / 12) && (line.match(GLUED_DELIMITER)?.length ?? 0) < 2;
}
const GLUED_DELIMITER = /[,;|](?=\S)/g;

/** A line opened by white space, a quote mark, a list or heading mark, or a label ending in ":" alone. */
const LAYOUT_OPENING = /^(?:\s|>|[-*•#|]\s|\d{1,3}[.)]\s)|^[^\s:]{1,30}:\s*$/;

/** `text` with its line breaks as spaces (the same length: a position in one is the same in the other). */
export function unwrapped(text: string): string {
  return text.replace(/\r\n|\n/g, (lineBreak) => (lineBreak.length === 2 ? "  " : " "));
}
