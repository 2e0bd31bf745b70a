// Messages between openHdf5InBrowser (the page) and its dedicated Web Worker. The worker reads the file by synchronous
// HTTP Range requests itself, so unlike the Node worker it never asks the page for bytes: a call goes in, a result
// (or a failure described as plain data) comes out, with the worker's fetch counters attached.
import type { FetchStats } from '../../source/byte-source.js';
import type { WorkerError } from '../worker-protocol.js';
import type { AttrValue, DatasetInfo, DatasetValues, Hdf5Node, Slice } from '../types.js';

/** What the worker needs to open one file. */
export interface BrowserWorkerInit {
  /** The URL to read, absolute (the worker resolves relative URLs against its own script, not the page). */
  url: string;
  /** The URL as the caller gave it, used in error messages. */
  location: string;
  blockSize: number;
  cacheBytes: number;
  /** Largest readahead on sequential misses. */
  maxReadaheadBytes: number;
  /** Bytes of the first GET, which also learns the size from Content-Range. */
  probeBytes: number;
  requestTimeoutMs: number;
  /** Attempts per range request when the failure is worth retrying (network error, 429, 5xx). */
  attempts: number;
  headers: Record<string, string>;
  readLimitBytes: number;
  decodedCacheBytes: number;
}

/** One call into the worker. */
export type BrowserWorkerRequest =
  | { id: number; op: 'open'; init: BrowserWorkerInit }
  | { id: number; op: 'list'; path: string }
  | { id: number; op: 'walk' }
  | { id: number; op: 'node'; path: string }
  | { id: number; op: 'attrs'; path: string }
  | { id: number; op: 'dataset'; path: string }
  | { id: number; op: 'read'; path: string; selection: Slice[] | undefined };

/** What each call returns. */
export interface BrowserWorkerResults {
  open: { size: number };
  list: Hdf5Node[];
  walk: Hdf5Node[];
  node: Hdf5Node | null;
  attrs: Record<string, AttrValue>;
  dataset: DatasetInfo;
  read: DatasetValues;
}

/** A failure of the byte source (HTTP status, network, CORS, protocol), enough to rebuild the same typed error. */
export interface SourceFailureInfo {
  type: 'not-found' | 'auth' | 'protocol' | 'network';
  message: string;
  status?: number;
  retryable?: boolean;
}

/** A failed call: the HDF5 failure kind, plus the source's own failure when bytes could not be read. */
export interface BrowserWorkerFailure extends WorkerError {
  source?: SourceFailureInfo;
}

/** Worker -> page. */
export type BrowserWorkerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown; stats: FetchStats }
  | { type: 'result'; id: number; ok: false; error: BrowserWorkerFailure; stats: FetchStats }
  /** The engine could not start (h5wasm failed to load or compile). */
  | { type: 'engine-failed'; message: string };
