/**
 * `JSON.parse`'s messages quote the input ("Unexpected token 'N', "{"ssn":"123-45…" is not valid JSON"): the
 * input may hold personal data or secrets, so only where it failed is kept.
 */
export function jsonErrorMessage(error: unknown): string {
  const position = /position (\d+)/.exec((error as Error).message)?.[1];
  return position === undefined ? "not valid JSON" : `not valid JSON (at character ${Number(position) + 1})`;
}
