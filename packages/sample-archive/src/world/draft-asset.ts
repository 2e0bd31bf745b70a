// Adding one blob as an asset of a dandiset's draft after the world is built: the large benchmark NWB, and files
// that benchmarks bring along (e.g. the download benchmark's random gigabyte, served as a DANDI asset so clients
// see both of its digests, as they do for every real blob).
import { statSync } from 'node:fs';
import { SAMPLE_EPOCH } from '../store.js';
import { SAMPLE_SCHEMA_VERSION } from './dandisets.js';
import type { BlobDigests } from './digests.js';
import type { BlobAsset, World, WorldCatalog } from './model.js';
import { blobKey, stableUuid } from './random.js';

/** One blob to list as an asset. */
export interface DraftAssetSpec {
  /** Six digits, e.g. "000463"; its draft gets the asset. */
  dandiset: string;
  /** Path inside the dandiset. */
  path: string;
  size: number;
  digest: BlobDigests;
  encodingFormat: string;
  variableMeasured?: string[];
}

/**
 * The asset for `spec`, added to `catalog` and its dandiset's draft (counted in its assetsSummary) unless already
 * there. Its ids derive from the seed and path, so the same spec gives the same asset in every run.
 */
export function addDraftAsset(catalog: WorldCatalog, seed: number, spec: DraftAssetSpec): BlobAsset {
  const blobId = stableUuid(seed, `blob/${spec.dandiset}/${spec.path}`);
  const assetId = stableUuid(seed, `asset/${spec.dandiset}/${spec.path}`);
  const existing = catalog.assets.find((a): a is BlobAsset => a.assetId === assetId && a.blobKey !== null);
  if (existing) return existing;
  const draft = catalog.dandisets
    .find((d) => d.identifier === spec.dandiset)
    ?.versions.find((v) => v.version === 'draft');
  if (!draft) throw new Error(`The sample world has no draft of dandiset ${spec.dandiset} to add "${spec.path}" to.`);
  const when = SAMPLE_EPOCH.toISOString().replace('.000Z', '.000000Z');
  const asset: BlobAsset = {
    assetId,
    blobId,
    blobKey: blobKey(blobId),
    zarr: null,
    path: spec.path,
    size: spec.size,
    created: when,
    modified: when,
    encodingFormat: spec.encodingFormat,
    digest: spec.digest,
    metadata: {
      schemaKey: 'Asset',
      schemaVersion: SAMPLE_SCHEMA_VERSION,
      encodingFormat: spec.encodingFormat,
      access: [{ schemaKey: 'AccessRequirements', status: 'dandi:OpenAccess' }],
      dateModified: when,
      blobDateModified: when,
      variableMeasured: (spec.variableMeasured ?? []).map((value) => ({ schemaKey: 'PropertyValue', value })),
    },
  };
  catalog.assets.push(asset);
  draft.assetIds.push(asset.assetId);
  const summary = draft.metadata.assetsSummary as { numberOfBytes: number; numberOfFiles: number };
  summary.numberOfBytes += spec.size;
  summary.numberOfFiles += 1;
  return asset;
}

/** Serve the file at `file` as the blob of a new draft asset of a built world (its S3 ETag is the dandi-etag). */
export function addFileAsset(world: World, spec: Omit<DraftAssetSpec, 'size'> & { file: string }): BlobAsset {
  const { file, ...rest } = spec;
  const asset = addDraftAsset(world.catalog, world.seed, { ...rest, size: statSync(file).size });
  world.store.putFile(asset.blobKey, file, spec.digest['dandi:dandi-etag']);
  return asset;
}
