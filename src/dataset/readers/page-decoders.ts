/**
 * Page decompressors that write into a buffer the caller provides (a reused one: `page-buffers.ts`).
 *
 * The WebAssembly decoders (zstddec for zstd, 12× faster than fzstd; hysnappy for snappy) return each page as a
 * fresh copy of their memory: a 12 MB allocation per text page, which is what reusing buffers avoids. So the
 * libraries' own module instances are kept, and their exported entry points (the decoders' C API) are called
 * directly, copying the page from the module's memory into the caller's buffer. Where an instance cannot be
 * had, the library's own function runs and its copy is copied again: slower, never wrong.
 *
 * Better still, a row group's pages can stay in the module's memory (`region`), made large enough once for them
 * all, and be handed out as views: no copy, and no 12 MB buffer of ours beside the module's memory.
 *
 * gzip and brotli pages go to Node's zlib (native; it checks gzip's CRC-32).
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { snappyUncompress } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { snappyUncompressor } from "hysnappy";
import { ZSTDDecoder } from "zstddec";
import { type WasmInstance, type WasmMemory, webAssembly } from "../wasm-module.js";

/** Decompress `input` into `output`, which has exactly the page's uncompressed size; throws on a corrupt page. */
export type PageDecoder = (input: Uint8Array, output: Uint8Array) => void;

/**
 * A stretch of a decoder's own memory that holds one row group's pages: each page is decompressed there and
 * handed out as a view, valid until `release` (no copy, and no buffer of ours beside the decoder's memory).
 */
export interface PageRegion {
  /** The page, decompressed into the region; undefined when it does not fit (decode it into a buffer then). */
  page(input: Uint8Array, length: number): Uint8Array | undefined;
  release(): void;
}

/**
 * The decoder's memory moved while a region was lent, detaching the pages it had handed out: the row group
 * must be read again without a region.
 */
export class RegionMoved extends Error {
  constructor() {
    super("the decoder's memory moved under the pages it had handed out");
  }
}

/** Sizes a row group's pages need: its largest compressed page (at most) and all its pages decompressed. */
export interface RegionSizes {
  readonly input: number;
  readonly output: number;
}

/** Instances made while `load` runs (synchronously), found by wrapping WebAssembly's two constructors. */
function instancesMadeBy<T>(load: () => T): { result: T; instances: WasmInstance[] } {
  const instances: WasmInstance[] = [];
  const { Instance, instantiate } = webAssembly;
  try {
    webAssembly.Instance = new Proxy(Instance, {
      construct(target, args) {
        const instance = Reflect.construct(target, args) as WasmInstance;
        instances.push(instance);
        return instance;
      },
    });
    webAssembly.instantiate = (...args: unknown[]) =>
      instantiate.apply(webAssembly, args).then((source) => {
        instances.push(source instanceof Instance ? source : (source as { instance: WasmInstance }).instance);
        return source;
      });
  } catch {
    // A runtime whose WebAssembly cannot be wrapped: the libraries' own functions are used.
    return { result: load(), instances };
  }
  try {
    return { result: load(), instances };
  } finally {
    webAssembly.Instance = Instance;
    webAssembly.instantiate = instantiate;
  }
}

function memoryOf(instance: WasmInstance | undefined): WasmMemory | undefined {
  const memory = instance?.exports.memory;
  return memory instanceof webAssembly.Memory ? memory : undefined;
}

/** hysnappy's memory layout: the input goes at this offset, the output right after it. */
const SNAPPY_INPUT_AT = 68_000;
const WASM_PAGE = 64 * 1024;

const SNAPPY_ERRORS: Record<number, string> = {
  [-1]: "invalid snappy length header",
  [-2]: "missing eof marker",
  [-3]: "premature end of input",
};

/** The length a snappy stream's header claims (a little-endian base-128 varint), or -1 when it is malformed. */
function snappyLength(input: Uint8Array): number {
  let length = 0;
  for (let i = 0; i < 5 && i < input.length; i++) {
    const byte = input[i] as number;
    length += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return length;
  }
  return -1;
}

/** A decoder that can also lend a row group a region of its memory. */
export interface RegionDecoder {
  readonly into: PageDecoder;
  /**
   * A region for one row group's pages, or undefined when none can be had: another row group holds it (two
   * read at once in this thread), the memory cannot grow, or the library's instance is not reachable.
   */
  region(sizes: RegionSizes): PageRegion | undefined;
}

let snappy: RegionDecoder | undefined;

export function snappyPageDecoder(): RegionDecoder {
  snappy ??= (() => {
    const { result: fallback, instances } = instancesMadeBy(() => snappyUncompressor());
    const instance = instances[0];
    const memory = memoryOf(instance);
    const uncompress = instance?.exports.uncompress as ((...args: number[]) => number) | undefined;
    if (instances.length !== 1 || !memory || typeof uncompress !== "function") {
      return {
        into: (input, output) => output.set(fallback(input, output.length)),
        region: () => undefined,
      };
    }
    /** Decompress `input`, copied to the input area, to `outputAt`, checking the length its header claims. */
    const decode = (input: Uint8Array, outputAt: number, length: number): void => {
      const claimed = snappyLength(input);
      if (claimed !== length) throw new Error(SNAPPY_ERRORS[-1] as string);
      new Uint8Array(memory.buffer).set(input, SNAPPY_INPUT_AT);
      const code = uncompress(SNAPPY_INPUT_AT, input.length, outputAt);
      if (code !== 0) throw new Error(SNAPPY_ERRORS[code] ?? `snappy page cannot be decompressed (${code})`);
    };
    const grow = (end: number): void => {
      const have = memory.buffer.byteLength;
      if (have < end) memory.grow(Math.ceil((end - have) / WASM_PAGE));
    };
    // While a region is lent, the memory must neither grow (its views would be detached) nor be written
    // outside the region: other pages in this thread are then decoded in JavaScript, into their buffers.
    let lent = false;
    return {
      into(input, output) {
        if (lent) {
          snappyUncompress(input, output);
          return;
        }
        const outputAt = SNAPPY_INPUT_AT + input.length;
        grow(outputAt + output.length);
        decode(input, outputAt, output.length);
        output.set(new Uint8Array(memory.buffer, outputAt, output.length));
      },
      region(sizes) {
        if (lent) return undefined;
        const start = SNAPPY_INPUT_AT + sizes.input;
        const end = start + sizes.output;
        try {
          grow(end);
        } catch {
          return undefined; // past the module's maximum: the pages go to buffers
        }
        lent = true;
        let open = true;
        const buffer = memory.buffer;
        let next = start;
        return {
          page(input, length) {
            if (!open || input.length > sizes.input || next + length > end) return undefined;
            if (memory.buffer !== buffer) throw new RegionMoved();
            decode(input, next, length);
            const page = new Uint8Array(buffer, next, length);
            next += length;
            return page;
          },
          release() {
            if (open) lent = false;
            open = false;
          },
        };
      },
    };
  })();
  return snappy;
}

let zstd: Promise<RegionDecoder> | undefined;

interface ZstdExports {
  malloc(size: number): number;
  free(pointer: number): void;
  ZSTD_decompress(destination: number, capacity: number, source: number, size: number): number;
}

/** fzstd, pure JavaScript (12× slower): for pages decoded while a region of zstddec's memory is lent. */
const javascriptZstd = compressors.ZSTD as (input: Uint8Array, length: number) => Uint8Array;

/** zstd returns the bytes written, or an error code (a huge unsigned number, negative as an i32). */
function checkZstdWritten(written: number, length: number): void {
  if (written < 0) throw new Error(`a zstd page cannot be decompressed to its ${length} bytes`);
  if (written !== length) throw new Error(`a zstd page decompressed to ${written} bytes, not its ${length}`);
}

/** zstddec's module, instantiated once per thread (its memory starts at 16 MiB) and only when a page needs it. */
export function zstdPageDecoder(): Promise<RegionDecoder> {
  zstd ??= (async () => {
    const decoder = new ZSTDDecoder();
    // zstddec loads its bytes through fetch() where fetch exists; Node's fetch costs ≈ 10 MB a thread to load.
    // Without it, zstddec instantiates from a Buffer, synchronously started within init().
    const global = globalThis as { fetch?: unknown };
    const fetch = global.fetch;
    let hidden = false;
    try {
      global.fetch = undefined;
      hidden = true;
    } catch {
      // A runtime whose fetch cannot be hidden: zstddec then loads it, which costs memory, not correctness.
    }
    const { result: ready, instances } = instancesMadeBy(() => decoder.init());
    if (hidden) global.fetch = fetch;
    await ready;
    const instance = instances[0];
    const memory = memoryOf(instance);
    const api = instance?.exports as Partial<ZstdExports> | undefined;
    if (instances.length !== 1 || !memory || !api?.malloc || !api.free || !api.ZSTD_decompress) {
      return {
        into(input, output) {
          const page = decoder.decode(input, output.length);
          checkZstdWritten(page.length, output.length);
          output.set(page);
        },
        region: () => undefined,
      };
    }
    const { malloc, free, ZSTD_decompress: decompress } = api as ZstdExports;
    // While a region is lent, nothing may allocate in the module (growing its memory detaches the region's
    // views): other pages in this thread are then decoded by fzstd (JavaScript), into their buffers.
    let lent = false;
    return {
      into(input, output) {
        if (lent) {
          const page = javascriptZstd(input, output.length);
          checkZstdWritten(page.length, output.length);
          output.set(page);
          return;
        }
        const source = malloc(input.length);
        const destination = malloc(output.length);
        try {
          if (source === 0 || destination === 0) throw new Error("the zstd decoder is out of memory");
          new Uint8Array(memory.buffer).set(input, source); // malloc may have grown (and detached) the memory
          checkZstdWritten(decompress(destination, output.length, source, input.length), output.length);
          output.set(new Uint8Array(memory.buffer, destination, output.length));
        } finally {
          free(source);
          free(destination);
        }
      },
      region(sizes) {
        if (lent) return undefined;
        const source = malloc(sizes.input);
        const start = malloc(sizes.output);
        if (source === 0 || start === 0) {
          free(source);
          free(start);
          return undefined;
        }
        lent = true;
        let open = true;
        // zstd allocates its context in each call and frees it; the first call may grow the memory (before any
        // page is handed out), later ones reuse that space. Should the memory move anyway, the pages already
        // handed out are lost: `RegionMoved` says to read the row group again without a region.
        let buffer: ArrayBuffer | undefined;
        let next = start;
        const end = start + sizes.output;
        return {
          page(input, length) {
            if (!open || input.length > sizes.input || next + length > end) return undefined;
            if (buffer !== undefined && memory.buffer !== buffer) throw new RegionMoved();
            new Uint8Array(memory.buffer).set(input, source);
            const written = decompress(next, length, source, input.length);
            if (buffer !== undefined && memory.buffer !== buffer) throw new RegionMoved();
            checkZstdWritten(written, length);
            buffer = memory.buffer;
            const page = new Uint8Array(buffer, next, length);
            next += length;
            return page;
          },
          release() {
            if (!open) return;
            open = false;
            lent = false;
            free(source);
            free(start);
          },
        };
      },
    };
  })();
  return zstd;
}

/** hyparquet-compressors' inflate: for pages stored as raw deflate, without a gzip header (zlib wants one). */
const javascriptGzip = compressors.GZIP as (input: Uint8Array, length: number) => Uint8Array;

/** zlib's smallest output chunk. */
const ZLIB_MIN_CHUNK = 64;

type ZlibDecompress = (input: Uint8Array, options: { chunkSize: number; maxOutputLength: number }) => Buffer;

/** A page decompressed by one of Node's zlib codecs into a buffer of its own, never past `length` bytes. */
function zlibPage(codec: string, decompress: ZlibDecompress, input: Uint8Array, length: number): Uint8Array {
  let page: Buffer;
  try {
    // One output chunk of the page's size: zlib returns it as the page instead of joining pieces in a copy.
    page = decompress(input, { chunkSize: Math.max(ZLIB_MIN_CHUNK, length), maxOutputLength: Math.max(1, length) });
  } catch (error) {
    throw new Error(`a ${codec} page cannot be decompressed to its ${length} bytes (${(error as Error).message})`);
  }
  // A plain Uint8Array, as every other page is: the readers' element access stays monomorphic.
  return new Uint8Array(page.buffer, page.byteOffset, page.length);
}

/**
 * A gzip page, by Node's zlib: 4.7× faster than hyparquet-compressors' JavaScript inflate on a 12 MB text page,
 * and it checks the CRC-32 that one skips (a damaged page was read as other text, with no error). hyparquet
 * checks every page's length against its header.
 */
export function gzipPage(input: Uint8Array, length: number): Uint8Array {
  if (input[0] !== 0x1f || input[1] !== 0x8b) return javascriptGzip(input, length);
  return zlibPage("gzip", gunzipSync, input, length);
}

/** A brotli page, by Node's zlib: 6× faster than hyparquet-compressors' JavaScript decoder on a 12 MB text page. */
export function brotliPage(input: Uint8Array, length: number): Uint8Array {
  return zlibPage("brotli", brotliDecompressSync, input, length);
}
