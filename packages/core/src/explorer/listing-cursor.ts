// Cursor pagination over the Archive's async page iterators. A cursor is opaque to callers; inside it names the
// listing (uri), the page it continues from, and the session that holds the live iterator, so the next page is
// one more request rather than re-reading every earlier page. Cursors whose iterator is gone (another process,
// evicted, a restart) still work: the listing is re-read and the earlier pages skipped.
import type { ArchiveEntry } from '../archive/archive.js';
import { InvalidInputError } from '../errors.js';
import type { ListingEntry, ListingPage } from './explorer.js';

/** Live listings kept per explorer: enough for a few screens and requests at once, each holding one iterator. */
const LIVE_LISTINGS = 64;

interface CursorState {
  /** Listing uri ('' for the root). */
  u: string;
  /** Pages already returned. */
  p: number;
  /** Session of the live iterator. */
  s: string;
}

// base64url of the JSON, with btoa/atob so the seam runs in browsers and workers as well as Node.
function encodeCursor(state: CursorState): string {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function cursorJson(cursor: string): string {
  const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function decodeCursor(cursor: string, uri: string): CursorState {
  let state: unknown;
  try {
    state = JSON.parse(cursorJson(cursor));
  } catch {
    state = undefined;
  }
  const s = state as Partial<CursorState> | undefined;
  if (!s || typeof s.u !== 'string' || typeof s.p !== 'number' || typeof s.s !== 'string' || !Number.isInteger(s.p)) {
    throw new InvalidInputError(`"${cursor}" is not a listing cursor this explorer gave.`, cursor);
  }
  if (s.u !== uri)
    throw new InvalidInputError(`The cursor "${cursor}" continues another listing than "${uri}".`, cursor);
  return s as CursorState;
}

/** A listing row without its parsed target (front ends pass the uri back). */
export function toListingEntry(entry: ArchiveEntry): ListingEntry {
  return {
    name: entry.name,
    kind: entry.kind,
    uri: entry.uri,
    ...(entry.size !== undefined ? { size: entry.size } : {}),
    ...(entry.fileCount !== undefined ? { fileCount: entry.fileCount } : {}),
    ...(entry.modified !== undefined ? { modified: entry.modified } : {}),
    ...(entry.title !== undefined ? { title: entry.title } : {}),
    ...(entry.status !== undefined ? { status: entry.status } : {}),
  };
}

/** Pages of listings by cursor, over a function that lists a uri as an async iterator of pages. */
export class ListingCursors {
  readonly #list: (uri: string) => AsyncIterator<ArchiveEntry[]>;
  readonly #live = new Map<string, AsyncIterator<ArchiveEntry[]>>();
  // Sessions distinguish this explorer's cursors from another's (or an earlier run's) with the same page numbers.
  readonly #id = Math.random().toString(36).slice(2, 10);
  #sessions = 0;

  constructor(list: (uri: string) => AsyncIterator<ArchiveEntry[]>) {
    this.#list = list;
  }

  /**
   * One page of `uri` after `cursor` (the first page without one). `next` is absent once the listing is exhausted;
   * as the archive cannot tell in advance, the page after the last full one may come back empty without `next`.
   */
  async page(uri: string, cursor?: string): Promise<ListingPage> {
    const state = cursor === undefined ? undefined : decodeCursor(cursor, uri);
    const session = state?.s ?? `${this.#id}.${++this.#sessions}`;
    const pagesBefore = state?.p ?? 0;
    const key = `${session}:${pagesBefore}`;
    let pages = this.#live.get(key);
    this.#live.delete(key);
    if (pages === undefined) {
      pages = this.#list(uri);
      for (let skipped = 0; skipped < pagesBefore; skipped++) {
        if ((await pages.next()).done) return { entries: [] };
      }
    }
    const result = await pages.next();
    if (result.done) return { entries: [] };
    const next: CursorState = { u: uri, p: pagesBefore + 1, s: session };
    this.#keep(`${session}:${next.p}`, pages);
    return { entries: result.value.map(toListingEntry), next: encodeCursor(next) };
  }

  #keep(key: string, pages: AsyncIterator<ArchiveEntry[]>): void {
    this.#live.set(key, pages);
    while (this.#live.size > LIVE_LISTINGS) {
      const [oldest, iterator] = this.#live.entries().next().value as [string, AsyncIterator<ArchiveEntry[]>];
      this.#live.delete(oldest);
      void iterator.return?.();
    }
  }
}
