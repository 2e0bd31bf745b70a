// UiServices over @ember-archive/core: the download engine the `download` command uses (plan, then fetch with
// resume and digest checks) and DANDI's own search for dandisets.
import { resolve } from 'node:path';
import type { Archive, ArchiveEntry } from '@ember-archive/core';
import { downloadItems, planDownloads, summarizePlan } from '@ember-archive/core/node';
import type { ListingEntry } from '../data.js';
import type { UiServices } from './ui-services.js';

/** The UI's services over `archive`; downloads go to `defaultDestination` unless the user picks another folder. */
export function createArchiveServices(archive: Archive, defaultDestination = process.cwd()): UiServices {
  return {
    defaultDestination,
    async download(uris, dest, onEvent, signal) {
      const items = await planDownloads(archive, [...uris], { signal });
      const target = resolve(dest);
      const plan = await summarizePlan(items, target, { digest: 'auto' });
      const verifiedPresent = new Set(plan.items.filter((item) => item.state === 'present').map((item) => item.path));
      return downloadItems(items, { dest: target, digest: 'auto', verifiedPresent, signal, onEvent });
    },
    searchDandisets(listing, query) {
      const target = archive.parse(listing ?? '');
      if (target.kind !== 'root' && target.kind !== 'instance') return undefined;
      return mapPages(
        archive.listEntries(
          target.kind === 'root' ? { kind: 'instance', instance: archive.config.defaultInstance } : target,
          { search: query },
        ),
      );
    },
  };
}

// Entries as the listing shows them: the parsed target stays in core (screens pass the uri back).
async function* mapPages(pages: AsyncIterable<ArchiveEntry[]>): AsyncGenerator<ListingEntry[]> {
  for await (const page of pages) yield page.map(listingEntry);
}

function listingEntry(entry: ArchiveEntry): ListingEntry {
  const shown: ListingEntry = { name: entry.name, kind: entry.kind, uri: entry.uri };
  if (entry.title !== undefined) shown.title = entry.title;
  if (entry.size !== undefined) shown.size = entry.size;
  if (entry.fileCount !== undefined) shown.fileCount = entry.fileCount;
  if (entry.modified !== undefined) shown.modified = entry.modified;
  return shown;
}
