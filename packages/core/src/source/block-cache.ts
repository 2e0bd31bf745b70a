// A block cache over any ByteSource. HDF5 asks for many small pieces (8 B to 4 KiB for metadata) and then whole chunks,
// so: align to blocks, keep them in one LRU under a byte budget shared by every open file, merge adjacent missing
// blocks into one request, read ahead more and more while access stays sequential (h5py writes a series' chunks
// next to each other: 3 requests instead of 26 for 25 chunks, docs/h5wasm.md §2), and bound how many
// requests run at once.
import type { ByteSource, FetchStats } from './byte-source.js';

/** Block size and byte budget of a block cache. */
export interface BlockCacheOptions {
  /** Bytes per block (default 16 KiB). */
  blockSize?: number;
  /** Most bytes kept before the least recently used blocks are dropped (default 128 MiB). */
  maxBytes?: number;
}

/** LRU store of fixed-size blocks, keyed by source and block index; may be shared by many sources. */
export class BlockCache {
  readonly blockSize: number;
  readonly maxBytes: number;
  private readonly blocks = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(options: BlockCacheOptions = {}) {
    // 16 KiB: HDF5 metadata is small and scattered, so the tree of the 1 GiB benchmark NWB fetched 1.17 MB in 18
    // requests with 64 KiB blocks and 0.35 MB in 19 with 16 KiB (bench/README.md "Remote HDF5"); large reads are
    // merged into one request per run of missing blocks and grown by readahead, so they do not pay per block.
    this.blockSize = options.blockSize ?? 16 * 1024;
    this.maxBytes = options.maxBytes ?? 128 * 1024 * 1024;
  }

  /** The block, marked as most recently used, or undefined. */
  get(sourceId: number, index: number): Uint8Array | undefined {
    const key = `${sourceId}:${index}`;
    const block = this.blocks.get(key);
    if (block) {
      this.blocks.delete(key);
      this.blocks.set(key, block);
    }
    return block;
  }

  /** Whether the block is held, without touching its recency. */
  has(sourceId: number, index: number): boolean {
    return this.blocks.has(`${sourceId}:${index}`);
  }

  /** Store a block, evicting the least recently used ones beyond the budget. */
  set(sourceId: number, index: number, block: Uint8Array): void {
    const key = `${sourceId}:${index}`;
    const old = this.blocks.get(key);
    if (old) {
      this.bytes -= old.length;
      this.blocks.delete(key);
    }
    this.blocks.set(key, block);
    this.bytes += block.length;
    for (const [oldest, value] of this.blocks) {
      if (this.bytes <= this.maxBytes) break;
      this.blocks.delete(oldest);
      this.bytes -= value.length;
    }
  }

  /** Forget every block of a source (when its file is closed). */
  drop(sourceId: number): void {
    const prefix = `${sourceId}:`;
    for (const [key, value] of this.blocks) {
      if (key.startsWith(prefix)) {
        this.blocks.delete(key);
        this.bytes -= value.length;
      }
    }
  }

  /** Bytes currently held. */
  get size(): number {
    return this.bytes;
  }
}

let shared: BlockCache | undefined;

/** The process-wide block cache (16 KiB blocks, 128 MiB) that sources use unless given their own. */
export function sharedBlockCache(): BlockCache {
  shared ??= new BlockCache();
  return shared;
}

/** How a cached source reads ahead and how many requests it runs at once. */
export interface CachedSourceOptions {
  cache?: BlockCache;
  /** Upper bound of sequential readahead (default 8 MiB); 0 turns readahead off. */
  maxReadaheadBytes?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

let nextSourceId = 1;

/** A ByteSource that serves reads from a block cache and fetches missing blocks from `inner`, merged and ahead. */
export class CachedSource implements ByteSource {
  readonly location: string;
  readonly cache: BlockCache;
  private readonly id = nextSourceId++;
  private readonly maxReadaheadBlocks: number;
  private readonly concurrency: number;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private readahead = 0;
  private sequentialFrom = -1;
  private hits = 0;
  private misses = 0;

  constructor(
    readonly inner: ByteSource,
    options: CachedSourceOptions = {},
  ) {
    this.location = inner.location;
    this.cache = options.cache ?? sharedBlockCache();
    this.maxReadaheadBlocks = Math.floor((options.maxReadaheadBytes ?? 8 * 1024 * 1024) / this.cache.blockSize);
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  /** Size of the underlying file. */
  size(): Promise<number> {
    return this.inner.size();
  }

  /** Bytes [offset, offset+length) from cached blocks, fetching the missing ones first. */
  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    const size = await this.inner.size();
    const end = Math.min(offset + length, size);
    if (end <= offset) return new Uint8Array(0);
    const bs = this.cache.blockSize;
    const first = Math.floor(offset / bs);
    const last = Math.floor((end - 1) / bs);
    await this.ensure(first, last, size, signal);
    const out = new Uint8Array(end - offset);
    for (let index = first; index <= last; index++) {
      let block = this.cache.get(this.id, index);
      // A huge read may evict its own first blocks under a small budget: fetch such a block again.
      if (!block) {
        await this.ensure(index, index, size, signal);
        block = this.cache.get(this.id, index) ?? new Uint8Array(0);
      }
      const blockStart = index * bs;
      const from = Math.max(offset, blockStart) - blockStart;
      const to = Math.min(end, blockStart + block.length) - blockStart;
      if (to > from) out.set(block.subarray(from, to), blockStart + from - offset);
    }
    return out;
  }

  /**
   * The bytes [offset, offset+length) if every block they need is cached, else undefined; never fetches. For readers
   * that must answer synchronously (the edge mode: a miss fails the call, which is retried after a fetch).
   * `size` is the file size the caller learned from `size()`.
   */
  peek(offset: number, length: number, size: number): Uint8Array | undefined {
    const end = Math.min(offset + length, size);
    if (end <= offset) return new Uint8Array(0);
    const bs = this.cache.blockSize;
    const first = Math.floor(offset / bs);
    const last = Math.floor((end - 1) / bs);
    for (let index = first; index <= last; index++) {
      if (!this.cache.has(this.id, index)) {
        this.misses++;
        return undefined;
      }
    }
    this.hits++;
    const out = new Uint8Array(end - offset);
    for (let index = first; index <= last; index++) {
      const block = this.cache.get(this.id, index)!;
      const blockStart = index * bs;
      const from = Math.max(offset, blockStart) - blockStart;
      const to = Math.min(end, blockStart + block.length) - blockStart;
      if (to > from) out.set(block.subarray(from, to), blockStart + from - offset);
    }
    return out;
  }

  /**
   * Start fetching ranges that will be read soon (e.g. the chunks of a selection): missing blocks are merged into
   * runs and fetched in the background, bounded by the concurrency limit and by half the cache budget. Failures
   * are left for the real read to meet (and retry).
   */
  prefetch(ranges: readonly (readonly [number, number])[]): void {
    void this.inner.size().then(
      (size) => {
        const bs = this.cache.blockSize;
        const wanted = new Set<number>();
        for (const [offset, length] of ranges) {
          const end = Math.min(size, offset + length);
          for (let index = Math.floor(offset / bs); index * bs < end; index++) {
            if (!this.cache.has(this.id, index) && !this.inFlight.has(index)) wanted.add(index);
          }
        }
        const budget = Math.floor(this.cache.maxBytes / 2 / bs);
        const blocks = [...wanted].sort((a, b) => a - b).slice(0, budget);
        let from = -1;
        let to = -1;
        const flush = (): void => {
          if (from >= 0) this.fetchRun(from, to, size).catch(() => undefined);
        };
        for (const index of blocks) {
          if (index === to + 1 && from >= 0) to = index;
          else {
            flush();
            from = index;
            to = index;
          }
        }
        flush();
      },
      () => undefined,
    );
  }

  /** Requests and bytes of the inner source, with this cache's block hits and misses. */
  stats(): FetchStats {
    const inner = this.inner.stats();
    return { ...inner, cacheHits: inner.cacheHits + this.hits, cacheMisses: inner.cacheMisses + this.misses };
  }

  /** Drop this source's blocks and close the inner source. */
  async close(): Promise<void> {
    this.cache.drop(this.id);
    await this.inner.close();
  }

  /** Make blocks first..last present: missing runs are fetched in one request each, the last one extended by readahead. */
  private async ensure(first: number, last: number, size: number, signal?: AbortSignal): Promise<void> {
    const bs = this.cache.blockSize;
    const lastBlock = Math.floor((size - 1) / bs);
    const pending: Promise<void>[] = [];
    const runs: [number, number][] = [];
    for (let index = first; index <= last; index++) {
      if (this.cache.has(this.id, index)) {
        this.hits++;
        continue;
      }
      const flying = this.inFlight.get(index);
      if (flying) {
        this.hits++;
        pending.push(flying);
        continue;
      }
      this.misses++;
      const run = runs[runs.length - 1];
      if (run && run[1] === index - 1) run[1] = index;
      else runs.push([index, index]);
    }
    if (runs.length > 0) {
      const firstMissing = runs[0]![0];
      // Sequential when this miss starts where the last fetched run ended (or inside it).
      const sequential =
        this.sequentialFrom >= 0 && firstMissing >= this.sequentialFrom - 1 && firstMissing <= this.sequentialFrom + 1;
      this.readahead = sequential ? Math.min(this.maxReadaheadBlocks, Math.max(1, this.readahead * 2)) : 0;
      const tail = runs[runs.length - 1]!;
      let extended = tail[1];
      while (extended < Math.min(lastBlock, tail[1] + this.readahead)) {
        const next = extended + 1;
        if (this.cache.has(this.id, next) || this.inFlight.has(next)) break;
        extended = next;
      }
      tail[1] = extended;
      this.sequentialFrom = extended + 1;
      for (const [from, to] of runs) pending.push(this.fetchRun(from, to, size, signal));
    }
    await Promise.all(pending);
  }

  private fetchRun(from: number, to: number, size: number, signal?: AbortSignal): Promise<void> {
    const bs = this.cache.blockSize;
    const task = (async () => {
      await this.acquire();
      try {
        const start = from * bs;
        const bytes = await this.inner.read(start, Math.min(size, (to + 1) * bs) - start, signal);
        for (let index = from; index <= to; index++) {
          const offset = (index - from) * bs;
          if (offset >= bytes.length) break;
          // Copy so that a block does not pin the whole request's buffer after its neighbours are evicted.
          this.cache.set(this.id, index, bytes.slice(offset, Math.min(bytes.length, offset + bs)));
        }
      } finally {
        this.release();
        for (let index = from; index <= to; index++) this.inFlight.delete(index);
      }
    })();
    for (let index = from; index <= to; index++) this.inFlight.set(index, task);
    return task;
  }

  private async acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}
