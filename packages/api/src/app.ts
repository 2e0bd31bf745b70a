// The HTTP API over core's explorer seam: an app factory that tests call with `app.request()` and that the Node
// server (node.ts) and the edge handler (edge.ts) serve. /v1 is built from one sub-app per resource with
// @hono/zod-openapi (validation, the OpenAPI 3.1 document and the `hc` client types from one definition); /h5grove
// speaks h5grove's protocol. No data logic lives here: the explorer and core answer, the API checks, limits,
// caches and encodes.
import { VERSION, type Config, type FetchFunction, type OpenHdf5Function } from '@ember-archive/core';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { AnswerCache } from './answer-cache.js';
import type { ApiEnv } from './app-env.js';
import { docsRoutes, type DocsAssets } from './docs.js';
import { RequestTimeoutError } from './errors.js';
import { ExplorerPool } from './explorers.js';
import { h5groveApp } from './h5grove/app.js';
import { problem, problemOf, PROBLEM_JSON, reportedError, statusOf, type Problem } from './problem.js';
import { callerKey, type RouteDeps } from './request-access.js';
import { healthRoutes } from './routes/health.js';
import { hdf5Routes } from './routes/hdf5.js';
import { infoRoutes } from './routes/info.js';
import { listingRoutes } from './routes/listing.js';
import { nwbRoutes } from './routes/nwb.js';
import { poseRoutes } from './routes/pose.js';
import { apiSettings, type ApiLimits, type ApiSettings } from './settings.js';
import { sha1 } from './sha1.js';

export { apiSettings, DEFAULT_LIMITS, type ApiLimits, type ApiSettings } from './settings.js';
export { OutsideAllowListError, RequestTimeoutError, LimitExceededError } from './errors.js';
export { allowedTarget, isAllowedUrl, isPrivateHost } from './allow-list.js';
export type { DocsAssets } from './docs.js';
export type { Problem } from './problem.js';

/** What createApp needs besides the archive configuration. */
export interface AppOptions {
  /** How files are opened for reading (core's openHdf5 in Node, openHdf5Url with the compiled wasm at the edge). */
  openHdf5: OpenHdf5Function;
  /** Limits, CORS and allow-list additions; defaults suit a public server. */
  settings?: Partial<Omit<ApiSettings, 'limits'>> & { limits?: Partial<ApiLimits> };
  /** The fetch under the allow-listed one (tests count or fake requests). */
  fetch?: FetchFunction;
  /** Swagger UI's files for /v1/docs (absent: no docs page). */
  docsAssets?: DocsAssets;
  /** Open files kept for anonymous requests (default 16). */
  openFiles?: number;
  /** Bytes of anonymous listing pages and object information kept server-side (default 32 MiB; 0: none). */
  answerCacheBytes?: number;
  /** Milliseconds since an epoch, for the answer cache's lifetimes (tests move time). */
  now?: () => number;
}

/**
 * The API app over the archive `config`.
 * @example
 * const app = createApp(loadConfig(process.env), { openHdf5: (location, name) => openHdf5(location, { name }) });
 * const health = await (await app.request('/v1/health')).json();
 */
export function createApp(config: Config, options: AppOptions) {
  const context = { config, settings: apiSettings(options.settings) };
  const pool = new ExplorerPool(context, options.openHdf5, {
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.openFiles === undefined ? {} : { openFiles: options.openFiles }),
  });
  const answers = new AnswerCache({
    ...(options.answerCacheBytes === undefined ? {} : { maxBytes: options.answerCacheBytes }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const deps: RouteDeps = { context, pool, answers };

  const v1 = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const detail = result.error.issues
        .map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`)
        .join('; ');
      return problemResponse(c, problem(400, `Invalid parameters (${detail}).`, 'invalid-input'));
    },
  })
    .route('/', healthRoutes())
    .route('/', listingRoutes(deps))
    .route('/', infoRoutes(deps))
    .route('/', hdf5Routes(deps))
    .route('/', nwbRoutes(deps))
    .route('/', poseRoutes(deps));
  v1.onError((error, c) => problemResponse(c, problemOf(error, authorized(c))));
  v1.doc31('/openapi.json', {
    openapi: '3.1.0',
    // Paths are those of the /v1 sub-app; the server URL puts them under /v1 (relative: behind any proxy prefix).
    servers: [{ url: '/v1' }],
    info: {
      title: 'ember-archive API',
      version: VERSION,
      description:
        'Browse the EMBER archive (bucket projects and DANDI dandisets) and read HDF5/NWB files by ranges. ' +
        'Identifiers go in `id`. Errors are application/problem+json. An h5grove-compatible API is at /h5grove ' +
        '(meta, attr, data, paths, stats; file = identifier); its /data answers at most ' +
        `${context.settings.limits.h5groveDataBytes} ` +
        'bytes (413 beyond, naming the cap).',
    },
  });
  v1.route('/', docsRoutes(options.docsAssets));

  // An OpenAPIHono at the root too: Hono's own route() does not carry an OpenAPIHono's route types to `hc`.
  const app = new OpenAPIHono<ApiEnv>();
  const origins = context.settings.corsOrigins;
  if (origins === '*' || origins.length > 0) {
    app.use(
      '*',
      cors({
        origin: origins,
        allowMethods: ['GET', 'HEAD', 'OPTIONS'],
        allowHeaders: ['Authorization', 'If-None-Match'],
        exposeHeaders: ['ETag', 'X-Dtype', 'X-Shape', 'Content-Disposition'],
        maxAge: 600,
      }),
    );
  }
  app.use('*', requestTimeout(context.settings.limits.requestMs));
  app.use('*', etag({ generateDigest: sha1 }));
  app.onError((error, c) => {
    if (c.req.path.startsWith('/h5grove')) {
      return c.body(
        JSON.stringify({ message: (reportedError(error) as Error).message }),
        statusOf(error, authorized(c)) as 504,
        {
          'Content-Type': 'application/json',
        },
      );
    }
    return problemResponse(c, problemOf(error, authorized(c)));
  });
  const api = app.route('/v1', v1).route('/h5grove', h5groveApp(deps));
  // Sub-apps' notFound handlers do not run once mounted: unknown API paths are answered here, before anything a
  // runtime adds (the Node server's web viewer at /*).
  api.all('/v1/*', (c) =>
    problemResponse(c, problem(404, `There is no route ${c.req.method} ${c.req.path}.`, 'no-route')),
  );
  api.all('/h5grove/*', (c) =>
    c.body(JSON.stringify({ message: `No h5grove endpoint at ${c.req.path}` }), 404, {
      'Content-Type': 'application/json',
    }),
  );
  return Object.assign(api as typeof api, {
    /** Close the files kept open (server shutdown, tests). */
    close: () => pool.close(),
  });
}

/** The API's type, for Hono's `hc` client: `hc<AppType>(baseUrl).v1.list.$get({ query: { id } })`. */
export type AppType = ReturnType<typeof createApp>;

function authorized(c: Context): boolean {
  try {
    return callerKey(c.req.header('authorization')) !== undefined;
  } catch {
    return true;
  }
}

function problemResponse(c: Context, body: Problem): Response {
  return c.body(JSON.stringify(body), body.status as 400, { 'Content-Type': PROBLEM_JSON });
}

function requestTimeout(ms: number) {
  return async (c: Context, next: () => Promise<void>) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RequestTimeoutError(`The request took longer than this server's limit of ${ms} ms.`, ms)),
        ms,
      );
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
