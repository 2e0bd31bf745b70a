// A large NWB file for benchmarks (`ember-sample-archive --large`, never CI): the same session layout as the small
// synthetic files, with chunked gzip pose series long enough to matter and a bulk acquisition dataset that brings
// the file to the requested size. It is built in a MEMFS file slice by slice (write_slice on chunked datasets, so
// no full-size array is ever held), then copied to disk in pieces while hashing; the MEMFS file is always removed.
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Group } from 'h5wasm';
import {
  attrFloat64,
  attrNeurodataType,
  attrText,
  createH5pyLikeFile,
  float64Scalar,
  loadH5wasm,
  tempPath,
  unlinkQuietly,
  withFrozenClock,
  type H5Module,
} from './hdf5-writer.js';
import { FEEDING_BODY_PARTS } from './feeding-model.js';
import { nwbSession, RowWriter, writeNwbSession } from './nwb-pose.js';
import { Prng } from './prng.js';
import type { LargeNwbParams, LargeNwbResult } from './types.js';

/** Pose frame rate of the large file. */
const LARGE_RATE = 100;
/**
 * Share of the target size given to the pose series (before compression). Issue 3's reference file was 473 MB with
 * one pose series of 3.11 MB (0.66%) beside bulk acquisition data; 7% over the six body parts gives each series about 0.65%
 * of the file (one series' gzip chunks: ~7 MB of a ~1.08 GB file), so "tree + one series <= 2%" is measurable.
 */
const POSE_SHARE = 0.07;
/** Columns of the bulk dataset (int16 channels, like a raw multichannel recording). */
const BULK_CHANNELS = 32;
/** Rows per bulk chunk: 16384 x 32 x 2 bytes = 1 MiB, stored uncompressed so the size is predictable. */
const BULK_CHUNK_ROWS = 16_384;
const COPY_PIECE = 8 * 1024 * 1024;

/** Options of writeLargeNwb beyond the shared parameters. */
export interface LargeNwbOptions {
  /** Pose frames per series (default: what POSE_SHARE of the target holds); the bulk dataset still fills the rest. */
  poseFrames?: number;
}

/** Write a synthetic NWB of at least `targetBytes` to `path`; returns its size and SHA-256. */
export async function writeLargeNwb(path: string, params: LargeNwbParams & LargeNwbOptions): Promise<LargeNwbResult> {
  const { seed, targetBytes } = params;
  if (!(targetBytes > 0)) throw new RangeError(`targetBytes must be positive, not ${targetBytes}.`);
  if (params.poseFrames !== undefined && !(Number.isInteger(params.poseFrames) && params.poseFrames >= 100)) {
    throw new RangeError(`poseFrames must be an integer of at least 100, not ${params.poseFrames}.`);
  }
  const m = await loadH5wasm();
  // x, y (2 x float64) + confidence (float64) per body part, plus one shared timestamp, per frame.
  const bytesPerFrame = FEEDING_BODY_PARTS.length * 24 + 8;
  const frames = params.poseFrames ?? Math.max(100, Math.floor((targetBytes * POSE_SHARE) / bytesPerFrame));
  const temp = tempPath();
  try {
    withFrozenClock(() => {
      const file = createH5pyLikeFile(temp);
      try {
        const session = nwbSession({
          seed,
          subjectId: 'sub-LARGE01',
          sessionId: 'ses-benchmark',
          frames,
          rate: LARGE_RATE,
          timing: 'timestamps',
        });
        // At least four slices even for small targets, so the streamed (resize + write_slice) path is always the one used.
        writeNwbSession(
          file,
          session,
          { sliceFrames: Math.min(65_536, Math.ceil(frames / 4)), streaming: true },
          false,
        );
        file.flush();
        const sizeSoFar = m.FS.stat(temp).size;
        const remaining = Math.max(0, targetBytes - sizeSoFar);
        // Round up to whole chunks and add one, so index and header growth can never leave the file short.
        const rows = (Math.ceil(remaining / (BULK_CHANNELS * 2) / BULK_CHUNK_ROWS) + 1) * BULK_CHUNK_ROWS;
        writeBulk(file.get('acquisition') as Group, seed, rows);
      } finally {
        file.close();
      }
    });
    return copyOut(m, temp, path, frames);
  } finally {
    unlinkQuietly(m, temp);
  }
}

function writeBulk(acquisition: Group, seed: number, rows: number): void {
  const series = acquisition.create_group('SyntheticBulkSignal');
  attrText(series, 'comments', 'Random noise: this series exists only to make the benchmark file large.');
  attrText(
    series,
    'description',
    'Synthetic 32-channel int16 signal at 30 kHz (uniform noise plus a slow sine); not a real recording.',
  );
  attrNeurodataType(series, 'core', 'TimeSeries', new Prng(seed, 'bulk-id').uuid());
  const writer = new RowWriter(series, 'data', [BULK_CHANNELS], rows, { chunks: [BULK_CHUNK_ROWS, BULK_CHANNELS] });
  const rng = new Prng(seed, 'bulk');
  const sliceRows = BULK_CHUNK_ROWS * 8;
  for (let at = 0; at < rows; at += sliceRows) {
    const n = Math.min(sliceRows, rows - at);
    const words = new Uint32Array((n * BULK_CHANNELS) / 2);
    for (let i = 0; i < words.length; i++) words[i] = rng.uint32();
    const samples = new Int16Array(words.buffer);
    for (let r = 0; r < n; r++) {
      const wave = Math.round(2000 * Math.sin((2 * Math.PI * (at + r)) / 30_000));
      for (let c = 0; c < BULK_CHANNELS; c++)
        samples[r * BULK_CHANNELS + c] = (samples[r * BULK_CHANNELS + c]! >> 4) + wave;
    }
    writer.append(samples);
  }
  const data = writer.dataset;
  attrFloat64(data, 'conversion', 1 / 3276.8);
  attrFloat64(data, 'offset', 0);
  attrFloat64(data, 'resolution', 1 / 3276.8);
  attrText(data, 'unit', 'volts');
  const start = float64Scalar(series, 'starting_time', 0);
  attrFloat64(start, 'rate', 30_000);
  attrText(start, 'unit', 'seconds');
}

// Stream the MEMFS file to disk in pieces, hashing as we go (FS.readFile would copy all of it at once).
function copyOut(m: H5Module, temp: string, path: string, frames: number): LargeNwbResult {
  const size = m.FS.stat(temp).size;
  const hash = createHash('sha256');
  const input = m.FS.open(temp, 'r');
  const fd = openSync(path, 'w');
  try {
    const piece = new Uint8Array(Math.min(COPY_PIECE, Math.max(1, size)));
    for (let at = 0; at < size;) {
      const n = m.FS.read(input, piece, 0, Math.min(piece.length, size - at), at);
      if (n <= 0) throw new Error(`Short read copying the generated NWB at byte ${at} of ${size}.`);
      const chunk = piece.subarray(0, n);
      hash.update(chunk);
      writeSync(fd, chunk);
      at += n;
    }
  } finally {
    closeSync(fd);
    m.FS.close(input);
  }
  return { bytes: size, sha256: hash.digest('hex'), frames };
}
