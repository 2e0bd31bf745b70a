// openHdf5 on h5py-written fixtures (links, references, enums, compounds, filters), damaged files, failing servers,
// and many files opened and closed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CorruptFileError,
  EmberError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  NotHdf5Error,
  SelectionTooLargeError,
  UnsupportedError,
} from '../../errors.js';
import { CachedSource, BlockCache } from '../../source/block-cache.js';
import { FileSource } from '../../source/file-source.js';
import { startFaultProxy } from '../../test-support/fault-proxy.js';
import { startStaticServer, type StaticServer } from '../../test-support/static-server.js';
import { openHdf5 } from './open-hdf5.js';
import {
  closeIdleHdf5Workers,
  idleHdf5WorkerCount,
  openHdf5WorkerCount,
  prewarmHdf5Worker,
  setHdf5WorkerPoolLimits,
} from './worker-pool.js';
import { CORPUS_DIR, makeFixtures } from '../test-support/corpus.js';

let dir: string;
let features: string;
let server: StaticServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ember-hdf5-'));
  makeFixtures(dir);
  features = join(dir, 'features.h5');
  server = await startStaticServer({ '/features.h5': new Uint8Array(readFileSync(features)) });
  server.put('/chunked.h5', new Uint8Array(readFileSync(join(dir, 'chunked.h5'))));
  server.put('/narrow.h5', new Uint8Array(readFileSync(join(dir, 'narrow.h5'))));
  server.redirect('/download/features', '/features.h5');
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('objects, links and values', () => {
  it('reports soft, external and broken links as links and visits a hard-linked dataset once', async () => {
    const file = await openHdf5(features);
    try {
      const nodes = await file.walk();
      const byPath = new Map(nodes.map((n) => [n.path, n]));
      expect(byPath.get('/soft')).toEqual({ path: '/soft', kind: 'soft-link', target: '/group/grid' });
      expect(byPath.get('/broken')).toEqual({ path: '/broken', kind: 'broken-link', target: '/nowhere' });
      expect(byPath.get('/external')).toEqual({ path: '/external', kind: 'external-link', target: 'other.h5:/x' });
      // /hard and /group/grid are one object: only the first name in traversal order is listed.
      expect(byPath.has('/group/grid')).toBe(true);
      expect(byPath.has('/hard')).toBe(false);
      expect(await file.list('/')).toContainEqual({
        path: '/hard',
        kind: 'dataset',
        shape: [1000, 6],
        dtype: 'float32',
      });
      expect(await file.node('/missing/deeper')).toBeNull();
      // A soft link to a group lists the group's children under the link's name.
      expect((await file.list('/softgroup')).map((n) => n.path)).toContain('/softgroup/grid');
    } finally {
      await file.close();
    }
  });

  it('decodes attributes: strings, 64-bit ints, bools, arrays and object references as paths', async () => {
    const file = await openHdf5(features);
    try {
      const root = await file.attrs('/');
      expect(root.title).toBe('features');
      expect(root.count).toBe(7);
      expect(root.big).toBe(2n ** 63n + 5n);
      expect(root.flag).toBe(true);
      expect(root.scale).toEqual([1.5, 2.5, 3.5]);
      expect(root.names).toEqual(['a', 'bc']);
      const group = await file.attrs('/group');
      expect(group.target).toEqual({ reference: expect.stringMatching(/^\/(hard|group\/grid)$/) });
      expect(group.targets).toEqual([
        { reference: expect.stringMatching(/^\/(hard|group\/grid)$/) },
        { reference: '/' },
      ]);
    } finally {
      await file.close();
    }
  });

  it('describes datasets and reads selections with numpy rules', async () => {
    const file = await openHdf5(features);
    try {
      const info = await file.dataset('/group/grid');
      expect(info).toMatchObject({ shape: [1000, 6], dtype: 'float32', itemSize: 4, chunks: [100, 6] });
      expect(info.filters.map((f) => f.name)).toEqual(['shuffle', 'deflate']);
      expect((await file.dataset('/group/table')).members).toEqual([
        { name: 'id', dtype: 'int32', itemSize: 4, typeClass: 0, littleEndian: true, signed: true },
        { name: 'score', dtype: 'float64', itemSize: 8, typeClass: 1, littleEndian: true },
      ]);
      // An enum over uint8, described as stored: its base integer's sign and size.
      expect(await file.dataset('/group/colors')).toMatchObject({
        dtype: 'enum',
        itemSize: 1,
        typeClass: 8,
        signed: false,
        enumValues: { RED: 0, GREEN: 1, BLUE: 2 },
      });

      const window = await file.read('/group/grid', [
        [2, 5],
        [1, 3],
      ]);
      expect(window.shape).toEqual([3, 2]);
      expect(Array.from(window.values as Float32Array)).toEqual([13, 14, 19, 20, 25, 26]);
      // Index drops the axis, negatives count from the end, steps work across chunk boundaries.
      const last = await file.read('/group/grid', [-1, [0, 6, 2]]);
      expect(last.shape).toEqual([3]);
      expect(Array.from(last.values as Float32Array)).toEqual([5994, 5996, 5998]);
      const strided = await file.read('/group/grid', [[95, 305, 70], 0]);
      expect(Array.from(strided.values as Float32Array)).toEqual([570, 990, 1410]);
      // The same window again comes from the decoded cache and must be identical.
      expect(
        Array.from(
          (
            await file.read('/group/grid', [
              [2, 5],
              [1, 3],
            ])
          ).values as Float32Array,
        ),
      ).toEqual([13, 14, 19, 20, 25, 26]);

      expect(await file.read('/group/flags')).toMatchObject({ dtype: 'bool', shape: [3] });
      expect(Array.from((await file.read('/group/flags')).values as Uint8Array)).toEqual([1, 0, 1]);
      expect((await file.read('/group/labels')).values).toEqual(['nose', 'tail', 'ear']);
      expect((await file.read('/group/fixed')).values).toEqual(['ab', 'cd']);
      expect(await file.read('/group/text')).toEqual({ shape: [], dtype: 'string', values: ['hello'] });
      expect(await file.read('/group/scalar')).toEqual({ shape: [], dtype: 'float64', values: [3.25] });
      expect((await file.read('/group/table')).values).toEqual([
        [1, 0.5],
        [2, 1.5],
        [3, 2.5],
      ]);
      expect((await file.read('/group/timeseries')).values).toEqual([
        [0, 5, { reference: expect.stringMatching(/grid|hard/) }],
        [5, 3, { reference: '/group' }],
      ]);
      expect((await file.read('/group/timeseries', [[1, 2]])).values).toEqual([[5, 3, { reference: '/group' }]]);
      expect((await file.read('/group/refs')).values).toEqual([
        { reference: expect.stringMatching(/grid|hard/) },
        { reference: '/group' },
      ]);
      expect((await file.read('/group/ints64', [[0, 3]])).values).toEqual(new BigInt64Array([-5n, -4n, -3n]));
      expect(Array.from((await file.read('/group/bigend')).values as Int32Array)).toEqual([0, 1, 2, 3]);
      expect((await file.read('/group/empty')).shape).toEqual([0]);
      expect(
        (
          await file.read('/soft', [
            [0, 1],
            [0, 2],
          ])
        ).values,
      ).toEqual(new Float32Array([0, 1]));
    } finally {
      await file.close();
    }
  });

  it('raises typed errors for missing paths, links, bad selections and missing filters; reads float16', async () => {
    const file = await openHdf5(features, { readLimitBytes: 1000 });
    try {
      await expect(file.read('/nope')).rejects.toBeInstanceOf(NotFoundError);
      await expect(file.read('/broken')).rejects.toBeInstanceOf(NotFoundError);
      await expect(file.read('/external')).rejects.toBeInstanceOf(UnsupportedError);
      await expect(file.read('/lzf')).rejects.toBeInstanceOf(UnsupportedError);
      // float16 (h5wasm has no conversion for it) is decoded here and widened to float32, as numpy prints it.
      expect(await file.read('/half')).toEqual({
        shape: [4],
        dtype: 'float16',
        values: new Float32Array([0, 1, 2, 3]),
      });
      await expect(file.read('/group/grid', [1000])).rejects.toBeInstanceOf(InvalidInputError);
      await expect(file.read('/group/grid', [0, 0, 0])).rejects.toBeInstanceOf(InvalidInputError);
      await expect(file.list('/group/grid')).rejects.toBeInstanceOf(InvalidInputError);
      const tooLarge = file.read('/group/grid');
      await expect(tooLarge).rejects.toBeInstanceOf(SelectionTooLargeError);
      await expect(tooLarge).rejects.toMatchObject({ bytes: 24000, limit: 1000 });
      // The file stays usable after errors.
      expect((await file.read('/group/grid', [[0, 2], 0])).values).toEqual(new Float32Array([0, 6]));
    } finally {
      await file.close();
    }
  });
});

describe('remote sources', () => {
  it('reads over HTTP through a 302 redirect and counts requests and cache hits', async () => {
    const file = await openHdf5(`${server.url}/download/features`);
    try {
      expect((await file.read('/rows', [[3998, 4000]])).values).toEqual(new Uint16Array([7996, 7997, 7998, 7999]));
      const stats = file.stats();
      expect(stats.fileSize).toBe(readFileSync(features).length);
      expect(stats.requests).toBeGreaterThan(0);
      expect(stats.requests).toBeLessThan(10);
      expect(stats.cacheHits).toBeGreaterThan(0);
    } finally {
      await file.close();
    }
  });

  it('fetches the chunks of a selection together once the chunk index is read', async () => {
    const options = { cache: new BlockCache({ blockSize: 4096 }), maxReadaheadBytes: 0, probeBytes: 4096 };
    const file = await openHdf5(`${server.url}/chunked.h5`, options);
    try {
      const before = file.stats().requests;
      const whole = await file.read('/series');
      expect(whole.values).toEqual(Int32Array.from({ length: 200_000 }, (_, i) => i));
      // 200 chunks of 4,000 bytes without readahead: one request each, unless they are fetched ahead in runs.
      expect(file.stats().requests - before).toBeLessThan(40);
      const window = await file.read('/series', [[150_500, 151_500]]);
      expect((window.values as Int32Array)[0]).toBe(150_500);
    } finally {
      await file.close();
    }
  });

  it('reads right when the small block cache of the worker evicts while one read spans cached and missing blocks', async () => {
    // A cache of four blocks: remembering a read's fetched blocks used to evict a cached block the same read still
    // had to copy ("fewer bytes than its size promised"), seen on the sample archive's 1 GiB NWB.
    const options = {
      cache: new BlockCache({ blockSize: 4096 }),
      maxReadaheadBytes: 0,
      probeBytes: 4096,
      workerCacheBytes: 4 * 4096,
      directReads: false,
      decodedCacheBytes: 0,
    };
    const file = await openHdf5(`${server.url}/chunked.h5`, options);
    try {
      // Windows in a scattered but fixed order, so reads keep meeting blocks cached a few reads ago.
      let seed = 7;
      for (let i = 0; i < 150; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const from = seed % 199_000;
        const to = from + 1 + (seed % 1500);
        const window = await file.read('/series', [[from, to]]);
        expect(window.values).toEqual(Int32Array.from({ length: to - from }, (_, k) => from + k));
      }
    } finally {
      await file.close();
    }
  });

  it('reads any ByteSource, including offsets past 4 GiB, through the worker protocol', async () => {
    const big = join(dir, 'big.h5');
    const { execFileSync } = await import('node:child_process');
    // A sparse file: 5 GiB of zeros, then a dataset written at the end, so its data lies past 2^32.
    execFileSync('/usr/bin/python3', [
      '-c',
      [
        'import h5py, numpy as np, sys',
        'f = h5py.File(sys.argv[1], "w")',
        'f.create_dataset("pad", shape=(5 * 2**30,), dtype="u1")',
        'f["pad"][-1] = 1',
        'f["tail"] = np.arange(10, dtype="<i4")',
        'f.close()',
      ].join('\n'),
      big,
    ]);
    const source = new CachedSource(new FileSource(big), {
      cache: new BlockCache({ blockSize: 4096, maxBytes: 1 << 20 }),
    });
    const file = await openHdf5(source);
    try {
      expect(file.stats().fileSize).toBeGreaterThan(2 ** 32);
      expect((await file.read('/tail')).values).toEqual(new Int32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
      expect((await file.read('/pad', [[5 * 2 ** 30 - 2, 5 * 2 ** 30]])).values).toEqual(new Uint8Array([0, 1]));
    } finally {
      await file.close();
    }
    rmSync(big);
  });

  it('gives a NetworkError, not a hang, when the server dies mid-read', async () => {
    const own = await startStaticServer({ '/f.h5': new Uint8Array(readFileSync(features)) });
    const file = await openHdf5(`${own.url}/f.h5`, {
      retry: { attempts: 2, baseDelayMs: 10, timeoutMs: 2000 },
      cache: new BlockCache({ blockSize: 4096 }),
      probeBytes: 4096,
      maxReadaheadBytes: 0,
    });
    try {
      await file.node('/group');
      await own.close();
      await expect(file.read('/rows')).rejects.toBeInstanceOf(NetworkError);
      // Still a clean error, and a clean close, afterwards.
      await expect(file.read('/group/grid', [[900, 1000]])).rejects.toBeInstanceOf(NetworkError);
    } finally {
      await file.close();
    }
  });

  it('gives a NetworkError when a response stalls past the request timeout', async () => {
    const proxy = await startFaultProxy({ upstream: server.url });
    const file = await openHdf5(`${proxy.url}/features.h5`, {
      retry: { attempts: 1, timeoutMs: 300 },
      cache: new BlockCache({ blockSize: 4096 }),
      probeBytes: 4096,
    });
    try {
      proxy.setPicker(() => ({ kind: 'stall', afterBytes: 10 }));
      const started = Date.now();
      await expect(file.read('/rows')).rejects.toMatchObject({
        name: 'NetworkError',
        message: expect.stringContaining('timed out'),
      });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await file.close();
      await proxy.close();
    }
  });
});

describe('damaged files', () => {
  const original = readFileSync(join(CORPUS_DIR, 'ndx-pose/0.3.0_poseestimation_one_camera.nwb'));

  async function readEverything(path: string): Promise<void> {
    const file = await openHdf5(path, { operationTimeoutMs: 20_000 });
    try {
      for (const node of await file.walk()) {
        await file.attrs(node.path).catch(() => undefined);
        if (node.kind === 'dataset') await file.read(node.path);
      }
    } finally {
      await file.close();
    }
  }

  it('rejects random bytes as not HDF5', async () => {
    const path = join(dir, 'random.h5');
    const bytes = new Uint8Array(50_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    writeFileSync(path, bytes);
    await expect(openHdf5(path)).rejects.toBeInstanceOf(NotHdf5Error);
    writeFileSync(join(dir, 'empty.h5'), new Uint8Array(0));
    await expect(openHdf5(join(dir, 'empty.h5'))).rejects.toBeInstanceOf(NotHdf5Error);
  });

  it('rejects a truncated file as corrupt, locally and over HTTP', async () => {
    const path = join(dir, 'truncated.nwb');
    const cut = original.subarray(0, Math.floor(original.length / 2));
    writeFileSync(path, cut);
    await expect(readEverything(path)).rejects.toBeInstanceOf(CorruptFileError);
    server.put('/truncated.nwb', new Uint8Array(cut));
    await expect(openHdf5(`${server.url}/truncated.nwb`)).rejects.toBeInstanceOf(CorruptFileError);
  });

  it('reads bit-flipped copies to the end or fails with a typed error in bounded time', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const bytes = new Uint8Array(original);
      let state = seed;
      for (let flip = 0; flip < 40; flip++) {
        state = (state * 1103515245 + 12345) >>> 0;
        const at = state % Math.min(bytes.length, 60_000); // metadata lives near the start
        bytes[at]! ^= 1 << (state & 7);
      }
      const path = join(dir, `flipped-${seed}.nwb`);
      writeFileSync(path, bytes);
      const started = Date.now();
      const outcome = await readEverything(path).then(
        () => 'read',
        (error: unknown) => error,
      );
      expect(Date.now() - started).toBeLessThan(25_000);
      if (outcome !== 'read') {
        expect(outcome).toBeInstanceOf(EmberError);
        expect(['corrupt-file', 'not-hdf5', 'unsupported', 'selection-too-large', 'not-found']).toContain(
          (outcome as EmberError).code,
        );
      }
    }
  });
});

describe('chunks narrower than a row (read column by column)', () => {
  // What the fixture holds at any index: points = flat index mod 65521, confidence = flat index / 8.
  const expectBox = (
    values: ArrayLike<number>,
    shape: number[],
    box: [number, number, number][],
    value: (flat: number) => number,
  ): void => {
    const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
    const want: number[] = [];
    const walk = (axis: number, flat: number): void => {
      const [start, stop, step] = box[axis]!;
      for (let i = start; i < stop; i += step) {
        if (axis === shape.length - 1) want.push(value(flat + i));
        else walk(axis + 1, flat + i * strides[axis]!);
      }
    };
    walk(0, 0);
    expect(values.length).toBe(want.length);
    let mismatches = 0;
    for (let i = 0; i < want.length; i++) if (values[i] !== want[i]) mismatches++;
    expect(mismatches).toBe(0);
  };

  it.each([
    ['a local file', () => join(dir, 'narrow.h5')],
    ['a remote file', () => `${server.url}/narrow.h5`],
  ])('gives the same values as one box would, from %s', async (_label, target) => {
    const file = await openHdf5(target());
    try {
      const pointsShape = [20_000, 3, 4, 2];
      const boxes: [number, number, number][][] = [
        [
          [0, 20_000, 1],
          [0, 3, 1],
          [0, 4, 1],
          [0, 2, 1],
        ],
        [
          [1234, 17_777, 1],
          [0, 3, 1],
          [0, 4, 1],
          [0, 2, 1],
        ],
        [
          [100, 19_000, 1],
          [1, 3, 1],
          [1, 4, 1],
          [1, 2, 1],
        ],
        [
          [50, 60, 1],
          [0, 3, 1],
          [0, 4, 1],
          [0, 2, 1],
        ],
        [
          [0, 20_000, 3],
          [0, 3, 1],
          [0, 4, 2],
          [0, 2, 1],
        ],
      ];
      for (const box of boxes) {
        const { values, shape } = await file.read('/points', box);
        expect(values).toBeInstanceOf(Uint16Array);
        expect(shape).toEqual(box.map(([a, b, step]) => Math.ceil((b - a) / step)));
        expectBox(values as Uint16Array, pointsShape, box, (flat) => flat % 65521);
      }
      const confidence = await file.read('/confidence', [
        [3, 19_999],
        [0, 3],
        [1, 4],
      ]);
      expect(confidence.values).toBeInstanceOf(Float32Array);
      expectBox(
        confidence.values as Float32Array,
        [20_000, 3, 4],
        [
          [3, 19_999, 1],
          [0, 3, 1],
          [1, 4, 1],
        ],
        (flat) => Math.fround(flat / 8),
      );
    } finally {
      await file.close();
    }
  });
});

describe('many files and the worker pool', () => {
  it('gives each open file its own worker, and leaves none after close once the idle ones end', async () => {
    await closeIdleHdf5Workers();
    const before = openHdf5WorkerCount();
    const files = await Promise.all(Array.from({ length: 12 }, () => openHdf5(features)));
    expect(openHdf5WorkerCount()).toBe(before + 12);
    // Every file progresses at once (none waits for a pooled worker).
    await Promise.all(
      files.map(async (f) => expect((await f.read('/group/ints64', [0])).values).toEqual(new BigInt64Array([-5n]))),
    );
    await Promise.all(files.map((f) => f.close()));
    // A few stay warm for the next files, bounded by the pool's limit (2 by default); the rest have ended.
    expect(idleHdf5WorkerCount()).toBe(2);
    expect(openHdf5WorkerCount()).toBe(before + 2);
    await closeIdleHdf5Workers();
    expect(openHdf5WorkerCount()).toBe(before);
    // A closed file refuses further calls instead of hanging.
    await expect(files[0]!.walk()).rejects.toBeInstanceOf(EmberError);
    // Failed opens do not leak either.
    await expect(openHdf5(join(dir, 'random.h5'))).rejects.toBeInstanceOf(NotHdf5Error);
    expect(openHdf5WorkerCount()).toBe(before);
  });

  it('ends idle workers after the idle timeout', async () => {
    await closeIdleHdf5Workers();
    const before = openHdf5WorkerCount();
    setHdf5WorkerPoolLimits({ idleTimeoutMs: 150 });
    try {
      const file = await openHdf5(features);
      await file.close();
      expect(idleHdf5WorkerCount()).toBe(1);
      expect(openHdf5WorkerCount()).toBe(before + 1);
      for (let i = 0; i < 100 && openHdf5WorkerCount() > before; i++) await new Promise((r) => setTimeout(r, 20));
      expect(openHdf5WorkerCount()).toBe(before);
      expect(idleHdf5WorkerCount()).toBe(0);
    } finally {
      setHdf5WorkerPoolLimits({ idleTimeoutMs: 5_000 });
    }
  });

  it('reuses a warm worker for local and remote files in turn, leaving nothing of the previous file', async () => {
    await closeIdleHdf5Workers();
    const before = openHdf5WorkerCount();
    for (let round = 0; round < 6; round++) {
      // The worker refuses to open a file while anything of the previous one (its MEMFS node) is left: a leak fails here.
      const local = await openHdf5(features);
      expect((await local.read('/group/ints64', [0])).values).toEqual(new BigInt64Array([-5n]));
      await local.close();
      const remote = await openHdf5(`${server.url}/chunked.h5`);
      const nodes = await remote.walk();
      expect(nodes.length).toBeGreaterThan(0);
      await remote.close();
      // A missing path is the caller's mistake, not the file's: the worker stays poolable.
      const again = await openHdf5(features);
      await expect(again.read('/nope')).rejects.toBeInstanceOf(NotFoundError);
      await again.close();
      expect(openHdf5WorkerCount()).toBe(before + 1);
      expect(idleHdf5WorkerCount()).toBe(1);
    }
    await closeIdleHdf5Workers();
  });

  it('starts one worker ahead of the first open, which that open takes', async () => {
    await closeIdleHdf5Workers();
    const before = openHdf5WorkerCount();
    prewarmHdf5Worker();
    prewarmHdf5Worker();
    // One at most: a second call finds it idle.
    expect(idleHdf5WorkerCount()).toBe(1);
    expect(openHdf5WorkerCount()).toBe(before + 1);
    const file = await openHdf5(features);
    expect(idleHdf5WorkerCount()).toBe(0);
    expect(openHdf5WorkerCount()).toBe(before + 1);
    expect((await file.read('/group/ints64', [0])).values).toEqual(new BigInt64Array([-5n]));
    await file.close();
    expect(openHdf5WorkerCount()).toBe(before + 1);
    await closeIdleHdf5Workers();
    setHdf5WorkerPoolLimits({ maxIdle: 0 });
    try {
      prewarmHdf5Worker();
      expect(openHdf5WorkerCount()).toBe(before);
    } finally {
      setHdf5WorkerPoolLimits({ maxIdle: 2 });
    }
  });

  it('discards a worker whose file failed instead of pooling it', async () => {
    await closeIdleHdf5Workers();
    const before = openHdf5WorkerCount();
    const good = await openHdf5(features);
    await good.close();
    expect(idleHdf5WorkerCount()).toBe(1);
    // The failed open takes the warm worker and, being a damaged-file failure, ends it.
    await expect(openHdf5(join(dir, 'random.h5'))).rejects.toBeInstanceOf(NotHdf5Error);
    expect(idleHdf5WorkerCount()).toBe(0);
    expect(openHdf5WorkerCount()).toBe(before);
  });

  it('does not keep the process alive with an idle worker', async () => {
    const { execFileSync } = await import('node:child_process');
    const dist = new URL('../../../dist/node.js', import.meta.url).href;
    // With a 10-minute idle timeout, the child ends well within execFileSync's 30 s only if the idle worker is unref'd.
    const script =
      `const c = await import(${JSON.stringify(dist)}); c.setHdf5WorkerPoolLimits({ idleTimeoutMs: 600000 }); ` +
      `const f = await c.openHdf5(${JSON.stringify(features)}); await f.close(); console.log(c.idleHdf5WorkerCount());`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(out.trim()).toBe('1');
  });
});
