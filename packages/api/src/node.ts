// The API on Node: core's Node HDF5 engine (worker threads) reads the files, Swagger UI's files come from the
// installed swagger-ui-dist, and a built web viewer, when there is one, is served at / by the same process.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Config } from '@ember-archive/core';
import { openHdf5, prewarmHdf5Worker } from '@ember-archive/core/node';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type AppOptions } from './app.js';
import type { DocsAssets } from './docs.js';
import { webRootHandler } from './web-root.js';

export * from './app.js';

/** Options of {@link startServer}. */
export interface ServerOptions extends Omit<AppOptions, 'openHdf5' | 'docsAssets'> {
  /** Port (0: a free one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1: loopback until told otherwise). */
  host?: string;
  /** A built web viewer to serve at / (skipped when the folder has no index.html). */
  webRoot?: string;
}

/** A listening API server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  /** True when a web viewer is served at /. */
  serving: { web: boolean };
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Swagger UI's files from the installed swagger-ui-dist package. */
export const nodeDocsAssets: DocsAssets = async (name) => {
  const dir = dirname(require.resolve('swagger-ui-dist/package.json'));
  return readFile(join(dir, name)).then(
    (bytes) => new Uint8Array(bytes),
    () => undefined,
  );
};

/** The app as Node serves it (core's Node engine, Swagger UI's files from disk). */
export function createNodeApp(config: Config, options: Omit<AppOptions, 'openHdf5' | 'docsAssets'> = {}) {
  return createApp(config, {
    ...options,
    openHdf5: (location, name) => openHdf5(location, { name }),
    docsAssets: nodeDocsAssets,
  });
}

/** Serve the API (and the web viewer, if built) on `host:port`. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const { port = 0, host = '127.0.0.1', webRoot, ...appOptions } = options;
  const app = createNodeApp(config, appOptions);
  const web = webRoot !== undefined && existsSync(join(webRoot, 'index.html'));
  if (web) app.get('*', webRootHandler(webRoot));
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  // The first file a request opens would otherwise wait for an HDF5 worker's thread and wasm to start (the first
  // pose answer took ~270 ms instead of ~125 ms on the sample archive); unused, the worker ends like any idle one.
  prewarmHdf5Worker();
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    serving: { web },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
