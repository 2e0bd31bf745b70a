// A refused server certificate, recognised in one place: first the classifier on the errors Node really raises
// (node:https, and fetch wrapping them in `cause`), then every client in core against the sample archive served
// over https by a CA this process does not trust (it is made at start, so NODE_EXTRA_CA_CERTS from
// tls-setup.ts does not name it), each beside the same archive served by the CA the test process does trust.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { get as httpsGet, createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildWorld,
  createCertificateAuthority,
  issueServerCertificate,
  serveWorld,
  type RunningSampleArchive,
  type World,
  type WorldGenerators,
} from '@ember-archive/sample-archive';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BucketClient } from './bucket/bucket-client.js';
import { createUnsignedS3Client } from './bucket/s3-client.js';
import { untrustedCertificateError } from './certificate-trust.js';
import { loadConfig } from './config.js';
import { downloadItems } from './download/run-downloads.js';
import type { DownloadEvent } from './download/types.js';
import { UntrustedCertificateError } from './errors.js';
import { HttpSource } from './source/http-source.js';
import { S3Source } from './source/s3-source.js';
import { testCertificateAuthority } from './test-support/test-tls.js';

const TRUST_ADVICE = "if a private CA issued it, set NODE_EXTRA_CA_CERTS to that CA's certificate file (PEM).";
const notTrusted = (url: string) =>
  `The TLS certificate of ${url} is not trusted (unable to verify the first certificate); ${TRUST_ADVICE}`;

/** An https server on a free loopback port presenting `cert` (PEM, leaf first); answers "ok". */
async function startHttps(cert: string, key: string): Promise<{ url: string; server: Server }> {
  const server = createHttpsServer({ cert, key }, (_req, res) => void res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/x`, server };
}

/** The error node:https fails with for `url` (with Node's default trust, which includes NODE_EXTRA_CA_CERTS). */
function httpsError(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    httpsGet(url, (res) => reject(new Error(`expected a TLS failure, got HTTP ${res.statusCode}`))).once(
      'error',
      resolve,
    );
  });
}

describe('untrustedCertificateError', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });
  const serve = async (cert: string, key: string) => {
    const started = await startHttps(cert, key);
    servers.push(started.server);
    return started.url;
  };
  const privateCa = createCertificateAuthority('a CA nobody trusts');
  const leaf = issueServerCertificate(privateCa);

  it.each([
    [
      'a leaf from an unknown CA',
      () => serve(leaf.certPem, leaf.keyPem),
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      /is not trusted \(unable to verify the first certificate\); if a private CA issued it, set NODE_EXTRA_CA_CERTS/,
    ],
    [
      'a CA certificate presented as a server certificate',
      () => serve(privateCa.certPem, privateCa.keyPem),
      'INVALID_PURPOSE',
      /is invalid \(unsuitable certificate purpose\); the server must present a valid one\.$/,
    ],
    [
      'a chain ending in an unknown root',
      () => serve(leaf.certPem + privateCa.certPem, leaf.keyPem),
      'SELF_SIGNED_CERT_IN_CHAIN',
      /is not trusted \(self[- ]signed certificate in certificate chain\); if a private CA/,
    ],
    [
      'a trusted CA certificate for another host',
      () => {
        const other = issueServerCertificate(testCertificateAuthority(), ['data.example.org']);
        return serve(other.certPem, other.keyPem);
      },
      'ERR_TLS_CERT_ALTNAME_INVALID',
      /is for another host name \(Hostname\/IP does not match certificate's altnames: .*\); use a host name the/,
    ],
  ])('recognises %s from node:https and from fetch (in its cause)', async (_name, start, code, sentence) => {
    const url = await start();
    for (const error of [await httpsError(url), await fetch(url).catch((e: unknown) => e)]) {
      const typed = untrustedCertificateError(error, url);
      expect(typed).toBeInstanceOf(UntrustedCertificateError);
      expect(typed).toMatchObject({ code: 'untrusted-certificate', tlsCode: code, url, cause: error });
      expect(typed?.message).toMatch(
        new RegExp(`^The TLS certificate of ${url.replace(/[.]/g, '\\.')} ${sentence.source}`),
      );
      expect(typed?.message).not.toContain('\n');
    }
  });

  // Codes the tests cannot provoke with the certificates sample-archive makes (no self-signed leaf, no past dates).
  it.each([
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'self-signed certificate',
      `is not trusted (self-signed certificate); ${TRUST_ADVICE}`,
    ],
    [
      'CERT_HAS_EXPIRED',
      'certificate has expired',
      "is not valid now (certificate has expired); the server must renew it, or this machine's clock is wrong.",
    ],
    [
      'CERT_NOT_YET_VALID',
      'certificate is not yet valid',
      "is not valid now (certificate is not yet valid); the server must renew it, or this machine's clock is wrong.",
    ],
  ])('says what to do about %s, also wrapped by fetch', (code, detail, sentence) => {
    const raw = Object.assign(new Error(detail), { code });
    for (const error of [raw, new TypeError('fetch failed', { cause: raw })]) {
      expect(untrustedCertificateError(error, 'https://s3.example.org/b')).toMatchObject({
        tlsCode: code,
        message: `The TLS certificate of https://s3.example.org/b ${sentence}`,
      });
    }
  });

  it('leaves every other failure to the caller', async () => {
    // A port that was free a moment ago: nothing listens there.
    const closed = await startHttps(leaf.certPem, leaf.keyPem);
    await new Promise((resolve) => closed.server.close(resolve));
    const refused = await fetch(closed.url).catch((e: unknown) => e);
    expect((refused as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    for (const error of [
      refused,
      new Error('boom'),
      'text',
      undefined,
      Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    ]) {
      expect(untrustedCertificateError(error, 'https://x.example.org/')).toBeUndefined();
    }
    const already = new UntrustedCertificateError(
      'The TLS certificate of https://a/ is not trusted.',
      'https://a/',
      'CERT_UNTRUSTED',
    );
    expect(untrustedCertificateError(already, 'https://b/')).toBe(already);
  });
});

describe('every client against an https archive whose CA is not trusted', () => {
  const generators: WorldGenerators = {
    jabsPose: (p) => new TextEncoder().encode(`stand-in JABS ${p.seed}`),
    nwbPose: (p) => new TextEncoder().encode(`stand-in NWB ${p.subjectId}`),
  };
  const key = 'other/kumar2025/index.html';
  let world: World;
  let untrusted: RunningSampleArchive;
  let trusted: RunningSampleArchive;
  let dest: string;

  beforeAll(async () => {
    world = await buildWorld({ generators, cache: false });
    untrusted = await serveWorld(world, { tls: true });
    trusted = await serveWorld(world, { tls: { ca: testCertificateAuthority() } });
    dest = await mkdtemp(join(tmpdir(), 'ember-untrusted-'));
  });
  afterAll(async () => {
    await untrusted?.close();
    await trusted?.close();
    await rm(dest, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the bucket client refuses to list, naming the listing URL, and lists the trusted twin', async () => {
    const listing = (archive: RunningSampleArchive) =>
      new BucketClient(loadConfig({}, { s3Endpoint: archive.s3 }).s3).listPrefix('other/');
    const error = await listing(untrusted)
      .next()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedCertificateError);
    expect((error as Error).message).toBe(notTrusted(`${untrusted.s3}/${world.bucket}/other/`));
    const page = await listing(trusted).next();
    expect(page.done ? [] : page.value.folders.map((folder) => folder.name)).toContain('kumar2025');
  });

  it('the bucket client and its AWS SDK do not retry it', async () => {
    const leaf = issueServerCertificate(createCertificateAuthority('a CA nobody trusts'));
    const { url, server } = await startHttps(leaf.certPem, leaf.keyPem);
    let connections = 0;
    server.on('connection', () => void connections++);
    try {
      const client = new BucketClient(loadConfig({}, { s3Endpoint: new URL(url).origin }).s3, { maxAttempts: 4 });
      await expect(client.headObject(key)).rejects.toThrow(UntrustedCertificateError);
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it('HttpSource fails its range read at once, without retrying, and reads the trusted twin', async () => {
    const calls = vi.spyOn(globalThis, 'fetch');
    const url = `${untrusted.s3}/${world.bucket}/${key}`;
    const source = new HttpSource(url, { retry: { attempts: 4, baseDelayMs: 1 } });
    const error = await source.read(0, 10).catch((e: unknown) => e);
    await source.close();
    expect(error).toBeInstanceOf(UntrustedCertificateError);
    expect((error as Error).message).toBe(notTrusted(url));
    expect(calls).toHaveBeenCalledTimes(1);
    const good = new HttpSource(`${trusted.s3}/${world.bucket}/${key}`);
    expect(new TextDecoder().decode(await good.read(0, 5))).toMatch(/^<!/i);
    await good.close();
  });

  it('S3Source fails its range read with the same error', async () => {
    const client = createUnsignedS3Client({
      endpoint: untrusted.s3,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
    });
    const source = new S3Source(client, world.bucket, key);
    const error = await source.read(0, 10).catch((e: unknown) => e);
    await source.close();
    expect(error).toBeInstanceOf(UntrustedCertificateError);
    expect((error as Error).message).toBe(notTrusted(`s3://${world.bucket}/${key}`));
  });

  it.each(['socket', 'node-http'] as const)(
    'a download over %s fails that file in one sentence, unretried, leaving nothing',
    async (transport) => {
      const head = await new BucketClient(loadConfig({}, { s3Endpoint: trusted.s3 }).s3).headObject(key);
      const events: DownloadEvent[] = [];
      const item = (archive: RunningSampleArchive) => ({
        path: 'index.html',
        url: `${archive.s3}/${world.bucket}/${key}`,
        size: head.size,
      });
      const options = {
        transport,
        retry: { attempts: 4, baseDelayMs: 1 },
        onEvent: (e: DownloadEvent) => void events.push(e),
      };
      const report = await downloadItems([item(untrusted)], { dest: join(dest, transport, 'untrusted'), ...options });
      expect(report.outcomes[0]).toMatchObject({
        status: 'failed',
        errorCode: 'untrusted-certificate',
        error: notTrusted(item(untrusted).url),
      });
      expect(events.filter((e) => e.type === 'retry')).toEqual([]);
      expect(await readdir(join(dest, transport, 'untrusted'))).toEqual([]);
      const good = await downloadItems([item(trusted)], { dest: join(dest, transport, 'trusted'), ...options });
      expect(good.outcomes[0]).toMatchObject({ status: 'downloaded' });
    },
  );
});
