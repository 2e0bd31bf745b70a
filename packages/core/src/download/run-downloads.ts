// Download a whole plan: check it, then run files in parallel under one limit on transfers, and report.
import { lstat, realpath, stat } from 'node:fs/promises';
import { DestinationError, InvalidInputError } from '../errors.js';
import { chooseDigest, DIGEST_PREFERENCES, type DigestPreference } from './digest.js';
import { downloadFile, type FileDownloadContext } from './file-download.js';
import { loadResumeState, partialPaths } from './resume-state.js';
import { DEFAULT_RETRY_POLICY } from '../retry.js';
import { checkRelativePath, prepareDestination, resolveInside } from './safe-path.js';
import { Semaphore } from './semaphore.js';
import { TransferThread } from './transfer-thread.js';
import { digestFile } from './sequential-hasher.js';
import type { DownloadItem, DownloadOptions, DownloadReport, FileOutcome, LocalState, PlanSummary } from './types.js';

const DEFAULT_JOBS = 8;
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/** Download every item under `options.dest`; per-file failures are in the report, never thrown. */
export async function downloadItems(items: readonly DownloadItem[], options: DownloadOptions): Promise<DownloadReport> {
  const started = Date.now();
  const jobs = options.jobs ?? DEFAULT_JOBS;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)
    throw new InvalidInputError(`--jobs must be a whole number from 1 to 64, not ${jobs}.`, String(jobs));
  checkPlan(items);
  const digest = checkDigestPreference(options.digest);
  const root = await prepareDestination(options.dest);
  const thread = new TransferThread(jobs, options.transport !== 'node-http', options.extraCa);
  const emit = options.onEvent ?? (() => undefined);
  const totalBytes = items.reduce((sum, item) => sum + item.size, 0);
  emit({ type: 'start', files: items.length, totalBytes });
  const ctx: Omit<FileDownloadContext, 'partSize'> = {
    root,
    thread,
    transfers: new Semaphore(jobs),
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    verify: options.verify ?? true,
    digest,
    workerHashMinBytes: options.workerHashMinBytes ?? 32 * 2 ** 20,
    verifiedPresent: options.verifiedPresent ?? new Set(),
    signal: options.signal,
    random: options.random ?? Math.random,
    emit,
  };
  const outcomes: FileOutcome[] = new Array(items.length);
  let next = 0;
  // As many files in flight as transfers: a large file's parts and other files share the same limit.
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index]!;
      const partSize = options.partSize ?? defaultPartSize(item.size);
      const outcome = await downloadFile(item, { ...ctx, partSize });
      outcomes[index] = outcome;
      emit({ type: 'file-done', outcome });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  } finally {
    await thread.close();
  }
  const report: DownloadReport = {
    files: items.length,
    downloaded: outcomes.filter((o) => o.status === 'downloaded').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    totalBytes,
    fetchedBytes: outcomes.reduce((sum, o) => sum + o.fetched, 0),
    elapsedMs: Date.now() - started,
    outcomes,
  };
  const { outcomes: _omitted, ...summary } = report;
  emit({ type: 'done', report: summary });
  return report;
}

/**
 * 16 MiB parts: small enough that the in-order digest trails the transfer by at most `jobs` parts, and a divisor of
 * DANDI's 64 MiB part size, so parts never straddle a dandi-etag part. Files beyond 64 GiB get larger parts so the
 * resume state stays under 4,096 parts.
 */
function defaultPartSize(size: number): number {
  return Math.max(16 * 2 ** 20, Math.ceil(size / 4096));
}

/** What a run would do, without creating or fetching anything (--dry-run). */
export async function summarizePlan(
  items: readonly DownloadItem[],
  dest: string,
  options: { digest?: DigestPreference } = {},
): Promise<PlanSummary> {
  checkPlan(items);
  const digest = checkDigestPreference(options.digest);
  const root = await realpath(dest).catch(() => undefined);
  const summary: PlanSummary = {
    files: items.length,
    totalBytes: 0,
    present: 0,
    presentBytes: 0,
    partial: 0,
    partialBytes: 0,
    bytesToFetch: 0,
    items: [],
  };
  for (const item of items) {
    summary.totalBytes += item.size;
    const { state, reason, onDisk } =
      root === undefined ? { state: 'missing' as const, onDisk: 0 } : await localState(root, item, digest);
    if (state === 'present') {
      summary.present++;
      summary.presentBytes += item.size;
    } else if (state !== 'invalid') {
      summary.bytesToFetch += item.size - onDisk;
      if (state === 'partial') {
        summary.partial++;
        summary.partialBytes += onDisk;
      }
    }
    summary.items.push(
      reason === undefined
        ? { path: item.path, size: item.size, state }
        : { path: item.path, size: item.size, state, reason },
    );
  }
  return summary;
}

async function localState(
  root: string,
  item: DownloadItem,
  digest: DigestPreference,
): Promise<{ state: LocalState; onDisk: number; reason?: string }> {
  let target: string;
  try {
    target = await resolveInside(root, item.path, { create: false });
  } catch (error) {
    return { state: 'invalid', onDisk: 0, reason: (error as Error).message };
  }
  const expected = chooseDigest(item, digest);
  const stats = await lstat(target).catch(() => undefined);
  if (
    stats?.isFile() &&
    stats.size === item.size &&
    (await digestFile(target, expected.kind, item.size)) === expected.value
  ) {
    return { state: 'present', onDisk: item.size };
  }
  const paths = partialPaths(target);
  const saved = await loadResumeState(paths.state, item.size, expected, item.s3Etag?.replace(/"/g, '').toLowerCase());
  const partialSize = await stat(paths.partial).then(
    (s) => s.size,
    () => -1,
  );
  if (saved && partialSize === item.size) {
    return { state: 'partial', onDisk: saved.parts.reduce((sum, p) => sum + p.done, 0) };
  }
  return { state: stats ? 'different' : 'missing', onDisk: 0 };
}

function checkDigestPreference(digest: DigestPreference | undefined): DigestPreference {
  if (digest === undefined) return 'auto';
  if (!DIGEST_PREFERENCES.includes(digest)) {
    throw new InvalidInputError(
      `--digest must be one of ${DIGEST_PREFERENCES.join(', ')}, not "${String(digest)}".`,
      String(digest),
    );
  }
  return digest;
}

/** Reject plans that cannot be written safely before anything starts: bad sizes, duplicate or unsafe paths. */
function checkPlan(items: readonly DownloadItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (!Number.isSafeInteger(item.size) || item.size < 0) {
      throw new InvalidInputError(`"${item.path}" has an invalid size ${item.size}.`, item.path);
    }
    // Unsafe paths fail their own file (DestinationError in the outcome), so other files still download.
    let key: string;
    try {
      key = checkRelativePath(item.path).join('/');
    } catch (error) {
      if (error instanceof DestinationError) continue;
      throw error;
    }
    if (seen.has(key)) throw new InvalidInputError(`The plan names "${item.path}" twice.`, item.path);
    seen.add(key);
  }
}
