// Browser: one folder of a project or dandiset, page after page (the API's cursors), filtered and sorted.
import { useEffect, useState } from 'react';
import { useApi } from '../api/context.js';
import type { ListingEntry } from '../api/types.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { Listing } from '../components/Listing.js';
import { Empty, ErrorNotice, Loading } from '../components/Status.js';
import { formatCount } from '../format.js';
import { arrangeEntries } from './arrange.js';
import type { BrowseSearch, SortKey } from './search.js';

interface Pages {
  key: string;
  entries: ListingEntry[];
  next?: string;
  loading: boolean;
  error?: Error;
}

/** The Browser's view; `onSearch` replaces the URL's search parameters. */
export function BrowserView({ search, onSearch }: { search: BrowseSearch; onSearch: (search: BrowseSearch) => void }) {
  const api = useApi();
  const key = `${search.id ?? ''}\n${search.cursor ?? ''}`;
  const [pages, setPages] = useState<Pages>({ key, entries: [], loading: true });
  const [attempt, setAttempt] = useState(0);

  const loadPage = (cursor: string | undefined, signal?: AbortSignal) => {
    setPages((old) => ({ ...old, loading: true, error: undefined }));
    api.list(search.id, cursor, signal).then(
      (page) =>
        setPages((old) =>
          old.key !== key ? old : { key, entries: [...old.entries, ...page.entries], next: page.next, loading: false },
        ),
      (error: Error) => {
        if (!signal?.aborted) setPages((old) => (old.key !== key ? old : { ...old, loading: false, error }));
      },
    );
  };

  useEffect(() => {
    const controller = new AbortController();
    setPages({ key, entries: [], loading: true });
    loadPage(search.cursor, controller.signal);
    return () => controller.abort();
    // `key` (folder and cursor) and `attempt` (Try again) decide a reload; loadPage is a fresh closure each render.
  }, [key, attempt]);

  const shown = pages.key === key ? pages : { key, entries: [], loading: true };
  const arranged = arrangeEntries(shown.entries, search);
  // The sort button already in use flips the direction; another one sorts ascending by its key.
  const setSort = (sort: SortKey) =>
    onSearch({ ...search, sort, desc: (search.sort ?? 'name') === sort ? !search.desc || undefined : undefined });

  return (
    <section aria-labelledby="browser-title">
      <Breadcrumbs id={search.id} />
      <h1 id="browser-title">{search.id ?? 'EMBER'}</h1>
      <div className="toolbar" role="group" aria-label="Filter and sort">
        <label>
          <span>Filter</span>
          <input
            type="search"
            value={search.q ?? ''}
            placeholder="name contains"
            onChange={(event) => onSearch({ ...search, q: event.target.value === '' ? undefined : event.target.value })}
          />
        </label>
        <span>Sort by</span>
        {(['name', 'size', 'modified'] as const).map((sort) => (
          <button
            key={sort}
            type="button"
            aria-pressed={(search.sort ?? 'name') === sort}
            onClick={() => setSort(sort)}
          >
            {sort}
            {(search.sort ?? 'name') === sort && (search.desc ? ' ↓' : ' ↑')}
          </button>
        ))}
        <span className="muted" aria-live="polite">
          {formatCount(arranged.length)} of {formatCount(shown.entries.length)} loaded
        </span>
      </div>
      {shown.error && <ErrorNotice error={shown.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {shown.entries.length > 0 && <Listing entries={arranged} label={`Contents of ${search.id ?? 'EMBER'}`} />}
      {!shown.loading && !shown.error && shown.entries.length === 0 && <Empty>This folder is empty.</Empty>}
      {!shown.loading && shown.entries.length > 0 && arranged.length === 0 && (
        <Empty>No entry matches the filter.</Empty>
      )}
      {shown.loading && <Loading what="the listing" />}
      {!shown.loading && shown.next !== undefined && (
        <p className="pager">
          <button type="button" onClick={() => loadPage(shown.next)}>
            Load more
          </button>{' '}
          <button type="button" onClick={() => onSearch({ ...search, cursor: shown.next })}>
            Next page only
          </button>
        </p>
      )}
      {search.cursor !== undefined && (
        <p className="pager">
          <button type="button" onClick={() => onSearch({ ...search, cursor: undefined })}>
            Back to the first page
          </button>
        </p>
      )}
    </section>
  );
}
