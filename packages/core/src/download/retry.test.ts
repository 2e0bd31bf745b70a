import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay } from './retry.js';

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
