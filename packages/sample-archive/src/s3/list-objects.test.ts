import { describe, expect, it } from 'vitest';
import { compareKeys } from '../store.js';
import { listPage, type ListQuery } from './list-objects.js';

const sorted = (keys: string[]): string[] => [...keys].sort(compareKeys);

// The reference model: everything one unbounded listing returns, in S3 order, keys and prefixes merged.
function everything(keys: readonly string[], prefix: string, delimiter?: string): string[] {
  const items = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const cut = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    items.add(cut < 0 ? key : key.slice(0, cut + delimiter!.length));
  }
  return [...items].sort(compareKeys);
}

// Follow pages the way a client follows continuation tokens (the token carries `last`).
function paginate(keys: readonly string[], query: Omit<ListQuery, 'after'>): { items: string[]; pages: number } {
  const items: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = listPage(keys, { ...query, after });
    pages += 1;
    expect(page.keys.length + page.commonPrefixes.length).toBeLessThanOrEqual(query.maxKeys);
    items.push(...[...page.keys, ...page.commonPrefixes].sort(compareKeys));
    if (!page.isTruncated) return { items, pages };
    after = page.last;
    if (pages > 10_000) throw new Error('listing does not end');
  }
}

const EMBER = sorted([
  'blobs/0a1/b2c/0a1b2c00-0000-4000-a000-000000000001',
  'blobs/0a1/b2d/0a1b2d00-0000-4000-a000-000000000002',
  'blobs/ff0/001/ff000100-0000-4000-a000-000000000003',
  'dandisets/000463/draft/dandiset.yaml',
  'other/kumar2025/classifiers/seizure_v1.pickle',
  'other/kumar2025/index.html',
  'other/kumar2025/pose_files/PTZ mouse 01_pose_est_v5.h5',
  'other/kumar2025/videos/PTZ 1 session.avi',
  'tools/x',
]);

describe('listPage', () => {
  it('rolls keys several folders deep up to the first delimiter after the prefix', () => {
    const page = listPage(['other/kumar2025/pose_files/x.h5'], { prefix: '', delimiter: '/', maxKeys: 1000 });
    expect(page).toEqual({ keys: [], commonPrefixes: ['other/'], isTruncated: false, last: 'other/' });
  });

  it.each([
    ['', ['blobs/', 'dandisets/', 'other/', 'tools/'], []],
    ['blobs/', ['blobs/0a1/', 'blobs/ff0/'], []],
    ['blobs/0a1/', ['blobs/0a1/b2c/', 'blobs/0a1/b2d/'], []],
    ['other/', ['other/kumar2025/'], []],
    [
      'other/kumar2025/',
      ['other/kumar2025/classifiers/', 'other/kumar2025/pose_files/', 'other/kumar2025/videos/'],
      ['other/kumar2025/index.html'],
    ],
    ['other/kumar2025/videos/', [], ['other/kumar2025/videos/PTZ 1 session.avi']],
    ['other/kumar', ['other/kumar2025/'], []],
    ['nothing/', [], []],
  ])('lists prefix %j one level deep', (prefix, commonPrefixes, keys) => {
    expect(listPage(EMBER, { prefix, delimiter: '/', maxKeys: 1000 })).toMatchObject({
      commonPrefixes,
      keys,
      isTruncated: false,
    });
  });

  it('counts common prefixes and keys together against max-keys, in merged key order', () => {
    const page = listPage(EMBER, { prefix: 'other/kumar2025/', delimiter: '/', maxKeys: 2 });
    expect(page).toEqual({
      keys: ['other/kumar2025/index.html'],
      commonPrefixes: ['other/kumar2025/classifiers/'],
      isTruncated: true,
      last: 'other/kumar2025/index.html',
    });
  });

  it('is not truncated when the page ends exactly at the last item', () => {
    expect(listPage(EMBER, { prefix: '', delimiter: '/', maxKeys: 4 }).isTruncated).toBe(false);
    expect(listPage(EMBER, { prefix: '', delimiter: '/', maxKeys: 3 }).isTruncated).toBe(true);
  });

  it('answers max-keys=0 with an empty, untruncated page', () => {
    expect(listPage(EMBER, { prefix: '', maxKeys: 0 })).toEqual({
      keys: [],
      commonPrefixes: [],
      isTruncated: false,
      last: undefined,
    });
  });

  it('does not repeat a common prefix that the marker equals or falls inside', () => {
    expect(listPage(EMBER, { prefix: '', delimiter: '/', after: 'other/', maxKeys: 10 }).commonPrefixes).toEqual([
      'tools/',
    ]);
    expect(listPage(EMBER, { prefix: '', delimiter: '/', after: 'other/kumar', maxKeys: 10 }).commonPrefixes).toEqual([
      'tools/',
    ]);
    expect(listPage(EMBER, { prefix: '', delimiter: '/', after: 'other', maxKeys: 10 }).commonPrefixes).toEqual([
      'other/',
      'tools/',
    ]);
  });

  it('starts strictly after a start-after key, even one that does not exist', () => {
    expect(listPage(EMBER, { prefix: 'other/', after: 'other/kumar2025/index.html', maxKeys: 2 }).keys).toEqual([
      'other/kumar2025/pose_files/PTZ mouse 01_pose_est_v5.h5',
      'other/kumar2025/videos/PTZ 1 session.avi',
    ]);
    expect(listPage(EMBER, { prefix: '', after: 'a', maxKeys: 1 }).keys).toEqual([EMBER[0]]);
    expect(listPage(EMBER, { prefix: '', after: 'zzz', maxKeys: 5 }).keys).toEqual([]);
  });

  it('orders by UTF-8 bytes, so a character above U+FFFF sorts after U+FF46', () => {
    const keys = sorted(['v/😀.avi', 'v/ｆ.avi', 'v/é.avi', 'v/z.avi']);
    expect(listPage(keys, { prefix: 'v/', maxKeys: 10 }).keys).toEqual(['v/z.avi', 'v/é.avi', 'v/ｆ.avi', 'v/😀.avi']);
  });

  it('takes a delimiter of several characters', () => {
    const keys = sorted(['a--b--c', 'a--d', 'e']);
    expect(listPage(keys, { prefix: 'a--', delimiter: '--', maxKeys: 10 })).toMatchObject({
      keys: ['a--d'],
      commonPrefixes: ['a--b--'],
    });
  });

  it('treats an empty delimiter as none', () => {
    expect(listPage(EMBER, { prefix: 'tools/', delimiter: '', maxKeys: 10 }).keys).toEqual(['tools/x']);
  });

  it('returns, page after page, exactly what one unbounded listing would, for every prefix and page size', () => {
    // A generated tree with folders of uneven depth: the cases where roll-up and paging interact.
    const keys: string[] = [];
    for (let a = 0; a < 7; a += 1) {
      keys.push(`f${a}`);
      for (let b = 0; b < a; b += 1) {
        keys.push(`f${a}/g${b}`);
        for (let c = 0; c < b; c += 1) keys.push(`f${a}/g${b}/h${c}`, `f${a}/g${b}/h${c}/deep/z`);
      }
    }
    const all = sorted(keys);
    const prefixes = ['', 'f', 'f5', 'f5/', 'f5/g3/', 'f6/g5/h1/', 'missing'];
    for (const prefix of prefixes) {
      for (const delimiter of [undefined, '/', 'g']) {
        const expected = everything(all, prefix, delimiter);
        for (const maxKeys of [1, 2, 3, 7, 1000]) {
          const { items, pages } = paginate(all, { prefix, delimiter, maxKeys });
          expect(items, `prefix=${prefix} delimiter=${delimiter} max-keys=${maxKeys}`).toEqual(expected);
          expect(pages).toBe(Math.max(1, Math.ceil(expected.length / maxKeys)));
        }
      }
    }
  });
});
