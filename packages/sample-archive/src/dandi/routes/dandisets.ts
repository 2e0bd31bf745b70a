// GET /api/dandisets/ and /api/dandisets/{id}/ — dandiapi/api/views/dandiset.py (DandisetViewSet,
// DandisetFilterBackend) with DandisetQueryParameterSerializer (serializers.py): draft, empty, embargoed, user,
// starred, search (search.ts); `ordering` over id, name, modified, size, stars (each also with "-"); default order
// `created`.
import { Hono } from 'hono';
import type { WorldDandiset } from '../../world/model.js';
import type { CatalogIndex } from '../catalog-index.js';
import { requireReadable, type DandiEnv, type DandiState } from '../context.js';
import { bareError, notFound } from '../errors.js';
import { paginate } from '../pagination.js';
import { booleanParam, choiceParam } from '../query.js';
import { searchDandisets } from '../search.js';
import { dandisetDetail, dandisetListItem } from '../serialize.js';
import { versionRoutes } from './versions.js';

/** Dandiset.IDENTIFIER_REGEX: six digits. */
export const DANDISET_ID = /^\d{6}$/;

/** The `/dandisets/` sub-app, versions and nested assets included. */
export function dandisetRoutes(state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();

  app.get('/dandisets/', (c) => {
    const query = new URL(c.req.url).searchParams;
    const user = c.get('user');
    const showDraft = booleanParam(query, 'draft', true);
    const showEmpty = booleanParam(query, 'empty', true);
    const showEmbargoed = booleanParam(query, 'embargoed', false);
    const starred = booleanParam(query, 'starred', false);
    const mine = choiceParam(query, 'user', ['me'] as const);
    const { index } = state;

    // _listed_dandisets (views/dandiset.py): embargoed data needs a user first, and only owners see theirs.
    if (showEmbargoed && user === null) {
      throw bareError(401, 'Authentication credentials must be provided when attempting to access embargoed dandisets');
    }
    let list = index.dandisets.filter((d) => d.embargoStatus === 'OPEN' || (user?.ownsEmbargoed ?? false));
    if (mine === 'me') list = user?.ownsEmbargoed ? index.dandisets.filter((d) => d.embargoStatus !== 'OPEN') : [];
    if (!showDraft) list = list.filter((d) => d.versions.length > 1);
    // "Empty" is judged on each dandiset's most recent version.
    if (!showEmpty) list = list.filter((d) => (index.versions(d).at(-1)?.assets.length ?? 0) > 0);
    if (!showEmbargoed) list = list.filter((d) => d.embargoStatus === 'OPEN');
    if (starred) {
      if (user === null) throw bareError(401, 'Must be authenticated to filter by starred dandisets.');
      list = []; // Nobody has starred anything in the sample archive.
    }
    list = searchDandisets(index, list, query.get('search') ?? '', state.users);
    list = orderDandisets(index, list, query.get('ordering'));
    return c.json(paginate(list, c.req.url, (d) => dandisetListItem(index, d)));
  });

  app.get('/dandisets/:id{[0-9]{6}}/', (c) => {
    const dandiset = state.index.dandiset(c.req.param('id'));
    if (!dandiset) throw notFound();
    requireReadable(dandiset, c.get('user'));
    return c.json(dandisetDetail(state.index, dandiset));
  });

  app.route('/', versionRoutes(state));
  return app;
}

/** DandisetFilterBackend: the first valid `ordering` field wins; unknown fields are ignored, as DRF's OrderingFilter does. */
function orderDandisets(index: CatalogIndex, list: WorldDandiset[], ordering: string | null): WorldDandiset[] {
  const field = (ordering ?? '')
    .split(',')
    .map((f) => f.trim())
    .find((f) => ['id', 'name', 'modified', 'size', 'stars'].includes(f.replace(/^-/, '')));
  if (!field) return list;
  const descending = field.startsWith('-');
  // name, modified and size refer to the most recent version (dandiset.py: Subquery over versions ordered by -created).
  const latest = (d: WorldDandiset) => index.versions(d).at(-1);
  const key = (d: WorldDandiset): string | number => {
    switch (field.replace(/^-/, '')) {
      case 'id':
        return Number(d.identifier);
      case 'name':
        return latest(d)?.version.name ?? '';
      case 'modified':
        return latest(d)?.version.modified ?? '';
      case 'stars':
        return 0; // Nobody has starred anything in the sample archive.
      default:
        return latest(d)?.size ?? 0;
    }
  };
  const sorted = [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return descending ? sorted.reverse() : sorted;
}
