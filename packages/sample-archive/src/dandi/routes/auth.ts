// GET /api/auth/token/ (dandiapi/api/views/auth.py `auth_token_view`): the caller's API key as a bare JSON string;
// anonymous callers get DRF's 401. dandi-cli's `authenticate` sends it (without the slash) to check a key.
import { Hono } from 'hono';
import type { DandiEnv, DandiState } from '../context.js';
import { notAuthenticated } from '../errors.js';

/** The `/auth/` sub-app. */
export function authRoutes(_state: DandiState): Hono<DandiEnv> {
  const app = new Hono<DandiEnv>();
  app.get('/auth/token/', (c) => {
    const user = c.get('user');
    if (user === null) throw notAuthenticated();
    return c.json(user.key);
  });
  return app;
}
