// The DANDI API emulator: a Hono app serving the sample world's catalog under `/api/` with the paths and JSON
// shapes of the dandi-archive server (routes in dandiapi/urls.py; views under dandiapi/api/views/).
import { Hono } from 'hono';
import { embargoedBlobKeys } from '../world/embargo.js';
import type { WorldCatalog } from '../world/model.js';
import { CatalogIndex } from './catalog-index.js';
import { authenticate, type DandiEnv, type DandiState } from './context.js';
import { ApiError } from './errors.js';
import { assetRoutes } from './routes/assets.js';
import { dandisetRoutes } from './routes/dandisets.js';
import { infoRoutes } from './routes/info.js';
import { s3Url, type ApiUrls } from './serialize.js';

export type { ApiUrls } from './serialize.js';

/** How to build the emulator. */
export interface DandiApiOptions {
  /** The live URLs; called per request because the ports are only known after the servers listen. */
  urls: () => ApiUrls;
  /** The key that `Authorization: token <key>` must carry to read embargoed dandisets. */
  apiKey: string;
  /** The presigned-URL query for a blob key; download views of embargoed blobs redirect there (without: the plain URL, which S3 denies). */
  presign?: (key: string) => string;
}

/** Creates the emulator app; tests call `app.request()` on it without opening a port. */
export function createDandiApi(catalog: WorldCatalog, options: DandiApiOptions): Hono<DandiEnv> {
  const hidden = embargoedBlobKeys(catalog);
  const downloadUrl = (key: string): string => {
    const url = s3Url(options.urls(), key);
    return hidden.has(key) && options.presign ? `${url}?${options.presign(key)}` : url;
  };
  const state: DandiState = { index: new CatalogIndex(catalog), urls: options.urls, downloadUrl };
  const app = new Hono<DandiEnv>();

  app.use('*', async (c, next) => {
    c.set('authenticated', authenticate(c.req.header('authorization'), options.apiKey));
    await next();
  });

  const api = new Hono<DandiEnv>();
  // Sub-apps carry their full paths: Hono would drop the trailing slash of a sub-app's `/` route.
  api.route('/', infoRoutes(state));
  api.route('/', dandisetRoutes(state));
  api.route('/', assetRoutes(state));
  app.route('/api', api);

  app.notFound((c) => {
    const url = new URL(c.req.url);
    // Django's APPEND_SLASH: a GET without the trailing slash is redirected to the slashed URL.
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !url.pathname.endsWith('/')) {
      url.pathname += '/';
      return c.redirect(url.toString(), 301);
    }
    return c.json({ detail: 'Not found.' }, 404);
  });
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      if (error.status === 401) c.header('WWW-Authenticate', 'Token');
      return c.json(error.body, error.status);
    }
    console.error(error);
    return c.json({ detail: 'A server error occurred.' }, 500);
  });
  return app;
}
