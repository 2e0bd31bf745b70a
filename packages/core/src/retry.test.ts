import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retryDelay,
  retryPolicyFromConfig,
  sleep,
  withRetries,
} from './retry.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it.each([
    [undefined, undefined],
    ['3', 3000],
    [' 0 ', 0],
    ['Sun, 01 Jun 2025 12:00:05 GMT', 5000],
    ['Sun, 01 Jun 2025 11:00:00 GMT', 0],
    ['soon', undefined],
  ])('%j -> %j ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});

describe('retryDelay', () => {
  it('grows exponentially up to the cap, scaled by jitter', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => retryDelay(policy, a, undefined, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(retryDelay(policy, 3, undefined, () => 0.5)).toBe(200);
  });

  it("prefers the server's Retry-After, capped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 5000 };
    expect(retryDelay(policy, 1, 3000, () => 0)).toBe(3000);
    expect(retryDelay(policy, 1, 60_000, () => 0)).toBe(5000);
  });
});

describe('sleep', () => {
  it('removes its abort listener when it resolves', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await sleep(5, controller.signal);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('rejects with the reason as soon as the signal aborts, instead of resolving', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('withRetries', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, attempts: 3, baseDelayMs: 1 };

  it('retries what the classifier calls retryable, up to the attempts, then throws the last error', async () => {
    let calls = 0;
    const failing = withRetries(
      policy,
      async () => {
        calls += 1;
        throw new Error(`fault ${calls}`);
      },
      () => ({}),
    );
    await expect(failing).rejects.toThrow('fault 3');
    expect(calls).toBe(3);
  });

  it('stops at the first final failure and returns the first success', async () => {
    let calls = 0;
    await expect(
      withRetries(
        policy,
        async () => {
          calls += 1;
          throw new Error('final');
        },
        () => undefined,
      ),
    ).rejects.toThrow('final');
    expect(calls).toBe(1);
    let n = 0;
    expect(
      await withRetries(
        policy,
        async () => (++n < 2 ? Promise.reject(new Error('x')) : 'ok'),
        () => ({}),
      ),
    ).toBe('ok');
  });

  it("waits the server's Retry-After and reports each wait", async () => {
    const waits: number[] = [];
    let n = 0;
    const result = await withRetries(
      policy,
      async () => (++n < 2 ? Promise.reject(new Error('busy')) : n),
      () => ({ retryAfterMs: 40 }),
      { onRetry: ({ delayMs }) => waits.push(delayMs) },
    );
    expect(result).toBe(2);
    expect(waits).toEqual([40]);
  });

  it('gives each attempt a signal that times out', async () => {
    const seen: unknown[] = [];
    const attempt = (signal: AbortSignal | undefined) =>
      new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    await expect(
      withRetries({ ...policy, attempts: 2 }, attempt, (e) => (seen.push(e), {}), { timeoutMs: 20 }),
    ).rejects.toThrow();
    expect(seen).toHaveLength(2);
    expect((seen[0] as DOMException).name).toBe('TimeoutError');
  });
});

describe('retryPolicyFromConfig', () => {
  it('takes attempts, first backoff and time limit from Config.http', () => {
    const policy = retryPolicyFromConfig(
      loadConfig({ EMBER_MAX_ATTEMPTS: '2', EMBER_TIMEOUT_MS: '900' }, { retryBaseMs: 7 }).http,
    );
    expect(policy).toMatchObject({ attempts: 2, baseDelayMs: 7, timeoutMs: 900 });
  });
});
