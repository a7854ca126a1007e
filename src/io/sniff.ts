/**
 * What a file's first bytes say it is, whatever its name says. A pull request can name a gzip file `.csv` or
 * commit a UTF-16 export: read by its name, such a file gives zero rows (or garbage) and the dataset passes. The
 * magic numbers are the formats' own: gzip RFC 1952 §2.3.1, zstd RFC 8878 §3.1.1, Parquet's `PAR1`, bzip2 `BZh`,
 * xz's stream header, zip's local file header, 7z's signature, the LZ4 frame magic; byte-order marks per the
 * Unicode standard (§23.8).
 */

export type Sniffed =
  | { readonly kind: "text" }
  | { readonly kind: "gzip" | "zstd" | "parquet" }
  /** Not readable as it is, with the reason (an encoding or a container comply-gate does not read). */
  | { readonly kind: "refused"; readonly reason: string };

const MAGIC: readonly { readonly bytes: readonly number[]; readonly kind: "gzip" | "zstd" | "parquet" | string }[] = [
  { bytes: [0x1f, 0x8b], kind: "gzip" },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], kind: "zstd" },
  { bytes: [0x50, 0x41, 0x52, 0x31], kind: "parquet" },
  { bytes: [0x42, 0x5a, 0x68], kind: "bzip2-compressed data" },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: "xz-compressed data" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "a zip archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: "a 7z archive" },
  { bytes: [0x04, 0x22, 0x4d, 0x18], kind: "LZ4-compressed data" },
];

const BOMS: readonly { readonly bytes: readonly number[]; readonly name: string }[] = [
  // UTF-32 first: its little-endian mark starts with UTF-16's.
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: "UTF-32 LE" },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: "UTF-32 BE" },
  { bytes: [0xff, 0xfe], name: "UTF-16 LE" },
  { bytes: [0xfe, 0xff], name: "UTF-16 BE" },
];

const startsWith = (head: Uint8Array, bytes: readonly number[]): boolean =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/** What `head` (a file's first bytes, a few KiB) holds. `text` means: read it as UTF-8 text. */
export function sniff(head: Uint8Array): Sniffed {
  for (const { bytes, kind } of MAGIC) {
    if (!startsWith(head, bytes)) continue;
    if (kind === "gzip" || kind === "zstd" || kind === "parquet") return { kind };
    return { kind: "refused", reason: `the file holds ${kind}, whatever its name says: decompress it first` };
  }
  for (const { bytes, name } of BOMS) {
    if (startsWith(head, bytes)) {
      return {
        kind: "refused",
        reason: `the file is encoded as ${name} (byte-order mark): comply-gate reads UTF-8 text; convert it (e.g. iconv -f ${name.replace(" ", "")} -t UTF-8)`,
      };
    }
  }
  const nul = head.indexOf(0);
  if (nul !== -1) {
    let line = 1;
    for (let i = 0; i < nul; i++) if (head[i] === 0x0a) line++;
    return {
      kind: "refused",
      reason: `a NUL byte at line ${line} (byte ${nul + 1}): binary data, or UTF-16/32 text without a byte-order mark, not UTF-8 text`,
    };
  }
  return { kind: "text" };
}

/** How many leading bytes `sniff` looks at. */
export const SNIFF_BYTES = 4096;
