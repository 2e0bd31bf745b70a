// Turn what the user pasted (bucket files and prefixes, dandiset folders and paths, asset and plain URLs) into a
// plain download plan. Folders are walked completely, page by page; each file keeps its path below the folder
// named, under a top folder named like it (as dandi-cli does: `000463/sub-ADPTM01/...`, `pose_files/...`).
import type { Archive } from '../archive/archive.js';
import type { ArchiveTarget, DandisetTarget } from '../archive/target.js';
import { resolveObjectUrl } from '../bucket/bucket-urls.js';
import { untrustedCertificateError } from '../certificate-trust.js';
import type { ResolvedAsset } from '../dandi/dandi-client.js';
import { InvalidInputError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import { createPathFilter } from './glob.js';
import type { DownloadItem } from './types.js';

/** Options of {@link planDownloads}. */
export interface PlanOptions {
  /** Keep only files whose path (below the named folder) matches one of these globs. */
  include?: readonly string[];
  /** Drop files whose path matches any of these globs. */
  exclude?: readonly string[];
  /** Asset metadata requests in flight at once while planning dandiset folders. Default 8. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** The files `inputs` name, filtered by include/exclude, in listing order. */
export async function planDownloads(archive: Archive, inputs: readonly string[], options: PlanOptions = {}): Promise<DownloadItem[]> {
  if (inputs.length === 0) throw new InvalidInputError('Name at least one file, folder or dandiset to download.');
  const keep = createPathFilter(options.include, options.exclude);
  const items: DownloadItem[] = [];
  for (const input of inputs) {
    const target = archive.parse(input);
    for await (const found of planTarget(archive, target, input, options)) {
      if (keep(found.relative)) items.push({ ...found.item, path: found.top ? `${found.top}/${found.relative}` : found.relative });
    }
  }
  return items;
}

/** A planned file with its path split into the named folder's top name and the part globs match against. */
interface FoundFile {
  top: string;
  relative: string;
  item: DownloadItem;
}

async function* planTarget(archive: Archive, target: ArchiveTarget, input: string, options: PlanOptions): AsyncGenerator<FoundFile> {
  switch (target.kind) {
    case 'root':
    case 'instance':
      throw new InvalidInputError(`"${input}" names a whole archive; name a dandiset, folder or file to download.`, input);
    case 'local':
      throw new InvalidInputError(`"${input}" is a local path, not something in the archive to download.`, input);
    case 'bucket':
      yield* planBucket(archive, target.bucket, target.key, options);
      return;
    case 'dandiset':
      yield* planDandiset(archive, target, options);
      return;
    case 'asset': {
      const location = await archive.resolveFile(target, options.signal ? { signal: options.signal } : {});
      if (location.kind !== 'remote' || !location.asset) throw new ProtocolError(`"${input}" did not resolve to an asset.`, input);
      yield { top: '', relative: location.name, item: { ...assetItem(location.asset, location.url), path: location.name } };
      return;
    }
    case 'url': {
      const head = await headUrl(target.url, options.signal);
      const name = decodeURIComponent(new URL(target.url).pathname.split('/').filter(Boolean).pop() ?? '');
      if (!name) throw new InvalidInputError(`Cannot name a file after "${target.url}"; give a URL that ends in a file name.`, target.url);
      yield { top: '', relative: name, item: { path: name, url: target.url, size: head.size, s3Etag: head.etag } };
      return;
    }
  }
}

async function* planBucket(archive: Archive, bucketName: string, key: string, options: PlanOptions): AsyncGenerator<FoundFile> {
  const bucket = archive.bucket(bucketName);
  const folder = key === '' || key.endsWith('/');
  const prefix = folder ? key : `${key}/`;
  const top = prefix === '' ? bucketName : lastSegment(prefix.slice(0, -1));
  let any = false;
  const listing = bucket.listPrefix(prefix, { delimiter: null, ...(options.signal ? { signal: options.signal } : {}) });
  for await (const page of listing) {
    for (const object of page.objects) {
      // Zero-byte "folder marker" objects are not files.
      if (object.key.endsWith('/')) continue;
      any = true;
      const relative = object.key.slice(prefix.length);
      yield { top, relative, item: { path: relative, url: bucket.objectUrl(object.key), size: object.size, s3Etag: object.etag } };
    }
  }
  if (any) return;
  if (folder) throw new NotFoundError(`There is nothing under s3://${bucketName}/${key} to download.`, `s3://${bucketName}/${key}`);
  const head = await bucket.headObject(key, options.signal);
  yield { top: '', relative: head.name, item: { path: head.name, url: bucket.objectUrl(key), size: head.size, s3Etag: head.etag } };
}

async function* planDandiset(archive: Archive, target: DandisetTarget, options: PlanOptions): AsyncGenerator<FoundFile> {
  const client = archive.dandi(target.instance);
  const version = await client.resolveVersion(target.dandisetId, target.version, options.signal);
  const where = { dandisetId: target.dandisetId, version };
  const folder = target.path === '' || target.path.endsWith('/');
  const prefix = target.path === '' ? '' : folder ? target.path : `${target.path}/`;
  const top = prefix === '' ? target.dandisetId : lastSegment(prefix.slice(0, -1));
  const concurrency = options.concurrency ?? 8;
  let any = false;
  for await (const page of client.assets(target.dandisetId, version, { ...(prefix ? { path: prefix } : {}), order: 'path' }, options.signal)) {
    // The server's `path` filter is a case-insensitive "starts with"; keep exact matches only.
    const assets = page.results.filter((asset) => asset.path.startsWith(prefix) && asset.zarr === null);
    // Digests live in each asset's metadata: fetch a page's worth concurrently, yield in listing order.
    const resolved = await mapLimit(assets, concurrency, (asset) => client.resolveAsset(asset.asset_id, where, options.signal));
    for (const asset of resolved) {
      any = true;
      const url = asset.embargoed || asset.s3Url === undefined ? await client.downloadLocation(asset.assetId, options.signal) : resolveObjectUrl(archive.config.s3, asset.s3Url);
      yield { top, relative: asset.path.slice(prefix.length), item: assetItem(asset, url) };
    }
  }
  if (any || folder) {
    if (!any) throw new NotFoundError(`There are no files under "${target.path}" in dandiset ${target.dandisetId}@${version}.`, archive.format(target));
    return;
  }
  const asset = await client.resolvePath(target.dandisetId, version, target.path, options.signal);
  const url = asset.embargoed || asset.s3Url === undefined ? await client.downloadLocation(asset.assetId, options.signal) : resolveObjectUrl(archive.config.s3, asset.s3Url);
  yield { top: '', relative: lastSegment(asset.path), item: assetItem(asset, url) };
}

function assetItem(asset: ResolvedAsset, url: string): DownloadItem {
  return {
    path: asset.path,
    url,
    size: asset.size,
    sha256: asset.digests['dandi:sha2-256'],
    dandiEtag: asset.digests['dandi:dandi-etag'],
  };
}

/** Size and ETag of a plain URL, by HEAD. */
async function headUrl(url: string, signal: AbortSignal | undefined): Promise<{ size: number; etag: string | undefined }> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'HEAD', headers: { 'user-agent': USER_AGENT }, ...(signal ? { signal } : {}) });
  } catch (error) {
    const reason = (error as Error).message;
    throw untrustedCertificateError(error, url) ?? new NetworkError(`Cannot reach ${url}: ${reason}.`, url, true, undefined, { cause: error });
  }
  if (response.status === 404) throw new NotFoundError(`${url} does not exist (HTTP 404).`, url);
  if (!response.ok) throw new NetworkError(`${url} answered HTTP ${response.status} to HEAD.`, url, response.status >= 500, response.status);
  const size = Number(response.headers.get('content-length'));
  if (!Number.isSafeInteger(size) || size < 0) throw new ProtocolError(`${url} does not say how big it is (no Content-Length).`, url);
  return { size, etag: response.headers.get('etag')?.replace(/"/g, '') ?? undefined };
}

/** Map with at most `limit` calls in flight, results in input order. */
async function mapLimit<T, R>(inputs: readonly T[], limit: number, map: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await map(inputs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
