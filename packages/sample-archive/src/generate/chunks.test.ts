import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { guessChunks } from './chunks.js';
import { requireH5py } from './test-support/h5py.js';

describe('guessChunks', () => {
  // Chunk shapes of the real JABS samples (corpus jabs/sample_pose_est_v2.h5 and _v3.h5, read with h5py).
  it.each([
    [[1800, 12, 2], 2, [900, 6, 1]],
    [[1800, 12], 4, [450, 6]],
    [[1800, 5, 12, 2], 2, [450, 3, 6, 1]],
    [[1800, 5, 12], 4, [450, 2, 3]],
    [[1800], 1, [1800]],
    [[1800, 5], 4, [900, 3]],
  ])('%j x %i bytes -> %j, as in the real files', (shape, size, chunks) => {
    expect(guessChunks(shape, size)).toEqual(chunks);
  });

  it('agrees with h5py guess_chunk over a spread of shapes and element sizes', () => {
    requireH5py();
    const cases: [number[], number][] = [];
    for (const size of [1, 2, 4, 8]) {
      for (const shape of [
        [1],
        [7],
        [100_000],
        [3_000_000],
        [441_505, 2],
        [0, 2],
        [240, 4, 12, 2],
        [240, 4, 1, 32, 2],
        [30_000, 32],
        [5, 5, 5, 5, 5, 5],
      ]) {
        cases.push([shape, size]);
      }
    }
    const script =
      'import json,sys\nfrom h5py._hl.filters import guess_chunk\n' +
      'print(json.dumps([list(guess_chunk(tuple(s), None, n)) for s, n in json.loads(sys.argv[1])]))';
    const reference = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(cases)], { encoding: 'utf8' }),
    ) as number[][];
    expect(cases.map(([shape, size]) => guessChunks(shape, size))).toEqual(reference);
  });

  it('refuses scalar datasets as h5py does', () => {
    expect(() => guessChunks([], 8)).toThrow(RangeError);
  });
});
