// End to end in a real browser: openHdf5InBrowser runs in headless Chromium (Debian's, driven by playwright-core)
// against the sample archive's S3 server and a CORS file server, both on other origins than the page, and must give
// exactly what openHdf5 gives in Node for the same URLs: tree, attributes, dataset descriptions, values and errors.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHdf5 } from '../node/open-hdf5.js';
import { CORPUS_DIR, makeFixtures } from '../test-support/corpus.js';
import type { Slice } from '../types.js';
import { describeError, reportFile, type FileReport } from './test-support/report.js';
import { samplePoseUrl } from '../test-support/sample-pose-url.js';

const CHROMIUM = '/usr/bin/chromium';
const HERE = fileURLToPath(new URL('.', import.meta.url));

interface PageReport {
  report?: FileReport;
  stats?: { requests: number; bytesFetched: number; fileSize: number };
  openError?: { name: string; code?: string; message: string };
  walkError?: { name: string; code?: string; message: string };
  crossOriginIsolated?: boolean;
}

let browser: BrowserContext | undefined;
let page: Page;
/** The same page served with COOP/COEP: cross-origin isolated, so the shared transport is used. */
let isolatedPage: Page;
let archive: RunningSampleArchive;
let pageServer: Server;
let dataServer: Server;
let pageUrl: string;
let dataUrl: string;
let bundleDir: string;
let fixturesDir: string;
const pageErrors: string[] = [];
/** GET requests that came from the browser (not from Node's openHdf5, which sends ember-archive's User-Agent), by path. */
const browserRequests = new Map<string, number>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    const who = process.getuid?.() === 0 ? 'run' : 'run as root';
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: ${who} scripts/system-packages.sh, which installs Debian's chromium package.`,
    );
  }
  bundleDir = mkdtempSync(join(tmpdir(), 'ember-browser-e2e-'));
  // h5py fixtures: links, references, enums, compounds, an unsupported filter, and a long chunked series.
  fixturesDir = join(bundleDir, 'fixtures');
  makeFixtures(fixturesDir);
  // The page script and the worker, bundled the way an application would; the worker sits next to the page script,
  // where openHdf5InBrowser's default `new URL('./browser-worker.js', import.meta.url)` finds it.
  await build({
    entryPoints: { page: join(HERE, 'test-support/page.ts'), 'browser-worker': join(HERE, 'browser-worker.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outdir: bundleDir,
    logLevel: 'error',
  });
  pageServer = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // Under /isolated/ the page is cross-origin isolated (https://web.dev/articles/coop-coep).
    const isolated = path.startsWith('/isolated/');
    const headers: Record<string, string> = isolated
      ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
      : {};
    const name = path.replace(/^\/(isolated\/)?/, '');
    if (name === '')
      return void res
        .writeHead(200, { ...headers, 'content-type': 'text/html' })
        .end('<!doctype html><script type="module" src="page.js"></script>');
    if (name !== 'page.js' && name !== 'browser-worker.js') return void res.writeHead(404).end();
    res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(readFileSync(join(bundleDir, name)));
  });
  pageUrl = address(pageServer);
  dataServer = await listen(serveCorsFiles);
  dataUrl = address(dataServer);
  archive = await startSampleArchive();

  // A new empty profile (playwright takes it as launchPersistentContext's argument, not as --user-data-dir).
  browser = await chromium.launchPersistentContext(join(bundleDir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${pageUrl}/`);
  await page.waitForFunction(() => 'emberTest' in globalThis, undefined, { timeout: 10_000 });
  isolatedPage = await browser.newPage();
  isolatedPage.on('pageerror', (error) => pageErrors.push(error.message));
  await isolatedPage.goto(`${pageUrl}/isolated/`);
  await isolatedPage.waitForFunction(() => 'emberTest' in globalThis, undefined, { timeout: 10_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await archive?.close();
  for (const server of [pageServer, dataServer]) if (server) await new Promise((resolve) => server.close(resolve));
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

/** Run the page's report of a URL (open, walk, attrs, dataset infos, first rows) in Chromium. */
function inBrowser(url: string, on: Page = page): Promise<PageReport> {
  return on.evaluate(
    (target) =>
      (globalThis as unknown as { emberTest: { report(u: string): Promise<PageReport> } }).emberTest.report(target),
    url,
  );
}

/** The same report from openHdf5 in Node. */
async function inNode(url: string): Promise<PageReport> {
  let file;
  try {
    // The HDF5 engine, as in the browser: Node's direct reads also decode lzf, which browsers leave to HDF5 (and refuse).
    file = await openHdf5(url, { directReads: false });
  } catch (error) {
    return { openError: describeError(error) };
  }
  try {
    return { report: JSON.parse(JSON.stringify(await reportFile(file))) as FileReport, stats: file.stats() };
  } catch (error) {
    return { walkError: describeError(error) };
  } finally {
    await file.close();
  }
}

describe('openHdf5InBrowser in Chromium', () => {
  it('reads a JABS pose file of the sample bucket exactly as openHdf5 does in Node', async () => {
    const url = await samplePoseUrl(archive);
    const [browserSide, nodeSide] = await Promise.all([inBrowser(url), inNode(url)]);
    expect(browserSide.openError).toBeUndefined();
    expect(browserSide.crossOriginIsolated).toBe(false); // the synchronous XHR path, not SharedArrayBuffer
    const report = browserSide.report!;
    expect(report.nodes).toContainEqual(
      expect.objectContaining({ path: '/poseest/points', kind: 'dataset', dtype: 'uint16' }),
    );
    expect(Object.values(report.reads).filter((r) => 'error' in (r as object))).toEqual([]);
    const points = report.reads['/poseest/points'] as { shape: number[]; values: number[] };
    expect(points.shape.slice(0, 1)).toEqual([3]);
    expect(points.values.length).toBe(points.shape.reduce((a, b) => a * b, 1));
    expect(report).toEqual(nodeSide.report);
    // Node's openHdf5 made 8 requests for this ~560 KB v5 file (a 64 KiB probe, then blocks with readahead).
    expect(browserSide.stats!.requests).toBeLessThanOrEqual(10);
    expect(browserSide.stats!.bytesFetched).toBeLessThanOrEqual(browserSide.stats!.fileSize);
    expect(browserSide.stats!.fileSize).toBe(nodeSide.stats!.fileSize);
  });

  it('reads corpus files served cross-origin with CORS exactly as openHdf5 does in Node', async () => {
    for (const [name, bound] of [
      ['ndx-pose/0.3.0_poseestimation_one_camera.nwb', 6],
      ['jabs/sample_pose_est_v3.h5', 6],
    ] as const) {
      const url = `${dataUrl}/cors/${name}`;
      const [browserSide, nodeSide] = await Promise.all([inBrowser(url), inNode(url)]);
      expect(browserSide.openError, name).toBeUndefined();
      expect(browserSide.report, name).toEqual(nodeSide.report);
      const values = Object.values(browserSide.report!.reads).filter((r) => 'values' in (r as object));
      expect(values.length, name).toBeGreaterThan(3);
      expect(browserSide.stats!.requests, name).toBeLessThanOrEqual(bound);
      expect(browserSide.stats!.bytesFetched, name).toBeLessThanOrEqual(browserSide.stats!.fileSize);
    }
  });

  it('reads the HDF5 edge cases (N-bit, float16, long double, bitfields, unreadable objects) exactly as Node does', async () => {
    // Node's engine matches h5py on these (numeric-sweep.test.ts, unreadable-objects.test.ts); the browser's must match it.
    for (const name of [
      'hdf5-edge/le_data.h5',
      'hdf5-edge/tbogus.h5',
      'hdf5-edge/tall.h5',
      'hdf5-edge/tldouble.h5',
      'hdf5-edge/tfloat16.h5',
      'hdf5-edge/tbitnopaque.h5',
      'hdf5-edge/vlen_string_s390x.h5',
      'generated/nbit.h5',
      'generated/special_floats.h5',
      'generated/bitfields.h5',
    ]) {
      const url = `${dataUrl}/cors/${name}`;
      const [browserSide, nodeSide] = await Promise.all([inBrowser(url), inNode(url)]);
      expect(browserSide.openError, name).toBeUndefined();
      expect(browserSide.report, name).toEqual(nodeSide.report);
    }
  });

  it('reads h5py fixtures (links, references, enums, compounds, an unsupported filter) exactly as openHdf5 does in Node', async () => {
    for (const name of ['features.h5', 'narrow.h5']) {
      const url = `${dataUrl}/cors/fixtures/${name}`;
      const [browserSide, nodeSide] = await Promise.all([inBrowser(url), inNode(url)]);
      expect(browserSide.openError, name).toBeUndefined();
      expect(browserSide.report, name).toEqual(nodeSide.report);
    }
  });

  it('reads 150 chunks of a series in a few requests (B-tree planned chunks and readahead)', async () => {
    const url = `${dataUrl}/cors/fixtures/chunked.h5`;
    const selection: Slice[] = [[0, 150_000]];
    const result = await page.evaluate(
      ([target, sel]) =>
        (
          globalThis as unknown as { emberTest: { readSelection(u: string, p: string, s: Slice[]): Promise<unknown> } }
        ).emberTest.readSelection(target, '/series', sel),
      [url, selection] as const,
    );
    const { shape, values, stats } = result as {
      shape: number[];
      values: number[];
      stats: { requests: number; bytesFetched: number; fileSize: number };
    };
    expect(shape).toEqual([150_000]);
    // The fixture's series is 0, 1, 2, ... (np.arange).
    expect(values.every((v, i) => v === i)).toBe(true);
    // 150 chunks of 4 KB one after another: without planning and readahead this would be ~150 round trips.
    expect(stats.requests).toBeLessThanOrEqual(8);
    expect(stats.bytesFetched).toBeLessThanOrEqual(stats.fileSize);
  });

  it('fails on a file that is not HDF5 with the same typed error and message as Node, in few requests', async () => {
    const url = `${dataUrl}/cors/notes.txt`;
    browserRequests.clear();
    const [browserSide, nodeSide] = await Promise.all([inBrowser(url), inNode(url)]);
    // HDF5 looks for its signature at 0, 512, 1 KiB, 2 KiB... : the 64 KiB probe, then the blocks at 64 and 128 KiB.
    expect(browserRequests.get('/cors/notes.txt')).toBeLessThanOrEqual(3);
    expect(browserSide.openError).toEqual({
      name: 'NotHdf5Error',
      code: expect.any(String),
      message: `${url} is not an HDF5 file (no HDF5 signature was found).`,
    });
    expect(browserSide.openError).toEqual(nodeSide.openError);
  });

  it('fails on a truncated file with the same typed error and message as Node', async () => {
    const url = `${dataUrl}/cors/truncated.nwb`;
    const [browserSide, nodeSide] = await Promise.all([inBrowser(url), inNode(url)]);
    const failure = browserSide.openError ?? browserSide.walkError;
    expect(failure).toMatchObject({
      name: 'CorruptFileError',
      message: expect.stringContaining(`${url} is truncated or damaged`),
    });
    expect(browserSide).toEqual(nodeSide);
  });

  it('maps a missing file and a server without CORS to typed errors', async () => {
    const missing = `${dataUrl}/cors/absent.h5`;
    const [browserSide, nodeSide] = await Promise.all([inBrowser(missing), inNode(missing)]);
    expect(browserSide.openError).toMatchObject({ name: 'NotFoundError', message: `Nothing is found at ${missing}.` });
    expect(browserSide.openError).toEqual(nodeSide.openError);
    const blocked = `${dataUrl}/plain/jabs/sample_pose_est_v2.h5`;
    expect((await inBrowser(blocked)).openError).toMatchObject({
      name: 'NetworkError',
      message: expect.stringContaining('CORS'),
    });
  });

  it('close() ends the worker: later calls fail as closed', async () => {
    const url = `${dataUrl}/cors/jabs/sample_pose_est_v2.h5`;
    const result = await page.evaluate(
      (target) =>
        (
          globalThis as unknown as { emberTest: { closeThenCall(u: string): Promise<unknown> } }
        ).emberTest.closeThenCall(target),
      url,
    );
    expect(result).toEqual({ error: { name: 'EmberError', code: 'closed', message: `${url} is closed.` } });
    expect(pageErrors).toEqual([]);
  });
});

describe('openHdf5InBrowser on a cross-origin isolated page (fetch in the page, SharedArrayBuffer + Atomics.wait)', () => {
  it('reads the sample pose file, a corpus NWB and the h5py fixtures exactly as openHdf5 does in Node', async () => {
    const urls = [
      await samplePoseUrl(archive),
      `${dataUrl}/cors/ndx-pose/0.3.0_poseestimation_one_camera.nwb`,
      `${dataUrl}/cors/fixtures/features.h5`,
    ];
    for (const url of urls) {
      const [browserSide, nodeSide] = await Promise.all([inBrowser(url, isolatedPage), inNode(url)]);
      expect(browserSide.crossOriginIsolated, url).toBe(true);
      expect(browserSide.openError, url).toBeUndefined();
      expect(browserSide.report, url).toEqual(nodeSide.report);
      expect(browserSide.stats!.requests, url).toBeLessThanOrEqual(10);
    }
  });

  it('gives the same typed errors as Node for a file that is not HDF5 and a missing file', async () => {
    for (const url of [`${dataUrl}/cors/notes.txt`, `${dataUrl}/cors/absent.h5`]) {
      const [browserSide, nodeSide] = await Promise.all([inBrowser(url, isolatedPage), inNode(url)]);
      expect(browserSide.openError, url).toBeDefined();
      expect(browserSide.openError, url).toEqual(nodeSide.openError);
    }
  });

  it('reads 150 chunks of a series in a few requests (chunks prefetched in parallel)', async () => {
    const url = `${dataUrl}/cors/fixtures/chunked.h5`;
    const result = await isolatedPage.evaluate(
      ([target, sel]) =>
        (
          globalThis as unknown as { emberTest: { readSelection(u: string, p: string, s: Slice[]): Promise<unknown> } }
        ).emberTest.readSelection(target, '/series', sel),
      [url, [[0, 150_000]] as Slice[]] as const,
    );
    const { values, stats } = result as { values: number[]; stats: { requests: number } };
    expect(values.length).toBe(150_000);
    expect(values.every((v, i) => v === i)).toBe(true);
    expect(stats.requests).toBeLessThanOrEqual(12);
  });
});

/** Corpus files by Range: under /cors/ with CORS headers (what S3 and DANDI send), under /plain/ without; plus a text file. */
function serveCorsFiles(req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (req.method === 'GET' && !req.headers['user-agent']?.startsWith('ember-archive'))
    browserRequests.set(path, (browserRequests.get(path) ?? 0) + 1);
  const cors = path.startsWith('/cors/');
  const headers: Record<string, string> = cors
    ? { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Content-Range, Content-Length, ETag' }
    : {};
  if (req.method === 'OPTIONS') {
    return void res
      .writeHead(cors ? 204 : 403, {
        ...headers,
        'access-control-allow-headers': 'Range',
        'access-control-allow-methods': 'GET',
      })
      .end();
  }
  const name = path.replace(/^\/(cors|plain)\//, '');
  let bytes: Buffer;
  if (name === 'notes.txt') bytes = Buffer.from('These are notes, not an HDF5 file.\n'.repeat(4_000));
  else if (name === 'truncated.nwb')
    bytes = readFileSync(join(CORPUS_DIR, 'ndx-pose/0.3.0_poseestimation_one_camera.nwb')).subarray(0, 60_000);
  else if (/^fixtures\/[\w.-]+$/.test(name) && existsSync(join(bundleDir, name)))
    bytes = readFileSync(join(bundleDir, name));
  else if (/^[\w-]+\/[\w.-]+$/.test(name) && existsSync(join(CORPUS_DIR, name)))
    bytes = readFileSync(join(CORPUS_DIR, name));
  else return void res.writeHead(404, headers).end('not found');
  const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
  if (!range) return void res.writeHead(200, { ...headers, 'content-length': String(bytes.length) }).end(bytes);
  const start = Number(range[1]);
  const end = Math.min(Number(range[2]), bytes.length - 1);
  if (start >= bytes.length)
    return void res.writeHead(416, { ...headers, 'content-range': `bytes */${bytes.length}` }).end();
  res
    .writeHead(206, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${bytes.length}`,
      'content-length': String(end - start + 1),
    })
    .end(bytes.subarray(start, end + 1));
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function address(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
