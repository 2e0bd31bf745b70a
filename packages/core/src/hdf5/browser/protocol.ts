// Messages between openHdf5InBrowser (the page) and its dedicated Web Worker. By default the worker reads the file by
// synchronous HTTP Range requests itself: a call goes in, a result (or a failure described as plain data) comes out,
// with the worker's fetch counters attached. On a cross-origin isolated page the page fetches instead, as the Node
// parent does: the worker posts the range it needs and blocks on a SharedArrayBuffer until the bytes are there.
import type { FetchStats } from '../../source/byte-source.js';
import type { WorkerError } from '../shared/worker-protocol.js';
import type { FileCall, FileCallResults } from '../shared/file-calls.js';

/** How the worker gets bytes: synchronous XHR itself, or from the page through shared memory. */
export type BrowserTransport =
  { kind: 'xhr' } | { kind: 'shared'; size: number; control: SharedArrayBuffer; waitTimeoutMs: number };

/** What the worker needs to open one file. */
export interface BrowserWorkerInit {
  transport: BrowserTransport;
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
export type BrowserWorkerRequest = { id: number; op: 'open'; init: BrowserWorkerInit } | FileCall;

/** What each call returns. */
export interface BrowserWorkerResults extends FileCallResults {
  open: { size: number };
}

/** A failure of the byte source (HTTP status, network, CORS, protocol), enough to rebuild the same typed error. */
export interface SourceFailureInfo {
  type: 'not-found' | 'auth' | 'protocol' | 'network';
  message: string;
  status?: number;
  retryable?: boolean;
  /** Shared transport: the page's fetch failed, and the page holds the real error. */
  fromPage?: boolean;
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
  | { type: 'engine-failed'; message: string }
  /** Shared transport: put [offset, offset+length) into `buffer`, then signal on the control array. */
  | { type: 'fetch'; seq: number; offset: number; length: number; buffer: SharedArrayBuffer }
  /** Shared transport: ranges HDF5 is about to read (chunks of the current selection); nobody waits for them. */
  | { type: 'prefetch'; ranges: [number, number][] };

// The control array's slots are shared by every engine.
export { CONTROL_LENGTH, CONTROL_SEQ, CONTROL_SLOTS, CONTROL_STATE } from '../shared/shared-control.js';
