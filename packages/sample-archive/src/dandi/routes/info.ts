// GET /api/info/ — dandiapi/api/views/info.py (ApiInfoSerializer): instance_config, schema_version, schema_url,
// version, cli-minimal-version, cli-bad-versions, services {api, webui, jupyterhub}.
import { Hono } from 'hono';
import { SAMPLE_INSTANCE_NAME, SAMPLE_SCHEMA_VERSION } from '../../world/dandisets.js';
import type { DandiEnv, DandiState } from '../context.js';
import { SAMPLE_DOI_PREFIX, webUiUrl } from '../serialize.js';

/** The `/info/` sub-app (mounted at the API root: Hono joins a mount path and `/` without the trailing slash). */
export function infoRoutes(state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();
  app.get('/info/', (c) => {
    const urls = state.urls();
    const web = webUiUrl(urls);
    return c.json({
      instance_config: {
        // dandischema.conf Config, dumped as the server does; the sample stands in for EMBER-DANDI.
        instance_name: SAMPLE_INSTANCE_NAME,
        instance_identifier: null,
        instance_url: web,
        doi_prefix: SAMPLE_DOI_PREFIX,
        licenses: ['spdx:CC0-1.0', 'spdx:CC-BY-4.0'],
      },
      schema_version: SAMPLE_SCHEMA_VERSION,
      schema_url: `${urls.api}/schemas/dandiset/latest/`,
      version: '0.0.0+ember-sample-archive',
      'cli-minimal-version': '0.60.0',
      'cli-bad-versions': [],
      services: {
        api: { url: urls.api },
        webui: { url: web },
        jupyterhub: { url: web },
      },
    });
  });
  return app;
}
