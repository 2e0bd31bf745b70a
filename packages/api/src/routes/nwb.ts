// GET /v1/nwb: the NWB summary of a file (session, subject, acquisition/processing/... sections, namespaces).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../app-env.js';
import { accessTarget, jsonBody, type RouteDeps } from '../request-access.js';
import { IdParam, NwbSummarySchema, PROBLEM_RESPONSES } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/nwb',
  summary: 'The NWB summary of a file',
  request: { query: z.object({ id: IdParam }) },
  responses: {
    200: { description: 'NWB summary', content: { 'application/json': { schema: NwbSummarySchema } } },
    ...PROBLEM_RESPONSES,
  },
});

/** The /v1/nwb sub-app. */
export function nwbRoutes(deps: RouteDeps) {
  return new OpenAPIHono<ApiEnv>().openapi(route, async (c) => {
    const access = accessTarget(c, deps, c.req.valid('query').id);
    return jsonBody(c, route, await access.withFile(access.fileUri, (file) => file.nwbSummary()));
  });
}
