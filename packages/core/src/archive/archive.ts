// The Archive seam (STYLE.md): front ends list and open bucket projects, dandisets and local files through one
// interface, so a folder is a folder wherever it lives. Listings are async iterators of pages; `resolveFile` says
// where a file's bytes are, which the HDF5 and download layers build on.
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';
import { InvalidInputError, NotFoundError, ZarrAssetError } from '../errors.js';
import { BucketClient, type BucketPage } from '../bucket/bucket-client.js';
import { formatS3Uri, parseBucketUrl, resolveObjectUrl, type BucketRef } from '../bucket/bucket-urls.js';
import { createUnsignedS3Client } from '../bucket/s3-client.js';
import { createDandiClient, type DandiClient, type ResolvedAsset } from '../dandi/dandi-client.js';
import type { FetchFunction } from '../dandi/dandi-http.js';
import type { AssetDigests, AssetPath, AssetSummary, Dandiset } from '../dandi/types.js';
import { formatTarget, parseTarget, type ArchiveTarget, type DandisetTarget } from './target.js';

/** One row of a listing, the same for bucket prefixes, dandiset folders and local folders. */
export interface ArchiveEntry {
  /** Last path segment (a dandiset's identifier for dandisets). */
  name: string;
  kind: 'folder' | 'file';
  /** Bytes: a file's size; a dandiset folder's or dandiset's total (bucket prefixes have none). */
  size?: number;
  /** Files at or below a dandiset folder, or in a dandiset. */
  fileCount?: number;
  /** Canonical identifier, ready to pass back to any command. */
  uri: string;
  /** ISO 8601 date of last modification, where known. */
  modified?: string;
  /** A dandiset's title. */
  title?: string;
  /**
   * A dandiset's state as the DANDI web UI shows it: `embargoed` (or `unembargoing`) from its embargo status, else
   * `published` when it has a published version, else `draft`.
   */
  status?: 'published' | 'draft' | 'embargoed' | 'unembargoing';
  /**
   * "zarr" for a DANDI Zarr asset: a folder-like entry whose target is the store's prefix in the bucket (list it
   * to see its objects); no view opens it as one file.
   */
  format?: 'zarr';
  target: ArchiveTarget;
}

/** Where a file's bytes are. */
export type FileLocation = LocalFileLocation | RemoteFileLocation;

/** A file on this machine. */
export interface LocalFileLocation {
  kind: 'local';
  uri: string;
  name: string;
  path: string;
  size: number;
}

/** A file served over HTTP(S): a bucket object, a dandiset asset, or a plain URL. */
export interface RemoteFileLocation {
  kind: 'remote';
  uri: string;
  name: string;
  /** URL to GET (with Range) without credentials: the object at the configured endpoint, or a presigned URL. */
  url: string;
  /** Bytes, when the archive knows them (always for bucket objects and assets). */
  size?: number;
  /** S3 ETag of the object, without quotes. */
  etag?: string;
  /** DANDI digests (`dandi:sha2-256`, `dandi:dandi-etag`) of assets. */
  digests?: AssetDigests;
  contentType?: string;
  /** Bucket and key of the object, when it is in a bucket. */
  object?: BucketRef;
  /** The DANDI asset, for dandiset files and asset URLs. */
  asset?: ResolvedAsset;
}

/** Local file access, supplied by the Node entry point (`nodeLocalFiles`); absent in browsers. */
export interface LocalFiles {
  stat(path: string): Promise<LocalStat | undefined>;
  /** Entries of a directory, page by page. */
  list(path: string): AsyncIterable<Array<LocalStat & { name: string }>>;
}

/** What {@link LocalFiles.stat} reports. */
export interface LocalStat {
  isDirectory: boolean;
  size: number;
  modified: Date;
}

/** Options of a listing or resolution. */
export interface ArchiveCallOptions {
  signal?: AbortSignal;
  /** Entries per page asked of the server (S3 and DANDI both cap it at 1000). */
  pageSize?: number;
  /** Dandiset listings only: the server's full-text search (`GET /dandisets/?search=`), e.g. "mouse pose". */
  search?: string;
}

/** Unified navigation over the EMBER bucket, DANDI instances and local files. */
export interface Archive {
  readonly config: Config;
  /** Parse an identifier under this archive's configuration. */
  parse(input: string): ArchiveTarget;
  /** Canonical identifier of a target. */
  format(target: ArchiveTarget): string;
  /** One level of a folder-like target (or the single entry of a file), page by page, folders first in each page. */
  listEntries(target: ArchiveTarget, options?: ArchiveCallOptions): AsyncGenerator<ArchiveEntry[]>;
  /** Where the bytes of a file target are; InvalidInputError for folders, NotFoundError for missing files. */
  resolveFile(target: ArchiveTarget, options?: ArchiveCallOptions): Promise<FileLocation>;
  /** The DANDI client of an instance (the default one if omitted). */
  dandi(instance?: string): DandiClient;
  /** The bucket client of a bucket (the EMBER one if omitted). */
  bucket(name?: string): BucketClient;
}

/** Options of {@link createArchive}. */
export interface ArchiveOptions {
  fetch?: FetchFunction;
  s3Client?: S3Client;
  localFiles?: LocalFiles;
}

/** An Archive over this configuration. */
export function createArchive(config: Config, options: ArchiveOptions = {}): Archive {
  return new ConfiguredArchive(config, options);
}

class ConfiguredArchive implements Archive {
  readonly config: Config;
  readonly #options: ArchiveOptions;
  readonly #dandi = new Map<string, DandiClient>();
  readonly #buckets = new Map<string, BucketClient>();
  #s3Client: Promise<S3Client> | undefined;

  constructor(config: Config, options: ArchiveOptions) {
    this.config = config;
    this.#options = options;
  }

  parse(input: string): ArchiveTarget {
    return parseTarget(input, this.config);
  }

  format(target: ArchiveTarget): string {
    return formatTarget(target, this.config);
  }

  dandi(instance: string = this.config.defaultInstance): DandiClient {
    let client = this.#dandi.get(instance);
    if (!client) {
      client = createDandiClient(this.config, instance, this.#options.fetch);
      this.#dandi.set(instance, client);
    }
    return client;
  }

  bucket(name: string = this.config.s3.bucket): BucketClient {
    let client = this.#buckets.get(name);
    if (!client) {
      // One S3 client for every bucket, made when the first one is read (the SDK loads only then).
      const shared = (): Promise<S3Client> =>
        (this.#s3Client ??=
          this.#options.s3Client !== undefined
            ? Promise.resolve(this.#options.s3Client)
            : createUnsignedS3Client({
                endpoint: this.config.s3.endpoint,
                region: this.config.s3.region,
                forcePathStyle: this.config.s3.forcePathStyle,
                maxAttempts: this.config.http.maxAttempts,
                timeoutMs: this.config.http.timeoutMs,
              }));
      client = new BucketClient(this.config.s3, { bucket: name, client: shared });
      this.#buckets.set(name, client);
    }
    return client;
  }

  async *listEntries(target: ArchiveTarget, options: ArchiveCallOptions = {}): AsyncGenerator<ArchiveEntry[]> {
    switch (target.kind) {
      case 'root':
        yield* this.#listBucket(this.config.s3.bucket, 'other/', options);
        yield* this.#listDandisets(this.config.defaultInstance, options);
        return;
      case 'instance':
        yield* this.#listDandisets(target.instance, options);
        return;
      case 'bucket':
        yield* this.#listBucketTarget(target.bucket, target.key, options);
        return;
      case 'dandiset':
        yield* this.#listDandiset(target, options);
        return;
      case 'local':
        yield* this.#listLocal(target.path);
        return;
      case 'asset': {
        const client = this.dandi(target.instance);
        const asset = await client.resolveAsset(target.assetId, assetScope(target), options.signal);
        yield [
          asset.zarr
            ? this.#zarrEntry(asset.path, asset.size, asset.s3Url)
            : fileEntry(await this.#assetLocation(this.format(target), asset, client, options.signal), target),
        ];
        return;
      }
      case 'url':
        yield [fileEntry(await this.resolveFile(target, options), target)];
        return;
    }
  }

  async resolveFile(target: ArchiveTarget, options: ArchiveCallOptions = {}): Promise<FileLocation> {
    const uri = this.format(target);
    switch (target.kind) {
      case 'root':
      case 'instance':
        throw new InvalidInputError(`"${uri || 'the EMBER root'}" is a list of dandisets, not a file.`, uri);
      case 'bucket': {
        if (target.key === '' || target.key.endsWith('/')) throw notAFile(uri);
        const bucket = this.bucket(target.bucket);
        const head = await bucket.headObject(target.key, options.signal);
        return {
          kind: 'remote',
          uri,
          name: head.name,
          url: bucket.objectUrl(target.key),
          size: head.size,
          ...(head.etag === undefined ? {} : { etag: head.etag }),
          ...(head.contentType === undefined ? {} : { contentType: head.contentType }),
          object: { bucket: target.bucket, key: target.key },
        };
      }
      case 'dandiset': {
        if (target.glob !== undefined) {
          throw new InvalidInputError(`"${uri}" names the files matching "${target.glob}", not one file.`, uri);
        }
        if (target.path === '' || target.path.endsWith('/')) throw notAFile(uri);
        const client = this.dandi(target.instance);
        const asset = await client.resolvePath(target.dandisetId, target.version, target.path, options.signal);
        return this.#assetLocation(uri, asset, client, options.signal);
      }
      case 'asset': {
        const client = this.dandi(target.instance);
        const asset = await client.resolveAsset(target.assetId, assetScope(target), options.signal);
        return this.#assetLocation(uri, asset, client, options.signal);
      }
      case 'local': {
        const stat = await this.#local().stat(target.path);
        if (!stat) throw new NotFoundError(`There is no file ${target.path}.`, target.path);
        if (stat.isDirectory) throw notAFile(target.path);
        return { kind: 'local', uri, name: lastSegment(target.path), path: target.path, size: stat.size };
      }
      case 'url':
        return { kind: 'remote', uri, name: lastSegment(new URL(target.url).pathname) || target.url, url: target.url };
    }
  }

  async #assetLocation(
    uri: string,
    asset: ResolvedAsset,
    client: DandiClient,
    signal?: AbortSignal,
  ): Promise<RemoteFileLocation> {
    // A Zarr's contentUrl is a prefix, not an object, and its download view answers 400: never read it as a file.
    if (asset.zarr) throw zarrNotAFile(uri, asset);
    // Open assets are read straight from the bucket (at the configured endpoint). Embargoed ones only through the
    // API, which answers the keyed download request with a presigned URL that needs no key itself.
    let url: string;
    if (asset.embargoed || asset.s3Url === undefined) url = await client.downloadLocation(asset.assetId, signal);
    else url = resolveObjectUrl(this.config.s3, asset.s3Url);
    return {
      kind: 'remote',
      uri,
      name: lastSegment(asset.path),
      url,
      size: asset.size,
      digests: asset.digests,
      ...(asset.encodingFormat === undefined ? {} : { contentType: asset.encodingFormat }),
      ...(asset.s3 === undefined ? {} : { object: asset.s3 }),
      asset,
    };
  }

  async *#listBucketTarget(
    bucketName: string,
    key: string,
    options: ArchiveCallOptions,
  ): AsyncGenerator<ArchiveEntry[]> {
    if (key === '' || key.endsWith('/')) {
      let any = key === '';
      for await (const entries of this.#listBucket(bucketName, key, options)) {
        if (entries.length > 0) any = true;
        if (any) yield entries;
      }
      if (!any)
        throw new NotFoundError(
          `There is nothing under s3://${bucketName}/${key} (no such folder).`,
          `s3://${bucketName}/${key}`,
        );
      return;
    }
    // A key without a trailing slash may name a folder (`ls s3://b/other`) or an object.
    let any = false;
    for await (const entries of this.#listBucket(bucketName, `${key}/`, options)) {
      if (entries.length > 0) any = true;
      if (any) yield entries;
    }
    if (any) return;
    const target: ArchiveTarget = { kind: 'bucket', bucket: bucketName, key };
    const location = await this.resolveFile(target, options).catch((error: unknown) => {
      const uri = this.format(target);
      if (error instanceof NotFoundError) throw new NotFoundError(`There is no file or folder at ${uri}.`, uri);
      throw error;
    });
    yield [fileEntry(location, target)];
  }

  async *#listBucket(bucketName: string, prefix: string, options: ArchiveCallOptions): AsyncGenerator<ArchiveEntry[]> {
    const listing = this.bucket(bucketName).listPrefix(prefix, {
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    for await (const page of listing) yield this.#bucketEntries(bucketName, page);
  }

  #bucketEntries(bucketName: string, page: BucketPage): ArchiveEntry[] {
    const folders = page.folders.map((folder): ArchiveEntry => {
      const target: ArchiveTarget = { kind: 'bucket', bucket: bucketName, key: folder.prefix };
      return { name: folder.name, kind: 'folder', uri: this.format(target), target };
    });
    const files = page.objects
      // A zero-byte "folder marker" object named like the prefix itself is not a file of the folder.
      .filter((object) => !object.key.endsWith('/'))
      .map((object): ArchiveEntry => {
        const target: ArchiveTarget = { kind: 'bucket', bucket: bucketName, key: object.key };
        return {
          name: object.name,
          kind: 'file',
          size: object.size,
          uri: this.format(target),
          ...(object.lastModified === undefined ? {} : { modified: object.lastModified.toISOString() }),
          target,
        };
      });
    return [...folders, ...files];
  }

  async *#listDandisets(instance: string, options: ArchiveCallOptions): AsyncGenerator<ArchiveEntry[]> {
    const client = this.dandi(instance);
    // With a key, the user's own embargoed dandisets are listed too (the server hides them from everyone else).
    const embargoed = this.config.apiKeys[client.instance.name] !== undefined ? { embargoed: true } : {};
    const query = {
      ordering: 'id',
      ...embargoed,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.search === undefined ? {} : { search: options.search }),
    };
    const pages = client.dandisets(query, options.signal);
    for await (const page of pages)
      yield page.results.map((dandiset) => this.#dandisetEntry(client.instance.name, dandiset));
  }

  #dandisetEntry(instance: string, dandiset: Dandiset): ArchiveEntry {
    const version = dandiset.most_recent_published_version ?? dandiset.draft_version;
    const target: ArchiveTarget = { kind: 'dandiset', instance, dandisetId: dandiset.identifier, path: '' };
    return {
      name: dandiset.identifier,
      kind: 'folder',
      ...(version ? { size: version.size, fileCount: version.asset_count, title: version.name } : {}),
      uri: this.format(target),
      modified: dandiset.modified,
      status: dandisetStatus(dandiset),
      target,
    };
  }

  async *#listDandiset(target: DandisetTarget, options: ArchiveCallOptions): AsyncGenerator<ArchiveEntry[]> {
    const client = this.dandi(target.instance);
    const version = await client.resolveVersion(target.dandisetId, target.version, options.signal);
    const pinned: DandisetTarget = {
      kind: 'dandiset',
      instance: client.instance.name,
      dandisetId: target.dandisetId,
      version,
      path: target.path,
    };
    const pageOptions = {
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
    if (target.glob !== undefined) {
      // The server's glob over whole paths: the matching assets, files and Zarr stores alike.
      const query = {
        glob: target.glob,
        order: 'path' as const,
        ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      };
      for await (const page of client.assets(target.dandisetId, version, query, options.signal)) {
        yield foldersFirst(
          await Promise.all(
            page.results.map((asset) => this.#assetSummaryEntry(client, pinned, asset, options.signal)),
          ),
        );
      }
      return;
    }
    if (target.path === '' || target.path.endsWith('/')) {
      for await (const page of client.listPaths(target.dandisetId, version, target.path, pageOptions)) {
        yield this.#pathEntries(pinned, page.results);
      }
      return;
    }
    // No trailing slash: a file if an asset has exactly this path (dandi-cli looks it up with `assets/?path=`; the
    // paths endpoint answers a file's path with 200 and no rows), else a folder named without its slash.
    const asset = await client.findAssetByPath(target.dandisetId, version, target.path, options.signal);
    if (asset) {
      yield [await this.#assetSummaryEntry(client, pinned, asset, options.signal)];
      return;
    }
    try {
      for await (const page of client.listPaths(target.dandisetId, version, `${target.path}/`, pageOptions)) {
        yield this.#pathEntries(pinned, page.results);
      }
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new NotFoundError(
        `There is no file or folder "${target.path}" in dandiset ${target.dandisetId}@${version} on ${client.instance.name}.`,
        this.format(pinned),
      );
    }
  }

  /** The entry of one asset of a listing: a file, or a Zarr store as a folder-like entry. */
  async #assetSummaryEntry(
    client: DandiClient,
    pinned: DandisetTarget,
    asset: AssetSummary,
    signal?: AbortSignal,
  ): Promise<ArchiveEntry> {
    if (asset.zarr !== null) {
      const where =
        pinned.version === undefined ? undefined : { dandisetId: pinned.dandisetId, version: pinned.version };
      const resolved = await client.resolveAsset(asset.asset_id, where, signal);
      return this.#zarrEntry(asset.path, asset.size, resolved.s3Url);
    }
    const fileTarget: DandisetTarget = { ...withoutGlob(pinned), path: asset.path };
    return {
      name: lastSegment(asset.path),
      kind: 'file',
      size: asset.size,
      uri: this.format(fileTarget),
      modified: asset.modified,
      target: fileTarget,
    };
  }

  /** A Zarr asset as a folder-like entry whose target is its prefix in the bucket. */
  #zarrEntry(path: string, size: number, prefixUrl: string | undefined): ArchiveEntry {
    const prefix = prefixUrl === undefined ? undefined : parseBucketUrl(prefixUrl, this.config.s3);
    if (prefix === undefined) {
      throw new ZarrAssetError(
        `The Zarr asset "${path}" gives no bucket prefix for its objects, so it cannot be listed.`,
        path,
        prefixUrl ?? '',
      );
    }
    const target: ArchiveTarget = {
      kind: 'bucket',
      bucket: prefix.bucket,
      key: prefix.key.endsWith('/') ? prefix.key : `${prefix.key}/`,
    };
    return { name: lastSegment(path), kind: 'folder', size, uri: this.format(target), format: 'zarr', target };
  }

  #pathEntries(parent: DandisetTarget, paths: AssetPath[]): ArchiveEntry[] {
    const entries = paths.map((row): ArchiveEntry => {
      // A Zarr asset's row points at its prefix (`asset.url` ends with "/"), not at an object.
      if (row.asset !== null && row.asset.url.endsWith('/'))
        return this.#zarrEntry(row.path, row.aggregate_size, row.asset.url);
      const folder = row.asset === null;
      const target: DandisetTarget = { ...parent, path: folder ? `${row.path}/` : row.path };
      return {
        name: lastSegment(row.path),
        kind: folder ? 'folder' : 'file',
        size: row.aggregate_size,
        ...(folder ? { fileCount: row.aggregate_files } : {}),
        uri: this.format(target),
        target,
      };
    });
    return foldersFirst(entries);
  }

  async *#listLocal(path: string): AsyncGenerator<ArchiveEntry[]> {
    const local = this.#local();
    const stat = await local.stat(path);
    if (!stat) {
      // A bare six-digit name is more likely a dandiset than a local folder.
      const hint = /^\d{6}$/.test(path) ? `; for the dandiset, use EMBER-DANDI:${path}` : '';
      throw new NotFoundError(`There is no file or folder ${path}${hint}.`, path);
    }
    if (!stat.isDirectory) {
      const target: ArchiveTarget = { kind: 'local', path };
      yield [
        {
          name: lastSegment(path),
          kind: 'file',
          size: stat.size,
          uri: path,
          modified: stat.modified.toISOString(),
          target,
        },
      ];
      return;
    }
    for await (const page of local.list(path)) {
      const entries = page.map((entry): ArchiveEntry => {
        const child = `${path.replace(/\/+$/, '')}/${entry.name}`;
        const target: ArchiveTarget = { kind: 'local', path: child };
        return {
          name: entry.name,
          kind: entry.isDirectory ? 'folder' : 'file',
          ...(entry.isDirectory ? {} : { size: entry.size }),
          uri: child,
          modified: entry.modified.toISOString(),
          target,
        };
      });
      yield foldersFirst(entries);
    }
  }

  #local(): LocalFiles {
    if (!this.#options.localFiles) {
      throw new InvalidInputError(
        'Local files cannot be read here (no file system access); use an archive identifier.',
      );
    }
    return this.#options.localFiles;
  }
}

function fileEntry(location: FileLocation, target: ArchiveTarget): ArchiveEntry {
  return {
    name: location.name,
    kind: 'file',
    ...(location.size === undefined ? {} : { size: location.size }),
    uri: location.uri,
    target,
  };
}

function foldersFirst(entries: ArchiveEntry[]): ArchiveEntry[] {
  return [...entries.filter((e) => e.kind === 'folder'), ...entries.filter((e) => e.kind === 'file')];
}

function assetScope(target: {
  dandisetId?: string;
  version?: string;
}): { dandisetId: string; version: string } | undefined {
  return target.dandisetId !== undefined && target.version !== undefined
    ? { dandisetId: target.dandisetId, version: target.version }
    : undefined;
}

function withoutGlob(target: DandisetTarget): DandisetTarget {
  const { glob: _glob, ...rest } = target;
  return rest;
}

/** The typed refusal for a Zarr asset where one file is needed, naming where its objects are. */
export function zarrNotAFile(uri: string, asset: ResolvedAsset): ZarrAssetError {
  const prefix = asset.s3 ? formatS3Uri(asset.s3) : (asset.s3Url ?? '');
  const where = prefix === '' ? '' : ` (its objects are under ${prefix})`;
  return new ZarrAssetError(
    `"${uri}" is a Zarr store, a folder of objects${where}, not one file; ember-archive cannot open Zarr: list it with ls or download it.`,
    uri,
    prefix,
  );
}

function notAFile(uri: string): InvalidInputError {
  return new InvalidInputError(`"${uri}" is a folder, not a file.`, uri);
}

function lastSegment(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** A dandiset's state for listings (dandi-archive's Dandiset.embargo_status: OPEN, EMBARGOED, UNEMBARGOING). */
function dandisetStatus(dandiset: Dandiset): NonNullable<ArchiveEntry['status']> {
  if (dandiset.embargo_status === 'EMBARGOED') return 'embargoed';
  if (dandiset.embargo_status === 'UNEMBARGOING') return 'unembargoing';
  return dandiset.most_recent_published_version ? 'published' : 'draft';
}
