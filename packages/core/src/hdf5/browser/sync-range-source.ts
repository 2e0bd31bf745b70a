// Inside the browser worker: HTTP Range reads with synchronous XMLHttpRequest. HDF5 calls read() synchronously, and a
// page that is not cross-origin isolated has no SharedArrayBuffer to block on, but a dedicated worker may still make
// synchronous XHRs (the fallback issue 3 names; Emscripten's createLazyFile and lazyFileLRU do the same:
// docs/h5wasm.md §2). The size comes from the Content-Range of a first ranged GET, never HEAD (DANDI's
// S3 CORS blocks HEAD). Only the Range header is sent: it is CORS-safelisted for a single range, so no preflight is
// needed; browsers forbid setting User-Agent and Accept-Encoding from scripts.
import type { SourceFailureInfo } from './protocol.js';

/** Options of a synchronous range source. */
export interface SyncRangeSourceOptions {
  probeBytes: number;
  timeoutMs: number;
  attempts: number;
  headers: Record<string, string>;
}

/** A source failure carried through HDF5's read callback to the call that caused it. */
export class SourceFailure extends Error {
  constructor(readonly info: SourceFailureInfo) {
    super(info.message);
  }
}

/** Reads one URL by byte ranges, synchronously; learns the size (and keeps the bytes) of a first ranged GET. */
export class SyncRangeSource {
  /** Requests made and bytes received so far. */
  requests = 0;
  bytesFetched = 0;
  private resolvedUrl: string;

  constructor(
    url: string,
    readonly location: string,
    private readonly options: SyncRangeSourceOptions,
  ) {
    this.resolvedUrl = url;
  }

  /** The first ranged GET: the file's size and its first bytes. */
  probe(): { size: number; head: Uint8Array } {
    const { bytes, total } = this.get(0, this.options.probeBytes);
    return { size: total, head: bytes };
  }

  /** Bytes [offset, offset+length) (fewer only at the end of the file). */
  read(offset: number, length: number): Uint8Array {
    return this.get(offset, length).bytes;
  }

  private get(offset: number, length: number): { bytes: Uint8Array; total: number } {
    for (let attempt = 1; ; attempt++) {
      try {
        return this.getOnce(offset, length);
      } catch (error) {
        if (!(error instanceof SourceFailure) || !error.info.retryable || attempt >= this.options.attempts) throw error;
        pause(Math.min(2_000, 100 * 2 ** (attempt - 1)));
      }
    }
  }

  private getOnce(offset: number, length: number): { bytes: Uint8Array; total: number } {
    const location = this.location;
    const xhr = new XMLHttpRequest();
    xhr.open('GET', this.resolvedUrl, false);
    // Allowed for synchronous requests in workers only (in a window it throws).
    xhr.responseType = 'arraybuffer';
    xhr.timeout = this.options.timeoutMs;
    for (const [name, value] of Object.entries(this.options.headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Range', `bytes=${offset}-${offset + length - 1}`);
    try {
      xhr.send();
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      const message =
        name === 'TimeoutError'
          ? `A range request to ${location} timed out after ${this.options.timeoutMs} ms.`
          : // The browser does not say why (refused connection, DNS, or a CORS refusal look the same to scripts).
            `Could not read ${location}: the request failed (network error, or the server does not allow this page's origin by CORS).`;
      throw new SourceFailure({ type: 'network', message, retryable: true });
    }
    this.requests++;
    // Redirects (a DANDI download URL -> S3) are followed by the browser; keep asking the target.
    if (xhr.responseURL) this.resolvedUrl = xhr.responseURL;
    const status = xhr.status;
    if (status === 206 || status === 416) {
      const encoding = xhr.getResponseHeader('Content-Encoding');
      if (encoding && encoding !== 'identity') {
        throw new SourceFailure({
          type: 'protocol',
          message: `${location} is served with Content-Encoding ${encoding}, so byte ranges cannot be read.`,
        });
      }
      const total = parseTotal(xhr.getResponseHeader('Content-Range'));
      if (total === undefined) {
        throw new SourceFailure({
          type: 'protocol',
          message: `${location} answered a range request without a usable Content-Range header (a cross-origin server must list it in Access-Control-Expose-Headers).`,
        });
      }
      if (status === 416) return { bytes: new Uint8Array(0), total };
      const body = xhr.response as ArrayBuffer | null;
      const bytes = new Uint8Array(body ?? new ArrayBuffer(0));
      this.bytesFetched += bytes.length;
      const expected = Math.max(0, Math.min(length, total - offset));
      if (bytes.length < expected) {
        throw new SourceFailure({
          type: 'network',
          message: `The connection to ${location} closed after ${bytes.length} of ${expected} bytes.`,
          retryable: true,
        });
      }
      return { bytes: bytes.length > expected ? bytes.subarray(0, expected) : bytes, total };
    }
    if (status === 200) {
      throw new SourceFailure({
        type: 'protocol',
        message: `${location} ignores Range requests (it sent the whole file), so it cannot be read in parts.`,
      });
    }
    if (status === 404 || status === 410)
      throw new SourceFailure({ type: 'not-found', message: `Nothing is found at ${location}.`, status });
    if (status === 401 || status === 403)
      throw new SourceFailure({ type: 'auth', message: `${location} needs credentials (HTTP ${status}).`, status });
    const retryable = status === 429 || status >= 500;
    throw new SourceFailure({
      type: 'network',
      message: `${location} answered HTTP ${status} to a range request.`,
      status,
      retryable,
    });
  }
}

/** Total size from `Content-Range: bytes a-b/total` or `bytes *\/total`. */
function parseTotal(header: string | null): number | undefined {
  const match = header ? /\/\s*(\d+)\s*$/.exec(header) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Wait between retries without an event loop turn (the worker is inside a synchronous HDF5 call). */
function pause(ms: number): void {
  if (typeof SharedArrayBuffer === 'function') {
    // Cross-origin isolated: Atomics.wait sleeps without burning CPU.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return;
  }
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy wait: only a worker thread, only between failed attempts.
  }
}
