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

/** One attribute as h5py describes it, in h5grove's form (test-support/h5py_attribute_metadata.py). */
interface H5pyAttribute {
  name: string;
  shape: number[] | null;
  type: H5pyType;
}

interface H5pyType {
  /** HDF5's H5T class code (H5Tpublic.h H5T_class_t). */
  class: number;
  /** numpy's dtype string ('<f4', '>i8', '|S5', '|O', '|b1'), or a compound's fields. */
  dtype: string | Record<string, unknown>;
  size: number;
  /** Numbers: H5T_order_t (0 little-endian, 1 big-endian). */
  order?: number;
  vlen?: boolean;
  cset?: number;
  strpad?: number;
  base?: H5pyType;
}

const files = corpusFiles();
let h5py: Record<string, Record<string, H5pyAttribute[]>>;

beforeAll(() => {
  const script = fileURLToPath(new URL('./test-support/h5py_attribute_metadata.py', import.meta.url));
  const json = execFileSync(SYSTEM_PYTHON, [script, ...files.map((f) => f.path)], { encoding: 'utf8' });
  h5py = JSON.parse(json) as typeof h5py;
});

const H5T_STRING = 3;
const H5T_REFERENCE = 7;

/** What we should say of an attribute h5py describes so, in AttrInfo's terms. */
function expected({ shape, type }: H5pyAttribute): AttrInfo {
  if (type.class === H5T_STRING) {
    // h5py shows variable-length strings as 'object' and fixed ones as |Sn, n being the stored size.
    const { size: itemSize, vlen, cset, strpad } = type;
    return { dtype: 'string', itemSize, shape, vlen, cset, strpad } as AttrInfo;
  }
  // numpy's 'object' (|O) is what h5py shows references and variable-length sequences as.
  const numpy =
    typeof type.dtype !== 'string'
      ? 'compound'
      : type.dtype === '|O'
        ? type.class === H5T_REFERENCE
          ? 'reference'
          : 'vlen'
        : type.dtype === '|b1'
          ? 'bool'
          : type.dtype;
  // An enum's byte order is its base integer's.
  const order = type.order ?? type.base?.order;
  const littleEndian = order === undefined ? undefined : order === 0;
  return { dtype: numpyDtypeName(numpy) as AttrInfo['dtype'], itemSize: type.size, shape, littleEndian };
}

it('h5py found the attributes to compare: NWB, JABS, SLEAP and HDF5 test files all have some', () => {
  const counts = files.map((f) => Object.values(h5py[f.path]!).reduce((n, a) => n + a.length, 0));
  expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(10);
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(150);
});

const engines: [string, (path: string) => Promise<Hdf5File>][] = [
  ['the worker engine', (path) => openHdf5(path)],
  ['the in-thread (edge) engine', (path) => openHdf5Edge(new FileSource(path))],
];

describe.each(engines)('attribute types, %s', (_engine, open) => {
  it.each(files.map((f) => [f.name, f.path] as const))('%s: as h5py describes them', async (_name, path) => {
    const file = await open(path);
    try {
      for (const [object, attributes] of Object.entries(h5py[path]!)) {
        const ours = await file.attrInfo(object);
        expect(Object.keys(ours).sort(), object).toEqual(attributes.map((a) => a.name));
        for (const attribute of attributes) {
          // Compound members and enum values are the dataset readers' (tested there); the rest must be h5py's.
          const { members: _members, enumValues: _enumValues, ...described } = ours[attribute.name]!;
          expect(described, `${object} ${attribute.name}`).toEqual(expected(attribute));
        }
      }
    } finally {
      await file.close();
    }
  });
});
