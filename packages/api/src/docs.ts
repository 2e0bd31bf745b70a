// The API's own documentation page: Swagger UI with its assets served by this server (swagger-ui-dist), never a
// CDN, so the page works offline and behind firewalls. Asset reading is injected: the Node server reads the files
// from the installed package; runtimes without files (the edge) pass none, and /v1/docs then says where to look.
import { Hono } from 'hono';
import type { ApiEnv } from './app-env.js';

/** Reads a file of swagger-ui-dist by name (e.g. "swagger-ui-bundle.js"); undefined when it has none. */
export type DocsAssets = (name: string) => Promise<Uint8Array | undefined>;

/** The files of swagger-ui-dist the page uses. */
export const DOCS_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

// Relative URLs: the page is /v1/docs, so "docs/x" is /v1/docs/x and "openapi.json" is /v1/openapi.json, behind any
// path prefix a proxy adds.
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ember-archive API</title><link rel="stylesheet" href="docs/swagger-ui.css"></head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`;
const INIT = `window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** GET /docs and its assets, mounted under /v1. */
export function docsRoutes(assets: DocsAssets | undefined): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/docs', (c) => {
    if (!assets) return c.text('This deployment serves no docs page; read /v1/openapi.json.', 404);
    return c.html(PAGE);
  });
  app.get('/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/:file', async (c) => {
    const name = c.req.param('file');
    const type = DOCS_FILES[name];
    const bytes = type && assets ? await assets(name) : undefined;
    if (!type || !bytes) return c.text('Not found', 404);
    return c.body(bytes.slice().buffer, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
  return app;
}
