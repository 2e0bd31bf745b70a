import { describe, expect, it } from 'vitest';
import { partsMatchDandiLayout } from './partwise-etag.js';
import { planParts } from './resume-state.js';

const MiB = 2 ** 20;

describe('partsMatchDandiLayout', () => {
  it.each([
    [3, 3, true],
    [70 * MiB, 64 * MiB, true],
    [70 * MiB, 16 * MiB, false],
    [140 * MiB, 64 * MiB, true],
    [0, 1, false],
  ])('size %d in parts of %d -> %s', (size, partSize, expected) => {
    expect(partsMatchDandiLayout(planParts(size, partSize), size)).toBe(expected);
  });
});
