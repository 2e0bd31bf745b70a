import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { compileGlob, createPathFilter } from './glob.js';

describe('compileGlob', () => {
  it.each([
    ['*.mp4', 'videos/a b.mp4', true],
    ['*.mp4', 'videos/a.mp4.json', false],
    ['*.nwb', 'sub-01/ses-1/x.nwb', true],
    ['sub-01/*', 'sub-01/x.nwb', true],
    ['sub-01/*', 'sub-01/ses-1/x.nwb', false],
    ['sub-01/**', 'sub-01/ses-1/x.nwb', true],
    ['**/ses-1/*.nwb', 'sub-01/ses-1/x.nwb', true],
    ['**/ses-1/*.nwb', 'ses-1/x.nwb', true],
    ['sub-0?/*.nwb', 'sub-07/x.nwb', true],
    ['sub-0[12]/*', 'sub-03/x', false],
    ['sub-0[!12]/*', 'sub-03/x', true],
    ['*.{avi,mp4}', 'v/x.avi', true],
    ['*.{avi,mp4}', 'v/x.h5', false],
    ['a+b(1).h5', 'a+b(1).h5', true],
    ['/sub-01/*', 'sub-01/x', true],
  ])('%s against %s -> %s', (pattern, path, expected) => {
    expect(compileGlob(pattern)(path)).toBe(expected);
  });

  it.each(['', 'a[b', '{a,b'])('rejects %j', (pattern) => {
    expect(() => compileGlob(pattern)).toThrow(InvalidInputError);
  });
});

describe('createPathFilter', () => {
  it('keeps includes minus excludes', () => {
    const keep = createPathFilter(['sub-01/**'], ['*.mp4']);
    expect(['sub-01/a.nwb', 'sub-01/v.mp4', 'sub-02/a.nwb'].filter(keep)).toEqual(['sub-01/a.nwb']);
    expect(['a', 'b.mp4'].filter(createPathFilter([], ['*.mp4']))).toEqual(['a']);
  });
});
