// The chunk indexes of layout version 4 (files written with libver='latest' or HDF5 >= 1.10 defaults for new
// features). HDF5 File Format Specification v3, "Data Layout Message" version 4 and the index sections. The
// single-chunk and implicit indexes need no structure of their own (HDF5's H5Dsingle.c and H5Dnone.c): a single chunk
// at the index address, or every chunk of the grid stored back to back in C order of the maximum-dimension grid. The
// fixed array, extensible array and v2 B-tree are in their own modules.
import type { Dataspace } from './dataspace.js';
import { readBtree2Chunks } from './btree2-chunks.js';
import { readExtensibleArrayChunks } from './extensible-array.js';
import { corrupt, type FormatFile } from './file-bytes.js';
import { readFixedArrayChunks } from './fixed-array.js';
import type { ChunkIndex } from './layout.js';
import type { StoredChunk } from './storage-types.js';

/** The chunks of a layout-v4 index at `address`. */
export function readV4Chunks(
  file: FormatFile,
  address: number,
  index: Exclude<ChunkIndex, { type: 'btree1' }>,
  chunk: number[],
  space: Dataspace,
  elementSize: number,
): StoredChunk[] {
  const chunkBytes = chunk.reduce((n, d) => n * d, elementSize);
  switch (index.type) {
    case 'single': {
      const size = index.filteredSize ?? chunkBytes;
      if (file.base + address + size > file.size)
        throw corrupt(`the chunk at address ${address} lies outside the file`);
      return [{ offsets: chunk.map(() => 0), address: file.base + address, size, filterMask: index.filterMask ?? 0 }];
    }
    case 'implicit': {
      const shape = space.shape ?? [];
      const grid = shape.map((n, d) => Math.ceil(n / chunk[d]!));
      const maxGrid = maxGridOf(space, chunk);
      const chunks: StoredChunk[] = [];
      forEachScaled(grid, (scaled) => {
        const linear = scaled.reduce((n, s, d) => n * maxGrid[d]! + s, 0);
        const at = file.base + address + linear * chunkBytes;
        if (at + chunkBytes > file.size) throw corrupt(`a chunk at address ${at - file.base} lies outside the file`);
        chunks.push({ offsets: scaled.map((s, d) => s * chunk[d]!), address: at, size: chunkBytes, filterMask: 0 });
      });
      return chunks;
    }
    case 'fixed-array':
      return readFixedArrayChunks(file, address, chunk, maxGridOf(space, chunk), chunkBytes);
    case 'extensible-array': {
      const unlimited = (space.maxShape ?? []).findIndex((n) => !Number.isFinite(n));
      if (unlimited < 0) throw corrupt('an extensible array indexes a dataset without an unlimited dimension');
      return readExtensibleArrayChunks(file, address, chunk, maxGridOf(space, chunk), unlimited, chunkBytes);
    }
    case 'btree2':
      return readBtree2Chunks(file, address, chunk, chunkBytes);
  }
}

/** Chunks per dimension over the maximum shape (an unlimited dimension counts by its current size). */
function maxGridOf(space: Dataspace, chunk: number[]): number[] {
  const shape = space.shape ?? [];
  return (space.maxShape ?? shape).map((n, d) => Math.ceil((Number.isFinite(n) ? n : shape[d]!) / chunk[d]!));
}

/** Call `visit` with every coordinate of `grid` in C order. */
export function forEachScaled(grid: number[], visit: (scaled: number[]) => void): void {
  if (grid.some((n) => n <= 0)) return;
  const scaled = grid.map(() => 0);
  for (;;) {
    visit(scaled.slice());
    let d = grid.length - 1;
    while (d >= 0) {
      scaled[d]!++;
      if (scaled[d]! < grid[d]!) break;
      scaled[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}
