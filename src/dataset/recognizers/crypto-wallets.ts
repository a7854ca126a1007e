/**
 * Cryptocurrency wallet addresses, reported only when their own checksum holds: Bitcoin Base58Check (P2PKH,
 * P2SH; Bitcoin Core `base58.cpp`), Bitcoin SegWit bech32 / bech32m (BIP 173, BIP 350) and Ethereum EIP-55
 * mixed-case checksum (Keccak-256 of the lower-case hex address).
 */
import { createHash } from "node:crypto";

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** Base58 text to bytes, or undefined on a character outside the alphabet. */
function base58Decode(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (const c of text) {
    let carry = BASE58.indexOf(c);
    if (carry < 0) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] as number) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < text.length && text[i] === "1"; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

const sha256 = (data: Uint8Array): Buffer => createHash("sha256").update(data).digest();

/** Bitcoin P2PKH (version 0x00, "1…") and P2SH (0x05, "3…"): 25 bytes whose last 4 are the double SHA-256's first 4. */
export function base58CheckAddressValid(candidate: string): boolean {
  const bytes = base58Decode(candidate);
  if (bytes?.length !== 25 || (bytes[0] !== 0x00 && bytes[0] !== 0x05)) return false;
  const check = sha256(sha256(bytes.subarray(0, 21)));
  return check.subarray(0, 4).equals(bytes.subarray(21));
}

const BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i] as number;
  }
  return chk >>> 0;
}

/**
 * Bitcoin SegWit address (`bc1…`): bech32 for witness version 0 (constant 1), bech32m for versions 1–16
 * (constant 0x2bc830a3); one case only; program length 2–40 bytes, 20 or 32 for version 0.
 */
export function bech32AddressValid(candidate: string): boolean {
  if (candidate !== candidate.toLowerCase() && candidate !== candidate.toUpperCase()) return false;
  const text = candidate.toLowerCase();
  const sep = text.lastIndexOf("1");
  if (text.slice(0, sep) !== "bc" || text.length > 90 || text.length - sep - 1 < 7) return false;
  const data: number[] = [];
  for (const c of text.slice(sep + 1)) {
    const v = BECH32_CHARSET.indexOf(c);
    if (v < 0) return false;
    data.push(v);
  }
  const expanded = [...[..."bc"].map((c) => c.charCodeAt(0) >> 5), 0, ...[..."bc"].map((c) => c.charCodeAt(0) & 31)];
  const check = polymod([...expanded, ...data]);
  const version = data[0] as number;
  if (version > 16 || check !== (version === 0 ? 1 : 0x2bc830a3)) return false;
  const programBits = (data.length - 7) * 5;
  const programBytes = Math.floor(programBits / 8);
  if (programBits % 8 >= 5 || programBytes < 2 || programBytes > 40) return false;
  return version !== 0 || programBytes === 20 || programBytes === 32;
}

// Keccak-f[1600] (FIPS 202 permutation with the original Keccak padding, as Ethereum uses), on 32-bit halves.
const ROUND_CONSTANTS: readonly [number, number][] = [
  [0x00000001, 0x00000000],
  [0x00008082, 0x00000000],
  [0x0000808a, 0x80000000],
  [0x80008000, 0x80000000],
  [0x0000808b, 0x00000000],
  [0x80000001, 0x00000000],
  [0x80008081, 0x80000000],
  [0x00008009, 0x80000000],
  [0x0000008a, 0x00000000],
  [0x00000088, 0x00000000],
  [0x80008009, 0x00000000],
  [0x8000000a, 0x00000000],
  [0x8000808b, 0x00000000],
  [0x0000008b, 0x80000000],
  [0x00008089, 0x80000000],
  [0x00008003, 0x80000000],
  [0x00008002, 0x80000000],
  [0x00000080, 0x80000000],
  [0x0000800a, 0x00000000],
  [0x8000000a, 0x80000000],
  [0x80008081, 0x80000000],
  [0x00008080, 0x80000000],
  [0x80000001, 0x00000000],
  [0x80008008, 0x80000000],
];
const ROTATIONS = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

function keccakF(lo: Uint32Array, hi: Uint32Array): void {
  const cLo = new Uint32Array(5);
  const cHi = new Uint32Array(5);
  const bLo = new Uint32Array(25);
  const bHi = new Uint32Array(25);
  for (const [rcLo, rcHi] of ROUND_CONSTANTS) {
    for (let x = 0; x < 5; x++) {
      cLo[x] =
        (lo[x] as number) ^
        (lo[x + 5] as number) ^
        (lo[x + 10] as number) ^
        (lo[x + 15] as number) ^
        (lo[x + 20] as number);
      cHi[x] =
        (hi[x] as number) ^
        (hi[x + 5] as number) ^
        (hi[x + 10] as number) ^
        (hi[x + 15] as number) ^
        (hi[x + 20] as number);
    }
    for (let x = 0; x < 5; x++) {
      const l1 = cLo[(x + 1) % 5] as number;
      const h1 = cHi[(x + 1) % 5] as number;
      const dLo = (cLo[(x + 4) % 5] as number) ^ ((l1 << 1) | (h1 >>> 31));
      const dHi = (cHi[(x + 4) % 5] as number) ^ ((h1 << 1) | (l1 >>> 31));
      for (let y = 0; y < 25; y += 5) {
        lo[x + y] = (lo[x + y] as number) ^ dLo;
        hi[x + y] = (hi[x + y] as number) ^ dHi;
      }
    }
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        const i = x + 5 * y;
        const r = ROTATIONS[i] as number;
        const l = lo[i] as number;
        const h = hi[i] as number;
        let rl: number;
        let rh: number;
        if (r === 0) [rl, rh] = [l, h];
        else if (r < 32) [rl, rh] = [(l << r) | (h >>> (32 - r)), (h << r) | (l >>> (32 - r))];
        else if (r === 32) [rl, rh] = [h, l];
        else [rl, rh] = [(h << (r - 32)) | (l >>> (64 - r)), (l << (r - 32)) | (h >>> (64 - r))];
        const j = y + 5 * ((2 * x + 3 * y) % 5);
        bLo[j] = rl;
        bHi[j] = rh;
      }
    }
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        lo[x + y] = (bLo[x + y] as number) ^ (~(bLo[((x + 1) % 5) + y] as number) & (bLo[((x + 2) % 5) + y] as number));
        hi[x + y] = (bHi[x + y] as number) ^ (~(bHi[((x + 1) % 5) + y] as number) & (bHi[((x + 2) % 5) + y] as number));
      }
    }
    lo[0] = (lo[0] as number) ^ rcLo;
    hi[0] = (hi[0] as number) ^ rcHi;
  }
}

/** Keccak-256 of a short ASCII message (one 136-byte block: enough for a 40-character address). */
export function keccak256(message: string): Uint8Array {
  const block = new Uint8Array(136);
  for (let i = 0; i < message.length; i++) block[i] = message.charCodeAt(i);
  block[message.length] = 0x01;
  block[135] = (block[135] as number) | 0x80;
  const lo = new Uint32Array(25);
  const hi = new Uint32Array(25);
  const view = new DataView(block.buffer);
  for (let i = 0; i < 17; i++) {
    lo[i] = view.getUint32(i * 8, true);
    hi[i] = view.getUint32(i * 8 + 4, true);
  }
  keccakF(lo, hi);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) {
    outView.setUint32(i * 8, lo[i] as number, true);
    outView.setUint32(i * 8 + 4, hi[i] as number, true);
  }
  return out;
}

/**
 * Ethereum address `0x` + 40 hex digits. Mixed case carries the EIP-55 checksum: a letter is upper case exactly
 * when the matching nibble of Keccak-256(lower-case address) is ≥ 8. A single-case address has no checksum:
 * `checksummed` says which kind this is (the recognizer asks single-case ones for a context word).
 */
export function ethereumAddress(candidate: string): "checksummed" | "plain" | "invalid" {
  const hex = candidate.slice(2);
  if (!/^0x[0-9a-fA-F]{40}$/.test(candidate) || /^0+$/.test(hex)) return "invalid";
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return "plain";
  const hash = keccak256(hex.toLowerCase());
  for (let i = 0; i < 40; i++) {
    const c = hex[i] as string;
    if (c >= "0" && c <= "9") continue;
    const nibble = ((hash[i >> 1] as number) >> (i % 2 === 0 ? 4 : 0)) & 15;
    if (nibble >= 8 !== (c >= "A" && c <= "F")) return "invalid";
  }
  return "checksummed";
}
