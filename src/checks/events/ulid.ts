/** ULIDs as spanforge validates them (specs/spanforge.md §a.2): 26 Crockford base-32 characters, any case. */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** spanforge's `ulid.validate`: length 26, upper-cased only Crockford characters, 48-bit time part. */
export function isValidUlid(id: string): boolean {
  if (id.length !== 26) return false;
  const upper = id.toUpperCase();
  for (const c of upper) if (!CROCKFORD.includes(c)) return false;
  return upper.charCodeAt(0) - 0x30 <= 7; // first character 0–7: the time fits in 48 bits
}

/** The millisecond timestamp a valid ULID carries. */
export function ulidTimeMs(id: string): number {
  let ms = 0;
  for (const c of id.slice(0, 10).toUpperCase()) ms = ms * 32 + CROCKFORD.indexOf(c);
  return ms;
}
