// h5grove's type metadata (h5grove/utils.py `get_type_metadata_h5py`, models.py `TypeMetadata`) from what core
// knows of a dataset: H5T class code, numpy dtype string, size, and the class's own fields. Core decodes values
// to native (little-endian) numbers, so a dataset's byte order is always reported, and served, little-endian. An
// attribute's values are sent as JSON, so its type is reported as stored (core's attrInfo, h5py's attrs.get_id).
import type { AttrInfo, CompoundMember, DatasetInfo, Dtype } from '@ember-archive/core';

/** H5T class codes (HDF5 H5Tpublic.h `H5T_class_t`; -1 is H5T_NO_CLASS, which h5web shows as unknown). */
export const H5T = {
  noClass: -1,
  integer: 0,
  float: 1,
  string: 3,
  opaque: 5,
  compound: 6,
  reference: 7,
  enum: 8,
} as const;

/** One type as h5grove describes it. */
export interface H5GroveType {
  class: number;
  dtype: string | Record<string, unknown>;
  size: number;
  order?: number;
  sign?: number;
  cset?: number;
  strpad?: number;
  vlen?: boolean;
  tag?: string;
  members?: Record<string, H5GroveType> | Record<string, number>;
  base?: H5GroveType;
}

const NUMERIC: Partial<Record<Dtype, { kind: 'i' | 'u' | 'f'; size: number }>> = {
  int8: { kind: 'i', size: 1 },
  int16: { kind: 'i', size: 2 },
  int32: { kind: 'i', size: 4 },
  int64: { kind: 'i', size: 8 },
  uint8: { kind: 'u', size: 1 },
  uint16: { kind: 'u', size: 2 },
  uint32: { kind: 'u', size: 4 },
  uint64: { kind: 'u', size: 8 },
  float16: { kind: 'f', size: 2 },
  float32: { kind: 'f', size: 4 },
  float64: { kind: 'f', size: 8 },
};

/** numpy's dtype string of a numeric dtype ('<f8', '|u1'), undefined for others. */
export function numpyDtype(dtype: Dtype): string | undefined {
  const numeric = NUMERIC[dtype];
  if (!numeric) return dtype === 'bool' ? '|b1' : undefined;
  return `${numeric.size === 1 ? '|' : '<'}${numeric.kind}${numeric.size}`;
}

/** The type of a dataset (or a compound member of `dtype` and `size`). */
export function typeMetadata(
  dtype: Dtype,
  size: number,
  info?: Pick<DatasetInfo, 'members' | 'enumValues'>,
): H5GroveType {
  const numeric = NUMERIC[dtype];
  if (numeric) {
    const base = { dtype: numpyDtype(dtype) as string, size: numeric.size, order: 0 };
    return numeric.kind === 'f'
      ? { class: H5T.float, ...base }
      : { class: H5T.integer, ...base, sign: numeric.kind === 'i' ? 1 : 0 };
  }
  switch (dtype) {
    case 'bool':
      // h5py stores numpy bools as an int8 enum FALSE=0, TRUE=1.
      return {
        class: H5T.enum,
        dtype: '|b1',
        size: 1,
        members: { FALSE: 0, TRUE: 1 },
        base: { class: H5T.integer, dtype: '|i1', size: 1, order: 0, sign: 1 },
      };
    case 'string':
      return { class: H5T.string, dtype: '|O', size, cset: 1, strpad: 0, vlen: true };
    case 'reference':
      return { class: H5T.reference, dtype: '|O', size };
    case 'opaque':
      return { class: H5T.opaque, dtype: `|V${size}`, size, tag: '' };
    case 'enum': {
      const base: H5GroveType = {
        class: H5T.integer,
        dtype: `${size === 1 ? '|' : '<'}i${size}`,
        size,
        order: 0,
        sign: 1,
      };
      return { class: H5T.enum, dtype: base.dtype, size, members: { ...(info?.enumValues ?? {}) }, base };
    }
    case 'compound':
      if (info?.members) return compoundType(info.members, size);
      return { class: H5T.noClass, dtype: `|V${size}`, size };
    default:
      return { class: H5T.noClass, dtype: `|V${size}`, size };
  }
}

function compoundType(members: CompoundMember[], size: number): H5GroveType {
  const types: Record<string, H5GroveType> = {};
  for (const member of members) {
    const numeric = NUMERIC[member.dtype];
    types[member.name] = typeMetadata(member.dtype, numeric?.size ?? 0);
  }
  const dtype = Object.fromEntries(Object.entries(types).map(([name, type]) => [name, type.dtype]));
  return { class: H5T.compound, dtype, size, members: types };
}

/** An attribute's shape and type as stored (h5grove utils.py `attr_metadata`). */
export function attributeMetadata(
  name: string,
  info: AttrInfo,
): { name: string; shape: number[] | null; type: H5GroveType } {
  return { name, shape: info.shape, type: storedType(info) };
}

function storedType(info: AttrInfo): H5GroveType {
  const order = info.littleEndian === false ? 1 : 0;
  if (info.dtype === 'string') {
    const { itemSize: size, vlen = false, cset = 0, strpad = 0 } = info;
    return { class: H5T.string, dtype: vlen ? '|O' : `|S${size}`, size, cset, strpad, vlen };
  }
  // numpy's long double (float128 is 10 significant bytes padded to 16), which datasets report as unknown.
  if (info.dtype === 'float128')
    return { class: H5T.float, dtype: `${order ? '>' : '<'}f${info.itemSize}`, size: info.itemSize, order };
  const type = typeMetadata(info.dtype, info.itemSize, info);
  return order === 1 ? bigEndian(type) : type;
}

/** `type` (little-endian, as typeMetadata writes it) with big-endian byte order, its enum base too. */
function bigEndian(type: H5GroveType): H5GroveType {
  return {
    ...type,
    ...(typeof type.dtype === 'string' ? { dtype: type.dtype.replace(/^</, '>') } : {}),
    ...(type.order === undefined ? {} : { order: 1 }),
    ...(type.base ? { base: bigEndian(type.base) } : {}),
  };
}
