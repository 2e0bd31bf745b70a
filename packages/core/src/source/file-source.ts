// A local file as a ByteSource: positioned reads on one file handle, so nothing is loaded that is not asked for.
import { open, type FileHandle } from 'node:fs/promises';
import { NotFoundError, InvalidInputError } from '../errors.js';
import type { ByteSource, FetchStats } from './byte-source.js';

/** Reads a local file by positioned reads. */
export class FileSource implements ByteSource {
  readonly location: string;
  private handlePromise: Promise<{ handle: FileHandle; size: number }> | undefined;
  private readonly counters: FetchStats = { requests: 0, bytesFetched: 0, cacheHits: 0, cacheMisses: 0 };

  constructor(path: string) {
    this.location = path;
  }

  /** Size from fstat of the opened file. */
  async size(): Promise<number> {
    return (await this.opened()).size;
  }

  /** Bytes [offset, offset+length), fewer only at the end of the file. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const { handle, size } = await this.opened();
    const end = Math.min(offset + length, size);
    if (end <= offset) return new Uint8Array(0);
    const buffer = new Uint8Array(end - offset);
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await handle.read(buffer, done, buffer.length - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    this.counters.requests++;
    this.counters.bytesFetched += done;
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  }

  /** Reads and bytes so far. */
  stats(): FetchStats {
    return { ...this.counters };
  }

  /** Close the file handle. */
  async close(): Promise<void> {
    const opened = this.handlePromise;
    this.handlePromise = undefined;
    if (opened) await (await opened.catch(() => undefined))?.handle.close();
  }

  private opened(): Promise<{ handle: FileHandle; size: number }> {
    this.handlePromise ??= openFile(this.location);
    return this.handlePromise;
  }
}

async function openFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`No file exists at ${path}.`, path);
    if (code === 'EISDIR') throw new InvalidInputError(`${path} is a folder, not a file.`, path);
    throw new NotFoundError(`Cannot open ${path} (${code ?? 'unknown error'}).`, path);
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw new InvalidInputError(`${path} is a folder, not a file.`, path);
  }
  return { handle, size: stat.size };
}
