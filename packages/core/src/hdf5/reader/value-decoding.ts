// h5wasm's output turned into the contract's values: typed arrays kept, 64-bit integers as bigint when beyond 2**53,
// h5py's bool enum as booleans, references as target paths, compound rows decoded member by member.
import * as h5 from 'h5wasm';
import { isBoolEnum, type TypeMetadata, H5T_BITFIELD } from '../shared/dtype.js';
import type { AttrValue, DatasetValues } from '../types.js';

/** Decodes values read by h5wasm from one open file (references need the file to name their targets). */
export class ValueDecoder {
  constructor(
    private readonly module: typeof h5.Module,
    private readonly file: h5.File,
  ) {}

  /** Dataset values in the contract's shape: typed arrays kept, bigint kept, references as paths. */
  values(raw: h5.OutputData | null, meta: h5.Metadata): DatasetValues['values'] {
    if (raw === null) return [];
    if (ArrayBuffer.isView(raw)) {
      if (isBoolEnum(meta as TypeMetadata) && raw instanceof Int8Array)
        return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
      return raw as Exclude<DatasetValues['values'], unknown[]>;
    }
    const list = Array.isArray(raw) ? raw : [raw];
    if (meta.type === 3) return list.map((v) => String(v));
    return list.map((v) => this.decode(v, meta, null));
  }

  /** An attribute or element value as AttrValue. */
  decode(value: h5.OutputData | null, meta: h5.Metadata, shape: number[] | null): AttrValue {
    if (value === null || value === undefined) return null;
    if (value instanceof h5.Reference) return { reference: this.referenceName(value) };
    if (typeof value === 'bigint') return safeNumber(value);
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
      if (typeof value === 'number' && isBoolEnum(meta as TypeMetadata)) return value !== 0;
      return value;
    }
    // h5wasm returns a bitfield (a compound member here) as its raw bytes, already little-endian: h5py's unsigned int.
    if (meta.type === H5T_BITFIELD && value instanceof Uint8Array && [1, 2, 4, 8].includes(meta.size)) {
      return safeNumber(value.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n));
    }
    let flat: AttrValue[];
    if (ArrayBuffer.isView(value)) {
      const bool = isBoolEnum(meta as TypeMetadata);
      flat = Array.from(value as unknown as ArrayLike<number | bigint>, (v) =>
        typeof v === 'bigint' ? safeNumber(v) : bool ? v !== 0 : v,
      );
    } else if (meta.compound_type) {
      // A compound row: each column decoded as its member's type (a bitfield member comes back as raw bytes).
      const members = meta.compound_type.members;
      flat = (value as h5.OutputData[]).map((v, column) => this.decode(v, members[column] ?? meta, null));
    } else {
      const member = meta.array_type ?? meta.vlen_type ?? meta;
      flat = (value as h5.OutputData[]).map((v) => this.decode(v, member, null));
    }
    return shape && shape.length > 1 ? reshape(flat, shape) : flat;
  }

  referenceName(reference: h5.Reference): string {
    const isObject = !(reference instanceof h5.RegionReference);
    try {
      return this.module.get_referenced_name(this.file.file_id, reference.ref_data, isObject);
    } catch {
      return '';
    }
  }
}

/** A bigint as a number when it is exact as one. */
export function safeNumber(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}

/** Flat values nested to `shape`. */
export function reshape(flat: AttrValue[], shape: number[]): AttrValue[] {
  if (shape.length <= 1) return flat;
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  const out: AttrValue[] = [];
  for (let i = 0; i < shape[0]!; i++) out.push(reshape(flat.slice(i * inner, (i + 1) * inner), shape.slice(1)));
  return out;
}
