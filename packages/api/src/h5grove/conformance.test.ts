// h5grove conformance: every file of the real-world corpus (fixtures/corpus), served from an S3 bucket on loopback,
// read through /h5grove (paths, meta, data as JSON and as bytes) and through core's openHdf5 on the local copy, must
// agree on the tree, the dtypes and the values, and answer in h5grove's shapes (silx-kit/h5grove models.py). Every
// dataset's and attribute's type (and an attribute's shape) must be what h5grove computes with h5py (core's test
// script src/hdf5/test-support/h5py_type_metadata.py, which core's stored-types test reads too).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Hdf5File } from '@ember-archive/core';
import { openHdf5 } from '@ember-archive/core/node';
import {
  corpusDir,
  corpusFileEntries,
  createS3Server,
  ObjectStore,
  type ListeningS3Server,
} from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeApp } from '../node.js';
import { h5groveJson } from './encoding.js';
import { numpyDtype } from './type-metadata.js';

const BUCKET = 'ember-open-data';
const corpus = corpusDir();
const files = corpusFileEntries(corpus).map((f) => `${f.folder}/${f.name}`);

// Enums the corpus lacks (over unsigned and 4-byte integers, on a dataset and an attribute), written by h5py here.
const ENUMS_SCRIPT = `import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "w") as f:
    colors = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1")
    f.create_dataset("colors", data=np.array([0, 2, 1], dtype="u1"), dtype=colors)
    levels = h5py.enum_dtype({"LOW": -1, "HIGH": 40000}, basetype="<i4")
    f.create_dataset("levels", data=np.array([-1, 40000], dtype="<i4"), dtype=levels)
    f.attrs.create("state", 2, dtype=h5py.enum_dtype({"A": 1, "B": 2}, basetype="<u2"))
`;
const ENUMS = 'made/enums.h5';

let s3: ListeningS3Server;
let app: ReturnType<typeof createNodeApp>;
let made: string;
/** Each file's copy on disk, by its name under corpus/ in the bucket. */
const onDisk = new Map(files.map((f) => [f, join(corpus, f)]));
/** h5grove's type metadata (datasets) and attribute metadata by file path and object path, from h5py. */
let h5pyTypes: Record<string, Record<string, { attributes: unknown[]; type?: unknown }>>;

beforeAll(async () => {
  made = mkdtempSync(join(tmpdir(), 'ember-h5grove-'));
  onDisk.set(ENUMS, join(made, 'enums.h5'));
  execFileSync('/usr/bin/python3', ['-c', ENUMS_SCRIPT, onDisk.get(ENUMS)!]);
  const store = new ObjectStore(BUCKET);
  for (const [file, path] of onDisk) store.putBytes(`corpus/${file}`, new Uint8Array(readFileSync(path)));
  s3 = await createS3Server(store).listen();
  // The DANDI API is not used here; it points at a closed loopback port.
  app = createNodeApp(loadConfig({ EMBER_S3_ENDPOINT: s3.url, EMBER_API_URL: 'http://127.0.0.1:9/api' }));
  const script = fileURLToPath(new URL('../../../core/src/hdf5/test-support/h5py_type_metadata.py', import.meta.url));
  const described = execFileSync('/usr/bin/python3', [script, ...onDisk.values()], { encoding: 'utf8' });
  h5pyTypes = JSON.parse(described) as typeof h5pyTypes;
});
afterAll(async () => {
  await app?.close();
  await s3?.close();
  if (made) rmSync(made, { recursive: true, force: true });
});

async function grove<T>(endpoint: string, query: Record<string, string>): Promise<T> {
  const response = await app.request(`/h5grove/${endpoint}/?${new URLSearchParams(query)}`);
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`/h5grove/${endpoint} ${JSON.stringify(query)}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

interface Meta {
  kind: string;
  name: string;
  shape?: number[] | null;
  type?: { class: number; dtype: unknown; size: number };
  attributes?: { name: string }[];
  children?: Meta[];
}

/** The small datasets whose values are compared whole (the rest by their first rows). */
const WHOLE = 20_000;

describe.each(files)('h5grove over %s', (name) => {
  it('agrees with core on the tree, the dtypes and the values', async () => {
    const file = `s3://${BUCKET}/corpus/${name}`;
    const local: Hdf5File = await openHdf5(join(corpus, name));
    try {
      const walked = await local.walk();
      const paths = await grove<string[]>('paths', { file });
      expect(paths[0]).toBe('/');
      expect(new Set(paths.slice(1))).toEqual(new Set(walked.map((n) => n.path)));

      const root = await grove<Meta>('meta', { file });
      expect(root.kind).toBe('group');
      expect(root.name).toBe('');
      expect(Object.keys(root)).toEqual(['attributes', 'children', 'kind', 'name']);
      expect(root.attributes?.map((a) => a.name)).toEqual(Object.keys(await local.attrs('/')).sort());

      for (const node of walked.filter((n) => n.kind === 'dataset')) {
        const meta = await grove<Meta>('meta', { file, path: node.path });
        const info = await local.dataset(node.path);
        expect(meta.kind, node.path).toBe('dataset');
        expect(meta.shape, node.path).toEqual(info.shape);
        const expectedDtype = numpyDtype(info.dtype, info.littleEndian !== false);
        if (expectedDtype !== undefined) expect(meta.type?.dtype, node.path).toBe(expectedDtype);
        if (info.shape === null) continue;
        const count = info.shape.reduce((a, b) => a * b, 1);
        const selection =
          count <= WHOLE || info.shape.length === 0 ? undefined : `0:${Math.min(info.shape[0] ?? 0, 5)}`;
        const read = await local.read(
          node.path,
          selection === undefined ? undefined : [[0, Math.min(info.shape[0] ?? 0, 5)]],
        );
        const sliced: Record<string, string> = selection === undefined ? {} : { selection };
        const json = await app.request(
          `/h5grove/data/?${new URLSearchParams({ file, path: node.path, flatten: 'true', ...sliced })}`,
        );
        expect(json.status, node.path).toBe(200);
        const expected = read.shape.length === 0 ? (read.values as unknown[])[0] : read.values;
        expect(await json.text(), node.path).toBe(h5groveJson(expected));
        if (ArrayBuffer.isView(read.values)) {
          const bin = await app.request(
            `/h5grove/data/?${new URLSearchParams({ file, path: node.path, format: 'bin', dtype: 'safe', ...sliced })}`,
          );
          const bytes = new Uint8Array(await bin.arrayBuffer());
          const values = read.values as Uint8Array;
          expect(bytes, node.path).toEqual(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
        }
      }
    } finally {
      await local.close();
    }
  });
});

describe.each([...files, ENUMS])('h5grove types of %s', (name) => {
  it('describe every dataset and attribute as h5grove describes them with h5py: stored type, attribute shape', async () => {
    const objects = Object.entries(h5pyTypes[onDisk.get(name)!]!);
    expect(objects.length).toBeGreaterThan(0);
    for (const [path, expected] of objects) {
      const meta = await grove<Meta>('meta', { file: `s3://${BUCKET}/corpus/${name}`, path });
      expect(meta.attributes, path).toEqual(expected.attributes);
      if (expected.type) expect(meta.type, path).toEqual(expected.type);
    }
  });
});

describe('h5grove errors and limits', () => {
  const file = `s3://${BUCKET}/corpus/${files.find((f) => f.startsWith('jabs/'))}`;

  it("answers a missing path 404 with h5grove's message, a bad argument 422, and /data over the cap 413", async () => {
    const missing = await app.request(`/h5grove/meta/?${new URLSearchParams({ file, path: '/nope' })}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('/nope is not a valid path in');
    const bad = await app.request(`/h5grove/meta/?${new URLSearchParams({ file, resolve_links: 'sometimes' })}`);
    expect(bad.status).toBe(422);
    const capped = createNodeApp(loadConfig({ EMBER_S3_ENDPOINT: s3.url }), {
      settings: { limits: { h5groveDataBytes: 100 } },
    });
    try {
      const big = await capped.request(`/h5grove/data/?${new URLSearchParams({ file, path: '/poseest/points' })}`);
      expect(big.status).toBe(413);
      expect(((await big.json()) as { message: string }).message).toContain('limit of 100 bytes');
    } finally {
      await capped.close();
    }
  });

  it('serves npy files (magic, header, C-order bytes) and stats as h5grove computes them', async () => {
    const npy = new Uint8Array(
      await (
        await app.request(
          `/h5grove/data/?${new URLSearchParams({ file, path: '/poseest/points', selection: '0:2', format: 'npy' })}`,
        )
      ).arrayBuffer(),
    );
    expect(Array.from(npy.slice(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const headerLength = (npy[8] ?? 0) | ((npy[9] ?? 0) << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(npy.slice(10, 10 + headerLength));
    expect(header).toMatch(/^\{'descr': '<u2', 'fortran_order': False, 'shape': \(2, (\d+, )?12, 2\), \}\s*\n$/);
    const stats = await grove<Record<string, number | null>>('stats', {
      file,
      path: '/poseest/points',
      selection: '0:2',
    });
    expect(Object.keys(stats)).toEqual(['strict_positive_min', 'positive_min', 'min', 'max', 'mean', 'std']);
    expect(stats.min).toBeLessThanOrEqual(stats.max ?? -1);
  });
});
