// An h5grove-compatible sub-app (silx-kit/h5grove 4: docs/_static/api.yaml, h5grove/content.py, encoders.py), so
// h5web's stock H5GroveProvider, and any other h5grove client, browses archive files with no custom code. `file` is
// an archive identifier (checked against the allow-list like every identifier). Answers are shaped as h5grove's;
// errors are {"message"} with 403/404/422 (413 for a /data read over the byte cap, naming it; 401 for embargoed
// data; 502/504 upstream). Routes answer with and without the trailing slash (h5grove: /meta/, h5web: /meta).
import { nestValues, InvalidInputError, NotFoundError, type InProcessFile, type Slice } from '@ember-archive/core';
import { Hono, type Context } from 'hono';
import type { ApiEnv } from '../app-env.js';
import { checkSelection, selectionFrom } from '../dataset-limit.js';
import { reportedError, statusOf } from '../problem.js';
import { accessTarget, callerKey, type RouteDeps } from '../request-access.js';
import { bytesOf, h5groveJson, npyFile, numericValues } from './encoding.js';
import { entityMetadata, missingPath, type LinkResolution } from './metadata.js';

/** A query-argument error, answered 422 as h5grove answers its QueryArgumentError. */
class QueryArgumentError extends InvalidInputError {}

const RESOLUTIONS: Record<string, LinkResolution> = {
  true: 'all',
  all: 'all',
  false: 'none',
  none: 'none',
  only_valid: 'only_valid',
};

/** The h5grove sub-app, mounted at /h5grove. */
export function h5groveApp(deps: RouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const route = (
    name: string,
    handler: (c: Context<ApiEnv>, file: InProcessFile, path: string) => Promise<Response>,
  ) => {
    const run = async (c: Context<ApiEnv>) => {
      const id = c.req.query('file');
      if (id === undefined || id === '') throw new QueryArgumentError('The file query parameter is required.');
      const access = accessTarget(c, deps, id);
      const path = c.req.query('path') ?? access.fragment ?? '/';
      return access.withFile(access.fileUri, (file) => handler(c, file, path));
    };
    app.get(`/${name}`, run);
    app.get(`/${name}/`, run);
  };

  route('meta', async (c, file, path) => {
    const text = (c.req.query('resolve_links') ?? 'only_valid').toLowerCase();
    const resolve = RESOLUTIONS[text];
    if (resolve === undefined) {
      throw new QueryArgumentError(
        `${text} is not a valid value for link resolution. Accepted values are: all, none or only_valid`,
      );
    }
    return json(c, await entityMetadata(file.hdf5, file.name, path, resolve, 1));
  });

  route('attr', async (c, file, path) => {
    await requireNode(file, path);
    const attrs = await file.attrs(path);
    const keys = c.req.queries('attr_keys');
    if (keys === undefined) return json(c, attrs);
    const picked: Record<string, unknown> = {};
    for (const key of keys) {
      if (!(key in attrs)) throw new NotFoundError(`${path} of ${file.name} has no attribute ${key}`, path);
      picked[key] = attrs[key];
    }
    return json(c, picked);
  });

  route('paths', async (c, file, path) => {
    const base = await requireNode(file, path);
    if (base !== 'group') throw new QueryArgumentError(`${path} is not a group`);
    const prefix = path === '/' ? '/' : `${path.replace(/\/+$/, '')}/`;
    const below = (await file.hdf5.walk()).map((n) => n.path).filter((p) => p.startsWith(prefix) && p !== prefix);
    // h5py's links.visit order: depth first, names in increasing order (segment by segment).
    below.sort(compareSegments);
    return json(c, [path, ...below]);
  });

  route('data', async (c, file, path) => {
    const format = c.req.query('format') ?? 'json';
    const dtype = c.req.query('dtype') ?? 'origin';
    const flatten = (c.req.query('flatten') ?? 'false').toLowerCase() !== 'false';
    if (!['json', 'bin', 'npy'].includes(format)) throw new QueryArgumentError(`Unsupported encoding ${format}`);
    if (dtype !== 'origin' && dtype !== 'safe') throw new QueryArgumentError(`Unsupported dtype ${dtype}`);
    const read = await readDataset(file, path, c.req.query('selection'), deps.context.settings.limits.h5groveDataBytes);
    const numeric = numericValues(read);
    if (dtype === 'safe' && numeric === undefined)
      throw new QueryArgumentError(`Unsupported dtype ${dtype} for non-numeric data`);
    if (format === 'json') {
      // Flat values are the read's own (compound records stay records); bools as booleans, as orjson writes them.
      const flat =
        read.dtype === 'bool' && numeric ? Array.from(numeric as ArrayLike<number>, (v) => v !== 0) : read.values;
      const scalarOrArray = flatten && read.shape.length > 0 ? flat : nestValues(read);
      return json(c, scalarOrArray);
    }
    if (numeric === undefined) throw new QueryArgumentError(`Unsupported encoding ${format} for ${read.dtype} data`);
    if (read.dtype === 'float16' && dtype === 'origin' && numeric.BYTES_PER_ELEMENT !== 2) {
      throw new QueryArgumentError('float16 data is served as float32: ask dtype=safe');
    }
    if (format === 'bin') return c.body(bytesOf(numeric), 200, { 'Content-Type': 'application/octet-stream' });
    return c.body(npyFile(numeric, read.shape, read.dtype === 'bool'), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': 'attachment; filename="data.npy"',
    });
  });

  route('stats', async (c, file, path) => {
    const read = await readDataset(file, path, c.req.query('selection'), deps.context.settings.limits.h5groveDataBytes);
    const numeric = numericValues(read);
    if (numeric === undefined || read.dtype === 'bool')
      throw new QueryArgumentError(`Statistics need numeric data, not ${read.dtype}`);
    return json(c, arrayStats(numeric, read.dtype.startsWith('float')));
  });

  app.onError((error, c) => {
    const status = statusOf(error, callerKey(c.req.header('authorization') ?? undefined) !== undefined);
    const message =
      status === 500 ? 'The server failed to answer this request.' : (reportedError(error) as Error).message;
    return c.body(JSON.stringify({ message }), (status === 400 ? 422 : status) as 422, {
      'Content-Type': 'application/json',
    });
  });
  return app;
}

function json(c: Context, value: unknown): Response {
  return c.body(h5groveJson(value), 200, { 'Content-Type': 'application/json' });
}

async function requireNode(file: InProcessFile, path: string): Promise<string> {
  if (path === '/') return 'group';
  const node = await file.hdf5.node(path);
  if (node === null) throw missingPath(path, file.name);
  return node.kind;
}

async function readDataset(file: InProcessFile, path: string, text: string | undefined, limit: number) {
  const kind = await requireNode(file, path);
  if (kind !== 'dataset') throw new QueryArgumentError(`${path} is not a dataset`);
  let selection: Slice[] | undefined;
  try {
    selection = selectionFrom(text);
  } catch (error) {
    throw new QueryArgumentError(error instanceof Error ? error.message : String(error));
  }
  await checkSelection(file, path, selection, limit, 'selection');
  return file.values(path, selection);
}

function compareSegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] ?? '') < (y[i] ?? '') ? -1 : 1;
  }
  return x.length - y.length;
}

/** h5grove's get_array_stats: over finite values; ints cast with int() (truncating the mean and std). */
export function arrayStats(values: ArrayLike<number | bigint>, float: boolean): Record<string, number | null> {
  const data: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (!float || Number.isFinite(v)) data.push(v);
  }
  const keys = ['strict_positive_min', 'positive_min', 'min', 'max', 'mean', 'std'];
  if (data.length === 0) return Object.fromEntries(keys.map((k) => [k, null]));
  const cast = float ? (n: number) => n : (n: number) => Math.trunc(n);
  let min = Infinity;
  let max = -Infinity;
  let positive = Infinity;
  let strict = Infinity;
  let sum = 0;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
    if (v >= 0 && v < positive) positive = v;
    if (v > 0 && v < strict) strict = v;
    sum += v;
  }
  const mean = sum / data.length;
  let squares = 0;
  for (const v of data) squares += (v - mean) ** 2;
  return {
    strict_positive_min: strict === Infinity ? null : cast(strict),
    positive_min: positive === Infinity ? null : cast(positive),
    min: cast(min),
    max: cast(max),
    mean: cast(mean),
    std: cast(Math.sqrt(squares / data.length)),
  };
}
