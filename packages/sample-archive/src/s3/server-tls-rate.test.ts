// The S3 server's TLS mode and rate limit, as clients see them: https with a certificate only the given CA vouches
// for, the same ranged answers as over plain http, and bodies no faster than the rate.
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStore } from '../store.js';
import { createS3Server, type ListeningS3Server } from './server.js';
import { createCertificateAuthority, issueServerCertificate } from './tls-certificates.js';

const ca = createCertificateAuthority();
const bytes = randomBytes(400_000);
let fast: ListeningS3Server;
let limited: ListeningS3Server;

beforeAll(async () => {
  const store = new ObjectStore('ember-open-data');
  store.putBytes('blobs/abc/def/object', bytes);
  const tls = issueServerCertificate(ca);
  fast = await createS3Server(store, { tls }).listen(0);
  // 8 Mbit/s = 1 MB/s: 400 kB take about 0.4 s, less the first burst (20 ms worth).
  limited = await createS3Server(store, { tls, rate: 1_000_000 }).listen(0);
});
afterAll(async () => {
  await fast.close();
  await limited.close();
});

function get(
  url: string,
  headers: Record<string, string>,
  trust: string | undefined,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, ...(trust ? { ca: trust } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('S3 server over TLS', () => {
  it('names an https endpoint and answers ranged GETs to a client that trusts the CA', async () => {
    expect(fast.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await get(
      `${fast.url}/ember-open-data/blobs/abc/def/object`,
      { Range: 'bytes=1000-1999' },
      ca.certPem,
    );
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(answer.body.equals(bytes.subarray(1000, 2000))).toBe(true);
  });

  it('is refused by a client that does not trust the CA', async () => {
    await expect(get(`${fast.url}/ember-open-data/blobs/abc/def/object`, {}, undefined)).rejects.toThrow(/certificate/);
  });
});

describe('S3 server rate limit', () => {
  it('sends every byte, no faster than the rate', async () => {
    const started = performance.now();
    const answer = await get(`${limited.url}/ember-open-data/blobs/abc/def/object`, {}, ca.certPem);
    const seconds = (performance.now() - started) / 1000;
    expect(answer.body.equals(bytes)).toBe(true);
    expect(seconds).toBeGreaterThan(0.35);
    expect(seconds).toBeLessThan(3);
  });

  it('answers listings at once (only object bodies are limited)', async () => {
    const started = performance.now();
    const answer = await get(`${limited.url}/ember-open-data?list-type=2`, {}, ca.certPem);
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toContain('<Key>blobs/abc/def/object</Key>');
    expect(performance.now() - started).toBeLessThan(300);
  });
});
