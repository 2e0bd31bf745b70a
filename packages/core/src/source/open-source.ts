// Pick the ByteSource for what a user typed: an http(s) URL, an s3:// URL, or a local path.
import { createUnsignedS3Client, type S3Location } from '../bucket/s3-client.js';
import { InvalidInputError } from '../errors.js';
import { BlockCache, CachedSource, type CachedSourceOptions } from './block-cache.js';
import type { ByteSource } from './byte-source.js';
import { FileSource } from './file-source.js';
import { HttpSource, type HttpSourceOptions } from './http-source.js';
import { S3Source } from './s3-source.js';

/** How remote sources are reached and cached. */
export interface ByteSourceOptions extends HttpSourceOptions, Omit<CachedSourceOptions, 'cache'> {
  /** Block cache to use (default: the process-wide one). */
  cache?: BlockCache;
  /** Where `s3://bucket/key` URLs are served (default: AWS us-east-1, virtual-host style). */
  s3?: S3Location;
}

/** What kind of target a string names. */
export type TargetKind = 'http' | 's3' | 'file';

/** Whether a string is an http(s) URL, an s3:// URL or a local path (file:// URLs count as paths). */
export function targetKind(target: string): TargetKind {
  if (/^https?:\/\//i.test(target)) return 'http';
  if (/^s3:\/\//i.test(target)) return 's3';
  return 'file';
}

/** A local path from a path or file:// URL. */
export function localPath(target: string): string {
  return target.startsWith('file://') ? decodeURIComponent(new URL(target).pathname) : target;
}

/** A ByteSource for a URL or path; remote ones come wrapped in the block cache. */
export function openByteSource(target: string, options: ByteSourceOptions = {}): ByteSource {
  const kind = targetKind(target);
  if (kind === 'file') return new FileSource(localPath(target));
  const cacheOptions: CachedSourceOptions = { ...options };
  if (kind === 'http') return new CachedSource(new HttpSource(target, options), cacheOptions);
  const match = /^s3:\/\/([^/]+)\/(.+)$/i.exec(target);
  if (!match) throw new InvalidInputError(`"${target}" is not an s3://bucket/key URL.`, target);
  const location: S3Location = options.s3 ?? {
    endpoint: 'https://s3.us-east-1.amazonaws.com',
    region: 'us-east-1',
    forcePathStyle: false,
  };
  const client = createUnsignedS3Client(location);
  return new CachedSource(
    new S3Source(client, match[1]!, match[2]!, { timeoutMs: options.retry?.timeoutMs }),
    cacheOptions,
  );
}
