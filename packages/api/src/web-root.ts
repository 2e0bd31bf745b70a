// The built web viewer served at / by the Node server (packages/web/dist by default): files by path, and index.html
// for any other GET that is not an API route, so the viewer's own routes (deep links) load. Paths cannot leave the
// folder: they are resolved and checked to stay under it.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** A Hono handler serving the folder `root` (a single-page app: unknown paths get index.html). */
export function webRootHandler(root: string) {
  const base = resolve(root);
  return async (c: Context): Promise<Response> => {
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path);
    } catch {
      return c.text('Bad path', 400);
    }
    const wanted = resolve(base, `.${relative}`);
    const inside = wanted === base || wanted.startsWith(base + sep);
    const file = inside && (await isFile(wanted)) ? wanted : join(base, 'index.html');
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) return c.text('Not found', 404);
    // Hashed assets never change; index.html must be revalidated so a new build is picked up.
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': relative.startsWith('/assets/') ? cache : 'no-cache',
    });
  };
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
