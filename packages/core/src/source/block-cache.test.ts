import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlockCache, CachedSource } from './block-cache.js';
import { FileSource } from './file-source.js';

const dir = mkdtempSync(join(tmpdir(), 'ember-cache-'));
const path = join(dir, 'pattern.bin');
const SIZE = 1_000_000;
const bytes = Uint8Array.from({ length: SIZE }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
writeFileSync(path, bytes);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cached(options: { blockSize?: number; maxBytes?: number; maxReadaheadBytes?: number } = {}): CachedSource {
  return new CachedSource(new FileSource(path), {
    cache: new BlockCache({ blockSize: options.blockSize ?? 1024, maxBytes: options.maxBytes ?? 1 << 20 }),
    maxReadaheadBytes: options.maxReadaheadBytes ?? 0,
  });
}

describe('CachedSource', () => {
  it('returns exactly the bytes asked for, across block edges and at the end of the file', async () => {
    const source = cached();
    for (const [offset, length] of [
      [0, 10],
      [1000, 100],
      [5000, 5000],
      [SIZE - 10, 100],
      [SIZE, 5],
    ] as const) {
      expect(await source.read(offset, length)).toEqual(bytes.subarray(offset, Math.min(SIZE, offset + length)));
    }
    await source.close();
  });

  it('serves repeated reads from the cache and merges adjacent missing blocks into one request', async () => {
    const source = cached();
    await source.read(0, 10 * 1024); // ten missing blocks, one request
    expect(source.stats().requests).toBe(1);
    await source.read(100, 50);
    await source.read(9000, 500);
    expect(source.stats().requests).toBe(1);
    expect(source.stats().cacheHits).toBeGreaterThanOrEqual(2);
    // Blocks 20 and 22 missing, 21 cached: two runs, two requests.
    await source.read(21 * 1024, 10);
    const before = source.stats().requests;
    await source.read(20 * 1024, 3 * 1024);
    expect(source.stats().requests - before).toBe(2);
    await source.close();
  });

  it('evicts the least recently used blocks beyond the byte budget', async () => {
    const cache = new BlockCache({ blockSize: 1024, maxBytes: 4 * 1024 });
    const source = new CachedSource(new FileSource(path), { cache, maxReadaheadBytes: 0 });
    for (let block = 0; block < 8; block++) await source.read(block * 1024, 1);
    expect(cache.size).toBe(4 * 1024);
    const before = source.stats().requests;
    await source.read(7 * 1024, 1); // still cached
    expect(source.stats().requests).toBe(before);
    await source.read(0, 1); // evicted
    expect(source.stats().requests).toBe(before + 1);
    await source.close();
    expect(cache.size).toBe(0);
  });

  it('reads further and further ahead while access is sequential', async () => {
    const plain = cached();
    const ahead = cached({ maxReadaheadBytes: 64 * 1024 });
    for (let offset = 0; offset < 200 * 1024; offset += 1024) {
      await plain.read(offset, 1024);
      expect(await ahead.read(offset, 1024)).toEqual(bytes.subarray(offset, offset + 1024));
    }
    expect(plain.stats().requests).toBe(200);
    expect(ahead.stats().requests).toBeLessThan(12);
    // A jump elsewhere starts over without readahead.
    const before = ahead.stats();
    await ahead.read(800_000, 10);
    expect(ahead.stats().bytesFetched - before.bytesFetched).toBe(1024);
    await plain.close();
    await ahead.close();
  });

  it('shares one fetch between concurrent readers of the same block', async () => {
    const source = cached();
    const reads = await Promise.all(Array.from({ length: 5 }, () => source.read(50_000, 100)));
    for (const read of reads) expect(read).toEqual(bytes.subarray(50_000, 50_100));
    expect(source.stats().requests).toBe(1);
    await source.close();
  });
});

describe('CachedSource.prefetch', () => {
  it('fetches announced ranges ahead, merged into runs, so later reads cost no request', async () => {
    const source = cached();
    source.prefetch([
      [10_000, 3000],
      [13_000, 2000],
      [500_000, 100],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = source.stats().requests;
    expect(before).toBe(2);
    expect(await source.read(10_500, 4000)).toEqual(bytes.subarray(10_500, 14_500));
    expect(await source.read(500_010, 50)).toEqual(bytes.subarray(500_010, 500_060));
    expect(source.stats().requests).toBe(before);
    await source.close();
  });
});
