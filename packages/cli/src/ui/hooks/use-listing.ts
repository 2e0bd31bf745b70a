// One folder's listing, loaded a page at a time: the screen asks for the next page only when the cursor gets
// near the end of what is loaded, so a prefix with a million keys costs one page until someone scrolls. Pages come
// from the explorer by cursor; each cursor continues where the last page ended.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toFailure } from './failure.js';
import { useExplorer, type ListingEntry } from '../data.js';

/** Entries loaded so far (folders first), and whether more can come. */
export interface ListingState {
  entries: ListingEntry[];
  loading: boolean;
  /** True once the archive said there is nothing more. */
  done: boolean;
  error: string | null;
  /** Whether retrying could help. */
  retryable: boolean;
  /** Fetch the next page, unless one is on its way or the listing is complete. */
  loadMore(): void;
  /** Start over after an error. */
  retry(): void;
}

interface Loaded {
  folders: ListingEntry[];
  files: ListingEntry[];
}

/** Add a page, keeping folders above files across pages (a later page's folders go above earlier files). */
export function mergePage(loaded: Loaded, page: readonly ListingEntry[]): Loaded {
  return {
    folders: loaded.folders.concat(page.filter((e) => e.kind === 'folder')),
    files: loaded.files.concat(page.filter((e) => e.kind !== 'folder')),
  };
}

const EMPTY: Loaded = { folders: [], files: [] };

/** The listing of `uri` (undefined: the archive root), paginated on demand. */
export function useListing(uri: string | undefined): ListingState {
  const explorer = useExplorer();
  const [loaded, setLoaded] = useState<Loaded>(EMPTY);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retryable, setRetryable] = useState(false);
  const [generation, setGeneration] = useState(0);
  // The listing being shown (a new object per folder and retry) and the cursor of its next page (undefined: first).
  const listing = useRef<{ cursor: string | undefined } | null>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    const current = { cursor: undefined };
    listing.current = current;
    inFlight.current = false;
    setLoaded(EMPTY);
    setDone(false);
    setError(null);
    setLoading(false);
    return () => {
      if (listing.current === current) listing.current = null;
    };
  }, [explorer, uri, generation]);

  const loadMore = useCallback(() => {
    const current = listing.current;
    if (!current || inFlight.current || done || error) return;
    inFlight.current = true;
    setLoading(true);
    explorer.listPage(uri, current.cursor).then(
      (page) => {
        if (listing.current !== current) return;
        inFlight.current = false;
        setLoading(false);
        setLoaded((l) => mergePage(l, page.entries));
        current.cursor = page.next;
        if (page.next === undefined) setDone(true);
      },
      (err: unknown) => {
        if (listing.current !== current) return;
        inFlight.current = false;
        setLoading(false);
        const failure = toFailure(err);
        setError(failure.message);
        setRetryable(failure.retryable);
      },
    );
  }, [explorer, uri, done, error]);

  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  const entries = useMemo(() => [...loaded.folders, ...loaded.files], [loaded]);
  return { entries, loading, done, error, retryable, loadMore, retry };
}
