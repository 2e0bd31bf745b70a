// The /v1 routes end to end with app.request() over the sample archive: listings with cursors, object info, the
// HDF5 routes (JSON and bytes agreeing), NWB, pose (view, metrics, CSV), embargoed data with a caller's key, cache
// headers and problem+json errors.
import {
  decodeJsonNumber,
  POSE_VIEW_BINARY_TYPE,
  poseViewFromBinary,
  poseViewFromJson,
  type PoseViewJson,
} from '@ember-archive/core';
import { hc } from 'hono/client';
import type { AppType } from './app.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startSampleApp, type SampleApp } from './test-support/sample-app.js';

let api: SampleApp;
beforeAll(async () => {
  api = await startSampleApp({ settings: { limits: { selectionBytes: 4096 } } });
});
afterAll(async () => {
  await api?.close();
});

interface Entry {
  name: string;
  kind: 'folder' | 'file';
  uri: string;
}
interface Page {
  entries: Entry[];
  next?: string;
}
interface Problem {
  status: number;
  detail: string;
  code: string;
}

async function entries(id: string): Promise<Entry[]> {
  return (await jsonOf<Page>(await api.get('/v1/list', { id }))).entries;
}

async function posePath(): Promise<string> {
  const pose = (await entries('s3://ember-open-data/other/kumar2025/pose_files/')).find((e) =>
    e.name.endsWith('_v5.h5'),
  );
  if (!pose) throw new Error('no v5 pose file in the sample bucket');
  return pose.uri;
}

async function firstNwb(folder: string): Promise<string> {
  for (const entry of await entries(folder)) {
    if (entry.kind === 'file' && entry.name.endsWith('.nwb')) return entry.uri;
    if (entry.kind === 'folder') {
      const found = await firstNwb(entry.uri).catch(() => '');
      if (found) return found;
    }
  }
  return '';
}

describe('/v1', () => {
  it('health answers ok and the version', async () => {
    const body = await jsonOf<{ status: string; version: string }>(await api.get('/v1/health'));
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists the root (bucket projects beside dandisets) and pages it with limit and next', async () => {
    const root: Entry[] = [];
    let cursor: string | undefined;
    do {
      const page = await jsonOf<Page>(await api.get('/v1/list', cursor ? { cursor } : {}));
      root.push(...page.entries);
      cursor = page.next;
    } while (cursor);
    expect(root.map((e) => e.name)).toEqual(expect.arrayContaining(['kumar2025', '000463', '000470']));
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const page = await jsonOf<Page>(await api.get('/v1/list', { limit: '2', ...(next ? { cursor: next } : {}) }));
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.uri));
      next = page.next;
    } while (next);
    expect(seen).toEqual(root.map((e) => e.uri));
  });

  it('follows next through a folder of more than 1,000 entries', async () => {
    const first = await jsonOf<Page>(
      await api.get('/v1/list', { id: 'dandi://ember-dandi/000472@draft/sub-MANY01/trials/' }),
    );
    expect(first.next).toBeDefined();
    const second = await jsonOf<Page>(
      await api.get('/v1/list', {
        id: 'dandi://ember-dandi/000472@draft/sub-MANY01/trials/',
        cursor: first.next ?? '',
      }),
    );
    expect(first.entries.length + second.entries.length).toBe(1050);
    expect(new Set([...first.entries, ...second.entries].map((e) => e.uri)).size).toBe(1050);
  });

  it('describes a dandiset file: size, digests, asset metadata and links', async () => {
    const uri = await firstNwb('dandi://ember-dandi/000463@draft/');
    const info = await jsonOf<{
      kind: string;
      size: number;
      digests: Record<string, string>;
      asset: { assetId: string; metadata: { identifier: string } };
      links: { neurosift?: string; download?: string; dandiWeb?: string };
    }>(await api.get('/v1/info', { id: uri }));
    expect(info.kind).toBe('file');
    expect(info.size).toBeGreaterThan(0);
    expect(info.digests['dandi:sha2-256']).toMatch(/^[0-9a-f]{64}$/);
    expect(info.asset.metadata.identifier).toBe(info.asset.assetId);
    expect(info.links.download).toBe(`${api.sample.api}/assets/${info.asset.assetId}/download/`);
    expect(info.links.neurosift).toContain(`url=${info.links.download}&dandisetId=000463`);
    expect(info.links.dandiWeb).toMatch(/\/dandiset\/000463\/draft\/files\?location=sub-/);
    const folder = await jsonOf<{ kind: string }>(
      await api.get('/v1/info', { id: 'dandi://ember-dandi/000463@draft/' }),
    );
    expect(folder.kind).toBe('folder');
  });

  it('reads the tree, attributes, a dataset summary and values, whose bytes agree with the JSON', async () => {
    const id = await posePath();
    const { nodes } = await jsonOf<{ nodes: { path: string; kind: string }[] }>(await api.get('/v1/tree', { id }));
    expect(nodes).toContainEqual(expect.objectContaining({ path: '/poseest', kind: 'group' }));
    const { attrs } = await jsonOf<{ attrs: Record<string, unknown> }>(
      await api.get('/v1/attrs', { id, path: '/poseest' }),
    );
    expect(attrs).toHaveProperty('version');
    const summary = await jsonOf<{ dtype: string; shape: number[] }>(
      await api.get('/v1/dataset', { id, path: '/poseest/points' }),
    );
    expect(summary).toMatchObject({ dtype: 'uint16' });
    const json = await jsonOf<{ shape: number[]; values: number[][][] }>(
      await api.get('/v1/values', { id, path: '/poseest/points', selection: '0:2,0,:,:' }),
    );
    expect(json.shape).toEqual([2, 12, 2]);
    const bin = await api.get('/v1/values', { id, path: '/poseest/points', selection: '0:2,0,:,:', format: 'bin' });
    expect(bin.headers.get('x-dtype')).toBe('uint16');
    expect(bin.headers.get('x-shape')).toBe('2,12,2');
    expect(Array.from(new Uint16Array(await bin.arrayBuffer()))).toEqual(json.values.flat(2));
    // The identifier's #/path names the object when `path` is absent.
    const byFragment = await jsonOf<{ dtype: string }>(await api.get('/v1/dataset', { id: `${id}#/poseest/points` }));
    expect(byFragment.dtype).toBe('uint16');
  });

  it('refuses a read over the selection limit with 413 naming the limit, and a bad selection with 400', async () => {
    const id = await posePath();
    const big = await api.get('/v1/values', { id, path: '/poseest/points' });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toBe('application/problem+json');
    expect((await jsonOf<Problem>(big, 413)).detail).toContain('limit of 4096 bytes');
    const bad = await jsonOf<Problem>(
      await api.get('/v1/values', { id, path: '/poseest/points', selection: 'a:b' }),
      400,
    );
    expect(bad.code).toBe('invalid-input');
    const missing = await jsonOf<Problem>(await api.get('/v1/dataset', { id, path: '/nothing/here' }), 404);
    expect(missing.status).toBe(404);
  });

  it('summarises an NWB file', async () => {
    const id = await firstNwb('dandi://ember-dandi/000463@draft/');
    const summary = await jsonOf<{ namespaces: { label: string }[]; sections: { name: string }[] }>(
      await api.get('/v1/nwb', { id }),
    );
    expect(summary.namespaces.map((n) => n.label)).toContain('ndx-pose');
    expect(summary.sections.length).toBeGreaterThan(0);
  });

  it('answers a pose window with decimated series, its metrics, and its CSV', async () => {
    const id = await posePath();
    const view = await jsonOf<{
      start: number;
      end: number;
      keypoints: string[];
      series: { frame: number[]; x: (number | string | null)[] }[];
      metrics: unknown[][];
    }>(await api.get('/v1/pose', { id, start: '0', end: '100', points: '10', keypoints: 'nose,base_tail' }));
    expect([view.start, view.end]).toEqual([0, 100]);
    expect(view.keypoints).toEqual(['nose', 'base_tail']);
    expect(view.series.length).toBeGreaterThan(0);
    for (const series of view.series) {
      expect(series.frame.length).toBeLessThanOrEqual(10);
      expect(series.x.map((v) => decodeJsonNumber(v)).every((v) => typeof v === 'number')).toBe(true);
    }
    const metrics = await jsonOf<{ metrics: unknown[][] }>(
      await api.get('/v1/pose/metrics', { id, start: '0', end: '100' }),
    );
    expect(metrics.metrics.length).toBe(view.metrics.length);
    const csv = await api.get('/v1/pose.csv', { id, start: '5', end: '8', keypoints: 'nose' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trimEnd().split('\n');
    expect(lines[0]).toBe('frame,time,individual,keypoint,x,y,confidence');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(expect.arrayContaining([5, 6, 7]));
    const tooMany = await api.get('/v1/pose', { id, points: '1000000' });
    expect(tooMany.status).toBe(413);
  });

  it('answers the same pose view as bytes, exactly, tagged and conditional', async () => {
    const id = await posePath();
    const query = { id, start: '0', end: '120', points: '40' };
    const json = poseViewFromJson(await jsonOf<PoseViewJson>(await api.get('/v1/pose', query)));
    const bin = await api.get('/v1/pose', { ...query, format: 'bin' });
    expect(bin.headers.get('content-type')).toBe(POSE_VIEW_BINARY_TYPE);
    const view = poseViewFromBinary(new Uint8Array(await bin.arrayBuffer()), 'the route');
    // The JSON's numbers read back are the doubles core computed; the bytes must carry the very same ones.
    expect(view).toEqual(json);
    expect(view.series.length).toBeGreaterThan(0);
    const tag = bin.headers.get('etag');
    expect(tag).toMatch(/^"[0-9a-f]{40}"$/);
    expect((await api.get('/v1/pose', { ...query, format: 'bin' }, { 'If-None-Match': tag ?? '' })).status).toBe(304);
    expect((await api.get('/v1/pose', { ...query, format: 'csv' })).status).toBe(400);
  });

  it("reads embargoed data only with the caller's key, privately", async () => {
    const id = await firstNwbWithKey('dandi://ember-dandi/000471@draft/');
    const anonymous = await api.get('/v1/nwb', { id });
    expect(anonymous.status).toBe(401);
    const wrong = await api.get('/v1/nwb', { id }, { Authorization: 'token not-the-key' });
    expect(wrong.status).toBe(403);
    const keyed = await api.get('/v1/nwb', { id }, { Authorization: `token ${api.sample.apiKey}` });
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('cache-control')).toBe('private, no-store');
    // The key did not stay with the server: the next anonymous request is refused again.
    expect((await api.get('/v1/nwb', { id })).status).toBe(401);
    const malformed = await api.get('/v1/nwb', { id }, { Authorization: 'Bearer x' });
    expect(malformed.status).toBe(400);
  });

  it('caches published versions as immutable, drafts briefly, and answers If-None-Match with 304', async () => {
    const published = await api.get('/v1/list', { id: 'dandi://ember-dandi/000470@0.250601.0001/' });
    expect(published.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const draft = await api.get('/v1/list', { id: 'dandi://ember-dandi/000470@draft/' });
    expect(draft.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = draft.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await api.get(
      '/v1/list',
      { id: 'dandi://ember-dandi/000470@draft/' },
      { 'If-None-Match': etag ?? '' },
    );
    expect(again.status).toBe(304);
  });

  it("is typed for Hono's hc client, which the web viewer uses", async () => {
    const client = hc<AppType>('http://api.test', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => api.app.request(input, init),
    });
    const health = await (await client.v1.health.$get()).json();
    expect(health.status).toBe('ok');
    const response = await client.v1.list.$get({ query: { id: 'dandi://ember-dandi/000470@draft/' } });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    const page = await response.json();
    expect(page.entries.map((entry) => entry.name)).toContain('sub-01');
  });

  it('serves the OpenAPI document, the docs page and its assets from itself, and CORS headers', async () => {
    const doc = await jsonOf<{ openapi: string; servers: { url: string }[]; paths: Record<string, unknown> }>(
      await api.get('/v1/openapi.json'),
    );
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/v1' }]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/list',
        '/info',
        '/tree',
        '/attrs',
        '/dataset',
        '/values',
        '/nwb',
        '/pose',
        '/pose/metrics',
        '/pose.csv',
      ]),
    );
    const page = await (await api.get('/v1/docs')).text();
    expect(page).not.toMatch(/https?:\/\//);
    const bundle = await api.get('/v1/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const cors = await api.get('/v1/health', {}, { Origin: 'https://viewer.example' });
    expect(cors.headers.get('access-control-allow-origin')).toBe('*');
    const unknown = await api.get('/v1/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
  });
});

async function firstNwbWithKey(folder: string): Promise<string> {
  const page = await jsonOf<Page>(
    await api.get('/v1/list', { id: folder }, { Authorization: `token ${api.sample.apiKey}` }),
  );
  for (const entry of page.entries) {
    if (entry.kind === 'file' && entry.name.endsWith('.nwb')) return entry.uri;
    if (entry.kind === 'folder') {
      const inner = await jsonOf<Page>(
        await api.get('/v1/list', { id: entry.uri }, { Authorization: `token ${api.sample.apiKey}` }),
      );
      const file = inner.entries.find((e) => e.kind === 'file' && e.name.endsWith('.nwb'));
      if (file) return file.uri;
    }
  }
  throw new Error(`no NWB file in ${folder}`);
}
