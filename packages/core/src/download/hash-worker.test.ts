import { createHash, randomFillSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DandiEtagHasher } from './dandi-etag.js';
import { createWorkerHasher } from './hash-worker.js';

let base: string;
let path: string;
// 70 MiB: two dandi-etag parts (64 + 6 MiB).
const bytes = randomFillSync(Buffer.allocUnsafe(70 * 2 ** 20));

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ember-hash-'));
  path = join(base, 'file.bin');
  await writeFile(path, bytes);
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('createWorkerHasher', () => {
  it('gives the same digests as hashing in memory, fed in uneven steps', async () => {
    const etag = new DandiEtagHasher(bytes.byteLength);
    etag.update(bytes);
    const expected = {
      'sha2-256': createHash('sha256').update(bytes).digest('hex'),
      md5: createHash('md5').update(bytes).digest('hex'),
      'dandi-etag': etag.digest(),
    } as const;
    for (const kind of ['sha2-256', 'md5', 'dandi-etag'] as const) {
      const hasher = createWorkerHasher(path, kind, bytes.byteLength);
      for (const step of [1000, 5_000_000, 40_000_000, 69_000_000]) hasher.advance(step);
      expect(await hasher.finish()).toBe(expected[kind]);
      await hasher.close();
    }
    expect(expected['dandi-etag']).toMatch(/-2$/);
  });

  it('fails, rather than hangs, when the file is shorter than claimed', async () => {
    const hasher = createWorkerHasher(path, 'sha2-256', bytes.byteLength + 10);
    await expect(hasher.finish()).rejects.toThrow(/shorter/);
    await hasher.close();
  });
});
