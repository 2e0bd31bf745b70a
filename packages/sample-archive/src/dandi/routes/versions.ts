// /api/dandisets/{id}/versions/... — dandiapi/api/views/version.py (VersionViewSet: list ordered by created,
// retrieve = the metadata document, info = VersionDetailSerializer) and the version-scoped asset views of
// dandiapi/api/views/asset.py (version_assets_view, version_asset_paths_view, asset retrieve/info/download).
import { Hono, type Context } from 'hono';
import type { WorldAsset } from '../../world/model.js';
import type { VersionEntry } from '../catalog-index.js';
import { requireReadable, type DandiEnv, type DandiState } from '../context.js';
import { invalidParam, notFound } from '../errors.js';
import { paginate } from '../pagination.js';
import { booleanParam, choiceParam } from '../query.js';
import { assetItem, assetMetadata, pathRow, versionInfo, versionItem, versionMetadata } from '../serialize.js';
import { downloadResponse } from './download.js';

/** Version.VERSION_REGEX: `draft` or a published `0.YYMMDD.NNNN`. */
export const VERSION_PATTERN = /^(0\.\d{6}\.\d{4}|draft)$/;
/** Asset.UUID_REGEX (dandiapi/api/models/asset.py). */
export const ASSET_ID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** Route prefix of a dandiset's versions. */
const V = '/dandisets/:id{[0-9]{6}}/versions';

const ASSET_ORDER = ['created', '-created', 'modified', '-modified', 'path', '-path'] as const;

/** The `/dandisets/{id}/versions/` sub-app. */
export function versionRoutes(state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();
  const { index } = state;

  /** get_readable_version_or_404: the dandiset and version must exist, and embargoed ones need the key. */
  const readable = (c: Context<DandiEnv>): VersionEntry => {
    const id = c.req.param('id') ?? '';
    const dandiset = index.dandiset(id);
    if (!dandiset) throw notFound();
    requireReadable(dandiset, c.get('user'));
    const version = c.req.param('version');
    if (version === undefined) throw notFound();
    const entry = VERSION_PATTERN.test(version) ? index.version(id, version) : undefined;
    if (!entry) throw notFound();
    return entry;
  };

  app.get(`${V}/`, (c) => {
    const dandiset = index.dandiset(c.req.param('id') ?? '');
    if (!dandiset) throw notFound();
    requireReadable(dandiset, c.get('user'));
    const order = choiceParam(new URL(c.req.url).searchParams, 'order', ['created', '-created'] as const);
    const versions = index.versions(dandiset);
    if (order === '-created') versions.reverse();
    return c.json(paginate(versions, c.req.url, (v) => versionItem(index, v)));
  });

  app.get(`${V}/:version/`, (c) => c.json(versionMetadata(state.urls(), readable(c))));
  app.get(`${V}/:version/info/`, (c) => c.json(versionInfo(index, state.urls(), readable(c))));

  app.get(`${V}/:version/assets/`, (c) => {
    const entry = readable(c);
    const query = new URL(c.req.url).searchParams;
    const withMetadata = booleanParam(query, 'metadata', false);
    const zarrOnly = booleanParam(query, 'zarr', false);
    const order = parseOrder(query.get('order'));
    const path = query.get('path') ?? '';
    const glob = query.get('glob');

    let assets = entry.assets;
    if (path) {
      // path is a case-insensitive prefix filter, except that an exact match returns just that asset.
      const exact = assets.filter((a) => a.path === path);
      assets = exact.length > 0 ? exact : assets.filter((a) => a.path.toLowerCase().startsWith(path.toLowerCase()));
    }
    // zarr=true keeps only Zarr assets; zarr=false (the default) does not exclude them (asset.py `list`).
    if (zarrOnly) assets = assets.filter((a) => a.zarr !== null);
    if (glob !== null) {
      const pattern = globPattern(glob);
      assets = assets.filter((a) => pattern.test(a.path));
    }
    assets = sortAssets(assets, order);
    const urls = state.urls();
    return c.json(paginate(assets, c.req.url, (a) => assetItem(urls, index, a, withMetadata), true));
  });

  app.get(`${V}/:version/assets/paths/`, (c) => {
    const entry = readable(c);
    const raw = new URL(c.req.url).searchParams.get('path_prefix') ?? '';
    const prefix = raw.replace(/\/+$/, '');
    // search_asset_paths (dandiapi/api/asset_paths.py): the direct children of an existing path, ordered by
    // path; an unknown prefix is a 404 "Specified path not found.". A file's "children" are none. "/" strips to
    // "" but is looked up as a path, not as the root, so it is not found either.
    if (raw !== '' && prefix === '') throw notFound('Specified path not found.');
    let node = index.tree(entry);
    if (prefix !== '') {
      for (const part of prefix.split('/')) {
        const child = node.children.get(part);
        if (!child) throw notFound('Specified path not found.');
        node = child;
      }
    }
    const children = [...node.children.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const urls = state.urls();
    return c.json(paginate(children, c.req.url, (n) => pathRow(urls, entry, n)));
  });

  const versionAsset = (c: Context<DandiEnv>): WorldAsset => {
    const entry = readable(c);
    const asset = entry.assets.find((a) => a.assetId === c.req.param('asset_id'));
    if (!asset) throw notFound();
    return asset;
  };
  app.get(`${V}/:version/assets/:asset_id{${ASSET_ID_PATTERN}}/`, (c) =>
    c.json(assetMetadata(state.urls(), index, versionAsset(c))),
  );
  app.get(`${V}/:version/assets/:asset_id{${ASSET_ID_PATTERN}}/info/`, (c) =>
    c.json(assetItem(state.urls(), index, versionAsset(c), true)),
  );
  app.get(`${V}/:version/assets/:asset_id{${ASSET_ID_PATTERN}}/download/`, (c) =>
    downloadResponse(c, state, versionAsset(c)),
  );
  return app;
}

/** The `order` parameter: one or more comma-separated fields among created, modified, path (optionally "-"). */
function parseOrder(raw: string | null): string[] {
  if (raw === null || raw === '') return ['created'];
  const fields = raw.split(',').map((f) => f.trim());
  for (const f of fields) {
    if (!(ASSET_ORDER as readonly string[]).includes(f)) {
      throw invalidParam('order', `Select a valid choice. ${f} is not one of the available choices.`);
    }
  }
  return fields;
}

function sortAssets(assets: readonly WorldAsset[], order: readonly string[]): WorldAsset[] {
  return [...assets].sort((a, b) => {
    for (const field of order) {
      const name = field.replace(/^-/, '') as 'created' | 'modified' | 'path';
      const cmp = a[name] < b[name] ? -1 : a[name] > b[name] ? 1 : 0;
      if (cmp !== 0) return field.startsWith('-') ? -cmp : cmp;
    }
    return 0;
  });
}

/**
 * The server's glob: the whole pattern escaped, then `*` (and only `*`) turned into `.*`, matched against the
 * whole path, case-insensitively (asset.py: `re.escape`, `path__iregex`).
 */
export function globPattern(glob: string): RegExp {
  const escaped = glob.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&').replace(/\\\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'is');
}
