// Read a box of a chunked dataset without HDF5: from the dataset's storage plan (chunk addresses and sizes, filters,
// element size, byte order), pick the chunks the box touches, fetch them in merged ranges with bounded concurrency,
// decode them (inflate runs where the caller says: node:zlib uses the libuv thread pool, several chunks at once)
// and place each chunk's part of the box into the output. Platform-neutral: bytes and inflate are injected.
import { ChunkDecodeError, decodeChunk, type Inflate, type PipelineStep } from './decode-chunk.js';
import { placeChunk, wordsOf, wordsPerElement, type Box, type Words } from './place-chunk.js';

/** One allocated chunk: its offset in dataset coordinates, where its stored bytes are, which filters were skipped. */
export interface ChunkRecord {
  offsets: number[];
  address: number;
  size: number;
  filterMask: number;
}

/** What this reader needs of a chunked dataset's storage (a subset of format/storage-types.ts DatasetStorage). */
export interface ChunkedPlan {
  shape: number[];
  chunkShape: number[];
  filters: PipelineStep[];
  elementSize: number;
  byteOrder: 'little' | 'big' | 'none';
  /** Every allocated chunk; a chunk of the grid absent here is unallocated and reads as the fill value. */
  chunks: ChunkRecord[];
  fillValue: number | bigint | string | boolean | null;
}

/** Decoded chunks kept across reads, keyed by the chunk's file address. */
export interface DecodedChunkCache {
  get(address: number): Uint8Array | undefined;
  set(address: number, bytes: Uint8Array): void;
}

/** How chunk bytes are fetched and inflated. */
export interface ChunkIo {
  /** Exactly `length` bytes from `offset` (fewer only past the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
  inflate: Inflate;
  /** Told every range about to be read, before the first read (a block cache can fetch them together). */
  prefetch?(ranges: [number, number][]): void;
  /** Merged ranges in flight at once (default 4). */
  concurrency?: number;
  /** Largest gap between two chunks read in one range (default 64 KiB). */
  mergeGapBytes?: number;
  /** Largest merged range (default 4 MiB). */
  maxRangeBytes?: number;
  decodedCache?: DecodedChunkCache;
}

/** Numeric typed arrays the output may be. */
export type NumericArray =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

/** Element sizes this reader places (the numeric ones). */
export function isPlaceableElementSize(size: number): boolean {
  return size === 1 || size === 2 || size === 4 || size === 8;
}

interface GridIndex {
  byCell: Map<string, ChunkRecord>;
}

const gridIndexes = new WeakMap<ChunkedPlan, GridIndex>();

function gridIndex(plan: ChunkedPlan): GridIndex {
  let index = gridIndexes.get(plan);
  if (!index) {
    const byCell = new Map<string, ChunkRecord>();
    for (const chunk of plan.chunks) byCell.set(cellKey(chunk.offsets, plan.chunkShape), chunk);
    index = { byCell };
    gridIndexes.set(plan, index);
  }
  return index;
}

function cellKey(offsets: readonly number[], chunkShape: readonly number[]): string {
  let key = '';
  for (let d = 0; d < offsets.length; d++) key += `${Math.floor(offsets[d]! / chunkShape[d]!)},`;
  return key;
}

/**
 * Fill `out` (C order, shape `box.count`, a typed array of the dataset's element size) with the values of `box`.
 * A chunk that cannot be fetched whole or decoded rejects with ChunkDecodeError (the caller names the file).
 */
export async function readChunkedBox(plan: ChunkedPlan, box: Box, out: NumericArray, io: ChunkIo): Promise<void> {
  const { chunkShape, elementSize } = plan;
  const rank = chunkShape.length;
  const chunkBytes = chunkShape.reduce((a, b) => a * b, 1) * elementSize;
  const outWords = wordsOf(out, elementSize);
  const perElement = wordsPerElement(elementSize);
  const { byCell } = gridIndex(plan);

  // Every grid cell the box touches, split into allocated chunks and unallocated cells.
  const wanted: ChunkRecord[] = [];
  const missing: number[][] = [];
  const first = box.start.map((s, d) => Math.floor(s / chunkShape[d]!));
  const last = box.start.map((s, d) => Math.floor((s + box.count[d]! - 1) / chunkShape[d]!));
  const cell = [...first];
  for (;;) {
    const offsets = cell.map((c, d) => c * chunkShape[d]!);
    const chunk = byCell.get(cellKey(offsets, chunkShape));
    if (chunk) wanted.push(chunk);
    else missing.push(offsets);
    let d = rank - 1;
    for (; d >= 0; d--) {
      if (++cell[d]! <= last[d]!) break;
      cell[d] = first[d]!;
    }
    if (d < 0) break;
  }

  if (missing.length > 0) fillMissing(plan, missing, box, out, outWords, perElement);

  const place = (chunk: ChunkRecord, decoded: Uint8Array): void => {
    let bytes = decoded;
    if (plan.byteOrder === 'big' && elementSize > 1) bytes = swapBytes(bytes, elementSize);
    else if (bytes.byteOffset % Math.min(elementSize, 4) !== 0) bytes = bytes.slice();
    placeChunk(wordsOf(bytes, elementSize), chunkShape, chunk.offsets, outWords, box, perElement);
  };

  const cache = io.decodedCache;
  const toFetch: ChunkRecord[] = [];
  for (const chunk of wanted) {
    const hit = cache?.get(chunk.address);
    if (hit) place(chunk, hit);
    else toFetch.push(chunk);
  }
  if (toFetch.length === 0) return;

  const ranges = mergeRanges(toFetch, io.mergeGapBytes ?? 64 * 1024, io.maxRangeBytes ?? 4 * 1024 * 1024);
  io.prefetch?.(ranges.map((r) => [r.offset, r.length]));
  await forEachLimited(ranges, io.concurrency ?? 4, async (range) => {
    const bytes = await io.read(range.offset, range.length);
    await Promise.all(
      range.chunks.map(async (chunk) => {
        const from = chunk.address - range.offset;
        if (from + chunk.size > bytes.length) throw new ChunkDecodeError(`${describe(chunk)} lies past the end of the file`);
        const stored = bytes.subarray(from, from + chunk.size);
        let decoded: Uint8Array;
        try {
          decoded = await decodeChunk(stored, plan.filters, chunk.filterMask, elementSize, chunkBytes, io.inflate);
        } catch (error) {
          if (error instanceof ChunkDecodeError) throw new ChunkDecodeError(`${describe(chunk)}: ${error.message}`, { cause: error });
          throw error;
        }
        // Unfiltered chunks are views into the fetched range: keep a copy, not the whole range, in the cache.
        cache?.set(chunk.address, decoded === stored ? stored.slice() : decoded);
        place(chunk, decoded);
      }),
    );
  });
}

function describe(chunk: ChunkRecord): string {
  return `the chunk at [${chunk.offsets.join(', ')}] (${chunk.size} bytes at ${chunk.address})`;
}

interface MergedRange {
  offset: number;
  length: number;
  chunks: ChunkRecord[];
}

/** Chunks sorted by address and grouped into ranges: small gaps are read through, no range grows past `maxBytes`. */
export function mergeRanges(chunks: readonly ChunkRecord[], gapBytes: number, maxBytes: number): MergedRange[] {
  const sorted = [...chunks].sort((a, b) => a.address - b.address);
  const ranges: MergedRange[] = [];
  let current: MergedRange | undefined;
  for (const chunk of sorted) {
    const end = chunk.address + chunk.size;
    if (current && chunk.address - (current.offset + current.length) <= gapBytes && end - current.offset <= maxBytes) {
      current.length = Math.max(current.length, end - current.offset);
      current.chunks.push(chunk);
    } else {
      current = { offset: chunk.address, length: chunk.size, chunks: [chunk] };
      ranges.push(current);
    }
  }
  return ranges;
}

/** Run `task` on every item with at most `limit` at once; the first failure rejects (the rest are still awaited). */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
}

/** Unallocated cells read as the fill value: zero needs nothing (a new typed array is zeroed). */
function fillMissing(plan: ChunkedPlan, missing: number[][], box: Box, out: NumericArray, outWords: Words, perElement: number): void {
  const value = plan.fillValue;
  if (value === null || value === 0 || value === false || value === 0n || typeof value === 'string') return;
  const elements = plan.chunkShape.reduce((a, b) => a * b, 1);
  const Kind = out.constructor as new (n: number) => NumericArray;
  const filled = new Kind(elements);
  if (filled instanceof BigInt64Array || filled instanceof BigUint64Array) filled.fill(typeof value === 'bigint' ? value : BigInt(Number(value)));
  else (filled as Float64Array).fill(Number(value));
  const words = wordsOf(filled, plan.elementSize);
  for (const offsets of missing) placeChunk(words, plan.chunkShape, offsets, outWords, box, perElement);
}

/** A copy of `bytes` with each element's bytes reversed (big-endian file, little-endian machine). */
function swapBytes(bytes: Uint8Array, elementSize: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let at = 0; at + elementSize <= bytes.length; at += elementSize) {
    for (let k = 0; k < elementSize; k++) out[at + k] = bytes[at + elementSize - 1 - k]!;
  }
  return out;
}
