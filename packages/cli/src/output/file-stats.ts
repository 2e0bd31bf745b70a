// The --stats figures of the HDF5 commands: a JSON object for --json, a line for people.
import type { FileStats } from '@ember-archive/core';

/** The --stats figures: requests, bytes fetched, file size, cache hits. */
export function statsJson(stats: FileStats): FileStats {
  return {
    requests: stats.requests,
    bytesFetched: stats.bytesFetched,
    fileSize: stats.fileSize,
    cacheHits: stats.cacheHits,
  };
}

/** The --stats line for humans. */
export function statsLine(stats: FileStats): string {
  const share = stats.fileSize > 0 ? ((100 * stats.bytesFetched) / stats.fileSize).toFixed(2) : '0';
  return `${stats.requests} requests, ${stats.bytesFetched} bytes fetched (${share}% of ${stats.fileSize} bytes)\n`;
}
