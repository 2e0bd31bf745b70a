import { describe, expect, it } from 'vitest';
import { chooseDigest, createDigester } from './digest.js';

const sha = 'a'.repeat(64);
const md5 = 'b'.repeat(32);

describe('chooseDigest', () => {
  it.each([
    [
      { size: 10, sha256: sha.toUpperCase(), dandiEtag: `${md5}-1` },
      { kind: 'sha2-256', value: sha },
    ],
    [
      { size: 10, sha256: 'not-hex', dandiEtag: `${md5}-1` },
      { kind: 'dandi-etag', value: `${md5}-1` },
    ],
    [
      { size: 10, s3Etag: `"${md5}"` },
      { kind: 'md5', value: md5 },
    ],
    // 70 MiB under DANDI's rule is 2 parts, so a "-2" multipart ETag is a dandi-etag ...
    [
      { size: 70 * 2 ** 20, s3Etag: `"${md5}-2"` },
      { kind: 'dandi-etag', value: `${md5}-2` },
    ],
    // ... but a "-9" one was uploaded with some other part size and cannot be recomputed.
    [
      { size: 70 * 2 ** 20, s3Etag: `"${md5}-9"` },
      { kind: 'size', value: '' },
    ],
    [{ size: 10 }, { kind: 'size', value: '' }],
  ])('%j -> %j', (identity, expected) => {
    expect(chooseDigest(identity)).toEqual(expected);
  });

  it('verifies the preferred digest when the archive gives both, and the other one when it gives only that', () => {
    const both = { size: 10, sha256: sha, dandiEtag: `${md5}-1` };
    expect(chooseDigest(both, 'auto').kind).toBe('sha2-256');
    expect(chooseDigest(both, 'sha2-256').kind).toBe('sha2-256');
    expect(chooseDigest(both, 'dandi-etag')).toEqual({ kind: 'dandi-etag', value: `${md5}-1` });
    expect(chooseDigest({ size: 10, sha256: sha }, 'dandi-etag').kind).toBe('sha2-256');
    expect(chooseDigest({ size: 10, dandiEtag: `${md5}-1` }, 'sha2-256').kind).toBe('dandi-etag');
    // An S3 object's multipart ETag is its dandi-etag whatever is preferred.
    expect(chooseDigest({ size: 70 * 2 ** 20, s3Etag: `"${md5}-2"` }, 'sha2-256').kind).toBe('dandi-etag');
  });
});

describe('createDigester', () => {
  it('computes the standard digests', () => {
    const sha256 = createDigester('sha2-256', 3);
    sha256.update(Buffer.from('abc'));
    expect(sha256.digest()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const md5Digester = createDigester('md5', 3);
    md5Digester.update(Buffer.from('abc'));
    expect(md5Digester.digest()).toBe('900150983cd24fb0d6963f7d28e17f72');
  });
});
