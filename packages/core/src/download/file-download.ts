// Download one planned file: resume or start its temporary file, fetch the missing ranges in parallel parts with
// retries, digest what is on disk, and rename onto the destination path only when the digest matches.
import { constants } from 'node:fs';
import { lstat, open, rename, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { DestinationError, EmberError, IntegrityError, NetworkError } from '../errors.js';
import { chooseDigest, type DigestPreference, type ExpectedDigest } from './digest.js';
import { RetryableNetworkError } from './http-range.js';
import {
  loadResumeState,
  partialPaths,
  planParts,
  removePartial,
  saveResumeState,
  type PartState,
  type ResumeState,
} from './resume-state.js';
import { retryDelay, sleep, type RetryPolicy } from '../retry.js';
import { resolveInside } from './safe-path.js';
import { dandiPartLayout } from './dandi-etag.js';
import { createWorkerHasher, type FileHasher } from './hash-worker.js';
import { digestFile, SequentialHasher } from './sequential-hasher.js';
import type { Semaphore } from './semaphore.js';
import type { TransferThread } from './transfer-thread.js';
import type { DownloadEvent, DownloadItem, FileOutcome } from './types.js';

/** Everything a file download shares with the rest of the run. */
export interface FileDownloadContext {
  root: string;
  /** Runs every ranged GET of the run and writes its bytes. */
  thread: TransferThread;
  transfers: Semaphore;
  partSize: number;
  retry: RetryPolicy;
  idleTimeoutMs: number;
  verify: boolean;
  /** Which digest to verify when a file has several. */
  digest: DigestPreference;
  verifiedPresent: ReadonlySet<string>;
  /** Files at least this big are digested on a worker thread. */
  workerHashMinBytes: number;
  signal: AbortSignal | undefined;
  random: () => number;
  emit: (event: DownloadEvent) => void;
}

/** Save resume state at most this often while bytes flow (and always when a part ends or the run stops). */
const STATE_INTERVAL_MS = 1000;
/**
 * The digest recorded in the resume state of a run with `verify: false` (benchmarks only). No verifying run
 * accepts it (theirs is `{ kind: 'size', value: '' }` or a real digest), so such partial files need no flush to
 * disk: the unverified baseline does the same disk work as a verified run, minus the digest.
 */
const UNVERIFIED: ExpectedDigest = { kind: 'size', value: 'unverified' };
const PROGRESS_INTERVAL_MS = 200;
/** Worker threads sharing one dandi-etag's parts: the transfer is done long before MD5 is on one core. */
const ETAG_HASH_THREADS = Math.min(2, availableParallelism());

/** Download `item` under `ctx.root`; never throws for the file's own failures, which land in the outcome. */
export async function downloadFile(item: DownloadItem, ctx: FileDownloadContext): Promise<FileOutcome> {
  const outcome: FileOutcome = { path: item.path, status: 'failed', size: item.size, fetched: 0, resumed: 0 };
  try {
    const target = await resolveInside(ctx.root, item.path, { create: true });
    const expected = ctx.verify ? chooseDigest(item, ctx.digest) : { kind: 'size' as const, value: '' };
    outcome.verifiedBy = expected.kind;
    if (await matchesExisting(target, item.size, expected, ctx.verifiedPresent.has(item.path))) {
      outcome.status = 'skipped';
      outcome.digest = expected.value || undefined;
      return outcome;
    }
    // One fresh start after a digest mismatch: the bad bytes could have come from a flaky hop and we cannot
    // tell which part they are in, so everything is fetched again once.
    for (let round = 0; ; round++) {
      try {
        await fetchToPartial(item, target, expected, ctx, outcome);
        outcome.status = 'downloaded';
        outcome.digest = expected.value || undefined;
        return outcome;
      } catch (error) {
        if (!(error instanceof IntegrityError) || round >= 1 || ctx.signal?.aborted) throw error;
        ctx.emit({ type: 'retry', path: item.path, attempt: round + 1, delayMs: 0, reason: error.message });
      }
    }
  } catch (error) {
    if (ctx.signal?.aborted) throw ctx.signal.reason ?? error;
    outcome.status = 'failed';
    outcome.error =
      error instanceof EmberError
        ? error.message
        : `Unexpected error downloading ${item.path}: ${(error as Error).message}`;
    outcome.errorCode = error instanceof EmberError ? error.code : 'unexpected';
    return outcome;
  }
}

/** True if a regular file of the right size and digest is already at `target`. */
async function matchesExisting(
  target: string,
  size: number,
  expected: ExpectedDigest,
  verifiedJustNow: boolean,
): Promise<boolean> {
  const stats = await lstat(target).catch(() => undefined);
  if (!stats?.isFile() || stats.size !== size) return false;
  if (verifiedJustNow) return true;
  return (await digestFile(target, expected.kind, size)) === expected.value;
}

async function fetchToPartial(
  item: DownloadItem,
  target: string,
  expected: ExpectedDigest,
  ctx: FileDownloadContext,
  outcome: FileOutcome,
): Promise<void> {
  const paths = partialPaths(target);
  const etag = item.s3Etag?.replace(/"/g, '').toLowerCase();
  const stateDigest = ctx.verify ? expected : UNVERIFIED;
  let state = await loadResumeState(paths.state, item.size, stateDigest, etag);
  // O_NOFOLLOW: a symlink planted at the temporary name is refused rather than written through.
  let handle: FileHandle;
  try {
    handle = await open(paths.partial, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    throw new DestinationError(`Cannot write "${paths.partial}": ${(error as Error).message}.`, paths.partial);
  }
  let hasher: FileHasher | undefined;
  let keepPartial = true;
  try {
    if (state && (await handle.stat()).size !== item.size) state = undefined;
    if (!state) {
      // For a dandi-etag the ranged parts are DANDI's own parts: each transfer fills one digest segment from its
      // start, so the hash threads digest every part as it streams in, side by side.
      const partSize =
        expected.kind === 'dandi-etag' && item.size > 0 ? dandiPartLayout(item.size).partSize : ctx.partSize;
      state = { version: 1, size: item.size, digest: stateDigest, etag, parts: planParts(item.size, partSize) };
      // Set the size only: never truncate to zero first. ext4 (auto_da_alloc) treats a file truncated to zero as
      // one being rewritten in place and starts writing it all back to disk when it is closed (0.4 s for 1 GiB
      // here, in the way of the rename). Stale bytes from another object cannot survive: a fresh state fetches
      // every part from its start, and nothing is renamed before every part is written and the digest matches.
      await handle.truncate(item.size);
    }
    const resumed = state.parts.reduce((sum, p) => sum + p.done, 0);
    outcome.resumed = resumed;
    ctx.emit({ type: 'file-start', path: item.path, size: item.size, resumed });
    const saver = new StateSaver(paths.state, state, handle);
    await saver.save();
    // Large files are digested on a worker thread that reads back what is on disk as parts fill (a dandi-etag
    // part by part, so parallel parts never wait for each other); small ones on this thread at the end.
    hasher =
      expected.kind !== 'size' && item.size >= ctx.workerHashMinBytes
        ? createWorkerHasher(paths.partial, expected.kind, item.size, ETAG_HASH_THREADS)
        : new SequentialHasher(paths.partial, expected.kind, item.size);
    const activeHasher = hasher;
    const track = activeHasher.advanceParts
      ? () => activeHasher.advanceParts!(state!.parts)
      : () => activeHasher.advance(contiguousPrefix(state!.parts));
    // Bytes kept from an interrupted run are digested again like new ones.
    track();
    const progress = new ProgressReporter(item, state, ctx.emit);
    const onBytes = (bytes: number) => {
      outcome.fetched += bytes;
      track();
      saver.maybeSave();
      progress.maybeEmit();
    };
    const parts = state.parts.filter((p) => p.done < p.end - p.start + 1 || p.end < p.start);
    const results = await Promise.allSettled(
      parts.map((part) => ctx.transfers.run(() => fetchPart(item, part, state!, handle, ctx, onBytes))),
    );
    await saver.save();
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      if (!(failure.reason instanceof NetworkError) || !failure.reason.retryable)
        keepPartial = ctx.signal?.aborted === true;
      throw failure.reason;
    }
    progress.emit();
    const actual = await hasher.finish();
    if (actual !== expected.value) {
      keepPartial = false;
      throw new IntegrityError(
        `${item.path} failed verification: its ${expected.kind} is ${actual}, the archive says ${expected.value}.`,
        item.path,
        expected.value,
        actual,
      );
    }
    await handle.close();
    // Check the destination again right before the rename: the tree may have changed during the transfer.
    await resolveInside(ctx.root, item.path, { create: false });
    await rename(paths.partial, target);
    await removePartial(paths);
  } finally {
    await hasher?.close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    if (!keepPartial) await removePartial(paths).catch(() => undefined);
  }
}

/** Fetch what is missing of one part, retrying faults; progress resets the attempt count. */
async function fetchPart(
  item: DownloadItem,
  part: PartState,
  state: ResumeState,
  handle: FileHandle,
  ctx: FileDownloadContext,
  onBytes: (bytes: number) => void,
): Promise<void> {
  let attempt = 0;
  let total = 0;
  const hardLimit = ctx.retry.attempts * 4;
  for (;;) {
    attempt++;
    total++;
    const before = part.done;
    try {
      // The transfer thread writes into this file's descriptor; the handle stays open until every part settles.
      const result = await ctx.thread.fetchRange({
        url: item.url,
        start: part.start + part.done,
        end: part.end,
        totalSize: item.size,
        idleTimeoutMs: ctx.idleTimeoutMs,
        signal: ctx.signal,
        expectedEtag: state.etag,
        fd: handle.fd,
        path: item.path,
        onWritten: (length) => {
          part.done += length;
          onBytes(length);
        },
      });
      state.etag ??= result.etag?.toLowerCase();
      return;
    } catch (error) {
      if (ctx.signal?.aborted || !(error instanceof RetryableNetworkError)) throw error;
      if (part.done > before) attempt = 1;
      if (attempt >= ctx.retry.attempts || total >= hardLimit) {
        throw new NetworkError(
          `${item.path}: gave up after ${total} attempts; last error: ${error.message}`,
          item.url,
          true,
          error.status,
        );
      }
      const delayMs = retryDelay(ctx.retry, attempt, error.retryAfterMs, ctx.random);
      ctx.emit({ type: 'retry', path: item.path, attempt, delayMs, reason: error.message });
      await sleep(delayMs, ctx.signal);
    }
  }
}

/** Bytes from the start of the file that are on disk without a gap. */
export function contiguousPrefix(parts: PartState[]): number {
  let prefix = 0;
  for (const part of parts) {
    prefix += part.done;
    if (part.done < part.end - part.start + 1) break;
  }
  return prefix;
}

/** Persists resume state, never claiming bytes that were not written before it. */
class StateSaver {
  #last = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    readonly state: ResumeState,
    readonly handle: FileHandle,
  ) {}

  maybeSave(): void {
    if (Date.now() - this.#last >= STATE_INTERVAL_MS) void this.save().catch(() => undefined);
  }

  save(): Promise<void> {
    this.#last = Date.now();
    // Snapshot before the datasync: bytes counted here were written before it started.
    const snapshot: ResumeState = { ...this.state, parts: this.state.parts.map((p) => ({ ...p })) };
    this.#chain = this.#chain.then(async () => {
      // Bytes counted in the state must survive a crash of this process (they do: they are in the page cache).
      // After a power cut they might not, but every kept byte is digested again before the rename, so a lying
      // state costs a refetch, never a bad file. Only files with nothing to verify pay for a flush to disk
      // (not those of a `verify: false` run, whose state no verifying run resumes: see UNVERIFIED).
      if (this.state.digest.kind === 'size' && this.state.digest.value === '') await this.handle.datasync();
      await saveResumeState(this.path, snapshot);
    });
    return this.#chain;
  }
}

/** Emits at most one progress event per interval per file. */
class ProgressReporter {
  #last = 0;
  constructor(
    readonly item: DownloadItem,
    readonly state: ResumeState,
    readonly emitEvent: (event: DownloadEvent) => void,
  ) {}

  maybeEmit(): void {
    if (Date.now() - this.#last >= PROGRESS_INTERVAL_MS) this.emit();
  }

  emit(): void {
    this.#last = Date.now();
    const bytes = this.state.parts.reduce((sum, p) => sum + p.done, 0);
    this.emitEvent({ type: 'progress', path: this.item.path, bytes, size: this.item.size });
  }
}
