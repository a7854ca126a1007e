import { describe, expect, it } from "vitest";
import { decodeUrlText, mayBeUrlEncoded } from "./url-encoding.js";

/** The encoded text each decoded span `[start, end)` came from. */
const encodedOf = (text: string, start: number, end: number): string => {
  const decoded = decodeUrlText(text);
  if (decoded === undefined) throw new Error("nothing decoded");
  return text.slice(decoded.origin[start], decoded.origin[end]);
};

describe("URL-encoded text", () => {
  it("decodes %XX escapes anywhere and '+' as a space inside query values", () => {
    const text = "GET /signup?email=jan%40outlook.com&nhs=943+476+5919 HTTP/1.1";
    expect(decodeUrlText(text)?.text).toBe("GET /signup?email=jan@outlook.com&nhs=943 476 5919 HTTP/1.1");
  });

  it("maps every decoded character back to the escape it came from, multi-octet characters included", () => {
    const text = "name=J%C3%B6rg%20M%C3%BCller&x=1";
    const decoded = decodeUrlText(text);
    expect(decoded?.text).toBe("name=Jörg Müller&x=1");
    const at = decoded?.text.indexOf("Jörg") as number;
    expect(encodedOf(text, at, at + "Jörg Müller".length)).toBe("J%C3%B6rg%20M%C3%BCller");
  });

  it("keeps a '+' that opens a number (a country code) and every '+' of a value holding an address", () => {
    expect(decodeUrlText("mobile=+39+380+180+4926")?.text).toBe("mobile=+39 380 180 4926");
    expect(decodeUrlText("a=1+2&email=jan+shop@gmail.com")?.text).toBe("a=1 2&email=jan+shop@gmail.com");
  });

  it("leaves escapes that are not UTF-8 as written, and text with nothing to decode alone", () => {
    expect(decodeUrlText("q=%FF%FE&r=%41")?.text).toBe("q=%FF%FE&r=A");
    expect(decodeUrlText("50% off, 3+4=7 in prose")).toBeUndefined();
    expect(mayBeUrlEncoded("plain words and 12 numbers")).toBe(false);
  });
});
