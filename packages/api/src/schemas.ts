// The shapes of the /v1 answers, in zod: one definition gives the validation of parameters, the OpenAPI document
// and the types of Hono's `hc` client the web viewer uses. Numbers that may be missing or infinite are written by
// core's JSON encoding as "NaN", "Infinity" or "-Infinity" (decode them with core's decodeJsonNumber).
import { z } from '@hono/zod-openapi';

/** A number as core's JSON encoding writes it. */
export const JsonNumber = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).openapi('JsonNumber');

/** Any JSON value (attribute values, dataset values, asset metadata). */
export const AnyJson = z.unknown().openapi('AnyJson', { description: "Any JSON value, numbers in core's encoding." });

/** The `id` parameter: every identifier form the CLI accepts. */
export const IdParam = z
  .string()
  .min(1)
  .max(2048)
  .openapi({
    param: { name: 'id', in: 'query' },
    description: 'An archive identifier: s3://, bucket URL, dandi://, EMBER-DANDI:000001/draft/path, API or web URL.',
    example: 'dandi://ember-dandi/000001@draft/sub-1/sub-1_ses-1_behavior.nwb',
  });

/** An object path in an HDF5 file. */
export const PathParam = z
  .string()
  .max(4096)
  .regex(/^\//, 'An object path starts with "/".')
  .optional()
  .openapi({ param: { name: 'path', in: 'query' }, example: '/acquisition' });

/** A problem document (RFC 9457). */
export const ProblemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.string() })
  .openapi('Problem');

/** One row of a listing. */
export const ListingEntrySchema = z
  .object({
    name: z.string(),
    kind: z.enum(['folder', 'file']),
    size: z.number().optional(),
    fileCount: z.number().optional(),
    uri: z.string(),
    modified: z.string().optional(),
    title: z.string().optional(),
    /** Dandisets: published, draft, embargoed or unembargoing. */
    status: z.enum(['published', 'draft', 'embargoed', 'unembargoing']).optional(),
  })
  .openapi('ListingEntry');

/** One page of a listing. */
export const ListingPageSchema = z
  .object({ entries: z.array(ListingEntrySchema), next: z.string().optional() })
  .openapi('ListingPage');

/** Links to other tools for an object. */
export const LinksSchema = z
  .object({ dandiWeb: z.string().optional(), neurosift: z.string().optional(), download: z.string().optional() })
  .openapi('Links');

/** What /v1/info says of an object. */
export const InfoSchema = z
  .object({
    uri: z.string(),
    name: z.string(),
    kind: z.enum(['folder', 'file']),
    size: z.number().optional(),
    etag: z.string().optional(),
    contentType: z.string().optional(),
    digests: z.record(z.string(), z.string()).optional(),
    object: z.object({ bucket: z.string(), key: z.string() }).optional(),
    asset: z
      .object({
        instance: z.string(),
        assetId: z.string(),
        dandisetId: z.string().optional(),
        version: z.string().optional(),
        path: z.string(),
        encodingFormat: z.string().optional(),
        embargoed: z.boolean(),
        metadata: AnyJson,
      })
      .optional(),
    links: LinksSchema,
    /** Core's labelled links, in order ("DANDI web", "Neurosift"). */
    webLinks: z.array(z.object({ label: z.string(), url: z.string() })),
  })
  .openapi('ObjectInfo');

/** One object of an HDF5 file. */
export const Hdf5NodeSchema = z
  .object({
    path: z.string(),
    kind: z.enum(['group', 'dataset', 'datatype', 'soft-link', 'external-link', 'broken-link', 'unreadable']),
    target: z.string().optional(),
    /** Why the object cannot be read (kind `unreadable`, a link that loops): h5py fails on it, the rest reads. */
    error: z.string().optional(),
    shape: z.array(z.number()).nullable().optional(),
    dtype: z.string().optional(),
  })
  .openapi('Hdf5Node');

/** A node of a recursive tree: an Hdf5Node with, on request, attributes and storage facts. */
export const TreeNodeSchema = Hdf5NodeSchema.extend({
  attrs: z.record(z.string(), AnyJson).optional(),
  storageSize: z.number().optional(),
  fillValue: AnyJson.optional(),
}).openapi('TreeNode');

/** A dataset as a person looks at it. */
export const DatasetSummarySchema = z
  .object({
    path: z.string(),
    shape: z.array(z.number()).nullable(),
    dtype: z.string(),
    chunks: z.array(z.number()).nullable(),
    filters: z.array(z.string()),
    storageSize: z.number().optional(),
    fillValue: z.string().optional(),
    attrs: z.record(z.string(), AnyJson),
    firstValues: z.array(z.string()),
    elementCount: z.number(),
  })
  .openapi('DatasetSummary');

/** Values of a selection. */
export const ValuesSchema = z
  .object({
    path: z.string(),
    shape: z.array(z.number()),
    dtype: z.string(),
    values: AnyJson,
    fillValue: AnyJson.optional(),
    storageSize: z.number().optional(),
  })
  .openapi('DatasetValues');

const FieldSchema = z.object({ label: z.string(), title: z.string().optional(), value: z.string() });
const SummaryChildSchema = z.object({ name: z.string(), path: z.string(), neurodataType: z.string().optional() });
// One level of children: processing modules list their interfaces, which list nothing.
const SummaryObjectSchema = SummaryChildSchema.extend({ children: z.array(SummaryChildSchema).optional() });

/** The NWB summary. */
export const NwbSummarySchema = z
  .object({
    fields: z.array(FieldSchema),
    subject: z.array(FieldSchema),
    sections: z.array(z.object({ name: z.string(), objects: z.array(SummaryObjectSchema) })),
    namespaces: z.array(FieldSchema),
  })
  .openapi('NwbSummary');

/** Per-keypoint metrics. */
export const KeypointSummarySchema = z
  .object({
    keypoint: z.string(),
    missing: JsonNumber,
    lowConfidence: JsonNumber,
    distance: JsonNumber,
    meanSpeed: JsonNumber,
  })
  .openapi('KeypointSummary');

/** One decimated series. */
export const PoseSeriesSchema = z
  .object({
    individual: z.string(),
    keypoint: z.string(),
    frame: z.array(z.number()),
    time: z.array(JsonNumber.nullable()),
    x: z.array(JsonNumber.nullable()).openapi({ description: 'null where the point is missing' }),
    y: z.array(JsonNumber.nullable()),
    confidence: z.array(JsonNumber.nullable()),
  })
  .openapi('PoseSeries');

/** The pose view of a window. */
export const PoseViewSchema = z
  .object({
    source: z.string(),
    formatVersion: z.string().optional(),
    container: z.string().optional(),
    containers: z.array(z.string()),
    individuals: z.array(z.string()),
    keypoints: z.array(z.string()),
    edges: z.array(z.tuple([z.number(), z.number()])),
    frameCount: z.number(),
    start: z.number(),
    end: z.number(),
    fps: JsonNumber.optional(),
    duration: JsonNumber,
    unit: z.string(),
    threshold: JsonNumber,
    metrics: z.array(z.array(KeypointSummarySchema)),
    series: z.array(PoseSeriesSchema),
  })
  .openapi('PoseView');

/** Metrics of a window, without the series. */
export const PoseMetricsSchema = z
  .object({
    individuals: z.array(z.string()),
    keypoints: z.array(z.string()),
    start: z.number(),
    end: z.number(),
    unit: z.string(),
    metrics: z.array(z.array(KeypointSummarySchema)),
  })
  .openapi('PoseMetrics');

/** Problem responses every identifier route may give. */
export const PROBLEM_RESPONSES = Object.fromEntries(
  [
    [400, 'Bad input (identifier, path, selection, parameter).'],
    [401, 'The data is embargoed: send Authorization: token <DANDI API key>.'],
    [403, 'Not allowed: the key was refused, or the identifier is outside what this server reads.'],
    [404, 'No such dandiset, version, asset, object or path.'],
    [413, "The request asks for more than the server's limits (bytes, points, frames)."],
    [422, 'The file is not HDF5, is damaged, or uses a feature this version cannot read.'],
    [502, 'The archive answered badly or could not be reached.'],
    [504, 'The archive or the request took too long.'],
  ].map(([status, description]) => [
    status,
    { description: description as string, content: { 'application/problem+json': { schema: ProblemSchema } } },
  ]),
) as Record<
  400 | 401 | 403 | 404 | 413 | 422 | 502 | 504,
  { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
>;
