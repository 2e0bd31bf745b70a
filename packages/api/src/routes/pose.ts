// The pose routes: the view of a frame window (decimated series that keep each bucket's extremes, metrics), as JSON
// or as core's pose view bytes, the metrics alone, and the window as CSV (core's poseCsvChunks, streamed). Windows
// and points are capped by the server's limits before anything is read.
import {
  POSE_VIEW_BINARY_TYPE,
  poseCsvChunks,
  poseViewToBinary,
  poseViewToJson,
  poseViewWindow,
  type PoseRequest,
} from '@ember-archive/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../app-env.js';
import { LimitExceededError } from '../errors.js';
import { accessTarget, jsonBody, taggedBody, type RouteDeps } from '../request-access.js';
import { IdParam, PoseMetricsSchema, PoseViewSchema, PROBLEM_RESPONSES } from '../schemas.js';
import type { ApiLimits } from '../settings.js';

const names = z.string().max(4096).optional().openapi({ description: 'Comma-separated names; default all.' });
const frame = z.coerce.number().int().min(0);

const PoseQuery = z.object({
  id: IdParam,
  container: z.string().max(1024).optional().openapi({ description: 'ndx-pose PoseEstimation container (camera).' }),
  individuals: names,
  keypoints: names,
  start: frame.optional().openapi({ description: 'First frame of the window (default 0).' }),
  end: frame.optional().openapi({ description: 'Frame after the window (default: up to the frame limit).' }),
  points: z.coerce
    .number()
    .int()
    .min(2)
    .optional()
    .openapi({ description: 'Points per series at most (min/max decimation).' }),
  threshold: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .openapi({ description: 'Confidence below which a point is low.' }),
});

const poseRoute = createRoute({
  method: 'get',
  path: '/pose',
  summary: 'Pose of a frame window: individuals, keypoints, skeleton, metrics and decimated series',
  description:
    `format=bin answers ${POSE_VIEW_BINARY_TYPE}: "EPV1", the header's byte length (uint32 little-endian), the ` +
    'header (this JSON with each series as { individual, keypoint, length }), spaces up to a multiple of 8 bytes, ' +
    'then per series its frame, time, x, y and confidence samples as float64 little-endian (missing: NaN). The same ' +
    'numbers, exactly, in a fifth of the time to write and read; core reads it with poseViewFromBinary.',
  request: {
    query: PoseQuery.extend({
      format: z.enum(['json', 'bin']).default('json').openapi({ description: 'JSON, or the pose view bytes.' }),
    }),
  },
  responses: {
    200: {
      description: 'Pose view',
      content: {
        'application/json': { schema: PoseViewSchema },
        [POSE_VIEW_BINARY_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...PROBLEM_RESPONSES,
  },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/pose/metrics',
  summary: 'Per-keypoint metrics of a frame window (missing, low confidence, distance, mean speed)',
  request: { query: PoseQuery.omit({ points: true }) },
  responses: {
    200: { description: 'Metrics', content: { 'application/json': { schema: PoseMetricsSchema } } },
    ...PROBLEM_RESPONSES,
  },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/pose.csv',
  summary: 'A frame window as CSV: frame, time, individual, keypoint, x, y[, z], confidence',
  request: { query: PoseQuery.omit({ points: true, threshold: true }) },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...PROBLEM_RESPONSES,
  },
});

type PoseQueryValues = Partial<z.infer<typeof PoseQuery>>;

/** The explorer's PoseRequest for a query, after the server's limits. */
export function poseRequest(query: PoseQueryValues, limits: ApiLimits): PoseRequest {
  const split = (text: string | undefined) =>
    text === undefined || text.trim() === ''
      ? undefined
      : text
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
  if (query.points !== undefined && query.points > limits.points) {
    throw new LimitExceededError(
      `points is at most ${limits.points} per series, not ${query.points}.`,
      'points',
      limits.points,
    );
  }
  if (query.start !== undefined && query.end !== undefined && query.end - query.start > limits.frames) {
    throw new LimitExceededError(
      `A window is at most ${limits.frames} frames, not ${query.end - query.start}; ask for a shorter one.`,
      'end',
      limits.frames,
    );
  }
  const individuals = split(query.individuals);
  const keypoints = split(query.keypoints);
  return {
    ...(query.container === undefined ? {} : { container: query.container }),
    ...(individuals === undefined ? {} : { individuals }),
    ...(keypoints === undefined ? {} : { keypoints }),
    ...(query.start === undefined ? {} : { start: query.start }),
    ...(query.end === undefined ? {} : { end: query.end }),
    ...(query.points === undefined ? {} : { points: query.points }),
    ...(query.threshold === undefined ? {} : { threshold: query.threshold }),
  };
}

/** The /v1 pose sub-app. */
export function poseRoutes(deps: RouteDeps) {
  const limits = deps.context.settings.limits;
  return new OpenAPIHono<ApiEnv>()
    .openapi(poseRoute, async (c) => {
      const query = c.req.valid('query');
      const request = poseRequest(query, limits);
      const access = accessTarget(c, deps, query.id);
      const view = await access.withFile(access.fileUri, (file) => file.pose(request));
      if (query.format === 'bin') return taggedBody(c, poseRoute, poseViewToBinary(view), POSE_VIEW_BINARY_TYPE);
      // Core's JSON of a pose view: missing samples as null, as pose JSON everywhere.
      return jsonBody(c, poseRoute, poseViewToJson(view));
    })
    .openapi(metricsRoute, async (c) => {
      const query = c.req.valid('query');
      // Few points per series: the metrics are computed over every frame of the window before decimation, and the
      // series are dropped (min/max decimation keeps 2 extremes of 2 channels plus the first and last).
      const request = { ...poseRequest(query, limits), points: 8 };
      const access = accessTarget(c, deps, query.id);
      const view = await access.withFile(access.fileUri, (file) => file.pose(request));
      const { individuals, keypoints, start, end, unit, metrics } = view;
      return jsonBody(c, metricsRoute, { individuals, keypoints, start, end, unit, metrics });
    })
    .openapi(csvRoute, async (c) => {
      const query = c.req.valid('query');
      const request = poseRequest(query, limits);
      const access = accessTarget(c, deps, query.id);
      const pose = await access.withFile(access.fileUri, async (file) => {
        const options = {
          ...(request.container === undefined ? {} : { container: request.container }),
          ...(request.individuals === undefined ? {} : { individuals: request.individuals }),
          ...(request.keypoints === undefined ? {} : { keypoints: request.keypoints }),
        };
        const frameCount =
          request.end === undefined ? (await file.readPose({ ...options, start: 0, end: 0 })).frameCount : Infinity;
        return file.readPose({ ...options, ...poseViewWindow(request, frameCount, limits.frames) });
      });
      const chunks = poseCsvChunks(pose);
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
      });
      const name = `${access.fileUri.split('/').pop() ?? 'pose'}.${pose.start}-${pose.end}.csv`.replace(
        /[^\w.-]/g,
        '_',
      );
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    });
}
