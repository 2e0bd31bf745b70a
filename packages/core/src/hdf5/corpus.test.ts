// Every real-world corpus file, read from local disk and through HTTP Range requests, must look the way h5py sees it:
// same objects (hard links once), shapes, dtypes, attribute names, first values.
import { readFileSync } from 'node:fs';
import { createS3Server, ObjectStore, type ListeningS3Server } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../test-support/static-server.js';
import { openHdf5 } from './node/open-hdf5.js';
import { corpusFiles, numpyDtypeName, type CorpusFile, type ExpectedNode } from './test-support/corpus.js';
import type { Dtype, Hdf5File } from './types.js';

const files = corpusFiles();
let server: StaticServer;
let s3: ListeningS3Server;

beforeAll(async () => {
  server = await startStaticServer(
    Object.fromEntries(files.map((f) => [`/${f.name}`, new Uint8Array(readFileSync(f.path))])),
  );
  // The sample archive's S3 server, holding the corpus files as objects of its bucket.
  const store = new ObjectStore('ember-open-data');
  for (const f of files) store.putFile(`corpus/${f.name}`, f.path, `etag-${f.name}`);
  s3 = await createS3Server(store).listen();
});
afterAll(async () => {
  await server.close();
  await s3.close();
});

/** h5py's numpy dtype -> ours: 'object' is how h5py shows vlen strings and references. */
function dtypeMatches(expected: string | undefined, actual: Dtype | undefined): boolean {
  if (expected === 'object') return actual === 'string' || actual === 'reference' || actual === 'vlen';
  if (expected === 'bool') return actual === 'bool';
  // Fixed-length byte strings (SLEAP's node_names, videos_json): numpy's |Sn.
  if (expected && /^\|S\d+$/.test(expected)) return actual === 'string';
  return numpyDtypeName(expected) === actual;
}

/** The first `n` along every axis of a flat C-order array, as nested arrays like the expected `head`. */
function head(values: ArrayLike<unknown>, shape: number[]): unknown {
  if (shape.length === 0) return toPlain(values[0]);
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const build = (axis: number, base: number): unknown =>
    Array.from({ length: Math.min(3, shape[axis]!) }, (_, i) =>
      axis === shape.length - 1 ? toPlain(values[base + i]) : build(axis + 1, base + i * strides[axis]!),
    );
  return build(0, 0);
}

function toPlain(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

async function checkFile(file: Hdf5File, corpus: CorpusFile): Promise<void> {
  const nodes = await file.walk();
  const objects = nodes.filter((n) => n.kind === 'group' || n.kind === 'dataset');
  expect(objects.map((n) => n.path)).toEqual(corpus.nodes.map((n) => n.path));
  // What h5py cannot open is listed, marked with its error, and hides nothing else.
  const unreadable = nodes.filter((n) => n.kind === 'unreadable' && corpus.unreadable.some((u) => u.path === n.path));
  expect(unreadable.map((n) => n.path)).toEqual(corpus.unreadable.map((u) => u.path));
  for (const node of unreadable) expect(node.error, node.path).toMatch(/fail if unknown/);
  const rootAttrs = await file.attrs('/');
  expect(Object.keys(rootAttrs).sort()).toEqual([...corpus.rootAttrs].sort());
  expect(Object.values(rootAttrs).filter((v) => typeof v === 'object' && v !== null && 'error' in v)).toEqual([]);
  const byPath = new Map(objects.map((n) => [n.path, n]));
  for (const expected of corpus.nodes) {
    const actual = byPath.get(expected.path)!;
    expect(actual.kind, expected.path).toBe(expected.kind);
    const attrs = await file.attrs(expected.path);
    expect(Object.keys(attrs).sort(), expected.path).toEqual([...expected.attrs].sort());
    // h5py read every one of them: none may come back as an error.
    const failed = Object.entries(attrs).filter(([, v]) => typeof v === 'object' && v !== null && 'error' in v);
    expect(failed, expected.path).toEqual([]);
    if (expected.kind === 'group') continue;
    expect(actual.shape, expected.path).toEqual(expected.shape);
    expect(dtypeMatches(expected.dtype, actual.dtype), `${expected.path}: ${expected.dtype} vs ${actual.dtype}`).toBe(
      true,
    );
    await checkValues(file, expected);
  }
}

function nullAsNaN(value: unknown): unknown {
  if (value === null) return Number.NaN;
  return Array.isArray(value) ? value.map(nullAsNaN) : value;
}

async function checkValues(file: Hdf5File, expected: ExpectedNode): Promise<void> {
  const shape = expected.shape ?? [];
  if (expected.head !== undefined) {
    const selection = shape.map((n): [number, number] => [0, Math.min(3, n)]);
    const { values, shape: got } = await file.read(expected.path, selection);
    // The expectations write NaN as null (JSON has none); h5py read NaN there (SLEAP's scores).
    const want = expected.dtype?.startsWith('float') ? nullAsNaN(expected.head) : expected.head;
    expect(head(values as ArrayLike<unknown>, got), expected.path).toEqual(want);
  }
  if (expected.value !== undefined) {
    const { values } = await file.read(expected.path);
    const list = Array.from(values as ArrayLike<unknown>);
    // h5py nests n-D values (SLEAP's edge_names is (edges, 2) strings); ours are flat in C order.
    const width = shape.slice(1).reduce((a, b) => a * b, 1);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => list.slice(i * width, (i + 1) * width));
    const nested = shape.length === 2 ? rows(shape[0]!) : list;
    expect(shape.length === 0 ? list[0] : nested, expected.path).toEqual(expected.value);
  }
}

describe.each(files.map((f) => [f.name, f] as const))('corpus file %s', (_name, corpus) => {
  it('reads from local disk as h5py does', async () => {
    const file = await openHdf5(corpus.path);
    try {
      await checkFile(file, corpus);
    } finally {
      await file.close();
    }
  });

  it('reads through HTTP Range requests the same, fetching a fraction of larger files', async () => {
    const file = await openHdf5(`${server.url}/${corpus.name}`);
    try {
      await checkFile(file, corpus);
      const stats = file.stats();
      expect(stats.fileSize).toBe(readFileSync(corpus.path).length);
      expect(stats.requests).toBeGreaterThan(0);
      expect(stats.bytesFetched).toBeLessThanOrEqual(stats.fileSize);
    } finally {
      await file.close();
    }
  });

  it('reads from the sample archive S3 server by unsigned ranged GetObject the same', async () => {
    const file = await openHdf5(`s3://ember-open-data/corpus/${corpus.name}`, {
      s3: { endpoint: s3.url, region: 'us-east-1', forcePathStyle: true },
    });
    try {
      await checkFile(file, corpus);
      expect(file.stats().fileSize).toBe(readFileSync(corpus.path).length);
    } finally {
      await file.close();
    }
  });
});
