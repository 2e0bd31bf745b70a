import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../errors.js';
import { extractFromBlock, parseSliceText, placeBox, resolveSelection } from './selection.js';
import type { Slice } from '../types.js';

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
    const { dims, count } = resolveSelection(
      [1000, 3],
      [
        [101, 105, 2],
        [0, 3, 2],
      ],
    );
    const out = new Float64Array(count);
    extractFromBlock(block, [5, 3], 100, dims, out);
    expect(Array.from(out)).toEqual([1010, 1012, 1030, 1032]);
  });

  it('copies contiguous spans natively and gives what element-by-element extraction gives, for any box', () => {
    // Block: rows 40..49 of a (N, 4, 3) array, value = flat index; the same selection through plain arrays (no native
    // span copies) is the reference.
    const shape = [10, 4, 3];
    const size = 120;
    const block = Float64Array.from({ length: size }, (_, i) => 4000 + i);
    let state = 7;
    const next = (n: number): number => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state % n;
    };
    let spanCases = 0;
    for (let trial = 0; trial < 200; trial++) {
      const selection: Slice[] = shape.map((n, axis) => {
        const start = next(n);
        const stop = start + 1 + next(n - start);
        const step = next(3) === 0 ? 2 : 1;
        return [axis === 0 ? 40 + start : start, axis === 0 ? 40 + stop : stop, step] as [number, number, number];
      });
      if (trial % 4 === 0) selection[1] = [0, 4, 1];
      if (trial % 3 === 0) selection[2] = [0, 3, 1];
      const { dims, count } = resolveSelection([1000, 4, 3], selection);
      if (dims[2]!.step === 1 && dims[2]!.count === 3) spanCases++;
      const fast = new Float64Array(count);
      extractFromBlock(block, shape, 40, dims, fast);
      const slow = new Array<number>(count);
      extractFromBlock(Array.from(block), shape, 40, dims, slow);
      expect(Array.from(fast)).toEqual(slow);
    }
    expect(spanCases).toBeGreaterThan(20);
  });
});

describe('placeBox', () => {
  it('puts a box at its offset in a larger array and touches nothing else', () => {
    const outShape = [5, 4, 3];
    const out = new Int32Array(60).fill(-1);
    // Box (2, 2, 2) at offset (1, 2, 1) holding 0..7.
    placeBox(
      Int32Array.from({ length: 8 }, (_, i) => i),
      [2, 2, 2],
      out,
      outShape,
      [1, 2, 1],
    );
    const expected = new Int32Array(60).fill(-1);
    let v = 0;
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) for (let c = 0; c < 2; c++) expected[(1 + a) * 12 + (2 + b) * 3 + (1 + c)] = v++;
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it('gives what a plain element-by-element copy gives, for boxes of every rank and shape', () => {
    let state = 11;
    const next = (n: number): number => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state % n;
    };
    for (let trial = 0; trial < 300; trial++) {
      const rank = 1 + next(5);
      const outShape = Array.from({ length: rank }, () => 1 + next(5));
      const srcShape = outShape.map((n) => 1 + next(n));
      const offset = outShape.map((n, axis) => next(n - srcShape[axis]! + 1));
      const size = srcShape.reduce((a, b) => a * b, 1);
      // Every element width the copy reinterprets (8, 2, 4 and 1 bytes).
      const Kind = [Float64Array, Uint16Array, Int32Array, Uint8Array][trial % 4]!;
      const src = new Kind(Array.from({ length: size }, (_, i) => (i + 1) % 251));
      const out = new Kind(outShape.reduce((a, b) => a * b, 1));
      placeBox(src, srcShape, out, outShape, offset);
      const want = new Kind(out.length);
      for (let i = 0; i < size; i++) {
        let rest = i;
        let at = 0;
        for (let axis = rank - 1, scale = 1; axis >= 0; axis--) {
          at += (offset[axis]! + (rest % srcShape[axis]!)) * scale;
          rest = Math.floor(rest / srcShape[axis]!);
          scale *= outShape[axis]!;
        }
        want[at] = src[i]!;
      }
      expect(Array.from(out)).toEqual(Array.from(want));
    }
  });
});
