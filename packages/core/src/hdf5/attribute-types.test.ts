// Every attribute of every real-world corpus file must be described as h5py describes it (obj.attrs.get_id(name):
// its dtype, byte order, shape and size), by every engine: the type an attribute is stored with, not one guessed from
// its decoded value (a float32 30.0 decodes to 30 all the same).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileSource } from '../source/file-source.js';
import { openHdf5Edge } from './edge/open-hdf5-edge.js';
import { openHdf5 } from './node/open-hdf5.js';
import { corpusFiles, numpyDtypeName, SYSTEM_PYTHON } from './test-support/corpus.js';
import type { AttrInfo, Hdf5File } from './types.js';

/** One attribute as h5py describes it (test-support/h5py_attr_types.py). */
interface H5pyAttribute {
  dtype: string;
  shape: number[] | null;
  size: number;
  /** HDF5's H5T class code (H5Tpublic.h H5T_class_t). */
  class: number;
  /** Numbers: H5T_order_t (0 little-endian, 1 big-endian). */
  order?: number;
  vlen?: boolean;
  cset?: number;
  strpad?: number;
}

const files = corpusFiles();
let h5py: Record<string, Record<string, Record<string, H5pyAttribute>>>;

beforeAll(() => {
  const script = fileURLToPath(new URL('./test-support/h5py_attr_types.py', import.meta.url));
  const json = execFileSync(SYSTEM_PYTHON, [script, ...files.map((f) => f.path)], { encoding: 'utf8' });
  h5py = JSON.parse(json) as typeof h5py;
});

/** What we should say of an attribute h5py describes so, in AttrInfo's terms. */
function expected(attribute: H5pyAttribute): Partial<AttrInfo> {
  const out: Partial<AttrInfo> = { shape: attribute.shape };
  if (attribute.vlen !== undefined) {
    // Strings: h5py shows variable-length ones as 'object' and fixed ones as |Sn; n is the stored size.
    const { vlen, cset, strpad } = attribute;
    Object.assign(out, { dtype: 'string', vlen, cset, strpad });
    out.itemSize = attribute.size;
    return out;
  }
  // numpy's 'object' (|O) is what h5py shows references (H5T class 7) and variable-length sequences (9) as.
  const objectDtype = attribute.class === 7 ? 'reference' : 'vlen';
  const numpy = attribute.dtype === '|O' ? objectDtype : attribute.dtype === '|b1' ? 'bool' : attribute.dtype;
  out.dtype = numpyDtypeName(numpy) as AttrInfo['dtype'];
  out.itemSize = attribute.size;
  out.littleEndian = attribute.order === undefined ? undefined : attribute.order === 0;
  return out;
}

const engines: [string, (path: string) => Promise<Hdf5File>][] = [
  ['the worker engine', (path) => openHdf5(path)],
  ['the in-thread (edge) engine', (path) => openHdf5Edge(new FileSource(path))],
];

it('h5py found the attributes to compare: NWB, JABS, SLEAP and HDF5 test files all have some', () => {
  const counts = files.map((f) => Object.values(h5py[f.path]!).reduce((n, a) => n + Object.keys(a).length, 0));
  expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(10);
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(150);
});

describe.each(engines)('attribute types, %s', (_engine, open) => {
  it.each(files.map((f) => [f.name, f.path] as const))('%s: as h5py describes them', async (_name, path) => {
    const file = await open(path);
    try {
      for (const [object, attributes] of Object.entries(h5py[path]!)) {
        const ours = await file.attrInfo(object);
        expect(Object.keys(ours).sort(), object).toEqual(Object.keys(attributes).sort());
        for (const [name, attribute] of Object.entries(attributes)) {
          // Compound members and enum values are the dataset readers' (tested there); the rest must be h5py's.
          const { members: _members, enumValues: _enumValues, ...described } = ours[name]!;
          expect(described, `${object} ${name}`).toEqual(expected(attribute));
        }
      }
    } finally {
      await file.close();
    }
  });
});
