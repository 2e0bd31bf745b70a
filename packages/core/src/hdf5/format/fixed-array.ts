// The fixed array chunk index (layout v4 index type 3: no unlimited dimension). HDF5 File Format Specification v3,
// "Fixed Array Header" and "Fixed Array Data Block", checked against HDF5's H5FAcache.c: header "FAHD", version,
// client id (0: chunks, 1: filtered chunks), entry size(1), page bits(1), entry count (length), data block address,
// checksum. Data block "FADB", version, client id, header address, then either the entries or (when there are more
// entries than 2^page bits) a page-initialised bitmap (most significant bit first, H5VM_bit_get), and a checksum;
// pages follow the block, each its entries and a checksum, the last one holding what remains. Entry i is the
// chunk at linear index i of the maximum-dimension grid in C order (H5Dfarray.c, H5VM_array_offset_pre).
import { readChecked } from './checksum.js';
import { readChunkEntry } from './chunk-element.js';
import { corrupt, prefetchBlocks, type FormatFile } from './file-bytes.js';
import type { StoredChunk } from './storage-types.js';

/** The chunks a fixed array at `address` lists, for a dataset whose chunk grid over its maximum shape is `maxGrid`. */
export function readFixedArrayChunks(
  file: FormatFile,
  address: number,
  chunk: number[],
  maxGrid: number[],
  chunkBytes: number,
): StoredChunk[] {
  const O = file.offsetSize;
  const header = readChecked(file, address, 4 + 1 + 1 + 1 + 1 + file.lengthSize + O + 4, 'fixed array header', 'FAHD');
  if (header.u8() !== 0) throw corrupt('the fixed array header has an unknown version');
  const client = header.u8();
  const entrySize = header.u8();
  const pageBits = header.u8();
  const count = header.length();
  const blockAddress = header.address();
  if (client > 1 || entrySize < O || pageBits > 32) throw corrupt('the fixed array header is inconsistent');
  const expected = maxGrid.reduce((n, g) => n * g, 1);
  if (count !== expected) throw corrupt(`the fixed array lists ${count} chunks where the dataset has ${expected}`);
  if (blockAddress === undefined) return [];
  const filtered = client === 1;
  const pageEntries = 2 ** pageBits;
  const pages = count > pageEntries ? Math.ceil(count / pageEntries) : 0;
  const bitmapSize = pages > 0 ? Math.ceil(pages / 8) : 0;
  const prefix = 4 + 1 + 1 + O;
  const block = readChecked(
    file,
    blockAddress,
    prefix + bitmapSize + (pages > 0 ? 0 : count * entrySize) + 4,
    'fixed array data block',
    'FADB',
  );
  block.skip(2); // version, client id
  block.skip(O); // header address
  const chunks: StoredChunk[] = [];
  const add = (index: number, entry: ReturnType<typeof readChunkEntry>): void => {
    if (entry.address === undefined) return;
    const offsets = unravel(index, maxGrid).map((s, d) => s * chunk[d]!);
    const at = file.base + entry.address;
    if (at + entry.size > file.size) throw corrupt(`a chunk at address ${entry.address} lies outside the file`);
    chunks.push({ offsets, address: at, size: entry.size, filterMask: entry.filterMask });
  };
  if (pages === 0) {
    for (let i = 0; i < count; i++) add(i, readChunkEntry(block, filtered, entrySize, chunkBytes));
    return chunks;
  }
  const bitmap = block.take(bitmapSize);
  const pagesStart = blockAddress + prefix + bitmapSize + 4;
  const pageSize = pageEntries * entrySize + 4;
  const written = (page: number): boolean => (bitmap[page >> 3]! & (0x80 >> (page & 7))) !== 0;
  const pageList = Array.from({ length: pages }, (_, page) => page).filter(written);
  prefetchBlocks(
    file,
    pageList.map((page) => ({ address: pagesStart + page * pageSize, length: pageSize })),
  );
  for (let page = 0; page < pages; page++) {
    if (!written(page)) continue; // never written: every chunk in it unallocated
    const entries = page === pages - 1 ? count - page * pageEntries : pageEntries;
    const body = readChecked(file, pagesStart + page * pageSize, entries * entrySize + 4, 'fixed array page');
    for (let i = 0; i < entries; i++)
      add(page * pageEntries + i, readChunkEntry(body, filtered, entrySize, chunkBytes));
  }
  return chunks;
}

/** Coordinates of linear index `index` in a C-order grid. */
export function unravel(index: number, grid: number[]): number[] {
  const out = grid.map(() => 0);
  for (let d = grid.length - 1; d >= 0; d--) {
    out[d] = index % grid[d]!;
    index = Math.floor(index / grid[d]!);
  }
  return out;
}
