// How `ls` prints entries: a fixed-width table for people (a TTY), tab-separated rows for scripts, JSON objects for
// --json. Pure functions over one page at a time, so a listing of any length streams without being held whole.
import type { ListingEntry } from '@ember-archive/core';
import { formatBytes } from '../ui/components/units.js';

const SIZE_WIDTH = 8;
const FILES_WIDTH = 9;

/** The table's header line. */
export function listingHeader(): string {
  return `${'SIZE'.padStart(SIZE_WIDTH)}  ${'FILES'.padStart(FILES_WIDTH)}  NAME\n`;
}

/** Table rows: size and file count right-aligned, folders marked with a trailing "/", a dandiset's title after its name. */
export function listingRows(entries: readonly ListingEntry[]): string {
  return entries
    .map((entry) => {
      const size = entry.size === undefined ? '-' : formatBytes(entry.size);
      const files = entry.fileCount === undefined ? '' : entry.fileCount.toLocaleString('en-US');
      const name = entry.kind === 'folder' ? `${entry.name}/` : entry.name;
      const title = entry.title ? `  ${entry.title}` : '';
      return `${size.padStart(SIZE_WIDTH)}  ${files.padStart(FILES_WIDTH)}  ${name}${title}\n`;
    })
    .join('');
}

/** Tab-separated rows for pipes: kind, size in bytes, file count, name, uri (empty fields where unknown). */
export function listingTsv(entries: readonly ListingEntry[]): string {
  return entries
    .map((e) =>
      [e.kind, e.size ?? '', e.fileCount ?? '', e.name, e.uri]
        .map((field) => String(field).replace(/[\t\n]/g, ' '))
        .join('\t'),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** The JSON object of one entry: name, kind, size?, fileCount?, uri, and title/modified/status where known. */
export function listingJson(entry: ListingEntry): Record<string, string | number> {
  return {
    name: entry.name,
    kind: entry.kind,
    ...(entry.size === undefined ? {} : { size: entry.size }),
    ...(entry.fileCount === undefined ? {} : { fileCount: entry.fileCount }),
    uri: entry.uri,
    ...(entry.title === undefined ? {} : { title: entry.title }),
    ...(entry.modified === undefined ? {} : { modified: entry.modified }),
    ...(entry.status === undefined ? {} : { status: entry.status }),
  };
}
