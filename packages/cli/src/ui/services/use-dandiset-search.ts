// Dandisets matching a search, read from the DANDI API's search a page at a time (the first pages only: a search
// is for finding, and a screenful of matches is what a person reads).
import { useEffect, useState } from 'react';
import type { ListingEntry } from '../data.js';
import { toFailure } from '../hooks/failure.js';
import type { UiServices } from './ui-services.js';

/** Matches so far, and whether more are being read. */
export interface DandisetSearch {
  entries: ListingEntry[];
  loading: boolean;
  error: string | null;
}

/** Most matches read for one search. */
export const SEARCH_LIMIT = 200;

const IDLE: DandisetSearch = { entries: [], loading: false, error: null };

/** Search the dandisets of listing `uri` for `query` (null: no search). */
export function useDandisetSearch(
  search: UiServices['searchDandisets'] | undefined,
  uri: string | undefined,
  query: string | null,
): DandisetSearch {
  const [state, setState] = useState<DandisetSearch>(IDLE);
  useEffect(() => {
    const pages = query === null ? undefined : search?.(uri, query);
    if (!pages) {
      setState(IDLE);
      return;
    }
    let current = true;
    const iterator = pages[Symbol.asyncIterator]();
    setState({ entries: [], loading: true, error: null });
    void (async () => {
      const found: ListingEntry[] = [];
      try {
        while (found.length < SEARCH_LIMIT) {
          const page = await iterator.next();
          if (!current) return;
          if (page.done) break;
          found.push(...page.value);
          setState({ entries: [...found], loading: true, error: null });
        }
        if (current) setState({ entries: found, loading: false, error: null });
      } catch (error) {
        if (current) setState({ entries: found, loading: false, error: toFailure(error).message });
      }
    })();
    return () => {
      current = false;
      void iterator.return?.(undefined)?.catch(() => undefined);
    };
  }, [search, uri, query]);
  return state;
}
