// Page-number pagination as dandi-archive does it (dandiapi/api/views/pagination.py over DRF's
// PageNumberPagination): `page` (1-based) and `page_size` (default 100, capped at 1,000), envelope
// `{count, next, previous, results}` with absolute `next`/`previous` links built from the request URL.
import { notFound } from './errors.js';

/** DandiPagination.page_size. */
export const DEFAULT_PAGE_SIZE = 100;
/** DandiPagination.max_page_size. */
export const MAX_PAGE_SIZE = 1000;

/** One page of results in DRF's envelope. */
export interface Page<T> {
  count: number | null;
  next: string | null;
  previous: string | null;
  results: T[];
}

/**
 * DRF's get_page_size: a positive integer, capped at the maximum; anything unreadable (0, negative, text)
 * silently falls back to the default rather than failing.
 */
export function pageSize(query: URLSearchParams): number {
  const raw = query.get('page_size');
  if (raw === null || !/^\s*[+-]?\d+\s*$/.test(raw)) return DEFAULT_PAGE_SIZE;
  const n = Number.parseInt(raw, 10);
  return n > 0 ? Math.min(n, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

/** DRF's replace_query_param / remove_query_param: the request URL with `page` set or removed, parameters sorted. */
function pageLink(requestUrl: string, page: number | undefined): string {
  const url = new URL(requestUrl);
  const params = new URLSearchParams(url.search);
  if (page === undefined) params.delete('page');
  else params.set('page', String(page));
  params.sort();
  url.search = params.toString();
  return url.toString();
}

/**
 * One page of `items`. `lazy` follows LazyPagination, used for the asset list: `count` only on page 1, and a
 * page past the end is an empty page rather than a 404 "Invalid page." as with DandiPagination.
 */
export function paginate<T, R>(items: readonly T[], requestUrl: string, map: (item: T) => R, lazy = false): Page<R> {
  const query = new URL(requestUrl).searchParams;
  const size = pageSize(query);
  const rawPage = query.get('page') ?? '1';
  const pages = Math.max(1, Math.ceil(items.length / size));
  // DRF's PageNumberPagination.last_page_strings = ('last',); LazyPagination parses the number itself.
  const number = /^\s*\d+\s*$/.test(rawPage)
    ? Number.parseInt(rawPage, 10)
    : rawPage === 'last' && !lazy
      ? pages
      : Number.NaN;
  if (!Number.isInteger(number) || number < 1 || (!lazy && number > pages)) throw notFound('Invalid page.');
  const start = (number - 1) * size;
  const results = items.slice(start, start + size).map(map);
  const hasNext = start + size < items.length;
  return {
    count: lazy && number !== 1 ? null : items.length,
    next: hasNext ? pageLink(requestUrl, number + 1) : null,
    previous: number > 1 ? pageLink(requestUrl, number === 2 ? undefined : number - 1) : null,
    results,
  };
}
