// The error the HDF5 reader raises for failures it recognises itself (missing path, bad selection, too large...).
// Its own module, so the parent thread can tell it apart without loading h5wasm.
import type { WorkerError } from './worker-protocol.js';

/** A failure the reader reports as a typed error kind. */
export class ReaderError extends Error {
  constructor(readonly detail: WorkerError) {
    super(detail.message);
  }
}
