import { describe, expect, it } from 'vitest';
import { parseBrowseSearch, parseFileSearch, parsePoseSearch } from './search.js';

describe('search parameters', () => {
  it.each([
    [
      { start: '10', end: '20' },
      { start: 10, end: 20 },
    ],
    [{ start: '20', end: '10' }, {}],
    [{ start: '-1' }, {}],
    [{ start: '1.5' }, {}],
    [{ threshold: '0.4' }, { threshold: 0.4 }],
    [{ threshold: '2' }, {}],
    [{ keypoints: 'nose,tail_base' }, { keypoints: ['nose', 'tail_base'] }],
    [
      { frame: '7', container: 'PoseEstimation_cam0' },
      { frame: 7, container: 'PoseEstimation_cam0' },
    ],
  ])('pose %j -> %j', (raw, expected) => {
    expect(parsePoseSearch({ id: 'x', ...raw })).toEqual({ id: 'x', ...expected });
  });

  it('keeps only known sort keys and tabs', () => {
    expect(parseBrowseSearch({ sort: 'size', desc: 'true', id: 's3://b/k/' })).toEqual({
      sort: 'size',
      desc: true,
      id: 's3://b/k/',
    });
    expect(parseBrowseSearch({ sort: 'drop table' })).toEqual({});
    expect(parseFileSearch({ id: 'a', tab: 'nope' })).toEqual({ id: 'a' });
  });
});
