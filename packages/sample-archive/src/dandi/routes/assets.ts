// /api/assets/{asset_id}/... — dandiapi/api/views/asset.py: asset_view (full metadata), asset_info_view
// (AssetDetailSerializer), asset_download_view (302 to the blob; GET and HEAD). Embargoed assets need the key.
import { Hono, type Context } from 'hono';
import type { WorldAsset } from '../../world/model.js';
import { requireReadable, type DandiEnv, type DandiState } from '../context.js';
import { notFound } from '../errors.js';
import { assetItem, assetMetadata } from '../serialize.js';
import { ASSET_ID_PATTERN } from './versions.js';

/** The `/assets/` sub-app. */
export function assetRoutes(state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();
  const readable = (c: Context<DandiEnv>): WorldAsset => {
    const asset = state.index.asset(c.req.param('asset_id') ?? '');
    if (!asset) throw notFound();
    for (const dandiset of state.index.dandisetsOf(asset.assetId)) requireReadable(dandiset, c.get('authenticated'));
    return asset;
  };
  app.get(`/assets/:asset_id{${ASSET_ID_PATTERN}}/`, (c) => c.json(assetMetadata(state.urls(), readable(c))));
  app.get(`/assets/:asset_id{${ASSET_ID_PATTERN}}/info/`, (c) => c.json(assetItem(state.urls(), readable(c), true)));
  // HttpResponseRedirect is a 302: the plain S3 URL of an open blob, a presigned one for an embargoed blob.
  app.get(`/assets/:asset_id{${ASSET_ID_PATTERN}}/download/`, (c) => c.redirect(state.downloadUrl(readable(c).blobKey), 302));
  return app;
}
