// When to try a request again and how long to wait, for every client of core (HTTP range reads, downloads, the
// DANDI API): one policy shape, exponential backoff with full jitter, the server's Retry-After when it gives one
// (RFC 9110 10.2.3; S3 and dandi-archive send it with 429 and 503), and a sleep that an abort ends at once and that
// never leaves a listener behind. Retries and timeouts are configuration (AWS SDK v3 style), built from `Config`.
import type { HttpConfig } from './config.js';

/** How a client retries a failed request; every field has a default. */
export interface RetryPolicy {
  /** Attempts per request, including the first. */
  attempts: number;
  /** First backoff, doubled each attempt. */
  baseDelayMs: number;
  /** Longest backoff between attempts. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; longer requests are shortened to this. */
  maxRetryAfterMs: number;
}

/** A policy with a time limit per attempt (range reads and API requests). */
export interface TimedRetryPolicy extends RetryPolicy {
  /** A single attempt (headers and body) must finish within this time. */
  timeoutMs: number;
}

/** Download defaults: 6 attempts, 0.5 s doubling to 20 s, Retry-After up to 2 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
};

/** Range-read defaults: 4 attempts, 200 ms first backoff, 30 s per request. */
export const DEFAULT_RANGE_RETRY_POLICY: TimedRetryPolicy = {
  attempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
  timeoutMs: 30_000,
};

/** The policy `Config.http` describes (`EMBER_MAX_ATTEMPTS`, `EMBER_TIMEOUT_MS`, the retry base). */
export function retryPolicyFromConfig(
  http: Pick<HttpConfig, 'maxAttempts' | 'retryBaseMs' | 'timeoutMs'>,
): TimedRetryPolicy {
  return {
    ...DEFAULT_RANGE_RETRY_POLICY,
    attempts: http.maxAttempts,
    baseDelayMs: http.retryBaseMs,
    timeoutMs: http.timeoutMs,
  };
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1). A server's Retry-After wins over the
 * backoff; otherwise full jitter (a random wait in [0, backoff]) so parallel requests do not retry in lockstep.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(backoff * random());
}

/** Retry-After as milliseconds: delay-seconds or an HTTP-date (RFC 9110 10.2.3); undefined if absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined || header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts; removes its listener either way. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What a failed attempt means: give up (`undefined`), or retry, after the server's Retry-After if it gave one. */
export type RetryVerdict = undefined | { retryAfterMs?: number };

/** Options of {@link withRetries}. */
export interface WithRetriesOptions {
  /** Ends the whole operation: no further attempt, the sleep stops at once. */
  signal?: AbortSignal;
  /** Per-attempt time limit; the attempt's signal aborts with a TimeoutError when it passes. */
  timeoutMs?: number;
  random?: () => number;
  /** Called before each wait, e.g. to report "retrying in 2 s". */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Run `attempt` until it succeeds, `classify` says its failure is final, the policy's attempts are used up, or the
 * outer signal aborts; the last error is thrown. Each attempt gets a signal that also carries its time limit.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (signal: AbortSignal | undefined, attemptNumber: number) => Promise<T>,
  classify: (error: unknown) => RetryVerdict,
  options: WithRetriesOptions = {},
): Promise<T> {
  const { signal: outer, timeoutMs } = options;
  for (let n = 1; ; n++) {
    const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const signal = outer && timeout ? AbortSignal.any([outer, timeout]) : (outer ?? timeout);
    try {
      return await attempt(signal, n);
    } catch (error) {
      if (outer?.aborted) throw error;
      const verdict = classify(error);
      if (verdict === undefined || n >= Math.max(1, policy.attempts)) throw error;
      const delayMs = retryDelay(policy, n, verdict.retryAfterMs, options.random);
      options.onRetry?.({ attempt: n, delayMs, error });
      await sleep(delayMs, outer);
    }
  }
}
