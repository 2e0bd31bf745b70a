// The datatype message (0x0003): what one element is. HDF5 File Format Specification v3, "Datatype Message"
// (HDF5's H5Odtype.c): byte 0 holds class (low 4 bits) and version (high 4), bytes 1-3 the class bit field, bytes 4-7
// the element size, then per-class properties. Parsed far enough to know the size, the byte order, whether any part
// is variable-length, and to decode a fill value of a plain kind.
import { corrupt, type Cursor } from './file-bytes.js';

/** The datatype classes of the format. */
export const TypeClass = {
  FixedPoint: 0,
  FloatingPoint: 1,
  Time: 2,
  String: 3,
  Bitfield: 4,
  Opaque: 5,
  Compound: 6,
  Reference: 7,
  Enumerated: 8,
  VariableLength: 9,
  Array: 10,
} as const;

/** A parsed datatype. */
export interface Datatype {
  class: number;
  version: number;
  size: number;
  byteOrder: 'little' | 'big' | 'none';
  /** False when the type or any part of it is variable-length. */
  fixedSize: boolean;
  signed?: boolean;
  /** Strings: 0 null-terminated, 1 null-padded, 2 space-padded. */
  padding?: number;
  /** Strings: 0 ASCII, 1 UTF-8. */
  charset?: number;
  /** Enumerations, arrays and variable-length types: the member type. */
  base?: Datatype;
  /** Enumerations: member names and raw values. */
  members?: { name: string; value: Uint8Array }[];
  /** Opaque: the tag that says what the bytes are. */
  tag?: string;
  /** Variable-length: a string (1) or a sequence (0). */
  vlenKind?: number;
  /** Compounds: the member types, in order. */
  fields?: Datatype[];
  /** Fixed-point, bitfield and floating-point: which bits of the element hold the value. */
  bits?: { offset: number; precision: number };
  /** Floating-point: where sign, exponent and mantissa sit, and how the mantissa is normalized. */
  float?: FloatLayout;
}

/** The bit layout of a floating-point type (HDF5 File Format Specification v3, "Datatype Message", class 1). */
export interface FloatLayout {
  signLocation: number;
  exponentLocation: number;
  exponentSize: number;
  mantissaLocation: number;
  mantissaSize: number;
  exponentBias: number;
  /** 0: none, 1: the most significant mantissa bit is stored and always set, 2: it is implied (IEEE). */
  normalization: number;
}

/** Parse the datatype at the cursor, leaving it just past the type. */
export function readDatatype(c: Cursor): Datatype {
  const head = c.u8();
  const kind = head & 0x0f;
  const version = head >> 4;
  const bits0 = c.u8();
  const bits1 = c.u8();
  const bits2 = c.u8();
  const size = c.u32();
  const bits = bits0 | (bits1 << 8) | (bits2 << 16);
  if (version < 1 || version > 5) throw corrupt(`a datatype has an unknown version (${version})`);
  const order = (bits & 1) === 0 ? 'little' : 'big';
  switch (kind) {
    case TypeClass.FixedPoint:
      return {
        class: kind,
        version,
        size,
        byteOrder: order,
        fixedSize: true,
        signed: (bits & 0x08) !== 0,
        bits: readBits(c),
      };
    case TypeClass.FloatingPoint: {
      const layout = readBits(c);
      const float: FloatLayout = {
        signLocation: (bits >> 8) & 0xff,
        exponentLocation: c.u8(),
        exponentSize: c.u8(),
        mantissaLocation: c.u8(),
        mantissaSize: c.u8(),
        exponentBias: c.u32(),
        normalization: (bits >> 4) & 0x03,
      };
      // Bit 6 with bit 0 clear is VAX order, which nothing here decodes.
      return {
        class: kind,
        version,
        size,
        byteOrder: bits & 0x40 ? 'none' : order,
        fixedSize: true,
        bits: layout,
        float,
      };
    }
    case TypeClass.Time:
      c.skip(2);
      return { class: kind, version, size, byteOrder: order, fixedSize: true };
    case TypeClass.String:
      return {
        class: kind,
        version,
        size,
        byteOrder: 'none',
        fixedSize: true,
        padding: bits & 0x0f,
        charset: (bits >> 4) & 0x0f,
      };
    case TypeClass.Bitfield:
      return { class: kind, version, size, byteOrder: order, fixedSize: true, bits: readBits(c) };
    case TypeClass.Opaque: {
      // The tag (H5Tset_tag): ASCII, null-padded to a multiple of 8.
      const tag = c.take(bits & 0xff);
      const end = tag.indexOf(0);
      const text = new TextDecoder().decode(end < 0 ? tag : tag.subarray(0, end));
      return { class: kind, version, size, byteOrder: 'none', fixedSize: true, tag: text };
    }
    case TypeClass.Compound:
      return readCompound(c, version, size, bits & 0xffff);
    case TypeClass.Reference:
      // Version 4 references (HDF5 1.12+ H5T_STD_REF) are stored as variable-length blobs.
      return { class: kind, version, size, byteOrder: 'none', fixedSize: version < 4 };
    case TypeClass.Enumerated: {
      const base = readDatatype(c);
      const count = bits & 0xffff;
      const names: string[] = [];
      for (let i = 0; i < count; i++) names.push(readName(c, version < 3));
      const members = names.map((name) => ({ name, value: c.take(base.size) }));
      return { class: kind, version, size, byteOrder: base.byteOrder, fixedSize: base.fixedSize, base, members };
    }
    case TypeClass.VariableLength: {
      const base = readDatatype(c);
      return {
        class: kind,
        version,
        size,
        byteOrder: 'none',
        fixedSize: false,
        base,
        vlenKind: bits & 0x0f,
        padding: (bits >> 4) & 0x0f,
        charset: (bits >> 8) & 0x0f,
      };
    }
    case TypeClass.Array: {
      const rank = c.u8();
      if (version < 3) c.skip(3);
      c.skip(4 * rank); // dimension sizes
      if (version < 3) c.skip(4 * rank); // permutation indices
      const base = readDatatype(c);
      return { class: kind, version, size, byteOrder: base.byteOrder, fixedSize: base.fixedSize, base };
    }
    default:
      throw corrupt(`a datatype has an unknown class (${kind})`);
  }
}

function readCompound(c: Cursor, version: number, size: number, count: number): Datatype {
  const orders = new Set<string>();
  const fields: Datatype[] = [];
  let fixedSize = true;
  // Version 3 stores member offsets in as few bytes as the compound's size needs (H5Odtype.c H5VM_limit_enc_size).
  const offsetBytes = Math.floor(Math.log2(Math.max(1, size)) / 8) + 1;
  for (let i = 0; i < count; i++) {
    readName(c, version < 3);
    if (version >= 3) c.skip(offsetBytes);
    else c.skip(4);
    if (version === 1) c.skip(1 + 3 + 4 + 4 + 16); // rank, reserved, permutation, reserved, four dimension sizes
    const member = readDatatype(c);
    fields.push(member);
    if (!member.fixedSize) fixedSize = false;
    if (member.byteOrder !== 'none') orders.add(member.byteOrder);
  }
  const byteOrder = orders.size === 1 ? (orders.values().next().value as 'little' | 'big') : 'none';
  return { class: TypeClass.Compound, version, size, byteOrder, fixedSize, fields };
}

/** Bit offset and precision (two 16-bit fields) of fixed-point, bitfield and floating-point types. */
function readBits(c: Cursor): { offset: number; precision: number } {
  const offset = c.u16();
  return { offset, precision: c.u16() };
}

/** A null-terminated name; versions 1-2 pad it (with its terminator) to a multiple of 8 bytes. */
function readName(c: Cursor, padded: boolean): string {
  const start = c.pos;
  const end = c.bytes.indexOf(0, start);
  if (end < 0) throw corrupt('a datatype member name is not terminated');
  const name = new TextDecoder().decode(c.bytes.subarray(start, end));
  const used = end + 1 - start;
  c.skip(padded ? Math.ceil(used / 8) * 8 : used);
  return name;
}
