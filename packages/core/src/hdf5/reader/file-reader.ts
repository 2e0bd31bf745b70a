// The Hdf5File operations on an open h5wasm File, returning plain values that survive postMessage. It runs inside
// every engine: the Node worker (../node/worker.ts), the browser worker (../browser/browser-worker.ts) and the
// in-thread engine (../edge/open-hdf5-edge.ts). Each concern has its module: the object tree (object-tree.ts),
// attributes (attribute-reader.ts), dataset descriptions and values (dataset-reader.ts), h5wasm's output as contract
// values (value-decoding.ts) and the file format read directly (file-format.ts).
import * as h5 from 'h5wasm';
import type { RawRead } from '../format/file-bytes.js';
import type { DatasetStorage } from '../format/storage-types.js';
import type { ChunkSelection } from '../shared/chunk-index.js';
import type { AttrInfo, AttrValue, DatasetInfo, DatasetValues, Hdf5Node, Slice } from '../types.js';
import { AttributeReader } from './attribute-reader.js';
import { DatasetReader } from './dataset-reader.js';
import { FileFormat } from './file-format.js';
import { ObjectTree } from './object-tree.js';
import { normalize } from './paths.js';
import { ValueDecoder } from './value-decoding.js';

export { normalize };

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
  private readonly tree: ObjectTree;
  private readonly attributes: AttributeReader;
  private readonly datasets: DatasetReader;
  private readonly format: FileFormat;

  constructor(file: h5.File, options: ReaderOptions) {
    const module = h5.Module;
    this.format = new FileFormat(module, file, options);
    this.tree = new ObjectTree(module, file, options, this.format);
    const decoder = new ValueDecoder(module, file);
    this.attributes = new AttributeReader(module, file, this.tree, this.format, decoder);
    this.datasets = new DatasetReader(module, file, options, this.tree, this.format, decoder);
  }

  /** Children of the group at `path`. */
  list(path: string): Hdf5Node[] {
    return this.tree.list(path);
  }

  /** Every object once, plus links reported as links; what cannot be opened is marked unreadable. */
  walk(): Hdf5Node[] {
    return this.tree.walk();
  }

  /** What is at `path`, or null. */
  node(path: string): Hdf5Node | null {
    return this.tree.node(path);
  }

  /** Attributes of the object at `path`; one that cannot be read is { error }. */
  attrs(path: string): Record<string, AttrValue> {
    return this.attributes.attrs(path);
  }

  /** The stored type and shape of each attribute of the object at `path`. */
  attrInfo(path: string): Record<string, AttrInfo> {
    return this.attributes.info(path);
  }

  /** Dataset description. */
  dataset(path: string): DatasetInfo {
    return this.datasets.dataset(path);
  }

  /** Where and how the dataset's raw data is stored, read from the file format (cached per path). */
  storage(path: string): DatasetStorage {
    const where = normalize(path);
    this.datasets.requireDataset(where);
    return this.format.storage(where);
  }

  /** Values of the whole dataset or of a selection. */
  read(path: string, selection: Slice[] | undefined): DatasetValues {
    return this.datasets.read(path, selection);
  }
}
