// A file's details without opening it, as the terminal's details pane and the API's info route show them: where the
// bytes are, size, content type, digests (S3 ETag, DANDI sha2-256 and dandi-etag), the DANDI asset and its metadata,
// and links to open it on the web (dandiWebLinks: the instance's file browser, Neurosift for NWB).
import type { Archive } from '../archive/archive.js';
import { dandiWebLinks } from '../dandi/web-links.js';
import type { FileInfo } from './explorer.js';

/** The details of the file at `uri` (InvalidInputError for folders, NotFoundError for missing files). */
export async function readFileInfo(archive: Archive, uri: string): Promise<FileInfo> {
  const location = await archive.resolveFile(archive.parse(uri));
  const base: FileInfo = {
    uri,
    name: location.name,
    ...(location.size !== undefined ? { size: location.size } : {}),
    location:
      location.kind === 'local' ? { kind: 'local', path: location.path } : { kind: 'remote', url: location.url },
    digests: {},
    links: [],
  };
  if (location.kind === 'local') return base;
  const asset = location.asset;
  const digests: Record<string, string> = {};
  for (const [kind, value] of Object.entries(asset?.digests ?? {}))
    if (typeof value === 'string') digests[kind] = value;
  return {
    ...base,
    ...(location.contentType !== undefined ? { contentType: location.contentType } : {}),
    ...(location.etag !== undefined ? { etag: location.etag } : {}),
    digests,
    ...(location.object !== undefined ? { object: location.object } : {}),
    ...(asset
      ? {
          asset: {
            instance: asset.instance,
            ...(asset.dandisetId !== undefined ? { dandisetId: asset.dandisetId } : {}),
            ...(asset.version !== undefined ? { version: asset.version } : {}),
            assetId: asset.assetId,
            path: asset.path,
            ...(asset.encodingFormat !== undefined ? { encodingFormat: asset.encodingFormat } : {}),
            embargoed: asset.embargoed,
            metadata: asset.metadata,
          },
          links: dandiWebLinks(archive.dandi(asset.instance).instance, asset),
        }
      : {}),
  };
}
