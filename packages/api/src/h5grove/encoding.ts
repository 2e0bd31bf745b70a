// h5grove's encodings (h5grove/encoders.py): JSON as orjson writes it (non-finite numbers as null, 64-bit integers
// exact), raw little-endian bytes (`bin`), and numpy's .npy format (`npy`). This is h5grove's wire format, not
// core's JSON encoding (which keeps NaN and infinities as strings for the /v1 routes).
import type { DatasetValues } from '@ember-archive/core';

/** JSON text of `value` as h5grove's orjson encoder writes it. */
export function h5groveJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return h5groveJson(Array.from(value as unknown as ArrayLike<number | bigint>));
  }
  if (Array.isArray(value)) return `[${value.map(h5groveJson).join(',')}]`;
  if (typeof value === 'object') {
    // Object references ({ reference: path }) are written as their target, as h5grove writes str(ref).
    const record = value as Record<string, unknown>;
    if (Object.keys(record).length === 1 && typeof record.reference === 'string')
      return JSON.stringify(record.reference);
    return `{${Object.entries(record)
      .map(([k, v]) => `${JSON.stringify(k)}:${h5groveJson(v)}`)
      .join(',')}}`;
  }
  return 'null';
}

type Numeric = Exclude<DatasetValues['values'], string[] | unknown[]>;

/** The numeric typed array of values, or undefined for strings, compounds and references. */
export function numericValues(read: DatasetValues): Numeric | undefined {
  return ArrayBuffer.isView(read.values) ? (read.values as Numeric) : undefined;
}

/** numpy's dtype string of a typed array ('<f4', '|u1'). */
export function typedArrayDescr(values: Numeric, bool: boolean): string {
  if (bool) return '|b1';
  const kind = values instanceof Float32Array || values instanceof Float64Array ? 'f' : isSigned(values) ? 'i' : 'u';
  const size = values.BYTES_PER_ELEMENT;
  return `${size === 1 ? '|' : '<'}${kind}${size}`;
}

function isSigned(values: Numeric): boolean {
  return (
    values instanceof Int8Array ||
    values instanceof Int16Array ||
    values instanceof Int32Array ||
    values instanceof BigInt64Array
  );
}

/** A copy of the bytes of a typed array (it may be a view on a shared or larger buffer). */
export function bytesOf(values: Numeric): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(values.byteLength);
  copy.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return copy;
}

/**
 * An .npy file (NEP 1, numpy/lib/format.py, version 1.0): magic, header length, a Python dict literal padded with
 * spaces to a multiple of 64 bytes ending in a newline, then the C-order bytes.
 */
export function npyFile(values: Numeric, shape: number[], bool: boolean): Uint8Array<ArrayBuffer> {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${typedArrayDescr(values, bool)}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const data = bytesOf(values);
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, header.length & 255, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}
