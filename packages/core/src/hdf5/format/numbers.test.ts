// The number conversion h5wasm does not do, as tables of bit patterns and what h5py reads for them.
import { describe, expect, it } from 'vitest';
import { ReaderError } from '../shared/reader-error.js';
import { TypeClass, type Datatype, type FloatLayout } from './datatype.js';
import { convertNumbers, dtypeOfLayout, isNativeLayout } from './numbers.js';

const HALF: FloatLayout = {
  signLocation: 15,
  exponentLocation: 10,
  exponentSize: 5,
  mantissaLocation: 0,
  mantissaSize: 10,
  exponentBias: 15,
  normalization: 2,
};
// HDF5's H5T_NATIVE_LDOUBLE on x86-64: 80 bits in 16 bytes, explicit integer bit, normalization "none".
const X87: FloatLayout = {
  signLocation: 79,
  exponentLocation: 64,
  exponentSize: 15,
  mantissaLocation: 0,
  mantissaSize: 64,
  exponentBias: 16383,
  normalization: 0,
};
const F32: FloatLayout = {
  signLocation: 31,
  exponentLocation: 23,
  exponentSize: 8,
  mantissaLocation: 0,
  mantissaSize: 23,
  exponentBias: 127,
  normalization: 2,
};

function float(size: number, layout: FloatLayout, precision = size * 8, offset = 0): Datatype {
  return {
    class: TypeClass.FloatingPoint,
    version: 1,
    size,
    byteOrder: 'little',
    fixedSize: true,
    bits: { offset, precision },
    float: layout,
  };
}

function integer(size: number, signed: boolean, precision = size * 8, offset = 0): Datatype {
  return {
    class: TypeClass.FixedPoint,
    version: 1,
    size,
    byteOrder: 'little',
    fixedSize: true,
    signed,
    bits: { offset, precision },
  };
}

function le(values: (number | bigint)[], size: number): Uint8Array {
  const out = new Uint8Array(values.length * size);
  values.forEach((v, i) => {
    let n = BigInt(v);
    for (let b = 0; b < size; b++) {
      out[i * size + b] = Number(n & 0xffn);
      n >>= 8n;
    }
  });
  return out;
}

describe('convertNumbers', () => {
  it.each([
    [0x3c00, 1],
    [0xc100, -2.5],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
    [0x8000, -0],
  ])('float16 bits %s are %s', (bits, value) => {
    const out = convertNumbers(le([bits], 2), 1, float(2, HALF), 'x');
    expect(out).toBeInstanceOf(Float32Array);
    expect(Object.is(out[0], value)).toBe(true);
  });

  it('float16 NaN stays NaN', () => {
    expect(convertNumbers(le([0x7e00], 2), 1, float(2, HALF), 'x')[0]).toBeNaN();
  });

  it.each([
    [(0x3fffn << 64n) | (1n << 63n), 1],
    [(0x4000n << 64n) | (0xa0n << 56n), 2.5],
    [(0xbffdn << 64n) | 0xaaaaaaaaaaaaaaabn, -1 / 3],
    [(0x7fffn << 64n) | (1n << 63n), Infinity],
  ])('x87 long double %s widens to the float64 %s', (bits, value) => {
    const out = convertNumbers(le([bits], 16), 1, float(16, X87, 80), 'x');
    expect(out).toBeInstanceOf(Float64Array);
    expect(out[0]).toBe(value);
  });

  it('an N-bit float32 (20 bits at offset 7, 6-bit exponent) reads as h5py reads le_data.h5', () => {
    const layout: FloatLayout = {
      signLocation: 26,
      exponentLocation: 20,
      exponentSize: 6,
      mantissaLocation: 7,
      mantissaSize: 13,
      exponentBias: 31,
      normalization: 2,
    };
    // 1.0, 1/3 and 8/3 rounded to a 13-bit mantissa (0xaab), built from their fields.
    const encode = (exponent: number, mantissa: number): number => (exponent << 20) | (mantissa << 7);
    const out = convertNumbers(
      le([encode(31, 0), encode(29, 0xaab), encode(32, 0xaab)], 4),
      3,
      float(4, layout, 20, 7),
      'x',
    );
    expect(Array.from(out as Float32Array)).toEqual([1, 0.333343505859375, 2.666748046875]);
  });

  it('integers keep only their precision and are sign-extended', () => {
    // 12 bits at offset 4: 0xfff0 is -1, 0x7ff0 is 2047, 0x8000 is -2048; bits outside are dropped.
    const out = convertNumbers(le([0xfff0, 0x7ff0, 0x8000, 0xf000000f], 4), 4, integer(4, true, 12, 4), 'x');
    expect(Array.from(out as Int32Array)).toEqual([-1, 2047, -2048, 0]);
    const unsigned = convertNumbers(le([0xfff0], 2), 1, integer(2, false, 10, 4), 'x');
    expect(Array.from(unsigned as Uint16Array)).toEqual([0x3ff]);
    const wide = convertNumbers(le([0xffffffffff00n], 8), 1, integer(8, true, 40, 8), 'x');
    expect(Array.from(wide as BigInt64Array)).toEqual([-1n]);
  });

  it('refuses what it cannot convert with a typed error naming the type', () => {
    const vax = { ...float(4, F32), byteOrder: 'none' as const };
    expect(() => convertNumbers(new Uint8Array(4), 1, vax, '/x')).toThrow(ReaderError);
    expect(() => convertNumbers(new Uint8Array(4), 1, vax, '/x')).toThrow(/\/x holds 4-byte float/);
    expect(() => convertNumbers(new Uint8Array(3), 1, integer(3, true), '/y')).toThrow(/3-byte integer/);
  });
});

describe('layouts and names', () => {
  it('IEEE float32/64 and full-width integers need no conversion; packed, half and long double do', () => {
    expect(isNativeLayout(float(4, F32))).toBe(true);
    expect(isNativeLayout(integer(4, true))).toBe(true);
    expect(isNativeLayout(integer(4, true, 12, 4))).toBe(false);
    expect(isNativeLayout(float(2, HALF))).toBe(false);
    expect(isNativeLayout(float(16, X87, 80))).toBe(false);
  });

  it('names floats as h5py does: the first numpy float that holds them', () => {
    expect(dtypeOfLayout(float(2, HALF))).toBe('float16');
    expect(dtypeOfLayout(float(4, F32))).toBe('float32');
    expect(dtypeOfLayout(float(16, X87, 80))).toBe('float128');
    // A 40-bit mantissa in 8 bytes fits no float64 (52 bits do, but the 11-bit exponent with this bias does not).
    const wideExponent: FloatLayout = {
      ...F32,
      exponentSize: 11,
      exponentBias: 1023,
      mantissaSize: 13,
      signLocation: 26,
    };
    expect(dtypeOfLayout(float(4, wideExponent))).toBe('float64');
    expect(dtypeOfLayout({ ...integer(2, false), class: TypeClass.Bitfield })).toBe('uint16');
  });
});
