// The dandi-etag computed part by part while each part streams in. Its parts are independent MD5s, so when the
// download's ranged parts are exactly DANDI's parts, nothing waits for the in-order prefix and nothing is read back
// from disk (except bytes kept from an earlier run, digested once before their part resumes).
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { dandiPartLayout, partAt } from './dandi-etag.js';
import type { FileHasher } from './hash-worker.js';
import type { PartState } from './resume-state.js';

const READ_SIZE = 4 * 2 ** 20;

/** True when `parts` are DANDI's parts for a file of `size` bytes (so a partwise dandi-etag applies). */
export function partsMatchDandiLayout(parts: readonly PartState[], size: number): boolean {
  if (size === 0) return false;
  const layout = dandiPartLayout(size);
  return (
    parts.length === layout.count &&
    parts.every((part, index) => {
      const expected = partAt(layout, index);
      return part.start === expected.offset && part.end === expected.offset + expected.size - 1;
    })
  );
}

/** dandi-etag over parts fed independently (each in order within itself). */
export class PartwiseDandiEtag implements FileHasher {
  readonly #hashes = new Map<PartState, Hash>();

  constructor(readonly parts: readonly PartState[]) {
    for (const part of parts) this.#hashes.set(part, createHash('md5'));
  }

  /** Digest the bytes of `part` already on disk (from an interrupted run) before new ones arrive. */
  async prepare(handle: FileHandle): Promise<void> {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    for (const part of this.parts) {
      const hash = this.#hashes.get(part)!;
      for (let at = 0; at < part.done; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(READ_SIZE, part.done - at), part.start + at);
        if (bytesRead === 0) throw new Error('the partial file is shorter than its resume state says');
        hash.update(buffer.subarray(0, bytesRead));
        at += bytesRead;
      }
    }
  }

  /** Bytes of `part` that follow the ones fed so far. */
  update(part: PartState, chunks: readonly Buffer[]): void {
    const hash = this.#hashes.get(part);
    if (!hash) throw new Error('bytes for a part this digest does not know');
    for (const chunk of chunks) hash.update(chunk);
  }

  advance(): void {}

  async finish(): Promise<string> {
    const whole = createHash('md5');
    for (const part of this.parts) whole.update(this.#hashes.get(part)!.digest());
    return `${whole.digest('hex')}-${this.parts.length}`;
  }

  async close(): Promise<void> {}
}
