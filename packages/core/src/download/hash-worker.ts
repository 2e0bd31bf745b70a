// Digest a large file on a worker thread while the main thread keeps the sockets busy: the same contract as
// SequentialHasher (read back in file order up to the complete prefix), but the hashing CPU is off the event loop.
// The worker is a small CommonJS script evaluated from a string, so it runs the same from src (tests) and dist.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { dandiPartLayout } from './dandi-etag.js';
import type { DigestKind } from './digest.js';

/** Digests a file in file order as its complete prefix grows. */
export interface FileHasher {
  advance(watermark: number): void;
  finish(): Promise<string>;
  close(): Promise<void>;
}

// Hashes [0, watermark) in segments of `segmentSize` bytes (one digest per segment), yielding between batches so
// watermark messages get through; replies { digests } once finishing and complete, or { error }.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { path, algorithm, size, segmentSize } = workerData;
const buffer = Buffer.allocUnsafe(4 << 20);
let fd;
let hashed = 0, watermark = 0, finishing = false, scheduled = false, inSegment = 0;
let hash = createHash(algorithm);
const digests = [];
function schedule() { if (!scheduled) { scheduled = true; setImmediate(step); } }
function step() {
  scheduled = false;
  try {
    if (fd === undefined) fd = openSync(path, 'r');
    let budget = 32 << 20;
    while (hashed < watermark && budget > 0) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, watermark - hashed, segmentSize - inSegment), hashed);
      if (n === 0) throw new Error(path + ' is shorter than the bytes reported written');
      hash.update(buffer.subarray(0, n));
      hashed += n; inSegment += n; budget -= n;
      if (inSegment === segmentSize) { digests.push(hash.digest('hex')); hash = createHash(algorithm); inSegment = 0; }
    }
    if (hashed < watermark) return schedule();
    if (finishing && hashed === size) {
      if (inSegment > 0) digests.push(hash.digest('hex'));
      closeSync(fd);
      parentPort.postMessage({ digests });
    }
  } catch (error) {
    parentPort.postMessage({ error: error.message });
  }
}
parentPort.on('message', (message) => {
  if (message.finish) finishing = true;
  watermark = Math.max(watermark, message.watermark);
  schedule();
});
`;

/** A FileHasher on a worker thread, for kinds other than "size" and files larger than a few MiB. */
export function createWorkerHasher(path: string, kind: Exclude<DigestKind, 'size'>, size: number): FileHasher {
  const segmentSize = kind === 'dandi-etag' ? Math.max(1, dandiPartLayout(size).partSize) : Math.max(1, size);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, algorithm: kind === 'sha2-256' ? 'sha256' : 'md5', size, segmentSize },
  });
  worker.unref();
  let watermark = 0;
  const result = new Promise<string[]>((resolve, reject) => {
    worker.once('message', (message: { digests?: string[]; error?: string }) => {
      if (message.digests) resolve(message.digests);
      else reject(new Error(message.error ?? 'the hash worker failed'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the hash worker stopped (exit ${code})`)));
  });
  result.catch(() => undefined);
  return {
    advance(next) {
      if (next <= watermark) return;
      watermark = Math.min(next, size);
      worker.postMessage({ watermark });
    },
    async finish() {
      worker.postMessage({ watermark: size, finish: true });
      const digests = await result;
      if (kind !== 'dandi-etag') return digests[0] ?? '';
      // dandi-etag: md5 over the binary part digests, then "-<parts>" (dandischema DandiETag.as_str).
      const whole = createHash('md5');
      for (const digest of digests) whole.update(Buffer.from(digest, 'hex'));
      return `${whole.digest('hex')}-${digests.length}`;
    },
    async close() {
      await worker.terminate();
    },
  };
}
