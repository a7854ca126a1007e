/**
 * Text as a URL or a form body encodes it, decoded for the recognizers: `%XX` escapes (RFC 3986 §2.1, UTF-8
 * octets) anywhere, and "+" for a space inside query and form values (`application/x-www-form-urlencoded`,
 * WHATWG URL standard §5). "email=jan%40outlook.com", "nhs_number=474+349+5520", "phone=%2B55%2051%205713-8789"
 * hold an address, an NHS number and a phone number as plainly as the decoded text does.
 */

/** The decoded text, and where each of its characters starts in the encoded one. */
export interface DecodedText {
  readonly text: string;
  /** `origin[i]` is the offset in the encoded text of decoded character `i`; `origin[text.length]` its end. */
  readonly origin: Int32Array;
}

const ESCAPE = /%[0-9A-Fa-f]{2}/;
/** A query's or a form's `key=value`: the value runs to the next "&", ";", "#", white space, quote or bracket. */
const QUERY_VALUE = /(?:^|[?&;\s"'(])[\w.[\]%-]{1,64}=([^&;#\s"'<>()]*)/g;

/** Whether `text` holds anything `decodeUrlText` would change (a cheap test before it). */
export function mayBeUrlEncoded(text: string): boolean {
  return (text.includes("%") && ESCAPE.test(text)) || (text.includes("+") && text.includes("="));
}

/**
 * `text` with its URL escapes decoded, or undefined when nothing was. A run of escapes that is not valid UTF-8
 * stays as written. In a value, "+" is a space unless the value holds an "@" (an address written unencoded keeps
 * its "+": "jan+shop@gmail.com") or the "+" opens it before a digit (a phone's country code: "mobile=+39+380…").
 */
export function decodeUrlText(text: string): DecodedText | undefined {
  const plusIsSpace = new Uint8Array(text.length);
  let pluses = 0;
  if (text.includes("+")) {
    QUERY_VALUE.lastIndex = 0;
    for (let m = QUERY_VALUE.exec(text); m !== null; m = QUERY_VALUE.exec(text)) {
      const value = m[1] as string;
      if (value === "" || value.includes("@") || value.includes("%40")) continue;
      const from = m.index + m[0].length - value.length;
      for (let i = 0; i < value.length; i++) {
        if (value[i] !== "+" || (i === 0 && isDigit(value.charCodeAt(1)))) continue;
        plusIsSpace[from + i] = 1;
        pluses++;
      }
    }
  }
  if (pluses === 0 && !ESCAPE.test(text)) return undefined;
  let out = "";
  const origin: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "%" && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      // A run of escapes decodes together: a character beyond ASCII is several octets.
      let end = i;
      while (text[end] === "%" && isHex(text.charCodeAt(end + 1)) && isHex(text.charCodeAt(end + 2))) end += 3;
      const decoded = decodeRun(text.slice(i, end));
      if (decoded === undefined) {
        for (; i < end; i++) {
          out += text[i];
          origin.push(i);
        }
        continue;
      }
      // Each decoded character starts where its first octet's escape does.
      let at = i;
      for (const char of decoded) {
        out += char;
        for (let k = 0; k < char.length; k++) origin.push(at);
        at += 3 * utf8Length(char.codePointAt(0) as number);
      }
      i = end;
      continue;
    }
    out += plusIsSpace[i] === 1 ? " " : text[i];
    origin.push(i);
    i++;
  }
  origin.push(text.length);
  return { text: out, origin: Int32Array.from(origin) };
}

function decodeRun(escapes: string): string | undefined {
  try {
    return decodeURIComponent(escapes);
  } catch {
    return undefined;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const utf8Length = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
