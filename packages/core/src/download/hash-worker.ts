// Digest a large file on a worker thread, reading it back from disk (the page cache) as its bytes become final, so
// the hashing CPU is off the threads that move bytes and what is verified is exactly what is on disk. The file is
// cut into segments, each digested on its own as soon as a prefix of it is final: the whole file for SHA-256 and
// MD5, DANDI's parts for a dandi-etag (independent MD5s, so parallel ranged parts never wait for each other).
// The worker is a small CommonJS script evaluated from a string, so it runs the same from src (tests) and dist.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { dandiPartLayout, partAt } from './dandi-etag.js';
import type { DigestKind } from './digest.js';
import type { PartState } from './resume-state.js';

/** Digests a file as its bytes become final on disk. */
export interface FileHasher {
  /** Bytes `[0, watermark)` are final on disk. */
  advance(watermark: number): void;
  /** The first `done` bytes of each part are final on disk (parts tile the file; they may finish out of order). */
  advanceParts?(parts: readonly PartState[]): void;
  finish(): Promise<string>;
  close(): Promise<void>;
}

// Segments { start, size }; messages { marks: [index, bytes final from the segment's start, ...] } and
// { finish: true }. Hashes whatever is final, a bounded amount per turn so messages get through; replies
// { digests } (hex, one per segment) once finishing and complete, or { error }.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { path, algorithm, segments } = workerData;
const buffer = Buffer.allocUnsafe(4 << 20);
const state = segments.map((s) => ({ start: s.start, size: s.size, hashed: 0, final: 0, hash: createHash(algorithm), digest: undefined }));
let fd, finishing = false, scheduled = false, failed = false;
function schedule() { if (!scheduled && !failed) { scheduled = true; setImmediate(step); } }
function step() {
  scheduled = false;
  try {
    if (fd === undefined) fd = openSync(path, 'r');
    let budget = 32 << 20, pending = false;
    for (const s of state) {
      while (s.hashed < s.final && budget > 0) {
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, s.final - s.hashed), s.start + s.hashed);
        if (n === 0) throw new Error(path + ' is shorter than the bytes reported written');
        s.hash.update(buffer.subarray(0, n));
        s.hashed += n; budget -= n;
      }
      if (s.hashed === s.size && s.digest === undefined) s.digest = s.hash.digest('hex');
      if (s.hashed < s.final) pending = true;
    }
    if (pending) return schedule();
    if (finishing) {
      closeSync(fd);
      parentPort.postMessage({ digests: state.map((s) => s.digest) });
    }
  } catch (error) {
    failed = true;
    parentPort.postMessage({ error: error.message });
  }
}
parentPort.on('message', (message) => {
  if (message.finish) { finishing = true; for (const s of state) s.final = s.size; }
  const marks = message.marks || [];
  for (let i = 0; i < marks.length; i += 2) { const s = state[marks[i]]; s.final = Math.max(s.final, Math.min(marks[i + 1], s.size)); }
  schedule();
});
`;

interface Segment {
  start: number;
  size: number;
}

/** How `kind` cuts a file of `size` bytes into independently digested segments. */
function segmentsFor(kind: Exclude<DigestKind, 'size'>, size: number): Segment[] {
  if (kind !== 'dandi-etag') return [{ start: 0, size }];
  const layout = dandiPartLayout(size);
  return Array.from({ length: layout.count }, (_, index) => {
    const part = partAt(layout, index);
    return { start: part.offset, size: part.size };
  });
}

/** Bytes final from each segment's start, given parts (sorted, tiling the file) with their `done` prefixes. */
export function segmentMarks(segments: readonly Segment[], parts: readonly PartState[]): number[] {
  const marks: number[] = [];
  let p = 0;
  for (const segment of segments) {
    const end = segment.start + segment.size;
    while (p < parts.length && parts[p]!.end < segment.start) p++;
    let at = segment.start;
    for (let q = p; q < parts.length && at < end; q++) {
      const part = parts[q]!;
      if (part.start > at) break;
      const written = part.start + part.done;
      if (written <= at) break;
      at = Math.min(written, end);
      if (part.done < part.end - part.start + 1 && at < end) break;
    }
    marks.push(at - segment.start);
  }
  return marks;
}

/** One worker digesting some of the segments (`owned` are their indexes in the file's list). */
interface SegmentWorker {
  worker: Worker;
  owned: number[];
  result: Promise<string[]>;
}

function startSegmentWorker(
  path: string,
  algorithm: string,
  segments: readonly Segment[],
  owned: number[],
): SegmentWorker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, algorithm, segments: owned.map((index) => segments[index]) },
  });
  worker.unref();
  const result = new Promise<string[]>((resolve, reject) => {
    worker.once('message', (message: { digests?: string[]; error?: string }) => {
      if (message.digests) resolve(message.digests);
      else reject(new Error(message.error ?? 'the hash worker failed'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the hash worker stopped (exit ${code})`)));
  });
  result.catch(() => undefined);
  return { worker, owned, result };
}

/**
 * A FileHasher on worker threads, for kinds other than "size" and files larger than a few MiB. A dandi-etag's
 * parts are shared between `threads` workers (alternating, as parallel ranged parts arrive side by side), so
 * MD5 (the slow digest: about half SHA-256's speed with SHA extensions) can use every core once the bytes are in.
 */
export function createWorkerHasher(
  path: string,
  kind: Exclude<DigestKind, 'size'>,
  size: number,
  threads = 1,
): FileHasher {
  const segments = segmentsFor(kind, size);
  const algorithm = kind === 'sha2-256' ? 'sha256' : 'md5';
  const count = Math.max(1, Math.min(threads, segments.length));
  const workers = Array.from({ length: count }, (_, w) =>
    startSegmentWorker(
      path,
      algorithm,
      segments,
      segments.map((_, index) => index).filter((index) => index % count === w),
    ),
  );
  // What each segment's worker was last told, so only news is posted.
  const told = segments.map(() => 0);
  const tell = (marks: readonly number[]) => {
    for (const { worker, owned } of workers) {
      const news: number[] = [];
      owned.forEach((index, local) => {
        const mark = marks[index]!;
        if (mark > told[index]!) {
          told[index] = mark;
          news.push(local, mark);
        }
      });
      if (news.length > 0) worker.postMessage({ marks: news });
    }
  };
  return {
    advance(watermark) {
      tell(segments.map((s) => Math.max(0, Math.min(watermark, size) - s.start)));
    },
    advanceParts(parts) {
      tell(segmentMarks(segments, parts));
    },
    async finish() {
      for (const { worker } of workers) worker.postMessage({ finish: true });
      const digests: string[] = new Array(segments.length);
      for (const { owned, result } of workers) {
        const some = await result;
        owned.forEach((index, local) => (digests[index] = some[local]!));
      }
      if (kind !== 'dandi-etag') return digests[0] ?? '';
      // dandi-etag: md5 over the binary part digests, then "-<parts>" (dandischema DandiETag.as_str).
      const whole = createHash('md5');
      for (const digest of digests) whole.update(Buffer.from(digest, 'hex'));
      return `${whole.digest('hex')}-${digests.length}`;
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
