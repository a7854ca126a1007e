/**
 * Escaping for Markdown that GitHub renders (job summary, PR comment). Every string that came from evidence
 * or from the repository (paths, messages, ids) goes through here: it can neither inject HTML or Markdown,
 * break a table, ping people (`@name`) nor link issues (`#123`).
 */

const ZERO_WIDTH_JOINER = "\u200d";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "&#124;",
  "`": "&#96;",
  "[": "&#91;",
  "]": "&#93;",
  "*": "&#42;",
  _: "&#95;",
  "~": "&#126;",
  "\\": "&#92;",
};

/** Text for a table cell, a list item or an HTML element: one line, no markup, no mentions or issue links. */
export function escapeMarkdown(text: string): string {
  // Mentions and issue links first, on the text itself: the entities added next contain "#" and digits.
  return text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_JOINER}`)
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_JOINER}`)
    .replace(/[&<>|`[\]*_~\\]/g, (c) => ENTITIES[c] ?? c);
}

/** Cut `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncateUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}
