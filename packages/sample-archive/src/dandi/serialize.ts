// JSON shapes of dandi-archive's serializers (dandiapi/api/views/serializers.py) and computed metadata
// (dandiapi/api/models/asset.py `Asset.full_metadata`, `AssetBlob.digest`, `AssetBlob.s3_url`).
import { SAMPLE_INSTANCE_NAME } from '../world/dandisets.js';
import type { WorldAsset, WorldDandiset } from '../world/model.js';
import type { CatalogIndex, PathNode, VersionEntry } from './catalog-index.js';

/** Where the running servers are; known only once they listen. */
export interface ApiUrls {
  /** API base URL ending in `/api`, e.g. `http://127.0.0.1:4001/api`. */
  api: string;
  /** S3 endpoint, e.g. `http://127.0.0.1:4000`. */
  s3: string;
  bucket: string;
}

/** The S3 URL of a blob, path style (`<endpoint>/<bucket>/<key>`), as `AssetBlob.s3_url` gives it without query. */
export function s3Url(urls: ApiUrls, key: string): string {
  return `${urls.s3.replace(/\/$/, '')}/${urls.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Where an asset's bytes are in the bucket (`Asset.s3_url`): the blob's object, or the Zarr's prefix, which ends
 * with "/" and is not an object.
 */
export function assetS3Url(urls: ApiUrls, asset: WorldAsset): string {
  return s3Url(urls, asset.zarr?.prefix ?? asset.blobKey ?? '');
}

/** The web UI base; the sample archive has none, so links point at the API host's root. */
export function webUiUrl(urls: ApiUrls): string {
  return new URL(urls.api).origin;
}

/** DandisetVersionSerializer (inside list items): version, name, asset_count, size, status, created, modified. */
export function dandisetVersion(entry: VersionEntry) {
  return {
    version: entry.version.version,
    name: entry.version.name,
    asset_count: entry.assets.length,
    size: entry.size,
    status: entry.version.status,
    created: entry.version.created,
    modified: entry.version.modified,
  };
}

/** DandisetSerializer: the fields every dandiset shape shares. */
function dandisetBase(index: CatalogIndex, dandiset: WorldDandiset) {
  return {
    identifier: dandiset.identifier,
    created: dandiset.created,
    modified: dandiset.modified,
    contact_person: dandiset.contactPerson,
    embargo_status: dandiset.embargoStatus,
    star_count: 0,
    is_starred: false,
  };
}

/** DandisetListSerializer: one item of `GET /dandisets/`. */
export function dandisetListItem(index: CatalogIndex, dandiset: WorldDandiset) {
  const draft = index.draft(dandiset);
  const published = index.latestPublished(dandiset);
  return {
    ...dandisetBase(index, dandiset),
    most_recent_published_version: published ? dandisetVersion(published) : null,
    draft_version: draft ? dandisetVersion(draft) : null,
  };
}

/** VersionSerializer(child_context=True): a version without its dandiset, as nested in the detail. */
function versionChild(entry: VersionEntry) {
  return {
    version: entry.version.version,
    name: entry.version.name,
    asset_count: entry.assets.length,
    active_uploads: 0,
    size: entry.size,
    status: entry.version.status,
    created: entry.version.created,
    modified: entry.version.modified,
    // VersionSerializer.release_notes: the metadata's releaseNotes, or "".
    release_notes: typeof entry.version.metadata.releaseNotes === 'string' ? entry.version.metadata.releaseNotes : '',
  };
}

/** DandisetDetailSerializer: `GET /dandisets/{id}/`. */
export function dandisetDetail(index: CatalogIndex, dandiset: WorldDandiset) {
  const draft = index.draft(dandiset);
  const published = index.latestPublished(dandiset);
  return {
    ...dandisetBase(index, dandiset),
    most_recent_published_version: published ? versionChild(published) : null,
    draft_version: draft ? versionChild(draft) : null,
  };
}

/** VersionSerializer: one item of `GET /dandisets/{id}/versions/`. */
export function versionItem(index: CatalogIndex, entry: VersionEntry) {
  return { ...versionChild(entry), dandiset: dandisetBase(index, entry.dandiset) };
}

/** `DANDI_DOI_API_PREFIX` of the sample: 10.80507, DataCite's test prefix, which dandi-archive's tests use. */
export const SAMPLE_DOI_PREFIX = '10.80507';

/**
 * The Dandiset metadata document of a version with the fields the server sets (dandiapi/api/models/version.py
 * `_populate_metadata`, dandiapi/api/manifests.py): `id` and `identifier` with the instance's prefix, `url` and
 * `repository` on the web UI, `manifestLocation` (the draft's asset list on the API, a published version's
 * `assets.yaml` in the bucket), and a `doi` for published versions.
 */
export function versionMetadata(urls: ApiUrls, entry: VersionEntry): Record<string, unknown> {
  const id = entry.dandiset.identifier;
  const version = entry.version.version;
  const api = new URL(urls.api).origin;
  const published = version !== 'draft';
  return {
    ...entry.version.metadata,
    id: `${SAMPLE_INSTANCE_NAME}:${id}/${version}`,
    identifier: `${SAMPLE_INSTANCE_NAME}:${id}`,
    repository: webUiUrl(urls),
    url: `${webUiUrl(urls)}/dandiset/${id}/${version}`,
    manifestLocation: [
      published
        ? s3Url(urls, `dandisets/${id}/${version}/assets.yaml`)
        : `${api}/api/dandisets/${id}/versions/draft/assets/`,
    ],
    ...(published ? { doi: `${SAMPLE_DOI_PREFIX}/${SAMPLE_INSTANCE_NAME.toLowerCase()}.${id}/${version}` } : {}),
  };
}

/** VersionDetailSerializer: `GET /dandisets/{id}/versions/{version}/info/`. */
export function versionInfo(index: CatalogIndex, urls: ApiUrls, entry: VersionEntry) {
  return {
    ...versionItem(index, entry),
    asset_validation_errors: [],
    version_validation_errors: [],
    metadata: versionMetadata(urls, entry),
    contact_person: entry.dandiset.contactPerson,
  };
}

/**
 * `access` of an asset (dandiapi/api/models/asset.py `access_metadata`): embargoed while every dandiset holding it
 * is embargoed, with the `embargoedUntil` of the dandiset's embargo; open otherwise.
 */
export function assetAccess(index: CatalogIndex, asset: WorldAsset): Record<string, unknown>[] {
  const holders = index.dandisetsOf(asset.assetId);
  const embargoed = holders.length > 0 && holders.every((d) => d.embargoStatus !== 'OPEN');
  if (!embargoed) return [{ schemaKey: 'AccessRequirements', status: 'dandi:OpenAccess' }];
  const holder = holders[0];
  const draftAccess = holder
    ? (index.draft(holder)?.version.metadata.access as Array<{ embargoedUntil?: string }> | undefined)
    : undefined;
  const until = draftAccess?.[0]?.embargoedUntil;
  return [
    {
      schemaKey: 'AccessRequirements',
      status: 'dandi:EmbargoedAccess',
      ...(until === undefined ? {} : { embargoedUntil: until }),
    },
  ];
}

/** `Asset.full_metadata`: stored metadata plus id, path, identifier, contentUrl, contentSize, digest, access. */
export function assetMetadata(urls: ApiUrls, index: CatalogIndex, asset: WorldAsset): Record<string, unknown> {
  const schemaVersion = String(asset.metadata.schemaVersion);
  return {
    ...asset.metadata,
    id: `dandiasset:${asset.assetId}`,
    path: asset.path,
    identifier: asset.assetId,
    contentUrl: [`${urls.api}/assets/${asset.assetId}/download/`, assetS3Url(urls, asset)],
    contentSize: asset.size,
    digest: { ...asset.digest },
    access: assetAccess(index, asset),
    '@context': `https://raw.githubusercontent.com/dandi/schema/master/releases/${schemaVersion}/context.json`,
  };
}

/** AssetSerializer: one item of the asset list; `metadata` only when asked for. */
export function assetItem(urls: ApiUrls, index: CatalogIndex, asset: WorldAsset, withMetadata: boolean) {
  const item = {
    asset_id: asset.assetId,
    blob: asset.blobId,
    zarr: asset.zarr?.zarrId ?? null,
    path: asset.path,
    size: asset.size,
    created: asset.created,
    modified: asset.modified,
  };
  return withMetadata ? { ...item, metadata: assetMetadata(urls, index, asset) } : item;
}

/** AssetPathsSerializer: one row of `assets/paths/`; `asset` is `{asset_id, url}` (url = S3 URL) for files, null for folders. */
export function pathRow(urls: ApiUrls, entry: VersionEntry, node: PathNode) {
  return {
    path: node.path,
    version: entry.pk,
    aggregate_files: node.aggregateFiles,
    aggregate_size: node.aggregateSize,
    asset: node.asset ? { asset_id: node.asset.assetId, url: assetS3Url(urls, node.asset) } : null,
  };
}
