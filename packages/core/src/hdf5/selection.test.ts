import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { extractFromBlock, parseSliceText, resolveSelection } from './selection.js';
import type { Slice } from './types.js';

const END = Number.MAX_SAFE_INTEGER;

describe('parseSliceText', () => {
  it.each<[string, Slice[]]>([
    ['', []],
    ['0:10,:,1', [[0, 10], null, 1]],
    [':5', [[0, 5]]],
    ['5:', [[5, END]]],
    ['-3:', [[-3, END]]],
    ['::2', [[0, END, 2]]],
    ['1:9:3, ,-1', [[1, 9, 3], null, -1]],
  ])('%j', (text, expected) => {
    expect(parseSliceText(text)).toEqual(expected);
  });

  it.each(['a', '1:2:3:4', '0:5:0', '1.5', '0:x'])('rejects %j', (text) => {
    expect(() => parseSliceText(text)).toThrow(InvalidInputError);
  });
});

describe('resolveSelection', () => {
  it.each<[number[], Slice[], number[], number]>([
    [[10, 4], [], [10, 4], 40],
    [[10, 4], [[2, 5]], [3, 4], 12],
    [[10, 4], [-1], [4], 4],
    [[10, 4], [[-3, END], 0], [3], 3],
    [[10, 4], [[8, 100]], [2, 4], 8],
    [[10, 4], [[5, 2]], [0, 4], 0],
    [[10], [[0, 10, 3]], [4], 4],
    [[], [], [], 1],
  ])('shape %j selection %j -> %j', (shape, selection, outShape, count) => {
    const resolved = resolveSelection(shape, selection);
    expect(resolved.shape).toEqual(outShape);
    expect(resolved.count).toBe(count);
  });

  it.each<[number[], Slice[]]>([
    [[10], [10]],
    [[10], [-11]],
    [[10], [0, 0]],
    [[10], [[0, 5, 0]]],
  ])('rejects shape %j selection %j', (shape, selection) => {
    expect(() => resolveSelection(shape, selection)).toThrow(InvalidInputError);
  });
});

describe('extractFromBlock', () => {
  it('cuts a strided window out of a block whose first row is not 0', () => {
    // Rows 100..104 of a (N, 3) array whose value is row * 10 + column.
    const block = Float64Array.from({ length: 15 }, (_, i) => (100 + Math.floor(i / 3)) * 10 + (i % 3));
    const { dims, count } = resolveSelection([1000, 3], [[101, 105, 2], [0, 3, 2]]);
    const out = new Float64Array(count);
    extractFromBlock(block, [5, 3], 100, dims, out);
    expect(Array.from(out)).toEqual([1010, 1012, 1030, 1032]);
  });
});
