// The transfer thread: runs ranged GETs and writes their bytes straight into the file descriptors the engine opened.
// It lives on its own thread because node:http allocates a fresh 64 KiB buffer per socket read, and V8 pays for that
// churn with full collections whose cost grows with the heap: in a process that has loaded the CLI (React, Ink, the
// AWS SDK, h5wasm) that doubled the CPU a gigabyte took. This thread loads only the HTTP and file code, so its
// collections stay small, and the main thread is left free for digests, progress and the terminal. http and https
// ranges avoid that churn altogether through the socket reader (socket-range.ts); node:http serves the rest.
import { write, writev } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { DestinationError } from '../errors.js';
import { createAgents, fetchRange, trustContext, type RangeResult } from './http-range.js';
import { ConnectionPool, fetchRangeOverSocket } from './socket-range.js';
import {
  REPORT_WRITTEN_BYTES,
  serializeError,
  type FromTransferThread,
  type ToTransferThread,
  type TransferRequest,
} from './transfer-protocol.js';

const port = parentPort;
if (!port) throw new Error('transfer-worker.js runs only as a worker thread');
const { sockets, socketReader, extraCa } = workerData as { sockets: number; socketReader: boolean; extraCa?: string };
const secureContext = trustContext(extraCa);
const agents = createAgents(sockets, secureContext);
const pool = new ConnectionPool(sockets, secureContext);
const running = new Map<number, AbortController>();
// Written bytes are reported every REPORT_WRITTEN_BYTES or REPORT_INTERVAL_MS per transfer, whichever comes first
// (and always before its result).
const REPORT_INTERVAL_MS = 100;

const post = (message: FromTransferThread) => port.postMessage(message);

port.on('message', (message: ToTransferThread) => {
  if (message.type === 'abort') {
    running.get(message.id)?.abort(new Error('aborted'));
    return;
  }
  void transfer(message);
});

async function transfer(req: TransferRequest): Promise<void> {
  const controller = new AbortController();
  running.set(req.id, controller);
  let unreported = 0;
  let reportedAt = Date.now();
  const report = () => {
    if (unreported > 0) post({ type: 'written', id: req.id, length: unreported });
    unreported = 0;
    reportedAt = Date.now();
  };
  try {
    const onWritten = (length: number) => {
      // Only bytes that are written are reported: the resume state counts on it.
      unreported += length;
      if (unreported >= REPORT_WRITTEN_BYTES || Date.now() - reportedAt >= REPORT_INTERVAL_MS) report();
    };
    // http and https go over the socket reader; answers it does not frame itself over node:http.
    let url = req.url;
    let result: RangeResult | undefined;
    if (socketReader && (url.startsWith('http:') || url.startsWith('https:'))) {
      const outcome = await fetchRangeOverSocket({
        ...requestFields(req),
        url,
        pool,
        signal: controller.signal,
        fd: req.fd,
        path: req.path,
        onWritten,
      });
      if (outcome.kind === 'done') result = outcome.result;
      else url = outcome.url;
    }
    result ??= await fetchRange({
      ...requestFields(req),
      url,
      agents,
      signal: controller.signal,
      sink: async (chunks, offset, length) => {
        await writeAll(req, chunks, offset, length);
        onWritten(length);
      },
    });
    report();
    post({ type: 'done', id: req.id, bytes: result.bytes, etag: result.etag });
  } catch (error) {
    report();
    post({ type: 'failed', id: req.id, error: serializeError(error) });
  } finally {
    running.delete(req.id);
  }
}

function requestFields(req: TransferRequest) {
  return {
    start: req.start,
    end: req.end,
    totalSize: req.totalSize,
    idleTimeoutMs: req.idleTimeoutMs,
    expectedEtag: req.expectedEtag,
  };
}

/** Write a batch at `offset` with writev (no concatenation), finishing a short write plainly. */
async function writeAll(req: TransferRequest, chunks: Buffer[], offset: number, length: number): Promise<void> {
  let written = await new Promise<number>((resolve, reject) =>
    writev(req.fd, chunks, offset, (error, bytes) => (error ? reject(asWriteError(req, error)) : resolve(bytes))),
  );
  if (written === length) return;
  // writev may write less than asked (rare, e.g. a full disk getting space back).
  const rest = Buffer.concat(chunks, length);
  while (written < length) {
    const bytes = await new Promise<number>((resolve, reject) =>
      write(req.fd, rest, written, length - written, offset + written, (error, n) =>
        error ? reject(asWriteError(req, error)) : resolve(n),
      ),
    );
    if (bytes === 0)
      throw new DestinationError(`Cannot write "${req.path}": the disk accepted no more bytes.`, req.path);
    written += bytes;
  }
}

function asWriteError(req: TransferRequest, error: Error): DestinationError {
  return new DestinationError(`Cannot write "${req.path}": ${error.message}.`, req.path);
}
