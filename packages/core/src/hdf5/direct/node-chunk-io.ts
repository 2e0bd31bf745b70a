// How the Node engine reaches chunk bytes for direct reads: a local file through its own async file handle, anything
// remote through the file's CachedSource (whose block cache merges, bounds and keeps the fetches); filtered chunks are
// decoded and placed by node:zlib on a small pool of threads (decode-pool.ts), several ranges at once, at native speed.
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate as inflateCallback } from 'node:zlib';
import { CachedSource } from '../../source/block-cache.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { Inflate } from './decode-chunk.js';
import { prestartDecoderPool, runInDecoderPool } from './decode-pool.js';
import type { ChunkIo } from './read-chunked.js';

const inflateAsync = promisify(inflateCallback);

/** node:zlib's inflate as the direct reader's Inflate. */
export const nodeInflate: Inflate = (bytes) => inflateAsync(bytes);

/** Chunk bytes of a local file, read with positioned reads on a handle opened on first use. */
export class LocalChunkFile {
  private handle: Promise<FileHandle> | undefined;
  private reads = 0;
  private bytes = 0;

  constructor(private readonly path: string) {}

  /** Count a range a decoder thread read from this file by itself. */
  count(bytes: number): void {
    this.reads++;
    this.bytes += bytes;
  }

  /** Reads made and bytes read so far. */
  stats(): { reads: number; bytes: number } {
    return { reads: this.reads, bytes: this.bytes };
  }

  /** Exactly `length` bytes from `offset`, fewer at the end of the file. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    this.handle ??= open(this.path, 'r');
    const handle = await this.handle;
    const out = new Uint8Array(length);
    this.reads++;
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(out, filled, length - filled, offset + filled);
      this.bytes += bytesRead;
      if (bytesRead === 0) return out.subarray(0, filled);
      filled += bytesRead;
    }
    return out;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await (await handle?.catch(() => undefined))?.close();
  }
}

/** ChunkIo over a local file: decoder threads read their ranges themselves (several at once with the inflating). */
export function localChunkIo(file: LocalChunkFile, path: string): ChunkIo {
  prestartDecoderPool();
  return {
    read: (offset, length) => file.read(offset, length),
    inflate: nodeInflate,
    run: (job) => {
      if (job.file) file.count(job.file.length);
      return runInDecoderPool(job);
    },
    localPath: path,
    concurrency: 4,
  };
}

/**
 * ChunkIo over a remote source: every range is announced to the block cache first, which fetches the missing blocks
 * in merged runs within its own concurrency limit (the same requests HDF5's chunk prefetch made), then read from it
 * and sent to a decoder thread.
 */
export function remoteChunkIo(source: ByteSource): ChunkIo {
  prestartDecoderPool();
  return {
    read: (offset, length) => source.read(offset, length),
    inflate: nodeInflate,
    run: runInDecoderPool,
    // Gaps between chunks are not prefetched: reading through them would cost requests and bytes.
    mergeGapBytes: 0,
    prefetch: source instanceof CachedSource ? (ranges) => source.prefetch(ranges) : undefined,
    concurrency: 4,
  };
}
