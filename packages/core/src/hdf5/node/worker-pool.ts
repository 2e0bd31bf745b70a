// Warm h5wasm worker threads kept between files. Starting a worker and instantiating wasm costs 0.2-0.3 s, and the
// first reads in a fresh worker run 2-3x slower than later ones (wasm not yet tiered up: bench/README.md "Pose
// extraction"), so a closed file hands its worker back here instead of ending it. Every open file still has a worker
// of its own (files never share a thread, so many open files all progress and a trap in one cannot touch another);
// only idle workers are pooled: at most `maxIdle`, each ended after `idleTimeoutMs` without a file, unref'd so an
// idle worker never keeps the process alive. Workers that hit a failure are never pooled (the caller decides).
import { Worker } from 'node:worker_threads';
import type { WorkerMessage } from '../shared/worker-protocol.js';

/** Limits of the pool of idle HDF5 workers. */
export interface Hdf5WorkerPoolLimits {
  /** Idle workers kept at most (default 2; 0 ends every worker on close). */
  maxIdle?: number;
  /** An idle worker ends after this long without a file (default 5 s). */
  idleTimeoutMs?: number;
  /** A worker whose wasm heap grew beyond this is ended on close, since the heap never shrinks (default 256 MiB). */
  maxIdleHeapBytes?: number;
}

/** What a worker's current file receives from it. */
export interface WorkerOwner {
  onMessage(message: WorkerMessage): void;
  /** The thread failed; `started` tells whether the engine had come up at all. */
  onError(error: Error, started: boolean): void;
  onExit(): void;
}

const limits: Required<Hdf5WorkerPoolLimits> = {
  maxIdle: 2,
  idleTimeoutMs: 5_000,
  maxIdleHeapBytes: 256 * 1024 * 1024,
};
const idle: Hdf5Worker[] = [];
let alive = 0;

/** One h5wasm worker thread, lent to one file at a time. */
export class Hdf5Worker {
  readonly thread: Worker;
  /** The engine came up (the worker said "ready"). */
  started = false;
  exited = false;
  private owner: WorkerOwner | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor() {
    // Workers inherit the parent's execArgv; --input-type (node -e scripts) makes a file worker fail to start.
    const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
    this.thread = new Worker(workerUrl(), { execArgv });
    alive++;
    this.thread.unref();
    this.thread.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') this.started = true;
      else this.owner?.onMessage(message);
    });
    this.thread.on('error', (error) => this.owner?.onError(error, this.started));
    this.thread.on('exit', () => {
      if (this.exited) return;
      this.exited = true;
      alive--;
      this.leaveIdle();
      this.owner?.onExit();
    });
  }

  /** Lend the worker to `owner` (its messages go there until release). */
  lend(owner: WorkerOwner): void {
    this.leaveIdle();
    this.owner = owner;
  }

  /** Stop the thread for good. */
  async terminate(): Promise<void> {
    this.owner = undefined;
    this.leaveIdle();
    await this.thread.terminate();
  }

  /** Back to the pool when it is healthy, small enough and there is room; otherwise ended. */
  async release(reusable: boolean, heapBytes: number | undefined): Promise<void> {
    this.owner = undefined;
    const keep =
      reusable &&
      !this.exited &&
      heapBytes !== undefined &&
      heapBytes <= limits.maxIdleHeapBytes &&
      idle.length < limits.maxIdle;
    if (!keep) {
      await this.terminate();
      return;
    }
    this.park();
  }

  /** Wait in the pool for a file, ended after the idle timeout. */
  park(): void {
    this.thread.unref();
    this.idleTimer = setTimeout(() => void this.terminate(), limits.idleTimeoutMs);
    this.idleTimer.unref();
    idle.push(this);
  }

  private leaveIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const at = idle.indexOf(this);
    if (at >= 0) idle.splice(at, 1);
  }
}

/** A warm idle worker if there is one (the most recently used), else a new one. */
export function acquireWorker(owner: WorkerOwner): Hdf5Worker {
  const worker = idle.pop() ?? new Hdf5Worker();
  worker.lend(owner);
  return worker;
}

/**
 * Start a worker into the pool now unless one is idle already, so the next open does not wait 0.2-0.3 s for its
 * thread and wasm: for a front end about to open files on a keypress. Unused, it ends like any idle worker.
 */
export function prewarmHdf5Worker(): void {
  if (idle.length === 0 && limits.maxIdle > 0) new Hdf5Worker().park();
}

/** Worker threads alive: serving an open file or idle in the pool (for leak checks). */
export function openHdf5WorkerCount(): number {
  return alive;
}

/** Idle workers waiting in the pool. */
export function idleHdf5WorkerCount(): number {
  return idle.length;
}

/** End every idle worker now (open files keep theirs); resolves when they have exited. */
export async function closeIdleHdf5Workers(): Promise<void> {
  await Promise.all([...idle].map((worker) => worker.terminate()));
}

/** Change the pool's limits (unset fields keep their value); idle workers beyond a lower maxIdle end now. */
export function setHdf5WorkerPoolLimits(next: Hdf5WorkerPoolLimits): void {
  for (const key of ['maxIdle', 'idleTimeoutMs', 'maxIdleHeapBytes'] as const) {
    const value = next[key];
    if (value === undefined) continue;
    if (!(Number.isFinite(value) && value >= 0))
      throw new RangeError(`${key} must be a non-negative number, not ${value}.`);
    limits[key] = value;
  }
  while (idle.length > limits.maxIdle) void idle[0]!.terminate();
}

/** Where the compiled worker is: next to this module in dist, or in dist when this module runs from src (vitest). */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../../dist/hdf5/node/worker.js', here) : new URL('./worker.js', here);
}
