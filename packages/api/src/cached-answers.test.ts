// The server-side answer cache through the routes, counting the requests the API sends upstream (its fetch): a
// listing page, the pages after it and an object's information are asked of the archive once while fresh; drafts
// expire after draftMaxAge, published versions do not; If-None-Match is answered 304 from memory; and an answer read
// with a caller's key is neither kept nor served to anyone else.
import type { FetchFunction } from '@ember-archive/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startSampleApp, type SampleApp } from './test-support/sample-app.js';

interface Page {
  entries: { name: string; uri: string; kind: string }[];
  next?: string;
}

let api: SampleApp;
let upstream = 0;
let now = Date.parse('2026-01-01T00:00:00Z');
const counting: FetchFunction = (input, init) => {
  upstream++;
  return fetch(input, init);
};

beforeAll(async () => {
  api = await startSampleApp({ fetch: counting, now: () => now });
});
afterAll(async () => {
  await api?.close();
});

/** Upstream requests made while running `step`. */
async function upstreamOf(step: () => Promise<unknown>): Promise<number> {
  const before = upstream;
  await step();
  return upstream - before;
}

const DRAFT = 'dandi://ember-dandi/000470@draft/';
const PUBLISHED = 'dandi://ember-dandi/000470@0.250601.0001/';
const EMBARGOED = 'dandi://ember-dandi/000471@draft/';

describe('answers kept server-side', () => {
  it('asks upstream for a listing page once, then answers it and its 304 from memory', async () => {
    const id = 'dandi://ember-dandi/000472@draft/sub-MANY01/trials/';
    let first: Page | undefined;
    expect(
      await upstreamOf(async () => (first = await jsonOf<Page>(await api.get('/v1/list', { id })))),
    ).toBeGreaterThan(0);
    let again: Response | undefined;
    expect(await upstreamOf(async () => (again = await api.get('/v1/list', { id })))).toBe(0);
    expect(await jsonOf<Page>(again as Response)).toEqual(first);
    const etag = (again as Response).headers.get('etag') ?? '';
    let notModified: Response | undefined;
    expect(
      await upstreamOf(async () => (notModified = await api.get('/v1/list', { id }, { 'If-None-Match': etag }))),
    ).toBe(0);
    expect(notModified?.status).toBe(304);
    expect(notModified?.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('keeps the pages after the first too: a second walk with the same cursors asks nothing upstream', async () => {
    const id = 'dandi://ember-dandi/000472@draft/sub-MANY01/trials/';
    const walk = async () => {
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await jsonOf<Page>(await api.get('/v1/list', { id, limit: '300', ...(cursor ? { cursor } : {}) }));
        names.push(...page.entries.map((e) => e.name));
        cursor = page.next;
      } while (cursor !== undefined);
      return names;
    };
    let first: string[] = [];
    expect(await upstreamOf(async () => (first = await walk()))).toBeGreaterThan(0);
    expect(first.length).toBeGreaterThan(1000);
    let second: string[] = [];
    expect(await upstreamOf(async () => (second = await walk()))).toBe(0);
    expect(second).toEqual(first);
  });

  it("keeps an object's information", async () => {
    const id = (await firstFile('dandi://ember-dandi/000472@draft/sub-MANY01/trials/')).uri;
    expect(await upstreamOf(() => api.get('/v1/info', { id }))).toBeGreaterThan(0);
    expect(await upstreamOf(() => api.get('/v1/info', { id }))).toBe(0);
  });

  it('asks again once a draft is older than draftMaxAge, but not for a published version', async () => {
    await api.get('/v1/list', { id: DRAFT });
    await api.get('/v1/list', { id: PUBLISHED });
    now += 59_000;
    expect(await upstreamOf(() => api.get('/v1/list', { id: DRAFT }))).toBe(0);
    now += 2_000;
    expect(await upstreamOf(() => api.get('/v1/list', { id: DRAFT }))).toBeGreaterThan(0);
    now += 24 * 3600_000;
    expect(await upstreamOf(() => api.get('/v1/list', { id: PUBLISHED }))).toBe(0);
  });

  it('never answers from memory to a caller with a key, nor keeps a keyed answer for anyone else', async () => {
    await api.get('/v1/list', { id: DRAFT });
    const key = { Authorization: `token ${api.sample.apiKey}` };
    // A public page that anonymous callers have in memory is still read upstream for a caller with a key.
    expect(await upstreamOf(() => api.get('/v1/list', { id: DRAFT }, key))).toBeGreaterThan(0);
    const keyed = await api.get('/v1/list', { id: EMBARGOED }, key);
    expect(keyed.status).toBe(200);
    expect((await jsonOf<Page>(keyed)).entries.length).toBeGreaterThan(0);
    expect(await upstreamOf(() => api.get('/v1/list', { id: EMBARGOED }, key))).toBeGreaterThan(0);
    // Nobody else gets the embargoed page: anonymous is refused, a wrong key is refused.
    expect((await api.get('/v1/list', { id: EMBARGOED })).status).toBe(401);
    expect((await api.get('/v1/list', { id: EMBARGOED }, { Authorization: 'token not-the-key' })).status).toBe(403);
    const file = (await firstFile(EMBARGOED, key)).uri;
    expect((await api.get('/v1/info', { id: file }, key)).status).toBe(200);
    expect((await api.get('/v1/info', { id: file })).status).toBe(401);
  });
});

/** The first file under `folder`, looking one folder deep. */
async function firstFile(folder: string, headers: Record<string, string> = {}): Promise<Page['entries'][number]> {
  const page = await jsonOf<Page>(await api.get('/v1/list', { id: folder }, headers));
  for (const entry of page.entries) {
    if (entry.kind === 'file') return entry;
    const inner = await jsonOf<Page>(await api.get('/v1/list', { id: entry.uri }, headers));
    const file = inner.entries.find((e) => e.kind === 'file');
    if (file) return file;
  }
  throw new Error(`no file in ${folder}`);
}
