// Messages between an Hdf5File (parent thread) and its h5wasm worker. The worker answers HDF5 calls one at a time;
// while one runs it may ask the parent for bytes and block on the shared control array until they are there.
import type { FileCall, FileCallResults } from './file-calls.js';

/** How the worker reaches the file's bytes. */
export type WorkerSource =
  /** A local file: the worker reads it itself with positioned synchronous reads. */
  | { mode: 'local'; path: string }
  /** Anything else: the worker asks the parent for aligned blocks and keeps a small cache of its own. */
  | {
      mode: 'remote';
      size: number;
      blockSize: number;
      localCacheBytes: number;
      control: SharedArrayBuffer;
      waitTimeoutMs: number;
    };

/** What the worker needs to open one file (sent with "open": a pooled worker serves many files in turn). */
export interface WorkerInit {
  location: string;
  source: WorkerSource;
  /** Largest selection, in bytes, one read may return. */
  readLimitBytes: number;
  /** Budget of decoded blocks kept above HDF5 for repeated windows. */
  decodedCacheBytes: number;
}

/** One call into the worker. */
export type WorkerRequest = { id: number; op: 'open'; init: WorkerInit } | FileCall | { id: number; op: 'close' };

/** What each call returns. */
export interface WorkerResults extends FileCallResults {
  open: null;
  /** The wasm heap's size after close (it never shrinks), so the parent can end a worker that grew too big to pool. */
  close: { heapBytes: number };
}

/** Failure kinds the worker can tell apart; the parent turns them into typed errors. */
export type WorkerErrorKind =
  'not-hdf5' | 'corrupt' | 'unsupported' | 'not-found' | 'invalid-input' | 'too-large' | 'source' | 'source-timeout';

/** A worker failure, plain data so it survives postMessage. */
export interface WorkerError {
  kind: WorkerErrorKind;
  message: string;
  /** For too-large: requested and allowed bytes. */
  bytes?: number;
  limit?: number;
  /** The wasm module trapped: the worker cannot be trusted any more. */
  fatal?: boolean;
}

/** Counters the worker keeps (local reads, its own cache hits). */
export interface WorkerCounters {
  reads: number;
  bytesRead: number;
  localHits: number;
}

/** Worker -> parent. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fetch'; seq: number; offset: number; length: number; buffer: SharedArrayBuffer }
  /** Ranges HDF5 is about to read (chunks of the current selection): fetch them ahead, nobody waits. */
  | { type: 'prefetch'; ranges: [number, number][] }
  | { type: 'result'; id: number; ok: true; value: unknown; counters: WorkerCounters }
  | { type: 'result'; id: number; ok: false; error: WorkerError; counters: WorkerCounters };

// The control array's slots are shared by every engine.
export { CONTROL_LENGTH, CONTROL_SEQ, CONTROL_SLOTS, CONTROL_STATE } from './shared-control.js';
