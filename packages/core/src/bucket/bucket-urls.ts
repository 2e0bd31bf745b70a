// Bucket objects are named three ways: s3://bucket/key, virtual-host https://bucket.s3[.region].amazonaws.com/key
// and path-style https://s3[.region].amazonaws.com/bucket/key (plus the configured endpoint, e.g. the sample
// archive's http://127.0.0.1:PORT/bucket/key). These pure helpers convert between them and bucket keys.
import type { BucketConfig } from '../config.js';

/** One object (or prefix, when the key ends with "/") in one bucket. */
export interface BucketRef {
  bucket: string;
  /** Decoded key; "" for the bucket's root. */
  key: string;
}

const VIRTUAL_HOST = /^(?<bucket>[a-z0-9][a-z0-9.-]*[a-z0-9])\.s3(?:[.-](?<region>[a-z0-9-]+))?\.amazonaws\.com$/;
const PATH_STYLE_HOST = /^s3(?:[.-](?<region>[a-z0-9-]+))?\.amazonaws\.com$/;

/** `s3://bucket/key`, with the key's characters kept as they are (S3 keys may hold spaces). */
export function formatS3Uri(ref: BucketRef): string {
  return `s3://${ref.bucket}/${ref.key}`;
}

/** The bucket and key of an `s3://` URI, or undefined if `uri` is not one. */
export function parseS3Uri(uri: string): BucketRef | undefined {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/s.exec(uri);
  if (!match || match[1] === undefined) return undefined;
  return { bucket: match[1], key: match[2] ?? '' };
}

/**
 * The bucket and key an https URL points at, if it is an S3 URL: AWS virtual-host or path-style, or path-style
 * under the configured endpoint. Undefined for any other URL.
 */
export function parseBucketUrl(url: string, s3: Pick<BucketConfig, 'endpoint'>): BucketRef | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const path = decodePath(parsed.pathname);
  if (path === undefined) return undefined;

  const endpoint = new URL(s3.endpoint);
  const endpointPath = endpoint.pathname.replace(/\/+$/, '');
  if (parsed.origin === endpoint.origin && (endpointPath === '' || path.startsWith(`${endpointPath}/`))) {
    return splitBucketPath(path.slice(endpointPath.length));
  }
  const virtual = VIRTUAL_HOST.exec(host);
  if (virtual?.groups?.bucket !== undefined) return { bucket: virtual.groups.bucket, key: path.replace(/^\//, '') };
  if (PATH_STYLE_HOST.test(host)) return splitBucketPath(path);
  return undefined;
}

/** The URL that serves `key` of `bucket` at the configured endpoint, path-style or virtual-host as configured. */
export function objectUrl(s3: Pick<BucketConfig, 'endpoint' | 'forcePathStyle'>, ref: BucketRef): string {
  const encodedKey = encodeKey(ref.key);
  if (s3.forcePathStyle) return `${s3.endpoint}/${ref.bucket}/${encodedKey}`;
  const endpoint = new URL(s3.endpoint);
  return `${endpoint.protocol}//${ref.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}/${encodedKey}`;
}

/**
 * Where the bytes of an S3 URL (e.g. an asset's contentUrl) are fetched from under this configuration: URLs of the
 * configured bucket, in any form, move to the configured endpoint (the sample archive's, when overridden); any
 * other URL is returned unchanged.
 */
export function resolveObjectUrl(s3: BucketConfig, url: string): string {
  const ref = parseBucketUrl(url, s3);
  // Other buckets may live in other regions, where the configured endpoint could not serve them.
  if (ref === undefined || ref.bucket !== s3.bucket) return url;
  return objectUrl(s3, ref);
}

/** Percent-encode a key for a URL path, keeping "/" as the separator. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function splitBucketPath(path: string): BucketRef | undefined {
  const match = /^\/([^/]+)(?:\/(.*))?$/s.exec(path);
  if (!match || match[1] === undefined) return undefined;
  return { bucket: match[1], key: match[2] ?? '' };
}

function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}
