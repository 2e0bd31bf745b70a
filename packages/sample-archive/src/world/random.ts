// Seeded randomness for the sample world: the same seed gives the same world, byte for byte, on every machine.
import { createHash } from 'node:crypto';

/** A deterministic pseudo-random source (SplitMix32-style), so worlds are reproducible without Math.random. */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    // mulberry32: small, fast and well mixed; quality far beyond what synthetic names and sizes need.
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick() needs a non-empty list');
    return item;
  }

  /** `n` pseudo-random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const word = this.nextUint32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return out;
  }

  /** A random (version 4, RFC 9562 variant) UUID drawn from this source, so blob and asset ids are stable per seed. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/**
 * The bucket key of a DANDI blob: `blobs/<first 3 hex>/<next 3 hex>/<uuid>` (docs/ember-archive.md; dandi-archive
 * dandiapi/api/models/upload.py object_key).
 */
export function blobKey(blobId: string): string {
  return `blobs/${blobId.slice(0, 3)}/${blobId.slice(3, 6)}/${blobId}`;
}

/** A UUID (version 4 layout) derived from the seed and a label, so one item's id never shifts when others are added. */
export function stableUuid(seed: number, label: string): string {
  const b = createHash('sha256').update(`ember-sample-archive:${seed}:${label}`).digest();
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A 32-bit seed derived from the world seed and a label, for generators that take their own seed. */
export function stableSeed(seed: number, label: string): number {
  return createHash('sha256').update(`ember-sample-archive:${seed}:${label}`).digest().readUInt32LE(0);
}
