// An S3 object as a ByteSource: unsigned GetObject with a Range header (the SDK client does its own retries).
// Like the HTTP source, the size comes from the Content-Range of a first ranged GET, whose bytes are kept.
import type { S3Client } from '@aws-sdk/client-s3';
import { loadS3Sdk } from '../bucket/s3-client.js';
import { untrustedCertificateError } from '../certificate-trust.js';
import { AuthRequiredError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import { RangedSource, type RangeResponse } from './ranged-source.js';

/** Options of an S3 object source. */
export interface S3SourceOptions {
  /** Bytes fetched by the first GET that also learns the size. */
  probeBytes?: number;
  /** A single request must finish within this time. */
  timeoutMs?: number;
}

/** Reads one S3 object by byte ranges. */
export class S3Source extends RangedSource {
  readonly location: string;
  private readonly timeoutMs: number;

  constructor(
    /** The client, or a promise of it (the SDK loads on first use). */
    private readonly client: S3Client | Promise<S3Client>,
    readonly bucket: string,
    readonly key: string,
    options: S3SourceOptions = {},
  ) {
    super(options.probeBytes ?? 64 * 1024);
    this.location = `s3://${bucket}/${key}`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  protected async get(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    const abortSignal = AbortSignal.any([
      this.closing.signal,
      AbortSignal.timeout(this.timeoutMs),
      ...(signal ? [signal] : []),
    ]);
    try {
      const [{ GetObjectCommand }, client] = await Promise.all([loadS3Sdk(), this.client]);
      this.counters.requests++;
      const out = await client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key, Range: `bytes=${offset}-${offset + length - 1}` }),
        { abortSignal },
      );
      const match = out.ContentRange ? /\/\s*(\d+)\s*$/.exec(out.ContentRange) : null;
      if (!match?.[1]) {
        throw new ProtocolError(
          `${this.location} answered a range request without a usable Content-Range header.`,
          this.location,
        );
      }
      const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
      this.counters.bytesFetched += bytes.length;
      return { bytes, total: Number(match[1]) };
    } catch (error) {
      throw this.describe(error, abortSignal);
    }
  }

  private describe(error: unknown, signal: AbortSignal): Error {
    if (error instanceof ProtocolError || error instanceof NetworkError) return error;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = error instanceof Error ? error.name : '';
    if (status === 416 || name === 'InvalidRange') {
      // An empty object has no byte 0: report its size as 0 by an empty read.
      return new ProtocolError(`${this.location} has no bytes in the requested range.`, this.location);
    }
    if (status === 404 || name === 'NoSuchKey' || name === 'NotFound') {
      return new NotFoundError(`No object ${this.key} exists in bucket ${this.bucket}.`, this.location);
    }
    if (status === 401 || status === 403)
      return new AuthRequiredError(`${this.location} needs credentials (HTTP ${status}).`, this.location);
    if (signal.aborted && !this.closing.signal.aborted) {
      return new NetworkError(
        `A range request to ${this.location} timed out after ${this.timeoutMs} ms.`,
        this.location,
        true,
        status,
        { cause: error },
      );
    }
    const untrusted = untrustedCertificateError(error, this.location);
    if (untrusted) return untrusted;
    const detail = error instanceof Error ? error.message : String(error);
    return new NetworkError(
      `Could not read ${this.location}: ${detail}.`,
      this.location,
      status === undefined || status >= 500 || status === 429,
      status,
      { cause: error },
    );
  }
}
