// The Node server on a free loopback port: the API over the sample archive and a web viewer build at /, whose
// deep links get index.html while unknown API paths stay API errors and paths cannot leave the web folder.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@ember-archive/core';
import { closeIdleHdf5Workers, idleHdf5WorkerCount } from '@ember-archive/core/node';
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './node.js';

let sample: RunningSampleArchive;
let server: RunningServer;
let web: string;

beforeAll(async () => {
  sample = await startSampleArchive();
  web = mkdtempSync(join(tmpdir(), 'ember-api-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'ember-api-secret.txt'), 'secret');
  server = await startServer(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 }), {
    port: 0,
    webRoot: web,
  });
});
afterAll(async () => {
  await server?.close();
  await sample?.close();
  if (web) rmSync(web, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens on loopback and answers the API over HTTP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const list = (await (
      await fetch(`${server.url}/v1/list?id=${encodeURIComponent('dandi://ember-dandi/000463@draft/')}`)
    ).json()) as {
      entries: unknown[];
    };
    expect(list.entries.length).toBeGreaterThan(0);
  });

  it('starts an HDF5 worker ahead, so the first file opened does not wait for one', async () => {
    await closeIdleHdf5Workers();
    expect(idleHdf5WorkerCount()).toBe(0);
    const another = await startServer(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 }));
    try {
      expect(idleHdf5WorkerCount()).toBe(1);
    } finally {
      await another.close();
    }
  });

  it('serves the web viewer at /, index.html for its deep links, and nothing outside its folder', async () => {
    expect(server.serving.web).toBe(true);
    expect(await (await fetch(`${server.url}/`)).text()).toContain('<title>viewer</title>');
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${server.url}/browse/dandi/000463`)).text()).toContain('<title>viewer</title>');
    const escape = await fetch(`${server.url}/..%2fember-api-secret.txt`);
    expect(await escape.text()).not.toContain('secret');
    const api404 = await fetch(`${server.url}/v1/nope`);
    expect(api404.status).toBe(404);
    expect(api404.headers.get('content-type')).toBe('application/problem+json');
  });
});
