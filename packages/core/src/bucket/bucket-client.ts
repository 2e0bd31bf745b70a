// Read-only access to one S3 bucket: delimiter listings page by page and object HEADs, with S3's failures turned
// into ember-archive's typed errors (each naming the key or URL involved).
import type { S3Client } from '@aws-sdk/client-s3';
import { untrustedCertificateError } from '../certificate-trust.js';
import type { BucketConfig } from '../config.js';
import { AuthRequiredError, EmberError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import { formatS3Uri, objectUrl } from './bucket-urls.js';
import { createUnsignedS3Client, loadS3Sdk } from './s3-client.js';

/** A "folder": a CommonPrefix of a delimiter listing. */
export interface BucketFolder {
  /** Full prefix, ending with "/", e.g. "other/kumar2025/". */
  prefix: string;
  /** Last segment without the slash, e.g. "kumar2025". */
  name: string;
}

/** An object in a listing or from a HEAD. */
export interface BucketObject {
  key: string;
  /** Last segment of the key. */
  name: string;
  size: number;
  /** ETag without quotes (MD5 hex, or `<md5>-<parts>` for multipart uploads). */
  etag?: string;
  lastModified?: Date;
  contentType?: string;
}

/** One page of a delimiter listing (at most `pageSize` entries, folders and objects together). */
export interface BucketPage {
  folders: BucketFolder[];
  objects: BucketObject[];
}

/** Options of {@link BucketClient.listPrefix}. */
export interface ListPrefixOptions {
  /** MaxKeys per request (S3 caps it at 1000). */
  pageSize?: number;
  /** Without a delimiter the listing is flat: every key under the prefix, no folders. */
  delimiter?: string | null;
  signal?: AbortSignal;
}

/** Options of {@link BucketClient}. */
export interface BucketClientOptions {
  /** The bucket to read; defaults to the configured one. */
  bucket?: string;
  /** Share one S3 client between buckets (or a function making it on first use); made from the configuration otherwise. */
  client?: S3Client | (() => Promise<S3Client>);
  maxAttempts?: number;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
}

/** Lists and HEADs the objects of one bucket, unsigned. */
export class BucketClient {
  readonly bucket: string;
  readonly #s3: BucketConfig;
  readonly #options: BucketClientOptions;
  #client: Promise<S3Client> | undefined;

  constructor(s3: BucketConfig, options: BucketClientOptions = {}) {
    this.#s3 = s3;
    this.#options = options;
    this.bucket = options.bucket ?? s3.bucket;
  }

  /** The S3 client, made on first use (the SDK loads only then). */
  #s3Client(): Promise<S3Client> {
    const { client, maxAttempts, timeoutMs } = this.#options;
    this.#client ??=
      typeof client === 'function'
        ? client()
        : client !== undefined
          ? Promise.resolve(client)
          : createUnsignedS3Client({
              endpoint: this.#s3.endpoint,
              region: this.#s3.region,
              forcePathStyle: this.#s3.forcePathStyle,
              ...(maxAttempts === undefined ? {} : { maxAttempts }),
              ...(timeoutMs === undefined ? {} : { timeoutMs }),
            });
    return this.#client;
  }

  /** The HTTP(S) URL serving `key` at the configured endpoint. */
  objectUrl(key: string): string {
    return objectUrl(this.#s3, { bucket: this.bucket, key });
  }

  /** One level under `prefix` ("" for the root, else ending with "/"), page by page, following continuation tokens. */
  async *listPrefix(prefix: string, options: ListPrefixOptions = {}): AsyncGenerator<BucketPage> {
    const delimiter = options.delimiter === undefined ? '/' : options.delimiter;
    const [{ ListObjectsV2Command }, client] = await Promise.all([loadS3Sdk(), this.#s3Client()]);
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: prefix,
        ...(delimiter === null ? {} : { Delimiter: delimiter }),
        MaxKeys: Math.min(options.pageSize ?? 1000, 1000),
        ...(token === undefined ? {} : { ContinuationToken: token }),
      });
      const output = await this.#send(() => client.send(command, { abortSignal: options.signal }), prefix);
      const folders: BucketFolder[] = (output.CommonPrefixes ?? []).flatMap((p) =>
        p.Prefix === undefined ? [] : [{ prefix: p.Prefix, name: lastSegment(p.Prefix) }],
      );
      const objects: BucketObject[] = (output.Contents ?? []).flatMap((o) =>
        o.Key === undefined
          ? []
          : [
              {
                key: o.Key,
                name: lastSegment(o.Key),
                size: o.Size ?? 0,
                ...(o.ETag === undefined ? {} : { etag: unquote(o.ETag) }),
                ...(o.LastModified === undefined ? {} : { lastModified: o.LastModified }),
              },
            ],
      );
      yield { folders, objects };
      if (output.IsTruncated && !output.NextContinuationToken) {
        throw new ProtocolError(
          `The listing of ${this.#uri(prefix)} is truncated but carries no continuation token.`,
          this.objectUrl(prefix),
        );
      }
      token = output.IsTruncated ? output.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** Size, ETag and date of the object at `key`; NotFoundError if there is none. */
  async headObject(key: string, signal?: AbortSignal): Promise<BucketObject> {
    const [{ HeadObjectCommand }, client] = await Promise.all([loadS3Sdk(), this.#s3Client()]);
    const command = new HeadObjectCommand({ Bucket: this.bucket, Key: key });
    const output = await this.#send(() => client.send(command, { abortSignal: signal }), key);
    return {
      key,
      name: lastSegment(key),
      size: output.ContentLength ?? 0,
      ...(output.ETag === undefined ? {} : { etag: unquote(output.ETag) }),
      ...(output.LastModified === undefined ? {} : { lastModified: output.LastModified }),
      ...(output.ContentType === undefined ? {} : { contentType: output.ContentType }),
    };
  }

  async #send<T>(request: () => Promise<T>, key: string): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.#translate(error, key);
    }
  }

  #translate(error: unknown, key: string): EmberError {
    if (error instanceof EmberError) return error;
    const name = error instanceof Error ? error.name : '';
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const uri = this.#uri(key);
    const url = this.objectUrl(key);
    if (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket')) {
      return new NotFoundError(`No object at ${uri}.`, uri);
    }
    if (name === 'NoSuchBucket')
      return new NotFoundError(`There is no bucket "${this.bucket}" at ${this.#s3.endpoint}.`, uri);
    if (status === 401 || status === 403) {
      return new AuthRequiredError(
        `${uri} is not public (HTTP ${status}); ember-archive reads public buckets only.`,
        url,
      );
    }
    if (status !== undefined && status < 300) {
      // A success the SDK could not read: its XML was damaged, or no XML parser exists here (bucket/xml-dom.ts).
      const why = error instanceof Error ? error.message : String(error);
      return new ProtocolError(`The S3 server's answer for ${url} could not be read (${why}).`, url, { cause: error });
    }
    if (status !== undefined) {
      const retryable = status === 429 || status >= 500;
      return new NetworkError(`The S3 server answered HTTP ${status} for ${url}.`, url, retryable, status, {
        cause: error,
      });
    }
    if (name === 'AbortError')
      return new NetworkError(`The request for ${url} was aborted.`, url, false, undefined, { cause: error });
    const untrusted = untrustedCertificateError(error, url);
    if (untrusted) return untrusted;
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
    return new NetworkError(`Cannot reach the S3 endpoint ${this.#s3.endpoint} (${why}).`, url, true, undefined, {
      cause: error,
    });
  }

  #uri(key: string): string {
    return formatS3Uri({ bucket: this.bucket, key });
  }
}

function lastSegment(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}
