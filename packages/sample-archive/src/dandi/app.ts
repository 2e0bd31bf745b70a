// The DANDI API emulator: a Hono app serving the sample world's catalog under `/api/` with the paths and JSON
// shapes of the dandi-archive server (routes in dandiapi/urls.py; views under dandiapi/api/views/).
import { Hono } from 'hono';
import type { WorldCatalog } from '../world/model.js';
import { CatalogIndex } from './catalog-index.js';
import { authenticate, type DandiEnv, type DandiState, type EmulatedUser } from './context.js';
import { ApiError, WWW_AUTHENTICATE } from './errors.js';
import { assetRoutes } from './routes/assets.js';
import { authRoutes } from './routes/auth.js';
import { blobRoutes } from './routes/blobs.js';
import { dandisetRoutes } from './routes/dandisets.js';
import { infoRoutes } from './routes/info.js';
import { zarrRoutes } from './routes/zarr.js';
import type { ApiUrls } from './serialize.js';

export type { ApiUrls } from './serialize.js';

/** How to build the emulator. */
export interface DandiApiOptions {
  /** The live URLs; called per request because the ports are only known after the servers listen. */
  urls: () => ApiUrls;
  /** The key of the user who owns every embargoed dandiset (`Authorization: token <key>`). */
  apiKey: string;
  /** Keys of other valid users, who own nothing: embargoed data answers them 403. Default: SAMPLE_NON_OWNER_KEY. */
  otherKeys?: readonly string[];
  /** The presigned-URL query for an object key; download views redirect there (the S3 server checks it). */
  presign?: (key: string) => string;
}

/** A second user's key, valid on every sample archive, that owns no dandiset (for 403 answers). */
export const SAMPLE_NON_OWNER_KEY = 'ember-sample-archive-non-owner-key';

/** Creates the emulator app; tests call `app.request()` on it without opening a port. */
export function createDandiApi(catalog: WorldCatalog, options: DandiApiOptions): Hono<DandiEnv> {
  const users: EmulatedUser[] = [
    { key: options.apiKey, login: 'sample-owner', ownsEmbargoed: true },
    ...(options.otherKeys ?? [SAMPLE_NON_OWNER_KEY]).map((key, i) => ({
      key,
      login: `sample-user-${i + 1}`,
      ownsEmbargoed: false,
    })),
  ];
  const state: DandiState = { index: new CatalogIndex(catalog), urls: options.urls, users, presign: options.presign };
  const app = new Hono<DandiEnv>();

  app.use('*', async (c, next) => {
    // DRF authenticates before anything else, so an unknown key fails even on public endpoints.
    c.set('user', authenticate(c.req.header('authorization'), users));
    await next();
  });

  const api = new Hono<DandiEnv>();
  // Sub-apps carry their full paths: Hono would drop the trailing slash of a sub-app's `/` route.
  api.route('/', infoRoutes(state));
  api.route('/', authRoutes(state));
  api.route('/', dandisetRoutes(state));
  api.route('/', assetRoutes(state));
  api.route('/', blobRoutes(state));
  api.route('/', zarrRoutes(state));
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
      if (error.challenge) c.header('WWW-Authenticate', WWW_AUTHENTICATE);
      return c.json(error.body, error.status);
    }
    console.error(error);
    return c.json({ detail: 'A server error occurred.' }, 500);
  });
  return app;
}
