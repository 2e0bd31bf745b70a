// A loopback HTTP proxy that injects the faults of a flaky link in front of any upstream HTTP server (the sample
// S3 server, the DANDI emulator, a test's own server): error answers, 429 with Retry-After, resets mid-body,
// stalls, truncated bodies and corrupted bytes. Tests queue faults per request, or ask for seeded random ones,
// and read back how many were injected. Over https when given a certificate, as the real bucket is served.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** One fault, applied to one proxied request. */
export type Fault =
  /** Answer with this status without asking upstream (e.g. 500, 503). */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Answer 429 Too Many Requests with this Retry-After header. */
  | { kind: 'throttle'; retryAfter: string }
  /** Forward `afterBytes` of the body, then reset the connection (TCP RST). */
  | { kind: 'reset'; afterBytes: number }
  /** Forward `afterBytes` of the body, then send nothing more while keeping the connection open. */
  | { kind: 'stall'; afterBytes: number }
  /** Forward `afterBytes` of the body, then close the connection cleanly though Content-Length promised more. */
  | { kind: 'truncate'; afterBytes: number }
  /** Forward everything, flipping the bits of the body byte at `offset` (a position in this response body). */
  | { kind: 'corrupt'; offset: number }
  /** Wait `ms` before answering at all. */
  | { kind: 'delay'; ms: number };

/** Which fault (if any) the next matching request gets. */
export type FaultPicker = (request: IncomingMessage, index: number) => Fault | undefined;

/** A running proxy. */
export interface FaultProxy {
  /** Base URL of the proxy; paths and queries are forwarded unchanged to the upstream. */
  url: string;
  /** Queue faults for the next requests (optionally only those whose path matches). */
  enqueue(...faults: Fault[]): void;
  /** Replace the picker (queued faults still go first). */
  setPicker(picker: FaultPicker | undefined): void;
  /** Requests seen and faults injected so far, by kind. */
  stats(): FaultStats;
  close(): Promise<void>;
}

/** Counters of a proxy's work. */
export interface FaultStats {
  requests: number;
  faults: number;
  byKind: Record<string, number>;
}

/** Options for startFaultProxy. */
export interface FaultProxyOptions {
  /** Upstream base URL, e.g. the sample archive's S3 URL. */
  upstream: string;
  /** Only requests for which this is true get faults (default: all). */
  match?: (request: IncomingMessage) => boolean;
  picker?: FaultPicker;
  /** Rewrite `Location` headers that point at the upstream so redirects stay on the proxy (default true). */
  rewriteRedirects?: boolean;
  /** Serve https with this certificate (PEM); clients must trust its issuer. Default plain http. */
  tls?: { certPem: string; keyPem: string };
}

/** A seeded picker that gives each request a random fault with probability `rate` (deterministic per seed). */
export function randomFaults(
  seed: number,
  rate: number,
  kinds: Fault['kind'][] = ['status', 'throttle', 'reset', 'stall', 'truncate', 'corrupt'],
): FaultPicker {
  const random = mulberry32(seed);
  return () => {
    if (random() >= rate) return undefined;
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    const afterBytes = Math.floor(random() * 200_000);
    switch (kind) {
      case 'status':
        return { kind, status: random() < 0.5 ? 500 : 503 };
      case 'throttle':
        return { kind, retryAfter: '0' };
      case 'corrupt':
        return { kind, offset: Math.floor(random() * 4096) };
      case 'delay':
        return { kind, ms: Math.floor(random() * 50) };
      default:
        return { kind, afterBytes };
    }
  };
}

/** Small seeded PRNG (mulberry32) so fault sequences repeat exactly for a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Start a fault proxy on a free loopback port in front of `options.upstream`. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  const queue: Fault[] = [];
  let picker = options.picker;
  const stats: FaultStats = { requests: 0, faults: 0, byKind: {} };
  const sockets = new Set<Socket>();
  let index = 0;

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const eligible = options.match ? options.match(req) : true;
    const fault = eligible ? (queue.shift() ?? picker?.(req, index++)) : undefined;
    if (fault) {
      stats.faults++;
      stats.byKind[fault.kind] = (stats.byKind[fault.kind] ?? 0) + 1;
    }
    void handle(req, res, fault).catch(() => res.destroy());
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, listener)
    : createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const proxyBase = await new Promise<string>((resolve) => {
    const scheme = options.tls ? 'https' : 'http';
    server.listen(0, '127.0.0.1', () => resolve(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, fault: Fault | undefined): Promise<void> {
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'status' || fault?.kind === 'throttle') {
      req.resume();
      const status = fault.kind === 'throttle' ? 429 : fault.status;
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      res.writeHead(status, headers).end(`fault proxy: injected HTTP ${status}\n`);
      return;
    }
    const target = new URL(req.url ?? '/', upstream);
    const headers = { ...req.headers, host: upstream.host };
    const upstreamReq = httpRequest(target, { method: req.method, headers });
    req.pipe(upstreamReq);
    upstreamReq.on('error', () => res.destroy());
    const upstreamRes = await new Promise<IncomingMessage>((resolve) => upstreamReq.once('response', resolve));
    const outHeaders = { ...upstreamRes.headers };
    if (outHeaders.location && options.rewriteRedirects !== false && outHeaders.location.startsWith(upstream.origin)) {
      outHeaders.location = proxyBase + outHeaders.location.slice(upstream.origin.length);
    }
    res.writeHead(upstreamRes.statusCode ?? 502, outHeaders);
    let sent = 0;
    for await (const data of upstreamRes as AsyncIterable<Buffer>) {
      let chunk = data;
      if (fault?.kind === 'corrupt' && fault.offset >= sent && fault.offset < sent + chunk.byteLength) {
        chunk = Buffer.from(chunk);
        chunk[fault.offset - sent] = chunk[fault.offset - sent]! ^ 0xff;
      }
      if (
        fault &&
        (fault.kind === 'reset' || fault.kind === 'stall' || fault.kind === 'truncate') &&
        sent + chunk.byteLength >= fault.afterBytes
      ) {
        const head = chunk.subarray(0, fault.afterBytes - sent);
        await write(res, head);
        upstreamRes.destroy();
        const socket = res.socket;
        if (fault.kind === 'reset') socket?.resetAndDestroy();
        else if (fault.kind === 'truncate') socket?.end();
        // stall: leave the socket open and silent; close() ends it.
        return;
      }
      sent += chunk.byteLength;
      if (!(await write(res, chunk))) return;
    }
    res.end();
  }

  return {
    url: proxyBase,
    enqueue: (...faults) => void queue.push(...faults),
    setPicker: (next) => void (picker = next),
    stats: () => ({ ...stats, byKind: { ...stats.byKind } }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Write with backpressure; false if the client went away. */
function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (chunk.byteLength === 0 || res.destroyed) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    if (res.write(chunk)) return resolve(true);
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
