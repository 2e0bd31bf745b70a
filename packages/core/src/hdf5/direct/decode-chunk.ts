// Undo an HDF5 filter pipeline on one stored chunk, outside HDF5: the three filters h5py and pynwb write for
// numeric data (deflate, shuffle, fletcher32), and h5py's own lzf, which HDF5 in wasm cannot decode. Pure except
// for `inflate`, which the caller injects (node:zlib on the libuv thread pool in Node; DecompressionStream could
// serve a browser). Anything else is not decoded here.
import { lzfDecompress } from './lzf.js';

/** One step of a dataset's filter pipeline, as the storage plan lists it (in the order they were applied on write). */
export interface PipelineStep {
  id: number;
  clientData: number[];
}

/** Inflate a zlib stream (HDF5's deflate filter writes zlib format, header and Adler-32 included). */
export type Inflate = (bytes: Uint8Array) => Promise<Uint8Array>;

// Filter ids (H5Zpublic.h).
export const FILTER_DEFLATE = 1;
export const FILTER_SHUFFLE = 2;
export const FILTER_FLETCHER32 = 3;
/** h5py's LZF filter (registered id 32000). */
export const FILTER_LZF = 32000;

/** The filter ids this module decodes. */
export const DECODABLE_FILTERS: ReadonlySet<number> = new Set([
  FILTER_DEFLATE,
  FILTER_SHUFFLE,
  FILTER_FLETCHER32,
  FILTER_LZF,
]);

/** Why a stored chunk could not be decoded (the caller turns it into a CorruptFileError naming the file and dataset). */
export class ChunkDecodeError extends Error {}

/**
 * The decoded bytes of a chunk stored as `stored`: filters undone in reverse order, each skipped when its bit in
 * `filterMask` is set (HDF5 records an optional filter that failed on write that way). The result must be exactly
 * `expectedBytes` long (a whole chunk, edge chunks included), otherwise the chunk is damaged.
 */
export async function decodeChunk(
  stored: Uint8Array,
  pipeline: readonly PipelineStep[],
  filterMask: number,
  elementSize: number,
  expectedBytes: number,
  inflate: Inflate,
): Promise<Uint8Array> {
  let bytes = stored;
  for (let index = pipeline.length - 1; index >= 0; index--) {
    if ((filterMask >>> index) & 1) continue;
    const step = pipeline[index]!;
    switch (step.id) {
      case FILTER_FLETCHER32:
        bytes = checkFletcher32(bytes);
        break;
      case FILTER_DEFLATE:
        try {
          bytes = await inflate(bytes);
        } catch (error) {
          throw new ChunkDecodeError(
            `its deflate stream is damaged (${error instanceof Error ? error.message : String(error)})`,
            { cause: error },
          );
        }
        break;
      case FILTER_LZF:
        try {
          // cd_values[2]: the chunk's byte size (lzf_filter.c, lzf_set_local); 0 when it did not fit 32 bits.
          bytes = lzfDecompress(bytes, step.clientData[2] || expectedBytes);
        } catch (error) {
          throw new ChunkDecodeError(
            `its lzf stream is damaged (${error instanceof Error ? error.message : String(error)})`,
            { cause: error },
          );
        }
        break;
      case FILTER_SHUFFLE:
        // cd_values[0] is the element size the filter was set up with (H5Zshuffle.c, H5Z__set_local_shuffle).
        bytes = unshuffle(bytes, step.clientData[0] ?? elementSize);
        break;
      default:
        throw new ChunkDecodeError(`filter ${step.id} cannot be decoded here`);
    }
  }
  if (bytes.length !== expectedBytes) {
    throw new ChunkDecodeError(`it decodes to ${bytes.length} bytes where a chunk holds ${expectedBytes}`);
  }
  return bytes;
}

/**
 * Undo HDF5's shuffle: on write byte j of element i went to j * n + i; bytes past the last whole element stay in
 * place (H5Zshuffle.c, H5Z__filter_shuffle). Returns a new array.
 */
export function unshuffle(bytes: Uint8Array, elementSize: number): Uint8Array {
  const n = Math.floor(bytes.length / elementSize);
  if (elementSize <= 1 || n <= 1) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let j = 0; j < elementSize; j++) {
    const from = j * n;
    for (let i = 0, to = j; i < n; i++, to += elementSize) out[to] = bytes[from + i]!;
  }
  const whole = n * elementSize;
  if (whole < bytes.length) out.set(bytes.subarray(whole), whole);
  return out;
}

/** Shuffle as HDF5 writes it (the inverse of unshuffle); tests build stored chunks with it. */
export function shuffle(bytes: Uint8Array, elementSize: number): Uint8Array {
  const n = Math.floor(bytes.length / elementSize);
  if (elementSize <= 1 || n <= 1) return bytes.slice();
  const out = new Uint8Array(bytes.length);
  for (let j = 0; j < elementSize; j++) {
    const to = j * n;
    for (let i = 0, from = j; i < n; i++, from += elementSize) out[to + i] = bytes[from]!;
  }
  const whole = n * elementSize;
  if (whole < bytes.length) out.set(bytes.subarray(whole), whole);
  return out;
}

/**
 * HDF5's Fletcher-32 (H5checksum.c, H5_checksum_fletcher32): big-endian 16-bit words, an odd last byte as the
 * high byte of a word, sums folded every 360 words.
 */
export function fletcher32(bytes: Uint8Array): number {
  let sum1 = 0;
  let sum2 = 0;
  let words = bytes.length >>> 1;
  let at = 0;
  while (words > 0) {
    const run = words > 360 ? 360 : words;
    words -= run;
    for (let k = 0; k < run; k++, at += 2) {
      sum1 += (bytes[at]! << 8) | bytes[at + 1]!;
      sum2 += sum1;
    }
    sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
    sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
  }
  if (bytes.length % 2) {
    sum1 += bytes[at]! << 8;
    sum2 += sum1;
    sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
    sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
  }
  sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
  sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
  return ((sum2 << 16) | sum1) >>> 0;
}

/**
 * Check and strip the 4-byte checksum the fletcher32 filter appends (little-endian). Like H5Zfletcher32.c, a
 * checksum with the bytes of each 16-bit half swapped is accepted too (what HDF5 before 1.6.3 wrote).
 */
function checkFletcher32(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 4) throw new ChunkDecodeError('it is too short to hold its Fletcher-32 checksum');
  const data = bytes.subarray(0, bytes.length - 4);
  const end = bytes.length - 4;
  const stored = (bytes[end]! | (bytes[end + 1]! << 8) | (bytes[end + 2]! << 16) | (bytes[end + 3]! << 24)) >>> 0;
  const computed = fletcher32(data);
  const reversed = (((computed & 0x00ff00ff) << 8) | ((computed >>> 8) & 0x00ff00ff)) >>> 0;
  if (stored !== computed && stored !== reversed) throw new ChunkDecodeError('its Fletcher-32 checksum does not match');
  return data;
}
