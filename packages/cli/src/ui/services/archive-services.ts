// UiServices over @ember-archive/core: the download engine the `download` command uses (plan, then fetch with
// resume and digest checks), DANDI's own search for dandisets, and an asset's metadata from the DANDI API.
import { resolve } from 'node:path';
import { dandiWebLinks, type Archive } from '@ember-archive/core';
import { downloadItems, planDownloads, summarizePlan } from '@ember-archive/core/node';
import type { ListingEntry } from '../data.js';
import { formatBytes } from '../components/units.js';
import type { DetailField, FileDetails, UiServices } from './ui-services.js';

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
    details: (uri) => fileDetails(archive, uri),
  };
}

async function* mapPages(
  pages: AsyncIterable<(ListingEntry & { target?: unknown })[]>,
): AsyncGenerator<ListingEntry[]> {
  for await (const page of pages) yield page.map(({ target: _target, ...entry }) => entry);
}

async function fileDetails(archive: Archive, uri: string): Promise<FileDetails> {
  const location = await archive.resolveFile(archive.parse(uri));
  const name = uri.split('#')[0]?.replace(/\/+$/, '').split('/').pop() ?? uri;
  const fields: DetailField[] = [];
  if (location.size !== undefined)
    fields.push({
      label: 'size',
      value: `${formatBytes(location.size)} (${location.size.toLocaleString('en-US')} bytes)`,
    });
  const digests: DetailField[] = [];
  const links: DetailField[] = [];
  if (location.kind === 'local') fields.push({ label: 'path', value: location.path });
  else fields.push({ label: 'url', value: location.url });
  if (location.kind === 'remote') {
    if (location.contentType) fields.push({ label: 'type', value: location.contentType });
    if (location.etag && !location.asset) digests.push({ label: 'S3 ETag', value: location.etag });
  }
  const asset = location.kind === 'remote' ? location.asset : undefined;
  if (asset) {
    fields.push({ label: 'asset', value: asset.assetId });
    if (asset.dandisetId) fields.push({ label: 'dandiset', value: `${asset.dandisetId}@${asset.version ?? 'draft'}` });
    fields.push({ label: 'path', value: asset.path });
    if (asset.encodingFormat) fields.push({ label: 'format', value: asset.encodingFormat });
    if (asset.metadata.dateModified) fields.push({ label: 'modified', value: asset.metadata.dateModified });
    if (asset.metadata.accessStatus) fields.push({ label: 'access', value: asset.metadata.accessStatus });
    for (const [kind, value] of Object.entries(asset.digests))
      if (typeof value === 'string') digests.push({ label: kind, value });
    for (const link of dandiWebLinks(archive.dandi(asset.instance).instance, asset))
      links.push({ label: link.label, value: link.url });
  }
  return { uri, name, fields, digests, links };
}
