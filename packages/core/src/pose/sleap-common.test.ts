import { describe, expect, it } from 'vitest';
import { individualNames } from './sleap-common.js';

describe('individualNames', () => {
  it.each([
    [['female', 'male'], 2, ['female', 'male']],
    [[], 1, ['track_0']],
    [[''], 1, ['track_0']],
    [['a', 'a', 'b', 'a'], 4, ['a', 'a (track 1)', 'b', 'a (track 3)']],
    [['track_1', ''], 2, ['track_1', 'track_1 (track 1)']],
  ])('%j x %d -> %j', (names, count, expected) => {
    expect(individualNames(names, count)).toEqual(expected);
  });
});
