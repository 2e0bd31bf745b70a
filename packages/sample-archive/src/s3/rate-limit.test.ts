import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseRate, throttled, TokenBucket } from './rate-limit.js';

describe('parseRate', () => {
  it.each([
    ['1gbit', 125_000_000],
    ['100mbit', 12_500_000],
    ['2.5Gbit', 312_500_000],
    ['250kbit/s', 31_250],
  ])('%s is %d bytes per second', (text, bytes) => expect(parseRate(text)).toBe(bytes));

  it.each(['', 'fast', '1gb', '-1gbit', '0mbit', '1000bit'])('refuses %j', (text) => {
    expect(() => parseRate(text)).toThrow(/bits per second/);
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then spaces bytes at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, { burstBytes: 100, now: () => now });
    expect(bucket.reserve(100)).toBe(0);
    expect(bucket.reserve(50)).toBe(50); // 50 bytes of debt at 1000 B/s
    now = 50;
    expect(bucket.reserve(100)).toBe(100);
    now = 10_000;
    expect(bucket.reserve(100)).toBe(0); // refilled, but never past one burst
    expect(bucket.reserve(1)).toBe(1);
  });
});

describe('throttled', () => {
  it('delivers every byte in order, no faster than the rate', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
    const started = performance.now();
    const chunks: Buffer[] = [];
    // 2 MB/s with a 16 KiB burst: 300 kB take at least ~140 ms.
    for await (const chunk of Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]).pipe(
      throttled(new TokenBucket(2e6)),
    )) {
      chunks.push(chunk as Buffer);
    }
    const elapsed = performance.now() - started;
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(elapsed).toBeGreaterThan(130);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(40_000);
  });
});
