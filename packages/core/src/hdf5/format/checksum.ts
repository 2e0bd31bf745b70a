// The checksum of version-2 metadata (object headers v2, fixed/extensible arrays, v2 B-trees): Bob Jenkins' lookup3
// hashlittle with initial value 0, as HDF5's H5checksum.c H5_checksum_lookup3 computes it (HDF5 File Format
// Specification v3, "Checksums"). A mismatch means damaged bytes, which must not be read as if they were metadata.
import { corrupt, readAt, type Cursor, type FormatFile } from './file-bytes.js';

const rot = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** lookup3 of `bytes` (a 32-bit unsigned value). */
export function lookup3(bytes: Uint8Array, initval = 0): number {
  let length = bytes.length;
  let a = (0xdeadbeef + length + initval) | 0;
  let b = a;
  let c = a;
  let i = 0;
  const word = (at: number): number =>
    bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
  while (length > 12) {
    a = (a + word(i)) | 0;
    b = (b + word(i + 4)) | 0;
    c = (c + word(i + 8)) | 0;
    a = (a - c) | 0;
    a ^= rot(c, 4);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= rot(a, 6);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= rot(b, 8);
    b = (b + a) | 0;
    a = (a - c) | 0;
    a ^= rot(c, 16);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= rot(a, 19);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= rot(b, 4);
    b = (b + a) | 0;
    length -= 12;
    i += 12;
  }
  if (length === 0) return c >>> 0;
  // The tail, zero-padded: bytes 0-3 go to a, 4-7 to b, 8-11 to c.
  const tail = [0, 0, 0];
  for (let j = 0; j < length; j++) tail[j >> 2]! += bytes[i + j]! << (8 * (j & 3));
  a = (a + tail[0]!) | 0;
  b = (b + tail[1]!) | 0;
  c = (c + tail[2]!) | 0;
  c ^= b;
  c = (c - rot(b, 14)) | 0;
  a ^= c;
  a = (a - rot(c, 11)) | 0;
  b ^= a;
  b = (b - rot(a, 25)) | 0;
  c ^= b;
  c = (c - rot(b, 16)) | 0;
  a ^= c;
  a = (a - rot(c, 4)) | 0;
  b ^= a;
  b = (b - rot(a, 14)) | 0;
  c ^= b;
  c = (c - rot(b, 24)) | 0;
  return c >>> 0;
}

/** Check that the last 4 bytes of `block` are the lookup3 of the bytes before them. */
export function verifyChecksum(block: Cursor): void {
  const bytes = block.bytes;
  if (bytes.length < 4) throw corrupt(`the ${block.what} is too short to hold its checksum`);
  const stored = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
  if (lookup3(bytes.subarray(0, bytes.length - 4)) !== stored) throw corrupt(`the ${block.what} fails its checksum`);
}

/** `length` bytes at `address` whose last 4 are their lookup3 checksum, and which start with `signature` when given. */
export function readChecked(
  file: FormatFile,
  address: number,
  length: number,
  what: string,
  signature?: string,
): Cursor {
  const block = readAt(file, address, length, what);
  verifyChecksum(block);
  if (signature !== undefined) block.signature(signature);
  return block;
}
