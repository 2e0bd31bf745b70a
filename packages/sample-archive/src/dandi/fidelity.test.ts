// The emulator against dandi-archive's server behaviour, one case per place a client would notice a difference.
// Sources (dandi/dandi-archive): dandiapi/api/views/{dandiset,version,asset,auth,upload}.py, views/serializers.py,
// views/pagination.py, services/search/parser.py, models/version.py, models/asset.py, zarr/views/__init__.py;
// Django REST framework rest_framework/{authentication,pagination,views}.py.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../world/build.js';
import type { World } from '../world/model.js';
import { standInGenerators } from '../world/test-support/stand-in-generators.js';
import { createDandiApi, SAMPLE_NON_OWNER_KEY } from './app.js';
import { ZARR_DOWNLOAD_MESSAGE } from './routes/download.js';

const API = 'http://api.sample.test/api';
const S3 = 'http://s3.sample.test';
const OWNER = 'owner-key';
const OWNER_AUTH = { Authorization: `token ${OWNER}` };
const OTHER_AUTH = { Authorization: `token ${SAMPLE_NON_OWNER_KEY}` };

let world: World;
let app: ReturnType<typeof createDandiApi>;

beforeAll(async () => {
  world = await buildWorld({ seed: 11, generators: standInGenerators, cache: false });
  app = createDandiApi(world.catalog, {
    urls: () => ({ api: API, s3: S3, bucket: world.bucket }),
    apiKey: OWNER,
    presign: (key) => `X-Amz-Signature=${key.length}`,
  });
});

async function call(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await app.request(`${API}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? null : (JSON.parse(text) as unknown),
  };
}

const embargoedAsset = (): string => {
  const draft = world.catalog.dandisets.find((d) => d.identifier === '000471')?.versions.at(-1);
  return draft?.assetIds[0] ?? '';
};
const zarrAsset = () => {
  const asset = world.catalog.assets.find((a) => a.zarr !== null);
  if (!asset?.zarr) throw new Error('the sample world has no Zarr asset');
  return { ...asset, zarr: asset.zarr };
};

describe('authentication and embargo (permissions.py, views/dandiset.py, DRF authentication.py)', () => {
  it('answers 401 to anonymous callers with the challenge, 403 to a valid key that does not own the dandiset', async () => {
    for (const path of [
      '/dandisets/000471/',
      '/dandisets/000471/versions/draft/assets/',
      `/assets/${embargoedAsset()}/`,
    ]) {
      const anonymous = await call(path);
      expect(anonymous).toMatchObject({
        status: 401,
        body: { detail: 'Authentication credentials were not provided.' },
      });
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      const other = await call(path, { headers: OTHER_AUTH });
      expect(other).toMatchObject({
        status: 403,
        body: { detail: 'You do not have permission to perform this action.' },
      });
      expect(other.headers.get('www-authenticate')).toBeNull();
      expect((await call(path, { headers: OWNER_AUTH })).status).toBe(200);
    }
  });

  it('refuses an unknown key everywhere, public endpoints included, with the challenge', async () => {
    const refused = await call('/dandisets/000463/', { headers: { Authorization: 'token from-another-archive' } });
    expect(refused).toMatchObject({ status: 401, body: { detail: 'Invalid token.' } });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="api"');
  });

  it('answers anonymous embargoed=true and starred=true with the bare strings of DandiError, without a challenge', async () => {
    const embargoed = await call('/dandisets/?embargoed=true');
    expect(embargoed).toMatchObject({
      status: 401,
      body: 'Authentication credentials must be provided when attempting to access embargoed dandisets',
    });
    expect(embargoed.headers.get('www-authenticate')).toBeNull();
    expect(await call('/dandisets/?starred=true')).toMatchObject({
      status: 401,
      body: 'Must be authenticated to filter by starred dandisets.',
    });
    const ids = (body: unknown) =>
      (body as { results: Array<{ identifier: string }> }).results.map((d) => d.identifier);
    expect(ids((await call('/dandisets/?embargoed=true', { headers: OWNER_AUTH })).body)).toContain('000471');
    expect(ids((await call('/dandisets/?embargoed=true', { headers: OTHER_AUTH })).body)).not.toContain('000471');
  });

  it('gives a user their own key from /auth/token/ as a bare string, and 401 to anonymous callers', async () => {
    expect(await call('/auth/token/', { headers: OWNER_AUTH })).toMatchObject({ status: 200, body: OWNER });
    expect((await call('/auth/token/')).status).toBe(401);
    // dandi-cli asks without the trailing slash: Django's APPEND_SLASH redirects.
    expect((await app.request(`${API}/auth/token`, { headers: OWNER_AUTH })).status).toBe(301);
  });
});

describe('downloads (views/asset.py `download`)', () => {
  it('always redirects to a presigned URL that asks S3 for the file name, open blobs included', async () => {
    const asset = world.catalog.assets.find((a) => a.path.endsWith('.nwb') && a.blobKey !== null);
    const response = await app.request(`${API}/assets/${asset?.assetId}/download/?content_disposition=inline`);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('X-Amz-Signature')).not.toBeNull();
    expect(location.searchParams.get('response-content-disposition')).toBe(
      `inline; filename="${asset?.path.split('/').pop()}"`,
    );
    expect(location.searchParams.get('response-content-type')).toBe('application/x-nwb');
  });

  it('rejects other content_disposition values and Zarr assets with the server bodies', async () => {
    const asset = world.catalog.assets[0];
    expect(await call(`/assets/${asset?.assetId}/download/?content_disposition=x`)).toMatchObject({
      status: 400,
      body: { content_disposition: ['"x" is not a valid choice.'] },
    });
    // The Zarr refusal comes first, whatever the query (views/asset.py `_asset_download_response`).
    for (const query of ['', '?content_disposition=x']) {
      expect(await call(`/assets/${zarrAsset().assetId}/download/${query}`)).toMatchObject({
        status: 400,
        body: ZARR_DOWNLOAD_MESSAGE,
      });
    }
  });
});

describe('pagination and paths (views/pagination.py, asset_paths.py)', () => {
  it('accepts page=last on DandiPagination and refuses it on the lazy asset list', async () => {
    const last = (await call('/dandisets/?page_size=2&page=last')).body as {
      next: string | null;
      previous: string | null;
    };
    expect(last.next).toBeNull();
    expect(last.previous).not.toBeNull();
    expect(await call('/dandisets/000472/versions/draft/assets/?page=last')).toMatchObject({
      status: 404,
      body: { detail: 'Invalid page.' },
    });
  });

  it('answers path_prefix=/ with 404 (it strips to "" but is not the root), and a file path with no rows', async () => {
    expect(await call('/dandisets/000463/versions/draft/assets/paths/?path_prefix=/')).toMatchObject({
      status: 404,
      body: { detail: 'Specified path not found.' },
    });
    const file = world.catalog.assets.find((a) => a.path === 'README.txt');
    const rows = (await call(`/dandisets/000474/versions/draft/assets/paths/?path_prefix=${file?.path}`)).body;
    expect(rows).toMatchObject({ count: 0, results: [] });
  });
});

describe('versions and metadata (serializers.py, models/version.py, models/asset.py)', () => {
  it('lists release_notes on every version, from the metadata (or "")', async () => {
    const versions = (await call('/dandisets/000470/versions/')).body as {
      results: Array<{ version: string; release_notes: unknown }>;
    };
    expect(versions.results.map((v) => typeof v.release_notes)).toEqual(['string', 'string']);
    const detail = (await call('/dandisets/000470/')).body as { draft_version: { release_notes: unknown } };
    expect(detail.draft_version.release_notes).toBe('');
  });

  it('sets id and identifier with the instance name, manifestLocation, and a doi on published versions', async () => {
    const info = (await call('/info/')).body as { instance_config: { instance_name: string; doi_prefix: string } };
    const name = info.instance_config.instance_name;
    const draft = (await call('/dandisets/000470/versions/draft/')).body as Record<string, unknown>;
    expect(draft).toMatchObject({ id: `${name}:000470/draft`, identifier: `${name}:000470` });
    expect(draft.manifestLocation).toEqual(['http://api.sample.test/api/dandisets/000470/versions/draft/assets/']);
    expect(draft.doi).toBeUndefined();
    const version =
      world.catalog.dandisets.find((d) => d.identifier === '000470')?.versions.find((v) => v.version !== 'draft')
        ?.version ?? '';
    const published = (await call(`/dandisets/000470/versions/${version}/`)).body as Record<string, unknown>;
    expect(published.manifestLocation).toEqual([`${S3}/${world.bucket}/dandisets/000470/${version}/assets.yaml`]);
    expect(published.doi).toBe(`${info.instance_config.doi_prefix}/${name.toLowerCase()}.000470/${version}`);
  });

  it("computes an asset's access from its dandisets' embargo, with embargoedUntil", async () => {
    const embargoed = (await call(`/assets/${embargoedAsset()}/`, { headers: OWNER_AUTH })).body as { access: unknown };
    expect(embargoed.access).toEqual([
      {
        schemaKey: 'AccessRequirements',
        status: 'dandi:EmbargoedAccess',
        embargoedUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);
    const open = (await call(`/assets/${world.catalog.assets[0]?.assetId}/`)).body as { access: unknown };
    expect(open.access).toEqual([{ schemaKey: 'AccessRequirements', status: 'dandi:OpenAccess' }]);
  });

  it('serves Zarr assets with zarr set, blob null, a prefix as contentUrl and only the Zarr checksum', async () => {
    const asset = zarrAsset();
    const listed = (await call('/dandisets/000474/versions/draft/assets/?zarr=true')).body as { results: unknown[] };
    expect(listed.results).toEqual([
      expect.objectContaining({ asset_id: asset.assetId, blob: null, zarr: asset.zarr.zarrId }),
    ]);
    const meta = (await call(`/assets/${asset.assetId}/`)).body as {
      contentUrl: string[];
      digest: unknown;
      encodingFormat: string;
    };
    expect(meta.contentUrl).toEqual([
      `${API}/assets/${asset.assetId}/download/`,
      `${S3}/${world.bucket}/${asset.zarr.prefix}`,
    ]);
    expect(meta.digest).toEqual({ 'dandi:dandi-zarr-checksum': asset.zarr.checksum });
    expect(meta.encodingFormat).toBe('application/x-zarr');
    const paths = (await call('/dandisets/000474/versions/draft/assets/paths/?path_prefix=sub-ZARR01')).body as {
      results: Array<{ asset: { url: string } | null }>;
    };
    expect(paths.results[0]?.asset?.url).toBe(`${S3}/${world.bucket}/${asset.zarr.prefix}`);
  });

  it("lists a Zarr store's files relative to it, following `after`, without a count", async () => {
    const asset = zarrAsset();
    const first = (await call(`/zarr/${asset.zarr.zarrId}/files/?limit=2`)).body as {
      next: string;
      results: Array<{ Key: string; ETag: string }>;
    };
    expect(first).not.toHaveProperty('count');
    expect(first.results.map((r) => r.Key)).toEqual(['.zattrs', '.zgroup']);
    expect(new URL(first.next).searchParams.get('after')).toBe('.zgroup');
    const keys: string[] = [];
    let url: string | null = `${API}/zarr/${asset.zarr.zarrId}/files/?limit=2`;
    while (url !== null) {
      const page = (await (await app.request(url)).json()) as { next: string | null; results: Array<{ Key: string }> };
      keys.push(...page.results.map((r) => r.Key));
      url = page.next;
    }
    expect(keys).toEqual(asset.zarr.files.map((f) => f.path).sort());
  });
});

describe('blobs (views/upload.py `blob_read_view`)', () => {
  it('finds a blob by its dandi-etag, 404s an unknown one and refuses other algorithms with a bare string', async () => {
    const asset = world.catalog.assets.find((a) => a.blobId !== null);
    const etag = (asset?.digest as { 'dandi:dandi-etag': string })['dandi:dandi-etag'];
    const post = (body: unknown) =>
      call('/blobs/digest/', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    expect(await post({ algorithm: 'dandi:dandi-etag', value: etag })).toMatchObject({
      status: 200,
      body: { blob_id: asset?.blobId, etag, size: asset?.size },
    });
    expect((await post({ algorithm: 'dandi:dandi-etag', value: '0'.repeat(32) + '-1' })).status).toBe(404);
    expect(await post({ algorithm: 'md5', value: 'x' })).toMatchObject({
      status: 400,
      body: 'Unsupported Digest Algorithm',
    });
  });
});

describe('the dandiset list (views/dandiset.py `_listed_dandisets`, services/search/parser.py)', () => {
  const ids = async (query: string) =>
    ((await call(`/dandisets/?${query}`)).body as { results: Array<{ identifier: string }> }).results.map(
      (d) => d.identifier,
    );

  it('keeps quoted phrases together and applies key:value operators', async () => {
    expect(await ids(`search=${encodeURIComponent('"food sniff"')}`)).toEqual(['000463']);
    expect(await ids(`search=${encodeURIComponent('"sniff food"')}`)).toEqual([]);
    expect(await ids(`search=${encodeURIComponent('species:"house mouse" zarr')}`)).toEqual(['000474']);
    expect(await ids(`search=${encodeURIComponent('file_type:nwb created_after:2000-01-01')}`)).toEqual(
      expect.arrayContaining(['000463', '000470']),
    );
    expect(await ids(`search=${encodeURIComponent('file_type:nwb')}`)).not.toContain('000472');
  });

  it('answers unknown operators and unbalanced quotes with 400 {"search": "<message>"}', async () => {
    expect(await call(`/dandisets/?search=${encodeURIComponent('specis:mouse')}`)).toMatchObject({
      status: 400,
      body: { search: expect.stringMatching(/^Unknown search operator "specis". Did you mean "species"\?/) },
    });
    expect(await call(`/dandisets/?search=${encodeURIComponent('"food')}`)).toMatchObject({
      status: 400,
      body: { search: expect.stringMatching(/^Unbalanced quote/) },
    });
    // A quoted operator is text, not an operator.
    expect((await call(`/dandisets/?search=${encodeURIComponent('"specis:mouse"')}`)).status).toBe(200);
  });

  it('requires every free-text term within one version', async () => {
    // 000470's draft and its release hold the same words, so a term of each still matches one version.
    expect(await ids(`search=${encodeURIComponent('BIDS published')}`)).toEqual(['000470']);
    // "synthetic" is in every version, "zarr" only in 000474's: no version of 000463 holds both.
    expect(await ids(`search=${encodeURIComponent('synthetic zarr')}`)).toEqual(['000474']);
  });

  it('judges empty=false on the newest version', async () => {
    expect(await ids('empty=false')).not.toContain('000473');
    expect(await ids('empty=false')).toContain('000470');
  });
});
