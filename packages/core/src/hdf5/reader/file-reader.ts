// Inside the worker: the Hdf5File operations on an open h5wasm File, returning plain values that survive
// postMessage. h5wasm quirks handled here are listed in ../shared/reference/h5wasm.md §1 and §5.
import * as h5 from 'h5wasm';
import type { ChunkSelection } from '../shared/chunk-index.js';
import { dtypeOf, isBoolEnum, type TypeMetadata } from '../shared/dtype.js';
import { extractFromBlock, placeBox, resolveSelection, type ResolvedDim, type TypedArrayLike } from '../shared/selection.js';
import type { AttrValue, CompoundMember, DatasetInfo, DatasetValues, Dtype, Hdf5Node, Slice } from '../types.js';
import { ReaderError } from '../shared/reader-error.js';
import type { FormatFile, RawRead } from '../format/file-bytes.js';
import { readDatasetStorage } from '../format/storage.js';
import { readSuperblock } from '../format/superblock.js';
import type { DatasetStorage } from '../format/storage-types.js';
import { TypeClass, type Datatype } from '../format/datatype.js';
import { readContiguousAddress, readDatasetType, readStoredAttribute } from '../format/object-types.js';
import { classifyHdf5Error } from '../shared/hdf5-errors.js';
import { convertNumbers, describeType, dtypeOfLayout, isConvertibleNumber, isNativeLayout } from '../format/numbers.js';


// Filters built into h5wasm (deflate, shuffle, fletcher32, szip, nbit, scaleoffset: h5wasm.md §1 "Filters").
const BUILT_IN_FILTERS = new Set([1, 2, 3, 4, 5, 6]);

/** Options of the reader. */
export interface ReaderOptions {
  readLimitBytes: number;
  decodedCacheBytes: number;
  /** Told which chunks of which box a dataset read will touch (undefined when the read is over). */
  onChunkedRead?: (selection: ChunkSelection | undefined) => void;
  /**
   * Raw bytes of the file for reading its format directly (storage()). By default they are read from the file's
   * MEMFS node, whose reads every engine serves as it serves HDF5's (block cache, blocking fetch, or cache-only read
   * that fails on a miss so the call is retried), so a remote file reads the same way here.
   */
  raw?: { read: RawRead; size: number };
  /** Told the raw ranges storage() is about to read one by one, so a remote engine can fetch them together. */
  prefetchRaw?: (ranges: [number, number][]) => void;
  /**
   * True when the byte source failed (or, in the edge engine, missed its cache) during the current call: a failure
   * caught to mark one object or attribute unreadable is then rethrown, so the engine reports or retries it.
   */
  sourceFailed?: () => boolean;
  /**
   * Asked, before HDF5 reads a contiguous dataset, whether these raw ranges can be read without a miss; false fails
   * the call so the engine fetches them and runs it again. Engines whose reads can miss (the edge engine) need it:
   * a read HDF5 starts and fails leaves its data sieve buffer holding zeros for the range, and since the failed
   * H5Dread skips h5wasm's H5Dclose, the next H5Dopen2 of that dataset returns the same stale buffer (measured:
   * vlen_string_s390x.h5 /DSBEfloat read as zeros).
   */
  ensureRaw?: (ranges: [number, number][]) => boolean;
}

/** The operations of one open file. */
export class FileReader {
  private readonly module: typeof h5.Module;
  private readonly decoded = new Map<string, { values: TypedArrayLike & { byteLength: number }; rows: [number, number] }>();
  private decodedBytes = 0;
  private readonly storages = new Map<string, DatasetStorage>();
  private readonly datatypes = new Map<string, Datatype | undefined>();
  private readonly contiguous = new Map<string, number | undefined>();
  private format: FormatFile | undefined;

  constructor(
    private readonly file: h5.File,
    private readonly options: ReaderOptions,
  ) {
    this.module = h5.Module;
  }

  /** Children of the group at `path`. */
  list(path: string): Hdf5Node[] {
    const where = normalize(path);
    const node = this.node(where);
    if (!node) throw notFound(where);
    // A soft link to a group lists like the group (HDF5 resolves the link inside the path).
    const isGroup = node.kind === 'group' || (node.kind === 'soft-link' && this.module.get_type(this.file.file_id, where) === this.module.H5G_GROUP);
    if (!isGroup) throw new ReaderError({ kind: 'invalid-input', message: `${where} is a ${node.kind}, not a group.` });
    const group = this.file.get(where) as h5.Group;
    return group
      .keys()
      .map((name) => this.describeOrMark(join(where, name)))
      .filter((n): n is Hdf5Node => n !== null);
  }

  /**
   * Every object once (hard links to a seen object skipped, a link back to the root too), plus links reported as
   * links; an object that cannot be opened is listed as 'unreadable' with its error, as h5py fails on it alone.
   */
  walk(): Hdf5Node[] {
    // An object reference holds the object's address: equal bytes mean the same object (a hard link).
    const seen = new Set<string>([this.objectKey('/')]);
    const nodes: Hdf5Node[] = [];
    for (const path of this.allLinkPaths()) {
      const node = this.describeOrMark(path);
      if (!node) continue;
      if (node.kind === 'group' || node.kind === 'dataset' || node.kind === 'datatype') {
        const key = this.objectKey(node.path);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      nodes.push(node);
    }
    return nodes;
  }

  private objectKey(path: string): string {
    return hex(this.module.create_object_reference(this.file.file_id, path));
  }

  /**
   * Every link path under the root, depth first. HDF5 lists them in one H5Lvisit call, which stops at the first
   * object it cannot open (an unknown "fail if unknown" header message); then the groups are listed one by one,
   * each group entered once, so only the bad object is lost.
   */
  private allLinkPaths(): string[] {
    try {
      return this.module.get_names(this.file.file_id, '/', true).map((name) => `/${name}`);
    } catch (error) {
      this.rethrowSourceFailure(error);
    }
    const paths: string[] = [];
    const entered = new Set<string>([this.objectKey('/')]);
    const visit = (group: string): void => {
      for (const name of this.module.get_names(this.file.file_id, group, false)) {
        const path = join(group, name);
        paths.push(path);
        let key: string;
        try {
          if (this.module.get_symbolic_link(this.file.file_id, path)) continue; // soft links are not followed
          if (this.module.get_type(this.file.file_id, path) !== this.module.H5G_GROUP) continue;
          key = this.objectKey(path);
        } catch (error) {
          this.rethrowSourceFailure(error);
          continue;
        }
        if (entered.has(key)) continue;
        entered.add(key);
        visit(path);
      }
    };
    visit('/');
    return paths;
  }

  /** describe(), or the entry marked unreadable with the reason when HDF5 cannot open what is there. */
  private describeOrMark(where: string): Hdf5Node | null {
    try {
      return this.describe(where);
    } catch (error) {
      this.rethrowSourceFailure(error);
      const reason = sentence(error);
      let target = '';
      try {
        target = this.module.get_symbolic_link(this.file.file_id, where);
      } catch {
        // not even the link can be read: report the entry as unreadable
      }
      // A soft link that cannot be resolved (e.g. one that points at itself) is a broken link.
      if (target) return { path: where, kind: 'broken-link', target, error: reason };
      return { path: where, kind: 'unreadable', error: reason };
    }
  }

  /** A failure of the byte source must reach the engine (to report or retry), not mark an object unreadable. */
  private rethrowSourceFailure(error: unknown): void {
    if (this.options.sourceFailed?.()) throw error;
  }

  /** What is at `path`, or null. */
  node(path: string): Hdf5Node | null {
    const where = normalize(path);
    if (where === '/') return { path: '/', kind: 'group' };
    return this.linkExists(where) ? this.describeOrMark(where) : null;
  }

  /** The node at a path known to be a link in its group. */
  private describe(where: string): Hdf5Node | null {
    const fileId = this.file.file_id;
    const type = this.module.get_type(fileId, where);
    if (type === this.module.H5G_LINK) return { path: where, kind: 'broken-link', target: this.module.get_symbolic_link(fileId, where) };
    if (type === this.module.H5G_UDLINK) {
      const link = this.module.get_external_link(fileId, where);
      return { path: where, kind: 'external-link', target: `${link.filename}:${link.obj_path}` };
    }
    const soft = this.module.get_symbolic_link(fileId, where);
    if (soft) return { path: where, kind: 'soft-link', target: soft };
    if (type === this.module.H5G_GROUP) return { path: where, kind: 'group' };
    if (type === this.module.H5G_TYPE) return { path: where, kind: 'datatype' };
    if (type === this.module.H5G_DATASET) {
      const meta = this.module.get_dataset_metadata(fileId, where);
      return { path: where, kind: 'dataset', shape: meta.shape, dtype: this.dtypeOfDataset(where, meta) };
    }
    return null;
  }

  /**
   * The dtype h5py names: floats from their bit layout (an N-bit float32 may be float64 in h5py), others by size.
   * Only floats pay for reading the datatype message (cached; the header is in the block cache after HDF5 read it).
   */
  private dtypeOfDataset(where: string, meta: h5.Metadata): Dtype {
    if (meta.type !== H5T_FLOAT) return dtypeOf(meta as TypeMetadata);
    const type = this.datasetType(where);
    return type ? dtypeOfLayout(type) : dtypeOf(meta as TypeMetadata);
  }

  /**
   * Attributes of the object at `path`, decoded. One that cannot be read is `{ error }` with the reason; the others
   * still read (h5py fails only when that one attribute is asked for).
   */
  attrs(path: string): Record<string, AttrValue> {
    const where = normalize(path);
    this.object(where);
    const out: Record<string, AttrValue> = {};
    for (const name of this.module.get_attribute_names(this.file.file_id, where)) {
      try {
        out[name] = this.attribute(where, name);
      } catch (error) {
        this.rethrowSourceFailure(error);
        out[name] = { error: `The attribute ${name} of ${where} cannot be read: ${sentence(error)}` };
      }
    }
    return out;
  }

  private attribute(where: string, name: string): AttrValue {
    const meta = this.module.get_attribute_metadata(this.file.file_id, where, name);
    // What h5wasm cannot convert or would return as raw bits: non-IEEE floats (float16, long double), bitfields and
    // big-endian enums (HDF5 refuses to change an enum's byte order after its members are set). Read these from the
    // attribute message and convert here.
    const needsOwnDecoding =
      (meta.type === H5T_FLOAT && meta.size !== 4 && meta.size !== 8) || meta.type === H5T_BITFIELD || (meta.type === H5T_ENUM && !meta.littleEndian);
    if (needsOwnDecoding) return this.storedAttribute(where, name);
    const attribute = new h5.Attribute(this.file.file_id, where, name);
    const value = this.decode(attribute.value, meta, attribute.shape);
    // h5wasm returns a one-element array for a scalar reference; a scalar stays a scalar.
    return attribute.shape?.length === 0 && Array.isArray(value) && value.length === 1 ? value[0]! : value;
  }

  /** An attribute of a plain numeric or enum type decoded from its message in the object header. */
  private storedAttribute(where: string, name: string): AttrValue {
    const stored = readStoredAttribute(this.formatFile(), this.objectAddress(where), name);
    if (stored.shape === null) return null;
    const count = stored.shape.reduce((n, d) => n * d, 1);
    const isEnum = stored.type.class === TypeClass.Enumerated;
    const numberType = isEnum ? stored.type.base : stored.type;
    if (!numberType || !isConvertibleNumber(numberType)) {
      throw new ReaderError({ kind: 'unsupported', message: `it holds ${describeType(stored.type)} values, which this reader cannot decode` });
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

  /** The object header address of the object at `where` (an object reference is that address, little-endian). */
  private objectAddress(where: string): number {
    const reference = Uint8Array.from(this.module.create_object_reference(this.file.file_id, where));
    return reference.reduceRight((n, byte) => n * 256 + byte, 0);
  }

  /** Dataset description. */
  dataset(path: string): DatasetInfo {
    const where = normalize(path);
    const entity = this.object(where);
    if (!(entity instanceof h5.Dataset)) throw new ReaderError({ kind: 'invalid-input', message: `${where} is not a dataset.` });
    const meta = entity.metadata;
    const info: DatasetInfo = {
      path: where,
      shape: meta.shape,
      dtype: this.dtypeOfDataset(where, meta),
      itemSize: meta.size,
      chunks: meta.chunks,
      filters: entity.filters.map((f) => ({ id: f.id, name: f.name })),
    };
    if (meta.compound_type) info.members = meta.compound_type.members.map(memberOf);
    if (meta.enum_type) info.enumValues = { ...meta.enum_type.members };
    const storage = this.storageIfReadable(where);
    if (storage) {
      info.fillValue = storage.fillValue;
      info.storageSize = storage.storageSize;
    }
    return info;
  }

  /** Where and how the dataset's raw data is stored, read from the file format (cached per path). */
  storage(path: string): DatasetStorage {
    const where = normalize(path);
    const cached = this.storages.get(where);
    if (cached) return cached;
    const entity = this.object(where);
    if (!(entity instanceof h5.Dataset)) throw new ReaderError({ kind: 'invalid-input', message: `${where} is not a dataset.` });
    const storage = readDatasetStorage(this.formatFile(), this.objectAddress(where));
    this.storages.set(where, storage);
    return storage;
  }

  /** storage(), or undefined when the file stores it in a way the format reader does not follow (damage still throws). */
  private storageIfReadable(path: string): DatasetStorage | undefined {
    try {
      return this.storage(path);
    } catch (error) {
      if (error instanceof ReaderError && error.detail.kind === 'unsupported') return undefined;
      throw error;
    }
  }

  private formatFile(): FormatFile {
    if (this.format) return this.format;
    const raw = this.options.raw ?? memfsRaw(this.module, this.file.filename);
    this.format = readSuperblock(raw.read, raw.size, this.options.prefetchRaw);
    return this.format;
  }

  /** Values of the whole dataset or of a selection. */
  read(path: string, selection: Slice[] | undefined): DatasetValues {
    const where = normalize(path);
    const entity = this.object(where);
    if (!(entity instanceof h5.Dataset)) throw new ReaderError({ kind: 'invalid-input', message: `${where} is not a dataset.` });
    const meta = entity.metadata;
    this.checkReadable(where, entity, meta);
    const layout = this.numberLayout(where, meta);
    const dtype = layout ? dtypeOfLayout(layout) : dtypeOf(meta as TypeMetadata);
    if (meta.shape === null) return { shape: [0], dtype, values: [] };
    this.ensureContiguousBytes(where, meta, selection);
    if (layout) return this.readConverted(where, meta, layout, selection);
    if (meta.shape.length === 0) {
      if (selection && selection.length > 0) throw new ReaderError({ kind: 'invalid-input', message: `${where} is a scalar and takes no selection.` });
      const value = entity.value;
      return { shape: [], dtype, values: this.values(value === null ? [] : Array.isArray(value) ? value : [value], meta) };
    }
    const resolved = resolveSelection(meta.shape, selection);
    this.checkLimit(where, resolved.count * meta.size);
    if (resolved.count === 0) return { shape: resolved.shape, dtype, values: emptyValues(meta) };
    const cached = this.readThroughDecodedCache(where, entity, meta, resolved.dims, resolved.count);
    if (cached) return { shape: resolved.shape, dtype, values: cached };
    const raw = this.sliceWatched(entity, meta, resolved.dims.map((d) => [d.start, d.stop, d.step]));
    const values = this.values(raw, meta);
    if (meta.compound_type?.members.some((m) => m.type === 7)) this.fillCompoundReferences(where, meta, resolved.dims, values as AttrValue[]);
    return { shape: resolved.shape, dtype, values };
  }

  /**
   * Every h5wasm slice() re-opens the dataset and re-inflates its chunks (h5wasm.md §5.5), so windows of a chunked
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
    const rows: [number, number] = [Math.floor(dim0.start / chunkRows) * chunkRows, Math.min(shape[0]!, (Math.floor(lastRow / chunkRows) + 1) * chunkRows)];
    const blockBytes = (rows[1] - rows[0]) * rowElements * meta.size;
    // Only worth it when the aligned block is not much bigger than what was asked for, and small enough to keep.
    if (blockBytes > this.options.decodedCacheBytes / 4 || blockBytes > 4 * count * meta.size + 4 * chunkRows * rowElements * meta.size) return undefined;
    const key = `${path}\u0000${rows[0]}:${rows[1]}`;
    let entry = this.decoded.get(key);
    if (entry) {
      this.decoded.delete(key);
      this.decoded.set(key, entry);
    } else {
      const ranges: [number, number, number][] = [[rows[0], rows[1], 1], ...shape.slice(1).map((n): [number, number, number] => [0, n, 1])];
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
    return this.values(out as unknown as h5.OutputData, meta);
  }

  /**
   * h5wasm returns reference members of compounds as [] (no total_size on the member: h5wasm.md §1 "References").
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
      m.get_dataset_data(this.file.file_id, path, count, dims.map((d) => BigInt(d.start)), dims.map((d) => BigInt(d.step)), BigInt(ptr));
      const bytes = m.HEAPU8.slice(ptr, ptr + nbytes);
      members.forEach((member, column) => {
        if (member.type !== 7) return;
        const isObject = member.ref_type !== 'region';
        rows.forEach((row, i) => {
          if (!Array.isArray(row)) return;
          const at = i * meta.size + member.offset;
          const reference = isObject ? new h5.Reference(bytes.slice(at, at + member.size)) : new h5.RegionReference(bytes.slice(at, at + member.size));
          row[column] = { reference: this.referenceName(reference) };
        });
      });
    } finally {
      if (members.some((member) => member.vlen || member.type === 9)) m.reclaim_vlen_memory_count(this.file.file_id, path, '', BigInt(ptr), count);
      m._free(ptr);
    }
  }

  /** slice(), with the chunk selection announced so the chunks can be fetched together. */
  private sliceWatched(dataset: h5.Dataset, meta: h5.Metadata, ranges: [number, number, number][]): h5.OutputData | null {
    const notify = this.options.onChunkedRead;
    if (!notify || !meta.chunks) return sliceByChunkColumns(dataset, meta, ranges);
    const last = (r: [number, number, number]): number => (r[1] > r[0] ? r[0] + Math.floor((r[1] - r[0] - 1) / r[2]) * r[2] + 1 : r[0]);
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
    const type = this.datasetType(path) ?? assumedLayout(path, meta);
    if (type.class === TypeClass.Bitfield || !isNativeLayout(type)) return type;
    return undefined;
  }

  /** The dataset's datatype message, or undefined when the file keeps it where the format reader does not follow. */
  private datasetType(path: string): Datatype | undefined {
    if (this.datatypes.has(path)) return this.datatypes.get(path);
    let type: Datatype | undefined;
    try {
      type = readDatasetType(this.formatFile(), this.objectAddress(path));
    } catch (error) {
      if (!(error instanceof ReaderError && error.detail.kind === 'unsupported')) throw error;
    }
    this.datatypes.set(path, type);
    return type;
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
    let start = this.contiguous.get(path);
    if (!this.contiguous.has(path)) {
      try {
        start = readContiguousAddress(this.formatFile(), this.objectAddress(path));
      } catch (error) {
        if (!(error instanceof ReaderError && error.detail.kind === 'unsupported')) throw error;
      }
      this.contiguous.set(path, start);
    }
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
  private readConverted(path: string, meta: h5.Metadata, type: Datatype, selection: Slice[] | undefined): DatasetValues {
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
    if (!ptr) throw new ReaderError({ kind: 'too-large', message: `Reading ${path} needs ${nbytes} bytes, more than the HDF5 engine could allocate.`, bytes: nbytes, limit: nbytes });
    try {
      if (dims) {
        const count = dims.map((d) => BigInt(d.count));
        m.get_dataset_data(this.file.file_id, path, count, dims.map((d) => BigInt(d.start)), dims.map((d) => BigInt(d.step)), BigInt(ptr));
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
    if (meta.type === H5T_ENUM && !meta.littleEndian) {
      // HDF5 cannot change an enum's byte order once it has members, which is how h5wasm reads every dataset.
      throw new ReaderError({ kind: 'unsupported', message: `${path} holds big-endian enum values, which this HDF5 engine cannot convert` });
    }
    const unconvertible = this.unconvertibleMember(path, meta);
    if (unconvertible) {
      throw new ReaderError({ kind: 'unsupported', message: `${path} holds ${unconvertible} values inside a compound, array or variable-length type, which this reader cannot convert` });
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

  private object(path: string): h5.Group | h5.Dataset | h5.Datatype {
    if (path !== '/' && !this.linkExists(path)) throw notFound(path);
    const entity = this.file.get(path);
    if (entity instanceof h5.Group || entity instanceof h5.Dataset || entity instanceof h5.Datatype) return entity;
    if (entity instanceof h5.BrokenSoftLink) throw new ReaderError({ kind: 'not-found', message: `${path} is a soft link to ${entity.target}, which does not exist.` });
    if (entity instanceof h5.ExternalLink) {
      throw new ReaderError({ kind: 'unsupported', message: `${path} is a link into another file (${entity.filename}:${entity.obj_path}), which is not followed.` });
    }
    throw notFound(path);
  }

  /** H5Lexists on every prefix, so a missing path is not an HDF5 error (which would read as corruption). */
  private linkExists(path: string): boolean {
    const parts = path.split('/').filter(Boolean);
    let current = '';
    for (const part of parts) {
      const parent = current || '/';
      current = `${current}/${part}`;
      const type = this.module.get_type(this.file.file_id, parent);
      if (type !== this.module.H5G_GROUP) return false;
      const group = new h5.Group(this.file.file_id, parent);
      if (!group.keys().includes(part)) return false;
    }
    return true;
  }

  /** Dataset values in the contract's shape: typed arrays kept, bigint kept, references as paths. */
  private values(raw: h5.OutputData | null, meta: h5.Metadata): DatasetValues['values'] {
    if (raw === null) return [];
    if (ArrayBuffer.isView(raw)) {
      if (isBoolEnum(meta as TypeMetadata) && raw instanceof Int8Array) return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
      return raw as Exclude<DatasetValues['values'], unknown[]>;
    }
    const list = Array.isArray(raw) ? raw : [raw];
    if (meta.type === 3) return list.map((v) => String(v));
    return list.map((v) => this.decode(v, meta, null));
  }

  /** An attribute or element value as AttrValue. */
  private decode(value: h5.OutputData | null, meta: h5.Metadata, shape: number[] | null): AttrValue {
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
      flat = Array.from(value as unknown as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? safeNumber(v) : bool ? v !== 0 : v));
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

  private referenceName(reference: h5.Reference): string {
    const isObject = !(reference instanceof h5.RegionReference);
    try {
      return this.module.get_referenced_name(this.file.file_id, reference.ref_data, isObject);
    } catch {
      return '';
    }
  }
}

interface MemfsStream {
  readonly __brand?: 'stream';
}

/** Emscripten FS calls used to read the file's own node (the same stream_ops.read HDF5's reads go through). */
interface EmscriptenReadFs {
  open(path: string, flags: string): MemfsStream;
  read(stream: MemfsStream, buffer: Uint8Array, offset: number, length: number, position: number): number;
  close(stream: MemfsStream): void;
  stat(path: string): { size: number };
}

function memfsRaw(module: typeof h5.Module, path: string): { read: RawRead; size: number } {
  const fs = module.FS as unknown as EmscriptenReadFs;
  return {
    size: fs.stat(path).size,
    read: (offset, length) => {
      const out = new Uint8Array(length);
      const stream = fs.open(path, 'r');
      try {
        let done = 0;
        while (done < length) {
          const n = fs.read(stream, out, done, length - done, offset + done);
          if (n <= 0) break;
          done += n;
        }
        return done === length ? out : out.subarray(0, done);
      } finally {
        fs.close(stream);
      }
    },
  };
}

function memberOf(member: h5.CompoundMember): CompoundMember {
  const out: CompoundMember = { name: member.name, dtype: dtypeOf(member) };
  const shape = (member as h5.CompoundMember & { array_type?: h5.Metadata }).array_type?.shape ?? member.shape;
  if (shape && shape.length > 0) out.shape = shape;
  return out;
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
function sliceByChunkColumns(dataset: h5.Dataset, meta: h5.Metadata, ranges: [number, number, number][]): h5.OutputData | null {
  const columns = chunkColumns(meta, ranges);
  if (!columns) return dataset.slice(ranges);
  const shape = ranges.map((r) => r[1] - r[0]);
  let out: (TypedArrayLike & { constructor: new (n: number) => TypedArrayLike }) | undefined;
  for (const column of columns) {
    const part = dataset.slice(column) as unknown as TypedArrayLike & { constructor: new (n: number) => TypedArrayLike };
    if (!ArrayBuffer.isView(part)) return dataset.slice(ranges);
    out ??= new part.constructor(shape.reduce((a, b) => a * b, 1)) as typeof part;
    placeBox(part, column.map((r) => r[1] - r[0]), out, shape, column.map((r, axis) => r[0] - ranges[axis]![0]));
  }
  return out as unknown as h5.OutputData;
}

/** The chunk-aligned column boxes of `ranges`, or undefined when one read of the whole box is the better way. */
function chunkColumns(meta: h5.Metadata, ranges: [number, number, number][]): [number, number, number][][] | undefined {
  const chunks = meta.chunks;
  if (!chunks || ranges.length < 2 || !isPlainNumeric(meta) || ranges.some((r) => r[2] !== 1 || r[1] <= r[0])) return undefined;
  if (ranges.reduce((n, r) => n * (r[1] - r[0]), 1) < COLUMN_READ_MIN_ELEMENTS) return undefined;
  // Per inner axis, the pieces of the selection cut at chunk boundaries.
  const pieces = ranges.slice(1).map(([start, stop], i) => {
    const size = chunks[i + 1]!;
    const out: [number, number, number][] = [];
    for (let at = start; at < stop; at = (Math.floor(at / size) + 1) * size) out.push([at, Math.min(stop, (Math.floor(at / size) + 1) * size), 1]);
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

function safeNumber(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}

function reshape(flat: AttrValue[], shape: number[]): AttrValue[] {
  if (shape.length <= 1) return flat;
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  const out: AttrValue[] = [];
  for (let i = 0; i < shape[0]!; i++) out.push(reshape(flat.slice(i * inner, (i + 1) * inner), shape.slice(1)));
  return out;
}

function hex(bytes: Uint8Array): string {
  // Not Buffer: this module also runs in browsers and edge runtimes (the in-process reader).
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `/a/b` form of a user path: leading slash, no trailing or doubled slashes. */
export function normalize(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}

function join(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

function notFound(path: string): ReaderError {
  return new ReaderError({ kind: 'not-found', message: `Nothing exists at ${path} in this file.` });
}

// H5T_class_t values (usnistgov/h5wasm src/hdf5_util_helpers.d.ts).
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_BITFIELD = 4;
const H5T_ENUM = 8;

/**
 * The layout h5wasm's metadata implies when the datatype message cannot be read: IEEE floats (half precision for
 * 2 bytes), full-width integers and bitfields. Long double has several layouts, so it is refused without its message.
 */
function assumedLayout(path: string, meta: h5.Metadata): Datatype {
  const base = { version: 1, size: meta.size, byteOrder: 'little' as const, fixedSize: true, bits: { offset: 0, precision: meta.size * 8 } };
  if (meta.type === H5T_INTEGER) return { ...base, class: TypeClass.FixedPoint, signed: meta.signed };
  if (meta.type === H5T_BITFIELD) return { ...base, class: TypeClass.Bitfield };
  const ieee: Record<number, [number, number, number]> = { 2: [10, 5, 15], 4: [23, 8, 127], 8: [52, 11, 1023] };
  const sizes = ieee[meta.size];
  if (!sizes) {
    throw new ReaderError({ kind: 'unsupported', message: `${path} holds ${meta.size}-byte floats stored in a way this reader cannot decode` });
  }
  const [mantissaSize, exponentSize, exponentBias] = sizes;
  return {
    ...base,
    class: TypeClass.FloatingPoint,
    float: { signLocation: meta.size * 8 - 1, exponentLocation: mantissaSize, exponentSize, mantissaLocation: 0, mantissaSize, exponentBias, normalization: 2 },
  };
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

/** One sentence saying why an HDF5 call failed, from its typed kind's message. */
function sentence(error: unknown): string {
  const message = classifyHdf5Error(error).message.trim().replace(/\.\s*$/, '');
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}
