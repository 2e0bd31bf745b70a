// numpy-style dtype names from h5wasm's datatype metadata. h5wasm's own `dtype` strings say 'unknown' for enums
// (h5py's bool is an enum FALSE/TRUE) and vlen types (docs/h5wasm.md §5.4), so map from the H5T class.
import type { Dtype } from '../types.js';

/** The part of h5wasm's Metadata this mapping reads (src/hdf5_util_helpers.d.ts in usnistgov/h5wasm). */
export interface TypeMetadata {
  type: number;
  size: number;
  signed: boolean;
  vlen: boolean;
  enum_type?: { type: number; members: Record<string, number> };
}

// H5T_class_t values (usnistgov/h5wasm src/hdf5_util_helpers.d.ts), for every reader module.
export const H5T_INTEGER = 0;
export const H5T_FLOAT = 1;
export const H5T_STRING = 3;
export const H5T_BITFIELD = 4;
export const H5T_OPAQUE = 5;
export const H5T_COMPOUND = 6;
export const H5T_REFERENCE = 7;
export const H5T_ENUM = 8;
export const H5T_VLEN = 9;
export const H5T_ARRAY = 10;

/** numpy-style name of an HDF5 datatype. */
export function dtypeOf(meta: TypeMetadata): Dtype {
  switch (meta.type) {
    case H5T_INTEGER:
      return integerDtype(meta.size, meta.signed);
    case H5T_FLOAT:
      // numpy (and so h5py) calls C's long double float128 (10 significant bytes padded to 16 on x86-64).
      return meta.size === 2
        ? 'float16'
        : meta.size === 4
          ? 'float32'
          : meta.size === 8
            ? 'float64'
            : meta.size > 8
              ? 'float128'
              : 'unknown';
    case H5T_BITFIELD:
      // h5py reads a bitfield as the unsigned integer of its size (|u1, <u2, <u4, <u8).
      return integerDtype(meta.size, false);
    case H5T_STRING:
      return 'string';
    case H5T_COMPOUND:
      return 'compound';
    case H5T_REFERENCE:
      return 'reference';
    case H5T_ENUM:
      return isBoolEnum(meta) ? 'bool' : 'enum';
    case H5T_VLEN:
      return 'vlen';
    case H5T_ARRAY:
      return 'array';
    case H5T_OPAQUE:
      return 'opaque';
    default:
      return 'unknown';
  }
}

/** h5py stores numpy bool as an enum {FALSE: 0, TRUE: 1}. */
export function isBoolEnum(meta: TypeMetadata): boolean {
  const members = meta.enum_type?.members;
  if (!members) return false;
  const names = Object.keys(members);
  return names.length === 2 && members.FALSE === 0 && members.TRUE === 1;
}

function integerDtype(size: number, signed: boolean): Dtype {
  switch (size) {
    case 1:
      return signed ? 'int8' : 'uint8';
    case 2:
      return signed ? 'int16' : 'uint16';
    case 4:
      return signed ? 'int32' : 'uint32';
    case 8:
      return signed ? 'int64' : 'uint64';
    default:
      return 'unknown';
  }
}
