// A file behind an HTTP(S) URL, read with Range requests. The size comes from the Content-Range of a first ranged
// GET (not HEAD: DANDI's S3 CORS blocks HEAD, see flatironinstitute/neurosift src/pages/NwbPage/hdf5Interface.ts
// headRequest and docs/h5wasm.md §5.9), and the bytes of that first GET are kept so opening an HDF5 file costs no
// extra request.
// Over https, fetch trusts Node's roots plus NODE_EXTRA_CA_CERTS: that is how a private CA (the sample archive's
// --tls one) is trusted for range reads; a certificate it refuses fails at once with UntrustedCertificateError.
import { untrustedCertificateError } from '../certificate-trust.js';
import { AuthRequiredError, NetworkError, NotFoundError, ProtocolError, UntrustedCertificateError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import { RangedSource, type RangeResponse } from './ranged-source.js';
import { DEFAULT_RANGE_RETRY_POLICY, parseRetryAfter, withRetries, type TimedRetryPolicy } from '../retry.js';

/** Options of an HTTP range source. */
export interface HttpSourceOptions {
  retry?: Partial<TimedRetryPolicy>;
  /** Bytes fetched by the first GET that also learns the size. */
  probeBytes?: number;
  /** Extra request headers (e.g. Authorization for embargoed DANDI assets). */
  headers?: Record<string, string>;
}

/** Reads a URL by byte ranges; follows redirects (DANDI download URL -> S3) and remembers where they led. */
export class HttpSource extends RangedSource {
  readonly location: string;
  private resolvedUrl: string;
  private readonly policy: TimedRetryPolicy;
  private readonly headers: Record<string, string>;

  constructor(url: string, options: HttpSourceOptions = {}) {
    super(options.probeBytes ?? 64 * 1024);
    this.location = url;
    this.resolvedUrl = url;
    this.policy = { ...DEFAULT_RANGE_RETRY_POLICY, ...options.retry };
    this.headers = options.headers ?? {};
  }

  protected override closedReason(): unknown {
    return new NetworkError(
      `Reading ${this.location} was cancelled because the file was closed.`,
      this.location,
      false,
    );
  }

  protected get(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    const outer = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    return withRetries(
      this.policy,
      (attemptSignal) => this.getOnce(offset, length, attemptSignal ?? outer),
      (error) => (error instanceof NetworkError && error.retryable ? { retryAfterMs: error.retryAfterMs } : undefined),
      { signal: outer, timeoutMs: this.policy.timeoutMs },
    );
  }

  private async getOnce(
    offset: number,
    length: number,
    signal: AbortSignal,
  ): Promise<{ bytes: Uint8Array; total: number }> {
    const url = this.resolvedUrl;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          ...this.headers,
          Range: `bytes=${offset}-${offset + length - 1}`,
          'User-Agent': USER_AGENT,
          'Accept-Encoding': 'identity',
        },
        redirect: 'follow',
        signal,
      });
    } catch (error) {
      throw this.transportError(error, signal);
    }
    this.counters.requests++;
    if (response.redirected && response.url) this.resolvedUrl = response.url;
    const status = response.status;
    if (status === 206 || status === 416) {
      const encoding = response.headers.get('content-encoding');
      if (encoding && encoding !== 'identity') {
        await response.body?.cancel();
        throw new ProtocolError(
          `${this.location} is served with Content-Encoding ${encoding}, so byte ranges cannot be read.`,
          this.location,
        );
      }
      const total = parseTotal(response.headers.get('content-range'));
      if (total === undefined) {
        await response.body?.cancel();
        throw new ProtocolError(
          `${this.location} answered a range request without a usable Content-Range header.`,
          this.location,
        );
      }
      if (status === 416) {
        await response.body?.cancel();
        return { bytes: new Uint8Array(0), total };
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw this.transportError(error, signal);
      }
      this.counters.bytesFetched += bytes.length;
      const expected = Math.max(0, Math.min(length, total - offset));
      if (bytes.length < expected) {
        throw new NetworkError(
          `The connection to ${this.location} closed after ${bytes.length} of ${expected} bytes.`,
          this.location,
          true,
        );
      }
      return { bytes: bytes.length > expected ? bytes.subarray(0, expected) : bytes, total };
    }
    await response.body?.cancel().catch(() => undefined);
    if (status === 200) {
      throw new ProtocolError(
        `${this.location} ignores Range requests (it sent the whole file), so it cannot be read in parts.`,
        this.location,
      );
    }
    if (status === 404 || status === 410)
      throw new NotFoundError(`Nothing is found at ${this.location}.`, this.location);
    if (status === 401 || status === 403) {
      if (url !== this.location) {
        // A redirect target (e.g. a presigned S3 URL) may have expired: go back through the original URL once.
        this.resolvedUrl = this.location;
        throw new NetworkError(
          `The redirect target of ${this.location} refused access (HTTP ${status}).`,
          this.location,
          true,
          status,
        );
      }
      throw new AuthRequiredError(`${this.location} needs credentials (HTTP ${status}).`, this.location);
    }
    const retryable = status === 429 || status >= 500;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const message = `${this.location} answered HTTP ${status} to a range request.`;
    throw new NetworkError(message, this.location, retryable, status, {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  private transportError(error: unknown, signal: AbortSignal): NetworkError | UntrustedCertificateError {
    if (error instanceof NetworkError) return error;
    // Not retryable (withRetries retries NetworkErrors only): the sentence says how to trust the certificate.
    const untrusted = untrustedCertificateError(error, this.resolvedUrl);
    if (untrusted) return untrusted;
    if (this.closing.signal.aborted) {
      return new NetworkError(
        `Reading ${this.location} was cancelled because the file was closed.`,
        this.location,
        false,
        undefined,
        { cause: error },
      );
    }
    if (signal.aborted) {
      const reason: unknown = signal.reason;
      const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
      const message = timedOut
        ? `A range request to ${this.location} timed out after ${this.policy.timeoutMs} ms.`
        : `A range request to ${this.location} was cancelled.`;
      return new NetworkError(message, this.location, timedOut, undefined, { cause: error });
    }
    const detail =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return new NetworkError(`Could not read ${this.location}: ${detail}.`, this.location, true, undefined, {
      cause: error,
    });
  }
}

/** Total size from `Content-Range: bytes a-b/total` or `bytes *\/total`. */
function parseTotal(header: string | null): number | undefined {
  const match = header ? /\/\s*(\d+)\s*$/.exec(header) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
