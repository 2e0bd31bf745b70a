// The one seam under HDF5: anything that can say how big it is and hand back a byte range.
// Local files, HTTP(S) Range requests and S3 objects implement it; a block cache wraps any of them.

/** Bytes of one file, wherever it lives. */
export interface ByteSource {
  /** What the user would call this file (path or URL); used in error messages. */
  readonly location: string;
  /** Total size in bytes, known once `open()` has resolved. */
  size(): Promise<number>;
  /** Exactly `length` bytes from `offset` (fewer only at the end of the file). */
  read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array>;
  /** Counters of what this source has cost so far. */
  stats(): FetchStats;
  /** Release file handles or sockets. */
  close(): Promise<void>;
}

/** What reading a source has cost: requests made, bytes moved, cache hits. */
export interface FetchStats {
  requests: number;
  bytesFetched: number;
  cacheHits: number;
  cacheMisses: number;
}
