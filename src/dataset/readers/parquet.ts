/**
 * Parquet with hyparquet + hyparquet-compressors: pure JavaScript, reads snappy, gzip, zstd, brotli, lz4 and
 * lz4_raw, dictionary and delta encodings, data pages v1 and v2, nested and list columns (parquetjs-lite
 * throws on brotli and zstd and on footer version 2; @dsnp/parquetjs lacks zstd and lz4:
 * specs/performance-notes.md). One unit is one row group, so memory is bounded by one row group's columns.
 * zstd pages go to zstddec (the reference C decoder in WebAssembly), 12× faster than the compressors' fzstd
 * on the benchmark's pages (130 vs 1,600 ms for 75 MB); gzip and brotli pages to Node's zlib.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import {
  type AsyncBuffer,
  type Compressors,
  type FileMetaData,
  parquetMetadata,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type RowGroup,
} from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { acquirePageBuffers, type PageBuffers, releasePageBuffers } from "./page-buffers.js";
import {
  brotliPage,
  gzipPage,
  type PageRegion,
  type RegionDecoder,
  RegionMoved,
  type RegionSizes,
  snappyPageDecoder,
  zstdPageDecoder,
} from "./page-decoders.js";
import { decodedValue, stringOrPending } from "./parquet-text.js";
import { DecimalText, emptyRow, type ReadOptions, type RowSink, rowKeysOf, type ScanUnit } from "./reader.js";

/** A page claiming more is refused before its buffer is allocated (the decoders' memory is 32-bit; no real page is near). */
const MAX_PAGE_BYTES = 1 << 30;

/** A row group's pages of one codec are decompressed in the decoder's memory when they need no more than this. */
const MAX_REGION_BYTES = 64 * 1024 * 1024;

/** What a row group's pages of `codec` need: its chunks' largest compressed size and their total decompressed size. */
function regionSizes(group: RowGroup, codec: "SNAPPY" | "ZSTD"): RegionSizes {
  let input = 0;
  let output = 0;
  for (const chunk of group.columns) {
    if (chunk.meta_data?.codec !== codec) continue;
    input = Math.max(input, Number(chunk.meta_data.total_compressed_size));
    output += Number(chunk.meta_data.total_uncompressed_size);
  }
  return { input, output };
}

/** Every decoder allocates the size a page's header claims: a page claiming too much is refused before that. */
function sizeChecked(decode: (input: Uint8Array, outputLength: number) => Uint8Array) {
  return (input: Uint8Array, outputLength: number): Uint8Array => {
    if (outputLength > MAX_PAGE_BYTES)
      throw new Error(`a page claims ${outputLength} bytes (more than ${MAX_PAGE_BYTES})`);
    return decode(input, outputLength);
  };
}

/**
 * hyparquet's decompressors for one row group. Snappy and zstd pages go into a region of their decoder's own
 * memory (added to `regions`, to release once the rows are folded) where `useRegions` and they fit, into
 * `buffers` otherwise. zstd's decoder is instantiated only for a row group that has zstd pages (its memory is
 * 16 MiB).
 */
async function pageCompressors(
  group: RowGroup | undefined,
  options: { buffers: PageBuffers; regions: PageRegion[]; useRegions: boolean },
): Promise<Compressors> {
  const { buffers, regions } = options;
  const decompressor = (decoder: RegionDecoder, codec: "SNAPPY" | "ZSTD") => {
    const sizes = group ? regionSizes(group, codec) : { input: 0, output: 0 };
    const region =
      options.useRegions && sizes.output > 0 && sizes.input + sizes.output <= MAX_REGION_BYTES
        ? decoder.region(sizes)
        : undefined;
    if (region) regions.push(region);
    return (input: Uint8Array, outputLength: number): Uint8Array => {
      const page = region?.page(input, outputLength);
      if (page) return page;
      const output = buffers.bytes(outputLength);
      decoder.into(input, output);
      return output;
    };
  };
  const zstdPages = group?.columns.some((chunk) => chunk.meta_data?.codec === "ZSTD") ?? false;
  const decoders: Compressors = {
    ...compressors,
    GZIP: gzipPage,
    BROTLI: brotliPage,
    SNAPPY: decompressor(snappyPageDecoder(), "SNAPPY"),
    ...(zstdPages ? { ZSTD: decompressor(await zstdPageDecoder(), "ZSTD") } : {}),
  };
  return Object.fromEntries(
    Object.entries(decoders).map(([codec, decode]) => [codec, sizeChecked(decode)]),
  ) as Compressors;
}

/** An open Parquet file as hyparquet reads it. */
interface OpenParquet {
  /** Reads into the row group's buffers when there are some (`withParquetFile`). */
  readonly file: AsyncBuffer;
  /** Reads into new buffers: for what outlives the row group (its footer). */
  readonly unpooled: AsyncBuffer;
}

/**
 * A Parquet file for hyparquet, read with positioned synchronous reads into buffers of the exact size asked
 * for (hyparquet's own reader streams 64 KiB chunks and concatenates them: two copies of every column chunk).
 */
function withParquetFile<T>(path: string, use: (open: OpenParquet) => Promise<T>, buffers?: PageBuffers): Promise<T> {
  const fd = openSync(path, "r");
  const byteLength = fstatSync(fd).size;
  const reader = (pool: PageBuffers | undefined): AsyncBuffer => ({
    byteLength,
    slice(start: number, end = byteLength): ArrayBuffer {
      if (!(start >= 0 && start <= end && end <= byteLength))
        throw new Error(`byte range ${start}..${end} lies outside the file's ${byteLength} bytes`);
      const length = Math.max(0, end - start);
      const bytes = new Uint8Array(pool ? pool.fileBuffer(length) : new ArrayBuffer(length));
      let filled = 0;
      while (filled < bytes.length) {
        const read = readSync(fd, bytes, filled, bytes.length - filled, start + filled);
        if (read === 0) throw new Error(`the file ends at byte ${start + filled}, before byte ${end}`);
        filled += read;
      }
      return bytes.buffer as ArrayBuffer;
    },
  });
  return use({ file: reader(buffers), unpooled: reader(undefined) }).finally(() => closeSync(fd));
}

export interface ParquetLayout {
  readonly rowGroups: readonly { readonly rowStart: number; readonly rowEnd: number }[];
}

/** Read a file's footer: the row groups to plan. Throws with a readable reason on a corrupt file. */
export async function parquetLayout(path: string): Promise<ParquetLayout> {
  let metadata: FileMetaData;
  try {
    metadata = await withParquetFile(path, ({ file }) => parquetMetadataAsync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw error;
    throw new Error(`not a readable Parquet file (${(error as Error).message})`);
  }
  const rowGroups: { rowStart: number; rowEnd: number }[] = [];
  let start = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0)
      throw new Error("not a readable Parquet file (row count out of range)");
    rowGroups.push({ rowStart: start, rowEnd: start + rows });
    start += rows;
  }
  return { rowGroups };
}

/**
 * The metadata with the DECIMAL annotation taken off top-level DECIMAL columns stored as INT32, INT64 or
 * FIXED_LEN_BYTE_ARRAY, and those columns' scales: hyparquet would turn their values into doubles (a
 * 20-digit DECIMAL(38,0) loses its last digits), so they are read unscaled and made exact by `decimalValue`.
 * (DECIMALs stored as BYTE_ARRAY, and those nested in lists or structs, are still hyparquet's doubles.)
 */
function withRawDecimals(metadata: FileMetaData): { metadata: FileMetaData; decimals: Map<string, number> } {
  const decimals = new Map<string, number>();
  const topLevel = new Set(parquetSchema(metadata).children.map((child) => child.element));
  const schema = metadata.schema.map((element) => {
    const decimal = element.converted_type === "DECIMAL" || element.logical_type?.type === "DECIMAL";
    const stored = element.type === "INT32" || element.type === "INT64" || element.type === "FIXED_LEN_BYTE_ARRAY";
    if (!decimal || !stored || !topLevel.has(element)) return element;
    decimals.set(element.name, element.scale ?? 0);
    const { converted_type: _converted, logical_type: _logical, ...raw } = element;
    return raw;
  });
  return decimals.size === 0 ? { metadata, decimals } : { metadata: { ...metadata, schema }, decimals };
}

/** Digits a double holds exactly whatever they are: a DECIMAL with fewer is a plain number. */
const EXACT_DIGITS = 10n ** 15n;

/**
 * A DECIMAL's exact value from its unscaled form (number, bigint, or big-endian two's-complement bytes): a
 * number where a double holds it exactly, else a bigint (scale 0) or its decimal text (`DecimalText`).
 */
export function decimalValue(raw: unknown, scale: number): unknown {
  let unscaled: bigint;
  if (typeof raw === "number") unscaled = BigInt(raw);
  else if (typeof raw === "bigint") unscaled = raw;
  else if (raw instanceof Uint8Array) {
    unscaled = 0n;
    for (const byte of raw) unscaled = (unscaled << 8n) | BigInt(byte);
    if (raw.length > 0 && (raw[0] as number) >= 0x80) unscaled -= 1n << BigInt(8 * raw.length);
  } else return raw;
  const negative = unscaled < 0n;
  const magnitude = negative ? -unscaled : unscaled;
  if (scale <= 0) {
    const whole = magnitude * 10n ** BigInt(-scale);
    const value = negative ? -whole : whole;
    return whole <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  const digits = magnitude.toString().padStart(scale + 1, "0");
  const text = `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return magnitude < EXACT_DIGITS ? Number(text) : new DecimalText(text);
}

/** One top-level column's decoded pages, in row order, each with the file-wide row of its first value. */
interface ColumnPages {
  readonly pages: { readonly rowStart: number; readonly values: ArrayLike<unknown> }[];
}

interface DecodedRowGroup {
  /** The top-level columns in schema order, as hyparquet's object rows have them. */
  readonly names: readonly string[];
  readonly columns: ReadonlyMap<string, ColumnPages>;
}

/** A file's footer as its row groups are read: the metadata, its DECIMAL columns' scales, its top-level columns. */
interface Footer {
  /** The footer's bytes (metadata, its length, "PAR1"): the same bytes are the same metadata, whatever the file. */
  readonly bytes: Uint8Array;
  readonly metadata: FileMetaData;
  readonly decimals: ReadonlyMap<string, number>;
  readonly names: readonly string[];
}

/**
 * The footer this thread parsed last. A lane reads many row groups of one file: parsing the footer for each
 * took 2 % of a Parquet scan's CPU, where reading and comparing its bytes costs a read.
 */
let lastFooter: Footer | undefined;

function footerFrom(parsed: FileMetaData, bytes: Uint8Array): Footer {
  const { metadata, decimals } = withRawDecimals(parsed);
  return { bytes, metadata, decimals, names: parquetSchema(metadata).children.map((child) => child.element.name) };
}

async function footerOf(open: OpenParquet): Promise<Footer> {
  const size = open.unpooled.byteLength;
  const length = size >= 8 ? new DataView(await open.unpooled.slice(size - 8)).getUint32(0, true) : size;
  // A footer that cannot be what it claims is left to hyparquet, which says why.
  if (length > size - 8) return footerFrom(await parquetMetadataAsync(open.unpooled), new Uint8Array(0));
  const bytes = new Uint8Array(await open.unpooled.slice(size - 8 - length));
  if (lastFooter === undefined || Buffer.compare(bytes, lastFooter.bytes) !== 0)
    lastFooter = footerFrom(parquetMetadata(bytes.buffer as ArrayBuffer), bytes);
  return lastFooter;
}

/** Decode one row group's pages (they arrive in whatever order their reads finish). */
async function decodeRowGroup(
  unit: ScanUnit,
  options: { buffers: PageBuffers; regions: PageRegion[]; useRegions: boolean },
): Promise<DecodedRowGroup> {
  let names: readonly string[] = [];
  const columns = new Map<string, ColumnPages>();
  await withParquetFile(
    unit.path,
    async (open) => {
      const { metadata, decimals, names: columnNames } = await footerOf(open);
      const file = open.file;
      const group = metadata.row_groups[unit.rowGroup ?? 0];
      names = columnNames;
      for (const name of names) columns.set(name, { pages: [] });
      await parquetRead({
        file,
        metadata,
        compressors: await pageCompressors(group, options),
        parsers: { stringFromBytes: stringOrPending },
        rowStart: unit.rowStart ?? 0,
        rowEnd: unit.rowEnd ?? unit.rowStart ?? 0,
        onChunk: ({ columnName, columnData, rowStart: pageStart }) => {
          const scale = decimals.get(columnName);
          const values = scale === undefined ? columnData : Array.from(columnData, (raw) => decimalValue(raw, scale));
          columns.get(columnName)?.pages.push({ rowStart: pageStart, values });
        },
      });
    },
    options.buffers,
  );
  return { names, columns };
}

/**
 * Read one row group and hand its rows over one at a time. The pages come from hyparquet's `onChunk` and are
 * transposed here, so no array of row objects (nor the flattened copy of each column hyparquet's object rows
 * are built from) lives beside the columns: each row object is garbage once folded.
 */
export async function readParquetUnit(unit: ScanUnit, sink: RowSink, _options: ReadOptions): Promise<void> {
  const rowStart = unit.rowStart ?? 0;
  const rowEnd = unit.rowEnd ?? rowStart;
  if (rowEnd <= rowStart) return;
  let delivered = 0;
  // The row group's file reads and pages: its values and deferred text view them until its rows are folded.
  const sets = [acquirePageBuffers()];
  const regions: PageRegion[] = [];
  try {
    let decoded: DecodedRowGroup;
    try {
      decoded = await decodeRowGroup(unit, { buffers: sets[0] as PageBuffers, regions, useRegions: true });
    } catch (error) {
      if (!(error instanceof RegionMoved)) throw error;
      // Pages handed out from a decoder's memory were detached: decode them all again, into buffers only (a
      // fresh set: the failed attempt's other columns may still be finishing into the first).
      for (const region of regions.splice(0)) region.release();
      const buffers = acquirePageBuffers();
      sets.push(buffers);
      decoded = await decodeRowGroup(unit, { buffers, regions, useRegions: false });
    }
    const { names, columns } = decoded;
    // Every row has the schema's columns as its keys.
    const keys = rowKeysOf(names);
    const known = keys ? { keys } : undefined;
    const cursors = names.map((name) => {
      const pages = (columns.get(name) as ColumnPages).pages.sort((a, b) => a.rowStart - b.rowStart);
      return { pages, page: 0 };
    });
    for (let row = rowStart; row < rowEnd && !sink.stopped; row++) {
      const values = emptyRow();
      let complete = true;
      for (let c = 0; c < names.length; c++) {
        const cursor = cursors[c] as (typeof cursors)[number];
        let page = cursor.pages[cursor.page];
        while (page && row >= page.rowStart + page.values.length) page = cursor.pages[++cursor.page];
        if (!page || row < page.rowStart) {
          complete = false;
          break;
        }
        const value = page.values[row - page.rowStart];
        values[names[c] as string] = typeof value === "object" && value !== null ? decodedValue(value) : value;
      }
      if (!complete) break;
      sink.row(values, -1, row, known);
      delivered++;
    }
  } catch (error) {
    sink.problem(
      "dataset.parse",
      "error",
      `row group ${unit.rowGroup} cannot be read (${(error as Error).message})`,
      -1,
      rowStart + delivered,
    );
    return;
  } finally {
    for (const region of regions) region.release();
    for (const buffers of sets) releasePageBuffers(buffers);
  }
  if (delivered !== rowEnd - rowStart && !sink.stopped) {
    sink.problem(
      "dataset.parse",
      "error",
      `row group ${unit.rowGroup} yielded ${delivered} of ${rowEnd - rowStart} rows`,
      -1,
      rowStart + delivered,
    );
  }
}
