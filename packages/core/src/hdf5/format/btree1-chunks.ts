// The chunk index of layout versions 1-3 (h5py's and pynwb's default): a version-1 B-tree of node type 1. HDF5 File
// Format Specification v3, "Version 1 B-trees": "TREE", node type(1), level(1), entries used(2), left and right
// sibling addresses, then key, child, key, child, ..., key. A raw-data chunk key is the chunk's stored size(4), its
// filter mask(4) and its offset in dataset coordinates as rank+1 eight-byte values (the last, for the element size,
// is 0). Children of level-0 nodes are the chunks themselves.
import { corrupt, prefetchBlocks, readAt, type FormatFile } from './file-bytes.js';
import type { StoredChunk } from './storage-types.js';

/** One chunk key of a type-1 B-tree node. */
export interface ChunkKey {
  size: number;
  filterMask: number;
  offsets: number[];
}

/** Bytes of a chunk key for a dataset of `rank` dimensions. */
export function chunkKeySize(rank: number): number {
  return 8 + 8 * (rank + 1);
}

/** The chunk key at byte `at` of a node (the format's integers are little-endian; offsets are 8 bytes). */
export function chunkKeyAt(view: DataView, at: number, rank: number): ChunkKey {
  const offsets: number[] = [];
  for (let d = 0; d < rank; d++) offsets.push(Number(view.getBigUint64(at + 8 + 8 * d, true)));
  return { size: view.getUint32(at, true), filterMask: view.getUint32(at + 4, true), offsets };
}

/** Deeper than any real tree (each level multiplies the fan-out); a cycle of child pointers must end. */
const MAX_LEVEL = 64;

/** Every chunk indexed by the version-1 B-tree whose root is at `address`, in key order. */
export function readBtree1Chunks(file: FormatFile, address: number, rank: number): StoredChunk[] {
  const chunks: StoredChunk[] = [];
  const seen = new Set<number>();
  const visit = (node: number, expectedLevel: number | undefined): void => {
    if (seen.has(node)) throw corrupt(`the chunk B-tree node at address ${node} is reached twice`);
    seen.add(node);
    const head = readAt(file, node, 8, 'chunk B-tree node');
    head.signature('TREE');
    if (head.u8() !== 1) throw corrupt(`the B-tree node at address ${node} does not index chunks`);
    const level = head.u8();
    const entries = head.u16();
    if (level > MAX_LEVEL || (expectedLevel !== undefined && level !== expectedLevel)) {
      throw corrupt(`the chunk B-tree node at address ${node} is at the wrong level`);
    }
    const keySize = chunkKeySize(rank);
    const bytes = readAt(
      file,
      node,
      8 + 2 * file.offsetSize + entries * (keySize + file.offsetSize) + keySize,
      'chunk B-tree node',
    ).bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 8 + 2 * file.offsetSize;
    if (level > 0) {
      // A node holds up to 2K entries; K is 32 unless the file chose otherwise (H5Fprivate.h HDF5_BTREE_CHUNK_IK_DEF).
      const full = 8 + 2 * file.offsetSize + 64 * (keySize + file.offsetSize) + keySize;
      const children: { address: number; length: number }[] = [];
      for (let i = 0; i < entries; i++) {
        const child = readAddress(view, at + (i + 1) * keySize + i * file.offsetSize, file.offsetSize);
        if (child !== undefined) children.push({ address: child, length: full });
      }
      prefetchBlocks(file, children);
    }
    for (let i = 0; i < entries; i++) {
      const key = chunkKeyAt(view, at, rank);
      at += keySize;
      const child = readAddress(view, at, file.offsetSize);
      at += file.offsetSize;
      if (child === undefined) throw corrupt(`the chunk B-tree node at address ${node} points nowhere`);
      if (level > 0) {
        visit(child, level - 1);
      } else {
        if (file.base + child + key.size > file.size)
          throw corrupt(`a chunk at address ${child} lies outside the file`);
        chunks.push({ offsets: key.offsets, address: file.base + child, size: key.size, filterMask: key.filterMask });
      }
    }
  };
  visit(address, undefined);
  return chunks;
}

/** A little-endian address of `width` bytes, undefined when every bit is set. */
export function readAddress(view: DataView, at: number, width: number): number | undefined {
  let value = 0n;
  for (let i = width - 1; i >= 0; i--) value = (value << 8n) | BigInt(view.getUint8(at + i));
  if (value === (1n << BigInt(8 * width)) - 1n) return undefined;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt(`an address is too large to be real (${value})`);
  return Number(value);
}
