// Filter and sort of a listing, on the client: a folder page is at most a few tens of thousands of rows.
import type { ListingEntry } from '../api/types.js';
import type { SortKey } from './search.js';

/** How to arrange a listing. */
export interface Arrangement {
  q?: string;
  sort?: SortKey;
  desc?: boolean;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Entries whose name or title contains `q` (any case), folders first, then by `sort` (default name). */
export function arrangeEntries(entries: readonly ListingEntry[], { q, sort = 'name', desc }: Arrangement) {
  const needle = q?.trim().toLocaleLowerCase() ?? '';
  const kept =
    needle === ''
      ? [...entries]
      : entries.filter((e) => `${e.name} ${e.title ?? ''}`.toLocaleLowerCase().includes(needle));
  const direction = desc ? -1 : 1;
  const compare = (a: ListingEntry, b: ListingEntry): number => {
    if (sort === 'size') return ((a.size ?? -1) - (b.size ?? -1)) * direction;
    if (sort === 'modified') return collator.compare(a.modified ?? '', b.modified ?? '') * direction;
    return collator.compare(a.name, b.name) * direction;
  };
  return kept.sort((a, b) =>
    a.kind === b.kind ? compare(a, b) || collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1,
  );
}

/** Dandisets (identifiers of a DANDI instance) apart from bucket projects, for Home's two columns. */
export function splitRoot(entries: readonly ListingEntry[]) {
  const isDandiset = (e: ListingEntry) => /^dandi:\/\//.test(e.uri) || /\/dandisets\//.test(e.uri);
  return { projects: entries.filter((e) => !isDandiset(e)), dandisets: entries.filter(isDandiset) };
}
