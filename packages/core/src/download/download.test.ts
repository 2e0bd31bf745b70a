// The download engine against a real loopback server, through a proxy that injects the faults of a flaky link.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueServerCertificate } from '@ember-archive/sample-archive';
import { startFaultProxy, randomFaults, mulberry32, type FaultProxy } from '../test-support/fault-proxy.js';
import { startStaticServer, type StaticServer } from '../test-support/static-server.js';
import { testServerCertificate } from '../test-support/test-tls.js';
import { DandiEtagHasher } from './dandi-etag.js';
import { reportRobustness } from '../robustness/robustness-report.js';
import { partialPaths } from './resume-state.js';
import { REPORT_WRITTEN_BYTES } from './transfer-protocol.js';
import { downloadItems, summarizePlan } from './run-downloads.js';
import type { DownloadEvent, DownloadItem, DownloadOptions } from './types.js';

const KiB = 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
// The proxy serves https with a certificate from this CA in the https runs; the downloads are told to trust it.
const ca = createCertificateAuthority();
const proxyCertificate = issueServerCertificate(ca);
const fastRetries = {
  retry: { baseDelayMs: 2, maxDelayMs: 10 },
  idleTimeoutMs: 400,
  random: mulberry32(7),
  extraCa: ca.certPem,
} satisfies Partial<DownloadOptions>;
let scheme: 'http' | 'https' = 'http';

let server: StaticServer;
let proxy: FaultProxy;
let base: string;
let dest: string;
const files = new Map<string, Buffer>();

function item(path: string, url = `${proxy.url}/${path}`): DownloadItem {
  const bytes = files.get(path)!;
  return { path, url, size: bytes.byteLength, sha256: sha256(bytes) };
}

async function listTree(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
    .sort();
}

beforeAll(async () => {
  const random = mulberry32(1);
  const make = (size: number) => Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256)));
  files.set('small.bin', make(3 * KiB));
  files.set('sub-01/ses-1/big.nwb', make(600 * KiB));
  files.set('sub-01/empty.txt', Buffer.alloc(0));
  files.set('sub-02/medium.h5', make(200 * KiB));
  server = await startStaticServer(Object.fromEntries([...files].map(([p, b]) => [`/${p}`, b])));
});
const injected = { faults: 0, requests: 0, byKind: {} as Record<string, number> };
afterAll(async () => {
  await server.close();
  reportRobustness({
    suite: 'download-faults',
    faults: injected.faults,
    requests: injected.requests,
    byKind: injected.byKind,
    failures: 0,
  });
});

beforeEach(async () => {
  proxy = await startFaultProxy({ upstream: server.url, ...(scheme === 'https' ? { tls: proxyCertificate } : {}) });
  base = await mkdtemp(join(tmpdir(), 'ember-dl-'));
  dest = join(base, 'dest');
});
afterEach(async () => {
  const stats = proxy.stats();
  injected.faults += stats.faults;
  injected.requests += stats.requests;
  for (const [kind, n] of Object.entries(stats.byKind)) injected.byKind[kind] = (injected.byKind[kind] ?? 0) + n;
  await proxy.close();
  await rm(base, { recursive: true, force: true });
});

// Every case runs over plain http and over https (TLS), each with both transports: the socket reader (the default)
// and node:http (fallbacks, and the way out).
describe.each(['http', 'https'] as const)('%s', (s) => {
  beforeAll(() => {
    scheme = s;
  });
  describe.each(['socket', 'node-http'] as const)('downloadItems over %s', (transport) => {
    const fast = { ...fastRetries, transport } satisfies Partial<DownloadOptions>;
    it('downloads files into their folders, verified, in parallel ranged parts', async () => {
      const items = [...files.keys()].map((p) => item(p));
      const report = await downloadItems(items, { dest, jobs: 4, partSize: 64 * KiB, ...fast });
      expect(report.failed).toBe(0);
      expect(report.downloaded).toBe(items.length);
      expect(await listTree(dest)).toEqual([...files.keys()].sort());
      for (const [path, bytes] of files) expect(sha256(await readFile(join(dest, path)))).toBe(sha256(bytes));
      // 600 KiB in 64 KiB parts: ten ranged requests for the big file alone.
      expect(proxy.stats().requests).toBeGreaterThanOrEqual(10 + 3);
      expect(report.outcomes.every((o) => o.verifiedBy === 'sha2-256')).toBe(true);
    });

    it('digests on a worker thread just the same, and still catches corrupted bytes', async () => {
      proxy.enqueue({ kind: 'corrupt', offset: 99_999 });
      const items = [...files.keys()].map((p) => item(p));
      const report = await downloadItems(items, { dest, jobs: 3, partSize: 100 * KiB, workerHashMinBytes: 1, ...fast });
      expect(report.failed).toBe(0);
      for (const [path, bytes] of files) expect(sha256(await readFile(join(dest, path)))).toBe(sha256(bytes));
    });

    it('verifies with dandi-etag or the S3 MD5 ETag when no SHA-256 is given, and follows redirects', async () => {
      const bytes = files.get('sub-02/medium.h5')!;
      const etag = new DandiEtagHasher(bytes.byteLength);
      etag.update(bytes);
      server.redirect('/api/assets/x/download/', '/sub-02/medium.h5');
      const report = await downloadItems(
        [
          {
            path: 'a.h5',
            url: `${proxy.url}/api/assets/x/download/`,
            size: bytes.byteLength,
            dandiEtag: etag.digest(),
          },
          { path: 'b.h5', url: `${proxy.url}/sub-02/medium.h5`, size: bytes.byteLength, s3Etag: `"${md5(bytes)}"` },
        ],
        { dest, ...fast },
      );
      expect(report.outcomes.map((o) => [o.status, o.verifiedBy])).toEqual([
        ['downloaded', 'dandi-etag'],
        ['downloaded', 'md5'],
      ]);
      expect(sha256(await readFile(join(dest, 'a.h5')))).toBe(sha256(bytes));
    });

    it('verifies one of two digests: SHA-256 by default, the dandi-etag when asked, and catches corruption with either', async () => {
      const bytes = files.get('sub-01/ses-1/big.nwb')!;
      const etag = new DandiEtagHasher(bytes.byteLength);
      etag.update(bytes);
      const asset = { ...item('sub-01/ses-1/big.nwb'), dandiEtag: etag.digest() };
      for (const digest of ['auto', 'dandi-etag'] as const) {
        proxy.enqueue({ kind: 'corrupt', offset: 1234 });
        const events: DownloadEvent[] = [];
        const onEvent = (event: DownloadEvent) => void events.push(event);
        const report = await downloadItems([asset], {
          dest: join(dest, digest),
          digest,
          partSize: 128 * KiB,
          workerHashMinBytes: 1,
          onEvent,
          ...fast,
        });
        // The flipped byte was caught by the digest in use, and the file fetched again.
        expect(events.filter((e) => e.type === 'retry').map((e) => (e.type === 'retry' ? e.reason : ''))).toEqual([
          expect.stringMatching(new RegExp(`its ${digest === 'auto' ? 'sha2-256' : 'dandi-etag'} is`)),
        ]);
        expect(report.outcomes.map((o) => [o.status, o.verifiedBy, o.digest])).toEqual([
          [
            'downloaded',
            digest === 'auto' ? 'sha2-256' : 'dandi-etag',
            digest === 'auto' ? asset.sha256 : asset.dandiEtag,
          ],
        ]);
        expect(sha256(await readFile(join(dest, digest, asset.path)))).toBe(asset.sha256);
      }
      await expect(downloadItems([asset], { dest, digest: 'md5' as never })).rejects.toThrow(
        /--digest must be one of auto, sha2-256, dandi-etag/,
      );
    });

    it('skips a complete matching file and replaces a different one', async () => {
      await mkdir(join(dest, 'sub-02'), { recursive: true });
      await writeFile(join(dest, 'small.bin'), files.get('small.bin')!);
      await writeFile(join(dest, 'sub-02/medium.h5'), Buffer.alloc(files.get('sub-02/medium.h5')!.byteLength));
      const hitsBefore = server.hits.get('/small.bin');
      const report = await downloadItems([item('small.bin'), item('sub-02/medium.h5')], { dest, ...fast });
      expect(report.outcomes.map((o) => o.status)).toEqual(['skipped', 'downloaded']);
      expect(server.hits.get('/small.bin')).toBe(hitsBefore);
      expect(sha256(await readFile(join(dest, 'sub-02/medium.h5')))).toBe(sha256(files.get('sub-02/medium.h5')!));
    });

    it.each([
      [
        '500s',
        [
          { kind: 'status', status: 500 },
          { kind: 'status', status: 503 },
        ],
      ],
      ['a reset mid-body', [{ kind: 'reset', afterBytes: 70 * KiB }]],
      ['a truncated body', [{ kind: 'truncate', afterBytes: 100 * KiB }]],
      ['a stall', [{ kind: 'stall', afterBytes: 50 * KiB }]],
      ['corrupted bytes', [{ kind: 'corrupt', offset: 1234 }]],
    ] as const)('recovers from %s with verified bytes', async (_name, faults) => {
      proxy.enqueue(...faults);
      const events: DownloadEvent[] = [];
      const report = await downloadItems([item('sub-01/ses-1/big.nwb')], {
        dest,
        ...fast,
        onEvent: (e) => events.push(e),
      });
      expect(report.outcomes[0]).toMatchObject({ status: 'downloaded', verifiedBy: 'sha2-256' });
      expect(sha256(await readFile(join(dest, 'sub-01/ses-1/big.nwb')))).toBe(
        sha256(files.get('sub-01/ses-1/big.nwb')!),
      );
      expect(events.filter((e) => e.type === 'retry').length).toBeGreaterThanOrEqual(1);
      expect(proxy.stats().faults).toBe(faults.length);
      expect(await listTree(dest)).toEqual(['sub-01/ses-1/big.nwb']);
    });

    it('resumes a reset transfer from the bytes it already has', async () => {
      const size = files.get('sub-01/ses-1/big.nwb')!.byteLength;
      proxy.enqueue({ kind: 'reset', afterBytes: 400 * KiB });
      const report = await downloadItems([item('sub-01/ses-1/big.nwb')], { dest, ...fast });
      // Refetching from zero would move > size + 400 KiB.
      expect(report.fetchedBytes).toBeLessThan(size + 64 * KiB);
    });

    it('honours Retry-After on 429', async () => {
      proxy.enqueue({ kind: 'throttle', retryAfter: '1' });
      const events: DownloadEvent[] = [];
      const report = await downloadItems([item('small.bin')], { dest, ...fast, onEvent: (e) => events.push(e) });
      expect(report.downloaded).toBe(1);
      expect(events.find((e) => e.type === 'retry')).toMatchObject({
        delayMs: 1000,
        reason: expect.stringContaining('429'),
      });
    });

    it('fails clearly after persistent 500s, leaving nothing at the destination path', async () => {
      proxy.setPicker(() => ({ kind: 'status', status: 500 }));
      const report = await downloadItems([item('small.bin'), item('sub-02/medium.h5')], {
        dest,
        ...fast,
        retry: { ...fast.retry, attempts: 3 },
      });
      expect(report.failed).toBe(2);
      for (const outcome of report.outcomes) {
        expect(outcome.errorCode).toBe('network');
        expect(outcome.error).toMatch(/gave up after 3 attempts; last error: .* answered HTTP 500\./);
        expect(outcome.error).not.toContain('\n');
      }
      expect((await listTree(dest)).filter((p) => !p.includes('.ember-partial'))).toEqual([]);
    });

    it('fails with an integrity error when every copy is corrupt, and keeps no bad bytes', async () => {
      proxy.setPicker(() => ({ kind: 'corrupt', offset: 10 }));
      const report = await downloadItems([item('sub-02/medium.h5')], { dest, ...fast });
      expect(report.outcomes[0]).toMatchObject({ status: 'failed', errorCode: 'integrity' });
      expect(report.outcomes[0]!.error).toMatch(/failed verification/);
      expect(await listTree(dest)).toEqual([]);
    });

    it('times out a stalled transfer instead of hanging', async () => {
      proxy.setPicker(() => ({ kind: 'stall', afterBytes: 10 }));
      const started = Date.now();
      const report = await downloadItems([item('small.bin')], {
        dest,
        ...fast,
        retry: { ...fast.retry, attempts: 2 },
        idleTimeoutMs: 200,
      });
      expect(report.outcomes[0]!.error).toMatch(/stalled/);
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('reports a missing object as not found', async () => {
      const report = await downloadItems([{ path: 'x.nwb', url: `${proxy.url}/nope`, size: 5 }], { dest, ...fast });
      expect(report.outcomes[0]).toMatchObject({ status: 'failed', errorCode: 'not-found' });
      expect(await listTree(dest)).toEqual([]);
    });

    it('resumes an interrupted run and verifies the kept bytes', async () => {
      // Big enough that written bytes reach the engine before the stall on both transports: the transfer thread
      // reports them at least every REPORT_WRITTEN_BYTES, and node:http writes in batches of 1 MiB (http-range.ts).
      const path = 'resume/large.bin';
      const bytes = randomBytes(REPORT_WRITTEN_BYTES + 3 * 2 ** 20);
      server.put(`/${path}`, bytes);
      const large = { path, url: `${proxy.url}/${path}`, size: bytes.byteLength, sha256: sha256(bytes) };
      // First run: the stall keeps the transfer from finishing, and the run is interrupted as soon as the engine
      // reports bytes on disk (an event, not a timer: under load a timer may fire before anything was written).
      proxy.enqueue({ kind: 'stall', afterBytes: REPORT_WRITTEN_BYTES + 2 * 2 ** 20 });
      const controller = new AbortController();
      let reportedAtAbort = 0;
      const first = downloadItems([large], {
        dest,
        ...fast,
        idleTimeoutMs: 60_000,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type !== 'progress' || e.bytes === 0 || controller.signal.aborted) return;
          reportedAtAbort = e.bytes;
          controller.abort(new Error('interrupted'));
        },
      });
      await expect(first).rejects.toThrow('interrupted');
      const { partial, state } = partialPaths(join(dest, path));
      expect((await stat(partial)).size).toBe(bytes.byteLength);
      // The saved state keeps at least every byte reported written (and never more than the proxy let through).
      const kept = JSON.parse(await readFile(state, 'utf8')).parts[0].done;
      expect(reportedAtAbort).toBeGreaterThan(0);
      expect(kept).toBeGreaterThanOrEqual(reportedAtAbort);
      expect(kept).toBeLessThanOrEqual(REPORT_WRITTEN_BYTES + 2 * 2 ** 20);
      await expect(stat(join(dest, path))).rejects.toThrow();

      const plan = await summarizePlan([large], dest);
      expect(plan).toMatchObject({ files: 1, present: 0, partial: 1, partialBytes: kept });

      const second = await downloadItems([large], { dest, ...fast });
      expect(second.outcomes[0]).toMatchObject({ status: 'downloaded', verifiedBy: 'sha2-256' });
      expect(second.outcomes[0]!.resumed).toBe(kept);
      expect(second.fetchedBytes).toBe(bytes.byteLength - kept);
      expect(sha256(await readFile(join(dest, path)))).toBe(sha256(bytes));
      expect(await listTree(dest)).toEqual([path]);
    });

    it('resumes a dandi-etag download, digesting the kept bytes of each part once', async () => {
      const path = 'sub-01/ses-1/big.nwb';
      const bytes = files.get(path)!;
      const etag = new DandiEtagHasher(bytes.byteLength);
      etag.update(bytes);
      const etagItem = { path, url: `${proxy.url}/${path}`, size: bytes.byteLength, dandiEtag: etag.digest() };
      proxy.enqueue({ kind: 'reset', afterBytes: 250 * KiB });
      const first = await downloadItems([etagItem], { dest, ...fast, retry: { ...fast.retry, attempts: 1 } });
      expect(first.failed).toBe(1);
      const second = await downloadItems([etagItem], { dest, ...fast });
      expect(second.outcomes[0]).toMatchObject({ status: 'downloaded', verifiedBy: 'dandi-etag' });
      expect(second.outcomes[0]!.resumed).toBeGreaterThan(0);
      expect(second.fetchedBytes).toBe(bytes.byteLength - second.outcomes[0]!.resumed);
      expect(sha256(await readFile(join(dest, path)))).toBe(sha256(bytes));
      // A wrong dandi-etag is caught the same way.
      const wrong = await downloadItems([{ ...etagItem, path: 'wrong.nwb', dandiEtag: `${'0'.repeat(32)}-1` }], {
        dest,
        ...fast,
      });
      expect(wrong.outcomes[0]).toMatchObject({ status: 'failed', errorCode: 'integrity' });
    });

    it('catches bytes damaged on disk between runs, then fetches the file again', async () => {
      const path = 'sub-02/medium.h5';
      proxy.enqueue({ kind: 'reset', afterBytes: 150 * KiB });
      // attempts: 1 leaves the partial file behind after the reset.
      const first = await downloadItems([item(path)], { dest, ...fast, retry: { ...fast.retry, attempts: 1 } });
      expect(first.failed).toBe(1);
      const { partial } = partialPaths(join(dest, path));
      const damaged = await readFile(partial);
      damaged[100] = damaged[100]! ^ 0xff;
      await writeFile(partial, damaged);
      const second = await downloadItems([item(path)], { dest, ...fast });
      expect(second.outcomes[0]!.status).toBe('downloaded');
      expect(sha256(await readFile(join(dest, path)))).toBe(sha256(files.get(path)!));
    });

    it('never resumes a verifying run from the unflushed partial file of a verify: false run', async () => {
      const path = 'sub-02/medium.h5';
      const plain = { path, url: `${proxy.url}/${path}`, size: files.get(path)!.byteLength };
      proxy.enqueue({ kind: 'reset', afterBytes: 150 * KiB });
      const first = await downloadItems([plain], {
        dest,
        ...fast,
        verify: false,
        retry: { ...fast.retry, attempts: 1 },
      });
      expect(first.failed).toBe(1);
      // A file with no digest is checked by size only, so its run must not trust bytes that were never flushed.
      const second = await downloadItems([plain], { dest, ...fast });
      expect(second.outcomes[0]).toMatchObject({ status: 'downloaded', resumed: 0 });
      expect(sha256(await readFile(join(dest, path)))).toBe(sha256(files.get(path)!));
    });

    it('starts over when the resume state describes another object', async () => {
      const path = 'small.bin';
      const target = join(dest, path);
      await mkdir(dest, { recursive: true });
      const { partial, state } = partialPaths(target);
      await writeFile(partial, randomBytes(files.get(path)!.byteLength));
      await writeFile(
        state,
        JSON.stringify({
          version: 1,
          size: 3 * KiB,
          digest: { kind: 'sha2-256', value: 'f'.repeat(64) },
          parts: [{ start: 0, end: 3 * KiB - 1, done: 3 * KiB }],
        }),
      );
      const report = await downloadItems([item(path)], { dest, ...fast });
      expect(report.outcomes[0]).toMatchObject({ status: 'downloaded', resumed: 0 });
    });

    it('writes nothing outside the destination', async () => {
      const outside = join(base, 'outside');
      await mkdir(outside);
      await mkdir(dest);
      await symlink(outside, join(dest, 'escape'));
      const evil = ['../outside/x.bin', '/tmp/x.bin', 'a/../../outside/x.bin', 'escape/x.bin', 'a\\..\\x.bin'];
      const items = [...evil.map((p) => ({ ...item('small.bin'), path: p })), item('small.bin')];
      const report = await downloadItems(items, { dest, ...fast });
      expect(report.outcomes.map((o) => o.errorCode ?? o.status)).toEqual([
        ...evil.map(() => 'destination'),
        'downloaded',
      ]);
      expect(await readdir(outside)).toEqual([]);
      expect((await listTree(dest)).sort()).toEqual(['escape', 'small.bin']);
    });

    it('rejects plans that name a path twice', async () => {
      await expect(downloadItems([item('small.bin'), item('small.bin')], { dest })).rejects.toThrow(/twice/);
    });

    it('survives a seeded storm of random faults: every file verified or failed in one line', async () => {
      proxy.setPicker(randomFaults(42, 0.5));
      const items = [...files.keys()].flatMap((p) => [0, 1, 2].map((n) => ({ ...item(p), path: `copy${n}/${p}` })));
      const report = await downloadItems(items, {
        dest,
        jobs: 6,
        partSize: 128 * KiB,
        ...fast,
        retry: { ...fast.retry, attempts: 8 },
        idleTimeoutMs: 200,
      });
      expect(proxy.stats().faults).toBeGreaterThan(5);
      for (const outcome of report.outcomes) {
        const path = join(dest, outcome.path);
        if (outcome.status === 'downloaded') {
          expect(sha256(await readFile(path))).toBe(sha256(files.get(outcome.path.slice(6))!));
        } else {
          expect(outcome.error).toMatch(/^[^\n]+$/);
          await expect(stat(path)).rejects.toThrow();
        }
      }
    });
  });
});

describe('downloadItems over the socket reader', () => {
  beforeAll(() => {
    scheme = 'http';
  });

  it('trusts a CA named in NODE_EXTRA_CA_CERTS over https without being given it, on both transports', async () => {
    const front = await startFaultProxy({ upstream: server.url, tls: testServerCertificate() });
    try {
      for (const transport of ['socket', 'node-http'] as const) {
        const target = join(dest, transport);
        const { extraCa: _ignored, ...withoutCa } = fastRetries;
        const report = await downloadItems([item('sub-02/medium.h5', `${front.url}/sub-02/medium.h5`)], {
          dest: target,
          partSize: 64 * KiB,
          transport,
          ...withoutCa,
        });
        expect(report.outcomes[0]).toMatchObject({ status: 'downloaded', verifiedBy: 'sha2-256' });
        expect(sha256(await readFile(join(target, 'sub-02/medium.h5')))).toBe(sha256(files.get('sub-02/medium.h5')!));
      }
    } finally {
      await front.close();
    }
  });
  it('hands a chunked answer to node:http and still writes verified bytes', async () => {
    const bytes = files.get('sub-01/ses-1/big.nwb')!;
    // No Content-Length: node:http sends every range chunked, which the socket reader leaves to node:http.
    const chunked = createServer((req, res) => {
      const [, start, end] = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '')!.map(Number) as [number, number, number];
      res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${bytes.byteLength}` });
      res.end(bytes.subarray(start, end + 1));
    });
    await new Promise<void>((resolve) => chunked.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(chunked.address() as AddressInfo).port}/big.nwb`;
      const report = await downloadItems([{ ...item('sub-01/ses-1/big.nwb'), url }], {
        dest,
        partSize: 100 * KiB,
        transport: 'socket',
        ...fastRetries,
      });
      expect(report.outcomes[0]).toMatchObject({ status: 'downloaded', verifiedBy: 'sha2-256' });
      expect(sha256(await readFile(join(dest, 'sub-01/ses-1/big.nwb')))).toBe(sha256(bytes));
    } finally {
      chunked.closeAllConnections();
      await new Promise((resolve) => chunked.close(resolve));
    }
  });
});
