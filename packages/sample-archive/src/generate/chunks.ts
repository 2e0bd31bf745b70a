// Chunk shapes as h5py picks them when a writer passes `compression=` without `chunks=`, so generated files
// have the same chunk layout as the real ones (JABS sample_pose_est_v2.h5: points (1800,12,2) -> chunks (900,6,1)).
// Port of h5py `h5py/_hl/filters.py` `guess_chunk` (h5py/h5py, BSD-3-Clause).

const CHUNK_BASE = 16 * 1024;
const CHUNK_MIN = 8 * 1024;
const CHUNK_MAX = 1024 * 1024;

/** The chunk shape h5py would choose for a dataset of `shape` with elements of `typeSize` bytes. */
export function guessChunks(shape: readonly number[], typeSize: number): number[] {
  if (shape.length === 0) throw new RangeError('Chunks are not allowed for scalar datasets.');
  // h5py guesses 1024 for unlimited (zero-length) axes.
  const chunks = shape.map((n) => (n === 0 ? 1024 : n));
  const product = (): number => chunks.reduce((a, b) => a * b, 1);
  const datasetBytes = product() * typeSize;
  let target = CHUNK_BASE * 2 ** Math.log10(datasetBytes / (1024 * 1024));
  if (target > CHUNK_MAX) target = CHUNK_MAX;
  else if (target < CHUNK_MIN) target = CHUNK_MIN;
  for (let idx = 0; ; idx++) {
    const chunkBytes = product() * typeSize;
    if ((chunkBytes < target || Math.abs(chunkBytes - target) / target < 0.5) && chunkBytes < CHUNK_MAX) break;
    if (product() === 1) break;
    const axis = idx % chunks.length;
    chunks[axis] = Math.ceil((chunks[axis] ?? 1) / 2);
  }
  return chunks;
}
