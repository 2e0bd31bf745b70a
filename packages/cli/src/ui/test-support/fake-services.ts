// UiServices for UI tests: a download that sends progress events over time and stops when aborted, a search over
// a fixed list. Every call is recorded.
import type { DownloadEvent, DownloadReport } from '@ember-archive/core/node';
import type { ListingEntry } from '../data.js';
import type { UiServices } from '../services/ui-services.js';

/** What the fake was asked. */
export interface FakeServicesLog {
  downloads: { uris: readonly string[]; dest: string }[];
  searches: string[];
  aborted: number;
}

/** Fake services; `dandisets` answer searches (by name or title), `stepMs` paces the download's events. */
export function fakeServices(dandisets: ListingEntry[] = [], stepMs = 40): UiServices & { log: FakeServicesLog } {
  const log: FakeServicesLog = { downloads: [], searches: [], aborted: 0 };
  return {
    log,
    defaultDestination: '/tmp/ember-downloads',
    async download(uris, dest, onEvent: (event: DownloadEvent) => void, signal) {
      log.downloads.push({ uris, dest });
      const size = 1_000_000;
      onEvent({ type: 'start', files: 1, totalBytes: size });
      onEvent({ type: 'file-start', path: 'big.nwb', size, resumed: 0 });
      for (let bytes = 0; bytes <= size; bytes += 10_000) {
        await new Promise((resolve) => setTimeout(resolve, stepMs));
        if (signal.aborted) {
          log.aborted += 1;
          throw signal.reason;
        }
        onEvent({ type: 'progress', path: 'big.nwb', bytes, size });
      }
      const report: DownloadReport = {
        files: 1,
        downloaded: 1,
        skipped: 0,
        failed: 0,
        totalBytes: size,
        fetchedBytes: size,
        elapsedMs: 100,
        outcomes: [],
      };
      onEvent({ type: 'done', report });
      return report;
    },
    searchDandisets(listing, query) {
      if (listing !== undefined && !listing.startsWith('dandi://ember-dandi/')) return undefined;
      if (listing !== undefined && listing.split('/').length > 4) return undefined;
      return (async function* () {
        if (query) log.searches.push(query);
        yield dandisets.filter((d) => `${d.name} ${d.title ?? ''}`.toLowerCase().includes(query.toLowerCase()));
      })();
    },
  };
}
