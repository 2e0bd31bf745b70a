// The viewer's one door to the HTTP API (packages/api), through Hono's typed `hc` client over the API's `AppType`:
// route paths and query names are checked against the API at compile time. Every identifier travels in the `id`
// query parameter; pose views come as core's pose view bytes (exact doubles, a fifth of JSON's time to read) and
// core's codec reads them, the only core runtime the viewer bundles. Tests pass a fake `fetch`; the app uses the
// browser's, against the page's own origin.
import type { AppType } from '@ember-archive/api';
import { POSE_VIEW_BINARY_TYPE, poseViewFromBinary } from '@ember-archive/core/pose-view-codec';
import { hc } from 'hono/client';
import type { ApiFileInfo, ApiListingPage } from './api-types.js';
import { decodeNumber } from './decode.js';
import { ApiHttpError, ApiResponseError, ApiUnreachableError } from './errors.js';
import type { ListingEntry, ListingPage, NwbSummaryView, PoseRequest, PoseView } from './types.js';

/** What /v1/info says about one file or folder (core's FileInfo with named links). */
export type FileInfo = ApiFileInfo;

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

/** The ViewerApi over HTTP at `origin` (the page's own origin when the API serves the viewer). */
export function createViewerApi(origin: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): ViewerApi {
  const client = hc<AppType>(origin, { fetch: fetchImpl, headers: { accept: 'application/json' } });

  /** The answer of a call when it succeeded, else the API's error sentence as a typed error. */
  const answerOf = async (route: string, send: () => Promise<Response>, signal?: AbortSignal): Promise<Response> => {
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiUnreachableError(new URL(route, origin).toString(), error);
    }
    if (response.ok) return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ApiHttpError(`The API answered ${response.status} for ${route}.`, response.status, response.url);
    }
    throw new ApiHttpError(errorSentence(body, response.status, route), response.status, response.url);
  };

  /** The JSON body of a call, or a typed error. */
  const bodyOf = async (route: string, send: () => Promise<Response>, signal?: AbortSignal): Promise<unknown> => {
    const text = await (await answerOf(route, send, signal)).text();
    try {
      return text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ApiResponseError(`${route} did not return JSON`);
    }
  };
  const init = (signal?: AbortSignal) => ({ init: signal === undefined ? {} : { signal } });

  return {
    async list(id, cursor, signal) {
      const query = { ...(id === undefined ? {} : { id }), ...(cursor === undefined ? {} : { cursor }) };
      return checkListing(await bodyOf('/v1/list', () => client.v1.list.$get({ query }, init(signal)), signal));
    },
    async info(id, signal) {
      const body = (await bodyOf('/v1/info', () => client.v1.info.$get({ query: { id } }, init(signal)), signal)) as
        FileInfo | undefined;
      if (typeof body?.uri !== 'string' || typeof body.name !== 'string') throw new ApiResponseError('info has no uri');
      return { ...body, links: body.links ?? {} };
    },
    async nwb(id, signal) {
      const body = (await bodyOf('/v1/nwb', () => client.v1.nwb.$get({ query: { id } }, init(signal)), signal)) as
        NwbSummaryView | undefined;
      if (!Array.isArray(body?.fields)) throw new ApiResponseError('the NWB summary has no fields');
      return body;
    },
    async pose(id, request, signal) {
      const query = { ...poseQuery(id, request), format: 'bin' as const };
      const options = { ...init(signal), headers: { accept: POSE_VIEW_BINARY_TYPE } };
      const response = await answerOf('/v1/pose', () => client.v1.pose.$get({ query }, options), signal);
      // A ProtocolError naming the URL when the bytes are not a whole pose view.
      return poseViewFromBinary(new Uint8Array(await response.arrayBuffer()), response.url || '/v1/pose');
    },
    poseCsvUrl: (id, start, end) =>
      client.v1['pose.csv'].$url({ query: { id, start: String(start), end: String(end) } }).toString(),
    h5groveUrl: new URL('/h5grove', origin).toString(),
  };
}

/** The query of /v1/pose for a request: lists travel comma-separated, absent fields are left out. */
export function poseQuery(id: string, request: PoseRequest) {
  const optional = {
    container: request.container,
    individuals: request.individuals?.join(','),
    keypoints: request.keypoints?.join(','),
    start: request.start?.toString(),
    end: request.end?.toString(),
    points: request.points?.toString(),
    threshold: request.threshold?.toString(),
  };
  const present = Object.entries(optional).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { id, ...(Object.fromEntries(present) as Partial<Record<keyof typeof optional, string>>) };
}

function checkListing(body: unknown): ListingPage {
  const page = body as ApiListingPage | undefined;
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
