// A conformance test: the requests dandi-cli's client makes (dandi/dandi-cli dandi/dandiapi.py: `paginate`,
// `authenticate`, `get_dandisets`, `RemoteDandiset.get_versions/get_version/get_raw_metadata/get_assets/
// get_assets_with_path_prefix/get_asset_by_path/get_assets_by_glob`, `DandiAPIClient.get_asset`,
// `RemoteZarrAsset.iterfiles`; dandi/utils.py `is_page2_url`), replayed against the emulator with the same paths,
// parameters and pagination strategy: page 1, then, when `next` is page 1's URL with page=2, pages 2..ceil(count /
// page_size) fetched directly, else `next` followed to the end. `requests` follows redirects, so a path without
// its trailing slash (`/auth/token`, `/zarr/<id>/files`) must land on the slashed route.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../world/build.js';
import type { World } from '../world/model.js';
import { standInGenerators } from '../world/test-support/stand-in-generators.js';
import { createDandiApi } from './app.js';

const API = 'http://api.sample.test/api';
const S3 = 'http://s3.sample.test';
const KEY = 'conformance-key';

type Json = Record<string, unknown>;
type Params = Record<string, string | number | boolean | undefined>;

/** What dandi-cli's RESTFullAPIClient does over `requests`, against a Hono app instead of the network. */
class DandiCliReplay {
  readonly requests: string[] = [];
  #headers: Record<string, string> = {};

  constructor(readonly app: ReturnType<typeof createDandiApi>) {}

  /** `requests.get(url, params=...)`: None params dropped, booleans as "True"/"False", redirects followed. */
  async get(
    path: string,
    params: Params = {},
    headers: Record<string, string> = {},
  ): Promise<{ url: string; firstUrl: string; body: unknown }> {
    const url = new URL(path.startsWith('http') ? path : `${API}${path}`);
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined)
        url.searchParams.set(name, typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value));
    }
    const firstUrl = url.toString();
    let current = firstUrl;
    for (let hop = 0; hop < 5; hop++) {
      this.requests.push(current.slice(API.length));
      const response = await this.app.request(current, {
        headers: { ...this.#headers, ...headers },
        redirect: 'manual',
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        current = new URL(location, current).toString();
        continue;
      }
      // dandi-cli raises on any status >= 400 (HTTP404Error for 404, requests.HTTPError otherwise).
      if (response.status >= 400) throw new Error(`${current} answered ${response.status}: ${await response.text()}`);
      return { url: current, firstUrl, body: await response.json() };
    }
    throw new Error(`too many redirects from ${firstUrl}`);
  }

  /** `DandiAPIClient.authenticate`: check the key at /auth/token, then send it on every request. */
  async authenticate(key: string): Promise<void> {
    await this.get('/auth/token', {}, { Authorization: `token ${key}` });
    this.#headers = { Authorization: `token ${key}` };
  }

  /** `RESTFullAPIClient.paginate`, including its parallel page-2 strategy. */
  async paginate(
    path: string,
    params: Params = {},
    pageSize?: number,
  ): Promise<{ items: Json[]; strategy: 'count' | 'next' }> {
    const withSize = pageSize === undefined ? params : { ...params, page_size: pageSize };
    const first = await this.get(path, withSize);
    let page = first.body as { count: number; next: string | null; results: Json[] };
    const items = [...page.results];
    if (page.next === null) return { items, strategy: 'count' };
    if (!isPage2Url(first.firstUrl, page.next)) {
      while (page.next !== null) {
        page = (await this.get(page.next)).body as typeof page;
        items.push(...page.results);
      }
      return { items, strategy: 'next' };
    }
    const size = pageSize ?? page.results.length;
    const pages = Math.ceil(page.count / size);
    const rest = await Promise.all(
      Array.from({ length: pages - 1 }, (_, i) =>
        this.get(path, { ...withSize, page: i + 2 }).then((r) => (r.body as typeof page).results),
      ),
    );
    return { items: [...items, ...rest.flat()], strategy: 'count' };
  }
}

/** dandi/utils.py `is_page2_url`: same URL apart from the query, whose params are page 1's plus page=2. */
function isPage2Url(page1: string, page2: string): boolean {
  const a = new URL(page1);
  const b = new URL(page2);
  if (a.origin !== b.origin || a.pathname !== b.pathname) return false;
  const expected = new URLSearchParams(a.search);
  expected.set('page', '2');
  const sort = (q: URLSearchParams) =>
    [...q.entries()]
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  return sort(expected) === sort(new URLSearchParams(b.search));
}

let world: World;
let cli: DandiCliReplay;

beforeAll(async () => {
  world = await buildWorld({ seed: 13, generators: standInGenerators, cache: false });
  cli = new DandiCliReplay(
    createDandiApi(world.catalog, { urls: () => ({ api: API, s3: S3, bucket: world.bucket }), apiKey: KEY }),
  );
});

describe("dandi-cli's requests against the emulator", () => {
  it('checks the schema version at /info/ and a key at /auth/token (no slash, redirected)', async () => {
    const info = (await cli.get('/info/')).body as Json;
    expect(typeof info.schema_version).toBe('string');
    await cli.authenticate(KEY);
    expect(cli.requests.slice(-2)).toEqual(['/auth/token', '/auth/token/']);
  });

  it('lists dandisets with get_dandisets parameters, by count-based parallel pages', async () => {
    const listed = await cli.paginate(
      '/dandisets/',
      { draft: true, embargoed: true, empty: undefined, ordering: '-id', search: undefined },
      2,
    );
    expect(listed.strategy).toBe('count');
    const ids = listed.items.map((d) => d.identifier as string);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(ids).toContain('000471'); // authenticated as the owner, embargoed=True
    for (const d of listed.items) {
      // RemoteDandisetData: draft_version is required, most_recent_published_version optional.
      expect(d).toMatchObject({
        identifier: expect.any(String),
        contact_person: expect.any(String),
        embargo_status: expect.any(String),
      });
      expect(d.draft_version).toMatchObject({
        version: 'draft',
        name: expect.any(String),
        asset_count: expect.any(Number),
      });
    }
  });

  it('reads versions, version info and raw metadata as RemoteDandiset does', async () => {
    const dandiset = (await cli.get('/dandisets/000470/')).body as Json;
    const version = (dandiset.most_recent_published_version as Json).version as string;
    const versions = await cli.paginate('/dandisets/000470/versions/', { order: '-created' });
    expect(versions.items.map((v) => v.version)).toEqual(
      [version, 'draft'].sort((a, b) => (a === version ? -1 : b === version ? 1 : 0)),
    );
    const info = (await cli.get(`/dandisets/000470/versions/${version}/info/`)).body as Json;
    expect(info).toMatchObject({
      version,
      status: 'Published',
      asset_validation_errors: [],
      version_validation_errors: [],
    });
    const metadata = (await cli.get(`/dandisets/000470/versions/${version}/`)).body as Json;
    expect(metadata.version).toBe(version);
  });

  it('lists more than 1,000 assets page by page from count, the same as by following next', async () => {
    const byCount = await cli.paginate('/dandisets/000472/versions/draft/assets/', { order: 'path' });
    expect(byCount.strategy).toBe('count');
    expect(byCount.items).toHaveLength(1234);
    const paths = byCount.items.map((a) => a.path as string);
    expect(paths).toEqual([...paths].sort());
    // The same list by `next` links (what dandi-cli falls back to).
    const all: Json[] = [];
    let url: string | null = `${API}/dandisets/000472/versions/draft/assets/?order=path&page_size=500`;
    while (url !== null) {
      const page = (await cli.get(url)).body as { next: string | null; results: Json[] };
      all.push(...page.results);
      url = page.next;
    }
    expect(all.map((a) => a.asset_id)).toEqual(byCount.items.map((a) => a.asset_id));
  });

  it('finds assets by path prefix, by exact path and by glob', async () => {
    const prefix = await cli.paginate('/dandisets/000472/versions/draft/assets/', {
      path: 'sub-MANY02/',
      order: undefined,
    });
    expect(prefix.items).toHaveLength(184);
    const target = prefix.items[0]?.path as string;
    // get_asset_by_path: the prefix listing, keeping the exact path.
    const exact = (await cli.paginate('/dandisets/000472/versions/draft/assets/', { path: target })).items.filter(
      (a) => a.path === target,
    );
    expect(exact).toHaveLength(1);
    const glob = await cli.paginate('/dandisets/000472/versions/draft/assets/', {
      glob: 'sub-MANY02/trials/*_trial-000*_events.json',
    });
    expect(glob.items).toHaveLength(9);
    // Only "*" is special in the server's glob (asset.py: re.escape, then "\\*" -> ".*"): "?" is a literal.
    expect(
      (
        await cli.paginate('/dandisets/000472/versions/draft/assets/', {
          glob: 'sub-MANY02/trials/*_trial-000?_events.json',
        })
      ).items,
    ).toEqual([]);
    const asset = exact[0] as Json;
    const info = (await cli.get(`/assets/${asset.asset_id}/info/`)).body as Json;
    expect(info).toMatchObject({ asset_id: asset.asset_id, path: target, metadata: expect.any(Object) });
    const scoped = (await cli.get(`/dandisets/000472/versions/draft/assets/${asset.asset_id}/info/`)).body as Json;
    expect(scoped.path).toBe(target);
  });

  it("walks a Zarr's files as RemoteZarrAsset.iterfiles does (/zarr/<id>/files, following next)", async () => {
    const [zarrAsset] = (await cli.paginate('/dandisets/000474/versions/draft/assets/', { zarr: true })).items;
    const zarrId = zarrAsset?.zarr as string;
    const keys: string[] = [];
    let url: string | null = `${API}/zarr/${zarrId}/files?limit=3`;
    while (url !== null) {
      const page = (await cli.get(url)).body as {
        next: string | null;
        results: Array<{ Key: string; ETag: string; Size: number }>;
      };
      keys.push(...page.results.map((r) => r.Key));
      url = page.next;
    }
    const zarr = world.catalog.assets.find((a) => a.zarr?.zarrId === zarrId)?.zarr;
    expect(keys).toEqual(zarr?.files.map((f) => f.path).sort());
    expect(cli.requests).toContain(`/zarr/${zarrId}/files/?limit=3`);
  });
});
