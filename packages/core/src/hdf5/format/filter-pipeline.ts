// The filter pipeline message (0x000B). HDF5 File Format Specification v3, "Data Storage - Filter Pipeline Message"
// (HDF5's H5Opline.c): version 1 is version, filter count, 6 reserved bytes, then per filter id(2), name length(2),
// flags(2), client value count(2), the name padded to 8, the values (4 bytes each) and 4 bytes of padding when the
// count is odd; version 2 drops the reserved bytes and the padding, and has a name only for ids >= 256.
import type { FilterStep } from './storage-types.js';
import { corrupt, type Cursor } from './file-bytes.js';

// Names HDF5 registers for its own filters (H5Zpublic.h), reported when the message stores none.
const KNOWN_NAMES: Record<number, string> = {
  1: 'deflate',
  2: 'shuffle',
  3: 'fletcher32',
  4: 'szip',
  5: 'nbit',
  6: 'scaleoffset',
  32000: 'lzf',
  32001: 'blosc',
  32004: 'lz4',
  32008: 'bitshuffle',
  32015: 'zstd',
};

/** Parse a filter pipeline message into its filters, in the order they were applied when writing. */
export function readFilterPipeline(c: Cursor): FilterStep[] {
  const version = c.u8();
  const count = c.u8();
  if (version === 1) c.skip(6);
  else if (version !== 2) throw corrupt(`a filter pipeline message has an unknown version (${version})`);
  if (count > 32) throw corrupt(`a filter pipeline lists ${count} filters`);
  const filters: FilterStep[] = [];
  for (let i = 0; i < count; i++) {
    const id = c.u16();
    const nameLength = version === 1 || id >= 256 ? c.u16() : 0;
    const flags = c.u16();
    const values = c.u16();
    let name = '';
    if (nameLength > 0) {
      const raw = c.take(version === 1 ? Math.ceil(nameLength / 8) * 8 : nameLength);
      const end = raw.indexOf(0);
      name = new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end));
    }
    const clientData = Array.from({ length: values }, () => c.u32());
    if (version === 1 && values % 2 === 1) c.skip(4);
    filters.push({ id, name: name || KNOWN_NAMES[id] || '', optional: (flags & 1) !== 0, clientData });
  }
  return filters;
}
