// Read a box of a chunked dataset without HDF5: from the dataset's storage plan (chunk addresses and sizes, filters,
// element size, byte order), pick the chunks the box touches, group them into merged file ranges and run each range
// (fetch, decode, place into the output) with bounded concurrency, on this thread or on decoder threads. Unallocated
// chunks read as the fill value. Platform-neutral: bytes, inflate and where jobs run are injected.
import type { Inflate, PipelineStep } from './decode-chunk.js';
import { placeChunk, wordsOf, wordsPerElement, type Box, type Words } from './place-chunk.js';
import { runRangeJob, type RangeJob, type RangeRunner } from './range-job.js';

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

/** How chunk bytes are fetched and decoded. */
export interface ChunkIo {
  /** Exactly `length` bytes from `offset` (fewer only past the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Inflate on this thread (jobs run here when no `run` is given). */
  inflate: Inflate;
  /** Run a range job elsewhere (decoder threads writing into a shared output); default: here. */
  run?: RangeRunner;
  /** A local file the runner reads by itself: jobs then carry the range, not its bytes. */
  localPath?: string;
  /** Told every range about to be read, before the first read (a block cache can fetch them together). */
  prefetch?(ranges: [number, number][]): void;
  /** Ranges in flight at once (default 4). */
  concurrency?: number;
  /** Largest gap between two chunks read in one range (default 64 KiB). */
  mergeGapBytes?: number;
  /** Largest merged range (default 4 MiB). */
  maxRangeBytes?: number;
}

/** Numeric typed arrays the output may be. */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

const gridIndexes = new WeakMap<ChunkedPlan, Map<string, ChunkRecord>>();

/** The plan's chunks by grid cell, built once per plan. */
function gridIndex(plan: ChunkedPlan): Map<string, ChunkRecord> {
  let byCell = gridIndexes.get(plan);
  if (!byCell) {
    byCell = new Map();
    for (const chunk of plan.chunks) byCell.set(cellKey(chunk.offsets, plan.chunkShape), chunk);
    gridIndexes.set(plan, byCell);
  }
  return byCell;
}

function cellKey(offsets: readonly number[], chunkShape: readonly number[]): string {
  let key = '';
  for (let d = 0; d < offsets.length; d++) key += `${Math.floor(offsets[d]! / chunkShape[d]!)},`;
  return key;
}

/**
 * Fill `out` (C order, shape `box.count`, a typed array of the dataset's element size, zeroed) with the values of
 * `box`. A chunk that cannot be fetched whole or decoded rejects with ChunkDecodeError (the caller names the file).
 */
export async function readChunkedBox(plan: ChunkedPlan, box: Box, out: NumericArray, io: ChunkIo): Promise<void> {
  const { chunkShape, elementSize } = plan;
  const rank = chunkShape.length;
  const byCell = gridIndex(plan);

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
  if (missing.length > 0) fillMissing(plan, missing, box, out, wordsOf(out, elementSize), wordsPerElement(elementSize));
  if (wanted.length === 0) return;

  const outBytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  const ranges = mergeRanges(wanted, io.mergeGapBytes ?? 64 * 1024, io.maxRangeBytes ?? 4 * 1024 * 1024);
  io.prefetch?.(ranges.map((r) => [r.offset, r.length]));
  // Unfiltered chunks are only copied: not worth another thread.
  const run: RangeRunner = (plan.filters.length > 0 && io.run) || ((job) => runRangeJob(job, io.inflate));
  const elsewhere = run === io.run;
  await forEachLimited(ranges, io.concurrency ?? 4, async (range) => {
    const job: RangeJob = {
      chunks: range.chunks.map((chunk) => ({
        from: chunk.address - range.offset,
        size: chunk.size,
        filterMask: chunk.filterMask,
        offsets: chunk.offsets,
      })),
      filters: plan.filters,
      elementSize,
      byteOrder: plan.byteOrder,
      chunkShape,
      box,
      out: outBytes,
    };
    if (elsewhere && io.localPath !== undefined)
      job.file = { path: io.localPath, offset: range.offset, length: range.length };
    else job.bytes = await io.read(range.offset, range.length);
    await run(job);
  });
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
function fillMissing(
  plan: ChunkedPlan,
  missing: number[][],
  box: Box,
  out: NumericArray,
  outWords: Words,
  perElement: number,
): void {
  const value = plan.fillValue;
  if (value === null || value === 0 || value === false || value === 0n || typeof value === 'string') return;
  const elements = plan.chunkShape.reduce((a, b) => a * b, 1);
  const Kind = out.constructor as new (n: number) => NumericArray;
  const filled = new Kind(elements);
  if (filled instanceof BigInt64Array || filled instanceof BigUint64Array)
    filled.fill(typeof value === 'bigint' ? value : BigInt(Number(value)));
  else (filled as Float64Array).fill(Number(value));
  const words = wordsOf(filled, plan.elementSize);
  for (const offsets of missing) placeChunk(words, plan.chunkShape, offsets, outWords, box, perElement);
}
