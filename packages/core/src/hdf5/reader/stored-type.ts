// What HDF5's datatype says of stored values beyond their dtype name (types.ts StoredType), from h5wasm's metadata:
// the same for a dataset and an attribute.
import type * as h5 from 'h5wasm';
import { dtypeOf, H5T_INTEGER, H5T_FLOAT, H5T_STRING, H5T_BITFIELD, H5T_ENUM } from '../shared/dtype.js';
import type { Datatype } from '../format/datatype.js';
import type { CompoundMember, StoredType } from '../types.js';

/** Classes whose stored byte order means something. */
const NUMERIC_CLASSES = new Set([H5T_INTEGER, H5T_FLOAT, H5T_BITFIELD, H5T_ENUM]);

/**
 * Everything of StoredType but the dtype name, which datasets and attributes name from their bit layout; `stored`,
 * the datatype as the format reader parsed it, gives an opaque type's tag.
 */
export function storedTypeOf(meta: h5.Metadata, stored?: Datatype): Omit<StoredType, 'dtype'> {
  const string = meta.type === H5T_STRING;
  return {
    // HDF5 sizes a variable-length string as a char pointer: 4 bytes in wasm32, 8 where h5py runs.
    itemSize: string && meta.vlen ? 8 : meta.size,
    typeClass: meta.type,
    ...(NUMERIC_CLASSES.has(meta.type) ? { littleEndian: meta.littleEndian } : {}),
    // HDF5 answers an enum's sign with its base integer's (H5T_get_sign defers to the parent type).
    ...(meta.type === H5T_INTEGER || meta.type === H5T_ENUM ? { signed: meta.signed } : {}),
    ...(string ? { vlen: meta.vlen, cset: meta.cset ?? 0, strpad: meta.strpad ?? 0 } : {}),
    ...(stored?.tag !== undefined ? { tag: stored.tag } : {}),
    ...(meta.compound_type ? { members: meta.compound_type.members.map(memberOf) } : {}),
    ...(meta.enum_type ? { enumValues: { ...meta.enum_type.members } } : {}),
  };
}

/** A compound member as core describes it: how it is stored, and an array member's shape and element dtype. */
export function memberOf(member: h5.CompoundMember): CompoundMember {
  const out: CompoundMember = { name: member.name, dtype: dtypeOf(member), ...storedTypeOf(member) };
  const array = (member as h5.CompoundMember & { array_type?: h5.Metadata }).array_type;
  const shape = array?.shape ?? member.shape;
  if (shape && shape.length > 0) out.shape = shape;
  if (array) {
    out.base = dtypeOf(array);
    if (NUMERIC_CLASSES.has(array.type)) out.littleEndian = array.littleEndian;
  }
  return out;
}
