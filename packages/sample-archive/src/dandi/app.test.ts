import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../world/build.js';
import type { World } from '../world/model.js';
import { standInGenerators } from '../world/test-support/stand-in-generators.js';
import { createDandiApi } from './app.js';

const API = 'http://api.sample.test/api';
const S3 = 'http://s3.sample.test';
const KEY = 'sample-key-0123';

let world: World;
let app: ReturnType<typeof createDandiApi>;

beforeAll(async () => {
  world = await buildWorld({ seed: 7, generators: standInGenerators, cache: false });
  app = createDandiApi(world.catalog, { urls: () => ({ api: API, s3: S3, bucket: world.bucket }), apiKey: KEY });
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path.startsWith('http') ? path : `${API}${path}`, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: response.status === 302 || response.status === 301 ? null : ((await response.json()) as any),
  };
}

/** Follows `next` links and gathers every result. */
async function all(path: string, headers: Record<string, string> = {}) {
  const results: any[] = [];
  let url: string | null = `${API}${path}`;
  let pages = 0;
  while (url) {
    const page = await get(url, headers);
    expect(page.status).toBe(200);
    results.push(...page.body.results);
    url = page.body.next;
    pages++;
  }
  return { results, pages };
}

describe('info', () => {
  it('names the live API URL and the schema version', async () => {
    const { status, body } = await get('/info/');
    expect(status).toBe(200);
    expect(body.services.api.url).toBe(API);
    expect(body.schema_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(body['cli-minimal-version']).toBeTypeOf('string');
  });
});

describe('dandisets', () => {
  it('lists open dandisets with draft and published versions in the list shape', async () => {
    const { status, body } = await get('/dandisets/');
    expect(status).toBe(200);
    const ids = body.results.map((d: any) => d.identifier);
    expect(ids).toContain('000463');
    expect(ids).not.toContain('000471');
    expect(body.count).toBe(ids.length);
    const bids = body.results.find((d: any) => d.identifier === '000470');
    expect(Object.keys(bids).sort()).toEqual(
      [
        'contact_person',
        'created',
        'draft_version',
        'embargo_status',
        'identifier',
        'is_starred',
        'modified',
        'most_recent_published_version',
        'star_count',
      ].sort(),
    );
    expect(bids.most_recent_published_version.version).toMatch(/^0\.\d{6}\.\d{4}$/);
    expect(bids.draft_version.asset_count).toBe(bids.most_recent_published_version.asset_count + 1);
    expect(Object.keys(bids.draft_version).sort()).toEqual(
      ['asset_count', 'created', 'modified', 'name', 'size', 'status', 'version'].sort(),
    );
  });

  it('filters drafts-only, empty and embargoed dandisets, searches metadata and orders', async () => {
    const ids = async (q: string, h: Record<string, string> = {}) =>
      (await get(`/dandisets/?${q}`, h)).body.results.map((d: any) => d.identifier);
    expect(await ids('draft=false')).toEqual(['000470']);
    expect(await ids('empty=false')).not.toContain('000473');
    expect(await ids('empty=true')).toContain('000473');
    expect((await get('/dandisets/?embargoed=true')).status).toBe(401);
    expect(await ids('embargoed=true', { Authorization: `token ${KEY}` })).toContain('000471');
    expect(await ids('search=food%20sniff')).toEqual(['000463']);
    expect(await ids('search=nothing-matches-this')).toEqual([]);
    const byId = await ids('ordering=-id');
    expect(byId).toEqual([...byId].sort().reverse());
    expect((await get('/dandisets/?draft=perhaps')).body).toEqual({ draft: ['Must be a valid boolean.'] });
    expect((await get('/dandisets/?draft=perhaps')).status).toBe(400);
  });

  it('paginates with page/page_size and absolute next/previous links', async () => {
    const first = await get('/dandisets/?page_size=2');
    expect(first.body.results).toHaveLength(2);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toBe(`${API}/dandisets/?page=2&page_size=2`);
    const second = await get(first.body.next);
    expect(second.body.previous).toBe(`${API}/dandisets/?page_size=2`);
    const { results } = await all('/dandisets/?page_size=1');
    expect(results).toHaveLength(first.body.count);
    expect(new Set(results.map((d) => d.identifier)).size).toBe(first.body.count);
    expect((await get('/dandisets/?page=99')).status).toBe(404);
  });

  it('shows one dandiset with versions nested, and 404s an unknown one', async () => {
    const { body } = await get('/dandisets/000470/');
    expect(body.draft_version).toMatchObject({ version: 'draft', active_uploads: 0 });
    expect(body.most_recent_published_version.status).toBe('Published');
    expect(await get('/dandisets/999999/')).toEqual(
      expect.objectContaining({ status: 404, body: { detail: 'Not found.' } }),
    );
  });
});

describe('versions', () => {
  it('lists versions oldest first with the dandiset nested', async () => {
    const { body } = await get('/dandisets/000470/versions/');
    expect(body.results.map((v: any) => v.version)).toEqual(['draft', expect.stringMatching(/^0\.\d{6}\.\d{4}$/)]);
    expect(body.results[0].dandiset.identifier).toBe('000470');
  });

  it('gives the metadata document and the info', async () => {
    const meta = (await get('/dandisets/000463/versions/draft/')).body;
    expect(meta).toMatchObject({
      identifier: 'EMBER-DANDI:000463',
      id: 'EMBER-DANDI:000463/draft',
      schemaKey: 'Dandiset',
      version: 'draft',
    });
    expect(meta.name).toMatch(/SYNTHETIC/);
    expect(meta.assetsSummary.numberOfFiles).toBe(8);
    expect(meta.assetsSummary.numberOfSubjects).toBe(4);
    const info = (await get('/dandisets/000463/versions/draft/info/')).body;
    expect(info).toMatchObject({
      version: 'draft',
      asset_count: 8,
      status: 'Valid',
      asset_validation_errors: [],
      version_validation_errors: [],
    });
    expect(info.metadata.name).toBe(meta.name);
    expect((await get('/dandisets/000463/versions/0.999999.9999/')).status).toBe(404);
    expect((await get('/dandisets/000463/versions/latest/')).status).toBe(404);
  });
});

describe('assets', () => {
  it('follows next over more than 1,000 assets, count only on the first page', async () => {
    const first = await get('/dandisets/000472/versions/draft/assets/?page_size=1000');
    expect(first.body.count).toBe(1234);
    const second = await get(first.body.next);
    expect(second.body.count).toBeNull();
    const { results, pages } = await all('/dandisets/000472/versions/draft/assets/');
    expect(pages).toBe(13);
    expect(new Set(results.map((a) => a.asset_id)).size).toBe(1234);
    expect(Object.keys(results[0]).sort()).toEqual(
      ['asset_id', 'blob', 'created', 'modified', 'path', 'size', 'zarr'].sort(),
    );
  });

  it('filters by path prefix (case-insensitive), exact path and glob, and orders', async () => {
    const base = '/dandisets/000470/versions/draft/assets/';
    const prefix = (await all(`${base}?path=SUB-01/`)).results.map((a) => a.path);
    expect(prefix.length).toBeGreaterThan(1);
    expect(prefix.every((p) => p.startsWith('sub-01/'))).toBe(true);
    const exact = (await get(`${base}?path=sub-01/ses-01/behavior/sub-01_ses-01_behavior.nwb`)).body.results;
    expect(exact).toHaveLength(1);
    const glob = (await all(`${base}?glob=*.nwb`)).results.map((a) => a.path);
    expect(glob).toHaveLength(6);
    expect((await all(`${base}?glob=*.NWB`)).results).toHaveLength(6);
    expect((await all(`${base}?glob=sub-0?/*`)).results).toHaveLength(0);
    const desc = (await all(`${base}?order=-path`)).results.map((a) => a.path);
    expect(desc).toEqual([...desc].sort().reverse());
    expect((await get(`${base}?order=size`)).status).toBe(400);
    expect((await get(`${base}?zarr=true`)).body.results).toEqual([]);
    const withMeta = (await get(`${base}?metadata=true&page_size=1`)).body.results[0];
    expect(withMeta.metadata.id).toBe(`dandiasset:${withMeta.asset_id}`);
  });

  it('lists one folder level ordered by path, with aggregates, and 404s an unknown folder', async () => {
    const base = '/dandisets/000470/versions/draft/assets/paths/';
    const root = (await get(base)).body;
    expect(root.results.map((r: any) => r.path)).toEqual([
      'README',
      'dataset_description.json',
      'participants.tsv',
      'sub-01',
      'sub-02',
      'sub-03',
    ]);
    const sub01 = root.results.find((r: any) => r.path === 'sub-01');
    expect(sub01).toMatchObject({ asset: null, aggregate_files: 3 });
    const readme = root.results.find((r: any) => r.path === 'README');
    expect(readme.asset.url).toMatch(new RegExp(`^${S3}/ember-open-data/blobs/[0-9a-f]{3}/[0-9a-f]{3}/[0-9a-f-]{36}$`));
    expect(readme).toMatchObject({ aggregate_files: 1, aggregate_size: readme.aggregate_size });
    expect(typeof readme.version).toBe('number');
    const ses = (await get(`${base}?path_prefix=sub-01/ses-01/`)).body.results;
    expect(ses.map((r: any) => r.path)).toEqual(['sub-01/ses-01/behavior']);
    expect((await get(`${base}?path_prefix=sub-09/`)).body).toEqual({ detail: 'Specified path not found.' });
    const many = await all('/dandisets/000472/versions/draft/assets/paths/?path_prefix=sub-MANY01/trials');
    expect(many.results).toHaveLength(1050);
    expect(many.pages).toBe(11);
  });

  it('gives dandi-schema metadata with contentUrl [API download, S3] and digests of the real bytes', async () => {
    const [listed] = (await get('/dandisets/000463/versions/draft/assets/?glob=*.nwb&page_size=1')).body.results;
    const meta = (await get(`/assets/${listed.asset_id}/`)).body;
    const nested = (await get(`/dandisets/000463/versions/draft/assets/${listed.asset_id}/`)).body;
    expect(nested).toEqual(meta);
    expect(meta.contentUrl[0]).toBe(`${API}/assets/${listed.asset_id}/download/`);
    const key = new URL(meta.contentUrl[1]).pathname.replace('/ember-open-data/', '');
    expect(key).toMatch(/^blobs\/([0-9a-f]{3})\/([0-9a-f]{3})\/\1\2[0-9a-f]{2}-/);
    expect(meta.wasAttributedTo[0]).toMatchObject({ schemaKey: 'Participant', identifier: 'ADPTM01' });
    expect(meta.encodingFormat).toBe('application/x-nwb');
    const object = world.store.get(key);
    expect(object).toBeDefined();
    const chunks: Buffer[] = [];
    for await (const chunk of object!.read(0, object!.size - 1)) chunks.push(chunk as Buffer);
    expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')).toBe(meta.digest['dandi:sha2-256']);
    expect(object!.etag).toBe(meta.digest['dandi:dandi-etag']);
    expect(meta.contentSize).toBe(object!.size);
  });

  it('redirects downloads (GET and HEAD) to the blob on S3, asking S3 for its file name', async () => {
    const [listed] = (await get('/dandisets/000463/versions/draft/assets/?page_size=1')).body.results;
    const meta = (await get(`/assets/${listed.asset_id}/`)).body;
    for (const method of ['GET', 'HEAD']) {
      const response = await app.request(`${API}/assets/${listed.asset_id}/download/`, { method });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(meta.contentUrl[1]);
      expect(location.searchParams.get('response-content-disposition')).toBe(
        `attachment; filename="${listed.path.split('/').pop()}"`,
      );
    }
    expect((await get('/assets/00000000-0000-4000-8000-000000000000/')).status).toBe(404);
  });
});

describe('embargo', () => {
  it('answers 401 without the key, 200 with it, and 401 "Invalid token." with a wrong one', async () => {
    const paths = [
      '/dandisets/000471/',
      '/dandisets/000471/versions/',
      '/dandisets/000471/versions/draft/assets/',
      '/dandisets/000471/versions/draft/assets/paths/',
    ];
    for (const path of paths) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({ detail: 'Authentication credentials were not provided.' });
      expect((await get(path, { Authorization: `token ${KEY}` })).status).toBe(200);
    }
    const assets = (await get('/dandisets/000471/versions/draft/assets/', { Authorization: `token ${KEY}` })).body
      .results;
    expect((await get(`/assets/${assets[0].asset_id}/`)).status).toBe(401);
    expect((await get(`/assets/${assets[0].asset_id}/download/`)).status).toBe(401);
    expect((await get(`/assets/${assets[0].asset_id}/`, { Authorization: `Token ${KEY}` })).status).toBe(200);
    expect(await get('/dandisets/000471/', { Authorization: 'token wrong' })).toEqual(
      expect.objectContaining({ status: 401, body: { detail: 'Invalid token.' } }),
    );
  });
});

describe('errors', () => {
  it('gives DRF 404 JSON for unknown paths and redirects a missing trailing slash', async () => {
    expect(await get('/nothing-here/')).toEqual(
      expect.objectContaining({ status: 404, body: { detail: 'Not found.' } }),
    );
    const redirect = await app.request(`${API}/dandisets/000463`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`${API}/dandisets/000463/`);
  });
});
