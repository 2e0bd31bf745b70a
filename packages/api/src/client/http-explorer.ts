// The HTTP provider of core's explorer seam: the same Explorer contract, answered by this API over HTTP, so a front
// end (or a script) can switch between reading in process and asking a server without changing a line. Numbers come
// back in core's JSON encoding and are decoded ("NaN" -> NaN); values come as raw bytes for numeric dtypes, pose
// views as core's pose view bytes.
import {
  decodeJsonNumber,
  formatTarget,
  loadConfig,
  parentTarget,
  parseTarget,
  type DatasetSummary,
  type DatasetValues,
  type DatasetValuesJson,
  type Dtype,
  type Explorer,
  type ExplorerFile,
  type FileInfo,
  type FileStats,
  InvalidInputError,
  type Hdf5Node,
  type ListingPage,
  type NwbSummaryView,
  type PoseRequest,
  type PoseView,
  poseViewFromBinary,
  type Slice,
  type TreeNode,
  type AttrValue,
} from '@ember-archive/core';
import { errorFromProblem } from './problem-errors.js';

/** Options of {@link createHttpExplorer}. */
export interface HttpExplorerOptions {
  /** fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** A DANDI API key, sent as `Authorization: token <key>` (embargoed data). */
  apiKey?: string;
}

/** The explorer answered by the API at `baseUrl` (e.g. http://127.0.0.1:8080). */
export function createHttpExplorer(baseUrl: string, options: HttpExplorerOptions = {}): Explorer {
  const http = new ApiHttp(baseUrl.replace(/\/+$/, ''), options);
  // Identifiers are parsed here only to go one level up, which needs no archive endpoints (canonical URIs name
  // instances and buckets, not hosts).
  const config = loadConfig({});
  return {
    rootLabel: baseUrl,
    listPage: (uri, cursor) =>
      http.json<ListingPage>('/v1/list', { ...(uri ? { id: uri } : {}), ...(cursor ? { cursor } : {}) }),
    async open(uri) {
      const info = await fileInfo(http, uri);
      return new HttpFile(http, uri, info.name, info.size ?? 0);
    },
    info: (uri) => fileInfo(http, uri),
    parent(uri) {
      const target = parseTarget(uri, config);
      if (target.kind === 'root') return null;
      const parent = parentTarget(target);
      if (parent === undefined) return undefined;
      const formatted = formatTarget(parent, config);
      return formatted === '' ? undefined : formatted;
    },
  };
}

class ApiHttp {
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;
  constructor(base: string, options: HttpExplorerOptions) {
    this.#base = base;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#headers = options.apiKey ? { Authorization: `token ${options.apiKey}` } : {};
  }

  async get(path: string, query: Record<string, string>, counter?: FileStats): Promise<Response> {
    const url = `${this.#base}${path}?${new URLSearchParams(query)}`;
    const response = await this.#fetch(url, { headers: this.#headers });
    if (counter) counter.requests++;
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { detail?: unknown; code?: unknown };
      throw errorFromProblem(response.status, body, url);
    }
    return response;
  }

  async bytes(path: string, query: Record<string, string>, counter?: FileStats): Promise<[Uint8Array, string]> {
    const response = await this.get(path, query, counter);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (counter) counter.bytesFetched += bytes.length;
    return [bytes, response.url || `${this.#base}${path}`];
  }

  async json<T>(path: string, query: Record<string, string>, counter?: FileStats): Promise<T> {
    const response = await this.get(path, query, counter);
    const text = await response.text();
    if (counter) counter.bytesFetched += text.length;
    return JSON.parse(text) as T;
  }
}

/** What /v1/info answers (FileInfo without where the bytes are, which stays with the server, plus named links). */
interface InfoAnswer extends Omit<FileInfo, 'location' | 'links'> {
  kind: 'file' | 'folder';
  links: { download?: string };
  webLinks: FileInfo['links'];
}

/** A file's details; InvalidInputError for a folder, as the in-process provider gives. */
async function fileInfo(http: ApiHttp, uri: string): Promise<FileInfo> {
  const { kind, links, webLinks, ...info } = await http.json<InfoAnswer>('/v1/info', { id: uri });
  if (kind !== 'file') throw new InvalidInputError(`"${uri}" is a folder, not a file.`, uri);
  // The server reads the bytes; what a client may GET itself is the download URL (the API's, for DANDI assets).
  return { ...info, location: { kind: 'remote', url: links.download ?? '' }, links: webLinks };
}

const TYPED: Partial<Record<Dtype, new (buffer: ArrayBuffer) => Exclude<DatasetValues['values'], unknown[]>>> = {
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  float32: Float32Array,
  float64: Float64Array,
};

class HttpFile implements ExplorerFile {
  readonly #http: ApiHttp;
  readonly #stats: FileStats;
  constructor(
    http: ApiHttp,
    readonly uri: string,
    readonly name: string,
    size: number,
  ) {
    this.#http = http;
    this.#stats = { requests: 1, bytesFetched: 0, fileSize: size, cacheHits: 0 };
  }

  #json<T>(path: string, query: Record<string, string>): Promise<T> {
    return this.#http.json<T>(path, { id: this.uri, ...query }, this.#stats);
  }

  async list(path: string): Promise<Hdf5Node[]> {
    return (await this.#json<{ nodes: Hdf5Node[] }>('/v1/tree', { path })).nodes;
  }

  async attrs(path: string): Promise<Record<string, AttrValue>> {
    return (await this.#json<{ attrs: Record<string, AttrValue> }>('/v1/attrs', { path })).attrs;
  }

  describe(path: string): Promise<DatasetSummary> {
    return this.#json<DatasetSummary>('/v1/dataset', { path });
  }

  async values(path: string, selection?: Slice[]): Promise<DatasetValues> {
    const query = { id: this.uri, path, ...selectionQuery(selection) };
    const summary = await this.describe(path);
    const Typed = TYPED[summary.dtype as Dtype];
    if (Typed) {
      const response = await this.#http.get('/v1/values', { ...query, format: 'bin' }, this.#stats);
      const bytes = await response.arrayBuffer();
      this.#stats.bytesFetched += bytes.byteLength;
      const shape = (response.headers.get('x-shape') ?? '').split(',').filter(Boolean).map(Number);
      return { dtype: summary.dtype as Dtype, shape, values: new Typed(bytes) };
    }
    const json = await this.valuesJson(path, selection);
    const flat = json.shape.length === 0 ? [json.values] : (json.values as unknown[]).flat(Infinity);
    return { dtype: json.dtype as Dtype, shape: json.shape, values: flat as AttrValue[] };
  }

  async valuesJson(path: string, selection?: Slice[]): Promise<DatasetValuesJson> {
    const json = await this.#json<DatasetValuesJson>('/v1/values', { path, ...selectionQuery(selection) });
    return json.dtype.startsWith('float')
      ? { ...json, values: decodeNested(json.values) as DatasetValuesJson['values'] }
      : json;
  }

  async tree(path = '/', options: { attrs?: boolean; storage?: boolean } = {}): Promise<TreeNode[]> {
    const query: Record<string, string> = { path, recursive: 'true' };
    if (options.attrs !== undefined) query.attrs = String(options.attrs);
    if (options.storage !== undefined) query.storage = String(options.storage);
    return (await this.#json<{ nodes: TreeNode[] }>('/v1/tree', query)).nodes;
  }

  nwbSummary(): Promise<NwbSummaryView> {
    return this.#json<NwbSummaryView>('/v1/nwb', {});
  }

  async pose(request: PoseRequest = {}): Promise<PoseView> {
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(request)) {
      if (value !== undefined) query[key] = Array.isArray(value) ? value.join(',') : String(value);
    }
    const [bytes, url] = await this.#http.bytes('/v1/pose', { id: this.uri, ...query, format: 'bin' }, this.#stats);
    return poseViewFromBinary(bytes, url);
  }

  stats(): FileStats {
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    // Nothing is held open on this side; the server pools or closes the file itself.
  }
}

function selectionQuery(selection: Slice[] | undefined): Record<string, string> {
  if (selection === undefined || selection.length === 0) return {};
  const text = selection
    .map((s) =>
      s === null
        ? ':'
        : typeof s === 'number'
          ? String(s)
          : s.length === 3
            ? `${s[0]}:${s[1]}:${s[2]}`
            : `${s[0]}:${s[1]}`,
    )
    .join(',');
  return { selection: text };
}

function decodeNested(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeNested);
  if (typeof value === 'string' || typeof value === 'number' || value === null) return decodeJsonNumber(value);
  return value;
}
