// Retries and timeouts for range requests, as configuration (AWS SDK style), not loops scattered per source.

/** How a source retries a failed request and how long one request may take. */
export interface RangeRetryPolicy {
  /** Attempts per request, including the first. */
  attempts: number;
  /** First back-off delay; doubles with each retry (plus jitter). */
  baseDelayMs: number;
  /** A single request (headers and body) must finish within this time. */
  timeoutMs: number;
}

/** Defaults: 4 attempts, 200 ms first back-off, 30 s per request. */
export const DEFAULT_RANGE_RETRY_POLICY: RangeRetryPolicy = { attempts: 4, baseDelayMs: 200, timeoutMs: 30_000 };

/** An error a retry could fix (5xx, 429, reset, timeout) or not. */
export interface Retryable {
  retryable: boolean;
}

/** Run `attempt` until it succeeds, fails for good, or the policy's attempts are used up. */
export async function withRetries<T>(
  policy: RangeRetryPolicy,
  attempt: (signal: AbortSignal) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  outer?: AbortSignal,
): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < Math.max(1, policy.attempts); i++) {
    if (i > 0) await sleep(policy.baseDelayMs * 2 ** (i - 1) * (0.75 + Math.random() * 0.5), outer);
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    try {
      return await attempt(signal);
    } catch (error) {
      lastError = error;
      if (outer?.aborted || !isRetryable(error)) throw error;
    }
  }
  throw lastError;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
