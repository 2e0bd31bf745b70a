// The HDF5 routes: one group level of the tree, attributes, a dataset's summary and its values by selection. The
// path comes from `path`, else from the identifier's `#/path`, else the root.
import { InvalidInputError, type DatasetValues, type Hdf5Node, type TreeNode } from '@ember-archive/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../app-env.js';
import { checkSelection, selectionFrom } from '../dataset-limit.js';
import { accessTarget, jsonBody, type RouteDeps, type TargetAccess } from '../request-access.js';
import {
  AnyJson,
  DatasetSummarySchema,
  TreeNodeSchema,
  IdParam,
  PathParam,
  PROBLEM_RESPONSES,
  ValuesSchema,
} from '../schemas.js';

const FileQuery = z.object({ id: IdParam, path: PathParam });

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

const treeRoute = createRoute({
  method: 'get',
  path: '/tree',
  summary: 'The children of one group (one level), links reported as links; or the whole subtree with recursive',
  description:
    'recursive=true gives the object at `path` and everything below it, each with its attributes (attrs=false: ' +
    'without) and, with storage=true, bytes on disk and fill value of every dataset.',
  request: { query: FileQuery.extend({ recursive: flag, attrs: flag, storage: flag }) },
  responses: {
    200: {
      description: 'Nodes',
      content: { 'application/json': { schema: z.object({ nodes: z.array(TreeNodeSchema) }) } },
    },
    ...PROBLEM_RESPONSES,
  },
});

const attrsRoute = createRoute({
  method: 'get',
  path: '/attrs',
  summary: 'Attributes of an object',
  request: { query: FileQuery },
  responses: {
    200: {
      description: 'Attributes by name',
      content: { 'application/json': { schema: z.object({ attrs: z.record(z.string(), AnyJson) }) } },
    },
    ...PROBLEM_RESPONSES,
  },
});

const datasetRoute = createRoute({
  method: 'get',
  path: '/dataset',
  summary: 'A dataset as a person looks at it: shape, dtype, storage, attributes, first values',
  request: { query: FileQuery },
  responses: {
    200: { description: 'Dataset summary', content: { 'application/json': { schema: DatasetSummarySchema } } },
    ...PROBLEM_RESPONSES,
  },
});

const valuesRoute = createRoute({
  method: 'get',
  path: '/values',
  summary: 'Values of a dataset by selection, as JSON or raw little-endian bytes',
  description:
    'format=bin answers the C-order bytes of numeric dtypes, with X-Dtype and X-Shape headers. Reads larger than the ' +
    "server's selection limit are refused with 413.",
  request: {
    query: FileQuery.extend({
      selection: z
        .string()
        .max(1024)
        .optional()
        .openapi({ description: 'numpy-style, e.g. 0:10,:', example: '0:10,:' }),
      format: z.enum(['json', 'bin']).default('json'),
    }),
  },
  responses: {
    200: {
      description: 'Values',
      content: {
        'application/json': { schema: ValuesSchema },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...PROBLEM_RESPONSES,
  },
});

function objectPath(access: TargetAccess, path: string | undefined): string {
  return path ?? access.fragment ?? '/';
}

/** The /v1 HDF5 sub-app. */
export function hdf5Routes(deps: RouteDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(treeRoute, async (c) => {
      const { id, path, recursive, attrs, storage } = c.req.valid('query');
      const access = accessTarget(c, deps, id);
      const where = objectPath(access, path);
      const nodes = await access.withFile<(Hdf5Node | TreeNode)[]>(access.fileUri, (file) =>
        recursive === true
          ? file.tree(where, {
              ...(attrs === undefined ? {} : { attrs }),
              ...(storage === undefined ? {} : { storage }),
            })
          : file.list(where),
      );
      return jsonBody(c, treeRoute, { nodes });
    })
    .openapi(attrsRoute, async (c) => {
      const { id, path } = c.req.valid('query');
      const access = accessTarget(c, deps, id);
      const attrs = await access.withFile(access.fileUri, (file) => file.attrs(objectPath(access, path)));
      return jsonBody(c, attrsRoute, { attrs });
    })
    .openapi(datasetRoute, async (c) => {
      const { id, path } = c.req.valid('query');
      const access = accessTarget(c, deps, id);
      const summary = await access.withFile(access.fileUri, (file) => file.describe(objectPath(access, path)));
      return jsonBody(c, datasetRoute, summary);
    })
    .openapi(valuesRoute, async (c) => {
      const { id, path, selection: text, format } = c.req.valid('query');
      const access = accessTarget(c, deps, id);
      const where = objectPath(access, path);
      const limit = deps.context.settings.limits.selectionBytes;
      return access.withFile(access.fileUri, async (file) => {
        const { selection } = await checkSelection(file, where, selectionFrom(text), limit, 'selection');
        if (format === 'json') return jsonBody(c, valuesRoute, await file.valuesJson(where, selection));
        const read = await file.values(where, selection);
        const bytes = rawBytes(read, where);
        return c.body(bytes, 200, {
          'Content-Type': 'application/octet-stream',
          'X-Dtype': read.dtype,
          'X-Shape': read.shape.join(','),
        });
      });
    });
}

/** The bytes of numeric values (typed arrays are little-endian on every platform this runs on). */
function rawBytes(read: DatasetValues, path: string): ArrayBuffer {
  const values = read.values;
  if (!ArrayBuffer.isView(values)) {
    throw new InvalidInputError(
      `${path} holds ${read.dtype} values, which have no raw bytes form; ask format=json.`,
      path,
    );
  }
  // A copy: the values may sit on a SharedArrayBuffer or be a view into a larger buffer.
  const copy = new Uint8Array(values.byteLength);
  copy.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return copy.buffer;
}
