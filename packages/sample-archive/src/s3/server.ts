// A read-only, path-style S3 endpoint (http://host:port/<bucket>/<key>) over one ObjectStore, answering
// unsigned requests the way AWS S3 answers them for a public, listable bucket. Plain node:http: s3rver 3.7.1
// drops Delimiter listings whose keys sit two folders below the prefix, and MinIO/garage cannot be installed.
// Optionally over TLS (as the real bucket is served) and at a limited rate (as a user's link would carry it).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { SAMPLE_EPOCH, type ObjectStore } from '../store.js';
import { parseRange } from './byte-range.js';
import { answerPreflight, corsHeaders } from './cors.js';
import {
  accessDenied,
  errorXml,
  invalidArgument,
  invalidRange,
  invalidRequest,
  invalidUri,
  methodNotAllowed,
  noSuchBucket,
  noSuchKey,
  preconditionFailed,
  requestExpired,
  signatureDoesNotMatch,
  type S3ErrorResponse,
} from './error-response.js';
import { SAMPLE_OWNER, listObjectsV1, listObjectsV2 } from './list-bucket.js';
import { evaluatePreconditions, ifRangeHolds } from './preconditions.js';
import type { UrlSigner } from './presign.js';
import { throttled, TokenBucket } from './rate-limit.js';
import type { CertificateAndKey } from './tls-certificates.js';
import { S3_NAMESPACE, XML_DECLARATION, element } from './xml.js';

/** How the server presents its bucket. */
export interface S3ServerOptions {
  /** Reported by HeadBucket and GetBucketLocation; default us-east-1, EMBER's region. */
  readonly region?: string;
  /** Checks presigned URLs, the only way to read an object tagged embargoed; without it such objects are denied to all. */
  readonly signer?: UrlSigner;
  /** Serve https with this certificate (clients trust its CA) instead of plain http. */
  readonly tls?: CertificateAndKey;
  /** Object bodies share this many bytes per second (one token bucket for the server); default unlimited. */
  readonly rate?: number;
}

/** A request listener serving the store, and a way to put it on a port. */
export interface S3Server {
  /** The node:http request listener (mountable in another server). */
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
  /** Listen on `host:port` (default 127.0.0.1, port 0 = a free one), over TLS if asked; resolves once bound. */
  listen(port?: number, host?: string): Promise<ListeningS3Server>;
}

/** A bound S3 server. */
export interface ListeningS3Server {
  /** The endpoint URL clients take, e.g. http://127.0.0.1:39211 or https://127.0.0.1:39211 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Stop listening and drop open keep-alive connections. */
  close(): Promise<void>;
}

/** An S3-compatible, read-only server for `store` (one bucket, named by the store). */
export function createS3Server(store: ObjectStore, options: S3ServerOptions = {}): S3Server {
  const region = options.region ?? 'us-east-1';
  const bucket = options.rate === undefined ? undefined : new TokenBucket(options.rate);
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const exchange = new Exchange(request, response, bucket);
    try {
      route(store, region, options.signer, exchange);
    } catch (error) {
      exchange.fail(error);
    }
  };
  return {
    handler,
    listen: (port = 0, host = '127.0.0.1') => listen(handler, port, host, options.tls),
  };
}

// Sub-resources an anonymous caller may not read on a public bucket; S3 answers them AccessDenied.
const PROTECTED_SUBRESOURCES = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'retention',
  'tagging',
  'torrent',
  'uploads',
  'versioning',
  'versions',
  'website',
  'uploadId',
];

function route(store: ObjectStore, region: string, signer: UrlSigner | undefined, exchange: Exchange): void {
  const { method } = exchange;
  const target = parseTarget(exchange.rawUrl);
  if (target === undefined) return exchange.error(invalidUri(exchange.rawUrl));
  const { bucket, key, query } = target;
  if (bucket === undefined) {
    if (method === 'GET' || method === 'HEAD') return listBuckets(store, exchange);
    return exchange.error(
      method === 'OPTIONS' || isWrite(method) ? accessDenied() : methodNotAllowed(method, 'SERVICE'),
    );
  }
  if (bucket !== store.bucket) return exchange.error(noSuchBucket(bucket));
  const resourceType = key === undefined ? 'BUCKET' : 'OBJECT';
  if (method === 'OPTIONS') {
    const preflight = answerPreflight(exchange.request.headers, resourceType);
    if ('error' in preflight) return exchange.error(preflight.error);
    return exchange.send(200, { ...preflight.headers, 'Content-Length': '0' });
  }
  if (isWrite(method)) return exchange.error(accessDenied());
  if (method !== 'GET' && method !== 'HEAD') return exchange.error(methodNotAllowed(method, resourceType));
  if (PROTECTED_SUBRESOURCES.some((name) => query.has(name))) return exchange.error(accessDenied());
  if (key === undefined) return bucketRequest(store, region, query, exchange);
  return objectRequest(store, key, query, signer, exchange);
}

function bucketRequest(store: ObjectStore, region: string, query: URLSearchParams, exchange: Exchange): void {
  if (exchange.method === 'HEAD') {
    return exchange.send(200, { 'x-amz-bucket-region': region, 'x-amz-access-point-alias': 'false' });
  }
  if (query.has('location')) {
    // us-east-1 is the empty LocationConstraint, for historical reasons.
    const body =
      region === 'us-east-1'
        ? `<LocationConstraint xmlns="${S3_NAMESPACE}"/>`
        : `<LocationConstraint xmlns="${S3_NAMESPACE}">${region}</LocationConstraint>`;
    return exchange.xml(200, XML_DECLARATION + body);
  }
  const listType = query.get('list-type');
  if (listType !== null && listType !== '2') {
    return exchange.error(invalidArgument('Invalid List Type specified', 'list-type', listType));
  }
  const answer = listType === '2' ? listObjectsV2(store, query) : listObjectsV1(store, query);
  if (typeof answer !== 'string') return exchange.error(answer);
  return exchange.xml(200, answer);
}

function objectRequest(
  store: ObjectStore,
  key: string,
  query: URLSearchParams,
  signer: UrlSigner | undefined,
  exchange: Exchange,
): void {
  const signature = signer?.check(key, query) ?? (query.has('X-Amz-Signature') ? 'mismatch' : 'unsigned');
  if (signature === 'mismatch') return exchange.error(signatureDoesNotMatch());
  if (signature === 'expired') return exchange.error(requestExpired());
  const object = store.get(key);
  // The bucket policy denies tagged objects to anonymous callers before S3 looks for the key.
  if (object?.embargoed && signature !== 'valid') return exchange.error(accessDenied());
  if (object === undefined) return exchange.error(noSuchKey(key));
  if (signature === 'unsigned' && [...query.keys()].some((name) => name.startsWith('response-'))) {
    return exchange.error(
      invalidRequest('Request specific response headers cannot be used for anonymous GET requests.'),
    );
  }
  const versionId = query.get('versionId');
  // The bucket is unversioned: every object's only version is "null".
  if (versionId !== null && versionId !== 'null') {
    return exchange.error(invalidArgument('Invalid version id specified', 'versionId', versionId));
  }
  const headers = exchange.request.headers;
  const validators = { etag: object.etag, lastModified: object.lastModified };
  const entityHeaders = { ETag: `"${object.etag}"`, 'Last-Modified': object.lastModified.toUTCString() };
  const precondition = evaluatePreconditions(
    {
      ifMatch: headers['if-match'],
      ifNoneMatch: headers['if-none-match'],
      ifModifiedSince: headers['if-modified-since'],
      ifUnmodifiedSince: headers['if-unmodified-since'],
    },
    validators,
  );
  if (precondition.kind === 'failed') return exchange.error(preconditionFailed(precondition.condition));
  if (precondition.kind === 'not-modified') return exchange.send(304, entityHeaders);

  const rangeHeader = headers.range;
  const ifRange = singleHeader(headers['if-range']);
  const range = ifRangeHolds(ifRange, validators) ? parseRange(rangeHeader, object.size) : { kind: 'whole' as const };
  if (range.kind === 'unsatisfiable') return exchange.error(invalidRange(rangeHeader ?? '', object.size));
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, object.size - 1];
  const length = end - start + 1;
  const responseHeaders: Record<string, string> = {
    ...entityHeaders,
    'Accept-Ranges': 'bytes',
    'Content-Type': object.contentType,
    'Content-Length': String(length),
  };
  if (range.kind === 'partial') responseHeaders['Content-Range'] = `bytes ${start}-${end}/${object.size}`;
  const status = range.kind === 'partial' ? 206 : 200;
  if (exchange.method === 'HEAD' || length === 0) return exchange.send(status, responseHeaders);
  exchange.stream(status, responseHeaders, object.read(start, end));
}

function listBuckets(store: ObjectStore, exchange: Exchange): void {
  // Real S3 refuses ListBuckets to anonymous callers; the sample archive lists its one bucket so that
  // `aws s3 ls` and `rclone lsd` on the bare endpoint show what is there.
  const body =
    XML_DECLARATION +
    `<ListAllMyBucketsResult xmlns="${S3_NAMESPACE}">` +
    `<Owner>${element('ID', SAMPLE_OWNER.id)}${element('DisplayName', SAMPLE_OWNER.displayName)}</Owner>` +
    `<Buckets><Bucket>${element('Name', store.bucket)}${element('CreationDate', SAMPLE_EPOCH.toISOString())}</Bucket></Buckets>` +
    '</ListAllMyBucketsResult>';
  exchange.xml(200, body);
}

interface Target {
  /** Absent for the service root `/`. */
  readonly bucket: string | undefined;
  /** Absent for bucket requests (`/bucket` and `/bucket/`). */
  readonly key: string | undefined;
  readonly query: URLSearchParams;
}

/** Bucket, key and query of a path-style request URL, or undefined if its percent-encoding is broken. */
export function parseTarget(rawUrl: string): Target | undefined {
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));
  const rest = path.startsWith('/') ? path.slice(1) : path;
  if (rest === '') return { bucket: undefined, key: undefined, query };
  const slash = rest.indexOf('/');
  try {
    // Only %XX is decoded in the path: a literal `+` is a plus sign, and `//` or `..` are parts of the key.
    const bucket = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
    const rawKey = slash < 0 ? '' : rest.slice(slash + 1);
    return { bucket, key: rawKey === '' ? undefined : decodeURIComponent(rawKey), query };
  } catch {
    return undefined;
  }
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function isWrite(method: string): boolean {
  return method === 'PUT' || method === 'POST' || method === 'DELETE';
}

/** One request and its answer, with the headers every S3 response carries. */
class Exchange {
  readonly method: string;
  readonly rawUrl: string;
  readonly #requestId = randomBytes(8).toString('hex').toUpperCase();
  readonly #hostId = randomBytes(48).toString('base64');

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly bucket: TokenBucket | undefined,
  ) {
    this.method = (request.method ?? 'GET').toUpperCase();
    this.rawUrl = request.url ?? '/';
  }

  send(status: number, headers: Record<string, string>, body?: string): void {
    this.response.writeHead(status, { ...this.#baseHeaders(), ...headers });
    this.response.end(this.method === 'HEAD' ? undefined : body);
  }

  xml(status: number, body: string): void {
    this.send(status, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)) }, body);
  }

  error(error: S3ErrorResponse): void {
    const body = errorXml(error, this.#requestId, this.#hostId);
    this.send(
      error.status,
      { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)), ...error.headers },
      body,
    );
  }

  /** Stream an object's bytes without holding them: a sample file may exceed 1 GiB. */
  stream(status: number, headers: Record<string, string>, body: NodeJS.ReadableStream): void {
    this.response.writeHead(status, { ...this.#baseHeaders(), ...headers });
    // pipeline destroys the source if the client goes away, and the socket if the source fails mid-body.
    if (this.bucket) pipeline(body, throttled(this.bucket), this.response, () => undefined);
    else pipeline(body, this.response, () => undefined);
  }

  fail(error: unknown): void {
    if (this.response.headersSent) {
      this.response.destroy(error instanceof Error ? error : undefined);
      return;
    }
    this.error({ status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' });
  }

  #baseHeaders(): Record<string, string> {
    return {
      'x-amz-request-id': this.#requestId,
      'x-amz-id-2': this.#hostId,
      Server: 'AmazonS3',
      ...corsHeaders(this.request.headers),
    };
  }
}

function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  port: number,
  host: string,
  tls: CertificateAndKey | undefined,
): Promise<ListeningS3Server> {
  const server = tls ? createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, handler) : createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      // A wildcard address is where the server listens, not where a client can connect: name loopback instead.
      const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
      const hostInUrl = reachable.includes(':') ? `[${reachable}]` : reachable;
      let closing: Promise<void> | undefined;
      resolve({
        url: `${tls ? 'https' : 'http'}://${hostInUrl}:${bound}`,
        port: bound,
        // Idempotent: a test's afterAll and a start-up failure path may both close the same server.
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          })),
      });
    });
  });
}
