import { describe, expect, it } from 'vitest';
import { DandiEtagHasher, dandiPartLayout } from './dandi-etag.js';

const MiB = 2 ** 20;
const TiB = 2 ** 40;

// Cases from dandischema's dandischema/digests/tests/test_dandietag.py.
describe('dandiPartLayout', () => {
  it.each([
    [0, 0, 0, 0],
    [1, 1, 1, 1],
    [64 * MiB, 64 * MiB, 64 * MiB, 1],
    [50 * MiB, 50 * MiB, 50 * MiB, 1],
    [70 * MiB, 64 * MiB, 6 * MiB, 2],
    [140 * MiB, 64 * MiB, 12 * MiB, 3],
    [640 * MiB, 64 * MiB, 64 * MiB, 10],
    [5 * TiB, 549755814, 549754694, 10000],
  ])('size %d -> parts of %d, last %d, %d parts', (size, partSize, finalPartSize, count) => {
    expect(dandiPartLayout(size)).toEqual({ count, partSize, finalPartSize });
  });

  it('rejects files larger than S3 allows', () => {
    expect(() => dandiPartLayout(5 * TiB + 1)).toThrow(RangeError);
  });
});

describe('DandiEtagHasher', () => {
  it('matches dandischema for tiny files', () => {
    const tiny = new DandiEtagHasher(3);
    tiny.update(Buffer.from('123'));
    expect(tiny.digest()).toBe('d022646351048ac0ba397d12dfafa304-1');
    const nul = new DandiEtagHasher(1);
    nul.update(Buffer.from([0]));
    expect(nul.digest()).toBe('7e4696ef25d5faececd853ce5e2a233b-1');
  });

  it('matches dandischema across part boundaries with uneven chunks', () => {
    // test_etaghashlike: 20 + 30 + 75 + 5 MiB of zeros -> 3 parts.
    const sizes = [20 * MiB, 30 * MiB, 75 * MiB, 5 * MiB];
    const hasher = new DandiEtagHasher(sizes.reduce((a, b) => a + b));
    const zeros = Buffer.alloc(75 * MiB);
    for (const size of sizes) hasher.update(zeros.subarray(0, size));
    expect(hasher.digest()).toBe('4dc80858c50371577551592f20ac0075-3');
  });

  it('refuses to digest a short or long stream', () => {
    const short = new DandiEtagHasher(10);
    short.update(Buffer.alloc(5));
    expect(() => short.digest()).toThrow(RangeError);
    const long = new DandiEtagHasher(2);
    expect(() => long.update(Buffer.alloc(3))).toThrow(RangeError);
  });
});
