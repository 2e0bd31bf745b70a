// numpy bool datasets as h5py writes them: an HDF5 enum {FALSE = 0, TRUE = 1} over int8. h5wasm 0.10.3 cannot
// create enum types (src/hdf5_util.cc `create_h5_datatype_from_metadata` has no H5T_ENUM branch), so we write a
// one-byte compound placeholder whose datatype message is larger than the enum's, then overwrite that message in
// the finished file with the exact bytes h5py 3.7 / HDF5 1.10 write for `dtype=bool` (dumped from such a file).
// The raw data (one byte per element, 0 or 1) is the same under both types.
import type { Dataset, Group } from 'h5wasm';
import { guessChunks } from './chunks.js';

const PLACEHOLDER_MEMBER = '__ember_bool_enum__';

// Datatype message body h5py writes for numpy bool: class 8 (enum) v1, 2 members, size 1; base int8 signed
// (class 0 v1, flags 0x08, size 1, offset 0, precision 8); names "FALSE", "TRUE" padded to 8; values 0, 1.
const H5PY_BOOL_ENUM = Uint8Array.from([
  0x18, 0x02, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0x08, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08,
  0x00, 0x46, 0x41, 0x4c, 0x53, 0x45, 0x00, 0x00, 0x00, 0x54, 0x52, 0x55, 0x45, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
]);

const DATATYPE_MESSAGE = 0x0003;

/** A bool dataset (0/1 per element) that reads as numpy bool once `patchBoolEnums` has run over the file. */
export function boolDataset(
  group: Group,
  name: string,
  data: Uint8Array,
  shape: number[],
  gzip?: number,
  chunks?: number[],
): Dataset {
  const columns = new Map<string, Uint8Array>([[PLACEHOLDER_MEMBER, data]]);
  const base = { name, data: columns, shape, dtype: [[PLACEHOLDER_MEMBER, '<B']] as [string, string][] };
  if (gzip === undefined) return group.create_dataset(base);
  return group.create_dataset({
    ...base,
    chunks: chunks ?? guessChunks(shape, 1),
    compression: 'gzip',
    compression_opts: gzip,
  });
}

/** Rewrite every bool placeholder datatype message in a finished file into h5py's bool enum, in place; returns how many. */
export function patchBoolEnums(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = Buffer.from(PLACEHOLDER_MEMBER + '\0', 'latin1');
  let patched = 0;
  for (let at = buffer.indexOf(needle); at >= 0; at = buffer.indexOf(needle, at + 1)) {
    // Compound v1 body: 4 bytes class/version/member count, 4 bytes size, then the first member's name; the
    // object header message (type, size, flags, reserved) sits 8 bytes before the body. Anything else that
    // happens to contain the name (compressed data, say) is left alone.
    const body = at - 8;
    const header = body - 8;
    if (header < 0 || buffer[body] !== 0x16 || buffer.readUInt16LE(header) !== DATATYPE_MESSAGE) continue;
    const messageSize = buffer.readUInt16LE(header + 2);
    if (messageSize < H5PY_BOOL_ENUM.length) continue;
    buffer.fill(0, body, body + messageSize);
    buffer.set(H5PY_BOOL_ENUM, body);
    patched += 1;
  }
  return patched;
}
