// One folder's listing, loaded a page at a time: the screen asks for the next page only when the cursor gets
// near the end of what is loaded, so a prefix with a million keys costs one page until someone scrolls.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toFailure } from './failure.js';
import { useArchiveData, type ListingEntry } from '../data.js';

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
  const data = useArchiveData();
  const [loaded, setLoaded] = useState<Loaded>(EMPTY);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retryable, setRetryable] = useState(false);
  const [generation, setGeneration] = useState(0);
  const iterator = useRef<AsyncIterator<ListingEntry[]> | null>(null);
  const inFlight = useRef(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    const it = data.list(uri)[Symbol.asyncIterator]();
    iterator.current = it;
    inFlight.current = false;
    setLoaded(EMPTY);
    setDone(false);
    setError(null);
    setLoading(false);
    return () => {
      alive.current = false;
      iterator.current = null;
      // Let the core iterator release its request/socket when the user leaves the folder.
      void it.return?.().catch(() => undefined);
    };
  }, [data, uri, generation]);

  const loadMore = useCallback(() => {
    const it = iterator.current;
    if (!it || inFlight.current || done || error) return;
    inFlight.current = true;
    setLoading(true);
    it.next().then(
      (result) => {
        if (iterator.current !== it || !alive.current) return;
        inFlight.current = false;
        setLoading(false);
        if (result.done) setDone(true);
        else setLoaded((l) => mergePage(l, result.value));
      },
      (err: unknown) => {
        if (iterator.current !== it || !alive.current) return;
        inFlight.current = false;
        setLoading(false);
        const failure = toFailure(err);
        setError(failure.message);
        setRetryable(failure.retryable);
      },
    );
  }, [done, error]);

  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  const entries = useMemo(() => [...loaded.folders, ...loaded.files], [loaded]);
  return { entries, loading, done, error, retryable, loadMore, retry };
}
