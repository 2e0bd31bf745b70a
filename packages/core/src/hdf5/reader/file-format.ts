// The file-format side of a reader: the file's raw bytes read through the same Emscripten file node HDF5 reads (so
// every engine serves them as it serves HDF5's reads), and what the reader asks of the format itself (format/):
// object header addresses, a dataset's storage plan, its datatype message, where contiguous data starts.
import * as h5 from 'h5wasm';
import type { Datatype } from '../format/datatype.js';
import type { FormatFile, RawRead } from '../format/file-bytes.js';
import { readContiguousAddress, readDatasetType } from '../format/object-types.js';
import { readDatasetStorage } from '../format/storage.js';
import type { DatasetStorage } from '../format/storage-types.js';
import { readSuperblock } from '../format/superblock.js';
import { ReaderError } from '../shared/reader-error.js';
import type { ReaderOptions } from './file-reader.js';
import { normalize } from './paths.js';

/** The format-level facts of one open file, each read once (per path) and cached. */
export class FileFormat {
  private readonly storages = new Map<string, DatasetStorage>();
  private readonly datatypes = new Map<string, Datatype | undefined>();
  private readonly contiguous = new Map<string, number | undefined>();
  private format: FormatFile | undefined;

  constructor(
    private readonly module: typeof h5.Module,
    private readonly file: h5.File,
    private readonly options: Pick<ReaderOptions, 'raw' | 'prefetchRaw'>,
  ) {}

  /** The object header address of the object at `where` (an object reference is that address, little-endian). */
  objectAddress(where: string): number {
    const reference = Uint8Array.from(this.module.create_object_reference(this.file.file_id, where));
    return reference.reduceRight((n, byte) => n * 256 + byte, 0);
  }

  /** Where and how the dataset's raw data is stored, read from the file format (cached per path). */
  storage(path: string): DatasetStorage {
    const where = normalize(path);
    const cached = this.storages.get(where);
    if (cached) return cached;
    const storage = readDatasetStorage(this.formatFile(), this.objectAddress(where));
    this.storages.set(where, storage);
    return storage;
  }

  /** storage(), or undefined when the file stores it in a way the format reader does not follow (damage still throws). */
  storageIfReadable(path: string): DatasetStorage | undefined {
    try {
      return this.storage(path);
    } catch (error) {
      if (error instanceof ReaderError && error.detail.kind === 'unsupported') return undefined;
      throw error;
    }
  }

  formatFile(): FormatFile {
    if (this.format) return this.format;
    const raw = this.options.raw ?? memfsRaw(this.module, this.file.filename);
    this.format = readSuperblock(raw.read, raw.size, this.options.prefetchRaw);
    return this.format;
  }

  /** The dataset's datatype message, or undefined when the file keeps it where the format reader does not follow. */
  datasetType(path: string): Datatype | undefined {
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

  /** Where the contiguous data of the dataset at `path` starts, or undefined (other layouts, or not followed). */
  contiguousAddress(path: string): number | undefined {
    if (this.contiguous.has(path)) return this.contiguous.get(path);
    let start: number | undefined;
    try {
      start = readContiguousAddress(this.formatFile(), this.objectAddress(path));
    } catch (error) {
      if (!(error instanceof ReaderError && error.detail.kind === 'unsupported')) throw error;
    }
    this.contiguous.set(path, start);
    return start;
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
