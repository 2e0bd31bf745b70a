// GET /api/dandisets/ and /api/dandisets/{id}/ — dandiapi/api/views/dandiset.py (DandisetViewSet,
// DandisetFilterBackend) with DandisetQueryParameterSerializer (serializers.py): draft, empty, embargoed, user,
// starred, search; `ordering` over id, name, modified, size (each also with "-"); default order `created`.
import { Hono } from 'hono';
import type { WorldDandiset } from '../../world/model.js';
import type { CatalogIndex } from '../catalog-index.js';
import { requireReadable, type DandiEnv, type DandiState } from '../context.js';
import { notFound } from '../errors.js';
import { paginate } from '../pagination.js';
import { booleanParam, choiceParam } from '../query.js';
import { dandisetDetail, dandisetListItem } from '../serialize.js';
import { versionRoutes } from './versions.js';

/** Dandiset.IDENTIFIER_REGEX: six digits. */
export const DANDISET_ID = /^\d{6}$/;

/** The `/dandisets/` sub-app, versions and nested assets included. */
export function dandisetRoutes(state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();

  app.get('/dandisets/', (c) => {
    const query = new URL(c.req.url).searchParams;
    const authenticated = c.get('authenticated');
    const showDraft = booleanParam(query, 'draft', true);
    const showEmpty = booleanParam(query, 'empty', true);
    const showEmbargoed = booleanParam(query, 'embargoed', false);
    const starred = booleanParam(query, 'starred', false);
    const user = choiceParam(query, 'user', ['me'] as const);
    const { index } = state;

    // Dandiset.objects.visible_to(user): embargoed dandisets only for their owners (here: the key holder).
    let list = index.dandisets.filter((d) => d.embargoStatus === 'OPEN' || authenticated);
    if (user === 'me') list = authenticated ? list.filter((d) => d.embargoStatus !== 'OPEN') : [];
    if (starred) list = []; // Nobody has starred anything in the sample archive.
    if (!showDraft) list = list.filter((d) => d.versions.length > 1);
    if (!showEmpty) list = list.filter((d) => (index.versions(d)[0]?.assets.length ?? 0) > 0);
    if (!showEmbargoed) list = list.filter((d) => d.embargoStatus === 'OPEN');

    const search = query.get('search');
    if (search) {
      // DRF SearchFilter: terms split on whitespace and commas, every term must occur (icontains) in some version's metadata.
      const terms = search.replace(/,/g, ' ').split(/\s+/).filter(Boolean).map((t) => t.toLowerCase());
      list = list.filter((d) => {
        const text = d.versions.map((v) => JSON.stringify(v.metadata).toLowerCase()).join('\n');
        return terms.every((t) => text.includes(t));
      });
    }
    list = orderDandisets(index, list, query.get('ordering'));
    return c.json(paginate(list, c.req.url, (d) => dandisetListItem(index, d)));
  });

  app.get('/dandisets/:id{[0-9]{6}}/', (c) => {
    const dandiset = state.index.dandiset(c.req.param('id'));
    if (!dandiset) throw notFound();
    requireReadable(dandiset, c.get('authenticated'));
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
    .find((f) => ['id', 'name', 'modified', 'size'].includes(f.replace(/^-/, '')));
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
