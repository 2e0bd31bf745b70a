// The dataspace message (0x0001): the dataset's shape and maximum shape. HDF5 File Format Specification v3,
// "Dataspace Message": version 1 is version, rank, flags, 5 reserved bytes, then lengths; version 2 is version, rank,
// flags, type (0 scalar, 1 simple, 2 null), then lengths. Flag bit 0: maximum dimensions follow the dimensions.
import { corrupt, type Cursor } from './file-bytes.js';

/** A dataset's current and maximum shape (Infinity for an unlimited dimension); null shapes for a null dataspace. */
export interface Dataspace {
  shape: number[] | null;
  maxShape: number[] | null;
}

/** Parse a dataspace message. */
export function readDataspace(c: Cursor): Dataspace {
  const version = c.u8();
  const rank = c.u8();
  const flags = c.u8();
  let isNull = false;
  if (version === 1) c.skip(5);
  else if (version === 2) isNull = c.u8() === 2;
  else throw corrupt(`a dataspace message has an unknown version (${version})`);
  if (isNull) return { shape: null, maxShape: null };
  const shape = Array.from({ length: rank }, () => c.length());
  const maxShape = flags & 1 ? Array.from({ length: rank }, () => maxLength(c)) : shape.slice();
  return { shape, maxShape };
}

function maxLength(c: Cursor): number {
  const raw = c.bigUint(c.lengthSize);
  if (raw === (1n << BigInt(8 * c.lengthSize)) - 1n) return Infinity; // H5S_UNLIMITED
  if (raw > BigInt(Number.MAX_SAFE_INTEGER))
    throw corrupt('a dataspace holds a maximum dimension too large to be real');
  return Number(raw);
}
