// The engine's side of the transfer thread (transfer-worker.ts): start ranged GETs there, hear about written bytes,
// and get each transfer's result or typed error back. A call settles only after the thread has stopped writing
// for it, so the engine may close the file descriptor as soon as its transfers have settled.
import { Worker } from 'node:worker_threads';
import type { FileRangeRequest, RangeResult } from './http-range.js';
import { restoreError, type FromTransferThread, type ToTransferThread } from './transfer-protocol.js';

interface Call {
  onWritten: (length: number) => void;
  resolve: (result: RangeResult) => void;
  reject: (error: unknown) => void;
}

/** Where the compiled worker is: next to this module in dist, or in dist when this module runs from src (vitest). */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../dist/download/transfer-worker.js', here)
    : new URL('./transfer-worker.js', here);
}

/** A worker thread that runs every transfer of a download run, with keep-alive pools for `sockets` connections. */
export class TransferThread {
  readonly #calls = new Map<number, Call>();
  #worker: Worker | undefined;
  #next = 1;
  #closed = false;

  /**
   * `socketReader: false` keeps every transfer on node:http (to compare the two, and as a way out); `extraCa` (PEM)
   * is trusted for https besides Node's roots.
   */
  constructor(
    readonly sockets: number,
    readonly socketReader = true,
    readonly extraCa?: string,
  ) {}

  /** Stream bytes `[start, end]` of `url` into `fd`; rejects with the same typed errors fetchRange throws. */
  fetchRange(req: FileRangeRequest): Promise<RangeResult> {
    if (req.signal?.aborted) return Promise.reject(req.signal.reason);
    if (this.#closed) return Promise.reject(new Error('the transfer thread is closed'));
    const worker = this.#start();
    const id = this.#next++;
    return new Promise<RangeResult>((resolve, reject) => {
      const onAbort = () => this.#post({ type: 'abort', id });
      const settle = () => req.signal?.removeEventListener('abort', onAbort);
      this.#calls.set(id, {
        onWritten: req.onWritten,
        resolve: (result) => (settle(), resolve(result)),
        // The thread reports its own abort as an error: the caller's abort reason is what the caller expects.
        reject: (error) => (settle(), reject(req.signal?.aborted ? req.signal.reason : error)),
      });
      req.signal?.addEventListener('abort', onAbort, { once: true });
      const message: ToTransferThread = {
        type: 'fetch',
        id,
        url: req.url,
        start: req.start,
        end: req.end,
        totalSize: req.totalSize,
        idleTimeoutMs: req.idleTimeoutMs,
        expectedEtag: req.expectedEtag,
        fd: req.fd,
        path: req.path,
      };
      worker.postMessage(message);
    });
  }

  /** Stop the thread (its transfers must have settled). */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #post(message: ToTransferThread): void {
    this.#worker?.postMessage(message);
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const workerData = {
      sockets: this.sockets,
      socketReader: this.socketReader,
      ...(this.extraCa ? { extraCa: this.extraCa } : {}),
    };
    const worker = new Worker(workerUrl(), { workerData });
    worker.on('message', (message: FromTransferThread) => {
      const call = this.#calls.get(message.id);
      if (!call) return;
      if (message.type === 'written') return call.onWritten(message.length);
      this.#calls.delete(message.id);
      if (message.type === 'done') call.resolve({ bytes: message.bytes, etag: message.etag });
      else call.reject(restoreError(message.error));
    });
    // A thread that dies takes its writes with it: every open call fails (not retryable: something is broken).
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const call of this.#calls.values()) call.reject(error);
      this.#calls.clear();
    };
    worker.on('error', (error) =>
      fail(new Error(`the download transfer thread failed: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) => fail(new Error(`the download transfer thread stopped (exit ${code})`)));
    this.#worker = worker;
    return worker;
  }
}
