// One bad object must not hide the rest: h5py lists every object it can open and fails only on the bad one; so does
// every engine here, marking what it cannot read with the reason (the real HDF Group and h5py test files, and
// files written with h5py for the cases they lack).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmberError, NotFoundError, UnsupportedError } from '../errors.js';
import { FileSource } from '../source/file-source.js';
import { openHdf5Edge } from './edge/open-hdf5-edge.js';
import { openHdf5 } from './node/open-hdf5.js';
import { CORPUS_DIR, SYSTEM_PYTHON } from './test-support/corpus.js';
import type { AttrValue, Hdf5File } from './types.js';

const edge = (name: string): string => join(CORPUS_DIR, 'hdf5-edge', name);
const generated = (name: string): string => join(CORPUS_DIR, 'generated', name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ember-unreadable-'));
  // Attributes kept in dense storage (track_order and more than 8), one of a type h5wasm cannot read (long double):
  // the fallback decoder reads attribute messages of the object header only, so this one is reported, not dropped.
  const script = [
    'import h5py, numpy as np, sys',
    'with h5py.File(sys.argv[1], "w") as f:',
    '    g = f.create_group("dense", track_order=True)',
    '    for i in range(10): g.attrs[f"a{i}"] = i',
    '    g.attrs["ld"] = np.longdouble(2.5)',
    '    f["data"] = np.arange(3)',
    // HDF5's time class, which h5py and h5wasm have no type for: a dataset and an attribute.
    '    space = h5py.h5s.create_simple((2,))',
    '    d = h5py.h5d.create(f.id, b"time", h5py.h5t.UNIX_D32LE, space)',
    '    d.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([1, 2], dtype="<i4"), mtype=h5py.h5t.UNIX_D32LE)',
    '    a = h5py.h5a.create(f.id, b"when", h5py.h5t.UNIX_D32LE, h5py.h5s.create(h5py.h5s.SCALAR))',
    // A compound with a packed member (12 bits at offset 4), whose values h5wasm would return as raw bits.
    '    ct = h5py.h5t.create(h5py.h5t.COMPOUND, 8)',
    '    ct.insert(b"a", 0, h5py.h5t.STD_I32LE)',
    '    p = h5py.h5t.STD_I32LE.copy(); p.set_precision(12); p.set_offset(4); ct.insert(b"b", 4, p)',
    '    h5py.h5d.create(f.id, b"packed_compound", ct, h5py.h5s.create_simple((2,)))',
    // A packed (12 bits at offset 4) integer attribute holding -5: h5wasm would return its raw bits (65456).
    '    pa = h5py.h5a.create(f.id, b"packed", p, h5py.h5s.create(h5py.h5s.SCALAR))',
    '    pa.write(np.array(-5, dtype="<i4"), mtype=h5py.h5t.STD_I32LE)',
  ].join('\n');
  execFileSync(SYSTEM_PYTHON, ['-c', script, join(dir, 'dense.h5')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const engines: [string, (path: string) => Promise<Hdf5File>][] = [
  ['worker engine', (path) => openHdf5(path)],
  ['in-thread engine', (path) => openHdf5Edge(new FileSource(path))],
];

async function withFile<T>(
  open: (path: string) => Promise<Hdf5File>,
  path: string,
  use: (file: Hdf5File) => Promise<T>,
): Promise<T> {
  const file = await open(path);
  try {
    return await use(file);
  } finally {
    await file.close();
  }
}

function isError(value: AttrValue | undefined): value is { error: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value;
}

describe.each(engines)('%s', (_name, open) => {
  it('tbogus.h5: the object with an unknown "fail if unknown" message is listed unreadable, its neighbours read', async () => {
    await withFile(open, edge('tbogus.h5'), async (file) => {
      const nodes = await file.walk();
      const bad = nodes.filter((n) => n.kind === 'unreadable');
      expect(bad.map((n) => n.path)).toEqual(['/Dataset3', '/group/Dataset3']);
      expect(bad[0]!.error).toMatch(/unknown message with 'fail if unknown' flag/i);
      expect(nodes.filter((n) => n.kind === 'dataset' || n.kind === 'group')).toHaveLength(9); // as h5py: 10 with the root
      expect(await file.node('/group/Dataset3')).toMatchObject({ kind: 'unreadable' });
      expect((await file.list('/group')).map((n) => n.kind)).toEqual([
        'dataset',
        'dataset',
        'unreadable',
        'dataset',
        'dataset',
      ]);
    });
  });

  it('tall.h5: a link of a user-defined class is marked unreadable; everything else is listed', async () => {
    await withFile(open, edge('tall.h5'), async (file) => {
      const nodes = await file.walk();
      expect(nodes.find((n) => n.path === '/g2/udlink')).toMatchObject({
        kind: 'unreadable',
        error: expect.stringMatching(/user-defined class/),
      });
      expect(nodes.find((n) => n.path === '/g1/g1.2/extlink')).toMatchObject({
        kind: 'external-link',
        target: 'somefile:somepath',
      });
      expect(nodes.filter((n) => n.kind === 'dataset').map((n) => n.path)).toEqual([
        '/g1/g1.1/dset1.1.1',
        '/g1/g1.1/dset1.1.2',
        '/g2/dset2.1',
        '/g2/dset2.2',
      ]);
    });
  });

  it('thlink.h5: a hard link back to the root is the root, listed once', async () => {
    await withFile(open, edge('thlink.h5'), async (file) => {
      expect((await file.walk()).map((n) => n.path)).toEqual(['/dset1', '/g1', '/g1/g1.1']);
    });
  });

  it('soft links that point at themselves or at each other are broken links carrying their error', async () => {
    await withFile(open, generated('special_floats.h5'), async (file) => {
      const links = (await file.list('/links')).filter((n) => n.kind !== 'dataset');
      expect(links).toEqual([
        {
          path: '/links/a',
          kind: 'broken-link',
          target: '/links/b',
          error: expect.stringMatching(/leads back to itself/),
        },
        {
          path: '/links/b',
          kind: 'broken-link',
          target: '/links/a',
          error: expect.stringMatching(/leads back to itself/),
        },
        {
          path: '/links/self',
          kind: 'broken-link',
          target: '/links/self',
          error: expect.stringMatching(/leads back to itself/),
        },
      ]);
      await expect(file.read('/links/self')).rejects.toBeInstanceOf(NotFoundError);
      expect(Array.from((await file.read('/links/data')).values as Int16Array)).toEqual([0, 1, 2]);
    });
  });

  it('reads the attributes h5wasm cannot: a big-endian bool, float16 and long double (widened to float64)', async () => {
    await withFile(open, edge('vlen_string_s390x.h5'), async (file) => {
      expect((await file.attrs('/'))['created_on_s390x']).toBe(true);
    });
    await withFile(open, generated('special_floats.h5'), async (file) => {
      expect(await file.attrs('/')).toEqual({
        bool_be: true,
        half: 0.5,
        half_array: [1.5, -0.25, 65504],
        longdouble: 1.25,
        longdouble_array: [0.5, -4],
        plain: 7,
      });
    });
    await withFile(open, edge('tfloat16.h5'), async (file) => {
      const attr = (await file.attrs('/DS16BITS'))['DS16BITS'] as number[];
      expect(attr.slice(0, 3)).toEqual([16, 0.5, 1]);
    });
  });

  it('an attribute that cannot be read is reported with its reason, and its neighbours still read', async () => {
    await withFile(open, join(dir, 'dense.h5'), async (file) => {
      const attrs = await file.attrs('/dense');
      expect(Object.keys(attrs)).toHaveLength(11);
      expect(attrs['a3']).toBe(3);
      expect(isError(attrs['ld'])).toBe(true);
      expect((attrs['ld'] as { error: string }).error).toMatch(
        /^The attribute ld of \/dense cannot be read: .*dense attribute storage/,
      );
    });
  });

  it('a type no one can decode (HDF5 time) is an UnsupportedError naming it, never its raw bytes', async () => {
    await withFile(open, join(dir, 'dense.h5'), async (file) => {
      expect((await file.node('/time'))?.dtype).toBe('unknown');
      await expect(file.read('/time')).rejects.toBeInstanceOf(UnsupportedError);
      await expect(file.read('/time')).rejects.toThrow(/\/time holds time values/);
      const attrs = await file.attrs('/');
      expect(isError(attrs['when'])).toBe(true);
      expect(attrs['packed']).toBe(-5);
      expect(Array.from((await file.read('/data')).values as BigInt64Array)).toEqual([0n, 1n, 2n]);
      await expect(file.read('/packed_compound')).rejects.toThrow(/packed or non-IEEE number values inside a compound/);
    });
  });

  it('reading the bad object fails alone with a typed error; opaque data stays bytes named opaque', async () => {
    await withFile(open, edge('tbogus.h5'), async (file) => {
      await expect(file.read('/Dataset3')).rejects.toBeInstanceOf(EmberError);
      expect(Array.from((await file.read('/Dataset4')).values as Int32Array)).toEqual([0]);
    });
    await withFile(open, edge('tbitnopaque.h5'), async (file) => {
      // h5py: |V1, raw bytes; there are no numbers to convert.
      expect((await file.read('/opaquetypetests/opaque_1')).dtype).toBe('opaque');
    });
  });
});
