import { describe, expect, it } from 'vitest';
import { dtypeText, firstValuesSelection } from './dataset-summary.js';

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

describe('dtypeText', () => {
  it.each([
    [{ dtype: 'float32', itemSize: 4, littleEndian: true }, 'float32'],
    [{ dtype: 'int32', itemSize: 4, littleEndian: false }, 'int32, big-endian'],
    // One byte has no order to speak of.
    [{ dtype: 'int8', itemSize: 1, littleEndian: false }, 'int8'],
    [{ dtype: 'string', itemSize: 5, vlen: false }, 'string (fixed, 5 bytes)'],
    [{ dtype: 'string', itemSize: 8, vlen: true }, 'string'],
    [{ dtype: 'enum', itemSize: 1, enumValues: { RED: 0, GREEN: 1 } }, 'enum {RED, GREEN}'],
    [
      {
        dtype: 'compound',
        itemSize: 104,
        members: [
          { name: 'index', dtype: 'int64', itemSize: 8 },
          { name: 'values_block_0', dtype: 'array', itemSize: 96, shape: [12], base: 'float64' },
        ],
      },
      'compound {index: int64, values_block_0: float64[12]}',
    ],
  ] as const)('%j is %s', (info, text) => {
    expect(dtypeText(info as Parameters<typeof dtypeText>[0])).toBe(text);
  });
});
