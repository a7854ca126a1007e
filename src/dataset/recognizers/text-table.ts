/**
 * A text value that holds a small table: a header line of column names, then rows of cells ("id,ssn,city\n
 * 910,536-90-4399,Leeds"), as CSV, TSV or pipe-separated text pasted into a prompt, a note or a JSON string, or
 * as a Markdown table ("| id | ssn |", then a "|---|---|" line; GitHub Flavored Markdown §4.10). The names stand in for
 * context words for the cells beneath them, as a real column's name does (RFC 4180 §2: an optional header line
 * "with the same format as normal record lines", fields split by the delimiter, double quotes around a field
 * that holds one).
 *
 * Reading is bounded: the header is looked for in the first `MAX_HEADER` characters only, and a cell's column is
 * found by counting delimiters on its own line.
 */

/** A header longer than this is not looked at (a table pasted into text has a short header). */
const MAX_HEADER = 512;

/**
 * A column name: a letter first, then letters, digits, "_", ".", "-", "#", "°", "/", "(" or ")", and at most three
 * single spaces ("Date of Birth", "passport_no", "SSN (last 4)"); no sentence punctuation.
 */
const COLUMN_NAME = /^\p{L}[\p{L}\p{N}_.#°/()-]*(?: [\p{L}\p{N}_.#°/()-]+){0,3}$/u;

export interface TextTable {
  /** The column names, in order. */
  readonly names: readonly string[];
  readonly delimiter: string;
  /** Where the first row after the header starts. */
  readonly bodyStart: number;
  /** Rows open with the delimiter ("| 1 | Leeds |", Markdown): the cell after it is the first column. */
  readonly leadingDelimiter: boolean;
  /**
   * A table aligned with blanks (a spreadsheet pasted as text: cells split by tabs or runs of spaces):
   * "columns" when the first row has as many cells as the header, else "header" — the names are then read as
   * one label for every cell of the body (a name of one cell may hold a single space, "nº DNI", so cells and
   * names cannot always be paired).
   */
  readonly aligned?: "columns" | "header";
  /** An SQL `INSERT INTO t (a, b) VALUES (…, …)`: a value's column is its place in its tuple. */
  readonly sql?: boolean;
}

/** `INSERT INTO name (columns) VALUES (`: the column list, and where the values start. */
const SQL_INSERT = /\binsert\s+into\s+[\w."`[\]]+\s*\(([^()]{1,512})\)\s*values\s*\(/i;

/** A column name, with the colon a form may write after it ("生年月日：", "SSN:"). */
const isColumnName = (name: string): boolean => name.length <= 64 && COLUMN_NAME.test(name.replace(/[:：]$/, ""));

/** The gap between cells of a table aligned with blanks: a tab (with blanks around it) or two or more spaces. */
const BLANK_GAP = / *\t[ \t]*| {2,}/g;

const splitBlanks = (line: string): string[] => line.trim().split(BLANK_GAP);

/** A Markdown table's delimiter row: cells of dashes, each with an optional alignment colon at either end. */
const DELIMITER_ROW = /^ *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$/;

/**
 * The table `text` holds: an SQL INSERT's column list; or, when its first line is a header, two or more
 * identifier-like names split by a tab, ";", "," or "|" (the one that occurs most) with a next line of at least
 * as many cells, or split by tabs and runs of spaces (`alignedTable`).
 */
export function textTable(text: string): TextTable | undefined {
  const insert = text.includes("ALUES") || text.includes("alues") ? SQL_INSERT.exec(text) : null;
  if (insert !== null) {
    const names = (insert[1] as string).split(",").map((name) => name.trim().replace(/^[`"[]|[`"\]]$/g, ""));
    return {
      names,
      delimiter: ",",
      bodyStart: insert.index + insert[0].length - 1,
      leadingDelimiter: false,
      sql: true,
    };
  }
  const end = text.indexOf("\n");
  if (end <= 0 || end > MAX_HEADER) return undefined;
  let header = text.slice(0, text[end - 1] === "\r" ? end - 1 : end);
  let delimiter = "";
  let most = 0;
  for (const d of ["\t", ";", ",", "|"]) {
    const count = header.split(d).length - 1;
    if (count > most) {
      most = count;
      delimiter = d;
    }
  }
  if (most === 0) return alignedTable(text, end, header);
  // "| id | ssn |": the outer pipes open and close the row, they split no cells.
  const leadingDelimiter = delimiter === "|" && header.trimStart().startsWith("|");
  if (leadingDelimiter) {
    header = header.trim().slice(1);
    if (header.endsWith("|")) header = header.slice(0, -1);
  }
  const names = splitCells(header, delimiter).map(unquote);
  if (!names.every(isColumnName)) return delimiter === "\t" ? alignedTable(text, end, header) : undefined;
  let bodyStart = end + 1;
  const afterRow = text.indexOf("\n", bodyStart);
  if (delimiter === "|" && afterRow > 0 && DELIMITER_ROW.test(lineAt(text, bodyStart))) bodyStart = afterRow + 1;
  let firstRow = lineAt(text, bodyStart);
  if (leadingDelimiter) firstRow = firstRow.trim().replace(/^\|/, "").replace(/\|$/, "");
  // At least as many cells as names: an unquoted cell may hold the delimiter ("July 19, 1962"); a tab seldom
  // stands in a cell, so a header and rows that split by tabs into different counts are a pasted spreadsheet's,
  // aligned with spaces too.
  const cells = splitCells(firstRow, delimiter).length;
  if (delimiter === "\t" && cells !== names.length) return alignedTable(text, end, header);
  if (cells < names.length) return undefined;
  return { names, delimiter, bodyStart, leadingDelimiter };
}

/**
 * A header of names split by tabs or runs of spaces ("Name   SIN    City"), and a first row split the same way
 * into as many cells ("columns") or into as many and more ("header").
 */
function alignedTable(text: string, end: number, header: string): TextTable | undefined {
  BLANK_GAP.lastIndex = 0;
  if (!BLANK_GAP.test(header.trim())) return undefined;
  const names = splitBlanks(header);
  if (names.length < 2 || !names.every(isColumnName)) return undefined;
  const bodyStart = end + 1;
  const cells = splitBlanks(lineAt(text, bodyStart)).length;
  if (cells < 2) return undefined;
  return cells === names.length
    ? { names, delimiter: "\t", bodyStart, leadingDelimiter: false, aligned: "columns" }
    : { names: [names.join(" ")], delimiter: "\t", bodyStart, leadingDelimiter: false, aligned: "header" };
}

/** The line starting at `start`, without its line break (a last line read up to a bound). */
function lineAt(text: string, start: number): string {
  const stop = text.indexOf("\n", start);
  const line = text.slice(start, stop < 0 ? Math.min(text.length, start + 4 * MAX_HEADER) : stop);
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/** The name of the column the character at `at` stands in, or undefined outside the table's rows. */
export function columnAt(table: TextTable, text: string, at: number): string | undefined {
  if (at < table.bodyStart) return undefined;
  if (table.sql) return sqlColumn(table, text, at);
  let lineStart = text.lastIndexOf("\n", at - 1) + 1;
  if (table.aligned === "header") return table.names[0];
  if (table.aligned === "columns")
    return table.names[text.slice(lineStart, at).trimStart().match(BLANK_GAP)?.length ?? 0];
  let column = 0;
  let quoted = false;
  if (table.leadingDelimiter) {
    while (lineStart < at && text[lineStart] === " ") lineStart++;
    if (text[lineStart] === "|") lineStart++;
  }
  for (let i = lineStart; i < at; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === table.delimiter && !quoted) column++;
  }
  return table.names[column];
}

/** A line's cells: split at the delimiter outside double quotes. */
function splitCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      cells.push(line.slice(from, i));
      from = i + 1;
    }
  }
  cells.push(line.slice(from));
  return cells;
}

const unquote = (cell: string): string => {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
};

/** The column of the value at `at` in an INSERT's tuples: commas outside quotes since the tuple's "(". */
function sqlColumn(table: TextTable, text: string, at: number): string | undefined {
  let column = 0;
  let quoted = false;
  for (let i = table.bodyStart; i < at; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === "(") column = 0;
    else if (c === ",") column++;
    else if (c === ")" || c === ";") column = -1;
  }
  return column < 0 ? undefined : table.names[column];
}
