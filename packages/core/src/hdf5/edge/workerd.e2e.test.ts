// End to end in workerd, the runtime of Cloudflare Workers: a Worker bundled with esbuild (the edge entry point and
// h5wasm's wasm as a compiled module, as wrangler would ship them) opens a JABS pose file of the sample archive's S3
// server by URL, walks it, reads every dataset's first rows and one selection, and must give exactly what openHdf5
// gives in Node for the same URL, in a bounded number of requests; likewise for h5py fixtures on a loopback range
// server. A second Worker, without the compiled module, shows why it is needed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plain, reportFile, type FileReport } from '../browser/test-support/report.js';
import { openHdf5 } from '../node/open-hdf5.js';
import { makeFixtures } from '../test-support/corpus.js';
import type { Slice } from '../types.js';
import { samplePoseUrl } from '../test-support/sample-pose-url.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

interface WorkerReport {
  report?: FileReport;
  slice?: { shape: number[]; values: unknown[] };
  stats?: { requests: number; bytesFetched: number; fileSize: number };
  openError?: { name: string; message: string };
  walkError?: { name: string; message: string };
}

let dir: string;
let workerd: ChildProcess | undefined;
let workerdLog = '';
let workerUrl: string;
/** The Worker that does not hand h5wasm a compiled module. */
let stockUrl: string;
let archive: RunningSampleArchive;
/** h5py fixtures (links, references, enums, compounds, a 150-chunk series) served by Range on loopback. */
let fixtureServer: Server;
let fixtureUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ember-workerd-e2e-'));
  await build({
    entryPoints: {
      worker: join(HERE, 'test-support/report-worker.ts'),
      stock: join(HERE, 'test-support/stock-worker.ts'),
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    // The .wasm import stays an import: workerd serves it as a compiled module (below), never as bytes to compile.
    external: ['*.wasm'],
    target: 'es2022',
    outdir: dir,
    logLevel: 'error',
  });
  copyFileSync(h5wasmWasm(), join(dir, 'h5wasm.wasm'));
  writeFileSync(join(dir, 'config.capnp'), WORKERD_CONFIG);
  archive = await startSampleArchive();
  makeFixtures(join(dir, 'fixtures'));
  fixtureServer = await serveFixtures(join(dir, 'fixtures'));
  fixtureUrl = `http://127.0.0.1:${(fixtureServer.address() as AddressInfo).port}`;
  const ports = await startWorkerd(join(dir, 'config.capnp'), ['http', 'stock']);
  workerUrl = ports.http!;
  stockUrl = ports.stock!;
}, 60_000);

afterAll(async () => {
  const running = () => workerd !== undefined && workerd.exitCode === null && workerd.signalCode === null;
  if (workerd && running()) {
    const exited = new Promise((resolve) => workerd!.once('exit', resolve));
    workerd.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (running()) workerd.kill('SIGKILL');
  }
  await archive?.close();
  if (fixtureServer) await new Promise((resolve) => fixtureServer.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Two Workers and one network service that may reach loopback: the default outbound only allows public addresses
// (workerd.capnp `struct Network`), and the sample archive listens on 127.0.0.1.
const WORKERD_CONFIG = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .reportWorker),
    (name = "stock", worker = .stockWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:0", http = (), service = "main"),
    (name = "stock", address = "127.0.0.1:0", http = (), service = "stock"),
  ],
);

const reportWorker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "h5wasm.wasm", wasm = embed "h5wasm.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);

const stockWorker :Workerd.Worker = (
  modules = [(name = "stock.js", esModule = embed "stock.js")],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
`;

/** dist/h5wasm.wasm through the package's own export (what a Worker project imports); extracted if not built yet. */
function h5wasmWasm(): string {
  const path = join(PACKAGE_DIR, 'dist/h5wasm.wasm');
  if (!existsSync(path))
    execFileSync(process.execPath, [join(PACKAGE_DIR, 'scripts/extract-h5wasm-wasm.mjs')], { stdio: 'ignore' });
  return require.resolve('@ember-archive/core/h5wasm.wasm');
}

/** Start workerd on free loopback ports, learnt from its control descriptor (how miniflare drives it): URL by socket. */
async function startWorkerd(config: string, sockets: string[]): Promise<Record<string, string>> {
  const binary = (require('workerd') as { default: string }).default;
  const child = spawn(binary, ['serve', config, '--control-fd=3'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  workerd = child;
  child.stdout!.on('data', (chunk: Buffer) => (workerdLog += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (workerdLog += chunk.toString()));
  const control = createInterface({ input: child.stdio[3] as Readable });
  const urls: Record<string, string> = {};
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`workerd did not listen within 20 s:\n${workerdLog}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`workerd exited with ${code}:\n${workerdLog}`)));
    control.on('line', (line) => {
      const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
      if (message.event !== 'listen' || !message.socket) return;
      urls[message.socket] = `http://127.0.0.1:${message.port}`;
      if (sockets.every((name) => urls[name])) {
        clearTimeout(timer);
        resolve(urls);
      }
    });
  });
}

/** Ask a Worker for its report of `url` (and the selection `slice` of `path`). */
async function inWorkerd(url: string, path?: string, slice?: Slice[], worker = workerUrl): Promise<WorkerReport> {
  const query = new URLSearchParams({
    url,
    ...(path ? { path } : {}),
    ...(slice ? { slice: JSON.stringify(slice) } : {}),
  });
  const response = await fetch(`${worker}/?${query}`, { signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`workerd answered HTTP ${response.status}: ${text}\n${workerdLog}`);
  return JSON.parse(text) as WorkerReport;
}

/** The same report from openHdf5 in Node. */
async function inNode(url: string, path?: string, slice?: Slice[]): Promise<WorkerReport> {
  // The HDF5 engine, as at the edge: Node's direct reads also decode lzf, which the edge leaves to HDF5 (and refuses).
  const file = await openHdf5(url, { directReads: false });
  try {
    const report = JSON.parse(JSON.stringify(await reportFile(file))) as FileReport;
    const values = path ? (plain(await file.read(path, slice)) as WorkerReport['slice']) : undefined;
    return { report, slice: values, stats: file.stats() };
  } finally {
    await file.close();
  }
}

/** Files of `root` by HTTP Range (206 with Content-Range, 416 past the end), as S3 serves them. */
function serveFixtures(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    if (!/^[\w.-]+$/.test(name) || !existsSync(join(root, name))) return void res.writeHead(404).end();
    const bytes = readFileSync(join(root, name));
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!range) return void res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes);
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), bytes.length - 1);
    if (start >= bytes.length) return void res.writeHead(416, { 'content-range': `bytes */${bytes.length}` }).end();
    res
      .writeHead(206, {
        'content-range': `bytes ${start}-${end}/${bytes.length}`,
        'content-length': String(end - start + 1),
      })
      .end(bytes.subarray(start, end + 1));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('openHdf5Url in workerd', () => {
  it('reads a JABS pose file of the sample bucket by ranges exactly as openHdf5 does in Node', async () => {
    const url = await samplePoseUrl(archive);
    // Frames 1..2, every keypoint, the x coordinate: a strided box inside the pose points.
    const slice: Slice[] = [[1, 3], null, null, [0, 1]];
    const path = '/poseest/points';
    const [edge, node] = await Promise.all([inWorkerd(url, path, slice), inNode(url, path, slice)]);
    expect(edge.openError).toBeUndefined();
    expect(edge.walkError).toBeUndefined();
    const report = edge.report!;
    expect(report.nodes).toContainEqual(expect.objectContaining({ path, kind: 'dataset', dtype: 'uint16' }));
    expect(Object.values(report.reads).filter((r) => 'error' in (r as object))).toEqual([]);
    expect(report).toEqual(node.report);
    expect(edge.slice!.values.length).toBeGreaterThan(0);
    expect(edge.slice).toEqual(node.slice);
    expect(edge.stats!.fileSize).toBe(node.stats!.fileSize);
    // By ranges, not by downloading the file. Node's openHdf5 made 10 requests (332 KB of 955 KB) for this walk; the
    // thread-less reader learns what HDF5 needs one failed call at a time, so it makes a few more (14 when written).
    expect(edge.stats!.requests).toBeLessThanOrEqual(16);
    expect(edge.stats!.bytesFetched).toBeLessThanOrEqual(1.25 * node.stats!.bytesFetched);
    expect(edge.stats!.bytesFetched).toBeLessThan(edge.stats!.fileSize / 2);
  });

  it('fails with a typed error, not a hang, when h5wasm is not given its compiled module (stock h5wasm in workerd)', async () => {
    const url = await samplePoseUrl(archive);
    const stock = await inWorkerd(url, undefined, undefined, stockUrl);
    expect(stock.openError).toEqual({
      name: 'UnsupportedError',
      code: 'unsupported',
      message: `This runtime does not compile wasm from bytes, so ${url} cannot be read: pass h5wasm's precompiled module as \`wasm\` (import it from @ember-archive/core/h5wasm.wasm).`,
    });
    // What workerd itself said, as measured in docs/h5wasm.md §3.
    expect(workerdLog).toContain('Wasm code generation disallowed by embedder');
  });

  it('reads h5py fixtures (links, references, enums, compounds, an unsupported filter) exactly as openHdf5 does in Node', async () => {
    for (const name of ['features.h5', 'narrow.h5']) {
      const url = `${fixtureUrl}/${name}`;
      const [edge, node] = await Promise.all([inWorkerd(url), inNode(url)]);
      expect(edge.openError, name).toBeUndefined();
      expect(edge.walkError, name).toBeUndefined();
      expect(edge.report, name).toEqual(node.report);
    }
  });

  it('reads 150 chunks of a series in a bounded number of requests', async () => {
    const url = `${fixtureUrl}/chunked.h5`;
    const edge = await inWorkerd(url, '/series', [[0, 150_000]]);
    expect(edge.slice!.shape).toEqual([150_000]);
    // The fixture's series is 0, 1, 2, ... (np.arange).
    expect(edge.slice!.values.every((v, i) => v === i)).toBe(true);
    // Each fetch round fetches every range the failed call missed, merged and read ahead: 7 requests when written,
    // where one round trip per chunk would be 150.
    expect(edge.stats!.requests).toBeLessThanOrEqual(10);
    expect(edge.stats!.bytesFetched).toBeLessThanOrEqual(edge.stats!.fileSize);
  });
});
