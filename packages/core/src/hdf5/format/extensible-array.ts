// The extensible array chunk index (layout v4 index type 4: one unlimited dimension). HDF5 File Format Specification
// v3, "Extensible Array Header", "... Index Block", "... Secondary Block" and "... Data Block", checked against
// HDF5's H5EAcache.c, H5EAhdr.c (H5EA__hdr_init: super block k holds 2^floor(k/2) data blocks of
// 2^floor((k+1)/2) * min elements), H5EAiblock.c (the index block holds idx_blk_elmts entries, 2*(min pointers-1)
// data block addresses and the addresses of the super blocks after the first 2*log2(min pointers)) and H5EA.c
// H5EA__lookup_elmt. Data blocks of more than 2^page bits entries are paged: the super block holds the
// page-initialised bits of its data blocks, pages follow the data block's prefix, each its entries and a checksum.
// Entry i is the chunk at index i of the grid with the unlimited dimension moved first (H5Dearray.c swizzles it).
import { readChecked } from './checksum.js';
import { readChunkEntry, type ChunkEntry } from './chunk-element.js';
import { corrupt, prefetchBlocks, type Cursor, type FormatFile } from './file-bytes.js';
import { unravel } from './fixed-array.js';
import type { StoredChunk } from './storage-types.js';

interface SuperBlockInfo {
  dataBlocks: number;
  entries: number;
  start: number;
}

/** The chunks an extensible array at `address` lists; `unlimited` is the dataset's unlimited dimension. */
export function readExtensibleArrayChunks(
  file: FormatFile,
  address: number,
  chunk: number[],
  maxGrid: number[],
  unlimited: number,
  chunkBytes: number,
): StoredChunk[] {
  const O = file.offsetSize;
  const L = file.lengthSize;
  const header = readChecked(file, address, 4 + 1 + 1 + 6 + 6 * L + O + 4, 'extensible array header', 'EAHD');
  if (header.u8() !== 0) throw corrupt('the extensible array header has an unknown version');
  const client = header.u8();
  const entrySize = header.u8();
  const maxBits = header.u8();
  const indexEntries = header.u8();
  const minEntries = header.u8();
  const minPointers = header.u8();
  const pageBits = header.u8();
  header.skip(4 * L); // super and data block counts and sizes
  const indexesSet = header.length(); // one past the highest entry ever set (H5EA_iterate stops there)
  header.skip(L); // entries realized
  const indexAddress = header.address();
  const log2 = (n: number): number => Math.log2(n);
  if (
    client > 1 ||
    entrySize < O ||
    maxBits < 1 ||
    maxBits > 64 ||
    minEntries < 1 ||
    minPointers < 1 ||
    pageBits > 32
  ) {
    throw corrupt('the extensible array header is inconsistent');
  }
  if (!Number.isInteger(log2(minEntries)) || !Number.isInteger(log2(minPointers)))
    throw corrupt('the extensible array header is inconsistent');
  if (indexAddress === undefined) return [];
  const filtered = client === 1;
  const offsetBytes = Math.ceil(maxBits / 8);
  const pageEntries = 2 ** pageBits;

  const superBlocks: SuperBlockInfo[] = [];
  for (let k = 0, start = 0; k < 1 + maxBits - log2(minEntries); k++) {
    const info = { dataBlocks: 2 ** Math.floor(k / 2), entries: 2 ** Math.floor((k + 1) / 2) * minEntries, start };
    superBlocks.push(info);
    start += info.dataBlocks * info.entries;
  }
  const directSuperBlocks = Math.min(superBlocks.length, 2 * log2(minPointers));
  const directDataBlocks = 2 * (minPointers - 1);
  const indirect = superBlocks.length - directSuperBlocks;

  const chunks: StoredChunk[] = [];
  const add = (index: number, entry: ChunkEntry): void => {
    if (entry.address === undefined || index >= indexesSet) return;
    const swizzled = unravel(index, [Infinity, ...maxGrid.filter((_, d) => d !== unlimited)]);
    const scaled = [...swizzled.slice(1, unlimited + 1), swizzled[0]!, ...swizzled.slice(unlimited + 1)];
    const at = file.base + entry.address;
    if (at + entry.size > file.size) throw corrupt(`a chunk at address ${entry.address} lies outside the file`);
    chunks.push({
      offsets: scaled.map((s, d) => s * chunk[d]!),
      address: at,
      size: entry.size,
      filterMask: entry.filterMask,
    });
  };
  const readEntries = (c: Cursor, first: number, count: number): void => {
    for (let i = 0; i < count; i++) add(first + i, readChunkEntry(c, filtered, entrySize, chunkBytes));
  };

  const index = readChecked(
    file,
    indexAddress,
    4 + 2 + O + indexEntries * entrySize + (directDataBlocks + indirect) * O + 4,
    'extensible array index block',
    'EAIB',
  );
  index.skip(2 + O); // version, client id, header address
  readEntries(index, 0, indexEntries);
  const dataBlockAddresses = Array.from({ length: directDataBlocks }, () => index.address());
  const superBlockAddresses = Array.from({ length: indirect }, () => index.address());

  const dataBlockBytes = (count: number): number =>
    4 +
    2 +
    O +
    offsetBytes +
    4 +
    (count > pageEntries ? (count / pageEntries) * (pageEntries * entrySize + 4) : count * entrySize);
  const superBlockBytes = (info: SuperBlockInfo): number =>
    4 +
    2 +
    O +
    offsetBytes +
    info.dataBlocks * ((info.entries > pageEntries ? Math.ceil(info.entries / pageEntries / 8) : 0) + O) +
    4;
  {
    const blocks: { address: number; length: number }[] = [];
    let direct = 0;
    for (let k = 0; k < directSuperBlocks; k++) {
      for (let b = 0; b < superBlocks[k]!.dataBlocks; b++, direct++) {
        const at = dataBlockAddresses[direct];
        if (at !== undefined) blocks.push({ address: at, length: dataBlockBytes(superBlocks[k]!.entries) });
      }
    }
    superBlockAddresses.forEach((at, s) => {
      if (at !== undefined) blocks.push({ address: at, length: superBlockBytes(superBlocks[directSuperBlocks + s]!) });
    });
    prefetchBlocks(file, blocks);
  }

  /** A data block of `count` entries holding array entries from `first`; `pageMap` says which pages were written. */
  const readDataBlock = (at: number, first: number, count: number, pageMap: (page: number) => boolean): void => {
    const paged = count > pageEntries;
    const prefix = 4 + 2 + O + offsetBytes;
    const block = readChecked(
      file,
      at,
      prefix + (paged ? 0 : count * entrySize) + 4,
      'extensible array data block',
      'EADB',
    );
    block.skip(2 + O + offsetBytes);
    if (!paged) {
      readEntries(block, first, count);
      return;
    }
    const pageSize = pageEntries * entrySize + 4;
    for (let page = 0; page < count / pageEntries; page++) {
      if (!pageMap(page)) continue;
      const body = readChecked(file, at + prefix + 4 + page * pageSize, pageSize, 'extensible array data block page');
      readEntries(body, first + page * pageEntries, pageEntries);
    }
  };

  // Data blocks straight from the index block: those of the first super blocks, in order.
  let slot = 0;
  for (let k = 0; k < directSuperBlocks; k++) {
    const info = superBlocks[k]!;
    for (let b = 0; b < info.dataBlocks; b++, slot++) {
      const at = dataBlockAddresses[slot];
      if (at !== undefined) readDataBlock(at, indexEntries + info.start + b * info.entries, info.entries, () => true);
    }
  }
  // The rest through super blocks.
  for (let s = 0; s < indirect; s++) {
    const at = superBlockAddresses[s];
    if (at === undefined) continue;
    const info = superBlocks[directSuperBlocks + s]!;
    const paged = info.entries > pageEntries;
    const bitmapSize = paged ? Math.ceil(info.entries / pageEntries / 8) : 0;
    const block = readChecked(file, at, superBlockBytes(info), 'extensible array super block', 'EASB');
    block.skip(2 + O + offsetBytes);
    // One bitmap for the whole super block, its size rounded per data block, its bits packed: data block b's page p
    // is bit b * pages + p (H5EA.c H5EA__lookup_elmt: page_init_idx = dblk_idx * dblk_npages + page_idx).
    const bitmap = block.take(info.dataBlocks * bitmapSize);
    const pages = info.entries / pageEntries;
    const dataBlocks = Array.from({ length: info.dataBlocks }, () => block.address());
    prefetchBlocks(
      file,
      dataBlocks.flatMap((address) =>
        address === undefined ? [] : [{ address, length: dataBlockBytes(info.entries) }],
      ),
    );
    for (let b = 0; b < info.dataBlocks; b++) {
      const dataBlock = dataBlocks[b];
      if (dataBlock === undefined) continue;
      const written = (page: number): boolean => {
        const bit = b * pages + page;
        return (bitmap[bit >> 3]! & (0x80 >> (bit & 7))) !== 0;
      };
      readDataBlock(dataBlock, indexEntries + info.start + b * info.entries, info.entries, written);
    }
  }
  return chunks;
}
