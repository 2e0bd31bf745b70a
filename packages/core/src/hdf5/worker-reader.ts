// Inside the worker: the Hdf5File operations on an open h5wasm File, returning plain values that survive
// postMessage. h5wasm quirks handled here are listed in docs/h5wasm.md §1 and §5.
import * as h5 from 'h5wasm';
import type { ChunkSelection } from './chunk-index.js';
import { dtypeOf, isBoolEnum, type TypeMetadata } from './dtype.js';
import { extractFromBlock, placeBox, resolveSelection, type ResolvedDim, type TypedArrayLike } from './selection.js';
import type { AttrValue, CompoundMember, DatasetInfo, DatasetValues, Hdf5Node, Slice } from './types.js';
import { ReaderError } from './reader-error.js';
import type { FormatFile, RawRead } from './format/file-bytes.js';
import { readDatasetStorage } from './format/storage.js';
import { readSuperblock } from './format/superblock.js';
import type { DatasetStorage } from './format/storage-types.js';


// Filters built into h5wasm (deflate, shuffle, fletcher32, szip, nbit, scaleoffset: docs/h5wasm.md §1 "Filters").
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
}

/** The operations of one open file. */
export class FileReader {
  private readonly module: typeof h5.Module;
  private readonly decoded = new Map<string, { values: TypedArrayLike & { byteLength: number }; rows: [number, number] }>();
  private decodedBytes = 0;
  private readonly storages = new Map<string, DatasetStorage>();
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
      .map((name) => this.describe(join(where, name)))
      .filter((n): n is Hdf5Node => n !== null);
  }

  /** Every object once (hard links to a seen object skipped), plus links reported as links. */
  walk(): Hdf5Node[] {
    const seen = new Set<string>();
    const nodes: Hdf5Node[] = [];
    for (const name of this.module.get_names(this.file.file_id, '/', true)) {
      const node = this.describe(`/${name}`);
      if (!node) continue;
      if (node.kind === 'group' || node.kind === 'dataset' || node.kind === 'datatype') {
        // An object reference holds the object's address: equal bytes mean the same object (a hard link).
        const key = hex(this.module.create_object_reference(this.file.file_id, node.path));
        if (seen.has(key)) continue;
        seen.add(key);
      }
      nodes.push(node);
    }
    return nodes;
  }

  /** What is at `path`, or null. */
  node(path: string): Hdf5Node | null {
    const where = normalize(path);
    if (where === '/') return { path: '/', kind: 'group' };
    return this.linkExists(where) ? this.describe(where) : null;
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
      return { path: where, kind: 'dataset', shape: meta.shape, dtype: dtypeOf(meta) };
    }
    return null;
  }

  /** Attributes of the object at `path`, decoded. */
  attrs(path: string): Record<string, AttrValue> {
    const where = normalize(path);
    const entity = this.object(where);
    const out: Record<string, AttrValue> = {};
    for (const [name, attribute] of Object.entries(entity.attrs)) {
      const meta = attribute.metadata;
      if (meta.type === 1 && meta.size === 2) {
        out[name] = null; // float16 attributes cannot be decoded by h5wasm 0.10.3; report them without a value
        continue;
      }
      const value = this.decode(attribute.value, meta, attribute.shape);
      // h5wasm returns a one-element array for a scalar reference; a scalar stays a scalar.
      out[name] = attribute.shape?.length === 0 && Array.isArray(value) && value.length === 1 ? value[0]! : value;
    }
    return out;
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
      dtype: dtypeOf(meta),
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
    const format = this.formatFile();
    // An object reference is the object header's address (relative to the superblock), 8 bytes little-endian.
    const reference = Uint8Array.from(this.module.create_object_reference(this.file.file_id, where));
    const address = reference.reduceRight((n, byte) => n * 256 + byte, 0);
    const storage = readDatasetStorage(format, address);
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
    const dtype = dtypeOf(meta);
    this.checkReadable(where, entity, meta);
    if (meta.shape === null) return { shape: [0], dtype, values: [] };
    if (meta.shape.length === 0) {
      if (selection && selection.length > 0) throw new ReaderError({ kind: 'invalid-input', message: `${where} is a scalar and takes no selection.` });
      const value = entity.value;
      return { shape: [], dtype, values: this.values(value === null ? [] : Array.isArray(value) ? value : [value], meta) };
    }
    const resolved = resolveSelection(meta.shape, selection);
    const bytes = resolved.count * meta.size;
    if (bytes > this.options.readLimitBytes) {
      throw new ReaderError({
        kind: 'too-large',
        message: `Reading ${where} this way needs ${bytes} bytes, more than the ${this.options.readLimitBytes}-byte limit; read a smaller selection.`,
        bytes,
        limit: this.options.readLimitBytes,
      });
    }
    if (resolved.count === 0) return { shape: resolved.shape, dtype, values: emptyValues(meta) };
    const cached = this.readThroughDecodedCache(where, entity, meta, resolved.dims, resolved.count);
    if (cached) return { shape: resolved.shape, dtype, values: cached };
    const raw = this.sliceWatched(entity, meta, resolved.dims.map((d) => [d.start, d.stop, d.step]));
    const values = this.values(raw, meta);
    if (meta.compound_type?.members.some((m) => m.type === 7)) this.fillCompoundReferences(where, meta, resolved.dims, values as AttrValue[]);
    return { shape: resolved.shape, dtype, values };
  }

  /**
   * Every h5wasm slice() re-opens the dataset and re-inflates its chunks (docs/h5wasm.md §5.5), so windows of a
   * chunked numeric dataset are read as whole chunk rows once and cut out in JS; a view re-reading the same rows costs
   * nothing.
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

  private checkReadable(path: string, dataset: h5.Dataset, meta: h5.Metadata): void {
    if (meta.type === 1 && meta.size === 2) {
      throw new ReaderError({ kind: 'unsupported', message: `${path} holds float16 values, which this version of the HDF5 engine cannot decode.` });
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
    let flat: AttrValue[];
    if (ArrayBuffer.isView(value)) {
      const bool = isBoolEnum(meta as TypeMetadata);
      flat = Array.from(value as unknown as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? safeNumber(v) : bool ? v !== 0 : v));
    } else {
      const member = meta.compound_type ? undefined : meta.array_type ?? meta.vlen_type ?? meta;
      flat = (value as h5.OutputData[]).map((v) => this.decode(v, member ?? meta, null));
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
