import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline.js';

describe('sparkline', () => {
  it('draws a rising series from the lowest to the highest bar', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
  });
  it('averages buckets when there are more samples than columns', () => {
    // Means of the halves are 1 and 9: the first column is the minimum, the second the maximum.
    expect(sparkline([0, 2, 8, 10], 2)).toBe('▁█');
  });
  it('shows missing stretches as gaps', () => {
    expect(sparkline([1, null, Number.NaN, 5], 4)).toBe('▁  █');
  });
  it('never draws wider than the samples or the room given', () => {
    expect(sparkline([1, 2, 3], 10)).toHaveLength(3);
    expect(
      sparkline(
        Array.from({ length: 1000 }, (_, i) => Math.sin(i / 50)),
        40,
      ),
    ).toHaveLength(40);
    expect(sparkline([1, 2], 0)).toBe('');
  });
  it('puts a flat series in the middle', () => {
    expect(sparkline([3, 3, 3], 3)).toBe('▄▄▄');
  });
});
