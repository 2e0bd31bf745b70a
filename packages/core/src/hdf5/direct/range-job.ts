// One unit of direct-read work: the stored chunks of one file range, decoded and placed into the output. The same
// code runs on the reading thread (tests, engines without threads) and in the decoder threads of decode-pool.ts,
// which then write straight into an output backed by a SharedArrayBuffer.
import { ChunkDecodeError, decodeChunk, type Inflate, type PipelineStep } from './decode-chunk.js';
import { placeChunk, wordsOf, wordsPerElement, type Box } from './place-chunk.js';

/** A chunk of a range job: where it sits in the range's bytes and in the dataset. */
export interface JobChunk {
  from: number;
  size: number;
  filterMask: number;
  offsets: number[];
}

/** The chunks of one file range, how to decode them and where their values go. */
export interface RangeJob {
  /** The range's bytes when the caller fetched them; otherwise `file` says where the job reads them itself. */
  bytes?: Uint8Array;
  file?: { path: string; offset: number; length: number };
  chunks: JobChunk[];
  filters: PipelineStep[];
  elementSize: number;
  byteOrder: 'little' | 'big' | 'none';
  chunkShape: number[];
  box: Box;
  /** The output's bytes (C order, shape box.count). */
  out: Uint8Array;
}

/** Run a job somewhere (this thread or a decoder thread); a damaged chunk rejects with ChunkDecodeError. */
export type RangeRunner = (job: RangeJob) => Promise<void>;

/** Decode the job's chunks with `inflate` and place them; `readFile` serves jobs that carry a file range. */
export async function runRangeJob(
  job: RangeJob,
  inflate: Inflate,
  readFile?: (file: NonNullable<RangeJob['file']>) => Uint8Array,
): Promise<void> {
  const bytes = job.bytes ?? (job.file && readFile ? readFile(job.file) : undefined);
  if (!bytes) throw new Error('A range job carries neither bytes nor a readable file range.');
  const { elementSize, chunkShape } = job;
  const expectedBytes = chunkShape.reduce((a, b) => a * b, 1) * elementSize;
  const out = wordsOf(job.out, elementSize);
  const perElement = wordsPerElement(elementSize);
  await Promise.all(
    job.chunks.map(async (chunk) => {
      if (chunk.from + chunk.size > bytes.length)
        throw new ChunkDecodeError(`${describe(chunk)}: it lies past the end of the file`);
      let decoded: Uint8Array;
      try {
        decoded = await decodeChunk(
          bytes.subarray(chunk.from, chunk.from + chunk.size),
          job.filters,
          chunk.filterMask,
          elementSize,
          expectedBytes,
          inflate,
        );
      } catch (error) {
        if (error instanceof ChunkDecodeError)
          throw new ChunkDecodeError(`${describe(chunk)}: ${error.message}`, { cause: error });
        throw error;
      }
      if (job.byteOrder === 'big' && elementSize > 1) decoded = swapBytes(decoded, elementSize);
      else if (decoded.byteOffset % Math.min(elementSize, 4) !== 0) decoded = decoded.slice();
      placeChunk(wordsOf(decoded, elementSize), chunkShape, chunk.offsets, out, job.box, perElement);
    }),
  );
}

function describe(chunk: JobChunk): string {
  return `the chunk at [${chunk.offsets.join(', ')}] (${chunk.size} bytes)`;
}

/** A copy of `bytes` with each element's bytes reversed (big-endian file, little-endian machine). */
function swapBytes(bytes: Uint8Array, elementSize: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let at = 0; at + elementSize <= bytes.length; at += elementSize) {
    for (let k = 0; k < elementSize; k++) out[at + k] = bytes[at + elementSize - 1 - k]!;
  }
  return out;
}
