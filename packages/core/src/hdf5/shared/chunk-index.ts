// Inside the worker: find the chunks a selection will need from a version-1 B-tree node as HDF5 reads it, so the
// parent can fetch them all at once (merged and in parallel) instead of one round trip per chunk as HDF5 asks for
// them in turn. h5py and pynwb files index chunks with v1 B-trees by default. Layout from the HDF5 File Format
// Specification, "Version 1 B-trees" (signature TREE, node type 1 = raw data chunks; keys hold the chunk's stored
// size, filter mask and offsets in dataset coordinates, plus one extra dimension for the element size).
// Other chunk indexes (v2 B-tree, fixed/extensible arrays of libver='latest' files) are left to sequential readahead.

import { chunkKeyAt, chunkKeySize, type ChunkKey } from '../format/btree1-chunks.js';

/** The dataset being read: its chunk shape and the selected box [starts, stops) in dataset coordinates. */
export interface ChunkSelection {
  chunk: number[];
  starts: number[];
  stops: number[];
}

/** File ranges [offset, length] worth fetching ahead, or undefined when `bytes` is not a chunk B-tree node. */
export function chunkRangesFromNode(
  bytes: Uint8Array,
  selection: ChunkSelection,
  fileSize: number,
): [number, number][] | undefined {
  if (bytes.length < 24 || bytes[0] !== 0x54 || bytes[1] !== 0x52 || bytes[2] !== 0x45 || bytes[3] !== 0x45)
    return undefined;
  if (bytes[4] !== 1) return undefined; // group B-trees (type 0) index links, not chunks
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const level = bytes[5]!;
  const entries = view.getUint16(6, true);
  const rank = selection.chunk.length;
  const keySize = chunkKeySize(rank);
  const start = 24; // signature, type, level, entries, left and right sibling addresses (8-byte offsets)
  if (start + entries * (keySize + 8) + keySize > bytes.length) return undefined;
  // The same key decoding as the storage reader's (format/btree1-chunks.ts).
  const keyAt = (index: number): ChunkKey => chunkKeyAt(view, start + index * (keySize + 8), rank);
  const offsetsAt = (index: number): number[] => keyAt(index).offsets;
  const ranges: [number, number][] = [];
  for (let i = 0; i < entries; i++) {
    const child = Number(view.getBigUint64(start + i * (keySize + 8) + keySize, true));
    if (child <= 0 || child >= fileSize) return undefined; // not what it looked like
    const low = offsetsAt(i);
    if (level === 0) {
      const size = keyAt(i).size;
      if (size === 0 || child + size > fileSize) return undefined;
      const inside = low.every((o, d) => o < selection.stops[d]! && o + selection.chunk[d]! > selection.starts[d]!);
      if (inside) ranges.push([child, size]);
    } else {
      // A child node covers keys i..i+1 in C order: bound it by the first axis only, which is conservative.
      const high = offsetsAt(i + 1);
      if (low[0]! < selection.stops[0]! && high[0]! + selection.chunk[0]! > selection.starts[0]!)
        ranges.push([child, bytes.length]);
    }
  }
  return ranges;
}
