// Every attribute and dataset of every real-world corpus file must be described as h5py describes it (its dtype,
// H5T class, byte order, size, string kind; an attribute's shape), by every engine: the type values are stored with,
// not one guessed from their decoded values (a float32 30.0 decodes to 30 all the same).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileSource } from '../source/file-source.js';
import { openHdf5Edge } from './edge/open-hdf5-edge.js';
import { openHdf5 } from './node/open-hdf5.js';
import { corpusFiles, numpyDtypeName, SYSTEM_PYTHON } from './test-support/corpus.js';
import type { Hdf5File, StoredType } from './types.js';

/** A stored type as h5py describes it, in h5grove's form (test-support/h5py_type_metadata.py). */
interface H5pyType {
  /** HDF5's H5T class code (H5Tpublic.h H5T_class_t). */
  class: number;
  /** numpy's dtype string ('<f4', '>i8', '|S5', '|O', '|b1'), or a compound's fields. */
  dtype: string | Record<string, unknown>;
  size: number;
  /** Numbers: H5T_order_t (0 little-endian, 1 big-endian). */
  order?: number;
  /** Integers: H5T_sign_t (0 unsigned, 1 two's complement). */
  sign?: number;
  vlen?: boolean;
  cset?: number;
  strpad?: number;
  tag?: string;
  dims?: number[];
  members?: Record<string, H5pyType> | Record<string, number>;
  base?: H5pyType;
}

interface H5pyObject {
  attributes: { name: string; shape: number[] | null; type: H5pyType }[];
  /** Datasets only. */
  type?: H5pyType;
}

const files = corpusFiles();
let h5py: Record<string, Record<string, H5pyObject>>;

beforeAll(() => {
  const script = fileURLToPath(new URL('./test-support/h5py_type_metadata.py', import.meta.url));
  const json = execFileSync(SYSTEM_PYTHON, [script, ...files.map((f) => f.path)], { encoding: 'utf8' });
  h5py = JSON.parse(json) as typeof h5py;
});

// H5T_class_t values (HDF5 H5Tpublic.h).
const H5T = { integer: 0, float: 1, string: 3, bitfield: 4, reference: 7, enum: 8, vlen: 9, array: 10 } as const;
const NUMERIC: readonly number[] = [H5T.integer, H5T.float, H5T.bitfield, H5T.enum];

/** What StoredType should say of a type h5py describes so (enum values aside: the dataset tests read those). */
function expected(type: H5pyType): object {
  const common = { itemSize: type.size, typeClass: type.class, ...(type.tag === undefined ? {} : { tag: type.tag }) };
  if (type.class === H5T.string) {
    // h5py shows variable-length strings as 'object' and fixed ones as |Sn, n being the stored size.
    const { vlen, cset, strpad } = type;
    return { dtype: 'string', ...common, vlen, cset, strpad };
  }
  // numpy's 'object' (|O) is what h5py shows references and variable-length sequences as; an enum's dtype is its
  // base integer's (h5py's bool aside).
  const numpy =
    typeof type.dtype !== 'string'
      ? 'compound'
      : type.class === H5T.reference
        ? 'reference'
        : type.class === H5T.vlen
          ? 'vlen'
          : type.class === H5T.array
            ? 'array'
            : type.dtype === '|b1'
              ? 'bool'
              : type.class === H5T.enum
                ? 'enum'
                : type.dtype;
  // An enum's and an array's byte order is their base's, and an enum's sign.
  const numbers = NUMERIC.includes(type.class) || type.class === H5T.array;
  const order = numbers ? (type.order ?? type.base?.order) : undefined;
  const integer = type.class === H5T.integer || type.class === H5T.enum;
  const sign = integer ? (type.sign ?? type.base?.sign) : undefined;
  const compound = type.class === 6 ? (type.members as Record<string, H5pyType>) : undefined;
  return {
    dtype: numpyDtypeName(numpy),
    ...common,
    ...(order === undefined ? {} : { littleEndian: order === 0 }),
    ...(sign === undefined ? {} : { signed: sign === 1 }),
    ...(type.class === H5T.array ? { shape: type.dims, base: numpyDtypeName(type.base!.dtype as string) } : {}),
    ...(compound ? { members: Object.entries(compound).map(([name, member]) => ({ name, ...expected(member) })) } : {}),
  };
}

/** The fields of `stored` that `expected` describes. */
function described(stored: StoredType & { name?: string; shape?: unknown; base?: unknown }): object {
  const { name, dtype, itemSize, typeClass, littleEndian, signed, vlen, cset, strpad, tag, members } = stored;
  const array = stored.typeClass === H5T.array ? { shape: stored.shape, base: stored.base } : {};
  return {
    ...(name === undefined ? {} : { name }),
    ...{ dtype, itemSize, typeClass, littleEndian, signed, vlen, cset, strpad, tag, ...array },
    ...(members ? { members: members.map(described) } : {}),
  };
}

it('h5py found attributes and datasets of every kind to compare', () => {
  const objects = files.flatMap((f) => Object.values(h5py[f.path]!));
  const attributes = objects.flatMap((o) => o.attributes);
  const datasets = objects.flatMap((o) => (o.type ? [o.type] : []));
  expect(attributes.length).toBeGreaterThan(150);
  expect(datasets.length).toBeGreaterThan(150);
  const classes = new Set([...attributes.map((a) => a.type.class), ...datasets.map((t) => t.class)]);
  for (const kind of [0, 1, 3, 4, 5, 6, 7, 8]) expect(classes, `H5T class ${kind}`).toContain(kind);
});

const engines: [string, (path: string) => Promise<Hdf5File>][] = [
  ['the worker engine', (path) => openHdf5(path)],
  ['the in-thread (edge) engine', (path) => openHdf5Edge(new FileSource(path))],
];

describe.each(engines)('stored types, %s', (_engine, open) => {
  it.each(files.map((f) => [f.name, f.path] as const))('%s: as h5py describes them', async (_name, path) => {
    const file = await open(path);
    try {
      for (const [object, { attributes, type }] of Object.entries(h5py[path]!)) {
        const ours = await file.attrInfo(object);
        expect(Object.keys(ours).sort(), object).toEqual(attributes.map((a) => a.name));
        for (const attribute of attributes) {
          const info = ours[attribute.name]!;
          expect(info.shape, `${object} ${attribute.name}`).toEqual(attribute.shape);
          expect(described(info), `${object} ${attribute.name}`).toEqual(expected(attribute.type));
        }
        if (type) expect(described(await file.dataset(object)), object).toEqual(expected(type));
      }
    } finally {
      await file.close();
    }
  });
});
