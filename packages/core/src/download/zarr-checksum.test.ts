import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manifestDigest, zarrChecksum } from './zarr-checksum.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('zarrChecksum', () => {
  it("matches dandi/zarr_checksum's test vector (zarr_checksum/tests/test_checksum.py test_generate_digest)", () => {
    const digest = manifestDigest(
      [{ digest: 'a7e86136543b019d72468ceebf71fb8e-1--1', name: 'a/b', size: 1, count: 1 }],
      [{ digest: '92eb5ffee6ae2fec3ad71c777531578f-1--1', name: 'b', size: 1, count: 1 }],
    );
    expect(digest.digest).toBe('2ed39fd5ae56fd4177c4eb503d163528-2--2');
  });

  it('gives an empty store the checksum of the empty manifest', () => {
    expect(zarrChecksum([])).toBe(`${md5('{"directories":[],"files":[]}')}-0--0`);
  });

  it('nests folders: a file in a/ is digested inside the folder a, whatever the input order', () => {
    const files = [
      { path: 'a/x', size: 3, md5: md5('xyz') },
      { path: '.zgroup', size: 2, md5: md5('{}') },
    ];
    const inner = `${md5(JSON.stringify({ directories: [], files: [{ digest: md5('xyz'), name: 'x', size: 3 }] }))}-1--3`;
    const outer = JSON.stringify({
      directories: [{ digest: inner, name: 'a', size: 3 }],
      files: [{ digest: md5('{}'), name: '.zgroup', size: 2 }],
    });
    expect(zarrChecksum(files)).toBe(`${md5(outer)}-2--5`);
    expect(zarrChecksum([...files].reverse())).toBe(`${md5(outer)}-2--5`);
  });
});
