// What the sample world holds, independent of any server: the bucket's objects plus the dandisets, versions and
// assets that the DANDI API emulator serves. Plain JSON-able data, so a built world can be cached on disk.
import type { ObjectStore } from '../store.js';
import type { BlobDigests } from './digests.js';

/** Embargo states of a dandiset, as dandi-archive's `Dandiset.EmbargoStatus` spells them. */
export type EmbargoStatus = 'OPEN' | 'EMBARGOED' | 'UNEMBARGOING';

/** One asset: a path in a dandiset version pointing at a blob, or at a Zarr store, in the bucket. */
export interface WorldAsset {
  assetId: string;
  /** The blob's uuid; null for a Zarr asset. */
  blobId: string | null;
  /** Bucket key of the blob, `blobs/<3hex>/<3hex>/<blobId>`; null for a Zarr asset. */
  blobKey: string | null;
  /** The Zarr store of a Zarr asset; null for a blob. */
  zarr: WorldZarr | null;
  path: string;
  /** Bytes: the blob's, or the sum of the store's objects. */
  size: number;
  created: string;
  modified: string;
  encodingFormat: string;
  digest: BlobDigests | ZarrDigests;
  /** The metadata the archive stores, without the fields it computes on the fly (id, path, contentUrl, digest ...). */
  metadata: Record<string, unknown>;
}

/** An asset whose bytes are one blob. */
export type BlobAsset = WorldAsset & { blobId: string; blobKey: string; zarr: null; digest: BlobDigests };

/** A Zarr store in the bucket (dandi-archive `ZarrArchive`). */
export interface WorldZarr {
  zarrId: string;
  /** Bucket prefix of its objects, `zarr/<zarrId>/`. */
  prefix: string;
  fileCount: number;
  /** dandi-zarr-checksum of the store. */
  checksum: string;
  /** Its objects, keyed relative to the prefix, with their S3 ETags (MD5: single-part uploads). */
  files: Array<{ path: string; size: number; etag: string }>;
}

/** The only digest DANDI records for a Zarr asset. */
export interface ZarrDigests {
  'dandi:dandi-zarr-checksum': string;
}

/** One version of a dandiset: `draft` or a published `0.YYMMDD.NNNN`. */
export interface WorldVersion {
  version: string;
  name: string;
  /** dandi-archive `Version.Status`: Pending, Validating, Valid, Invalid, Publishing, Published. */
  status: 'Valid' | 'Published';
  created: string;
  modified: string;
  /** The Dandiset metadata document (dandi-schema), without `url`, which depends on where the API runs. */
  metadata: Record<string, unknown>;
  /** Asset ids in creation order. */
  assetIds: string[];
}

/** One dandiset with its versions, oldest first. */
export interface WorldDandiset {
  /** Six digits, e.g. "000463". */
  identifier: string;
  created: string;
  modified: string;
  embargoStatus: EmbargoStatus;
  contactPerson: string;
  versions: WorldVersion[];
}

/** The dandisets and their assets, JSON-serialisable. */
export interface WorldCatalog {
  dandisets: WorldDandiset[];
  assets: WorldAsset[];
}

/** A built world: the bucket contents and the catalog the API serves. */
export interface World {
  seed: number;
  bucket: string;
  store: ObjectStore;
  catalog: WorldCatalog;
}

/** The bucket every sample world fills, named like the real EMBER Open Data bucket. */
export const SAMPLE_BUCKET = 'ember-open-data';
