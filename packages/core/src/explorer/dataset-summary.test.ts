import { describe, expect, it } from 'vitest';
import { firstValuesSelection } from './dataset-summary.js';

describe('firstValuesSelection', () => {
  it.each([
    [[1800], 12, [[0, 12]]],
    [[5], 12, [[0, 5]]],
    [
      [1800, 12, 2],
      12,
      [
        [0, 1],
        [0, 6],
        [0, 2],
      ],
    ],
    [
      [1800, 12],
      12,
      [
        [0, 1],
        [0, 12],
      ],
    ],
    [
      [10, 100],
      12,
      [
        [0, 1],
        [0, 12],
      ],
    ],
    [
      [3, 2, 2],
      12,
      [
        [0, 3],
        [0, 2],
        [0, 2],
      ],
    ],
    [
      [4, 50, 3],
      12,
      [
        [0, 1],
        [0, 4],
        [0, 3],
      ],
    ],
  ])('shape %j, %d values: %j', (shape, count, selection) => {
    expect(firstValuesSelection(shape, count)).toEqual(selection);
  });
});
