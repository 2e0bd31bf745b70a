// What the archive says about a file: size, digests, DANDI asset metadata and the links out (the DANDI web
// browser, Neurosift, the download). Links come from the API; only http(s) URLs become links, so an archive value
// can never turn into a javascript: URL.
import type { FileInfo } from '../api/client.js';
import { formatBytes } from '../format.js';

/** `url` if it is an http(s) URL, else undefined. */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The dandischema fields shown, read by name from the asset's metadata (other fields stay in the API's JSON). */
export function assetFields(metadata: unknown): [string, string][] {
  if (typeof metadata !== 'object' || metadata === null) return [];
  const record = metadata as Record<string, unknown>;
  const fields: [string, string][] = [];
  const text = (label: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') fields.push([label, String(value)]);
  };
  text('Format', record.encodingFormat);
  text('Modified', record.dateModified);
  text('Blob modified', record.blobDateModified);
  // Core's AssetMetadata reads `access[].status` into `accessStatus`; a raw dandischema document has `access`.
  const access = Array.isArray(record.access) ? (record.access[0] as { status?: unknown } | undefined) : undefined;
  text('Access', record.accessStatus ?? access?.status);
  return fields;
}

/** The asset card of the File view. */
export function AssetCard({ info }: { info: FileInfo }) {
  const links = [
    ['Open in the DANDI web browser', safeHref(info.links.dandiWeb)],
    ['Open in Neurosift', safeHref(info.links.neurosift)],
    ['Download', safeHref(info.links.download)],
  ] as const;
  const digests = Object.entries(info.digests ?? {});
  const asset = info.asset;
  return (
    <section className="card" aria-labelledby="asset-title">
      <h2 id="asset-title">File</h2>
      <dl className="fields">
        <dt>Name</dt>
        <dd>{info.name}</dd>
        <dt>Identifier</dt>
        <dd className="mono">{info.uri}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(info.size)}
          {info.size !== undefined && <span className="muted"> ({info.size.toLocaleString('en-US')} bytes)</span>}
        </dd>
        {asset !== undefined && (
          <>
            <dt>Dandiset</dt>
            <dd>
              {asset.dandisetId ?? '—'}
              {asset.version !== undefined && ` (${asset.version})`}
              {asset.embargoed && <span className="badge">embargoed</span>}
            </dd>
            <dt>Asset path</dt>
            <dd className="mono">{asset.path}</dd>
            <dt>Asset id</dt>
            <dd className="mono">{asset.assetId}</dd>
          </>
        )}
        {info.object !== undefined && (
          <>
            <dt>Bucket object</dt>
            <dd className="mono">
              s3://{info.object.bucket}/{info.object.key}
            </dd>
          </>
        )}
        {info.etag !== undefined && (
          <>
            <dt>ETag</dt>
            <dd className="mono digest">{info.etag}</dd>
          </>
        )}
        {assetFields(asset?.metadata).map(([label, value]) => (
          <div key={label} className="field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {digests.map(([algorithm, value]) => (
          <div key={algorithm} className="field">
            <dt>{algorithm}</dt>
            <dd className="mono digest">{value}</dd>
          </div>
        ))}
      </dl>
      <ul className="links">
        {links.map(([label, href]) =>
          href === undefined ? null : (
            <li key={label}>
              <a href={href} target="_blank" rel="noopener noreferrer">
                {label}
              </a>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
