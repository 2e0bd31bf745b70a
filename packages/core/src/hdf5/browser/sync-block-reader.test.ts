import { describe, expect, it } from 'vitest';
import { SyncBlockReader, type SyncByteSource } from './sync-block-reader.js';

/** A synchronous source over bytes in memory that records every request. */
class MemorySource implements SyncByteSource {
  readonly location = 'memory://file';
  requests = 0;
  bytesFetched = 0;
  readonly log: [number, number][] = [];
  constructor(readonly bytes: Uint8Array) {}
  read(offset: number, length: number): Uint8Array {
    this.requests++;
    this.log.push([offset, length]);
    const out = this.bytes.slice(offset, Math.min(this.bytes.length, offset + length));
    this.bytesFetched += out.length;
    return out;
  }
}

const KIB = 1024;
const file = Uint8Array.from({ length: 1000 * KIB + 123 }, (_, i) => (i * 7 + (i >> 10)) & 0xff);

function readVia(reader: SyncBlockReader, position: number, length: number): Uint8Array {
  const heap = new Uint8Array(length + 16);
  const n = reader.readInto(heap, 8, length, position);
  return heap.subarray(8, 8 + n);
}

describe('SyncBlockReader', () => {
  it('returns the right bytes across blocks, at the end of the file and after eviction from a small cache', () => {
    const source = new MemorySource(file);
    const reader = new SyncBlockReader(source, file.length, {
      blockSize: 4 * KIB,
      cacheBytes: 16 * KIB,
      maxReadaheadBytes: 0,
    });
    for (const [position, length] of [
      [0, 100],
      [4000, 300],
      [50 * KIB, 9 * KIB],
      [file.length - 50, 200],
      [10, 20],
      [4000, 300],
    ] as const) {
      expect(readVia(reader, position, length)).toEqual(
        file.subarray(position, Math.min(file.length, position + length)),
      );
    }
    expect(readVia(reader, file.length + 5, 10).length).toBe(0);
  });

  it('fetches all missing blocks of one call in one request and serves repeats from the cache', () => {
    const source = new MemorySource(file);
    const reader = new SyncBlockReader(source, file.length, {
      blockSize: 4 * KIB,
      cacheBytes: 1024 * KIB,
      maxReadaheadBytes: 0,
    });
    readVia(reader, 5 * KIB, 20 * KIB);
    expect(source.log).toEqual([[4 * KIB, 24 * KIB]]);
    readVia(reader, 6 * KIB, 10 * KIB);
    expect(source.requests).toBe(1);
    expect(reader.stats()).toMatchObject({ requests: 1, cacheHits: 1, cacheMisses: 1 });
  });

  it('doubles readahead while misses are sequential and drops it after a jump', () => {
    const source = new MemorySource(file);
    const reader = new SyncBlockReader(source, file.length, {
      blockSize: 4 * KIB,
      cacheBytes: 1024 * KIB,
      maxReadaheadBytes: 16 * KIB,
    });
    let position = 0;
    for (let i = 0; i < 5; i++) {
      readVia(reader, position, 100);
      position = source.log.at(-1)![0] + source.log.at(-1)![1];
    }
    // 1 block, then 1+1, 1+2, 1+4, 1+4 (capped at 16 KiB of readahead).
    expect(source.log.map(([, length]) => length / (4 * KIB))).toEqual([1, 2, 3, 5, 5]);
    readVia(reader, 600 * KIB, 100);
    expect(source.log.at(-1)).toEqual([600 * KIB, 4 * KIB]);
  });

  it('fetches planned chunk ranges together on the first miss inside them', () => {
    const source = new MemorySource(file);
    const reader = new SyncBlockReader(source, file.length, {
      blockSize: 4 * KIB,
      cacheBytes: 1024 * KIB,
      maxReadaheadBytes: 0,
    });
    reader.plan([
      [200 * KIB, 10 * KIB],
      [210 * KIB, 10 * KIB],
      [230 * KIB, 10 * KIB], // a small gap is fetched through
      [900 * KIB, 10 * KIB], // far away: a request of its own
    ]);
    expect(readVia(reader, 200 * KIB, 10 * KIB)).toEqual(file.subarray(200 * KIB, 210 * KIB));
    expect(source.log).toEqual([[200 * KIB, 240 * KIB - 200 * KIB]]);
    readVia(reader, 210 * KIB, 10 * KIB);
    readVia(reader, 230 * KIB, 10 * KIB);
    expect(source.requests).toBe(1);
    reader.clearPlan();
    readVia(reader, 900 * KIB, 10 * KIB);
    expect(source.log.at(-1)).toEqual([900 * KIB, 12 * KIB]);
  });
});
