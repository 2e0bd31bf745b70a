import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthRequiredError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import { startFaultProxy, type FaultProxy } from '../test-support/fault-proxy.js';
import { startStaticServer, type StaticServer } from '../test-support/static-server.js';
import { testServerCertificate } from '../test-support/test-tls.js';
import { HttpSource } from './http-source.js';

const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) & 0xff);
let server: StaticServer;
let proxy: FaultProxy;
// The https runs: a TLS front without faults for the plain reads, and a TLS fault proxy. fetch trusts their
// certificate through NODE_EXTRA_CA_CERTS (src/test-support/tls-setup.ts), as a user's process would.
let tlsFront: FaultProxy;
let tlsProxy: FaultProxy;

beforeAll(async () => {
  server = await startStaticServer({ '/file.bin': bytes });
  server.redirect('/api/download', '/file.bin');
  proxy = await startFaultProxy({ upstream: server.url });
  tlsFront = await startFaultProxy({ upstream: server.url, tls: testServerCertificate() });
  tlsProxy = await startFaultProxy({ upstream: server.url, tls: testServerCertificate() });
});
afterAll(async () => {
  await proxy.close();
  await tlsFront.close();
  await tlsProxy.close();
  await server.close();
});

const fast = { attempts: 3, baseDelayMs: 5, timeoutMs: 2000 };

/** A server that answers every request with `handler`, counting methods. */
async function oddServer(
  handler: (range: string | undefined) => { status: number; headers: Record<string, string>; body: Uint8Array },
) {
  const methods: string[] = [];
  const srv: Server = createServer((req, res) => {
    methods.push(req.method ?? '');
    const { status, headers, body } = handler(req.headers.range);
    res.writeHead(status, headers).end(body);
  });
  const url = await new Promise<string>((resolve) =>
    srv.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(srv.address() as AddressInfo).port}/x`)),
  );
  return { url, methods, close: () => new Promise<void>((resolve) => srv.close(() => resolve())) };
}

describe.each(['http', 'https'] as const)('HttpSource over %s', (scheme) => {
  const base = () => (scheme === 'https' ? tlsFront.url : server.url);
  const faulty = () => (scheme === 'https' ? tlsProxy : proxy);

  it('fetches only the part of a read that lies past the probed head', async () => {
    const source = new HttpSource(`${base()}/file.bin`, { probeBytes: 1000 });
    expect(await source.read(600, 1400)).toEqual(bytes.subarray(600, 2000));
    expect(source.stats()).toMatchObject({ requests: 2, bytesFetched: 2000 });
    await source.close();
  });

  it('learns the size from a first ranged GET and reuses its bytes', async () => {
    const source = new HttpSource(`${base()}/file.bin`, { probeBytes: 1000 });
    expect(await source.size()).toBe(bytes.length);
    expect(await source.read(10, 20)).toEqual(bytes.subarray(10, 30));
    expect(source.stats().requests).toBe(1);
    expect(await source.read(299_990, 100)).toEqual(bytes.subarray(299_990));
    expect(source.stats()).toMatchObject({ requests: 2, bytesFetched: 1010 });
  });

  it('follows a redirect once and then reads from where it led', async () => {
    const source = new HttpSource(`${base()}/api/download`, { probeBytes: 100 });
    expect(await source.read(1000, 10)).toEqual(bytes.subarray(1000, 1010));
    expect(await source.read(2000, 10)).toEqual(bytes.subarray(2000, 2010));
    expect(server.hits.get('/file.bin')).toBeGreaterThanOrEqual(3);
  });

  it('never sends HEAD, and refuses servers that ignore Range or compress the body', async () => {
    const ignoring = await oddServer(() => ({ status: 200, headers: {}, body: bytes }));
    await expect(new HttpSource(ignoring.url).size()).rejects.toBeInstanceOf(ProtocolError);
    expect(ignoring.methods).toEqual(['GET']);
    await ignoring.close();
    const zipped = gzipSync(bytes.subarray(0, 100));
    const gzipping = await oddServer(() => ({
      status: 206,
      headers: { 'content-range': `bytes 0-99/${bytes.length}`, 'content-encoding': 'gzip' },
      body: zipped,
    }));
    await expect(new HttpSource(gzipping.url).size()).rejects.toBeInstanceOf(ProtocolError);
    await gzipping.close();
  });

  it('maps 404 and 403 to typed errors without retrying', async () => {
    await expect(new HttpSource(`${base()}/missing`, { retry: fast }).size()).rejects.toBeInstanceOf(NotFoundError);
    const forbidden = await oddServer(() => ({ status: 403, headers: {}, body: new Uint8Array(0) }));
    await expect(new HttpSource(forbidden.url, { retry: fast }).size()).rejects.toBeInstanceOf(AuthRequiredError);
    expect(forbidden.methods).toHaveLength(1);
    await forbidden.close();
  });

  it('retries 5xx, 429, resets and short bodies, then succeeds', async () => {
    const source = new HttpSource(`${faulty().url}/file.bin`, { retry: { ...fast, attempts: 4 }, probeBytes: 100 });
    await source.size();
    faulty().enqueue(
      { kind: 'status', status: 503 },
      { kind: 'throttle', retryAfter: '0' },
      { kind: 'reset', afterBytes: 10 },
    );
    expect(await source.read(100_000, 50_000)).toEqual(bytes.subarray(100_000, 150_000));
    faulty().enqueue({ kind: 'truncate', afterBytes: 100 });
    expect(await source.read(200_000, 50_000)).toEqual(bytes.subarray(200_000, 250_000));
  });

  it('gives up with a retryable NetworkError when failures persist', async () => {
    const source = new HttpSource(`${faulty().url}/file.bin`, { retry: fast, probeBytes: 100 });
    await source.size();
    faulty().enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    const failure = source.read(5000, 10);
    await expect(failure).rejects.toBeInstanceOf(NetworkError);
    await expect(failure).rejects.toMatchObject({ retryable: true, status: 500 });
  });

  it('times out a stalled response instead of hanging', async () => {
    const source = new HttpSource(`${faulty().url}/file.bin`, {
      retry: { attempts: 1, timeoutMs: 200 },
      probeBytes: 100,
    });
    await source.size();
    faulty().enqueue({ kind: 'stall', afterBytes: 5 });
    await expect(source.read(10_000, 1000)).rejects.toThrow(/timed out/);
  });
});
