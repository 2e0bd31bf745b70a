import { describe, expect, it } from 'vitest';
import { createUrlSigner } from './presign.js';

const KEY = 'blobs/abc/def/0f3e';
const AT = new Date('2026-01-02T03:04:05Z');

describe('createUrlSigner', () => {
  const signer = createUrlSigner(3600, new Uint8Array(32).fill(7));

  it('accepts its own signature for the signed key within the lifetime, and not after', () => {
    const query = new URLSearchParams(signer.sign(KEY, AT));
    expect(query.get('X-Amz-Date')).toBe('20260102T030405Z');
    expect(query.get('X-Amz-Expires')).toBe('3600');
    expect(signer.check(KEY, query, new Date(AT.getTime() + 3_599_000))).toBe('valid');
    expect(signer.check(KEY, query, new Date(AT.getTime() + 3_601_000))).toBe('expired');
  });

  it('rejects another key, a stretched lifetime, a moved date and another secret', () => {
    const query = new URLSearchParams(signer.sign(KEY, AT));
    expect(signer.check(`${KEY}x`, query, AT)).toBe('mismatch');
    const longer = new URLSearchParams(query);
    longer.set('X-Amz-Expires', '999999');
    expect(signer.check(KEY, longer, AT)).toBe('mismatch');
    const moved = new URLSearchParams(query);
    moved.set('X-Amz-Date', '20300101T000000Z');
    expect(signer.check(KEY, moved, AT)).toBe('mismatch');
    expect(createUrlSigner(3600, new Uint8Array(32).fill(8)).check(KEY, query, AT)).toBe('mismatch');
  });

  it('says unsigned when there is no signature', () => {
    expect(signer.check(KEY, new URLSearchParams('versionId=null'), AT)).toBe('unsigned');
  });
});
