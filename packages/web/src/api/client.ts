// The viewer's one door to the HTTP API (packages/api). Every identifier travels in the `id` query parameter;
// responses are checked for the fields the views rely on and numeric fields are decoded (see decode.ts).
// Tests pass a fake `fetch`; the app uses the browser's, against the page's own origin.
import { decodeNumber, decodePoseView } from './decode.js';
import { ApiHttpError, ApiResponseError, ApiUnreachableError } from './errors.js';
import type { ListingEntry, ListingPage, NwbSummaryView, PoseRequest, PoseView } from './types.js';

/** The DANDI asset behind a file, as /v1/info describes it (packages/api src/schemas.ts InfoSchema). */
export interface AssetInfo {
  instance: string;
  assetId: string;
  dandisetId?: string;
  version?: string;
  path: string;
  encodingFormat?: string;
  embargoed: boolean;
  /** The asset's dandischema metadata, whole. */
  metadata: unknown;
}

/** What /v1/info says about one file or folder. */
export interface FileInfo {
  uri: string;
  name: string;
  kind: 'file' | 'folder';
  size?: number;
  etag?: string;
  contentType?: string;
  /** Digests by algorithm, e.g. `dandi:sha2-256`. */
  digests?: Record<string, string>;
  /** Bucket and key, for bucket objects. */
  object?: { bucket: string; key: string };
  asset?: AssetInfo;
  links: { dandiWeb?: string; neurosift?: string; download?: string };
}

/** The calls the views make; one implementation over fetch, fakes in tests. */
export interface ViewerApi {
  /** One page of a listing; no id: EMBER projects beside dandisets. */
  list(id: string | undefined, cursor?: string, signal?: AbortSignal): Promise<ListingPage>;
  info(id: string, signal?: AbortSignal): Promise<FileInfo>;
  nwb(id: string, signal?: AbortSignal): Promise<NwbSummaryView>;
  pose(id: string, request: PoseRequest, signal?: AbortSignal): Promise<PoseView>;
  /** The URL of the CSV export of frames [start, end). */
  poseCsvUrl(id: string, start: number, end: number): string;
  /** The absolute base URL of the h5grove routes (h5web's export menu breaks on a relative one). */
  readonly h5groveUrl: string;
}

type Query = Record<string, string | number | undefined>;

/** The ViewerApi over HTTP at `origin` (the page's own origin when the API serves the viewer). */
export function createViewerApi(origin: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): ViewerApi {
  const urlOf = (path: string, query: Query): string => {
    const url = new URL(path, origin);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    return url.toString();
  };

  const getJson = async (path: string, query: Query, signal?: AbortSignal): Promise<unknown> => {
    const url = urlOf(path, query);
    let response: Response;
    try {
      response = await fetchImpl(url, { signal, headers: { accept: 'application/json' } });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiUnreachableError(url, error);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      if (!response.ok) throw new ApiHttpError(`The API answered ${response.status} for ${path}.`, response.status, url);
      throw new ApiResponseError(`${path} did not return JSON`);
    }
    if (!response.ok) throw new ApiHttpError(errorSentence(body, response.status, path), response.status, url);
    return body;
  };

  return {
    async list(id, cursor, signal) {
      const body = await getJson('/v1/list', { id, cursor }, signal);
      return checkListing(body);
    },
    async info(id, signal) {
      const body = (await getJson('/v1/info', { id }, signal)) as FileInfo | undefined;
      if (typeof body?.uri !== 'string' || typeof body.name !== 'string') throw new ApiResponseError('info has no uri');
      return { ...body, links: body.links ?? {} };
    },
    async nwb(id, signal) {
      const body = (await getJson('/v1/nwb', { id }, signal)) as NwbSummaryView | undefined;
      if (!Array.isArray(body?.fields)) throw new ApiResponseError('the NWB summary has no fields');
      return body;
    },
    async pose(id, request, signal) {
      const body = await getJson('/v1/pose', poseQuery(id, request), signal);
      if (typeof body !== 'object' || body === null) throw new ApiResponseError('the pose response is empty');
      return decodePoseView(body as PoseView);
    },
    poseCsvUrl: (id, start, end) => urlOf('/v1/pose.csv', { id, start, end }),
    h5groveUrl: new URL('/h5grove', origin).toString(),
  };
}

/** The query of /v1/pose for a request (lists travel comma-separated). */
export function poseQuery(id: string, request: PoseRequest): Query {
  return {
    id,
    container: request.container,
    individuals: request.individuals?.join(','),
    keypoints: request.keypoints?.join(','),
    start: request.start,
    end: request.end,
    points: request.points,
    threshold: request.threshold,
  };
}

function checkListing(body: unknown): ListingPage {
  const page = body as ListingPage | undefined;
  if (!Array.isArray(page?.entries)) throw new ApiResponseError('the listing has no entries');
  const entries = page.entries.map((entry: ListingEntry, index) => {
    if (typeof entry.name !== 'string' || typeof entry.uri !== 'string') {
      throw new ApiResponseError(`listing entry ${index} has no name or uri`);
    }
    return entry.size === undefined ? entry : { ...entry, size: decodeNumber(entry.size, `entries[${index}].size`) };
  });
  return typeof page.next === 'string' ? { entries, next: page.next } : { entries };
}

/** The API's own sentence from an error body: RFC 9457 problem details' `detail` (what /v1 sends), else a message. */
function errorSentence(body: unknown, status: number, path: string): string {
  if (typeof body === 'object' && body !== null) {
    const record = body as { detail?: unknown; error?: unknown; message?: unknown };
    if (typeof record.detail === 'string') return record.detail;
    const nested = record.error as { message?: unknown } | string | undefined;
    if (typeof nested === 'string') return nested;
    if (typeof nested === 'object' && typeof nested?.message === 'string') return nested.message;
    if (typeof record.message === 'string') return record.message;
  }
  return `The API answered ${status} for ${path}.`;
}
