// End to end in workerd, the runtime of Cloudflare Workers: the API's edge handler, bundled with esbuild and given
// h5wasm's compiled module (as wrangler ships it), answers over the sample archive's S3 server and DANDI API on
// loopback: listings, the HDF5 tree and values, NWB, pose, h5grove, and the allow-list, as the Node app does.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startSampleApp, type SampleApp } from './test-support/sample-app.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

let dir: string;
let workerd: ChildProcess | undefined;
let log = '';
let edgeUrl: string;
/** The same API in Node, to compare answers with. */
let node: SampleApp;

beforeAll(async () => {
  node = await startSampleApp();
  dir = mkdtempSync(join(tmpdir(), 'ember-api-workerd-'));
  await build({
    entryPoints: { worker: join(HERE, 'test-support/edge-worker.ts') },
    bundle: true,
    format: 'esm',
    // The browser platform applies packages' "browser" maps (the AWS SDK's runtime config), as wrangler's bundling
    // with the workerd/browser conditions does; a neutral bundle pulls the SDK's Node credential providers in.
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['*.wasm'],
    target: 'es2022',
    outdir: dir,
    logLevel: 'error',
  });
  copyFileSync(require.resolve('@ember-archive/core/h5wasm.wasm'), join(dir, 'h5wasm.wasm'));
  writeFileSync(join(dir, 'config.capnp'), workerdConfig(node.sample.api, node.sample.s3));
  edgeUrl = await startWorkerd(join(dir, 'config.capnp'));
}, 90_000);

afterAll(async () => {
  const running = workerd;
  if (running && running.exitCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (running.exitCode === null) running.kill('SIGKILL');
  }
  await node?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The Worker may reach loopback only through this network service (workerd's default outbound is public only).
function workerdConfig(api: string, s3: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .apiWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const apiWorker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "h5wasm.wasm", wasm = embed "h5wasm.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
  bindings = [
    (name = "EMBER_API_URL", text = "${api}"),
    (name = "EMBER_S3_ENDPOINT", text = "${s3}"),
  ],
);
`;
}

async function startWorkerd(config: string): Promise<string> {
  const binary = (require('workerd') as { default: string }).default;
  const child = spawn(binary, ['serve', config, '--control-fd=3'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  workerd = child;
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const control = createInterface({ input: child.stdio[3] as Readable });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`workerd did not listen within 20 s:\n${log}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`workerd exited with ${code}:\n${log}`)));
    control.on('line', (line) => {
      const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
      if (message.event === 'listen' && message.socket === 'http') {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${message.port}`);
      }
    });
  });
}

async function both(path: string, query: Record<string, string> = {}): Promise<[unknown, unknown]> {
  const url = `${path}?${new URLSearchParams(query)}`;
  const edge = await fetch(`${edgeUrl}${url}`, { signal: AbortSignal.timeout(60_000) });
  const text = await edge.text();
  if (edge.status !== 200) throw new Error(`workerd: ${url} HTTP ${edge.status} ${text}\n${log}`);
  return [JSON.parse(text), await jsonOf(await node.get(path, query))];
}

/** The first dataset at or below `path` of `id` (found through the Node app). */
async function firstDataset(id: string, path: string): Promise<string> {
  const { nodes } = await jsonOf<{ nodes: { path: string; kind: string }[] }>(await node.get('/v1/tree', { id, path }));
  const dataset = nodes.find((n) => n.kind === 'dataset');
  if (dataset) return dataset.path;
  for (const group of nodes.filter((n) => n.kind === 'group')) {
    const found = await firstDataset(id, group.path).catch(() => '');
    if (found) return found;
  }
  return '';
}

describe('the API in workerd', () => {
  it('lists the archive and reads HDF5, NWB and pose files as the Node app does', async () => {
    const [health] = await both('/v1/health');
    expect(health).toMatchObject({ status: 'ok' });
    // Dandisets at the edge (the bucket: the next test).
    const [edgeList, nodeList] = await both('/v1/list', { id: 'dandi://ember-dandi/000463@draft/sub-ADPTM01/' });
    expect((edgeList as { entries: unknown[] }).entries).toEqual((nodeList as { entries: unknown[] }).entries);
    const nwb = (edgeList as { entries: { uri: string; name: string }[] }).entries.find((e) => e.name.endsWith('.nwb'));
    if (!nwb) throw new Error('no NWB file in sub-ADPTM01');
    const [edgeTree, nodeTree] = await both('/v1/tree', { id: nwb.uri, path: '/processing' });
    expect(edgeTree).toEqual(nodeTree);
    const series = await firstDataset(nwb.uri, '/acquisition');
    for (const [path, query] of [
      ['/v1/values', { id: nwb.uri, path: series, selection: '0:20' }],
      ['/v1/info', { id: nwb.uri }],
      ['/v1/pose', { id: nwb.uri, start: '0', end: '100', points: '20' }],
      ['/v1/pose/metrics', { id: nwb.uri, start: '0', end: '100' }],
      ['/h5grove/meta/', { file: nwb.uri, path: '/acquisition' }],
      ['/h5grove/paths/', { file: nwb.uri }],
    ] as const) {
      const [edge, fromNode] = await both(path, query);
      expect(edge, path).toEqual(fromNode);
    }
    const [edgeNwb, nodeNwb] = await both('/v1/nwb', { id: nwb.uri });
    expect(edgeNwb).toEqual(nodeNwb);
  });

  it('lists the bucket and reads its objects (s3:// identifiers) as the Node app does', async () => {
    // The SDK's browser build parses S3's XML with DOMParser, which workerd lacks (core's bucket/xml-dom.ts).
    type Page = { entries: { uri: string; kind: string }[]; next?: string };
    const [edgeRoot, nodeRoot] = (await both('/v1/list', { id: 's3://ember-open-data/' })) as Page[];
    expect(edgeRoot?.entries).toEqual(nodeRoot?.entries);
    // A page of three, then the next one through the edge's own cursor (cursors name each server's listing session).
    const folder = 's3://ember-open-data/other/kumar2025/pose_files/';
    const [edgeList, nodeList] = (await both('/v1/list', { id: folder, limit: '3' })) as Page[];
    const entries = edgeList?.entries ?? [];
    expect(entries).toHaveLength(3);
    expect(entries).toEqual(nodeList?.entries);
    const next = await fetch(
      `${edgeUrl}/v1/list?${new URLSearchParams({ id: folder, limit: '3', cursor: edgeList?.next ?? '' })}`,
    );
    const [, nodeAll] = (await both('/v1/list', { id: folder })) as Page[];
    expect(((await next.json()) as Page).entries).toEqual(nodeAll?.entries.slice(3, 6));
    const file = entries.find((e) => e.kind === 'file');
    if (!file) throw new Error(`no file in ${folder}`);
    for (const path of ['/v1/info', '/v1/tree'] as const) {
      const [edge, fromNode] = await both(path, { id: file.uri });
      expect(edge, path).toEqual(fromNode);
    }
  });

  it('keeps the allow-list at the edge', async () => {
    const refused = await fetch(`${edgeUrl}/v1/tree?id=${encodeURIComponent('http://169.254.169.254/latest/x.h5')}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
  });
});
