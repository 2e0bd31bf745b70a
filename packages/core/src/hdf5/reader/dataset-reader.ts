// Dataset descriptions and values: selections checked against the read limit, numbers whose bits need converting
// read raw and converted (format/numbers.ts), windows of chunked numeric data cut from whole decoded chunk rows,
// compound reference members decoded from raw bytes, contiguous bytes made present first where reads can miss.
import * as h5 from 'h5wasm';
import { TypeClass, type Datatype } from '../format/datatype.js';
import { convertNumbers, dtypeOfLayout, isNativeLayout } from '../format/numbers.js';
import {
  dtypeOf,
  type TypeMetadata,
  H5T_INTEGER,
  H5T_FLOAT,
  H5T_BITFIELD,
  H5T_OPAQUE,
  H5T_COMPOUND,
  H5T_ENUM,
  H5T_VLEN,
  H5T_ARRAY,
} from '../shared/dtype.js';
import { ReaderError } from '../shared/reader-error.js';
import {
  extractFromBlock,
  placeBox,
  resolveSelection,
  type ResolvedDim,
  type TypedArrayLike,
} from '../shared/selection.js';
import type { AttrValue, DatasetInfo, DatasetValues, Slice } from '../types.js';
import type { FileFormat } from './file-format.js';
import type { ReaderOptions } from './file-reader.js';
import type { ObjectTree } from './object-tree.js';
import { normalize } from './paths.js';
import { storedTypeOf } from './stored-type.js';
import type { ValueDecoder } from './value-decoding.js';

// Filters built into h5wasm (deflate, shuffle, fletcher32, szip, nbit, scaleoffset: usnistgov/h5wasm README).
const BUILT_IN_FILTERS = new Set([1, 2, 3, 4, 5, 6]);

/** Describes and reads the datasets of one open file. */
export class DatasetReader {
  private readonly decoded = new Map<
    string,
    { values: TypedArrayLike & { byteLength: number }; rows: [number, number] }
  >();
  private decodedBytes = 0;

  constructor(
    private readonly module: typeof h5.Module,
    private readonly file: h5.File,
    private readonly options: ReaderOptions,
    private readonly tree: ObjectTree,
    private readonly format: FileFormat,
    private readonly decoder: ValueDecoder,
  ) {}

  /** The dataset at `where`, or an InvalidInput error when something else is there. */
  requireDataset(where: string): h5.Dataset {
    const entity = this.tree.object(where);
    if (!(entity instanceof h5.Dataset))
      throw new ReaderError({ kind: 'invalid-input', message: `${where} is not a dataset.` });
    return entity;
  }

  /** Dataset description. */
  dataset(path: string): DatasetInfo {
    const where = normalize(path);
    const entity = this.tree.object(where);
    if (!(entity instanceof h5.Dataset))
      throw new ReaderError({ kind: 'invalid-input', message: `${where} is not a dataset.` });
    const meta = entity.metadata;
    const info: DatasetInfo = {
      path: where,
      shape: meta.shape,
      dtype: this.tree.dtypeOfDataset(where, meta),
      ...storedTypeOf(meta, meta.type === H5T_OPAQUE ? this.format.datasetType(where) : undefined),
      chunks: meta.chunks,
      filters: entity.filters.map((f) => ({ id: f.id, name: f.name })),
    };
    const storage = this.format.storageIfReadable(where);
    if (storage) {
      info.fillValue = storage.fillValue;
      info.storageSize = storage.storageSize;
    }
    return info;
  }

  /** Values of the whole dataset or of a selection. */
  read(path: string, selection: Slice[] | undefined): DatasetValues {
    const where = normalize(path);
    const entity = this.tree.object(where);
    if (!(entity instanceof h5.Dataset))
      throw new ReaderError({ kind: 'invalid-input', message: `${where} is not a dataset.` });
    const meta = entity.metadata;
    this.checkReadable(where, entity, meta);
    const layout = this.numberLayout(where, meta);
    const dtype = layout ? dtypeOfLayout(layout) : dtypeOf(meta as TypeMetadata);
    if (meta.shape === null) return { shape: [0], dtype, values: [] };
    this.ensureContiguousBytes(where, meta, selection);
    if (layout) return this.readConverted(where, meta, layout, selection);
    if (meta.shape.length === 0) {
      if (selection && selection.length > 0)
        throw new ReaderError({ kind: 'invalid-input', message: `${where} is a scalar and takes no selection.` });
      const value = entity.value;
      return {
        shape: [],
        dtype,
        values: this.decoder.values(value === null ? [] : Array.isArray(value) ? value : [value], meta),
      };
    }
    const resolved = resolveSelection(meta.shape, selection);
    this.checkLimit(where, resolved.count * meta.size);
    if (resolved.count === 0) return { shape: resolved.shape, dtype, values: emptyValues(meta) };
    const cached = this.readThroughDecodedCache(where, entity, meta, resolved.dims, resolved.count);
    if (cached) return { shape: resolved.shape, dtype, values: cached };
    const raw = this.sliceWatched(
      entity,
      meta,
      resolved.dims.map((d) => [d.start, d.stop, d.step]),
    );
    const values = this.decoder.values(raw, meta);
    if (meta.compound_type?.members.some((m) => m.type === 7))
      this.fillCompoundReferences(where, meta, resolved.dims, values as AttrValue[]);
    return { shape: resolved.shape, dtype, values };
  }

  /**
   * Every h5wasm slice() re-opens the dataset and re-inflates its chunks (docs/h5wasm.md §5.5), so windows of a chunked
   * numeric dataset are read as whole chunk rows once and cut out in JS; a view re-reading the same rows costs nothing.
   */
  private readThroughDecodedCache(
    path: string,
    dataset: h5.Dataset,
    meta: h5.Metadata,
    dims: ResolvedDim[],
    count: number,
  ): DatasetValues['values'] | undefined {
    const shape = meta.shape!;
    const chunks = meta.chunks;
    const dim0 = dims[0]!;
    if (!chunks || this.options.decodedCacheBytes <= 0 || !isPlainNumeric(meta)) return undefined;
    const rowElements = shape.slice(1).reduce((a, b) => a * b, 1);
    const chunkRows = chunks[0]!;
    const lastRow = dim0.start + (dim0.count - 1) * dim0.step;
    const rows: [number, number] = [
      Math.floor(dim0.start / chunkRows) * chunkRows,
      Math.min(shape[0]!, (Math.floor(lastRow / chunkRows) + 1) * chunkRows),
    ];
    const blockBytes = (rows[1] - rows[0]) * rowElements * meta.size;
    // Only worth it when the aligned block is not much bigger than what was asked for, and small enough to keep.
    if (
      blockBytes > this.options.decodedCacheBytes / 4 ||
      blockBytes > 4 * count * meta.size + 4 * chunkRows * rowElements * meta.size
    )
      return undefined;
    const key = `${path}\u0000${rows[0]}:${rows[1]}`;
    let entry = this.decoded.get(key);
    if (entry) {
      this.decoded.delete(key);
      this.decoded.set(key, entry);
    } else {
      const ranges: [number, number, number][] = [
        [rows[0], rows[1], 1],
        ...shape.slice(1).map((n): [number, number, number] => [0, n, 1]),
      ];
      const block = this.sliceWatched(dataset, meta, ranges) as unknown as TypedArrayLike & { byteLength: number };
      entry = { values: block, rows };
      this.decoded.set(key, entry);
      this.decodedBytes += block.byteLength;
      for (const [oldest, value] of this.decoded) {
        if (this.decodedBytes <= this.options.decodedCacheBytes) break;
        this.decoded.delete(oldest);
        this.decodedBytes -= value.values.byteLength;
      }
    }
    const block = entry.values as unknown as { constructor: new (n: number) => TypedArrayLike };
    const out = new block.constructor(count);
    extractFromBlock(entry.values, [rows[1] - rows[0], ...shape.slice(1)], rows[0], dims, out);
    return this.decoder.values(out as unknown as h5.OutputData, meta);
  }

  /**
   * h5wasm returns reference members of compounds as [] (no total_size on the member: docs/h5wasm.md §1 "References").
   * Read the selection's raw bytes and decode those members from their offsets (the workaround verified there);
   * NWB's TimeSeriesReferenceVectorData (idx_start, count, timeseries) is such a compound.
   */
  private fillCompoundReferences(path: string, meta: h5.Metadata, dims: ResolvedDim[], rows: AttrValue[]): void {
    const m = this.module;
    const members = meta.compound_type!.members;
    const count = dims.map((d) => BigInt(d.count));
    const nbytes = rows.length * meta.size;
    const ptr = m._malloc(nbytes);
    if (!ptr) return;
    try {
      m.get_dataset_data(
        this.file.file_id,
        path,
        count,
        dims.map((d) => BigInt(d.start)),
        dims.map((d) => BigInt(d.step)),
        BigInt(ptr),
      );
      const bytes = m.HEAPU8.slice(ptr, ptr + nbytes);
      members.forEach((member, column) => {
        if (member.type !== 7) return;
        const isObject = member.ref_type !== 'region';
        rows.forEach((row, i) => {
          if (!Array.isArray(row)) return;
          const at = i * meta.size + member.offset;
          const reference = isObject
            ? new h5.Reference(bytes.slice(at, at + member.size))
            : new h5.RegionReference(bytes.slice(at, at + member.size));
          row[column] = { reference: this.decoder.referenceName(reference) };
        });
      });
    } finally {
      if (members.some((member) => member.vlen || member.type === 9))
        m.reclaim_vlen_memory_count(this.file.file_id, path, '', BigInt(ptr), count);
      m._free(ptr);
    }
  }

  /** slice(), with the chunk selection announced so the chunks can be fetched together. */
  private sliceWatched(
    dataset: h5.Dataset,
    meta: h5.Metadata,
    ranges: [number, number, number][],
  ): h5.OutputData | null {
    const notify = this.options.onChunkedRead;
    if (!notify || !meta.chunks) return sliceByChunkColumns(dataset, meta, ranges);
    const last = (r: [number, number, number]): number =>
      r[1] > r[0] ? r[0] + Math.floor((r[1] - r[0] - 1) / r[2]) * r[2] + 1 : r[0];
    // The whole box, even when it is read column by column: the first B-tree walk then prefetches every chunk at once.
    notify({ chunk: meta.chunks, starts: ranges.map((r) => r[0]), stops: ranges.map(last) });
    try {
      return sliceByChunkColumns(dataset, meta, ranges);
    } finally {
      notify(undefined);
    }
  }

  /**
   * The datatype of a numeric dataset when its raw bits are not what a typed array of its size holds (float16,
   * long double, N-bit packed numbers, bitfields), so read() converts them itself; undefined when h5wasm's values
   * are right as they come.
   */
  private numberLayout(path: string, meta: h5.Metadata): Datatype | undefined {
    if (meta.type !== H5T_INTEGER && meta.type !== H5T_FLOAT && meta.type !== H5T_BITFIELD) return undefined;
    const type = this.format.datasetType(path) ?? assumedLayout(path, meta);
    if (type.class === TypeClass.Bitfield || !isNativeLayout(type)) return type;
    return undefined;
  }

  /** A member type h5wasm cannot convert inside a compound, array or vlen type ("2-byte float"), if any. */
  private unconvertibleMember(path: string, meta: h5.Metadata): string | undefined {
    const inner: h5.Metadata[] = [
      ...(meta.compound_type?.members ?? []),
      ...(meta.array_type ? [meta.array_type] : []),
      ...(meta.vlen_type ? [meta.vlen_type] : []),
    ];
    for (const member of inner) {
      if (member.type === H5T_FLOAT && member.size !== 4 && member.size !== 8) return `${member.size}-byte float`;
      const deeper = this.unconvertibleMember(path, member);
      if (deeper) return deeper;
    }
    return undefined;
  }

  /** With `ensureRaw`: fail the call (to be fetched and re-run) unless the selected contiguous bytes are at hand. */
  private ensureContiguousBytes(path: string, meta: h5.Metadata, selection: Slice[] | undefined): void {
    const ensure = this.options.ensureRaw;
    if (!ensure || !meta.shape || meta.vlen) return;
    const start = this.format.contiguousAddress(path);
    if (start === undefined) return;
    // The span from the first to the last selected element (C order), at most the read limit.
    const shape = meta.shape;
    let first = 0;
    let last = 0;
    if (shape.length > 0) {
      const resolved = resolveSelection(shape, selection);
      if (resolved.count === 0) return;
      const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
      resolved.dims.forEach((d, axis) => {
        first += d.start * strides[axis]!;
        last += (d.start + (d.count - 1) * d.step) * strides[axis]!;
      });
    }
    const length = Math.min((last - first + 1) * meta.size, this.options.readLimitBytes);
    if (!ensure([[start + first * meta.size, length]])) {
      throw new ReaderError({ kind: 'source', message: `the bytes of ${path} are being fetched` });
    }
  }

  /** Values of a numeric dataset whose bits need converting: raw elements read by HDF5, converted here. */
  private readConverted(
    path: string,
    meta: h5.Metadata,
    type: Datatype,
    selection: Slice[] | undefined,
  ): DatasetValues {
    const dtype = dtypeOfLayout(type);
    const shape = meta.shape!;
    if (shape.length === 0 && selection && selection.length > 0) {
      throw new ReaderError({ kind: 'invalid-input', message: `${path} is a scalar and takes no selection.` });
    }
    const resolved = shape.length === 0 ? undefined : resolveSelection(shape, selection);
    const count = resolved ? resolved.count : 1;
    this.checkLimit(path, count * meta.size);
    const outShape = resolved ? resolved.shape : [];
    if (count === 0) return { shape: outShape, dtype, values: convertNumbers(new Uint8Array(0), 0, type, path) };
    const bytes = this.readRawElements(path, resolved?.dims, count * meta.size);
    return { shape: outShape, dtype, values: convertNumbers(bytes, count, type, path) };
  }

  /** The raw bytes of the selected elements, as HDF5 reads them with the file's own type (little-endian). */
  private readRawElements(path: string, dims: ResolvedDim[] | undefined, nbytes: number): Uint8Array {
    const m = this.module;
    const ptr = m._malloc(nbytes);
    if (!ptr)
      throw new ReaderError({
        kind: 'too-large',
        message: `Reading ${path} needs ${nbytes} bytes, more than the HDF5 engine could allocate.`,
        bytes: nbytes,
        limit: nbytes,
      });
    try {
      if (dims) {
        const count = dims.map((d) => BigInt(d.count));
        m.get_dataset_data(
          this.file.file_id,
          path,
          count,
          dims.map((d) => BigInt(d.start)),
          dims.map((d) => BigInt(d.step)),
          BigInt(ptr),
        );
      } else {
        m.get_dataset_data(this.file.file_id, path, null, null, null, BigInt(ptr));
      }
      return m.HEAPU8.slice(ptr, ptr + nbytes);
    } finally {
      m._free(ptr);
    }
  }

  private checkLimit(path: string, bytes: number): void {
    if (bytes <= this.options.readLimitBytes) return;
    throw new ReaderError({
      kind: 'too-large',
      message: `Reading ${path} this way needs ${bytes} bytes, more than the ${this.options.readLimitBytes}-byte limit; read a smaller selection.`,
      bytes,
      limit: this.options.readLimitBytes,
    });
  }

  private checkReadable(path: string, dataset: h5.Dataset, meta: h5.Metadata): void {
    // h5wasm hands back the raw bytes of a class it does not know (e.g. H5T_TIME): never values.
    if (dtypeOf(meta as TypeMetadata) === 'unknown' && meta.type !== H5T_INTEGER && meta.type !== H5T_FLOAT) {
      throw new ReaderError({
        kind: 'unsupported',
        message: `${path} holds ${className(meta.type)} values, which this reader cannot decode`,
      });
    }
    if (meta.type === H5T_ENUM && !meta.littleEndian) {
      // HDF5 cannot change an enum's byte order once it has members, which is how h5wasm reads every dataset.
      throw new ReaderError({
        kind: 'unsupported',
        message: `${path} holds big-endian enum values, which this HDF5 engine cannot convert`,
      });
    }
    // Members of compounds, arrays and vlen types are not converted: packed or non-IEEE ones are refused.
    const nested = meta.type === H5T_COMPOUND || meta.type === H5T_ARRAY || meta.type === H5T_VLEN;
    const type = nested ? this.format.datasetType(path) : undefined;
    const unconvertible =
      this.unconvertibleMember(path, meta) ?? (type && !isNativeLayout(type) ? 'packed or non-IEEE number' : undefined);
    if (unconvertible) {
      throw new ReaderError({
        kind: 'unsupported',
        message: `${path} holds ${unconvertible} values inside a compound, array or variable-length type, which this reader cannot convert`,
      });
    }
    for (const filter of dataset.filters) {
      if (!BUILT_IN_FILTERS.has(filter.id)) {
        throw new ReaderError({
          kind: 'unsupported',
          message: `${path} is compressed with the ${filter.name || 'unknown'} filter (id ${filter.id}), which this reader cannot decode.`,
        });
      }
    }
  }
}

/** Fewest selected elements for which reading chunk column by chunk column pays for the extra slice calls. */
const COLUMN_READ_MIN_ELEMENTS = 65_536;
/** Most chunk columns one read is split into (each is one h5wasm slice, which re-opens the dataset). */
const COLUMN_READ_MAX_COLUMNS = 4_096;

/**
 * A step-1 box of a chunked numeric dataset whose chunks are narrower than the box on an inner axis (JABS stores
 * points in (n, 1, 2, 1) chunks) is read one chunk column at a time and interleaved here. Read as one box, HDF5 in
 * wasm scatters every chunk into the output a few bytes at a time, which measured 3x slower than these column reads
 * plus the JS copy (108k-frame JABS points: 460-770 ms vs 140-260 ms; h5py natively 180-340 ms).
 */
function sliceByChunkColumns(
  dataset: h5.Dataset,
  meta: h5.Metadata,
  ranges: [number, number, number][],
): h5.OutputData | null {
  const columns = chunkColumns(meta, ranges);
  if (!columns) return dataset.slice(ranges);
  const shape = ranges.map((r) => r[1] - r[0]);
  let out: (TypedArrayLike & { constructor: new (n: number) => TypedArrayLike }) | undefined;
  for (const column of columns) {
    const part = dataset.slice(column) as unknown as TypedArrayLike & {
      constructor: new (n: number) => TypedArrayLike;
    };
    if (!ArrayBuffer.isView(part)) return dataset.slice(ranges);
    out ??= new part.constructor(shape.reduce((a, b) => a * b, 1)) as typeof part;
    placeBox(
      part,
      column.map((r) => r[1] - r[0]),
      out,
      shape,
      column.map((r, axis) => r[0] - ranges[axis]![0]),
    );
  }
  return out as unknown as h5.OutputData;
}

/** The chunk-aligned column boxes of `ranges`, or undefined when one read of the whole box is the better way. */
function chunkColumns(meta: h5.Metadata, ranges: [number, number, number][]): [number, number, number][][] | undefined {
  const chunks = meta.chunks;
  if (!chunks || ranges.length < 2 || !isPlainNumeric(meta) || ranges.some((r) => r[2] !== 1 || r[1] <= r[0]))
    return undefined;
  if (ranges.reduce((n, r) => n * (r[1] - r[0]), 1) < COLUMN_READ_MIN_ELEMENTS) return undefined;
  // Per inner axis, the pieces of the selection cut at chunk boundaries.
  const pieces = ranges.slice(1).map(([start, stop], i) => {
    const size = chunks[i + 1]!;
    const out: [number, number, number][] = [];
    for (let at = start; at < stop; at = (Math.floor(at / size) + 1) * size)
      out.push([at, Math.min(stop, (Math.floor(at / size) + 1) * size), 1]);
    return out;
  });
  const count = pieces.reduce((n, p) => n * p.length, 1);
  if (count <= 1 || count > COLUMN_READ_MAX_COLUMNS) return undefined;
  let boxes: [number, number, number][][] = [[ranges[0]!]];
  for (const axisPieces of pieces) boxes = boxes.flatMap((box) => axisPieces.map((piece) => [...box, piece]));
  return boxes;
}

function isPlainNumeric(meta: h5.Metadata): boolean {
  return (meta.type === 0 || meta.type === 1) && !meta.vlen;
}

function emptyValues(meta: h5.Metadata): DatasetValues['values'] {
  if (!isPlainNumeric(meta)) return [];
  if (meta.type === 1) return meta.size === 4 ? new Float32Array(0) : new Float64Array(0);
  return new Uint8Array(0);
}

/**
 * The layout h5wasm's metadata implies when the datatype message cannot be read: IEEE floats (half precision for
 * 2 bytes), full-width integers and bitfields. Long double has several layouts, so it is refused without its message.
 */
function assumedLayout(path: string, meta: h5.Metadata): Datatype {
  const base = {
    version: 1,
    size: meta.size,
    byteOrder: 'little' as const,
    fixedSize: true,
    bits: { offset: 0, precision: meta.size * 8 },
  };
  if (meta.type === H5T_INTEGER) return { ...base, class: TypeClass.FixedPoint, signed: meta.signed };
  if (meta.type === H5T_BITFIELD) return { ...base, class: TypeClass.Bitfield };
  const ieee: Record<number, [number, number, number]> = { 2: [10, 5, 15], 4: [23, 8, 127], 8: [52, 11, 1023] };
  const sizes = ieee[meta.size];
  if (!sizes) {
    throw new ReaderError({
      kind: 'unsupported',
      message: `${path} holds ${meta.size}-byte floats stored in a way this reader cannot decode`,
    });
  }
  const [mantissaSize, exponentSize, exponentBias] = sizes;
  return {
    ...base,
    class: TypeClass.FloatingPoint,
    float: {
      signLocation: meta.size * 8 - 1,
      exponentLocation: mantissaSize,
      exponentSize,
      mantissaLocation: 0,
      mantissaSize,
      exponentBias,
      normalization: 2,
    },
  };
}

/** The name of an HDF5 datatype class (H5T_class_t) for messages. */
export function className(type: number): string {
  const names = [
    'integer',
    'float',
    'time',
    'string',
    'bitfield',
    'opaque',
    'compound',
    'reference',
    'enum',
    'variable-length',
    'array',
  ];
  return names[type] ?? `class ${type}`;
}
