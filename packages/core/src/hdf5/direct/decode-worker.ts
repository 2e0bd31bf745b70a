// Entry of a decoder thread: run range jobs (read the range of a local file itself or take the bytes it was sent,
// inflate with node:zlib synchronously since this thread has nothing else to do, unshuffle, check, and place the
// values straight into the output, which lives in a SharedArrayBuffer the reading thread allocated).
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';
import { ChunkDecodeError, type Inflate } from './decode-chunk.js';
import { runRangeJob, type RangeJob } from './range-job.js';

/** A job as it travels, with the id its answer carries. */
export interface DecoderRequest {
  id: number;
  job: RangeJob;
}

/** The answer to one job. */
export type DecoderAnswer = { id: number; ok: true } | { id: number; ok: false; message: string; decodeError: boolean };

const port = parentPort;
if (!port) throw new Error('The chunk decoder must run in a worker thread.');

port.on('message', ({ id, job }: DecoderRequest) => {
  const expected = job.chunkShape.reduce((a, b) => a * b, 1) * job.elementSize;
  // An output buffer of the chunk's size up front: zlib then fills one buffer instead of a list of 16 KiB pieces.
  const inflate: Inflate = (bytes) => Promise.resolve(inflateSync(bytes, { chunkSize: Math.max(64, expected + 64) }));
  runRangeJob(job, inflate, readRange).then(
    () => port.postMessage({ id, ok: true } satisfies DecoderAnswer),
    (error: unknown) =>
      port.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        decodeError: error instanceof ChunkDecodeError,
      } satisfies DecoderAnswer),
  );
});

/** The bytes of a local file range (fewer at the end of the file); the file is opened per job, so nothing is left open. */
function readRange(file: NonNullable<RangeJob['file']>): Uint8Array {
  const out = new Uint8Array(file.length);
  const fd = openSync(file.path, 'r');
  try {
    let filled = 0;
    while (filled < file.length) {
      const n = readSync(fd, out, filled, file.length - filled, file.offset + filled);
      if (n === 0) return out.subarray(0, filled);
      filled += n;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
