// When to try a request again and how long to wait: exponential backoff with full jitter, and the server's
// Retry-After when it gives one (429 and 503 answers).

/** Retry settings for downloads; every field has a default. */
export interface RetryPolicy {
  /** Attempts per part without progress, including the first. */
  attempts: number;
  /** First backoff, doubled each attempt. */
  baseDelayMs: number;
  /** Longest backoff between attempts. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; longer requests are shortened to this. */
  maxRetryAfterMs: number;
}

/** Defaults: 6 attempts, 0.5 s doubling to 20 s, Retry-After up to 2 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
};

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1). A server's Retry-After wins over the
 * backoff; otherwise full jitter (a random wait in [0, backoff]) so parallel parts do not retry in lockstep.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(backoff * random());
}

/** Retry-After as milliseconds: delay-seconds or an HTTP-date (RFC 9110 10.2.3); undefined if absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
