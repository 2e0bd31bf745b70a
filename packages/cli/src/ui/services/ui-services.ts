// What the terminal UI asks of the archive beyond the explorer seam's browsing, reading and file info: downloads
// through core's engine (Node only, so not on the seam the browser shares) and dandiset search. A context so screens take it from above and tests hand in
// fakes; `createArchiveServices` (archive-services.ts) implements it over core.
import { createContext, useContext } from 'react';
import type { DownloadEvent, DownloadReport } from '@ember-archive/core/node';
import type { ListingEntry } from '../data.js';

/** Services the UI needs of the archive outside the explorer seam. */
export interface UiServices {
  /** Plan and fetch `uris` (files or folders) into `dest`, verified and resumable; aborting `signal` stops it. */
  download(
    uris: readonly string[],
    dest: string,
    onEvent: (event: DownloadEvent) => void,
    signal: AbortSignal,
  ): Promise<DownloadReport>;
  /** Dandisets whose text matches `query`, page by page, as listing entries (undefined: not a searchable listing). */
  searchDandisets(listing: string | undefined, query: string): AsyncIterable<ListingEntry[]> | undefined;
  /** Where downloads go unless the user says otherwise. */
  readonly defaultDestination: string;
}

const UiServicesContext = createContext<UiServices | null>(null);

/** Provides the services to every screen below it. */
export const UiServicesProvider = UiServicesContext.Provider;

/** The services, or null when the UI runs without them (some tests). */
export function useUiServices(): UiServices | null {
  return useContext(UiServicesContext);
}
