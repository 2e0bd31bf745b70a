// One ranged GET, streamed to a sink in order, with the failure modes a flaky link has turned into typed errors:
// a socket idle past the timeout (stall), a reset, a body that ends early, 429/5xx answers with their Retry-After.
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { untrustedCertificateError } from '../certificate-trust.js';
import { AuthRequiredError, IntegrityError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import { parseRetryAfter } from '../retry.js';

/** A network failure worth retrying, with the wait the server asked for, if any. */
export class RetryableNetworkError extends NetworkError {
  constructor(
    message: string,
    url: string,
    status: number | undefined,
    retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, url, true, status, { ...options, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
}

/** Keep-alive connection pools shared by the parts of a download. */
export interface HttpAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** Pools sized for `sockets` parallel transfers; https trusts `secureContext` when given (see trustContext). */
export function createAgents(sockets: number, secureContext?: SecureContext): HttpAgents {
  const options = { keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets };
  return {
    http: new HttpAgent(options),
    https: new HttpsAgent({ ...options, ...(secureContext ? { secureContext } : {}) }),
  };
}

/**
 * A TLS context trusting Node's public roots plus `extraCaPem` (PEM certificates, e.g. the sample archive's CA), or
 * undefined for Node's default trust (which includes NODE_EXTRA_CA_CERTS). Built once per run: parsing the roots
 * per connection would cost more than the handshake.
 */
export function trustContext(extraCaPem: string | undefined): SecureContext | undefined {
  return extraCaPem ? createSecureContext({ ca: [...rootCertificates, extraCaPem] }) : undefined;
}

/** Bytes `[start, end]` of `url`. */
export interface RangeRequest {
  url: string;
  start: number;
  /** Inclusive; -1 with start 0 asks for an empty file (no Range header). */
  end: number;
  /** The object's full size, checked against Content-Range. */
  totalSize: number;
  /** Abort when the socket sees no bytes for this long (stalled transfer, or no answer). */
  idleTimeoutMs: number;
  agents: HttpAgents;
  signal?: AbortSignal | undefined;
  /** An ETag the object must still have (it changed otherwise); checked when the server sends one. */
  expectedEtag?: string | undefined;
  /** Receives the body in order, as batches of chunks starting at an absolute offset; one batch at a time. */
  sink: (chunks: Buffer[], offset: number, length: number) => Promise<void>;
}

/** A ranged GET written straight into an open file, as the transfer thread runs it. */
export interface FileRangeRequest extends Omit<RangeRequest, 'agents' | 'sink'> {
  /** Open for writing; bytes land at their own offsets in the object. */
  fd: number;
  /** Destination-relative path, for messages. */
  path: string;
  /** Called in order with each run of bytes once it is written (never for bytes not yet on disk). */
  onWritten: (length: number) => void;
}

/** What the server said about the object. */
export interface RangeResult {
  bytes: number;
  etag: string | undefined;
}

/** Redirects followed per request (an API download URL redirects once, to the blob). */
export const MAX_REDIRECTS = 5;
const FLUSH_BYTES = 2 ** 20;

/** Stream bytes `[start, end]` of the object to `sink`; throws RetryableNetworkError for faults worth retrying. */
export async function fetchRange(req: RangeRequest): Promise<RangeResult> {
  let url = req.url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const stall = { timedOut: false };
    const response = await openResponse(url, req, stall);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      url = new URL(response.headers.location, url).toString();
      continue;
    }
    try {
      checkStatus(response, url, req);
      return await streamBody(response, url, req, stall);
    } finally {
      if (!response.complete) response.destroy();
    }
  }
  throw new ProtocolError(`Too many redirects starting at ${req.url}.`, req.url);
}

function openResponse(url: string, req: RangeRequest, stall: { timedOut: boolean }): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return reject(new ProtocolError(`"${url}" is not a valid URL.`, url));
    }
    const https = parsed.protocol === 'https:';
    if (!https && parsed.protocol !== 'http:')
      return reject(new ProtocolError(`Cannot download "${url}": only http and https are supported.`, url));
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, 'accept-encoding': 'identity' };
    if (req.end >= req.start) headers.range = `bytes=${req.start}-${req.end}`;
    const request = (https ? httpsRequest : httpRequest)(parsed, {
      method: 'GET',
      headers,
      agent: https ? req.agents.https : req.agents.http,
      signal: req.signal,
    });
    request.setTimeout(req.idleTimeoutMs, () => {
      stall.timedOut = true;
      request.destroy(stalledError(url, req.idleTimeoutMs));
    });
    request.once('response', resolve);
    request.once('error', (error) => reject(asNetworkError(error, url, req.signal)));
    request.end();
  });
}

/** The parts of a range request an answer is checked against. */
export type RangeExpectation = Pick<RangeRequest, 'start' | 'end' | 'totalSize' | 'expectedEtag'>;

/**
 * Check the status line and headers of an answer to a range request (shared by the node:http path and the socket
 * reader): throws the typed error a failure status or a wrong Content-Range / ETag means; returns for 206, and
 * for 200 when the whole object was asked for.
 */
export function checkRangeAnswer(
  status: number,
  header: (name: string) => string | undefined,
  url: string,
  req: RangeExpectation,
): void {
  if (status === 206 || (status === 200 && req.start === 0)) {
    if (status === 206) {
      const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header('content-range') ?? '');
      if (!match || Number(match[1]) !== req.start || Number(match[2]) !== req.end) {
        throw new ProtocolError(
          `${url} answered a range request with the wrong Content-Range "${header('content-range') ?? ''}".`,
          url,
        );
      }
      if (match[3] !== '*' && Number(match[3]) !== req.totalSize) {
        throw new IntegrityError(
          `${url} is now ${match[3]} bytes, not the ${req.totalSize} the archive listed; it changed.`,
          url,
          String(req.totalSize),
          match[3],
        );
      }
    }
    const etag = header('etag')?.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
    if (req.expectedEtag && etag && etag !== req.expectedEtag) {
      throw new IntegrityError(
        `${url} changed since the download started (ETag ${etag}, expected ${req.expectedEtag}).`,
        url,
        req.expectedEtag,
        etag,
      );
    }
    return;
  }
  const retryAfter = parseRetryAfter(header('retry-after'));
  if (status === 429 || status >= 500) {
    throw new RetryableNetworkError(`${url} answered HTTP ${status}.`, url, status, retryAfter);
  }
  if (status === 404 || status === 410) throw new NotFoundError(`${url} does not exist (HTTP ${status}).`, url);
  if (status === 401 || status === 403) {
    const advice = "embargoed data need the instance's API key (EMBER_DANDI_API_KEY for EMBER)";
    throw new AuthRequiredError(`${url} refused access (HTTP ${status}); ${advice}.`, url);
  }
  if (status === 200)
    throw new ProtocolError(`${url} ignored the Range header, so a partial download cannot resume.`, url);
  throw new NetworkError(`${url} answered HTTP ${status}.`, url, false, status);
}

function checkStatus(response: IncomingMessage, url: string, req: RangeRequest): void {
  const status = response.statusCode ?? 0;
  // The body of a refusal is not wanted; reading it lets the keep-alive socket serve the next request.
  if (status !== 206 && !(status === 200 && req.start === 0)) response.resume();
  checkRangeAnswer(status, (name) => headerValue(response.headers[name]), url, req);
}

/** The error a transfer idle for `idleTimeoutMs` fails with (retryable). */
export function stalledError(url: string, idleTimeoutMs: number): RetryableNetworkError {
  return new RetryableNetworkError(
    `No data from ${url} for ${idleTimeoutMs / 1000} s (stalled transfer).`,
    url,
    undefined,
  );
}

async function streamBody(
  response: IncomingMessage,
  url: string,
  req: RangeRequest,
  stall: { timedOut: boolean },
): Promise<RangeResult> {
  const expected = req.end - req.start + 1;
  // Bytes handed to the sink (written or being written), and the one write in flight: the next batch is read
  // from the socket while the previous one goes to disk, so network and disk overlap instead of taking turns.
  let offset = req.start;
  let writing: Promise<void> | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (writing) await writing;
    writing = undefined;
    if (pendingBytes === 0) return;
    // Handed over as a list (written with writev), not concatenated: one copy fewer per byte.
    const batch = pending;
    const length = pendingBytes;
    pending = [];
    pendingBytes = 0;
    const at = offset;
    offset += length;
    writing = req.sink(batch, at, length);
    // Handled here so a failed write is not an unhandled rejection before the next flush awaits it.
    writing.catch(() => undefined);
  };
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (offset - req.start + pendingBytes + chunk.byteLength > expected) {
        throw new ProtocolError(`${url} sent more bytes than the ${expected} asked for.`, url);
      }
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= FLUSH_BYTES) await flush();
    }
    await flush();
    await writing;
  } catch (error) {
    // Keep what arrived intact so a retry resumes after it (a failed write stays a failure).
    await flush().catch(() => undefined);
    const wrote = await writing?.then(
      () => true,
      () => false,
    );
    if (wrote === false) throw error;
    // Destroying the request on idle timeout surfaces in the body as a plain "aborted": name the real cause.
    throw stall.timedOut && !req.signal?.aborted
      ? stalledError(url, req.idleTimeoutMs)
      : asNetworkError(error, url, req.signal);
  }
  const received = offset - req.start;
  if (received < expected) {
    throw new RetryableNetworkError(`${url} ended after ${received} of ${expected} bytes.`, url, response.statusCode);
  }
  return { bytes: received, etag: response.headers.etag?.replace(/"/g, '') };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Our typed errors pass through; aborts stay aborts; a refused certificate says so; other socket errors are retryable. */
export function asNetworkError(error: unknown, url: string, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason ?? error;
  if (error instanceof NetworkError || error instanceof ProtocolError || error instanceof IntegrityError) return error;
  if (error instanceof NotFoundError || error instanceof AuthRequiredError) return error;
  // Retrying cannot make a certificate trusted: the error says what to do instead.
  const untrusted = untrustedCertificateError(error, url);
  if (untrusted) return untrusted;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ECONNRESET'
      ? 'the connection was reset'
      : code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : (error as Error).message;
  return new RetryableNetworkError(`Download from ${url} failed: ${reason}.`, url, undefined, undefined, {
    cause: error,
  });
}
