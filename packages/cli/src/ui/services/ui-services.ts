// What the terminal UI asks of the archive beyond the explorer seam's browsing and reading: downloads through
// core's engine, dandiset search, and a file's details. A context so screens take it from above and tests hand in
// fakes; `createArchiveServices` (archive-services.ts) implements it over core.
import { createContext, useContext } from 'react';
import type { DownloadEvent, DownloadReport } from '@ember-archive/core/node';
import type { ListingEntry } from '../data.js';

/** One labelled value of a file's details. */
export interface DetailField {
  label: string;
  value: string;
}

/** What the details view shows of a file: metadata and digests, and where to open it on the web. */
export interface FileDetails {
  uri: string;
  name: string;
  fields: DetailField[];
  digests: DetailField[];
  links: DetailField[];
}

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
  /** Metadata, digests and web links of a file. */
  details(uri: string): Promise<FileDetails>;
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
