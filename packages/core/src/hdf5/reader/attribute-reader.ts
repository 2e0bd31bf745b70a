// Attributes of an object, each read on its own: one that cannot be read is { error }, the others still read.
// Those h5wasm cannot convert (float16, long double, bitfields, big-endian enums) are decoded from the attribute
// message in the object header (format/object-types.ts, format/numbers.ts).
import * as h5 from 'h5wasm';
import { TypeClass, type Datatype } from '../format/datatype.js';
import { convertNumbers, describeType, dtypeOfLayout, isConvertibleNumber, isNativeLayout } from '../format/numbers.js';
import {
  readStoredAttributes,
  storedAttributeNamed,
  type StoredAttribute,
  type StoredAttributes,
} from '../format/object-types.js';
import {
  dtypeOf,
  type TypeMetadata,
  H5T_INTEGER,
  H5T_FLOAT,
  H5T_BITFIELD,
  H5T_OPAQUE,
  H5T_ENUM,
} from '../shared/dtype.js';
import { ReaderError } from '../shared/reader-error.js';
import { className } from './dataset-reader.js';
import { storedTypeOf } from './stored-type.js';
import type { AttrInfo, AttrValue } from '../types.js';
import type { FileFormat } from './file-format.js';
import type { ObjectTree } from './object-tree.js';
import { normalize, sentence } from './paths.js';
import { reshape, safeNumber, type ValueDecoder } from './value-decoding.js';

/** Reads the attributes of one open file. */
export class AttributeReader {
  constructor(
    private readonly module: typeof h5.Module,
    private readonly file: h5.File,
    private readonly tree: ObjectTree,
    private readonly format: FileFormat,
    private readonly decoder: ValueDecoder,
  ) {}

  /**
   * Attributes of the object at `path`, decoded. One that cannot be read is `{ error }` with the reason; the others
   * still read (h5py fails only when that one attribute is asked for).
   */
  attrs(path: string): Record<string, AttrValue> {
    return this.eachAttribute(
      path,
      (where, name, stored) => this.attribute(where, name, stored),
      (where, name, error) => ({ error: `The attribute ${name} of ${where} cannot be read: ${sentence(error)}` }),
    );
  }

  /**
   * The stored type and shape of each attribute of the object at `path` (h5py's `attrs.get_id(name)`); one whose
   * type cannot be read is 'unknown', the others are still described.
   */
  info(path: string): Record<string, AttrInfo> {
    return this.eachAttribute(
      path,
      (where, name, stored) => this.attributeInfo(where, name, stored),
      (): AttrInfo => ({ dtype: 'unknown', itemSize: 0, shape: null }),
    );
  }

  /** `read` of each attribute of the object at `path`, `failed` of one it throws for (a source failure propagates). */
  private eachAttribute<T>(
    path: string,
    read: (where: string, name: string, stored: StoredLookup) => T,
    failed: (where: string, name: string, error: unknown) => T,
  ): Record<string, T> {
    const where = normalize(path);
    this.tree.object(where);
    const out: Record<string, T> = {};
    const stored = new StoredLookup(() =>
      readStoredAttributes(this.format.formatFile(), this.format.objectAddress(where)),
    );
    for (const name of this.module.get_attribute_names(this.file.file_id, where)) {
      try {
        out[name] = read(where, name, stored);
      } catch (error) {
        this.tree.rethrowSourceFailure(error);
        out[name] = failed(where, name, error);
      }
    }
    return out;
  }

  private attributeInfo(where: string, name: string, stored: StoredLookup): AttrInfo {
    const meta = this.module.get_attribute_metadata(this.file.file_id, where, name);
    // Floats are named from their bit layout, as datasets are (an N-bit float32 may be h5py's float64); an opaque
    // type's tag is in its datatype message.
    const type = meta.type === H5T_FLOAT || meta.type === H5T_OPAQUE ? stored.typeOf(name) : undefined;
    const dtype = type && meta.type === H5T_FLOAT ? dtypeOfLayout(type) : dtypeOf(meta as TypeMetadata);
    return { dtype, shape: meta.shape, ...storedTypeOf(meta, type) };
  }

  private attribute(where: string, name: string, stored: StoredLookup): AttrValue {
    const meta = this.module.get_attribute_metadata(this.file.file_id, where, name);
    // What h5wasm cannot convert or would return as raw bits: non-IEEE floats (float16, long double), bitfields and
    // big-endian enums (HDF5 refuses to change an enum's byte order after its members are set). Read these from the
    // attribute message and convert here.
    const needsOwnDecoding =
      (meta.type === H5T_FLOAT && meta.size !== 4 && meta.size !== 8) ||
      meta.type === H5T_BITFIELD ||
      (meta.type === H5T_ENUM && !meta.littleEndian);
    if (needsOwnDecoding) return this.storedAttribute(where, name, storedAttributeNamed(stored.get(), name));
    // Integers and floats of a plain size may still be packed (N-bit) or non-IEEE: h5wasm would give their raw bits.
    if (meta.type === H5T_INTEGER || meta.type === H5T_FLOAT) {
      const type = stored.typeOf(name);
      if (type && !isNativeLayout(type))
        return this.storedAttribute(where, name, storedAttributeNamed(stored.get(), name));
    }
    // A class h5wasm does not know comes back as raw bytes (e.g. H5T_TIME): report it, never the bytes as numbers.
    if (dtypeOf(meta as TypeMetadata) === 'unknown' && meta.type !== H5T_INTEGER && meta.type !== H5T_FLOAT) {
      throw new ReaderError({
        kind: 'unsupported',
        message: `it holds ${className(meta.type)} values, which this reader cannot decode`,
      });
    }
    const attribute = new h5.Attribute(this.file.file_id, where, name);
    const value = this.decoder.decode(attribute.value, meta, attribute.shape);
    // h5wasm returns a one-element array for a scalar reference; a scalar stays a scalar.
    return attribute.shape?.length === 0 && Array.isArray(value) && value.length === 1 ? value[0]! : value;
  }

  /** An attribute of a plain numeric or enum type decoded from its message in the object header. */
  private storedAttribute(where: string, name: string, stored: StoredAttribute): AttrValue {
    if (stored.shape === null) return null;
    const count = stored.shape.reduce((n, d) => n * d, 1);
    const isEnum = stored.type.class === TypeClass.Enumerated;
    const numberType = isEnum ? stored.type.base : stored.type;
    if (!numberType || !isConvertibleNumber(numberType)) {
      throw new ReaderError({
        kind: 'unsupported',
        message: `it holds ${describeType(stored.type)} values, which this reader cannot decode`,
      });
    }
    const bytes = littleEndian(stored.data, numberType);
    const numbers = convertNumbers(bytes, count, numberType, `The attribute ${name} of ${where}`);
    const bool = isEnum && isBoolMembers(stored.type);
    const flat: AttrValue[] = Array.from(numbers as ArrayLike<number | bigint>, (v) =>
      typeof v === 'bigint' ? safeNumber(v) : bool ? v !== 0 : v,
    );
    if (stored.shape.length === 0) return flat[0] ?? null;
    return reshape(flat, stored.shape);
  }
}

/** Each element's bytes in little-endian order (attribute data sits in the file's own order). */
function littleEndian(data: Uint8Array, type: Datatype): Uint8Array {
  if (type.byteOrder !== 'big' || type.size === 1) return data;
  const out = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += type.size) {
    for (let b = 0; b < type.size; b++) out[at + b] = data[at + type.size - 1 - b]!;
  }
  return out;
}

/** h5py's bool: an enum {FALSE: 0, TRUE: 1} (from the attribute message's members). */
function isBoolMembers(type: Datatype): boolean {
  const members = type.members ?? [];
  const value = (name: string): number | undefined => {
    const member = members.find((m) => m.name === name);
    return member ? member.value.reduce((n, byte) => n + byte, 0) : undefined;
  };
  return members.length === 2 && value('FALSE') === 0 && value('TRUE') === 1;
}

/**
 * The attribute messages of one object, parsed on first need during one attrs() call. typeOf() answers undefined
 * when they cannot be read (dense storage, a shared type, a layout the format reader does not follow): the
 * attribute is then read as h5wasm reads it.
 */
class StoredLookup {
  private stored: StoredAttributes | undefined;
  private unreadable = false;

  constructor(private readonly read: () => StoredAttributes) {}

  get(): StoredAttributes {
    this.stored ??= this.read();
    return this.stored;
  }

  typeOf(name: string): Datatype | undefined {
    if (this.unreadable) return undefined;
    try {
      const found = this.get().attributes.get(name);
      return found && !('unsupported' in found) ? found.type : undefined;
    } catch (error) {
      if (!(error instanceof ReaderError)) throw error;
      this.unreadable = true;
      return undefined;
    }
  }
}
