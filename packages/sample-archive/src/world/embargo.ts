// Which blobs the bucket hides. A blob is tagged embargoed while only embargoed dandisets hold it; one that an open
// dandiset also holds is open (dandi-archive doc/design/embargo-redesign.md, "Semantic Quirks of Embargo").
import type { WorldCatalog } from './model.js';

/** Bucket keys of the blobs that only embargoed (or unembargoing) dandisets hold. */
export function embargoedBlobKeys(catalog: WorldCatalog): Set<string> {
  // Zarr stores are never embargoed: dandi-archive refuses a Zarr in an embargoed dandiset
  // (dandiapi/zarr/views/__init__.py ZarrViewSet.create).
  const keyOf = new Map(catalog.assets.flatMap((a) => (a.blobKey === null ? [] : [[a.assetId, a.blobKey] as const])));
  const hidden = new Set<string>();
  const open = new Set<string>();
  for (const dandiset of catalog.dandisets) {
    const into = dandiset.embargoStatus === 'OPEN' ? open : hidden;
    for (const version of dandiset.versions) {
      for (const id of version.assetIds) {
        const key = keyOf.get(id);
        if (key !== undefined) into.add(key);
      }
    }
  }
  for (const key of open) hidden.delete(key);
  return hidden;
}
