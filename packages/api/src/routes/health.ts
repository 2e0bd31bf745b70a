// GET /v1/health: the server answers, and which version it is (for load balancers and the web viewer's footer).
import { VERSION } from '@ember-archive/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../app-env.js';

const route = createRoute({
  method: 'get',
  path: '/health',
  summary: 'The server is up',
  responses: {
    200: {
      description: 'Up',
      content: {
        'application/json': { schema: z.object({ status: z.literal('ok'), version: z.string() }).openapi('Health') },
      },
    },
  },
});

/** The /v1/health sub-app. */
export function healthRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(route, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' as const, version: VERSION }, 200);
  });
}
