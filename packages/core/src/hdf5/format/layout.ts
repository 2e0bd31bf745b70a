// The data layout message (0x0008): where the raw data is. HDF5 File Format Specification v3, "Data Layout Message",
// checked against HDF5's H5Olayout.c H5O__layout_decode: versions 1-2 are version, rank, class, 5 reserved bytes, an
// address (not for compact), rank 4-byte dimensions (chunked: the last is the element size), then for compact a 4-byte
// size and the data; version 3 is version, class, then compact: size(2) + data; contiguous: address + length; chunked:
// rank, address, rank 4-byte dimensions. Version 4 adds virtual storage and, for chunked, flags, rank, bytes per
// dimension, dimensions, an index type (1 single chunk, 2 implicit, 3 fixed array, 4 extensible array, 5 v2 B-tree)
// with its parameters, then the index address.
import { corrupt, type Cursor } from './file-bytes.js';

/** The chunk index of a chunked layout. */
export type ChunkIndex =
  | { type: 'btree1' }
  | { type: 'single'; filteredSize?: number; filterMask?: number }
  | { type: 'implicit' }
  | { type: 'fixed-array'; pageBits: number }
  | {
      type: 'extensible-array';
      maxBits: number;
      indexElements: number;
      minPointers: number;
      minElements: number;
      pageBits: number;
    }
  | { type: 'btree2'; nodeSize: number };

/** A parsed layout message. */
export type Layout =
  | { class: 'compact'; data: Uint8Array }
  /** Versions 1-2 store no size: it is the dataspace's element count times the element size. */
  | { class: 'contiguous'; address: number | undefined; size: number | undefined }
  /** `unfilteredEdges`: v4 flag 0x01, edge chunks that do not fill the chunk shape are stored without filters. */
  | { class: 'chunked'; address: number | undefined; chunk: number[]; index: ChunkIndex; unfilteredEdges?: boolean }
  | { class: 'virtual' };

/** Parse a data layout message. */
export function readLayout(c: Cursor): Layout {
  const version = c.u8();
  if (version === 1 || version === 2) {
    const rank = c.u8();
    const kind = c.u8();
    c.skip(5);
    if (rank < 1) throw corrupt('a layout message has no dimensions');
    const address = kind === 0 ? undefined : c.address();
    const dims = Array.from({ length: rank }, () => c.u32());
    if (kind === 0) return { class: 'compact', data: c.take(c.u32()) };
    if (kind === 1) return { class: 'contiguous', address, size: undefined };
    if (kind === 2) return { class: 'chunked', address, chunk: chunkDims(dims), index: { type: 'btree1' } };
    throw corrupt(`a layout message has an unknown class (${kind})`);
  }
  if (version !== 3 && version !== 4) throw corrupt(`a layout message has an unknown version (${version})`);
  const kind = c.u8();
  switch (kind) {
    case 0:
      return { class: 'compact', data: c.take(c.u16()) };
    case 1:
      return { class: 'contiguous', address: c.address(), size: c.length() };
    case 2:
      return version === 3 ? readChunkedV3(c) : readChunkedV4(c);
    case 3:
      if (version < 4) throw corrupt('a version 3 layout message claims virtual storage');
      return { class: 'virtual' };
    default:
      throw corrupt(`a layout message has an unknown class (${kind})`);
  }
}

function readChunkedV3(c: Cursor): Layout {
  const rank = c.u8();
  const address = c.address();
  const dims = Array.from({ length: rank }, () => c.u32());
  return { class: 'chunked', address, chunk: chunkDims(dims), index: { type: 'btree1' } };
}

function readChunkedV4(c: Cursor): Layout {
  const flags = c.u8();
  const rank = c.u8();
  const width = c.u8();
  if (width < 1 || width > 8) throw corrupt(`a layout message encodes chunk dimensions in ${width} bytes`);
  const dims = Array.from({ length: rank }, () => c.uint(width));
  const type = c.u8();
  let index: ChunkIndex;
  switch (type) {
    case 1:
      index = flags & 0x02 ? { type: 'single', filteredSize: c.length(), filterMask: c.u32() } : { type: 'single' };
      break;
    case 2:
      index = { type: 'implicit' };
      break;
    case 3:
      index = { type: 'fixed-array', pageBits: c.u8() };
      break;
    case 4:
      index = {
        type: 'extensible-array',
        maxBits: c.u8(),
        indexElements: c.u8(),
        minPointers: c.u8(),
        minElements: c.u8(),
        pageBits: c.u8(),
      };
      break;
    case 5:
      index = { type: 'btree2', nodeSize: c.u32() };
      c.skip(2); // split and merge percentages
      break;
    default:
      throw corrupt(`a layout message names an unknown chunk index (${type})`);
  }
  const layout: Layout = { class: 'chunked', address: c.address(), chunk: chunkDims(dims), index };
  return flags & 0x01 ? { ...layout, unfilteredEdges: true } : layout;
}

/** Chunk dimensions without the trailing element-size dimension, all positive. */
function chunkDims(dims: number[]): number[] {
  if (dims.length < 2 || dims.some((d) => d === 0)) throw corrupt('a layout message has an empty chunk dimension');
  return dims.slice(0, -1);
}
