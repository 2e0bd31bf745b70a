// A stand-in for `ember-archive serve` while the CLI has no `serve` command: the same API app (createApp from
// @ember-archive/api) with the viewer's dist/ at "/", on a free loopback port. Also handy for `vite` development:
// EMBER_API_ORIGIN points the dev server's proxy at it.
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from '@ember-archive/api';
import { loadConfig } from '@ember-archive/core';
import { openHdf5 } from '@ember-archive/core/node';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** Serves the API for `env` (EMBER_API_URL, EMBER_S3_ENDPOINT) and dist/ on 127.0.0.1; resolves to its URL. */
export async function startStandinServer(env: NodeJS.ProcessEnv): Promise<{ url: string; close(): Promise<void> }> {
  const api = createApp(loadConfig(env), { openHdf5: (location) => openHdf5(location) });
  // serveStatic's root is relative to the working directory.
  api.use('/*', serveStatic({ root: relative(process.cwd(), DIST) || '.' }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: api.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    },
  };
}
