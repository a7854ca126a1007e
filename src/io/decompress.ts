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
type ZstdZlib = { createZstdDecompress?: () => zlib.Gunzip };

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
  const decompressor =
    compression === "gzip" ? zlib.createGunzip() : ((zlib as ZstdZlib).createZstdDecompress as () => zlib.Gunzip)();
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
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

/** A compressed file's size limit (`limits.maxFileBytes`) counts its decompressed bytes: a small bomb is refused. */
export function decompressedLimitFailure(maxBytes: number): string {
  return `the file decompresses to more than ${maxBytes} bytes (limits.maxFileBytes)`;
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

  constructor(path: string, compression: Compression, options: { maxBytes?: number } = {}) {
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
        this.total += next.value.length;
        if (this.total > this.maxBytes) throw new Error(decompressedLimitFailure(this.maxBytes));
        continue;
      }
      const n = Math.min(length - filled, this.chunk.length - this.at);
      buffer.set(this.chunk.subarray(this.at, this.at + n), offset + filled);
      this.at += n;
      filled += n;
    }
    return filled;
  }

  close(): void {
    this.stream.destroy();
  }
}
