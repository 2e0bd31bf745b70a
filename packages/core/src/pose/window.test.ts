import { describe, expect, it } from 'vitest';
import { alignedRowBlocks, pipelinedBlockRows } from './window.js';

describe('pipelined blocks', () => {
  it('sizes blocks as whole chunks, about the asked number of pieces, within the read limit', () => {
    expect(pipelinedBlockRows(108_000, 13_500, 116_508)).toBe(27_000);
    expect(pipelinedBlockRows(108_000, 13_500, 20_000)).toBe(13_500);
    expect(pipelinedBlockRows(100, 13_500, 116_508)).toBe(13_500);
    expect(pipelinedBlockRows(1000, undefined, 10_000)).toBe(250);
  });

  it('splits a window at multiples of the block size, covering it exactly once', () => {
    const blocks = [...alignedRowBlocks(5000, 60_000, 27_000)];
    expect(blocks).toEqual([
      [5000, 27_000],
      [27_000, 54_000],
      [54_000, 60_000],
    ]);
    expect([...alignedRowBlocks(7, 7, 10)]).toEqual([]);
  });
});
