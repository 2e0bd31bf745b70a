// Reading the HDF5 file format from raw bytes: a bounds-checked little-endian cursor (every integer of the format is
// little-endian: HDF5 File Format Specification v3, "Introduction"), and the file's raw reader with the sizes its
// superblock declares. Any read past what a structure holds is a damaged file, reported as ReaderError 'corrupt'.
import { ReaderError } from '../shared/reader-error.js';

/**
 * Synchronous read of `length` bytes at absolute file offset `offset`, through the same path HDF5 reads by (so remote
 * files work in every engine). May return fewer bytes at the end of the file; a failure of the source is thrown as is.
 */
export type RawRead = (offset: number, length: number) => Uint8Array;

/** The failure for bytes that cannot be what the format says. */
export function corrupt(message: string): ReaderError {
  return new ReaderError({ kind: 'corrupt', message });
}

/** The failure for valid bytes this reader does not interpret. */
export function unsupported(message: string): ReaderError {
  return new ReaderError({ kind: 'unsupported', message });
}

/** The open file as the format readers see it. */
export interface FormatFile {
  read: RawRead;
  /** Absolute offset that file addresses are relative to (the superblock's position). */
  base: number;
  offsetSize: number;
  lengthSize: number;
  /** File size in bytes (bounds every address). */
  size: number;
  /**
   * Told the [absolute offset, length] ranges about to be read one after another (the children of an index node),
   * so a remote engine can fetch them together instead of one round trip each. Optional; reads work without it.
   */
  prefetch?: (ranges: [number, number][]) => void;
}

/** Announce the blocks at file addresses `addresses` (relative to the base), each `length` bytes, clipped to the file. */
export function prefetchBlocks(file: FormatFile, blocks: { address: number; length: number }[]): void {
  if (!file.prefetch || blocks.length < 2) return;
  const ranges: [number, number][] = [];
  for (const { address, length } of blocks) {
    const start = file.base + address;
    if (start >= file.size || length <= 0) continue;
    ranges.push([start, Math.min(length, file.size - start)]);
  }
  if (ranges.length > 1) file.prefetch(ranges);
}

/** Read exactly `length` bytes at file address `address` (relative to the base), or fail as corrupt. */
export function readAt(file: FormatFile, address: number, length: number, what: string): Cursor {
  const start = file.base + address;
  if (!Number.isSafeInteger(start) || length < 0 || start + length > file.size) {
    throw corrupt(`the ${what} at address ${address} lies outside the file`);
  }
  const bytes = file.read(start, length);
  if (bytes.length < length) throw corrupt(`the ${what} at address ${address} is cut short`);
  return new Cursor(bytes, file.offsetSize, file.lengthSize, `${what} at address ${address}`);
}

/** A position in a block of format bytes. */
export class Cursor {
  private readonly view: DataView;
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly offsetSize: number,
    readonly lengthSize: number,
    readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  private need(n: number): number {
    if (n < 0 || this.pos + n > this.bytes.length) throw corrupt(`the ${this.what} ends before its fields do`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.need(1));
  }

  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }

  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }

  /** An unsigned integer of `n` bytes (1..8) as a safe Number. */
  uint(n: number): number {
    const value = this.bigUint(n);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw corrupt(`the ${this.what} holds a number too large to be real (${value})`);
    return Number(value);
  }

  /** An unsigned integer of `n` bytes (0..8). */
  bigUint(n: number): bigint {
    const at = this.need(n);
    let value = 0n;
    for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(this.bytes[at + i]!);
    return value;
  }

  /** A file address, or undefined for the "undefined address" (all bits set). */
  address(): number | undefined {
    const at = this.pos;
    const raw = this.bigUint(this.offsetSize);
    if (raw === (1n << BigInt(8 * this.offsetSize)) - 1n) return undefined;
    this.pos = at;
    return this.uint(this.offsetSize);
  }

  length(): number {
    return this.uint(this.lengthSize);
  }

  skip(n: number): void {
    this.need(n);
  }

  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }

  /** Check a 4-character signature such as "TREE" or "OHDR". */
  signature(expected: string): void {
    const got = String.fromCharCode(...this.take(4));
    if (got !== expected) throw corrupt(`the ${this.what} lacks its ${expected} signature`);
  }

  /** A sub-cursor over the next `n` bytes (the parent moves past them). */
  sub(n: number, what = this.what): Cursor {
    return new Cursor(this.take(n), this.offsetSize, this.lengthSize, what);
  }
}
