/**
 * HMAC-SHA256 (RFC 2104) over node:crypto's one-shot SHA-256, with the padded keys prepared once.
 *
 * Verifying a signed chain computes one HMAC per event; `createHmac` builds a new native object each time,
 * which costs more than the two hashes themselves. This computes H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)) in
 * reused buffers; a test checks it against `createHmac` for keys and messages of every size.
 */
import { hash } from "node:crypto";
import { type BinaryHash, writeBinary } from "./binary-hash.js";

const BLOCK = 64;

export class HmacSha256 {
  private inner: Buffer;
  private readonly outer = Buffer.alloc(BLOCK + 32);
  private readonly innerPad: Buffer;

  constructor(key: Buffer) {
    const block = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? hash("sha256", key, "buffer") : key).copy(block);
    this.innerPad = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK; i++) {
      this.innerPad[i] = (block[i] ?? 0) ^ 0x36;
      this.outer[i] = (block[i] ?? 0) ^ 0x5c;
    }
    this.inner = Buffer.alloc(BLOCK + 256);
    this.innerPad.copy(this.inner);
  }

  /** The 32-byte MAC of `message` (UTF-8), as a binary string (no Buffer allocated). */
  binary(message: string): BinaryHash {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; grow the reused buffer when a message could overflow it.
    if (BLOCK + message.length * 3 > this.inner.length) {
      this.inner = Buffer.alloc(BLOCK + message.length * 3);
      this.innerPad.copy(this.inner);
    }
    const length = this.inner.write(message, BLOCK, "utf8");
    writeBinary(this.outer, hash("sha256", this.inner.subarray(0, BLOCK + length), "binary"), BLOCK);
    return hash("sha256", this.outer, "binary");
  }

  /** The 32-byte MAC of `message` (UTF-8). The buffer is fresh: safe to keep. */
  digest(message: string): Buffer {
    return Buffer.from(this.binary(message), "latin1");
  }

  hex(message: string): string {
    return this.digest(message).toString("hex");
  }
}
