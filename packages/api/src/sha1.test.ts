import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha1, sha1Hex } from './sha1.js';

describe('sha1', () => {
  it('is SHA-1, synchronous on Node, and equal to Web Crypto', async () => {
    const bytes = new TextEncoder().encode('ember-archive');
    const expected = createHash('sha1').update(bytes).digest('hex');
    expect(await sha1Hex(bytes)).toBe(expected);
    expect(sha1(bytes)).toBeInstanceOf(ArrayBuffer);
    const web = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
    expect(new Uint8Array(await sha1(bytes))).toEqual(web);
  });

  it('hashes a view at an offset of a larger buffer by its own bytes only', async () => {
    const whole = new TextEncoder().encode('xxember-archivexx');
    const view = whole.subarray(2, 15);
    expect(await sha1Hex(view)).toBe(createHash('sha1').update('ember-archive').digest('hex'));
  });
});
