import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { decimateChannels, decimateMinMax } from './decimate.js';

const pick = (values: number[], indices: number[]): number[] => indices.map((i) => values[i] as number);

describe('decimateMinMax', () => {
  it.each([
    ['shorter than points', [3, 1, 2], 10],
    ['exactly points long', [1, 2, 3, 4], 4],
    ['empty', [], 5],
  ])('returns every index when the series is %s', (_, values, points) => {
    expect(decimateMinMax(values, points)).toEqual(values.map((_, i) => i));
  });

  it('keeps the global extremes however far it decimates', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
    values[4321] = 99;
    values[777] = -99;
    const kept = decimateMinMax(values, 30);
    expect(kept.length).toBeLessThanOrEqual(30);
    expect(kept).toContain(4321);
    expect(kept).toContain(777);
  });

  it('keeps each bucket its minimum and maximum, in ascending order', () => {
    // 3 points -> one bucket of all 6 samples: min at 4, max at 1.
    expect(decimateMinMax([5, 9, 6, 7, 0, 8], 3)).toEqual([1, 4]);
    // 6 points -> two buckets [0,3) and [3,7).
    const values = [5, 9, 6, 7, 0, 8, 4];
    expect(pick(values, decimateMinMax(values, 6))).toEqual([5, 9, 0, 8]);
  });

  it('keeps a gap as a gap: a bucket with NaN keeps its first NaN beside its extremes', () => {
    const values = [1, 2, Number.NaN, Number.NaN, 3, 4, 5, 6, 7, 8, 9, 10];
    const kept = decimateMinMax(values, 6);
    expect(kept).toEqual([0, 2, 5, 6, 11]);
    expect(Number.isNaN(values[kept[1] as number])).toBe(true);
  });

  it('keeps one NaN of an all-missing bucket', () => {
    expect(decimateMinMax([Number.NaN, Number.NaN, Number.NaN, 1, 2, 3, 4], 6)).toEqual([0, 3, 6]);
  });

  it('never returns more than `points` indices', () => {
    const values = Array.from({ length: 1234 }, (_, i) => (i % 7 === 0 ? Number.NaN : (i * 7919) % 101));
    for (const points of [3, 4, 10, 99, 200, 1233])
      expect(decimateMinMax(values, points).length).toBeLessThanOrEqual(points);
  });

  it('refuses fewer points than a bucket needs, and non-whole counts', () => {
    expect(() => decimateMinMax([1, 2, 3, 4], 2)).toThrow(InvalidInputError);
    expect(() => decimateMinMax([1, 2, 3, 4], 0)).toThrow(InvalidInputError);
    expect(() => decimateMinMax([1, 2, 3, 4], 2.5)).toThrow(InvalidInputError);
  });
});

describe('decimateChannels', () => {
  it('keeps the extremes of every channel on a shared axis', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = [5, 5, 5, -1, 5, 5, 5, 5, 5, 5];
    const kept = decimateChannels([x, y], 5);
    expect(kept).toContain(0);
    expect(kept).toContain(9);
    expect(kept).toContain(3);
  });

  it('refuses channels of different lengths', () => {
    expect(() => decimateChannels([[1, 2], [1]], 10)).toThrow(InvalidInputError);
  });
});
