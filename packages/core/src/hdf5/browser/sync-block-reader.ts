// Inside the browser worker: a block cache over the synchronous range source. HDF5 asks for many small metadata pieces
// (8 B to 4 KiB) and then whole chunks, one call at a time, so every miss is a round trip; to keep them few:
// - blocks are aligned and kept in an LRU (the BlockCache of source/block-cache.ts) under a byte budget;
// - one miss fetches every missing block of the call in one request (coalescing);
// - while misses stay sequential the request grows by doubling readahead (h5py writes a series' chunks next to each
//   other: docs/h5wasm.md §2 measured 26 requests -> 3 for 25 chunks);
// - chunk ranges announced by the chunk B-tree (chunk-index.ts) are fetched together when HDF5 first asks for one
//   of them, since a synchronous worker cannot fetch them in parallel as the Node parent does.
import type { FetchStats } from '../../source/byte-source.js';
import { BlockCache } from '../../source/block-cache.js';
import { SourceFailure } from './sync-range-source.js';

/** Where the block reader gets bytes, synchronously: XHR ranges, or the page through shared memory. */
export interface SyncByteSource {
  readonly location: string;
  /** Requests made and bytes received so far. */
  readonly requests: number;
  readonly bytesFetched: number;
  read(offset: number, length: number): Uint8Array;
}

/** Options of the block reader. */
export interface SyncBlockReaderOptions {
  blockSize: number;
  cacheBytes: number;
  maxReadaheadBytes: number;
}

// Planned chunk ranges closer than this are fetched in one request (the gap is cheaper than a round trip).
const PLAN_GAP_BYTES = 256 * 1024;
// Most bytes one planned request may cover, so a big selection is still read in pieces below the heap's limits.
const PLAN_MAX_BYTES = 32 * 1024 * 1024;

/** Serves HDF5's synchronous reads from cached blocks, fetching misses with readahead. */
export class SyncBlockReader {
  private readonly cache: BlockCache;
  private readonly blockSize: number;
  private readonly maxReadaheadBlocks: number;
  private readaheadBlocks = 0;
  /** Block after the last fetched run: a miss there means sequential access. */
  private nextSequentialBlock = -1;
  /** File ranges [offset, length] HDF5 is expected to read soon, sorted by offset. */
  private planned: [number, number][] = [];
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly source: SyncByteSource,
    readonly size: number,
    options: SyncBlockReaderOptions,
  ) {
    this.blockSize = options.blockSize;
    this.cache = new BlockCache({ blockSize: options.blockSize, maxBytes: options.cacheBytes });
    this.maxReadaheadBlocks = Math.max(0, Math.floor(options.maxReadaheadBytes / options.blockSize));
  }

  /** Keep bytes already fetched (the probe's head), whole blocks only. */
  seed(offset: number, bytes: Uint8Array): void {
    this.store(offset, bytes, true);
  }

  /** Remember ranges that HDF5 will read soon (merged with what is already planned). */
  plan(ranges: [number, number][]): void {
    if (ranges.length === 0) return;
    this.planned = [...this.planned, ...ranges].sort((a, b) => a[0] - b[0]);
  }

  /** Forget planned ranges (the read they belonged to is over). */
  clearPlan(): void {
    this.planned = [];
  }

  /** Copy [position, position+length) into `heap` at `offset`; returns the bytes copied (fewer only at the end). */
  readInto(heap: Uint8Array, offset: number, length: number, position: number): number {
    const end = Math.min(position + length, this.size);
    if (end <= position) return 0;
    const first = Math.floor(position / this.blockSize);
    const last = Math.floor((end - 1) / this.blockSize);
    let missingFirst = -1;
    let missingLast = -1;
    for (let index = first; index <= last; index++) {
      if (!this.cache.has(0, index)) {
        if (missingFirst < 0) missingFirst = index;
        missingLast = index;
      }
    }
    let fetched: Uint8Array | undefined;
    let fetchedStart = 0;
    if (missingFirst >= 0) {
      this.misses++;
      const toBlock = this.extend(missingFirst, missingLast);
      fetchedStart = missingFirst * this.blockSize;
      fetched = this.source.read(fetchedStart, Math.min(this.size, (toBlock + 1) * this.blockSize) - fetchedStart);
    } else {
      this.hits++;
    }
    for (let index = first; index <= last; index++) {
      const blockStart = index * this.blockSize;
      const from = Math.max(position, blockStart);
      const to = Math.min(end, blockStart + this.blockSize);
      let bytes: Uint8Array | undefined;
      if (fetched && from >= fetchedStart && to <= fetchedStart + fetched.length)
        bytes = fetched.subarray(from - fetchedStart, to - fetchedStart);
      else bytes = this.cache.get(0, index)?.subarray(from - blockStart, to - blockStart);
      if (!bytes || bytes.length < to - from) {
        throw new SourceFailure({
          type: 'network',
          message: `${this.source.location} returned fewer bytes than its size promised at offset ${from}.`,
        });
      }
      heap.set(bytes, offset + from - position);
    }
    // Stored only after the copy, so that eviction cannot drop a cached block this call still needed. A chunk far
    // bigger than the cache is used once: caching it would only push the metadata blocks out.
    if (fetched) this.store(fetchedStart, fetched, fetched.length <= this.cache.maxBytes / 4);
    return end - position;
  }

  /** Requests, bytes and cache hits so far. */
  stats(): FetchStats {
    return {
      requests: this.source.requests,
      bytesFetched: this.source.bytesFetched,
      cacheHits: this.hits,
      cacheMisses: this.misses,
    };
  }

  /** The last block to fetch for a miss on [missingFirst, missingLast]: planned chunks first, else readahead. */
  private extend(missingFirst: number, missingLast: number): number {
    const lastBlock = Math.max(0, Math.ceil(this.size / this.blockSize) - 1);
    let to = missingLast;
    const planEnd = this.plannedEnd(missingFirst * this.blockSize, (missingLast + 1) * this.blockSize);
    if (planEnd > 0) {
      to = Math.max(to, Math.floor((planEnd - 1) / this.blockSize));
    } else {
      this.readaheadBlocks =
        missingFirst === this.nextSequentialBlock
          ? Math.min(this.maxReadaheadBlocks, Math.max(1, this.readaheadBlocks * 2))
          : 0;
      to += this.readaheadBlocks;
    }
    to = Math.min(to, lastBlock);
    // Stop before a block that is already here: readahead must not fetch it twice.
    for (let index = missingLast + 1; index <= to; index++) {
      if (this.cache.has(0, index)) {
        to = index - 1;
        break;
      }
    }
    this.nextSequentialBlock = to + 1;
    return to;
  }

  /** End of the run of planned ranges that overlaps [from, to), merging neighbours closer than PLAN_GAP_BYTES; 0 if none. */
  private plannedEnd(from: number, to: number): number {
    let end = 0;
    for (const [start, length] of this.planned) {
      if (end === 0) {
        if (start < to && start + length > from) end = start + length;
        continue;
      }
      if (start > end + PLAN_GAP_BYTES || start + length - from > PLAN_MAX_BYTES) break;
      end = Math.max(end, start + length);
    }
    return end;
  }

  private store(start: number, bytes: Uint8Array, keep: boolean): void {
    if (!keep) return;
    const firstWhole = Math.ceil(start / this.blockSize);
    for (let index = firstWhole; ; index++) {
      const from = index * this.blockSize - start;
      const to = Math.min(bytes.length, from + this.blockSize);
      // A short block is whole only at the end of the file.
      if (from >= bytes.length || (to - from < this.blockSize && start + to < this.size)) break;
      this.cache.set(0, index, bytes.slice(from, to));
    }
  }
}
