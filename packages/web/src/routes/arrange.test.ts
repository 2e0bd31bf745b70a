import { describe, expect, it } from 'vitest';
import type { ListingEntry } from '../api/types.js';
import { arrangeEntries, splitRoot } from './arrange.js';

const file = (name: string, size: number, modified = '2024-01-01'): ListingEntry => ({
  name,
  kind: 'file',
  size,
  modified,
  uri: `s3://b/${name}`,
});
const folder = (name: string): ListingEntry => ({ name, kind: 'folder', uri: `s3://b/${name}/` });

describe('arrangeEntries', () => {
  const entries = [file('b10.nwb', 5), file('b9.nwb', 50, '2025-01-01'), folder('zeta'), file('A.h5', 1)];

  it('puts folders first and sorts names naturally', () => {
    expect(arrangeEntries(entries, {}).map((e) => e.name)).toEqual(['zeta', 'A.h5', 'b9.nwb', 'b10.nwb']);
  });

  it('sorts by size descending and by date', () => {
    expect(arrangeEntries(entries, { sort: 'size', desc: true }).map((e) => e.name)).toEqual([
      'zeta',
      'b9.nwb',
      'b10.nwb',
      'A.h5',
    ]);
    expect(arrangeEntries(entries, { sort: 'modified', desc: true })[1]?.name).toBe('b9.nwb');
  });

  it('filters by name or title, ignoring case', () => {
    expect(arrangeEntries(entries, { q: 'B1' }).map((e) => e.name)).toEqual(['b10.nwb']);
    expect(arrangeEntries([{ ...folder('000463'), title: 'Mouse feeding' }], { q: 'feed' })).toHaveLength(1);
  });
});

describe('splitRoot', () => {
  it('tells dandisets from bucket projects by their identifiers', () => {
    const { projects, dandisets } = splitRoot([
      folder('other'),
      { name: '000463', kind: 'folder', uri: 'dandi://ember/000463' },
    ]);
    expect(projects.map((e) => e.name)).toEqual(['other']);
    expect(dandisets.map((e) => e.name)).toEqual(['000463']);
  });
});
