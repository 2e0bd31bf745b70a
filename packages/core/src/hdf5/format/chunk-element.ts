// One chunk entry of a fixed array, extensible array or v2 B-tree record: the chunk's address, then for filtered
// datasets its stored size (the bytes left after the address and the 4-byte filter mask) and its filter mask. HDF5's
// H5Dfarray.c / H5Dearray.c H5D__*_filt_decode (address, UINT64DECODE_VAR size, UINT32DECODE mask) and
// H5Dbtree2.c H5D__bt2_filt_decode (the same, then the scaled offsets).
import type { Cursor } from './file-bytes.js';

/** A chunk entry: undefined address when the chunk is not allocated. */
export interface ChunkEntry {
  address: number | undefined;
  size: number;
  filterMask: number;
}

/** Read one entry of `entrySize` bytes; `chunkBytes` is the size of an unfiltered chunk. */
export function readChunkEntry(c: Cursor, filtered: boolean, entrySize: number, chunkBytes: number): ChunkEntry {
  const address = c.address();
  if (!filtered) return { address, size: chunkBytes, filterMask: 0 };
  const size = c.uint(entrySize - c.offsetSize - 4);
  return { address, size, filterMask: c.u32() };
}
