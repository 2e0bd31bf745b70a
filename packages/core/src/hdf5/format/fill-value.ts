// The fill value a dataset reports, as h5py's ds.fillvalue (H5Pget_fill_value) gives it. Messages: HDF5 File Format
// Specification v3, "Fill Value Message - Old" (0x0004: size(4) + value) and "Fill Value Message" (0x0005), decoded
// as HDF5's H5Ofill.c H5O__fill_new_decode does: versions 1-2 are version, allocation time, write time, "defined",
// then size(4) + value only when defined (not defined: undefined); version 3 packs the times and two flags in one
// byte (bit 4: undefined, bit 5: a size(4) + value follow; neither: the library default). H5D__open_oid reads the new
// message first and falls back to the old one, where no value means undefined. H5Pget_fill_value then fails for an
// undefined value, zero-fills for the default (size 0) and returns the stored bytes otherwise.
import { Cursor, corrupt, readAt, type FormatFile } from './file-bytes.js';
import { TypeClass, type Datatype } from './datatype.js';
import { convertNumbers } from './numbers.js';
import type { DatasetStorage } from './storage-types.js';

/** What the fill value messages say. */
export type FillState = { kind: 'default' } | { kind: 'undefined' } | { kind: 'user'; bytes: Uint8Array };

/** Parse a fill value message (type 0x0005). */
export function readFillValue(c: Cursor): FillState {
  const version = c.u8();
  if (version === 1 || version === 2) {
    c.skip(2); // allocation time, write time
    if (c.u8() === 0) return { kind: 'undefined' };
    return valueOf(c);
  }
  if (version !== 3) throw corrupt(`a fill value message has an unknown version (${version})`);
  const flags = c.u8();
  if (flags & 0x10) return { kind: 'undefined' };
  if (flags & 0x20) return valueOf(c);
  return { kind: 'default' };
}

/** Parse an old fill value message (type 0x0004). */
export function readOldFillValue(c: Cursor): FillState {
  const state = valueOf(c);
  return state.kind === 'default' ? { kind: 'undefined' } : state;
}

function valueOf(c: Cursor): FillState {
  const size = c.u32();
  return size === 0 ? { kind: 'default' } : { kind: 'user', bytes: c.take(size) };
}

/**
 * The fill value as a JS value: the stored value when one is defined, the type's zero for the library default, null
 * when the value is undefined or is of a kind with no plain JS value (compound, opaque, array, reference...).
 */
export function fillValueOf(state: FillState, type: Datatype, file: FormatFile): DatasetStorage['fillValue'] {
  if (state.kind === 'undefined') return null;
  const bytes = state.kind === 'user' ? state.bytes : new Uint8Array(type.size);
  if (type.class === TypeClass.VariableLength && type.vlenKind === 1) {
    return state.kind === 'user' ? vlenString(bytes, type, file) : '';
  }
  if (bytes.length < type.size) throw corrupt('a fill value is shorter than its type');
  return decodeElement(bytes.subarray(0, type.size), type);
}

/** One element of a plain kind: integers (64-bit as bigint), floats, strings, booleans; null for other kinds. */
export function decodeElement(bytes: Uint8Array, type: Datatype): DatasetStorage['fillValue'] {
  switch (type.class) {
    case TypeClass.FixedPoint:
    case TypeClass.Bitfield:
    case TypeClass.FloatingPoint: {
      // Through the same conversion as the values (numbers.ts), so packed and non-IEEE layouts read right too.
      if (![1, 2, 4, 8].includes(type.size) && type.class !== TypeClass.FloatingPoint) return null;
      if (type.byteOrder === 'none' && type.size > 1) return null;
      const ordered = type.byteOrder === 'big' ? bytes.slice(0, type.size).reverse() : bytes.slice(0, type.size);
      try {
        return convertNumbers(ordered, 1, type, 'the fill value')[0]!;
      } catch {
        return null;
      }
    }
    case TypeClass.String:
      return text(bytes, type.padding ?? 0);
    case TypeClass.Enumerated: {
      const base = type.base!;
      const value = decodeElement(bytes, base);
      // h5py stores numpy bool as an enum of int8 with FALSE = 0 and TRUE = 1 (h5py's h5t.pyx).
      const names = (type.members ?? [])
        .map((m) => m.name)
        .sort()
        .join(',');
      if (names === 'FALSE,TRUE' && typeof value === 'number') return value !== 0;
      return value;
    }
    default:
      return null;
  }
}

function text(bytes: Uint8Array, padding: number): string {
  let end = bytes.length;
  if (padding === 0) {
    const nul = bytes.indexOf(0);
    if (nul >= 0) end = nul;
  } else {
    const pad = padding === 2 ? 0x20 : 0;
    while (end > 0 && bytes[end - 1] === pad) end--;
    // numpy drops trailing NULs of fixed-width bytes too
    while (end > 0 && bytes[end - 1] === 0) end--;
  }
  return new TextDecoder().decode(bytes.subarray(0, end));
}

/**
 * A variable-length string fill value, stored as sequence length(4), global heap collection address and object
 * index(4) (Specification, "Global Heap" and "Disk Format: Level 1F - Global Heap").
 */
function vlenString(bytes: Uint8Array, type: Datatype, file: FormatFile): string {
  const c = new Cursor(bytes, file.offsetSize, file.lengthSize, 'fill value');
  const length = c.u32();
  if (length === 0) return '';
  const collection = c.address();
  const index = c.u32();
  if (collection === undefined) return '';
  const object = readGlobalHeapObject(file, collection, index);
  return text(object.subarray(0, Math.min(length, object.length)), type.padding ?? 0);
}

/** Object `index` of the global heap collection at `address`. */
function readGlobalHeapObject(file: FormatFile, address: number, index: number): Uint8Array {
  const head = readAt(file, address, 8 + file.lengthSize, 'global heap');
  head.signature('GCOL');
  head.skip(4); // version, reserved
  const size = head.length();
  const heap = readAt(file, address, size, 'global heap');
  heap.skip(8 + file.lengthSize);
  while (heap.remaining >= 8 + file.lengthSize) {
    const id = heap.u16();
    heap.skip(6); // reference count, reserved
    const objectSize = heap.length();
    if (id === 0) break; // free space: the rest of the collection
    const data = heap.take(objectSize);
    heap.skip(Math.min(heap.remaining, (8 - (objectSize % 8)) % 8));
    if (id === index) return data;
  }
  throw corrupt(`global heap object ${index} at address ${address} does not exist`);
}
