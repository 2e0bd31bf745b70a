import { describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../archive/archive.js';
import { InvalidInputError } from '../errors.js';
import { ListingCursors } from './listing-cursor.js';

const entry = (name: string): ArchiveEntry => ({ name, kind: 'file', uri: `s3://b/${name}`, target: { kind: 'root' } });

// A listing of `pages` pages of two entries, counting how often it was started.
function pagedListing(pages: number) {
  const started: string[] = [];
  const list = async function* (uri: string): AsyncGenerator<ArchiveEntry[]> {
    started.push(uri);
    for (let p = 0; p < pages; p++) yield [entry(`${uri}${p}a`), entry(`${uri}${p}b`)];
  };
  return { started, list };
}

async function readAll(cursors: ListingCursors, uri: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await cursors.page(uri, cursor);
    pages.push(page.entries.map((e) => e.name));
    cursor = page.next;
  } while (cursor !== undefined);
  return pages;
}

describe('ListingCursors', () => {
  it('continues the live listing: one start for every page, an empty last page once the archive says so', async () => {
    const { started, list } = pagedListing(3);
    const pages = await readAll(new ListingCursors(list), 'x');
    expect(pages).toEqual([['x0a', 'x0b'], ['x1a', 'x1b'], ['x2a', 'x2b'], []]);
    expect(started).toEqual(['x']);
  });

  it('serves a cursor whose live listing is gone by listing again and skipping the pages already given', async () => {
    const first = pagedListing(3);
    const page0 = await new ListingCursors(first.list).page('x');
    const other = pagedListing(3);
    // Another explorer (another process, a restart) holds no live listing for this cursor.
    const page1 = await new ListingCursors(other.list).page('x', page0.next);
    expect(page1.entries.map((e) => e.name)).toEqual(['x1a', 'x1b']);
    expect(other.started).toEqual(['x']);
  });

  it('drops the parsed target from entries', async () => {
    const page = await new ListingCursors(pagedListing(1).list).page('x');
    expect(page.entries[0]).toEqual({ name: 'x0a', kind: 'file', uri: 's3://b/x0a' });
  });

  it('refuses a cursor of another listing and text that is no cursor', async () => {
    const cursors = new ListingCursors(pagedListing(2).list);
    const { next } = await cursors.page('x');
    await expect(cursors.page('y', next)).rejects.toThrow(InvalidInputError);
    await expect(cursors.page('x', 'bm90IGpzb24')).rejects.toThrow(InvalidInputError);
    await expect(cursors.page('x', '%%%')).rejects.toThrow(InvalidInputError);
  });
});
