// /api/assets/{asset_id}/... — dandiapi/api/views/asset.py: asset_view (full metadata), asset_info_view
// (AssetDetailSerializer), asset_download_view (download.ts; GET and HEAD). Embargoed assets need an owner's key.
import { Hono, type Context } from 'hono';
import type { WorldAsset } from '../../world/model.js';
import { owns, type DandiEnv, type DandiState } from '../context.js';
import { notAuthenticated, notFound, permissionDenied } from '../errors.js';
import { assetItem, assetMetadata } from '../serialize.js';
import { downloadResponse } from './download.js';
import { ASSET_ID_PATTERN } from './versions.js';

/** The `/assets/` sub-app. */
export function assetRoutes(state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();
  /**
   * The top-level asset views check the asset's own embargo: an asset only embargoed dandisets hold is readable by
   * the owners of any of them (asset.py `get_readable_asset_or_404`).
   */
  const readable = (c: Context<DandiEnv>): WorldAsset => {
    const asset = state.index.asset(c.req.param('asset_id') ?? '');
    if (!asset) throw notFound();
    const holders = state.index.dandisetsOf(asset.assetId);
    if (holders.length > 0 && holders.every((d) => d.embargoStatus !== 'OPEN')) {
      const user = c.get('user');
      if (user === null) throw notAuthenticated();
      if (!holders.some((d) => owns(user, d))) throw permissionDenied();
    }
    return asset;
  };
  app.get(`/assets/:asset_id{${ASSET_ID_PATTERN}}/`, (c) =>
    c.json(assetMetadata(state.urls(), state.index, readable(c))),
  );
  app.get(`/assets/:asset_id{${ASSET_ID_PATTERN}}/info/`, (c) =>
    c.json(assetItem(state.urls(), state.index, readable(c), true)),
  );
  app.get(`/assets/:asset_id{${ASSET_ID_PATTERN}}/download/`, (c) => downloadResponse(c, state, readable(c)));
  return app;
}
