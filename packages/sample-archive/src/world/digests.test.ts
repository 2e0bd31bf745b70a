import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BlobDigester,
  dandiPartCount,
  dandiPartSize,
  digestBytes,
  digestFile,
  DANDI_DEFAULT_PART_SIZE,
} from './digests.js';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest();

describe('dandi-etag part rule (dandischema/digests/dandietag.py)', () => {
  it.each([
    [0, 0, 0],
    [1, DANDI_DEFAULT_PART_SIZE, 1],
    [DANDI_DEFAULT_PART_SIZE, DANDI_DEFAULT_PART_SIZE, 1],
    [DANDI_DEFAULT_PART_SIZE + 1, DANDI_DEFAULT_PART_SIZE, 2],
    // 10,000 parts of 64 MiB would be needed: the part size grows to ceil(size / 10,000).
    [DANDI_DEFAULT_PART_SIZE * 10_000, Math.ceil((DANDI_DEFAULT_PART_SIZE * 10_000) / 10_000), 10_000],
    // 9,999 parts and one byte would need 10,000 parts: that already triggers the larger part size.
    [DANDI_DEFAULT_PART_SIZE * 9_999 + 1, Math.ceil((DANDI_DEFAULT_PART_SIZE * 9_999 + 1) / 10_000), 10_000],
    [DANDI_DEFAULT_PART_SIZE * 9_999, DANDI_DEFAULT_PART_SIZE, 9_999],
  ])('size %d -> part size %d, %d parts', (size, partSize, parts) => {
    if (size > 0) expect(dandiPartSize(size)).toBe(partSize);
    expect(dandiPartCount(size)).toBe(parts);
  });
});

describe('digests', () => {
  it('gives md5-of-part-md5s with a part count, even for one part, and the sha256 of the whole', () => {
    const bytes = new TextEncoder().encode('synthetic sample bytes');
    const expected = createHash('md5').update(md5(bytes)).digest('hex');
    expect(digestBytes(bytes)).toEqual({
      'dandi:dandi-etag': `${expected}-1`,
      'dandi:sha2-256': createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('gives "-0" with the md5 of nothing for an empty file', () => {
    expect(digestBytes(new Uint8Array(0))['dandi:dandi-etag']).toBe(`${createHash('md5').digest('hex')}-0`);
  });

  it('splits at 64 MiB whatever the chunking of the input, and a file digests like its bytes', async () => {
    const size = DANDI_DEFAULT_PART_SIZE + 12_345;
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) & 0xff;
    const expected = createHash('md5')
      .update(
        Buffer.concat([md5(bytes.subarray(0, DANDI_DEFAULT_PART_SIZE)), md5(bytes.subarray(DANDI_DEFAULT_PART_SIZE))]),
      )
      .digest('hex');
    const digester = new BlobDigester(size);
    for (let i = 0; i < size; i += 1_000_003) digester.update(bytes.subarray(i, Math.min(size, i + 1_000_003)));
    const digests = digester.digest();
    expect(digests['dandi:dandi-etag']).toBe(`${expected}-2`);
    const dir = mkdtempSync(join(tmpdir(), 'digest-'));
    writeFileSync(join(dir, 'f'), bytes);
    expect(await digestFile(join(dir, 'f'), size)).toEqual(digests);
  });

  it('refuses to digest when the byte count differs from the announced size', () => {
    const digester = new BlobDigester(10);
    digester.update(new Uint8Array(5));
    expect(() => digester.digest()).toThrow(/expected 10 bytes but received 5/);
  });
});
