// Dataset reads that bypass HDF5 when they can: a numeric dataset stored in chunks with the filters h5py and pynwb
// write (deflate, shuffle, fletcher32) or stored contiguously, read as a step-1 box. Its storage plan (from the file
// format itself, format/) and its description (dtype) are asked once per path; the chunks are fetched through the
// file's own byte source and inflated off the main thread. Everything else answers `undefined` so the caller reads
// it through HDF5 as before: other filters, non-numeric types, steps, scalars, selections HDF5 would reject (its
// typed error stays the one the user sees), reads over the size limit.
import { CorruptFileError, EmberError } from '../../errors.js';
import type { DatasetStorage } from '../format/storage-types.js';
import { resolveSelection } from '../shared/selection.js';
import type { DatasetValues, Dtype, Hdf5Node, Slice } from '../types.js';
import { ChunkDecodeError, DECODABLE_FILTERS } from './decode-chunk.js';
import { readChunkedBox, type ChunkedPlan, type ChunkIo, type NumericArray } from './read-chunked.js';

/** What the direct reader asks of the file and how it reaches the bytes. */
export interface DirectReadDeps {
  /** The path or URL of the file, for error messages. */
  location: string;
  /** What is at a path (kind, shape, dtype): cheap, unlike dataset() it does not read the storage plan. */
  node(path: string): Promise<Hdf5Node | null>;
  storage(path: string): Promise<DatasetStorage>;
  io: ChunkIo;
  readLimitBytes: number;
  /**
   * A storage plan lists every chunk of a dataset, so getting one reads the dataset's whole chunk index, where HDF5
   * reads only the index nodes on the way to the chunks it needs. Before a plan is known, a read goes direct only
   * when it selects at least 1/`planCostFactor` of the dataset (or the dataset is at most `smallBytes`): a small
   * window of a remote dataset is left to HDF5 (default 4 and 0: remote bytes cost most, and a dataset of few bytes
   * may still have thousands of chunks, e.g. JABS contours stored one frame per chunk).
   */
  planCostFactor?: number;
  smallBytes?: number;
}

type NumericKind = {
  new (n: number): NumericArray;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): NumericArray;
};

// What h5wasm returns for each numeric dtype (bool, an enum of int8 in h5py files, comes back as Uint8Array:
// reader/file-reader.ts `values`).
const ARRAY_OF: Partial<Record<Dtype, { kind: NumericKind; size: number }>> = {
  int8: { kind: Int8Array, size: 1 },
  uint8: { kind: Uint8Array, size: 1 },
  bool: { kind: Uint8Array, size: 1 },
  int16: { kind: Int16Array, size: 2 },
  uint16: { kind: Uint16Array, size: 2 },
  int32: { kind: Int32Array, size: 4 },
  uint32: { kind: Uint32Array, size: 4 },
  int64: { kind: BigInt64Array, size: 8 },
  uint64: { kind: BigUint64Array, size: 8 },
  float32: { kind: Float32Array, size: 4 },
  float64: { kind: Float64Array, size: 8 },
};

interface Eligible {
  storage: DatasetStorage;
  /** Chunked layout: the plan, built once. */
  chunked?: ChunkedPlan;
}

/** Reads of one open file that skip HDF5 when the dataset allows it. */
export class DirectReads {
  private readonly nodes = new Map<string, Promise<Hdf5Node | null>>();
  private readonly plans = new Map<string, Promise<Eligible | undefined>>();

  constructor(private readonly deps: DirectReadDeps) {}

  /**
   * The values of `selection`, or undefined when this read must go through HDF5. `force` is for reads HDF5 cannot do
   * (a filter it lacks, such as lzf): steps are taken too (the bounding box is read, then picked), whatever the cost.
   */
  async read(
    path: string,
    selection: Slice[] | undefined,
    options: { force?: boolean } = {},
  ): Promise<DatasetValues | undefined> {
    const force = options.force === true;
    const where = normalizePath(path);
    const node = await cached(this.nodes, where, () => this.deps.node(where).catch(() => null));
    const array = node?.kind === 'dataset' && node.dtype ? ARRAY_OF[node.dtype] : undefined;
    if (!node || !array || !node.shape || node.shape.length === 0) return undefined;
    let resolved;
    try {
      resolved = resolveSelection(node.shape, selection);
    } catch {
      return undefined;
    }
    const stepped = resolved.dims.some((d) => d.step !== 1);
    if (resolved.count === 0 || (stepped && !force)) return undefined;
    const box = {
      start: resolved.dims.map((d) => d.start),
      count: resolved.dims.map((d) => (d.count - 1) * d.step + 1),
    };
    const boxCount = box.count.reduce((a, b) => a * b, 1);
    if (boxCount * array.size > this.deps.readLimitBytes) return undefined;
    if (!force && !this.plans.has(where)) {
      const total = node.shape.reduce((a, b) => a * b, 1);
      const worth =
        total * array.size <= (this.deps.smallBytes ?? 0) || resolved.count * (this.deps.planCostFactor ?? 4) >= total;
      if (!worth) return undefined;
    }
    const dataset = await cached(this.plans, where, () => this.inspect(where, node.shape!, array.size));
    if (!dataset) return undefined;

    // Decoder threads write into shared memory, and the values are handed out there: a typed array like any other,
    // only its .buffer is a SharedArrayBuffer (copying 63 MB of a large NWB's pose series out again cost ~15-30 ms
    // and as much again in garbage collection per extraction).
    const shared = this.deps.io.run !== undefined && dataset.storage.filters.length > 0;
    const out = shared
      ? new array.kind(new SharedArrayBuffer(boxCount * array.size) as unknown as ArrayBuffer, 0, boxCount)
      : new array.kind(boxCount);
    let plan = dataset.chunked;
    if (!plan) {
      // Contiguous: the box's rows as a dataset of their own, held in one unfiltered chunk.
      plan = contiguousRows(dataset.storage, box.start[0]!, box.count[0]!);
      box.start[0] = 0;
    }
    try {
      await readChunkedBox(plan, box, out, this.deps.io);
    } catch (error) {
      if (error instanceof ChunkDecodeError) {
        throw new CorruptFileError(
          `${this.deps.location} is truncated or damaged (${where}: ${error.message}).`,
          this.deps.location,
          { cause: error },
        );
      }
      // The source's own typed errors (a failed fetch) pass as they are; anything else (a local read failing in a
      // decoder thread) still names the file.
      if (error instanceof EmberError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new CorruptFileError(`Reading ${where} of ${this.deps.location} failed (${message}).`, this.deps.location, {
        cause: error,
      });
    }
    const values = stepped
      ? pickSteps(
          out,
          box.count,
          resolved.dims.map((d) => d.step),
          resolved.dims.map((d) => d.count),
          array.kind,
        )
      : out;
    return { shape: resolved.shape, dtype: node.dtype!, values };
  }

  /** The storage plan of `path` when it can be read directly; any failure to get one means "through HDF5". */
  private async inspect(path: string, shape: number[], size: number): Promise<Eligible | undefined> {
    let storage: DatasetStorage;
    try {
      storage = await this.deps.storage(path);
    } catch {
      return undefined;
    }
    if (storage.elementSize !== size || !storage.fixedSize || (size > 1 && storage.byteOrder === 'none'))
      return undefined;
    // Packed or non-IEEE numbers (N-bit, float16...) need converting: HDF5's path (reader/file-reader.ts) does that.
    if (!storage.nativeNumbers) return undefined;
    if (!storage.shape || storage.shape.join(',') !== shape.join(',')) return undefined;
    if (storage.filters.some((f) => !DECODABLE_FILTERS.has(f.id))) return undefined;
    if (storage.layout === 'chunked') {
      // Unfiltered edge chunks would fail to inflate here; HDF5 knows to skip their filters.
      if (storage.unfilteredEdges && storage.filters.length > 0) return undefined;
      if (!storage.chunks || !storage.chunkShape || storage.chunkShape.length !== storage.shape.length)
        return undefined;
      const chunked: ChunkedPlan = {
        shape: storage.shape,
        chunkShape: storage.chunkShape,
        filters: storage.filters,
        elementSize: storage.elementSize,
        byteOrder: storage.byteOrder,
        chunks: storage.chunks,
        fillValue: storage.fillValue,
      };
      return { storage, chunked };
    }
    const bytes = storage.shape.reduce((a, b) => a * b, 1) * storage.elementSize;
    // Storage smaller than the dataspace says is damage that HDF5 reports: leave it to HDF5.
    if (
      storage.layout === 'contiguous' &&
      storage.filters.length === 0 &&
      storage.contiguous !== undefined &&
      (storage.contiguous?.size ?? bytes) >= bytes
    ) {
      return { storage };
    }
    return undefined;
  }
}

function cached<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * The rows [from, from + rows) of a contiguous dataset as a dataset of their own stored in one unfiltered chunk, so a
 * window reads only its rows; storage not allocated yet (no address) reads as the fill value.
 */
function contiguousRows(storage: DatasetStorage, from: number, rows: number): ChunkedPlan {
  const inner = storage.shape!.slice(1);
  const rowBytes = inner.reduce((a, b) => a * b, 1) * storage.elementSize;
  const place = storage.contiguous;
  return {
    shape: [rows, ...inner],
    chunkShape: [rows, ...inner],
    filters: [],
    elementSize: storage.elementSize,
    byteOrder: storage.byteOrder,
    chunks: place
      ? [
          {
            offsets: [0, ...inner.map(() => 0)],
            address: place.address + from * rowBytes,
            size: rows * rowBytes,
            filterMask: 0,
          },
        ]
      : [],
    fillValue: storage.fillValue,
  };
}

/** `/a/b` form of a user path, as the worker normalises it (reader/file-reader.ts `normalize`, which loads h5wasm). */
function normalizePath(path: string): string {
  return `/${path
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .join('/')}`;
}

/** Every `steps[d]`-th element of a C-order box of shape `boxCount`, `counts[d]` of them per dimension. */
export function pickSteps(
  box: NumericArray,
  boxCount: number[],
  steps: number[],
  counts: number[],
  kind: NumericKind,
): NumericArray {
  const rank = boxCount.length;
  const strides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1]! * boxCount[d + 1]!;
  const total = counts.reduce((a, b) => a * b, 1);
  const out = new kind(total);
  const index = new Array<number>(rank).fill(0);
  const last = rank - 1;
  const innerStride = steps[last]! * strides[last]!;
  for (let o = 0; o < total;) {
    let base = 0;
    for (let d = 0; d < last; d++) base += index[d]! * steps[d]! * strides[d]!;
    // The innermost dimension in one loop, then the odometer moves the outer ones.
    for (let k = 0; k < counts[last]!; k++, o++)
      (out as Float64Array)[o] = (box as Float64Array)[base + k * innerStride]!;
    for (let d = last - 1; d >= 0; d--) {
      if (++index[d]! < counts[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}
