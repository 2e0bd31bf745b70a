// Inside the browser worker, on a cross-origin isolated page: bytes come from the page, which fetches them
// asynchronously (its CachedSource merges, reads ahead and fetches planned chunks in parallel). The worker posts the
// range and blocks with Atomics.wait (always with a timeout) until the page signals, as ../worker-file-node.ts does
// in Node (docs/h5wasm.md §2 "make async fetch look synchronous").
import { CONTROL_LENGTH, CONTROL_SEQ, CONTROL_STATE, type BrowserWorkerMessage } from './protocol.js';
import type { SyncByteSource } from './sync-block-reader.js';
import { SourceFailure } from './sync-range-source.js';

/** A synchronous byte source answered by the page through a SharedArrayBuffer. */
export class SharedPageSource implements SyncByteSource {
  // The page counts requests and bytes (its cache may answer without a request).
  readonly requests = 0;
  readonly bytesFetched = 0;
  private readonly control: Int32Array;
  private buffer: SharedArrayBuffer;
  private seq = 0;

  constructor(
    readonly location: string,
    control: SharedArrayBuffer,
    private readonly waitTimeoutMs: number,
    private readonly post: (message: BrowserWorkerMessage) => void,
  ) {
    this.control = new Int32Array(control);
    this.buffer = new SharedArrayBuffer(1 << 20);
  }

  read(offset: number, length: number): Uint8Array {
    if (this.buffer.byteLength < length) this.buffer = new SharedArrayBuffer(length);
    this.seq = (this.seq + 1) | 0;
    const seq = this.seq;
    Atomics.store(this.control, CONTROL_STATE, 0);
    this.post({ type: 'fetch', seq, offset, length, buffer: this.buffer });
    const deadline = Date.now() + this.waitTimeoutMs;
    for (;;) {
      const state = Atomics.load(this.control, CONTROL_STATE);
      if (state !== 0 && Atomics.load(this.control, CONTROL_SEQ) === seq) break;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        // The page drops answers to abandoned requests; a fresh buffer keeps a late answer out of the next one.
        this.buffer = new SharedArrayBuffer(this.buffer.byteLength);
        throw new SourceFailure({
          type: 'network',
          message: `No bytes of ${this.location} arrived within ${this.waitTimeoutMs} ms.`,
          retryable: true,
        });
      }
      Atomics.wait(this.control, CONTROL_STATE, state, Math.min(remaining, 1000));
    }
    // The page keeps the real error and reports it in place of this one.
    if (Atomics.load(this.control, CONTROL_STATE) === 2)
      throw new SourceFailure({ type: 'network', message: `Reading ${this.location} failed.`, fromPage: true });
    return new Uint8Array(this.buffer, 0, Atomics.load(this.control, CONTROL_LENGTH)).slice();
  }
}
