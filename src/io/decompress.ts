/**
 * Compressed text files (`train.jsonl.gz`, `data.csv.zst`: how dataset producers ship text) read as a stream of
 * their decompressed bytes, in bounded memory. gzip (concatenated members too) comes from Node's zlib on every
 * supported Node; zstd from zlib where Node has it (22.15 and later, so on GitHub's Node 24 runners). Other
 * compressions are named, so a caller can refuse such a file instead of skipping it.
 */
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import * as zlib from "node:zlib";

export type Compression = "gzip" | "zstd";

/** File endings of compressions that are read, and of those that are recognised but not read. */
export const READ_COMPRESSIONS: Readonly<Record<string, Compression>> = { ".gz": "gzip", ".zst": "zstd" };
export const UNREAD_COMPRESSIONS = [".bz2", ".xz", ".lz4", ".zip", ".7z"] as const;

/** zlib with zstd (Node 22.15 and later; the Node 20 types the project builds with do not declare it). */
type ZstdZlib = { createZstdDecompress?: (options: zlib.ZlibOptions) => zlib.Gunzip };

/**
 * Compressed bytes per file read, and decompressed bytes per output chunk. Each chunk is a new buffer outside
 * V8's heap: a read buffer that lives until zlib has consumed it outlives the young generation, and such
 * buffers then wait for a full collection. With 128 KiB reads, 8 gzip JSONL files of the benchmark's 1M rows
 * peaked at 186–195 MB (with 1 MiB reads: 254–286 MB) in 12.6–13.2 s.
 */
const READ_BYTES = 128 * 1024;
const CHUNK_BYTES = 256 * 1024;

/** Why files of `compression` cannot be read on this Node, or undefined when they can. */
export function compressionUnavailable(compression: Compression): string | undefined {
  if (compression === "zstd" && typeof (zlib as ZstdZlib).createZstdDecompress !== "function")
    return `reading zstd needs Node 22.15 or later (this is Node ${process.versions.node})`;
  return undefined;
}

/** The stream of a file's decompressed bytes. */
export function decompressedStream(path: string, compression: Compression): Readable {
  const unavailable = compressionUnavailable(compression);
  if (unavailable) throw new Error(unavailable);
  const options = { chunkSize: CHUNK_BYTES };
  const decompressor =
    compression === "gzip"
      ? zlib.createGunzip(options)
      : (zlib as unknown as Required<ZstdZlib>).createZstdDecompress(options);
  const file = createReadStream(path, { highWaterMark: READ_BYTES });
  // A read error (the file vanished) ends the decompressed stream with that error.
  file.on("error", (error) => decompressor.destroy(error));
  return file.pipe(decompressor);
}

/**
 * The message for a stream that cannot be decompressed: zlib's reason and code ("unexpected end of file
 * (Z_BUF_ERROR)" for a cut-off file), fixed texts that quote no data.
 */
export function decompressionFailure(compression: Compression, error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return `the ${compression} data cannot be decompressed: ${code ? `${message} (${code})` : message}`;
}

/**
 * A compressed file's size limit counts its decompressed bytes: `limits.maxFileBytes`, and at most
 * `limits.maxDecompressionRatio` times its compressed size, so a small bomb stops at once instead of holding the
 * runner until the time budget runs out.
 */
export function decompressedLimitFailure(maxBytes: number): string {
  return `the file decompresses to more than ${maxBytes} bytes (limits.maxFileBytes, limits.maxDecompressionRatio)`;
}

/** The decompressed bytes a compressed file of `size` bytes may give (never less than 1 MiB: tiny files). */
export function decompressedByteLimit(options: { size: number; maxFileBytes?: number | undefined; ratio: number }) {
  return Math.min(options.maxFileBytes ?? Number.POSITIVE_INFINITY, Math.max(options.ratio * options.size, 1 << 20));
}

/**
 * Sequential reads of a file's decompressed bytes into a caller's buffer (the shape of a positioned file read,
 * so line and JSON readers take either). A stream that cannot be decompressed throws `decompressionFailure`,
 * one that decompresses past `maxBytes` throws `decompressedLimitFailure`.
 */
export class DecompressedBytes {
  private readonly chunks: AsyncIterator<Buffer>;
  private readonly stream: Readable;
  private readonly compression: Compression;
  private readonly maxBytes: number;
  private chunk: Buffer | undefined;
  private at = 0;
  private total = 0;

  constructor(path: string, compression: Compression, options: { maxBytes?: number | undefined } = {}) {
    this.compression = compression;
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.stream = decompressedStream(path, compression);
    this.chunks = this.stream[Symbol.asyncIterator]();
  }

  /** Fill `buffer[offset, offset + length)` as far as the data goes; 0 at the end. */
  async read(buffer: Uint8Array, offset: number, length: number): Promise<number> {
    let filled = 0;
    while (filled < length) {
      if (this.chunk === undefined || this.at === this.chunk.length) {
        if (filled > 0) break; // hand over what is here before waiting for more
        let next: IteratorResult<Buffer>;
        try {
          next = await this.chunks.next();
        } catch (error) {
          throw new Error(decompressionFailure(this.compression, error));
        }
        if (next.done) break;
        this.chunk = next.value;
        this.at = 0;
        continue;
      }
      // The bytes up to the limit are handed over; the read after them fails.
      if (this.total === this.maxBytes) {
        if (filled > 0) break;
        throw new Error(decompressedLimitFailure(this.maxBytes));
      }
      const n = Math.min(length - filled, this.chunk.length - this.at, this.maxBytes - this.total);
      buffer.set(this.chunk.subarray(this.at, this.at + n), offset + filled);
      this.at += n;
      this.total += n;
      filled += n;
    }
    return filled;
  }

  close(): void {
    this.stream.destroy();
  }
}
