// The version-2 B-tree chunk index (layout v4 index type 5: more than one unlimited dimension). HDF5 File Format
// Specification v3, "Version 2 B-trees", checked against HDF5's H5B2cache.c and H5B2hdr.c: header "BTHD", version,
// type (10: chunks, 11: filtered chunks), node size(4), record size(2), depth(2), split and merge percentages, root
// address, root record count(2), total records (length), checksum. Internal nodes "BTIN": version, type, records,
// then one pointer per child: address, record count (as many bytes as the most records a leaf can hold needs) and,
// below depth 1, the child's total record count (bytes for the most records a subtree of that depth holds); then a
// checksum. Leaves "BTLF": version, type, records, checksum. Records (H5Dbtree2.c): chunk address, [size, filter
// mask,] then the chunk's scaled offsets as 8-byte values.
import { readChecked } from './checksum.js';
import { readChunkEntry } from './chunk-element.js';
import { corrupt, prefetchBlocks, type FormatFile } from './file-bytes.js';
import type { StoredChunk } from './storage-types.js';

const PREFIX = 4 + 1 + 1; // signature, version, type (the checksum follows the node's contents)

/** Bytes needed for the number `n` (H5VM_limit_enc_size: floor(log2(n)) / 8 + 1). */
function encodedSize(n: number): number {
  return Math.floor(Math.floor(Math.log2(Math.max(1, n))) / 8) + 1;
}

/** The chunks a version-2 B-tree at `address` indexes. */
export function readBtree2Chunks(
  file: FormatFile,
  address: number,
  chunk: number[],
  chunkBytes: number,
): StoredChunk[] {
  const O = file.offsetSize;
  const header = readChecked(
    file,
    address,
    4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + O + 2 + file.lengthSize + 4,
    'v2 B-tree header',
    'BTHD',
  );
  if (header.u8() !== 0) throw corrupt('the v2 B-tree header has an unknown version');
  const type = header.u8();
  const nodeSize = header.u32();
  const recordSize = header.u16();
  const depth = header.u16();
  header.skip(2);
  const root = header.address();
  const rootRecords = header.u16();
  if ((type !== 10 && type !== 11) || depth > 32 || recordSize < O + 8 * chunk.length || nodeSize <= 10 + recordSize) {
    throw corrupt('the v2 B-tree header is not a chunk index');
  }
  if (root === undefined) return [];
  const filtered = type === 11;
  const entrySize = recordSize - 8 * chunk.length;

  // Per depth: the most records a node holds and the bytes of the counts in pointers to it (H5B2__hdr_init).
  const leafMax = Math.floor((nodeSize - 10) / recordSize);
  const countBytes = encodedSize(leafMax);
  const cumulative = [leafMax];
  const totalBytes = [0];
  for (let d = 1; d <= depth; d++) {
    const pointer = O + countBytes + (d > 1 ? totalBytes[d - 1]! : 0);
    const max = Math.floor((nodeSize - (10 + pointer)) / (recordSize + pointer));
    cumulative.push((max + 1) * cumulative[d - 1]! + max);
    totalBytes.push(encodedSize(cumulative[d]!));
  }

  const chunks: StoredChunk[] = [];
  const seen = new Set<number>();
  const visit = (node: number, records: number, level: number): void => {
    if (seen.has(node)) throw corrupt(`the v2 B-tree node at address ${node} is reached twice`);
    seen.add(node);
    const pointer = level > 0 ? O + countBytes + (level > 1 ? totalBytes[level - 1]! : 0) : 0;
    const used = PREFIX + records * recordSize + (level > 0 ? (records + 1) * pointer : 0);
    if (used + 4 > nodeSize) throw corrupt(`the v2 B-tree node at address ${node} claims more records than it holds`);
    const block = readChecked(file, node, used + 4, 'v2 B-tree node', level > 0 ? 'BTIN' : 'BTLF');
    block.skip(2);
    for (let i = 0; i < records; i++) {
      const entry = readChunkEntry(block, filtered, entrySize, chunkBytes);
      const offsets = chunk.map((size) => block.uint(8) * size);
      if (entry.address === undefined)
        throw corrupt(`the v2 B-tree node at address ${node} lists a chunk without an address`);
      const at = file.base + entry.address;
      if (at + entry.size > file.size) throw corrupt(`a chunk at address ${entry.address} lies outside the file`);
      chunks.push({ offsets, address: at, size: entry.size, filterMask: entry.filterMask });
    }
    if (level === 0) return;
    const children = Array.from({ length: records + 1 }, () => {
      const child = block.address();
      const count = block.uint(countBytes);
      if (level > 1) block.skip(totalBytes[level - 1]!);
      if (child === undefined) throw corrupt(`the v2 B-tree node at address ${node} points nowhere`);
      return { child, count };
    });
    prefetchBlocks(
      file,
      children.map(({ child }) => ({ address: child, length: nodeSize })),
    );
    for (const { child, count } of children) visit(child, count, level - 1);
  };
  visit(root, rootRecords, depth);
  return chunks;
}
