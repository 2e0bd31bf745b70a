// A few decoder threads (decode-worker.ts) shared by every open file. Inflating with node:zlib's async API on the
// reading thread cost more of that thread than the inflating itself (a stream object, buffer list and callbacks per
// chunk), and handing decoded chunks back to be placed there cost copies and garbage collection (~0.1 s per large NWB
// extraction), so a whole range job goes to a thread, which reads a local file itself and writes the values into
// the output shared with it. Threads start on first use, are unref'd while idle (they never keep the process alive)
// and end after a while without work.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ChunkDecodeError } from './decode-chunk.js';
import type { DecoderAnswer, DecoderRequest } from './decode-worker.js';
import type { RangeJob, RangeRunner } from './range-job.js';

const IDLE_TIMEOUT_MS = 5_000;

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

class DecoderThread {
  readonly thread: Worker;
  readonly waiting = new Map<number, Waiting>();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly leave: (thread: DecoderThread) => void) {
    const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
    this.thread = new Worker(workerUrl(), { execArgv });
    this.thread.unref();
    this.thread.on('message', (answer: DecoderAnswer) => this.answer(answer));
    this.thread.on('error', (error) => this.failAll(error));
    this.thread.on('exit', () => {
      this.leave(this);
      this.failAll(new Error('the chunk decoder thread stopped'));
    });
    this.idle();
  }

  run(id: number, job: RangeJob): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread.ref();
      const bytes = job.bytes;
      // Move fetched bytes that own their buffer (they are not used here again); anything else is copied.
      const transfer =
        bytes &&
        bytes.byteOffset === 0 &&
        bytes.buffer instanceof ArrayBuffer &&
        bytes.byteLength === bytes.buffer.byteLength
          ? [bytes.buffer]
          : [];
      this.thread.postMessage({ id, job } satisfies DecoderRequest, transfer);
    });
  }

  private answer(answer: DecoderAnswer): void {
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.idle();
    if (answer.ok) waiting.resolve();
    else waiting.reject(answer.decodeError ? new ChunkDecodeError(answer.message) : new Error(answer.message));
  }

  /** Nothing to do: let the process exit, and end the thread if no job comes for a while. */
  private idle(): void {
    this.thread.unref();
    this.idleTimer = setTimeout(() => {
      // Out of the pool first, so no job is handed to a thread that is ending.
      this.leave(this);
      void this.thread.terminate();
    }, IDLE_TIMEOUT_MS);
    this.idleTimer.unref();
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

const threads: DecoderThread[] = [];
let nextId = 1;

function poolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function startThread(): DecoderThread {
  const thread = new DecoderThread((gone) => {
    const at = threads.indexOf(gone);
    if (at >= 0) threads.splice(at, 1);
  });
  threads.push(thread);
  return thread;
}

/**
 * Start the decoder threads now (a file was opened and will likely be read), so their start-up (~30-50 ms each)
 * overlaps opening the file instead of delaying its first read. Idle threads end after a few seconds as usual.
 */
export function prestartDecoderPool(): void {
  while (threads.length < poolSize()) startThread();
}

/**
 * Run a range job on the least busy decoder thread (one per core, at most 4, started on demand). The job's output
 * must be backed by a SharedArrayBuffer: the thread writes the values there.
 */
export const runInDecoderPool: RangeRunner = (job) => {
  if (!(job.out.buffer instanceof SharedArrayBuffer))
    return Promise.reject(new TypeError('A pooled range job needs an output in a SharedArrayBuffer.'));
  let thread = threads.reduce<DecoderThread | undefined>(
    (best, t) => (!best || t.waiting.size < best.waiting.size ? t : best),
    undefined,
  );
  if (!thread || (thread.waiting.size > 0 && threads.length < poolSize())) thread = startThread();
  return thread.run(nextId++, job);
};

/** Decoder threads alive (for leak checks). */
export function decoderThreadCount(): number {
  return threads.length;
}

/** Where the compiled worker is: next to this module in dist, or in dist when this module runs from src (vitest). */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../../dist/hdf5/direct/decode-worker.js', here)
    : new URL('./decode-worker.js', here);
}
