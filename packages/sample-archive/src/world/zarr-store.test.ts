import { describe, expect, it } from 'vitest';
import { md5Hex, poseZarrEntries, zarrChecksum, zarrFolderChecksum } from './zarr-store.js';

describe('zarr checksum', () => {
  it("matches dandi/zarr_checksum's own test vector (zarr_checksum/tests/test_checksum.py test_generate_digest)", () => {
    const digest = zarrFolderChecksum(
      [{ digest: 'a7e86136543b019d72468ceebf71fb8e-1--1', name: 'a/b', size: 1 }],
      [{ digest: '92eb5ffee6ae2fec3ad71c777531578f-1--1', name: 'b', size: 1 }],
    );
    expect(digest).toBe('2ed39fd5ae56fd4177c4eb503d163528-2--2');
  });

  it('gives an empty store the empty manifest checksum (md5 of {"directories":[],"files":[]})', () => {
    expect(zarrChecksum([])).toBe(`${md5Hex(new TextEncoder().encode('{"directories":[],"files":[]}'))}-0--0`);
  });

  it('counts every file and byte of the store, and changes when one byte does', () => {
    const entries = poseZarrEntries(1);
    const files = entries.map((e) => ({ path: e.path, size: e.bytes.byteLength, md5: md5Hex(e.bytes) }));
    const checksum = zarrChecksum(files);
    const size = files.reduce((n, f) => n + f.size, 0);
    expect(checksum).toMatch(new RegExp(`^[0-9a-f]{32}-${files.length}--${size}$`));
    const changed = files.map((f, i) => (i === files.length - 1 ? { ...f, md5: md5Hex(new Uint8Array(f.size)) } : f));
    expect(zarrChecksum(changed)).not.toBe(checksum);
  });

  it('writes a Zarr v2 group with one float32 array in whole chunks', () => {
    const entries = poseZarrEntries(1);
    expect(entries.map((e) => e.path)).toEqual([
      '.zgroup',
      '.zattrs',
      'nose/.zarray',
      'nose/.zattrs',
      'nose/0.0',
      'nose/1.0',
      'nose/2.0',
    ]);
    const zarray = JSON.parse(new TextDecoder().decode(entries[2]?.bytes)) as { shape: number[]; chunks: number[] };
    expect(zarray.shape).toEqual([120, 2]);
    for (const chunk of entries.slice(4)) expect(chunk.bytes.byteLength).toBe(50 * 2 * 4);
  });
});
