// Failure paths of the bucket client that the sample archive cannot produce: an endpoint that accepts connections
// and never answers, one that is not listening, and one whose listing is not XML. Listings and HEADs are tested
// against the sample archive in archive/archive.test.ts.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { NetworkError, ProtocolError } from '../errors.js';
import { BucketClient } from './bucket-client.js';

let silent: Server;
let endpoint: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  // Accepts connections and never answers; keeps the sockets so the test can end them.
  silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('BucketClient failures', () => {
  it('gives up on a silent endpoint after the configured timeout, naming the endpoint', async () => {
    const config = loadConfig({ EMBER_S3_ENDPOINT: endpoint });
    const client = new BucketClient(config.s3, { maxAttempts: 1, timeoutMs: 200 });
    const error = await client.headObject('other/x.h5').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(`Cannot reach the S3 endpoint ${endpoint} (ETIMEDOUT).`);
    expect((error as NetworkError).url).toBe(`${endpoint}/ember-open-data/other/x.h5`);
    expect((error as NetworkError).retryable).toBe(true);
  });

  it('reports a listing on a closed port as unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const client = new BucketClient(loadConfig({ EMBER_S3_ENDPOINT: closed }).s3, { maxAttempts: 1 });
    const pages = async () => {
      for await (const page of client.listPrefix('other/')) void page;
    };
    await expect(pages()).rejects.toThrow(`Cannot reach the S3 endpoint ${closed} (ECONNREFUSED).`);
  });

  it('refuses a listing it cannot read as a protocol error, not a listing of what parsed', async () => {
    const damaged = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end('<ListBucketResult><Name>ember-open-data</Name><Contents><Key>a</Key></ListBucket');
    });
    await new Promise<void>((resolve) => damaged.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(damaged.address() as { port: number }).port}`;
    try {
      const client = new BucketClient(loadConfig({ EMBER_S3_ENDPOINT: url }).s3, { maxAttempts: 1 });
      const pages = async () => {
        for await (const page of client.listPrefix('other/')) void page;
      };
      const error = await pages().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).message).toMatch(/^The S3 server's answer for .*other\/ could not be read \(/);
    } finally {
      await new Promise((resolve) => damaged.close(resolve));
    }
  });
});
