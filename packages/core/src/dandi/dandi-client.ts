// A typed client for a DANDI Archive REST API (EMBER's by default): dandisets, versions, the folder-style path
// listing, assets, their metadata and where their bytes are. Paginated endpoints are async iterators of pages that
// follow the server's `next` links. Paths and JSON as in dandi/dandi-archive dandiapi/api/views/ (dandiset.py,
// version.py, asset.py, info.py) and dandi-cli's dandi/dandiapi.py.
import { getInstance, type BucketConfig, type Config, type DandiInstance, type HttpConfig } from '../config.js';
import { InvalidInputError, NotFoundError, ProtocolError } from '../errors.js';
import { parseBucketUrl, type BucketRef } from '../bucket/bucket-urls.js';
import { DandiHttp, type FetchFunction, type RequestSubject } from './dandi-http.js';
import { JsonShape } from './json-shape.js';
import {
  readAssetMetadata,
  readAssetPath,
  readAssetSummary,
  readDandiset,
  readPage,
  readServerInfo,
  readVersion,
  readVersionInfo,
  type AssetDigests,
  type AssetMetadata,
  type AssetPath,
  type AssetSummary,
  type Dandiset,
  type DandisetMetadata,
  type DandisetVersion,
  type Page,
  type ServerInfo,
  type VersionInfo,
} from './types.js';

/** Options of {@link DandiClient}. */
export interface DandiClientOptions {
  instance: DandiInstance;
  apiKey?: string;
  /** Where the key came from (an environment variable or option), for messages. */
  apiKeySource?: string;
  http: HttpConfig;
  /** Used to recognise S3 URLs in `contentUrl` (the configured endpoint counts as S3). */
  s3?: Pick<BucketConfig, 'endpoint'>;
  fetch?: FetchFunction;
}

/** Query of the dandiset listing (`GET /dandisets/`). */
export interface DandisetQuery {
  search?: string;
  /** e.g. "-modified", "id", "name", "size". */
  ordering?: string;
  draft?: boolean;
  empty?: boolean;
  embargoed?: boolean;
  pageSize?: number;
}

/** Query of the asset listing (`GET .../assets/`). */
export interface AssetQuery {
  /** Path prefix filter (case-insensitive "starts with" on the server). */
  path?: string;
  /** Glob over the whole path ("*" only). */
  glob?: string;
  order?: 'path' | '-path' | 'created' | '-created' | 'modified' | '-modified';
  pageSize?: number;
}

/** Where an asset's bytes are and how to check them. */
export interface ResolvedAsset {
  /** Instance name. */
  instance: string;
  dandisetId?: string;
  version?: string;
  assetId: string;
  path: string;
  size: number;
  digests: AssetDigests;
  encodingFormat?: string;
  /** The API download URL (redirects to the object; needs the key for embargoed data). */
  downloadUrl: string;
  /** The object URL as the archive gives it in `contentUrl` (AWS form), if any. */
  s3Url?: string;
  /** Bucket and key of the object, e.g. { bucket: "ember-open-data", key: "blobs/abc/def/<uuid>" }. */
  s3?: BucketRef;
  /** True when the asset's access status is embargoed: its S3 URL is not public. */
  embargoed: boolean;
  /**
   * Set for a Zarr asset: its bytes are the objects under a bucket prefix, not one object, and its download URL
   * answers 400. `s3` and `s3Url` then name the prefix (ending with "/").
   */
  zarr?: ZarrLocation;
  metadata: AssetMetadata;
}

/** Where a Zarr asset's objects are. */
export interface ZarrLocation {
  /** The Zarr's uuid (the last segment of its prefix). */
  zarrId: string;
  /** dandi-zarr-checksum of the whole store, when the archive gives it. */
  checksum?: string;
}

/** The largest page the server grants (DandiPagination.max_page_size). */
export const MAX_PAGE_SIZE = 1000;

const DANDISET_ID = /^\d{6}$/;

/** A DANDI REST API client bound to one instance. */
export class DandiClient {
  readonly instance: DandiInstance;
  readonly #http: DandiHttp;
  readonly #s3: Pick<BucketConfig, 'endpoint'> | undefined;

  constructor(options: DandiClientOptions) {
    this.instance = options.instance;
    this.#http = new DandiHttp(options);
    this.#s3 = options.s3;
  }

  /** Server info: schema version and service URLs (`GET /info/`). */
  async info(signal?: AbortSignal): Promise<ServerInfo> {
    const url = this.#http.url('info/');
    return readServerInfo(new JsonShape(await this.#http.getJson(url, { what: 'the server info' }, signal), url));
  }

  /** Dandisets, page by page (`GET /dandisets/`). */
  dandisets(query: DandisetQuery = {}, signal?: AbortSignal): AsyncGenerator<Page<Dandiset>> {
    const url = this.#http.url('dandisets/', {
      search: query.search,
      ordering: query.ordering,
      draft: query.draft,
      empty: query.empty,
      embargoed: query.embargoed,
      page_size: query.pageSize,
    });
    return this.#pages(url, { what: 'the dandiset list' }, readDandiset, signal);
  }

  /** One dandiset (`GET /dandisets/{id}/`). */
  async dandiset(dandisetId: string, signal?: AbortSignal): Promise<Dandiset> {
    checkDandisetId(dandisetId);
    const url = this.#http.url(`dandisets/${dandisetId}/`);
    return readDandiset(new JsonShape(await this.#http.getJson(url, { what: `dandiset ${dandisetId}` }, signal), url));
  }

  /** A dandiset's versions, page by page (`GET /dandisets/{id}/versions/`). */
  versions(dandisetId: string, signal?: AbortSignal): AsyncGenerator<Page<DandisetVersion>> {
    checkDandisetId(dandisetId);
    const url = this.#http.url(`dandisets/${dandisetId}/versions/`);
    return this.#pages(url, { what: `dandiset ${dandisetId}` }, readVersion, signal);
  }

  /** The version named, or the dandiset's default one: its latest published version, else its draft (as dandi-cli). */
  async resolveVersion(dandisetId: string, version?: string, signal?: AbortSignal): Promise<string> {
    if (version !== undefined) return version;
    const dandiset = await this.dandiset(dandisetId, signal);
    const chosen = dandiset.most_recent_published_version ?? dandiset.draft_version;
    if (!chosen)
      throw new NotFoundError(`Dandiset ${dandisetId} has no version.`, this.#http.url(`dandisets/${dandisetId}/`));
    return chosen.version;
  }

  /** A version's dandischema metadata document (`GET /dandisets/{id}/versions/{version}/`). */
  async versionMetadata(dandisetId: string, version: string, signal?: AbortSignal): Promise<DandisetMetadata> {
    checkDandisetId(dandisetId);
    const url = this.#http.url(`dandisets/${dandisetId}/versions/${encodeURIComponent(version)}/`);
    const body = await this.#http.getJson(url, { what: `dandiset ${dandisetId}@${version}` }, signal);
    return new JsonShape(body, url).raw as DandisetMetadata;
  }

  /** A version's status, counts and metadata (`GET /dandisets/{id}/versions/{version}/info/`). */
  async versionInfo(dandisetId: string, version: string, signal?: AbortSignal): Promise<VersionInfo> {
    checkDandisetId(dandisetId);
    const url = this.#http.url(`dandisets/${dandisetId}/versions/${encodeURIComponent(version)}/info/`);
    const body = await this.#http.getJson(url, { what: `dandiset ${dandisetId}@${version}` }, signal);
    return readVersionInfo(new JsonShape(body, url));
  }

  /**
   * One level of a version's path tree, page by page (`GET .../assets/paths/?path_prefix=`): folders (asset null)
   * and files with aggregate sizes and file counts. `folder` is "" for the root or a path ending with "/".
   */
  listPaths(
    dandisetId: string,
    version: string,
    folder = '',
    options: { pageSize?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<Page<AssetPath>> {
    checkDandisetId(dandisetId);
    // The server wants a folder: "" or a path ending in "/" (asset.py `paths`).
    const prefix = folder === '' || folder.endsWith('/') ? folder : `${folder}/`;
    const url = this.#http.url(`dandisets/${dandisetId}/versions/${encodeURIComponent(version)}/assets/paths/`, {
      path_prefix: prefix,
      page_size: options.pageSize ?? MAX_PAGE_SIZE,
    });
    const what =
      prefix === '' ? `dandiset ${dandisetId}@${version}` : `folder "${prefix}" in dandiset ${dandisetId}@${version}`;
    return this.#pages(url, { what }, readAssetPath, options.signal);
  }

  /** Assets of a version, page by page (`GET .../assets/?path=&glob=&order=`). */
  assets(
    dandisetId: string,
    version: string,
    query: AssetQuery = {},
    signal?: AbortSignal,
  ): AsyncGenerator<Page<AssetSummary>> {
    checkDandisetId(dandisetId);
    const url = this.#http.url(`dandisets/${dandisetId}/versions/${encodeURIComponent(version)}/assets/`, {
      path: query.path,
      glob: query.glob,
      order: query.order,
      metadata: false,
      zarr: false,
      page_size: query.pageSize,
    });
    return this.#pages(url, { what: `dandiset ${dandisetId}@${version}` }, readAssetSummary, signal);
  }

  /** The asset at exactly `path` in a version, or undefined; one request. */
  async findAssetByPath(
    dandisetId: string,
    version: string,
    path: string,
    signal?: AbortSignal,
  ): Promise<AssetSummary | undefined> {
    // dandi-cli's `get_asset_by_path` asks `assets/?path=<path>` and keeps the exact match. The server answers an
    // exact (case-sensitive) match with that asset alone, and otherwise filters by case-insensitive prefix, where
    // the path itself would sort first: the first page settles it either way (asset.py `list`).
    for await (const page of this.assets(dandisetId, version, { path, order: 'path', pageSize: 10 }, signal)) {
      return page.results.find((asset) => asset.path === path);
    }
    return undefined;
  }

  /** The asset at exactly `path` in a version; NotFoundError naming the path if there is none. */
  async assetByPath(dandisetId: string, version: string, path: string, signal?: AbortSignal): Promise<AssetSummary> {
    const found = await this.findAssetByPath(dandisetId, version, path, signal);
    if (found) return found;
    const url = this.#http.url(`dandisets/${dandisetId}/versions/${encodeURIComponent(version)}/assets/`, { path });
    throw new NotFoundError(
      `There is no file "${path}" in dandiset ${dandisetId}@${version} on ${this.instance.name}.`,
      url,
    );
  }

  /**
   * An asset's dandischema metadata: `GET /dandisets/{id}/versions/{v}/assets/{asset}/` when the dandiset is known
   * (the server checks embargo there), else `GET /assets/{asset}/`.
   */
  async assetMetadata(
    assetId: string,
    where: { dandisetId: string; version: string } | undefined = undefined,
    signal?: AbortSignal,
  ): Promise<AssetMetadata> {
    const url = this.#http.url(
      where
        ? `dandisets/${where.dandisetId}/versions/${encodeURIComponent(where.version)}/assets/${assetId}/`
        : `assets/${assetId}/`,
    );
    const body = await this.#http.getJson(url, { what: `asset ${assetId}` }, signal);
    return readAssetMetadata(new JsonShape(body, url));
  }

  /** The API download URL of an asset (`/assets/{id}/download/`), which redirects to its bytes. */
  downloadUrl(assetId: string): string {
    return this.#http.url(`assets/${assetId}/download/`);
  }

  /** Where the download URL redirects (the object, presigned for embargoed data); the key stays with the API. */
  async downloadLocation(assetId: string, signal?: AbortSignal): Promise<string> {
    return this.#http.redirectLocation(this.downloadUrl(assetId), { what: `asset ${assetId}` }, signal);
  }

  /** Resolve a file path in a dandiset version to its asset: id, size, digests, download URL and S3 key. */
  async resolvePath(
    dandisetId: string,
    version: string | undefined,
    path: string,
    signal?: AbortSignal,
  ): Promise<ResolvedAsset> {
    const resolvedVersion = await this.resolveVersion(dandisetId, version, signal);
    const summary = await this.assetByPath(dandisetId, resolvedVersion, path, signal);
    const metadata = await this.assetMetadata(summary.asset_id, { dandisetId, version: resolvedVersion }, signal);
    return this.#resolved(metadata, { dandisetId, version: resolvedVersion, assetId: summary.asset_id });
  }

  /** Resolve an asset by id (as in an API download URL). */
  async resolveAsset(
    assetId: string,
    where?: { dandisetId: string; version: string },
    signal?: AbortSignal,
  ): Promise<ResolvedAsset> {
    const metadata = await this.assetMetadata(assetId, where, signal);
    return this.#resolved(metadata, { ...where, assetId });
  }

  /** The environment variables holding this instance's API key, for messages. */
  keyVariables(): string {
    return this.#http.keyVariables();
  }

  #resolved(metadata: AssetMetadata, ids: { dandisetId?: string; version?: string; assetId: string }): ResolvedAsset {
    let s3Url: string | undefined;
    let s3: BucketRef | undefined;
    for (const url of metadata.contentUrl) {
      if (this.#http.isApiUrl(url)) continue;
      const ref = parseBucketUrl(url, this.#s3 ?? { endpoint: 'https://s3.amazonaws.com' });
      if (ref) {
        s3Url = url;
        s3 = ref;
        break;
      }
    }
    const embargoed = metadata.accessStatus !== undefined && /embargo/i.test(metadata.accessStatus);
    const zarr = zarrLocation(metadata, s3);
    return {
      instance: this.instance.name,
      ...(ids.dandisetId === undefined ? {} : { dandisetId: ids.dandisetId }),
      ...(ids.version === undefined ? {} : { version: ids.version }),
      assetId: ids.assetId,
      path: metadata.path,
      size: metadata.contentSize,
      digests: metadata.digest,
      ...(metadata.encodingFormat === undefined ? {} : { encodingFormat: metadata.encodingFormat }),
      downloadUrl: this.downloadUrl(ids.assetId),
      ...(s3Url === undefined ? {} : { s3Url }),
      ...(s3 === undefined ? {} : { s3 }),
      embargoed,
      ...(zarr === undefined ? {} : { zarr }),
      metadata,
    };
  }

  async *#pages<T>(
    firstUrl: string,
    subject: RequestSubject,
    item: (s: JsonShape) => T,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<Page<T>> {
    const seen = new Set<string>();
    let url: string | null = firstUrl;
    while (url !== null) {
      if (seen.has(url)) throw new ProtocolError(`The server's "next" link loops back to ${url}.`, url);
      seen.add(url);
      const body = await this.#http.getJson(url, subject, signal);
      const page: Page<T> = readPage(new JsonShape(body, url), item);
      yield page;
      url = page.next;
    }
  }
}

/** A client for the instance called `name` (the default instance if omitted), with its key from the configuration. */
export function createDandiClient(
  config: Config,
  name: string = config.defaultInstance,
  fetchFunction?: FetchFunction,
): DandiClient {
  const instance = getInstance(config, name);
  const apiKey = config.apiKeys[instance.name];
  const apiKeySource = config.apiKeySources?.[instance.name];
  return new DandiClient({
    instance,
    http: config.http,
    s3: config.s3,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(apiKeySource === undefined ? {} : { apiKeySource }),
    ...(fetchFunction === undefined ? {} : { fetch: fetchFunction }),
  });
}

/**
 * The Zarr store of an asset, known by its Zarr checksum, its forced encodingFormat or a `contentUrl` that is a
 * prefix (dandi-archive `Asset.full_metadata`: Zarr assets carry only `dandi:dandi-zarr-checksum`, the format
 * application/x-zarr, and the S3 URL of `zarr/<zarr_id>/`).
 */
function zarrLocation(metadata: AssetMetadata, s3: BucketRef | undefined): ZarrLocation | undefined {
  const checksum = metadata.digest['dandi:dandi-zarr-checksum'];
  const isZarr =
    checksum !== undefined || metadata.encodingFormat === 'application/x-zarr' || (s3?.key.endsWith('/') ?? false);
  if (!isZarr) return undefined;
  const zarrId = s3?.key.replace(/\/+$/, '').split('/').pop() ?? '';
  return { zarrId, ...(checksum === undefined ? {} : { checksum }) };
}

function checkDandisetId(id: string): void {
  if (!DANDISET_ID.test(id))
    throw new InvalidInputError(`"${id}" is not a dandiset identifier (six digits, e.g. 000463).`, id);
}
