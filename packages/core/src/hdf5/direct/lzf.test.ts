import { describe, expect, it } from 'vitest';
import { LzfError, lzfDecompress } from './lzf.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('lzfDecompress', () => {
  it('copies literal runs and expands overlapping back-references, short and long', () => {
    // "abc", then 9 bytes from 3 back (length 7 + extra 0 + 2): the reference overlaps what it writes.
    expect(lzfDecompress(Uint8Array.from([2, 97, 98, 99, 0xe0, 0, 2]), 12)).toEqual(text('abcabcabcabc'));
    // "xy", then 3 bytes from 2 back (length 1 + 2, distance 1 + 1).
    expect(lzfDecompress(Uint8Array.from([1, 120, 121, 0x20, 1]), 5)).toEqual(text('xyxyx'));
    // A long run: 265 zeros as one literal zero and a reference of 7 + 255 + 2 = 264.
    expect(lzfDecompress(Uint8Array.from([0, 0, 0xe0, 255, 0]), 265)).toEqual(new Uint8Array(265));
  });

  it.each([
    ['a literal run past the end', [5, 1, 2], 6, /past the end/],
    ['a reference before the start', [0, 1, 0x20, 5], 4, /before the start/],
    ['a reference cut short', [0, 1, 0xe0], 10, /cut short/],
    ['more bytes than the chunk holds', [2, 97, 98, 99], 2, /more than 2/],
    ['fewer bytes than the chunk holds', [2, 97, 98, 99], 5, /3 bytes where 5/],
  ])('refuses %s', (_name, bytes, size, message) => {
    expect(() => lzfDecompress(Uint8Array.from(bytes), size)).toThrow(LzfError);
    expect(() => lzfDecompress(Uint8Array.from(bytes), size)).toThrow(message);
  });
});
