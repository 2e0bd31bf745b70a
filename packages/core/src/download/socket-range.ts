// A ranged GET over a plain `net` socket (http) or a `tls` socket (https) that writes the body straight into the
// destination file, for the transfer thread. node:http allocates a fresh 64 KiB buffer per socket read and llhttp copies each body chunk once more; at
// loopback speeds that churn (and the collections it causes) cost more CPU than the kernel's own work. Here every
// connection reads into one reusable staging buffer (`net.Socket`'s `onread` option: its `buffer` function is asked
// for the memory of each read, so reads land back to back), and the staged body goes to the file at its own offset
// with one synchronous pwrite per 256 KiB at most (a page-cache write, cheaper here than a hand-off to libuv's pool).
// A TLSSocket takes the same `onread` option and hands it the decrypted bytes, so https gets the same path (the
// real bucket is https); its trust is Node's roots plus NODE_EXTRA_CA_CERTS, or the secure context it is given.
// Only what a range GET from S3 needs is understood: a 206 (or 200 for a whole object) with Content-Length and, for
// 206, Content-Range. Everything else that could succeed — chunked bodies, 1xx, a scheme other than http(s) —
// is handed back as a fallback, so the node:http path handles it exactly as before; refusals (429, 5xx, 404 ...)
// fail with the same typed errors through the same checks (checkRangeAnswer).
import { writeSync } from 'node:fs';
import { connect, isIP, type OnReadOpts, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions, type SecureContext } from 'node:tls';
import { DestinationError, ProtocolError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import {
  asNetworkError,
  checkRangeAnswer,
  MAX_REDIRECTS,
  RetryableNetworkError,
  stalledError,
  type FileRangeRequest,
  type RangeResult,
} from './http-range.js';
import {
  contentLength,
  findHeadEnd,
  keepsAlive,
  MalformedHeadError,
  parseResponseHead,
  type ResponseHead,
} from './response-head.js';

/**
 * Staging buffer per connection: reads fill it back to back, and it is written out when less than a read is left.
 * Small on purpose: the kernel copies socket bytes into it and the pwrite copies them out again, and eight
 * connections' buffers must stay in the CPU cache for the second copy to be cheap. Measured per GiB on this machine
 * (2 cores, load 4): 4 MiB buffers cost 1.1-2.1 s of system CPU, 1 MiB 0.6-1.3 s, 128-512 KiB 0.5-0.6 s.
 */
const STAGING_BYTES = 256 * 2 ** 10;
/** Staged bytes are written out once less than this is free, so a read is never offered a sliver. */
const MIN_READ_BYTES = 64 * 2 ** 10;
/** Staged bytes are also written out when this long has passed, so progress and resume state move on slow links. */
const FLUSH_INTERVAL_MS = 100;
/** A status line and headers longer than this are not an S3 answer to a range GET. */
const MAX_HEAD_BYTES = 64 * 2 ** 10;

/** Bytes `[start, end]` of an http(s) `url`, written into `fd` at their own offsets over a pooled connection. */
export interface SocketRangeRequest extends FileRangeRequest {
  pool: ConnectionPool;
}

/** The transfer's result, or the URL (after any redirects) that the node:http path should fetch instead. */
export type SocketRangeOutcome = { kind: 'done'; result: RangeResult } | { kind: 'fallback'; url: string };

/** Where a connection goes: the scheme decides plain TCP or TLS. */
export interface Origin {
  tls: boolean;
  host: string;
  port: number;
}

/** Keep-alive connections by origin ("https://host:port"), each with its own staging buffer. */
export class ConnectionPool {
  readonly #idle = new Map<string, Connection[]>();

  /**
   * At most `maxIdle` idle connections per origin are kept. `secureContext` (e.g. Node's roots plus a private CA)
   * replaces the default trust of TLS connections.
   */
  constructor(
    readonly maxIdle: number,
    readonly secureContext?: SecureContext,
  ) {}

  /** An idle connection to `origin`, or a new one; `reused` says which (a reused one may have gone stale). */
  take(origin: Origin): { connection: Connection; reused: boolean } {
    const idle = this.#idle.get(originKey(origin));
    while (idle?.length) {
      const connection = idle.pop()!;
      if (connection.usable) return { connection, reused: true };
    }
    return { connection: this.open(origin), reused: false };
  }

  /** A new connection to `origin`, outside the pool until released into it. */
  open(origin: Origin): Connection {
    return new Connection(origin, this.secureContext);
  }

  /** Put a connection whose response is complete back for the next request. */
  release(connection: Connection): void {
    const key = connection.origin;
    const idle = this.#idle.get(key) ?? [];
    if (!connection.usable || idle.length >= this.maxIdle) return connection.destroy();
    connection.idle();
    idle.push(connection);
    this.#idle.set(key, idle);
  }

  /** Close every idle connection. */
  close(): void {
    for (const idle of this.#idle.values()) for (const connection of idle) connection.destroy();
    this.#idle.clear();
  }
}

/** What a connection tells the request using it. */
interface ConnectionListener {
  /** `bytes` more were read into the staging buffer. */
  data(bytes: number): void;
  end(): void;
  error(error: Error): void;
  timeout(): void;
}

function originKey(origin: Origin): string {
  return `${origin.tls ? 'https' : 'http'}://${origin.host}:${origin.port}`;
}

/** One TCP or TLS connection reading into its staging buffer; `filled` bytes of it are unconsumed. */
class Connection {
  readonly socket: Socket;
  readonly staging = Buffer.allocUnsafe(STAGING_BYTES);
  readonly origin: string;
  filled = 0;
  usable = true;
  #listener: ConnectionListener | undefined;

  constructor(origin: Origin, secureContext: SecureContext | undefined) {
    this.origin = originKey(origin);
    const { host, port } = origin;
    const onread: OnReadOpts = {
      buffer: () => this.staging.subarray(this.filled),
      callback: (bytes: number) => {
        this.filled += bytes;
        if (this.#listener) this.#listener.data(bytes);
        else this.destroy(); // Bytes nobody asked for: the connection is out of step.
        return true;
      },
    };
    // SNI carries a name, never an address (RFC 6066 §3); the certificate is checked against either. Node's types
    // leave `onread` out of tls.connect's options, but TLSSocket takes it from net.Socket and reads into it.
    const tlsOptions: ConnectionOptions & { onread: OnReadOpts } = {
      host,
      port,
      onread,
      ...(isIP(host) ? {} : { servername: host }),
      ...(secureContext ? { secureContext } : {}),
    };
    this.socket = origin.tls ? connectTls(tlsOptions) : connect({ host, port, onread });
    this.socket.on('end', () => ((this.usable = false), this.#listener?.end()));
    this.socket.on('error', (error) => ((this.usable = false), this.#listener?.error(error)));
    this.socket.on('close', () => (this.usable = false));
    this.socket.on('timeout', () => this.#listener?.timeout());
  }

  /** Route this connection's events to `listener` (one request at a time). */
  use(listener: ConnectionListener, idleTimeoutMs: number): void {
    this.#listener = listener;
    this.filled = 0;
    this.socket.setTimeout(idleTimeoutMs);
    this.socket.ref();
  }

  /** Between requests: no listener, no timer, and no hold on the event loop. */
  idle(): void {
    this.#listener = undefined;
    this.socket.setTimeout(0);
    this.socket.unref();
  }

  destroy(): void {
    this.usable = false;
    this.#listener = undefined;
    this.socket.destroy();
  }
}

/** Fetch bytes `[start, end]` of `req.url` into `req.fd`, following http(s) redirects; see the module comment. */
export async function fetchRangeOverSocket(req: SocketRangeRequest): Promise<SocketRangeOutcome> {
  let url = req.url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    // node:http names a bad URL or scheme in its own typed error.
    if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') return { kind: 'fallback', url };
    // A reused keep-alive connection that the server closed meanwhile fails before any answer: once on a new one.
    let answer = await exchange(url, parsed, req, true);
    if (answer.kind === 'stale') answer = await exchange(url, parsed, req, false);
    if (answer.kind === 'stale')
      throw new RetryableNetworkError(
        `Download from ${url} failed: the connection closed before an answer.`,
        url,
        undefined,
      );
    if (answer.kind === 'redirect') {
      url = new URL(answer.location, url).toString();
      continue;
    }
    return answer.kind === 'fallback' ? { kind: 'fallback', url } : { kind: 'done', result: answer.result };
  }
  throw new ProtocolError(`Too many redirects starting at ${req.url}.`, req.url);
}

type Answer =
  | { kind: 'done'; result: RangeResult }
  | { kind: 'redirect'; location: string }
  | { kind: 'fallback' }
  | { kind: 'stale' };

/** One request and its answer on one connection. */
function exchange(url: string, parsed: URL, req: SocketRangeRequest, mayReuse: boolean): Promise<Answer> {
  const tls = parsed.protocol === 'https:';
  const origin = { tls, host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || (tls ? 443 : 80)) };
  const { connection, reused } = mayReuse
    ? req.pool.take(origin)
    : { connection: req.pool.open(origin), reused: false };
  const expected = req.end - req.start + 1;
  return new Promise<Answer>((resolve, reject) => {
    let head: ResponseHead | undefined;
    // Set once the head is accepted: from then on the staging buffer holds body bytes only.
    let inBody = false;
    let bodyLength = 0;
    let received = 0;
    let position = req.start;
    let heardAnything = false;
    let flushedAt = Date.now();
    let settled = false;

    const finish = (outcome: { answer: Answer } | { error: unknown }, keep: boolean) => {
      if (settled) return;
      settled = true;
      req.signal?.removeEventListener('abort', onAbort);
      if (keep) req.pool.release(connection);
      else connection.destroy();
      if ('answer' in outcome) resolve(outcome.answer);
      else reject(outcome.error);
    };
    // Write the staged body at its offset; false (and the request failed) if the disk refused it.
    const flush = (): boolean => {
      const length = connection.filled;
      if (length === 0) return true;
      try {
        for (let done = 0; done < length;) {
          const n = writeSync(req.fd, connection.staging, done, length - done, position + done);
          if (n === 0) throw new Error('the disk accepted no more bytes');
          done += n;
        }
      } catch (error) {
        finish(
          { error: new DestinationError(`Cannot write "${req.path}": ${(error as Error).message}.`, req.path) },
          false,
        );
        return false;
      }
      connection.filled = 0;
      flushedAt = Date.now();
      position += length;
      req.onWritten(length);
      return true;
    };
    // The connection failed or closed: keep what arrived intact (a retry resumes after it), then fail.
    const fail = (error: unknown) => {
      if (settled) return;
      if (inBody && !flush()) return;
      finish({ error }, false);
    };
    const onHead = (): void => {
      const end = findHeadEnd(connection.staging, connection.filled);
      if (end < 0) {
        if (connection.filled > MAX_HEAD_BYTES)
          fail(new ProtocolError(`${url} answered with headers longer than ${MAX_HEAD_BYTES} bytes.`, url));
        return;
      }
      try {
        head = parseResponseHead(connection.staging, end);
      } catch (error) {
        if (!(error instanceof MalformedHeadError)) throw error;
        return fail(new ProtocolError(`${url} answered with ${error.message}.`, url));
      }
      const header = (name: string) => head!.headers.get(name);
      const location = header('location');
      if (head.status >= 300 && head.status < 400 && location)
        return finish({ answer: { kind: 'redirect', location } }, false);
      const length = contentLength(head);
      const success = head.status === 206 || (head.status === 200 && req.start === 0);
      // Bodies this reader does not frame itself go to node:http, which handles them as it always did.
      if (head.status < 200 || (success && (header('transfer-encoding') !== undefined || length === undefined))) {
        return finish({ answer: { kind: 'fallback' } }, false);
      }
      try {
        checkRangeAnswer(head.status, header, url, req);
      } catch (error) {
        return fail(error);
      }
      if (length! > expected)
        return fail(new ProtocolError(`${url} sent more bytes than the ${expected} asked for.`, url));
      bodyLength = length!;
      // Move the body bytes that came with the head to the start of the staging buffer.
      connection.staging.copyWithin(0, end, connection.filled);
      connection.filled -= end;
      inBody = true;
      onBody(connection.filled);
    };
    const onBody = (arrived: number): void => {
      received += arrived;
      // Bytes past the announced body would be the start of an answer nobody asked for: drop them and the connection.
      const extra = Math.max(0, received - bodyLength);
      connection.filled -= extra;
      received -= extra;
      if (extra > 0) connection.usable = false;
      if (
        received < bodyLength &&
        connection.filled + MIN_READ_BYTES <= STAGING_BYTES &&
        Date.now() - flushedAt < FLUSH_INTERVAL_MS
      )
        return;
      if (!flush() || received < bodyLength) return;
      if (received < expected) {
        return fail(
          new RetryableNetworkError(`${url} ended after ${received} of ${expected} bytes.`, url, head!.status),
        );
      }
      const etag = head!.headers.get('etag')?.replace(/"/g, '');
      finish({ answer: { kind: 'done', result: { bytes: received, etag } } }, keepsAlive(head!));
    };
    const onAbort = () => fail(req.signal?.reason);

    connection.use(
      {
        data: (bytes) => {
          heardAnything = true;
          if (!inBody) onHead();
          else onBody(bytes);
        },
        end: () => {
          if (reused && !heardAnything) return finish({ answer: { kind: 'stale' } }, false);
          if (!inBody)
            return fail(
              new RetryableNetworkError(
                `Download from ${url} failed: the connection closed before an answer.`,
                url,
                undefined,
              ),
            );
          fail(new RetryableNetworkError(`${url} ended after ${received} of ${expected} bytes.`, url, head?.status));
        },
        error: (error) => {
          if (reused && !heardAnything) return finish({ answer: { kind: 'stale' } }, false);
          fail(asNetworkError(error, url, req.signal));
        },
        timeout: () => fail(stalledError(url, req.idleTimeoutMs)),
      },
      req.idleTimeoutMs,
    );
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const range = req.end >= req.start ? `Range: bytes=${req.start}-${req.end}\r\n` : '';
    connection.socket.write(
      `GET ${parsed.pathname}${parsed.search} HTTP/1.1\r\nHost: ${parsed.host}\r\nUser-Agent: ${USER_AGENT}\r\nAccept-Encoding: identity\r\n${range}Connection: keep-alive\r\n\r\n`,
      'latin1',
    );
  });
}
