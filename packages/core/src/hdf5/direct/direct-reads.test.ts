// Direct reads against HDF5 itself: for every dataset of the real-world corpus, of generated sample-archive files
// (JABS v2-v6, ndx-pose NWB, the large-NWB layout) and of h5py fixtures covering every numeric dtype, filter
// combination, byte order, fill value and chunk index, whole reads and random boxes read directly must equal what
// the h5wasm worker returns (same dtype, shape, array type and bits). Also: the wiring in openHdf5, errors that stay
// HDF5's, damaged chunks, remote files through the block cache.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJabsPose, generateNwbPose, writeLargeNwb } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptFileError, SelectionTooLargeError, UnsupportedError } from '../../errors.js';
import { CachedSource } from '../../source/block-cache.js';
import { openByteSource } from '../../source/open-source.js';
import { startStaticServer, type StaticServer } from '../../test-support/static-server.js';
import { openHdf5 } from '../node/open-hdf5.js';
import { corpusFiles, SYSTEM_PYTHON } from '../test-support/corpus.js';
import type { DatasetValues, Hdf5File, Slice } from '../types.js';
import type { DatasetStorage } from '../format/storage-types.js';
import { decoderThreadCount } from './decode-pool.js';
import { DirectReads } from './direct-reads.js';
import { LocalChunkFile, localChunkIo, remoteChunkIo } from './node-chunk-io.js';

type EngineFile = Hdf5File & { storage(path: string): Promise<DatasetStorage> };

let dir: string;
let server: StaticServer;
const files: { name: string; path: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'direct-reads-'));
  execFileSync(
    SYSTEM_PYTHON,
    [fileURLToPath(new URL('./test-support/make_direct_fixtures.py', import.meta.url)), dir],
    { stdio: 'inherit' },
  );
  files.push({ name: 'direct.h5', path: join(dir, 'direct.h5') }, { name: 'latest.h5', path: join(dir, 'latest.h5') });
  for (const version of [2, 3, 4, 5, 6] as const) {
    const name = `gen_pose_est_v${version}.h5`;
    const generated = await generateJabsPose({
      seed: 40 + version,
      version,
      frames: 1500,
      mice: version === 2 ? 1 : 2,
    });
    writeFileSync(join(dir, name), generated.bytes);
    files.push({ name, path: join(dir, name) });
  }
  const nwb = await generateNwbPose({
    seed: 5,
    subjectId: 'S1',
    sessionId: 'A',
    frames: 4000,
    rate: 30,
    timing: 'timestamps',
  });
  writeFileSync(join(dir, 'pose.nwb'), nwb.bytes);
  files.push({ name: 'pose.nwb', path: join(dir, 'pose.nwb') });
  await writeLargeNwb(join(dir, 'large.nwb'), { seed: 9, targetBytes: 6 * 2 ** 20, poseFrames: 30_000 });
  files.push({ name: 'large.nwb', path: join(dir, 'large.nwb') });
  for (const corpus of corpusFiles()) files.push({ name: corpus.name, path: corpus.path });
  server = await startStaticServer({
    '/direct.h5': new Uint8Array(readFileSync(join(dir, 'direct.h5'))),
    '/gen_pose_est_v4.h5': new Uint8Array(readFileSync(join(dir, 'gen_pose_est_v4.h5'))),
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Deterministic pseudo-random numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The whole dataset, then random boxes (some axes taken as a single index, some left whole). */
function selections(shape: number[], random: () => number): (Slice[] | undefined)[] {
  const out: (Slice[] | undefined)[] = [undefined];
  for (let i = 0; i < 4; i++) {
    out.push(
      shape.map((n): Slice => {
        const pick = random();
        if (pick < 0.2) return null;
        if (pick < 0.35) return Math.floor(random() * n);
        const start = Math.floor(random() * n);
        return [start, start + 1 + Math.floor(random() * (n - start))];
      }),
    );
  }
  return out;
}

function expectSame(actual: DatasetValues, expected: DatasetValues, label: string): void {
  expect(actual.shape, label).toEqual(expected.shape);
  expect(actual.dtype, label).toBe(expected.dtype);
  expect(actual.values.constructor.name, label).toBe(expected.values.constructor.name);
  const a = actual.values as unknown as Uint8Array;
  const b = expected.values as unknown as Uint8Array;
  const bytes = (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (!bytes(a).equals(bytes(b)))
    expect(Array.from(a as ArrayLike<number>), label).toEqual(Array.from(b as ArrayLike<number>));
}

/** Compare every dataset of a file; returns the paths read directly. */
async function compareFile(engine: EngineFile, direct: DirectReads, seed: number): Promise<string[]> {
  const random = rng(seed);
  const directPaths: string[] = [];
  const datasets = (await engine.walk()).filter((n) => n.kind === 'dataset' && n.shape && n.shape.length > 0);
  for (const node of datasets) {
    let wentDirect = false;
    for (const selection of selections(node.shape!, random)) {
      const label = `${engine.location} ${node.path} ${JSON.stringify(selection)}`;
      const fast = await direct.read(node.path, selection);
      const slow = await engine.read(node.path, selection).catch((error: unknown) => error);
      if (!fast) continue;
      // A filter HDF5 in wasm lacks (lzf): compared with h5py in its own test.
      if (slow instanceof UnsupportedError) continue;
      wentDirect = true;
      if (slow instanceof Error)
        throw new Error(`${label}: HDF5 failed (${slow.message}) where the direct read did not`);
      expectSame(fast, slow as DatasetValues, label);
    }
    if (wentDirect) directPaths.push(node.path);
  }
  return directPaths;
}

async function withLocalFile<T>(
  path: string,
  run: (engine: EngineFile, direct: DirectReads) => Promise<T>,
): Promise<T> {
  const engine = (await openHdf5(path, { directReads: false })) as EngineFile;
  const chunks = new LocalChunkFile(path);
  // planCostFactor 1: every box goes direct once eligible, whatever its size.
  const direct = new DirectReads({
    location: path,
    node: (p) => engine.node(p),
    storage: (p) => engine.storage(p),
    io: localChunkIo(chunks, path),
    readLimitBytes: 512 * 2 ** 20,
    planCostFactor: Number.MAX_SAFE_INTEGER,
  });
  try {
    return await run(engine, direct);
  } finally {
    await chunks.close();
    await engine.close();
  }
}

describe('direct reads equal HDF5', () => {
  it('h5py fixtures: every numeric dtype, 1-4 dimensions, each filter combination, big-endian, fill values, contiguous', async () => {
    const paths = await withLocalFile(join(dir, 'direct.h5'), (engine, direct) => compareFile(engine, direct, 1));
    // Everything but what only HDF5 decodes (lzf, scale-offset, float16, strings, compounds, scalars) went direct.
    const engine = (await openHdf5(join(dir, 'direct.h5'), { directReads: false })) as EngineFile;
    const all = (await engine.walk()).filter((n) => n.kind === 'dataset').map((n) => n.path);
    await engine.close();
    const expected = all.filter((p) => !p.startsWith('/other/') && p !== '/contiguous/empty_rows');
    expect(paths.sort()).toEqual(expected.sort());
    expect(decoderThreadCount()).toBeGreaterThan(0);
    expect(decoderThreadCount()).toBeLessThanOrEqual(4);
  }, 120_000);

  it('the newer chunk indexes (libver latest): fixed and extensible arrays, version-2 B-tree, single chunk, implicit', async () => {
    const paths = await withLocalFile(join(dir, 'latest.h5'), (engine, direct) => compareFile(engine, direct, 2));
    expect(paths.sort()).toEqual(['/btree2', '/extensible_array', '/fixed_array', '/implicit', '/single_chunk']);
  }, 60_000);

  it('leaves filtered datasets whose partial edge chunks are stored unfiltered to HDF5', async () => {
    const path = join(dir, 'direct.h5');
    const engine = (await openHdf5(path, { directReads: false })) as EngineFile;
    const chunks = new LocalChunkFile(path);
    const options = {
      location: path,
      node: (p: string) => engine.node(p),
      io: localChunkIo(chunks, path),
      readLimitBytes: 2 ** 29,
      planCostFactor: Number.MAX_SAFE_INTEGER,
    };
    try {
      const plain = new DirectReads({ ...options, storage: (p) => engine.storage(p) });
      const flagged = new DirectReads({
        ...options,
        storage: async (p) => ({ ...(await engine.storage(p)), unfilteredEdges: true }),
      });
      expect(await plain.read('/float64/2d1_shuffle_gzip', undefined)).toBeDefined();
      expect(await flagged.read('/float64/2d1_shuffle_gzip', undefined)).toBeUndefined();
    } finally {
      await chunks.close();
      await engine.close();
    }
  }, 60_000);

  it('generated JABS v2-v6 and NWB files, and every real-world corpus file', async () => {
    const directByFile = new Map<string, number>();
    for (const file of files.filter((f) => f.name !== 'direct.h5' && f.name !== 'latest.h5')) {
      const paths = await withLocalFile(file.path, (engine, direct) => compareFile(engine, direct, file.name.length));
      directByFile.set(file.name, paths.length);
    }
    // The pose data of generated files is chunked and gzipped: it must have gone direct.
    for (const name of ['gen_pose_est_v2.h5', 'gen_pose_est_v4.h5', 'gen_pose_est_v6.h5', 'pose.nwb', 'large.nwb'])
      expect(directByFile.get(name), name).toBeGreaterThan(0);
  }, 180_000);

  it('remote files read through the block cache give the same values', async () => {
    for (const name of ['direct.h5', 'gen_pose_est_v4.h5']) {
      const url = `${server.url}/${name}`;
      const engine = (await openHdf5(url, { directReads: false })) as EngineFile;
      const source = new CachedSource(openByteSource(url));
      const direct = new DirectReads({
        location: url,
        node: (p) => engine.node(p),
        storage: (p) => engine.storage(p),
        io: remoteChunkIo(source),
        readLimitBytes: 512 * 2 ** 20,
        planCostFactor: Number.MAX_SAFE_INTEGER,
      });
      try {
        expect((await compareFile(engine, direct, 3)).length).toBeGreaterThan(0);
      } finally {
        await source.close();
        await engine.close();
      }
    }
  }, 120_000);
});

describe('openHdf5 with direct reads', () => {
  it('reads lzf datasets, which HDF5 in wasm refuses, with the values h5py reads (boxes and steps too)', async () => {
    const path = join(dir, 'direct.h5');
    const cases: [string, Slice[] | undefined, string][] = [
      ['/other/lzf', undefined, '[()]'],
      ['/other/lzf', [[5, 905, 7]], '[5:905:7]'],
      ['/other/lzf_shuffle_2d', undefined, '[()]'],
      [
        '/other/lzf_shuffle_2d',
        [
          [10, 290, 3],
          [1, 7, 2],
        ],
        '[10:290:3, 1:7:2]',
      ],
      ['/other/lzf_shuffle_2d', [100, [0, 5]], '[100, 0:5]'],
      ['/other/lzf_random', [[3, 190]], '[3:190]'],
    ];
    const script = [
      'import h5py, json, sys, numpy as np',
      'f = h5py.File(sys.argv[1], "r")',
      // JSON has no NaN or infinities: send them as strings.
      'clean = lambda v: [clean(x) for x in v] if isinstance(v, list) else (repr(v) if v != v or v in (float("inf"), float("-inf")) else v)',
      'print(json.dumps([clean(f[p][eval("np.s_" + s)].tolist()) for p, s in json.loads(sys.argv[2])]))',
    ].join('\n');
    const expected = JSON.parse(
      execFileSync(SYSTEM_PYTHON, ['-c', script, path, JSON.stringify(cases.map(([p, , s]) => [p, s]))], {
        encoding: 'utf8',
      }),
    ) as unknown[];
    const file = await openHdf5(path);
    const plain = await openHdf5(path, { directReads: false });
    try {
      for (const [index, [p, selection, label]] of cases.entries()) {
        const read = await file.read(p, selection);
        const want = expected[index] as number | number[] | number[][];
        const flat = [want].flat(2) as number[];
        const asJson = (v: number) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v);
        expect(Array.from(read.values as ArrayLike<number>, asJson), `${p}${label}`).toEqual(flat);
        expect(read.shape, `${p}${label}`).toEqual(shapeOf(want));
      }
      // Without direct reads the user gets HDF5's one-sentence refusal, as before.
      await expect(plain.read('/other/lzf')).rejects.toThrow(UnsupportedError);
    } finally {
      await file.close();
      await plain.close();
    }
  }, 60_000);

  it('reads the same values as with directReads: false, and leaves steps and other filters to HDF5', async () => {
    const path = join(dir, 'direct.h5');
    const [fast, slow] = await Promise.all([openHdf5(path), openHdf5(path, { directReads: false })]);
    try {
      for (const [p, selection] of [
        ['/float64/2d1_shuffle_gzip', undefined],
        ['/uint16/4d2_gzip', [[10, 200], null, 3, null]],
        ['/int64/1d0_fletcher_shuffle_gzip', [[0, 1000, 3]]],
        ['/other/scaleoffset', [[5, 400]]],
        ['/sparse/float64', undefined],
        ['/contiguous/float64', [[100, 1200], 1]],
        [
          '/bigend/float64',
          [
            [3, 299],
            [1, 6],
          ],
        ],
      ] as [string, Slice[] | undefined][]) {
        expectSame(await fast.read(p, selection), await slow.read(p, selection), `${p} ${JSON.stringify(selection)}`);
      }
      // Local direct reads are counted in the file's stats.
      expect(fast.stats().bytesFetched).toBeGreaterThan(0);
    } finally {
      await Promise.all([fast.close(), slow.close()]);
    }
  });

  it('errors stay those of HDF5: bad selections, missing paths, unsupported types, the read limit', async () => {
    const path = join(dir, 'direct.h5');
    const options = { readLimitBytes: 4_000 };
    const [fast, slow] = await Promise.all([
      openHdf5(path, options),
      openHdf5(path, { ...options, directReads: false }),
    ]);
    try {
      for (const [p, selection] of [
        ['/float32/1d0_gzip', [5000]],
        ['/float32/1d0_gzip', [0, 1]],
        ['/float32/1d0_gzip', [[0, 10, 0]]],
        ['/float64/2d1_gzip', undefined],
        ['/nothing/here', undefined],
        ['/float32', undefined],
        ['/other/lzf_shuffle_2d', undefined],
      ] as [string, Slice[] | undefined][]) {
        const [a, b] = await Promise.all([
          fast.read(p, selection).catch((e: unknown) => e),
          slow.read(p, selection).catch((e: unknown) => e),
        ]);
        expect(a, `${p} ${JSON.stringify(selection)}`).toBeInstanceOf(Error);
        expect((a as Error).constructor, p).toBe((b as Error).constructor);
        expect((a as Error).message, p).toBe((b as Error).message);
      }
      await expect(fast.read('/float64/2d1_gzip')).rejects.toBeInstanceOf(SelectionTooLargeError);
    } finally {
      await Promise.all([fast.close(), slow.close()]);
    }
  });

  it('a damaged chunk ends in CorruptFileError naming the file and dataset, and the file stays usable', async () => {
    const plans = JSON.parse(
      execFileSync(
        SYSTEM_PYTHON,
        [fileURLToPath(new URL('./test-support/storage_plans.py', import.meta.url)), join(dir, 'direct.h5')],
        { maxBuffer: 1 << 26 },
      ).toString(),
    ) as { path: string; chunks?: { address: number; size: number }[] }[];
    const victim = plans.find((p) => p.path === '/float32/2d1_shuffle_gzip')!.chunks![3]!;
    const checked = plans.find((p) => p.path === '/uint16/2d1_fletcher')!.chunks![1]!;
    const bytes = new Uint8Array(readFileSync(join(dir, 'direct.h5')));
    bytes.fill(0x5a, victim.address + 4, victim.address + 40);
    bytes[checked.address + 10]! ^= 0x01;
    const damaged = join(dir, 'damaged.h5');
    writeFileSync(damaged, bytes);
    const file = await openHdf5(damaged);
    try {
      const error = await file.read('/float32/2d1_shuffle_gzip').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptFileError);
      expect((error as CorruptFileError).location).toBe(damaged);
      expect((error as Error).message).toMatch(
        /damaged \(\/float32\/2d1_shuffle_gzip: the chunk at \[\d+, \d+\].*deflate/,
      );
      await expect(file.read('/uint16/2d1_fletcher')).rejects.toThrow(/Fletcher-32 checksum does not match/);
      // Chunks away from the damage still read.
      expect((await file.read('/float32/2d1_shuffle_gzip', [[0, 10]])).shape).toEqual([10, 6]);
    } finally {
      await file.close();
    }
  });

  it('a local file removed while open fails a direct read with a typed error naming it', async () => {
    const path = join(dir, 'removed.h5');
    writeFileSync(path, readFileSync(join(dir, 'direct.h5')));
    const file = await openHdf5(path);
    try {
      await file.node('/float64/2d1_shuffle_gzip');
      rmSync(path);
      const error = await file.read('/float64/2d1_shuffle_gzip').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptFileError);
      expect((error as Error).message).toContain(path);
    } finally {
      await file.close();
    }
  });
});

function shapeOf(value: unknown): number[] {
  return Array.isArray(value) ? [value.length, ...shapeOf(value[0])] : [];
}
