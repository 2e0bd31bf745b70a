// The format reader's storage answers (fill value, bytes on disk, chunk list) against h5py's for every dataset of
// the real-world corpus and of small files written by h5py at test time with every layout and chunk index.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJabsPose, generateNwbPose, writeLargeNwb } from '@ember-archive/sample-archive';
import { BlockCache, CachedSource } from '../../source/block-cache.js';
import { HttpSource } from '../../source/http-source.js';
import { startStaticServer } from '../../test-support/static-server.js';
import { openHdf5Edge } from '../edge/open-hdf5-edge.js';
import { openHdf5 } from '../node/open-hdf5.js';
import type { ForwardingHdf5File } from '../shared/file-calls.js';
import type { Hdf5File } from '../types.js';
import { corpusFiles, makeFixtures, SYSTEM_PYTHON } from '../test-support/corpus.js';
import type { DatasetStorage, StoredChunk } from './storage-types.js';

const HAS_H5PY = existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ['-c', 'import h5py']).status === 0;

/** h5py's answers for one dataset (see test-support/storage_expected.py). */
interface Expected {
  storageSize: number;
  fillValue:
    | { number: number }
    | { bigint: string }
    | { float: string }
    | { string: string }
    | { bool: boolean }
    | { unknown: true }
    | null;
  /** Every chunk (datasets with up to 2,000 chunks)... */
  chunks?: StoredChunk[];
  /** ...or how many there are and a sample of them (get_chunk_info(i) is linear in i in HDF5 1.10). */
  chunkCount?: number;
  chunkSample?: StoredChunk[];
  /** ...or, where HDF5 1.10 reports wrong offsets (an extensible array over an inner unlimited dimension), each chunk
   * found by its coordinates (without its address) and the addresses apart. */
  chunksByCoord?: Omit<StoredChunk, 'address'>[];
  addresses?: number[];
}

function h5pyDescribe(paths: string[]): Record<string, Record<string, Expected>> {
  const script = fileURLToPath(new URL('./test-support/storage_expected.py', import.meta.url));
  return JSON.parse(
    execFileSync(SYSTEM_PYTHON, [script, ...paths], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }),
  ) as Record<string, Record<string, Expected>>;
}

function expectedFill(fill: Expected['fillValue']): DatasetStorage['fillValue'] | 'skip' {
  if (fill === null) return null;
  if ('unknown' in fill) return 'skip';
  if ('number' in fill) return fill.number;
  if ('bigint' in fill) return BigInt(fill.bigint);
  if ('float' in fill) return fill.float === 'nan' ? NaN : Number(fill.float);
  if ('string' in fill) return fill.string;
  return fill.bool;
}

function cOrder(chunks: StoredChunk[]): StoredChunk[] {
  return [...chunks].sort((a, b) => {
    for (let d = 0; d < a.offsets.length; d++) if (a.offsets[d] !== b.offsets[d]) return a.offsets[d]! - b.offsets[d]!;
    return 0;
  });
}

function storageOf(file: Hdf5File, path: string): Promise<DatasetStorage> {
  return (file as Hdf5File & Pick<ForwardingHdf5File, 'storage'>).storage(path);
}

/** Compare every dataset h5py lists in `path` (returns how many were compared). */
async function compareFile(path: string, expected: Record<string, Expected>): Promise<number> {
  const file = await openHdf5(path);
  try {
    for (const [dataset, want] of Object.entries(expected)) {
      const got = await storageOf(file, dataset);
      const info = await file.dataset(dataset);
      const where = `${path}:${dataset}`;
      expect(got.storageSize, where).toBe(want.storageSize);
      expect(info.storageSize, where).toBe(want.storageSize);
      const fill = expectedFill(want.fillValue);
      if (fill !== 'skip') {
        expect(got.fillValue, where).toEqual(fill);
        expect(info.fillValue, where).toEqual(fill);
      }
      if (want.chunks) {
        expect(got.layout, where).toBe('chunked');
        expect(got.chunks, where).toEqual(cOrder(want.chunks));
      }
      if (want.chunksByCoord) {
        expect(
          got.chunks?.map(({ address: _, ...rest }) => rest),
          where,
        ).toEqual(want.chunksByCoord);
        expect(
          got.chunks?.map((c) => c.address).sort((a, b) => a - b),
          where,
        ).toEqual(want.addresses);
      }
      if (want.chunkSample) {
        expect(got.chunks?.length, where).toBe(want.chunkCount);
        const byOffsets = new Map((got.chunks ?? []).map((c) => [c.offsets.join(','), c]));
        for (const chunk of want.chunkSample) expect(byOffsets.get(chunk.offsets.join(',')), where).toEqual(chunk);
      }
    }
    return Object.keys(expected).length;
  } finally {
    await file.close();
  }
}

describe.skipIf(!HAS_H5PY)(
  `dataset storage equals h5py's${HAS_H5PY ? '' : ' (skipped: /usr/bin/python3 with h5py is not installed)'}`,
  () => {
    let dir: string;
    const fixtures = ['old-style.h5', 'userblock.h5', 'latest.h5'];

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ember-storage-'));
      execFileSync(
        SYSTEM_PYTHON,
        [fileURLToPath(new URL('./test-support/make_storage_fixtures.py', import.meta.url)), dir],
        { stdio: 'inherit' },
      );
    });

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('for every dataset of the real-world corpus', async () => {
      const paths = corpusFiles().map((f) => f.path);
      const expected = h5pyDescribe(paths);
      let compared = 0;
      for (const path of paths) compared += await compareFile(path, expected[path]!);
      expect(compared).toBeGreaterThan(50);
    }, 60_000);

    it('for every dataset of a remote file, read by the worker and by the edge reader (cache-only reads, retried on a miss)', async () => {
      const names = ['old-style.h5', 'latest.h5'];
      const server = await startStaticServer(
        Object.fromEntries(names.map((name) => [`/${name}`, new Uint8Array(readFileSync(join(dir, name)))])),
      );
      try {
        for (const name of names) {
          const expected = h5pyDescribe([join(dir, name)])[join(dir, name)]!;
          const url = `${server.url}/${name}`;
          // Small blocks, so the chunk indexes are not in the blocks HDF5 already read.
          const small = (): CachedSource =>
            new CachedSource(new HttpSource(url, { probeBytes: 1024 }), { cache: new BlockCache({ blockSize: 1024 }) });
          const edge = await openHdf5Edge(small());
          const worker = await openHdf5(small());
          try {
            for (const [dataset, want] of Object.entries(expected)) {
              const [fromEdge, fromWorker] = [await edge.storage(dataset), await storageOf(worker, dataset)];
              expect(fromEdge, `${name}:${dataset}`).toEqual(fromWorker);
              expect(fromEdge.storageSize, `${name}:${dataset}`).toBe(want.storageSize);
            }
          } finally {
            await edge.close();
            await worker.close();
          }
        }
      } finally {
        await server.close();
      }
    }, 60_000);

    it("for every dataset of the sample archive's generated files (h5wasm-written JABS v2-v6 and NWB)", async () => {
      const paths: string[] = [];
      for (const version of [2, 3, 4, 5, 6] as const) {
        const path = join(dir, `jabs-v${version}.h5`);
        writeFileSync(
          path,
          (await generateJabsPose({ seed: 7, version, frames: 300, mice: version === 2 ? 1 : 2 })).bytes,
        );
        paths.push(path);
      }
      for (const timing of ['rate', 'timestamps'] as const) {
        const path = join(dir, `nwb-${timing}.nwb`);
        writeFileSync(
          path,
          (await generateNwbPose({ seed: 11, subjectId: 's1', sessionId: 'x', frames: 200, rate: 30, timing })).bytes,
        );
        paths.push(path);
      }
      const large = join(dir, 'large.nwb');
      await writeLargeNwb(large, { seed: 3, targetBytes: 2 * 1024 * 1024 });
      paths.push(large);
      const expected = h5pyDescribe(paths);
      let compared = 0;
      for (const path of paths) compared += await compareFile(path, expected[path]!);
      expect(compared).toBeGreaterThan(50);
    }, 120_000);

    it('for every dataset of the HDF5 reader fixtures (links, references, enums, compounds, lzf, big-endian...)', async () => {
      const fixtureDir = join(dir, 'reader-fixtures');
      mkdirSync(fixtureDir);
      makeFixtures(fixtureDir);
      const paths = readdirSync(fixtureDir)
        .filter((name) => name.endsWith('.h5'))
        .map((name) => join(fixtureDir, name));
      const expected = h5pyDescribe(paths);
      let compared = 0;
      for (const path of paths) compared += await compareFile(path, expected[path]!);
      expect(compared).toBeGreaterThan(10);
    }, 60_000);

    it.each(fixtures)(
      'for every dataset of %s (written by h5py)',
      async (name) => {
        const path = join(dir, name);
        const expected = h5pyDescribe([path])[path]!;
        expect(await compareFile(path, expected)).toBeGreaterThan(1);
      },
      60_000,
    );
  },
);
