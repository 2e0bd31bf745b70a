// Numbers whose bits are not laid out as JS typed arrays hold them: float16, long double (float128), N-bit packed
// types (fewer significant bits than bytes, at an offset) and bitfields. h5wasm reads every dataset with the file's
// own type as the memory type (usnistgov/h5wasm src/hdf5_util.cc read_write_dataset_data: H5Tcopy of the dataset
// type, only the byte order set to little-endian), so HDF5 never converts these and their raw bits come back as if
// they were IEEE numbers (N-bit float32 0.333 read as 7.8e-38). h5py converts them to numpy's native types with
// H5Tconvert; this module does the same conversion in JS from the datatype message's bit layout (HDF5 File Format
// Specification v3, "Datatype Message", classes 0, 1 and 4).
import type { Datatype, FloatLayout } from './datatype.js';
import { TypeClass } from './datatype.js';
import { ReaderError } from '../shared/reader-error.js';
import type { Dtype } from '../types.js';

/** Typed arrays the conversion produces. */
export type ConvertedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** IEEE 754 layouts of the sizes JS has typed arrays for, as HDF5's H5T_IEEE_F32LE/F64LE describe them. */
const IEEE: Record<number, FloatLayout> = {
  4: {
    signLocation: 31,
    exponentLocation: 23,
    exponentSize: 8,
    mantissaLocation: 0,
    mantissaSize: 23,
    exponentBias: 127,
    normalization: 2,
  },
  8: {
    signLocation: 63,
    exponentLocation: 52,
    exponentSize: 11,
    mantissaLocation: 0,
    mantissaSize: 52,
    exponentBias: 1023,
    normalization: 2,
  },
};

/** Whether raw little-endian bytes of this type already are the values of a JS typed array of its size. */
export function isNativeLayout(type: Datatype): boolean {
  switch (type.class) {
    case TypeClass.FixedPoint:
      return [1, 2, 4, 8].includes(type.size) && fullWidth(type);
    case TypeClass.FloatingPoint: {
      const ieee = IEEE[type.size];
      return ieee !== undefined && fullWidth(type) && type.float !== undefined && sameLayout(type.float, ieee);
    }
    case TypeClass.Enumerated:
    case TypeClass.Array:
    case TypeClass.VariableLength:
      return type.base === undefined || isNativeLayout(type.base);
    case TypeClass.Compound:
      return (type.fields ?? []).every(isNativeLayout);
    default:
      return true;
  }
}

/** True for integer, bitfield and float types, the ones `convertNumbers` decodes. */
export function isConvertibleNumber(type: Datatype): boolean {
  return (
    type.class === TypeClass.FixedPoint || type.class === TypeClass.Bitfield || type.class === TypeClass.FloatingPoint
  );
}

/**
 * The dtype h5py gives such a type: integers and bitfields by size and sign (bitfields unsigned, `|u1`, `<u2`...);
 * a float the first numpy float that holds it without loss (h5py/h5py h5t.pyx TypeFloatID.py_dtype: at least as
 * many bytes, mantissa bits and exponent range), so float16 is float16, an N-bit float32 float32 or float64, and
 * long double float128.
 */
export function dtypeOfLayout(type: Datatype): Dtype {
  if (type.class === TypeClass.FloatingPoint) return floatDtype(type);
  const signed = type.class === TypeClass.FixedPoint && type.signed === true;
  const names: Record<number, [Dtype, Dtype]> = {
    1: ['uint8', 'int8'],
    2: ['uint16', 'int16'],
    4: ['uint32', 'int32'],
    8: ['uint64', 'int64'],
  };
  const pair = names[type.size];
  return pair ? pair[signed ? 1 : 0] : 'unknown';
}

/**
 * numpy's floats on x86-64 as h5py compares them (np.finfo: mantissa bits, maxexp, minexp; the 80-bit long double's
 * mantissa counted with its explicit integer bit, as h5py's _correct_float_info does).
 */
const NUMPY_FLOATS: { dtype: Dtype; size: number; mantissa: number; maxExponent: number; minExponent: number }[] = [
  { dtype: 'float16', size: 2, mantissa: 10, maxExponent: 16, minExponent: -14 },
  { dtype: 'float32', size: 4, mantissa: 23, maxExponent: 128, minExponent: -126 },
  { dtype: 'float64', size: 8, mantissa: 52, maxExponent: 1024, minExponent: -1022 },
  { dtype: 'float128', size: 16, mantissa: 64, maxExponent: 16384, minExponent: -16381 },
];

function floatDtype(type: Datatype): Dtype {
  const layout = type.float;
  if (!layout)
    return type.size === 2 ? 'float16' : type.size === 4 ? 'float32' : type.size === 8 ? 'float64' : 'float128';
  const fit = NUMPY_FLOATS.find(
    (f) =>
      f.size >= type.size &&
      layout.mantissaSize <= f.mantissa &&
      2 ** layout.exponentSize - layout.exponentBias - 1 <= f.maxExponent &&
      1 - layout.exponentBias >= f.minExponent,
  );
  return fit?.dtype ?? 'float128';
}

/**
 * The values of `count` elements of `type` from their raw bytes, each element's bytes little-endian (h5wasm puts
 * them in that order). Integers and bitfields keep their size (bits outside the precision dropped, signed ones
 * sign-extended, as H5T__conv_i_i does); floats become the dtype dtypeOfLayout names, which holds them exactly,
 * float16 widened to a Float32Array; long double (float128) widens to float64, losing the digits past float64's
 * 53-bit mantissa (and anything beyond its range becomes +-Infinity). `what` names the data in errors.
 */
export function convertNumbers(bytes: Uint8Array, count: number, type: Datatype, what: string): ConvertedArray {
  if (type.class === TypeClass.FloatingPoint) return convertFloats(bytes, count, type, what);
  if (type.class === TypeClass.FixedPoint || type.class === TypeClass.Bitfield)
    return convertIntegers(bytes, count, type, what);
  throw unsupported(what, type);
}

function convertIntegers(bytes: Uint8Array, count: number, type: Datatype, what: string): ConvertedArray {
  const size = type.size;
  const signed = type.class === TypeClass.FixedPoint && type.signed === true;
  const { offset, precision } = type.bits ?? { offset: 0, precision: size * 8 };
  if (![1, 2, 4, 8].includes(size) || precision < 1 || offset + precision > size * 8) throw unsupported(what, type);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size === 8) {
    const out = signed ? new BigInt64Array(count) : new BigUint64Array(count);
    const mask = (1n << BigInt(precision)) - 1n;
    for (let i = 0; i < count; i++) {
      let v = (view.getBigUint64(i * 8, true) >> BigInt(offset)) & mask;
      if (signed && precision < 64 && (v >> BigInt(precision - 1)) & 1n) v -= 1n << BigInt(precision);
      out[i] = signed ? BigInt.asIntN(64, v) : v;
    }
    return out;
  }
  const out = new (
    signed
      ? { 1: Int8Array, 2: Int16Array, 4: Int32Array }[size]!
      : { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array }[size]!
  )(count);
  const span = 2 ** precision;
  for (let i = 0; i < count; i++) {
    const raw = size === 1 ? view.getUint8(i) : size === 2 ? view.getUint16(i * 2, true) : view.getUint32(i * 4, true);
    let v = Math.floor(raw / 2 ** offset) % span;
    if (signed && v >= span / 2) v -= span;
    out[i] = v;
  }
  return out;
}

function convertFloats(bytes: Uint8Array, count: number, type: Datatype, what: string): ConvertedArray {
  const layout = type.float;
  // VAX order and the reserved normalization 3 are refused.
  if (!layout || layout.normalization === 3 || type.byteOrder === 'none' || type.size > 16) {
    throw unsupported(what, type);
  }
  // float16 widens exactly to float32; float32 stays; float64 and float128 (widened, losing digits) are float64.
  const dtype = floatDtype(type);
  const out = dtype === 'float16' || dtype === 'float32' ? new Float32Array(count) : new Float64Array(count);
  if (type.size === 2 && sameLayout(layout, HALF) && fullWidth(type)) {
    for (let i = 0; i < count; i++) out[i] = halfToNumber(bytes[i * 2]! | (bytes[i * 2 + 1]! << 8));
    return out;
  }
  const size = type.size;
  for (let i = 0; i < count; i++) {
    let bits = 0n;
    for (let b = size - 1; b >= 0; b--) bits = (bits << 8n) | BigInt(bytes[i * size + b]!);
    out[i] = floatFromBits(bits, layout);
  }
  return out;
}

/** IEEE half precision, the layout numpy's float16 and HDF5's H5T_IEEE_F16LE use. */
const HALF: FloatLayout = {
  signLocation: 15,
  exponentLocation: 10,
  exponentSize: 5,
  mantissaLocation: 0,
  mantissaSize: 10,
  exponentBias: 15,
  normalization: 2,
};

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** One value from its bits, for any sign/exponent/mantissa layout (H5T__conv_f_f's reading side). */
function floatFromBits(bits: bigint, layout: FloatLayout): number {
  const field = (location: number, size: number): bigint => (bits >> BigInt(location)) & ((1n << BigInt(size)) - 1n);
  const sign = field(layout.signLocation, 1) === 1n ? -1 : 1;
  const exponent = Number(field(layout.exponentLocation, layout.exponentSize));
  const mantissa = field(layout.mantissaLocation, layout.mantissaSize);
  const maxExponent = 2 ** layout.exponentSize - 1;
  // With the leading one stored (normalization 1, or 0 "none", which is how HDF5 describes x87 long double:
  // H5T_NATIVE_LDOUBLE in H5Tinit), the mantissa's top bit is the integer part and the fraction is what is below it.
  const explicit = layout.normalization !== 2;
  const fractionBits = explicit ? layout.mantissaSize - 1 : layout.mantissaSize;
  const fraction = explicit ? mantissa & ((1n << BigInt(fractionBits)) - 1n) : mantissa;
  if (exponent === maxExponent) return fraction === 0n ? sign * Infinity : NaN;
  // The significand as a number in [0, 2): for implied normalization, 1.fraction (0.fraction when denormal).
  const lead = explicit ? Number(mantissa >> BigInt(fractionBits)) : exponent === 0 ? 0 : 1;
  const significand = lead + Number(fraction) / 2 ** fractionBits;
  const power = (exponent === 0 ? 1 : exponent) - layout.exponentBias;
  // Two steps, so a tiny power times a large significand does not underflow to 0 on the way.
  const half = Math.trunc(power / 2);
  return sign * significand * 2 ** half * 2 ** (power - half);
}

function fullWidth(type: Datatype): boolean {
  return type.bits === undefined || (type.bits.offset === 0 && type.bits.precision === type.size * 8);
}

function sameLayout(a: FloatLayout, b: FloatLayout): boolean {
  return (
    a.signLocation === b.signLocation &&
    a.exponentLocation === b.exponentLocation &&
    a.exponentSize === b.exponentSize &&
    a.mantissaLocation === b.mantissaLocation &&
    a.mantissaSize === b.mantissaSize &&
    a.exponentBias === b.exponentBias &&
    a.normalization === b.normalization
  );
}

/** A short description of a datatype for messages: "16-byte float (64-bit mantissa)". */
export function describeType(type: Datatype): string {
  const names: Record<number, string> = {
    0: 'integer',
    1: 'float',
    2: 'time',
    3: 'string',
    4: 'bitfield',
    5: 'opaque',
    6: 'compound',
  };
  const name =
    names[type.class] ?? ['reference', 'enum', 'variable-length', 'array'][type.class - 7] ?? `class ${type.class}`;
  const bits =
    type.bits && type.bits.precision !== type.size * 8
      ? `, ${type.bits.precision} significant bits at offset ${type.bits.offset}`
      : '';
  return `${type.size}-byte ${name}${bits}${type.byteOrder === 'none' && type.class === TypeClass.FloatingPoint ? ', VAX order' : ''}`;
}

function unsupported(what: string, type: Datatype): ReaderError {
  return new ReaderError({
    kind: 'unsupported',
    message: `${what} holds ${describeType(type)} values, which this reader cannot convert`,
  });
}
