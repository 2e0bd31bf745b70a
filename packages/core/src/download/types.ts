// The plain download plan and what a run reports: planners (bucket, dandiset) produce DownloadItems, the engine
// consumes them, front ends render DownloadEvents.
import type { DigestKind, DigestPreference } from './digest.js';
import type { RetryPolicy } from '../retry.js';

/** One file to fetch: where it goes under the destination, where its bytes are, and what proves them right. */
export interface DownloadItem {
  /** Relative POSIX path under the destination, e.g. "sub-ADPTM01/sub-ADPTM01_behavior.nwb". */
  path: string;
  /** http(s) URL answering ranged GETs (S3 object URL, or an API download URL that redirects to one). */
  url: string;
  /** Size in bytes as the archive lists it. */
  size: number;
  /** `dandi:sha2-256`, hex. */
  sha256?: string | undefined;
  /** `dandi:dandi-etag`, `<md5 hex>-<parts>`. */
  dandiEtag?: string | undefined;
  /** S3 ETag from a listing or HEAD. */
  s3Etag?: string | undefined;
}

/** How a download run behaves; only `dest` is required. */
export interface DownloadOptions {
  /** Destination folder; nothing is written outside it. */
  dest: string;
  /** Parallel HTTP transfers (files and parts of large files together). Default 8. */
  jobs?: number;
  /** Files larger than this are fetched in parallel ranged parts of this size. Default 16 MiB (more for files > 64 GiB). */
  partSize?: number;
  retry?: Partial<RetryPolicy>;
  /** A transfer that receives nothing for this long is aborted and retried. Default 30 s. */
  idleTimeoutMs?: number;
  /** Which digest to verify when a file has both a SHA-256 and a dandi-etag (default `auto`: the cheaper, SHA-256). */
  digest?: DigestPreference;
  /**
   * How http(s) bytes are read: `socket` (default) reads each connection (TCP or TLS) into one reused buffer and
   * writes it straight to the file; `node-http` uses node:http for everything. For benchmarks, and as a way out.
   */
  transport?: 'socket' | 'node-http';
  /**
   * PEM certificate(s) trusted for https besides Node's public roots (a private CA, such as the sample archive's
   * with --tls). Without it, Node's default trust applies, which includes NODE_EXTRA_CA_CERTS.
   */
  extraCa?: string;
  /** Set false only to measure what verification costs (benchmarks): sizes are still checked. Default true. */
  verify?: boolean;
  /** Files at least this big are digested on a worker thread (default 32 MiB). */
  workerHashMinBytes?: number;
  /** Paths a `summarizePlan` of this same plan just found present and verified: skipped on a size check alone. */
  verifiedPresent?: ReadonlySet<string>;
  /** Stops the run; partial files and their resume state are kept for the next run. */
  signal?: AbortSignal;
  /** Progress, retries and outcomes as they happen. */
  onEvent?: (event: DownloadEvent) => void;
  /** Source of randomness for backoff jitter (tests pass a seeded one). */
  random?: () => number;
}

/** Where a planned file stands before anything moves (for --dry-run). */
export type LocalState = 'missing' | 'present' | 'different' | 'partial' | 'invalid';

/** The dry-run view of a plan. */
export interface PlanSummary {
  files: number;
  totalBytes: number;
  present: number;
  presentBytes: number;
  /** Files with resumable partial data on disk, and how many of their bytes are already there. */
  partial: number;
  partialBytes: number;
  /** Bytes that still have to move. */
  bytesToFetch: number;
  items: Array<{ path: string; size: number; state: LocalState; reason?: string }>;
}

/** What happened to one file. */
export interface FileOutcome {
  path: string;
  status: 'downloaded' | 'skipped' | 'failed';
  size: number;
  /** Bytes fetched over the network in this run. */
  fetched: number;
  /** Bytes reused from an interrupted run. */
  resumed: number;
  verifiedBy?: DigestKind;
  digest?: string;
  /** One sentence, for failures. */
  error?: string;
  errorCode?: string;
}

/** The result of a run. */
export interface DownloadReport {
  files: number;
  downloaded: number;
  skipped: number;
  failed: number;
  totalBytes: number;
  fetchedBytes: number;
  elapsedMs: number;
  outcomes: FileOutcome[];
}

/** Events as NDJSON lines (`--json`) and Ink bars consume them. */
export type DownloadEvent =
  | { type: 'start'; files: number; totalBytes: number }
  | { type: 'file-start'; path: string; size: number; resumed: number }
  | { type: 'progress'; path: string; bytes: number; size: number }
  | { type: 'retry'; path: string; attempt: number; delayMs: number; reason: string }
  | { type: 'file-done'; outcome: FileOutcome }
  | { type: 'done'; report: Omit<DownloadReport, 'outcomes'> };
