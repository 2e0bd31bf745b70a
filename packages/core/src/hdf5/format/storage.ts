// A dataset's storage read from its object header: layout, chunk index, filters, datatype size and order, fill
// value and bytes on disk, as h5py reports them (ds.id.get_storage_size(), ds.fillvalue, ds.id.get_chunk_info).
// H5Dget_storage_size (H5Dint.c H5D__get_storage_size): compact: the compact data's size; contiguous: its size when
// allocated, else 0; chunked: the sum of the stored sizes of the chunks its index lists; virtual: 0.
import { readBtree1Chunks } from './btree1-chunks.js';
import { readDataspace, type Dataspace } from './dataspace.js';
import { readDatatype, type Datatype } from './datatype.js';
import { corrupt, type FormatFile } from './file-bytes.js';
import { fillValueOf, readFillValue, readOldFillValue, type FillState } from './fill-value.js';
import { readFilterPipeline } from './filter-pipeline.js';
import { readLayout, type Layout } from './layout.js';
import { isNativeLayout } from './numbers.js';
import { readObjectHeader, type HeaderMessage } from './object-header.js';
import { resolveShared } from './shared-message.js';
import type { DatasetStorage, FilterStep, StoredChunk } from './storage-types.js';
import { readV4Chunks } from './chunk-indexes-v4.js';

const DATASPACE = 0x0001;
const DATATYPE = 0x0003;
const FILL_VALUE_OLD = 0x0004;
const FILL_VALUE = 0x0005;
const LAYOUT = 0x0008;
const FILTER_PIPELINE = 0x000b;

/** The storage of the dataset whose object header is at `address` (relative to the file's base). */
export function readDatasetStorage(file: FormatFile, address: number): DatasetStorage {
  const messages = readObjectHeader(file, address);
  const find = (type: number): HeaderMessage | undefined => {
    const message = messages.find((m) => m.type === type);
    return message && resolveShared(file, message);
  };
  const spaceMessage = find(DATASPACE);
  const typeMessage = find(DATATYPE);
  const layoutMessage = find(LAYOUT);
  if (!spaceMessage || !typeMessage || !layoutMessage)
    throw corrupt(`the object at address ${address} lacks a dataset's messages`);
  const space = readDataspace(spaceMessage.body);
  const type = readDatatype(typeMessage.body);
  const layout = readLayout(layoutMessage.body);
  const pipeline = find(FILTER_PIPELINE);
  const filters: FilterStep[] = pipeline ? readFilterPipeline(pipeline.body) : [];
  const newFill = find(FILL_VALUE);
  const oldFill = newFill ? undefined : find(FILL_VALUE_OLD);
  const fill: FillState = newFill
    ? readFillValue(newFill.body)
    : oldFill
      ? readOldFillValue(oldFill.body)
      : { kind: 'undefined' };
  const storage: DatasetStorage = {
    layout: layout.class,
    shape: space.shape,
    chunkShape: layout.class === 'chunked' ? layout.chunk : null,
    filters,
    elementSize: type.size,
    byteOrder: type.byteOrder,
    fixedSize: type.fixedSize,
    nativeNumbers: isNativeLayout(type),
    storageSize: 0,
    fillValue: fillValueOf(fill, type, file),
    ...(layout.class === 'chunked' && layout.unfilteredEdges ? { unfilteredEdges: true } : {}),
  };
  placeData(storage, file, layout, space, type);
  return storage;
}

function placeData(storage: DatasetStorage, file: FormatFile, layout: Layout, space: Dataspace, type: Datatype): void {
  switch (layout.class) {
    case 'compact':
      storage.compact = layout.data.slice(); // not a view: posting it must not copy the whole header block
      storage.storageSize = layout.data.length;
      return;
    case 'contiguous': {
      const size = layout.size ?? (space.shape ?? []).reduce((n, d) => n * d, 1) * type.size;
      if (layout.address === undefined) {
        storage.contiguous = null;
        return;
      }
      if (file.base + layout.address + size > file.size)
        throw corrupt(`the data at address ${layout.address} lies outside the file`);
      storage.contiguous = { address: file.base + layout.address, size };
      storage.storageSize = size;
      return;
    }
    case 'chunked': {
      const rank = layout.chunk.length;
      if (space.shape && space.shape.length !== rank)
        throw corrupt('the chunk shape and the dataspace disagree on the rank');
      let chunks: StoredChunk[] = [];
      if (layout.address !== undefined) {
        chunks =
          layout.index.type === 'btree1'
            ? readBtree1Chunks(file, layout.address, rank)
            : readV4Chunks(file, layout.address, layout.index, layout.chunk, space, type.size);
      }
      chunks.sort(compareOffsets);
      storage.chunks = chunks;
      storage.storageSize = chunks.reduce((n, c) => n + c.size, 0);
      return;
    }
    case 'virtual':
      return;
  }
}

/** C order of chunk offsets. */
function compareOffsets(a: StoredChunk, b: StoredChunk): number {
  for (let d = 0; d < a.offsets.length; d++) {
    const diff = a.offsets[d]! - b.offsets[d]!;
    if (diff !== 0) return diff;
  }
  return 0;
}
