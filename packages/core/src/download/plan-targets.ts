// Turn what the user pasted (bucket files and prefixes, dandiset folders and paths, asset and plain URLs) into a
// plain download plan. Folders are walked completely, page by page; each file keeps its path below the folder
// named, under a top folder named like it (as dandi-cli does: `000463/sub-ADPTM01/...`, `pose_files/...`).
// A DANDI Zarr asset is a folder of objects under a bucket prefix: it is planned as those objects, each verified by
// its S3 ETag (its MD5: Zarr objects are single-part uploads), as dandi-cli downloads Zarrs file by file.
import type { Archive } from '../archive/archive.js';
import type { ArchiveTarget, DandisetTarget } from '../archive/target.js';
import { resolveObjectUrl } from '../bucket/bucket-urls.js';
import { untrustedCertificateError } from '../certificate-trust.js';
import type { AssetQuery, DandiClient, ResolvedAsset } from '../dandi/dandi-client.js';
import { IntegrityError, InvalidInputError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import { createPathFilter } from './glob.js';
import type { DownloadItem } from './types.js';
import { zarrChecksum } from './zarr-checksum.js';

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
export async function planDownloads(
  archive: Archive,
  inputs: readonly string[],
  options: PlanOptions = {},
): Promise<DownloadItem[]> {
  if (inputs.length === 0) throw new InvalidInputError('Name at least one file, folder or dandiset to download.');
  const keep = createPathFilter(options.include, options.exclude);
  const items: DownloadItem[] = [];
  for (const input of inputs) {
    const target = archive.parse(input);
    for await (const found of planTarget(archive, target, input, options)) {
      if (keep(found.relative))
        items.push({ ...found.item, path: found.top ? `${found.top}/${found.relative}` : found.relative });
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

async function* planTarget(
  archive: Archive,
  target: ArchiveTarget,
  input: string,
  options: PlanOptions,
): AsyncGenerator<FoundFile> {
  switch (target.kind) {
    case 'root':
    case 'instance':
      throw new InvalidInputError(
        `"${input}" names a whole archive; name a dandiset, folder or file to download.`,
        input,
      );
    case 'local':
      throw new InvalidInputError(`"${input}" is a local path, not something in the archive to download.`, input);
    case 'bucket':
      yield* planBucket(archive, target.bucket, target.key, options);
      return;
    case 'dandiset':
      yield* planDandiset(archive, target, options);
      return;
    case 'asset': {
      const client = archive.dandi(target.instance);
      const where =
        target.dandisetId !== undefined && target.version !== undefined
          ? { dandisetId: target.dandisetId, version: target.version }
          : undefined;
      const asset = await client.resolveAsset(target.assetId, where, options.signal);
      if (asset.zarr) {
        yield* zarrFiles(archive, asset, '', lastSegment(asset.path), options);
        return;
      }
      const location = await archive.resolveFile(target, options.signal ? { signal: options.signal } : {});
      if (location.kind !== 'remote' || !location.asset)
        throw new ProtocolError(`"${input}" did not resolve to an asset.`, input);
      yield {
        top: '',
        relative: location.name,
        item: { ...assetItem(location.asset, location.url), path: location.name },
      };
      return;
    }
    case 'url': {
      const head = await headUrl(target.url, options.signal);
      const name = decodeURIComponent(new URL(target.url).pathname.split('/').filter(Boolean).pop() ?? '');
      if (!name)
        throw new InvalidInputError(
          `Cannot name a file after "${target.url}"; give a URL that ends in a file name.`,
          target.url,
        );
      yield { top: '', relative: name, item: { path: name, url: target.url, size: head.size, s3Etag: head.etag } };
      return;
    }
  }
}

async function* planBucket(
  archive: Archive,
  bucketName: string,
  key: string,
  options: PlanOptions,
): AsyncGenerator<FoundFile> {
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
      yield {
        top,
        relative,
        item: { path: relative, url: bucket.objectUrl(object.key), size: object.size, s3Etag: object.etag },
      };
    }
  }
  if (any) return;
  if (folder)
    throw new NotFoundError(
      `There is nothing under s3://${bucketName}/${key} to download.`,
      `s3://${bucketName}/${key}`,
    );
  const head = await bucket.headObject(key, options.signal);
  yield {
    top: '',
    relative: head.name,
    item: { path: head.name, url: bucket.objectUrl(key), size: head.size, s3Etag: head.etag },
  };
}

async function* planDandiset(
  archive: Archive,
  target: DandisetTarget,
  options: PlanOptions,
): AsyncGenerator<FoundFile> {
  const client = archive.dandi(target.instance);
  const version = await client.resolveVersion(target.dandisetId, target.version, options.signal);
  const where = { dandisetId: target.dandisetId, version };
  if (target.glob !== undefined) {
    // The server's glob over whole paths; each file keeps its full path under the dandiset's folder.
    let any = false;
    for await (const found of planAssets(
      archive,
      client,
      where,
      { glob: target.glob, order: 'path' },
      '',
      target.dandisetId,
      options,
    )) {
      any = true;
      yield found;
    }
    if (!any)
      throw new NotFoundError(
        `No file of dandiset ${target.dandisetId}@${version} matches "${target.glob}".`,
        archive.format(target),
      );
    return;
  }
  const folder = target.path === '' || target.path.endsWith('/');
  const prefix = target.path === '' ? '' : folder ? target.path : `${target.path}/`;
  const top = prefix === '' ? target.dandisetId : lastSegment(prefix.slice(0, -1));
  if (!folder) {
    // A path without a slash is a file (or a Zarr) when an asset has exactly that path, as dandi-cli decides.
    const exact = await client.findAssetByPath(target.dandisetId, version, target.path, options.signal);
    if (exact) {
      const asset = await client.resolveAsset(exact.asset_id, where, options.signal);
      if (asset.zarr) {
        yield* zarrFiles(archive, asset, '', lastSegment(asset.path), options);
        return;
      }
      yield {
        top: '',
        relative: lastSegment(asset.path),
        item: assetItem(asset, await assetUrl(archive, client, asset, options.signal)),
      };
      return;
    }
  }
  let any = false;
  for await (const found of planAssets(
    archive,
    client,
    where,
    { ...(prefix ? { path: prefix } : {}), order: 'path' },
    prefix,
    top,
    options,
  )) {
    any = true;
    yield found;
  }
  if (!any)
    throw new NotFoundError(
      `There are no files under "${target.path}" in dandiset ${target.dandisetId}@${version}.`,
      archive.format(target),
    );
}

/** The files of the assets a listing query selects, paths relative to `prefix`; Zarr assets as their objects. */
async function* planAssets(
  archive: Archive,
  client: DandiClient,
  where: { dandisetId: string; version: string },
  query: AssetQuery,
  prefix: string,
  top: string,
  options: PlanOptions,
): AsyncGenerator<FoundFile> {
  const concurrency = options.concurrency ?? 8;
  for await (const page of client.assets(where.dandisetId, where.version, query, options.signal)) {
    // The server's `path` filter is a case-insensitive "starts with"; keep exact matches only.
    const assets = page.results.filter((asset) => asset.path.startsWith(prefix));
    // Digests live in each asset's metadata: fetch a page's worth concurrently, yield in listing order.
    const resolved = await mapLimit(assets, concurrency, (asset) =>
      client.resolveAsset(asset.asset_id, where, options.signal),
    );
    for (const asset of resolved) {
      const relative = asset.path.slice(prefix.length);
      if (asset.zarr) yield* zarrFiles(archive, asset, top, relative, options);
      else yield { top, relative, item: assetItem(asset, await assetUrl(archive, client, asset, options.signal)) };
    }
  }
}

/**
 * The objects of a Zarr asset, listed under its prefix in the bucket, each under `<relative>/<key in the store>`
 * and checked by its ETag (as dandi-cli checks each Zarr file's MD5 against the listing's ETag). The listing is first
 * held against the asset's dandi-zarr-checksum, so a store listed with an object missing or added is an error before
 * anything is fetched; with every object's bytes then matching its ETag, the files on disk match the checksum.
 */
async function* zarrFiles(
  archive: Archive,
  asset: ResolvedAsset,
  top: string,
  relative: string,
  options: PlanOptions,
): AsyncGenerator<FoundFile> {
  const prefix = asset.s3;
  if (!prefix) {
    throw new ProtocolError(
      `The Zarr asset "${asset.path}" gives no bucket prefix for its objects, so it cannot be downloaded.`,
      asset.downloadUrl,
    );
  }
  const key = prefix.key.endsWith('/') ? prefix.key : `${prefix.key}/`;
  const where = `s3://${prefix.bucket}/${key}`;
  const bucket = archive.bucket(prefix.bucket);
  const objects: Array<{ key: string; size: number; etag?: string }> = [];
  for await (const page of bucket.listPrefix(key, {
    delimiter: null,
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    for (const object of page.objects) if (!object.key.endsWith('/')) objects.push(object);
  }
  if (objects.length === 0)
    throw new NotFoundError(`The Zarr asset "${asset.path}" has no objects under ${where}.`, where);
  const expected = asset.zarr?.checksum;
  if (expected !== undefined) {
    const listed = objects.map((o) => ({
      path: o.key.slice(key.length),
      size: o.size,
      md5: (o.etag ?? '').replace(/"/g, ''),
    }));
    const actual = zarrChecksum(listed);
    if (actual !== expected) {
      throw new IntegrityError(
        `The objects under ${where} (checksum ${actual}) are not the Zarr asset "${asset.path}" the archive describes ` +
          `(dandi-zarr-checksum ${expected}); nothing was downloaded.`,
        asset.path,
        expected,
        actual,
      );
    }
  }
  for (const object of objects) {
    const path = `${relative}/${object.key.slice(key.length)}`;
    yield {
      top,
      relative: path,
      item: { path, url: bucket.objectUrl(object.key), size: object.size, s3Etag: object.etag },
    };
  }
}

/** Where an asset's bytes are read: the bucket for open blobs, the presigned redirect for embargoed ones. */
async function assetUrl(
  archive: Archive,
  client: DandiClient,
  asset: ResolvedAsset,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (asset.embargoed || asset.s3Url === undefined) return client.downloadLocation(asset.assetId, signal);
  return resolveObjectUrl(archive.config.s3, asset.s3Url);
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
async function headUrl(
  url: string,
  signal: AbortSignal | undefined,
): Promise<{ size: number; etag: string | undefined }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'HEAD',
      headers: { 'user-agent': USER_AGENT },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    const reason = (error as Error).message;
    throw (
      untrustedCertificateError(error, url) ??
      new NetworkError(`Cannot reach ${url}: ${reason}.`, url, true, undefined, { cause: error })
    );
  }
  if (response.status === 404) throw new NotFoundError(`${url} does not exist (HTTP 404).`, url);
  if (!response.ok)
    throw new NetworkError(
      `${url} answered HTTP ${response.status} to HEAD.`,
      url,
      response.status >= 500,
      response.status,
    );
  const size = Number(response.headers.get('content-length'));
  if (!Number.isSafeInteger(size) || size < 0)
    throw new ProtocolError(`${url} does not say how big it is (no Content-Length).`, url);
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
