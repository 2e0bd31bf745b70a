// The API as a fetch handler for Cloudflare Workers / workerd: stateless handlers on the edge network, behind the
// CDN cache, so the API scales past one machine. Files are read in the request's own thread by core's edge reader
// (HTTP Range requests, h5wasm given its precompiled module: Workers refuse to compile wasm from bytes). The Worker
// project imports the module (`import wasm from '@ember-archive/core/h5wasm.wasm'`, a CompiledWasm module in
// wrangler) and passes it in; see worker/index.ts and wrangler.toml. Every route runs at the edge except the docs
// page, which needs Swagger UI's files (the Node server serves them; /v1/openapi.json is served here too).
import { loadConfig } from '@ember-archive/core';
import { openHdf5Url } from '@ember-archive/core/edge';
import { createApp } from './app.js';
import type { ApiSettings } from './settings.js';

export * from './app.js';

/** The Worker's environment: core's settings (EMBER_API_URL, EMBER_S3_ENDPOINT ...) and the API's, as text vars. */
export type EdgeEnv = Record<string, unknown>;

/** Options of {@link createEdgeHandler}. */
export interface EdgeHandlerOptions {
  /** h5wasm's wasm, precompiled (required in Workers). */
  wasm: WebAssembly.Module;
}

/** A module Worker's default export. */
export interface EdgeHandler {
  fetch(request: Request, env: EdgeEnv): Promise<Response>;
}

/**
 * The Worker: one app per isolate and environment (files opened by one request are reused by the next in the same
 * isolate), configured from the Worker's vars. API settings: EMBER_API_CORS_ORIGINS ("*" or comma-separated
 * origins), EMBER_API_EXTRA_HOSTS and EMBER_API_BUCKETS (comma-separated).
 */
export function createEdgeHandler(options: EdgeHandlerOptions): EdgeHandler {
  const apps = new WeakMap<object, ReturnType<typeof createApp>>();
  return {
    fetch(request, env) {
      let app = apps.get(env);
      if (!app) {
        const vars = textVars(env);
        app = createApp(loadConfig(vars), {
          openHdf5: (location, name) => openHdf5Url(location, { wasm: options.wasm, name }),
          settings: edgeSettings(vars),
        });
        apps.set(env, app);
      }
      return Promise.resolve(app.fetch(request));
    },
  };
}

function textVars(env: EdgeEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function edgeSettings(vars: Record<string, string | undefined>): Partial<ApiSettings> {
  const list = (name: string) =>
    vars[name]
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const cors = vars.EMBER_API_CORS_ORIGINS?.trim();
  return {
    ...(cors === undefined ? {} : { corsOrigins: cors === '*' ? '*' : (list('EMBER_API_CORS_ORIGINS') ?? []) }),
    ...(list('EMBER_API_EXTRA_HOSTS') ? { extraHosts: list('EMBER_API_EXTRA_HOSTS') ?? [] } : {}),
    ...(list('EMBER_API_BUCKETS') ? { buckets: list('EMBER_API_BUCKETS') ?? [] } : {}),
  };
}
