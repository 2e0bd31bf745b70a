// What the sample world holds, independent of any server: the bucket's objects plus the dandisets, versions and
// assets that the DANDI API emulator serves. Plain JSON-able data, so a built world can be cached on disk.
import type { ObjectStore } from '../store.js';
import type { BlobDigests } from './digests.js';

/** Embargo states of a dandiset, as dandi-archive's `Dandiset.EmbargoStatus` spells them. */
export type EmbargoStatus = 'OPEN' | 'EMBARGOED' | 'UNEMBARGOING';

/** One asset: a path in a dandiset version pointing at a blob in the bucket. */
export interface WorldAsset {
  assetId: string;
  blobId: string;
  /** Bucket key of the blob, `blobs/<3hex>/<3hex>/<blobId>`. */
  blobKey: string;
  path: string;
  size: number;
  created: string;
  modified: string;
  encodingFormat: string;
  digest: BlobDigests;
  /** The metadata the archive stores, without the fields it computes on the fly (id, path, contentUrl, digest ...). */
  metadata: Record<string, unknown>;
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
