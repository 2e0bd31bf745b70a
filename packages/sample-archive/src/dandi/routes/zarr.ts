// /api/zarr/ (dandiapi/zarr/views/__init__.py `ZarrViewSet`): the Zarr stores of visible dandisets, one store,
// and its files: `files/?prefix=&after=&limit=` lists the objects under the store's prefix with keys relative to
// it and a `next` link carrying `after=<last key>` (no `count`); `download=true` redirects to the object. This is
// what dandi-cli's Zarr download walks (dandi/dandiapi.py `RemoteZarrAsset.iterfiles`).
import { Hono, type Context } from 'hono';
import type { WorldAsset } from '../../world/model.js';
import { requireReadable, type DandiEnv, type DandiState } from '../context.js';
import { invalidParam, notFound } from '../errors.js';
import { paginate } from '../pagination.js';
import { booleanParam } from '../query.js';
import { s3Url } from '../serialize.js';

const ZARR_ID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** The `/zarr/` sub-app. */
export function zarrRoutes(state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();
  const zarrAssets = (): WorldAsset[] => state.index.allAssets().filter((a) => a.zarr !== null);
  const serialize = (asset: WorldAsset) => ({
    name: asset.path.slice(asset.path.lastIndexOf('/') + 1),
    dandiset: state.index.dandisetsOf(asset.assetId)[0]?.identifier ?? null,
    zarr_id: asset.zarr?.zarrId,
    status: 'Complete',
    checksum: asset.zarr?.checksum,
    upload_in_progress: false,
    file_count: asset.zarr?.fileCount,
    size: asset.size,
  });
  const readable = (c: Context<DandiEnv>): WorldAsset => {
    const asset = zarrAssets().find((a) => a.zarr?.zarrId === c.req.param('zarr_id'));
    if (!asset) throw notFound();
    for (const dandiset of state.index.dandisetsOf(asset.assetId)) requireReadable(dandiset, c.get('user'));
    return asset;
  };

  app.get('/zarr/', (c) => {
    const query = new URL(c.req.url).searchParams;
    const dandiset = query.get('dandiset');
    const name = query.get('name');
    const visible = zarrAssets().filter((a) =>
      state.index.dandisetsOf(a.assetId).every((d) => d.embargoStatus === 'OPEN'),
    );
    const listed = visible
      .map(serialize)
      .filter((z) => (dandiset === null || z.dandiset === dandiset) && (name === null || z.name === name));
    return c.json(paginate(listed, c.req.url, (z) => z));
  });

  app.get(`/zarr/:zarr_id{${ZARR_ID}}/`, (c) => c.json(serialize(readable(c))));

  app.get(`/zarr/:zarr_id{${ZARR_ID}}/files/`, (c) => {
    const asset = readable(c);
    const zarr = asset.zarr;
    if (!zarr) throw notFound();
    const query = new URL(c.req.url).searchParams;
    const prefix = query.get('prefix') ?? '';
    const after = query.get('after') ?? '';
    const rawLimit = query.get('limit') ?? '1000';
    const limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
    if (!Number.isInteger(limit) || limit > 1000) {
      throw invalidParam(
        'limit',
        Number.isNaN(limit) ? 'A valid integer is required.' : 'Ensure this value is less than or equal to 1000.',
      );
    }
    if (booleanParam(query, 'download', false)) return c.redirect(s3Url(state.urls(), `${zarr.prefix}${prefix}`), 302);
    const files = state.index
      .zarrFiles(zarr.zarrId)
      .filter((f) => f.key.startsWith(prefix) && (after === '' || f.key > after));
    const page = files.slice(0, limit);
    let next: string | null = null;
    if (files.length > limit && page.length > 0) {
      const url = new URL(c.req.url);
      url.searchParams.set('after', page.at(-1)?.key ?? '');
      next = url.toString();
    }
    return c.json({
      next,
      results: page.map((f) => ({ Key: f.key, LastModified: f.lastModified, ETag: f.etag, Size: f.size })),
    });
  });
  return app;
}
