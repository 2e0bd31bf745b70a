import { describe, expect, it } from 'vitest';
import type { ListingEntry } from '../data.js';
import { mergePage } from './use-listing.js';

const entry = (name: string, kind: 'folder' | 'file'): ListingEntry => ({ name, kind, uri: `s3://b/${name}` });

describe('mergePage', () => {
  it('keeps folders above files across pages, each in arrival order', () => {
    let loaded = { folders: [] as ListingEntry[], files: [] as ListingEntry[] };
    loaded = mergePage(loaded, [entry('a.h5', 'file'), entry('b', 'folder')]);
    loaded = mergePage(loaded, [entry('c', 'folder'), entry('d.nwb', 'file')]);
    loaded = mergePage(loaded, []);
    expect([...loaded.folders, ...loaded.files].map((e) => e.name)).toEqual(['b', 'c', 'a.h5', 'd.nwb']);
  });
});
