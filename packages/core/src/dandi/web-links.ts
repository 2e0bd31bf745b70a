// Where a person opens an asset in a browser: the instance's own web file browser (dandi-archive's
// /dandiset/{id}/{version}/files?location={folder} route) and Neurosift, in the form the DANDI web app's "Open
// with" menu and DANDI's example notebooks use (https://neurosift.app/nwb?url=<API download URL>&dandisetId=
// &dandisetVersion=). Shared by every front end that shows an asset, so the links are built in one place.
import type { DandiInstance } from '../config.js';
import type { ResolvedAsset } from './dandi-client.js';

/** A labelled link to open an asset on the web. */
export interface WebLink {
  label: string;
  url: string;
}

/** Links to the asset in the instance's web browser (when it has one) and, for NWB files, in Neurosift. */
export function dandiWebLinks(instance: Pick<DandiInstance, 'web'>, asset: Pick<ResolvedAsset, 'dandisetId' | 'version' | 'path' | 'downloadUrl'>): WebLink[] {
  const links: WebLink[] = [];
  const version = asset.version ?? 'draft';
  if (instance.web && asset.dandisetId) {
    const folder = asset.path.includes('/') ? asset.path.slice(0, asset.path.lastIndexOf('/')) : '';
    const files = new URL(`${instance.web}/dandiset/${asset.dandisetId}/${version}/files`);
    files.searchParams.set('location', folder);
    links.push({ label: 'DANDI web', url: files.toString() });
  }
  if (/\.nwb$/i.test(asset.path)) {
    // Neurosift reads its query raw (the download URL unencoded), as the DANDI web app writes it.
    const dandiset = asset.dandisetId ? `&dandisetId=${asset.dandisetId}&dandisetVersion=${version}` : '';
    links.push({ label: 'Neurosift', url: `https://neurosift.app/nwb?url=${asset.downloadUrl}${dandiset}` });
  }
  return links;
}
