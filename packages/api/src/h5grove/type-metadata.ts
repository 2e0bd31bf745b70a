// h5grove's type metadata (h5grove/utils.py `get_type_metadata_h5py`, models.py `TypeMetadata`) of a dataset or an
// attribute, from what core knows of how its values are stored (StoredType): H5T class, numpy dtype string, size,
// and the class's own fields, as stored (a big-endian dataset is '>f4'). Values are served little-endian whatever
// the request asks, as h5grove serves them with dtype=safe, which is how h5web asks (h5grove-api.ts getValue).
import type { AttrInfo, CompoundMember, Dtype, StoredType } from '@ember-archive/core';

/** H5T class codes (HDF5 H5Tpublic.h `H5T_class_t`; -1 is H5T_NO_CLASS, which h5web shows as unknown). */
export const H5T = {
  noClass: -1,
  integer: 0,
  float: 1,
  string: 3,
  bitfield: 4,
  opaque: 5,
  compound: 6,
  reference: 7,
  enum: 8,
  array: 10,
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
  dims?: number[];
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
  // numpy's long double: 10 significant bytes padded to 16 (h5py names any float wider than 8 bytes so).
  float128: { kind: 'f', size: 16 },
};

/** numpy's dtype string of a numeric dtype ('<f8', '>i4', '|u1'), undefined for others. */
export function numpyDtype(dtype: Dtype, littleEndian = true): string | undefined {
  const numeric = NUMERIC[dtype];
  if (!numeric) return dtype === 'bool' ? '|b1' : undefined;
  return `${numeric.size === 1 ? '|' : littleEndian ? '<' : '>'}${numeric.kind}${numeric.size}`;
}

/** The type of a dataset or an attribute. */
export function typeMetadata(type: StoredType): H5GroveType {
  const { dtype, itemSize: size } = type;
  const order = type.littleEndian === false ? 1 : 0;
  const numeric = numericType(dtype, size, order);
  if (numeric) {
    // A bitfield reads as the unsigned integer of its size (core's dtype) but is described as the bitfield it is.
    if (type.typeClass !== H5T.bitfield) return numeric;
    return { class: H5T.bitfield, dtype: numeric.dtype, size, order };
  }
  switch (dtype) {
    case 'bool':
      // h5py stores numpy bools as an int8 enum FALSE=0, TRUE=1.
      return {
        class: H5T.enum,
        dtype: '|b1',
        size,
        members: { FALSE: 0, TRUE: 1 },
        base: { class: H5T.integer, dtype: '|i1', size: 1, order, sign: 1 },
      };
    case 'string': {
      const vlen = type.vlen ?? true;
      const { cset = 1, strpad = 0 } = type;
      return { class: H5T.string, dtype: vlen ? '|O' : `|S${size}`, size, cset, strpad, vlen };
    }
    case 'reference':
      return { class: H5T.reference, dtype: '|O', size };
    case 'opaque':
      return { class: H5T.opaque, dtype: `|V${size}`, size, tag: type.tag ?? '' };
    case 'enum': {
      const integer = `${type.signed === false ? 'uint' : 'int'}${size * 8}` as Dtype;
      const base = numericType(integer, size, order) ?? noClass(size);
      return { class: H5T.enum, dtype: base.dtype, size, members: { ...(type.enumValues ?? {}) }, base };
    }
    case 'compound':
      if (type.members) return compoundType(type.members, size);
      return noClass(size);
    default:
      return noClass(size);
  }
}

/** An attribute's shape and type as stored (h5grove utils.py `attr_metadata`). */
export function attributeMetadata(
  name: string,
  info: AttrInfo,
): { name: string; shape: number[] | null; type: H5GroveType } {
  return { name, shape: info.shape, type: typeMetadata(info) };
}

function numericType(dtype: Dtype, size: number, order: number): H5GroveType | undefined {
  const numeric = NUMERIC[dtype];
  if (!numeric) return undefined;
  // The dtype string names numpy's type; size is the stored one (an N-bit float64 may be 5 bytes).
  const base = { dtype: numpyDtype(dtype, order === 0)!, size, order };
  return numeric.kind === 'f'
    ? { class: H5T.float, ...base }
    : { class: H5T.integer, ...base, sign: numeric.kind === 'i' ? 1 : 0 };
}

function compoundType(members: CompoundMember[], size: number): H5GroveType {
  const types = Object.fromEntries(members.map((member) => [member.name, memberType(member)]));
  const dtype = Object.fromEntries(Object.entries(types).map(([name, type]) => [name, type.dtype]));
  return { class: H5T.compound, dtype, size, members: types };
}

function memberType(member: CompoundMember): H5GroveType {
  if (member.dtype === 'array' && member.base !== undefined && member.shape !== undefined) {
    const elementSize = NUMERIC[member.base]?.size ?? 0;
    const order = member.littleEndian === false ? 1 : 0;
    const base = numericType(member.base, elementSize, order) ?? noClass(elementSize);
    return { class: H5T.array, dtype: `|V${member.itemSize}`, size: member.itemSize, dims: member.shape, base };
  }
  return typeMetadata(member);
}

function noClass(size: number): H5GroveType {
  return { class: H5T.noClass, dtype: `|V${size}`, size };
}
