// How a dataset's raw data sits in the file, read from the HDF5 file format itself (h5wasm 0.10.3 exports no
// H5Dget_storage_size, H5Pget_fill_value or chunk queries). A fast chunk reader reads raw bytes from these addresses.

/** One allocated chunk of a chunked dataset. */
export interface StoredChunk {
  /** Element coordinates of the chunk's first element. */
  offsets: number[];
  /** Absolute file offset of the stored (possibly filtered) chunk. */
  address: number;
  /** Stored bytes of the chunk. */
  size: number;
  /** Bit i set: filter i of the pipeline was skipped for this chunk. */
  filterMask: number;
}

/** A filter of the pipeline, in the order applied when writing (undo in reverse when reading). */
export interface FilterStep {
  id: number;
  name: string;
  optional: boolean;
  clientData: number[];
}

/** How and where a dataset's raw data is stored. Addresses are absolute file offsets. */
export interface DatasetStorage {
  layout: 'compact' | 'contiguous' | 'chunked' | 'virtual';
  /** Dataspace dims (null for a null dataspace, [] for a scalar). */
  shape: number[] | null;
  /** In elements, without HDF5's extra element-size dimension. */
  chunkShape: number[] | null;
  filters: FilterStep[];
  /** Bytes per element from the datatype message. */
  elementSize: number;
  byteOrder: 'little' | 'big' | 'none';
  /** False for variable-length types (vlen strings/sequences): nobody may read raw bytes then. */
  fixedSize: boolean;
  /**
   * False when the elements are numbers whose bits are not what a typed array of their size holds (float16, long
   * double, N-bit packed numbers: format/numbers.ts): their raw bytes must be converted, never used as they are.
   */
  nativeNumbers: boolean;
  /** Contiguous layout: where the data is, or null when not allocated. */
  contiguous?: { address: number; size: number } | null;
  /** Compact layout: the data, stored in the object header. */
  compact?: Uint8Array;
  /** Chunked: partial edge chunks are stored unfiltered (H5Pset_chunk_opts DONT_FILTER_PARTIAL_CHUNKS). */
  unfilteredEdges?: boolean;
  /** Chunked: every allocated chunk, sorted by offsets in C order. */
  chunks?: StoredChunk[];
  /** What h5py's ds.id.get_storage_size() returns. */
  storageSize: number;
  /** What DatasetInfo.fillValue reports. */
  fillValue: number | bigint | string | boolean | null;
}
