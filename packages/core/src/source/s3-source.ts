// An S3 object as a ByteSource: unsigned GetObject with a Range header (the SDK client does its own retries).
// Like the HTTP source, the size comes from the Content-Range of a first ranged GET, whose bytes are kept.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AuthRequiredError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import type { ByteSource, FetchStats } from './byte-source.js';

/** Options of an S3 object source. */
export interface S3SourceOptions {
  /** Bytes fetched by the first GET that also learns the size. */
  probeBytes?: number;
  /** A single request must finish within this time. */
  timeoutMs?: number;
}

/** Reads one S3 object by byte ranges. */
export class S3Source implements ByteSource {
  readonly location: string;
  private sizePromise: Promise<number> | undefined;
  private head: Uint8Array | undefined;
  private readonly probeBytes: number;
  private readonly timeoutMs: number;
  private readonly counters: FetchStats = { requests: 0, bytesFetched: 0, cacheHits: 0, cacheMisses: 0 };
  private readonly closing = new AbortController();

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    readonly key: string,
    options: S3SourceOptions = {},
  ) {
    this.location = `s3://${bucket}/${key}`;
    this.probeBytes = options.probeBytes ?? 64 * 1024;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Size from the first ranged GET's Content-Range. */
  size(): Promise<number> {
    this.sizePromise ??= this.get(0, this.probeBytes).then(({ bytes, total }) => {
      this.head = bytes;
      return total;
    });
    return this.sizePromise;
  }

  /** Bytes [offset, offset+length), fewer only at the end of the object. */
  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    const size = await this.size();
    const end = Math.min(offset + length, size);
    if (end <= offset) return new Uint8Array(0);
    const head = this.head;
    if (head && end <= head.length) return head.slice(offset, end);
    // A read that starts inside the probed head fetches only what lies past it (cache blocks smaller than the probe
    // would otherwise fetch those bytes twice).
    if (head && offset < head.length) {
      const { bytes } = await this.get(head.length, end - head.length, signal);
      const out = new Uint8Array(head.length - offset + bytes.length);
      out.set(head.subarray(offset), 0);
      out.set(bytes, head.length - offset);
      return out;
    }
    return (await this.get(offset, end - offset, signal)).bytes;
  }

  /** Requests and bytes spent so far. */
  stats(): FetchStats {
    return { ...this.counters };
  }

  /** Abort requests still running. */
  async close(): Promise<void> {
    this.closing.abort();
    this.head = undefined;
  }

  private async get(offset: number, length: number, signal?: AbortSignal): Promise<{ bytes: Uint8Array; total: number }> {
    const abortSignal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.timeoutMs), ...(signal ? [signal] : [])]);
    try {
      this.counters.requests++;
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key, Range: `bytes=${offset}-${offset + length - 1}` }),
        { abortSignal },
      );
      const match = out.ContentRange ? /\/\s*(\d+)\s*$/.exec(out.ContentRange) : null;
      if (!match?.[1]) {
        throw new ProtocolError(`${this.location} answered a range request without a usable Content-Range header.`, this.location);
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
    if (status === 401 || status === 403) return new AuthRequiredError(`${this.location} needs credentials (HTTP ${status}).`, this.location);
    if (signal.aborted && !this.closing.signal.aborted) {
      return new NetworkError(`A range request to ${this.location} timed out after ${this.timeoutMs} ms.`, this.location, true, status, { cause: error });
    }
    const detail = error instanceof Error ? error.message : String(error);
    return new NetworkError(`Could not read ${this.location}: ${detail}.`, this.location, status === undefined || status >= 500 || status === 429, status, { cause: error });
  }
}
