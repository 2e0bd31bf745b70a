// POST /api/blobs/digest/ (dandiapi/api/views/upload.py `blob_view`): find a blob by its dandi-etag or sha2-256,
// as dandi-cli does before an upload. Answers `{blob_id, etag, sha256, size}`, 404 when no blob has that digest,
// and a 400 bare string for another algorithm.
import { Hono } from 'hono';
import type { DandiEnv, DandiState } from '../context.js';
import { bareError, invalidParam, notFound } from '../errors.js';

const ALGORITHMS = { 'dandi:dandi-etag': 'dandi:dandi-etag', 'dandi:sha2-256': 'dandi:sha2-256' } as const;

/** The `/blobs/` sub-app. */
export function blobRoutes(state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();
  app.post('/blobs/digest/', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { algorithm?: unknown; value?: unknown };
    if (typeof body.algorithm !== 'string') throw invalidParam('algorithm', 'This field is required.');
    if (typeof body.value !== 'string') throw invalidParam('value', 'This field is required.');
    const algorithm = ALGORITHMS[body.algorithm as keyof typeof ALGORITHMS];
    if (algorithm === undefined) throw bareError(400, 'Unsupported Digest Algorithm');
    const value = body.value;
    const blobs = state.index
      .allAssets()
      .flatMap((a) => (a.blobId !== null && 'dandi:dandi-etag' in a.digest ? [{ asset: a, digest: a.digest }] : []));
    const found = blobs.find((b) => b.digest[algorithm] === value);
    if (!found) throw notFound();
    const { asset, digest } = found;
    return c.json({
      blob_id: asset.blobId,
      etag: digest['dandi:dandi-etag'],
      sha256: digest['dandi:sha2-256'],
      size: asset.size,
    });
  });
  return app;
}
