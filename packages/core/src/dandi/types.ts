// The DANDI REST API's JSON, typed and validated. Field names follow the dandi-archive server:
// dandiapi/api/views/serializers.py (DandisetListSerializer, DandisetDetailSerializer, DandisetVersionSerializer,
// VersionDetailSerializer, AssetSerializer, AssetPathsSerializer + AssetFileSerializer), views/info.py
// (ApiInfoSerializer), views/pagination.py (DandiPagination: count/next/previous/results, page_size <= 1000; the
// lazy paginator sends count only on page 1) and, for asset metadata, the dandischema Asset model.
import type { JsonShape } from './json-shape.js';

/** `embargo_status` of a dandiset. */
export type EmbargoStatus = 'OPEN' | 'EMBARGOED' | 'UNEMBARGOING';

/** A version as nested in a dandiset (`draft_version`, `most_recent_published_version`) or listed by `versions/`. */
export interface DandisetVersion {
  /** "draft" or a published version such as "0.250101.1200". */
  version: string;
  /** The dandiset's title in this version. */
  name: string;
  asset_count: number;
  size: number;
  /** "Pending", "Validating", "Valid", "Invalid", "Publishing", "Published". */
  status: string;
  created: string;
  modified: string;
}

/** One dandiset as `dandisets/` and `dandisets/{id}/` give it. */
export interface Dandiset {
  /** Six digits, e.g. "000463". */
  identifier: string;
  created: string;
  modified: string;
  contact_person: string;
  embargo_status: EmbargoStatus;
  draft_version: DandisetVersion | null;
  most_recent_published_version: DandisetVersion | null;
}

/** `versions/{version}/info/`: the version plus its validation state and metadata. */
export interface VersionInfo extends DandisetVersion {
  metadata: DandisetMetadata;
  contact_person?: string;
}

/** The dandischema Dandiset document of a version (kept whole; the fields below are the ones read here). */
export interface DandisetMetadata {
  name?: string;
  description?: string;
  identifier?: string;
  [field: string]: unknown;
}

/** `/info/`. */
export interface ServerInfo {
  schema_version: string;
  version?: string;
  /** Service URLs: `api`, `webui`, `jupyterhub`. */
  services: { api?: string; webui?: string; jupyterhub?: string };
}

/** One row of `assets/paths/`: a folder (asset null) or a file directly under the requested folder. */
export interface AssetPath {
  /** Full path from the dandiset root, without a trailing slash, e.g. "sub-ADPTM01" or "sub-ADPTM01/x.nwb". */
  path: string;
  /** Files at or below this path. */
  aggregate_files: number;
  /** Bytes at or below this path. */
  aggregate_size: number;
  /** For a file: its asset id and blob URL. */
  asset: { asset_id: string; url: string } | null;
}

/** One row of `assets/`. */
export interface AssetSummary {
  asset_id: string;
  /** Blob uuid (null for Zarr assets). */
  blob: string | null;
  zarr: string | null;
  path: string;
  size: number;
  created: string;
  modified: string;
}

/** Digests of an asset, by dandischema's names. */
export interface AssetDigests {
  /** SHA-256 of the whole file, hex. */
  'dandi:sha2-256'?: string;
  /** S3 multipart ETag with DANDI's part size rule, `<md5>-<parts>`. */
  'dandi:dandi-etag'?: string;
  /** A Zarr asset's only digest, `<md5>-<files>--<bytes>` (dandi/zarr_checksum). */
  'dandi:dandi-zarr-checksum'?: string;
  [algorithm: string]: string | undefined;
}

/** An asset's dandischema metadata (`assets/{id}/`), kept whole with the fields read here typed. */
export interface AssetMetadata {
  /** The asset id (uuid), from `identifier`. */
  identifier: string;
  path: string;
  contentSize: number;
  encodingFormat?: string;
  digest: AssetDigests;
  /** [API download URL, S3 URL] in practice; pick by form, not by position. */
  contentUrl: string[];
  dateModified?: string;
  blobDateModified?: string;
  /** `access[].status`, e.g. "dandi:OpenAccess", "dandi:EmbargoedAccess". */
  accessStatus?: string;
  raw: Record<string, unknown>;
}

/** A page of a paginated listing. */
export interface Page<T> {
  /** Total across pages; only on the first page of lazily paginated listings. */
  count: number | null;
  next: string | null;
  results: T[];
}

/** Validate a page envelope and its items. */
export function readPage<T>(shape: JsonShape, item: (s: JsonShape) => T): Page<T> {
  return {
    count: shape.optNumber('count') ?? null,
    next: shape.optString('next') ?? null,
    results: shape.objects('results').map(item),
  };
}

/** Validate a version. */
export function readVersion(s: JsonShape): DandisetVersion {
  return {
    version: s.string('version'),
    name: s.string('name'),
    asset_count: s.number('asset_count'),
    size: s.number('size'),
    status: s.string('status'),
    created: s.string('created'),
    modified: s.string('modified'),
  };
}

/** Validate a dandiset. */
export function readDandiset(s: JsonShape): Dandiset {
  const status = s.optString('embargo_status') ?? 'OPEN';
  const draft = s.optObject('draft_version');
  const published = s.optObject('most_recent_published_version');
  return {
    identifier: s.string('identifier'),
    created: s.string('created'),
    modified: s.string('modified'),
    contact_person: s.optString('contact_person') ?? '',
    embargo_status: status === 'EMBARGOED' || status === 'UNEMBARGOING' ? status : 'OPEN',
    draft_version: draft ? readVersion(draft) : null,
    most_recent_published_version: published ? readVersion(published) : null,
  };
}

/** Validate a version's info. */
export function readVersionInfo(s: JsonShape): VersionInfo {
  const contact = s.optString('contact_person');
  return {
    ...readVersion(s),
    metadata: s.object('metadata').raw as DandisetMetadata,
    ...(contact === undefined ? {} : { contact_person: contact }),
  };
}

/** Validate `/info/`. */
export function readServerInfo(s: JsonShape): ServerInfo {
  const services = s.optObject('services');
  const url = (name: string) => services?.optObject(name)?.optString('url');
  const api = url('api');
  const webui = url('webui');
  const jupyterhub = url('jupyterhub');
  const version = s.optString('version');
  return {
    schema_version: s.string('schema_version'),
    ...(version === undefined ? {} : { version }),
    services: {
      ...(api === undefined ? {} : { api }),
      ...(webui === undefined ? {} : { webui }),
      ...(jupyterhub === undefined ? {} : { jupyterhub }),
    },
  };
}

/** Validate one `assets/paths/` row. */
export function readAssetPath(s: JsonShape): AssetPath {
  const asset = s.optObject('asset');
  return {
    path: s.string('path'),
    aggregate_files: s.number('aggregate_files'),
    aggregate_size: s.number('aggregate_size'),
    asset: asset ? { asset_id: asset.string('asset_id'), url: asset.optString('url') ?? '' } : null,
  };
}

/** Validate one `assets/` row. */
export function readAssetSummary(s: JsonShape): AssetSummary {
  return {
    asset_id: s.string('asset_id'),
    blob: s.optString('blob') ?? null,
    zarr: s.optString('zarr') ?? null,
    path: s.string('path'),
    size: s.number('size'),
    created: s.string('created'),
    modified: s.string('modified'),
  };
}

/** Validate asset metadata (dandischema Asset). */
export function readAssetMetadata(s: JsonShape): AssetMetadata {
  const access = s.raw.access;
  let accessStatus: string | undefined;
  if (Array.isArray(access)) {
    const first: unknown = access[0];
    if (typeof first === 'object' && first !== null && typeof (first as { status?: unknown }).status === 'string') {
      accessStatus = (first as { status: string }).status;
    }
  }
  const encodingFormat = s.optString('encodingFormat');
  const dateModified = s.optString('dateModified');
  const blobDateModified = s.optString('blobDateModified');
  return {
    identifier: s.string('identifier'),
    path: s.string('path'),
    contentSize: s.number('contentSize'),
    digest: s.optStringMap('digest') ?? {},
    contentUrl: s.optStrings('contentUrl') ?? [],
    ...(encodingFormat === undefined ? {} : { encodingFormat }),
    ...(dateModified === undefined ? {} : { dateModified }),
    ...(blobDateModified === undefined ? {} : { blobDateModified }),
    ...(accessStatus === undefined ? {} : { accessStatus }),
    raw: s.raw,
  };
}
