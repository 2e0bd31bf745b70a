// "A wrong number is worse than an error": every numeric dataset of every corpus file (the real ones and the h5py-
// written edge cases under fixtures/corpus/generated) read by each engine and compared, element by element, with
// what h5py reads, NaN, infinities and -0 included. A dataset the reader refuses counts as a difference too.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockCache, CachedSource } from '../source/block-cache.js';
import { FileSource } from '../source/file-source.js';
import { openHdf5Edge } from './edge/open-hdf5-edge.js';
import { openHdf5 } from './node/open-hdf5.js';
import { corpusFiles, numpyDtypeName, SYSTEM_PYTHON } from './test-support/corpus.js';
import type { DatasetValues, Hdf5File, Slice } from './types.js';

/** One dataset as h5py reads it (test-support/h5py_values.py). */
interface H5pyDataset {
  dtype: string;
  shape: number[];
  /** Compared on its first rows only (a large dataset). */
  rows: number | null;
  values?: string[];
  error?: string;
}

const files = corpusFiles();
let h5py: Record<string, Record<string, H5pyDataset>>;

beforeAll(() => {
  const script = fileURLToPath(new URL('./test-support/h5py_values.py', import.meta.url));
  const json = execFileSync(SYSTEM_PYTHON, [script, ...files.map((f) => f.path)], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  h5py = JSON.parse(json) as typeof h5py;
});

const engines: [string, (path: string) => Promise<Hdf5File>][] = [
  ['the worker engine with direct chunk reads', (path) => openHdf5(path)],
  ['the worker engine through HDF5 only', (path) => openHdf5(path, { directReads: false })],
  ['the in-thread (edge) engine', (path) => openHdf5Edge(new FileSource(path))],
  // Small blocks: most HDF5 reads miss the cache, fail and are run again, which must not change a value.
  [
    'the in-thread engine missing its cache often',
    (path) => openHdf5Edge(new CachedSource(new FileSource(path), { cache: new BlockCache({ blockSize: 512 }) })),
  ],
];

/** The elements that differ (at most 5), each as "index: ours vs h5py's". */
function differences(ours: DatasetValues['values'], expected: string[], dtype: string): string[] {
  const out: string[] = [];
  if (ours.length !== expected.length) return [`${ours.length} values vs h5py's ${expected.length}`];
  for (let i = 0; i < expected.length && out.length < 5; i++) {
    const value = ours[i];
    const want = expected[i]!;
    if (!same(value, want, dtype)) out.push(`${i}: ${String(value)} vs ${want}`);
  }
  return out;
}

function same(value: unknown, want: string, dtype: string): boolean {
  if (want === 'true' || want === 'false') return (value === true || value === 1) === (want === 'true');
  if (dtype.startsWith('int') || dtype.startsWith('uint')) {
    return (typeof value === 'bigint' || typeof value === 'number') && BigInt(value) === BigInt(want);
  }
  const number =
    want === 'nan' ? NaN : want === 'inf' ? Infinity : want === '-inf' ? -Infinity : Number.parseFloat(want);
  // Object.is tells NaN from NaN as equal and -0 from 0 apart, as h5py does.
  return typeof value === 'number' && Object.is(value, number);
}

describe.each(engines)('%s', (_engine, open) => {
  describe.each(files.map((f) => [f.name, f] as const))('%s', (name, corpus) => {
    let file: Hdf5File;
    beforeAll(async () => {
      file = await open(corpus.path);
    });
    afterAll(async () => {
      await file.close();
    });

    it('reads every numeric dataset exactly as h5py does', async () => {
      const datasets = h5py[corpus.path] ?? {};
      const report: Record<string, string[]> = {};
      for (const [path, expected] of Object.entries(datasets)) {
        if (expected.error !== undefined || !expected.values) continue;
        const selection: Slice[] | undefined =
          expected.rows === null ? undefined : [[0, expected.rows], ...expected.shape.slice(1).map(() => null)];
        let problems: string[];
        try {
          const read = await file.read(path, selection);
          const wanted = numpyDtypeName(expected.dtype)!;
          problems =
            read.dtype === wanted
              ? differences(read.values, expected.values, wanted)
              : [`dtype ${read.dtype} vs ${wanted}`];
        } catch (error) {
          problems = [`refused: ${(error as Error).message}`];
        }
        if (problems.length > 0) report[path] = problems;
      }
      expect(report, name).toEqual({});
    });
  });
});
