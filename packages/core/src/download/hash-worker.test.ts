import { createHash, randomFillSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DandiEtagHasher } from './dandi-etag.js';
import { createWorkerHasher, segmentMarks } from './hash-worker.js';
import { planParts } from './resume-state.js';

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

  it('digests a dandi-etag part by part on two threads as parts fill out of order', async () => {
    const etag = new DandiEtagHasher(bytes.byteLength);
    etag.update(bytes);
    const hasher = createWorkerHasher(path, 'dandi-etag', bytes.byteLength, 2);
    // Ranged parts of 16 MiB: the second DANDI part (64 MiB on) fills before the first is complete.
    const parts = planParts(bytes.byteLength, 16 * 2 ** 20);
    parts[4]!.done = parts[4]!.end - parts[4]!.start + 1;
    hasher.advanceParts!(parts);
    parts[0]!.done = 1000;
    hasher.advanceParts!(parts);
    for (const part of parts) part.done = part.end - part.start + 1;
    hasher.advanceParts!(parts);
    expect(await hasher.finish()).toBe(etag.digest());
    await hasher.close();
  });
});

describe('segmentMarks', () => {
  it('counts only bytes final without a gap from each segment start', () => {
    const parts = planParts(100, 10);
    parts[0]!.done = 10;
    parts[1]!.done = 4;
    parts[2]!.done = 10;
    parts[5]!.done = 10;
    parts[6]!.done = 3;
    expect(
      segmentMarks(
        [
          { start: 0, size: 50 },
          { start: 50, size: 50 },
        ],
        parts,
      ),
    ).toEqual([14, 13]);
    // A segment that starts inside a part counts that part's final bytes past its start.
    expect(
      segmentMarks(
        [
          { start: 0, size: 25 },
          { start: 25, size: 75 },
        ],
        parts,
      ),
    ).toEqual([14, 5]);
  });
});
